"""Aircraft named by a nationality adjective strike for that state; 'fighters' are combatants."""

import datetime as dt

from tests.extract.conftest import of_kind

PUB = dt.date(2024, 12, 3)


def test_turkish_drones_are_turkey_and_the_sdf_fighters_are_the_victims(run):
    ev = of_kind(run("Turkish drones struck a village near Qamishli on Sunday, killing three SDF fighters.", "en",
                     published=PUB), "event")
    assert [(e["sub_type"], e["actor1"], e["actor2"]) for e in ev] == [("Air/drone strike", "turkey", "sdf")]


def test_fighters_alone_are_not_aircraft(run):
    ev = of_kind(run("Dozens of SDF fighters entered the town of Hajin, the group said.", "en", published=PUB), "event")
    assert all(e["sub_type"] != "Air/drone strike" for e in ev)


def test_arabic_aircraft_then_adjective(run):
    ev = of_kind(run("قصفت الطائرات الحربية الروسية مدينة معرة النعمان صباح اليوم.", "ar", published=PUB), "event")
    assert [(e["sub_type"], e["actor1"]) for e in ev] == [("Air/drone strike", "russia-military")]
