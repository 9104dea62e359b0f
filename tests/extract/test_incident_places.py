"""Where an incident happened when its own sentence names no place."""

import datetime as dt

from tests.extract.conftest import of_kind

PUB = dt.date(2024, 11, 30)


def test_an_incident_page_puts_its_figures_in_the_town_it_is_about(run):
    text = ("Location: Maarat al-Numan (Idlib Governorate)\n"
            "First strike: about 22:10 Damascus local time\n"
            "Reported killed: 6\n\n"
            "Witnesses said the strike hit a bakery in Maarat al-Numan.")
    cas = of_kind(run(text, "en", published=PUB), "casualties")
    assert cas and all(c["place"] and c["place"]["name"] != "Damascus" for c in cas)
    assert {c["place"]["name"] for c in cas} == {"Ma'arrat al-Nu'man"}


def test_a_time_zone_is_not_a_place_ar(run):
    text = "قال الدفاع المدني إن ثلاثة مدنيين قتلوا في غارة على مدينة أريحا عند الساعة الرابعة بتوقيت دمشق."
    cas = of_kind(run(text, "ar", published=PUB), "casualties")
    assert [c["place"]["name"] for c in cas] == ["Ariha"]


def test_a_running_total_does_not_take_the_main_town(run):
    text = ("Shelling hit Ariha again on Friday.\n\n"
            "So far 90 civilians have been killed since the start of the year, the Observatory said.")
    cas = of_kind(run(text, "en", published=PUB), "casualties")
    assert cas and cas[0]["cumulative"] is True and cas[0]["place"] is None
