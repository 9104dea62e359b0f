"""Two sides telling one fight a day apart contest each other."""

import datetime as dt

from tests.extract.conftest import of_kind


def test_an_army_denial_dated_the_day_before_still_contests_the_capture(run):
    text = ("قال المرصد السوري لحقوق الإنسان اليوم السبت إن الفصائل سيطرت على معظم مدينة سراقب.\n\n"
            "وقال الجيش في بيان يوم الجمعة إن قواته استعادت بعض المواقع في مدينة سراقب.")
    ctl = of_kind(run(text, "ar", published=dt.date(2024, 11, 30)), "control")
    assert {c["source"] for c in ctl} >= {"sohr", "syria-military-statement"}
    monitor = next(c for c in ctl if c["source"] == "sohr")
    assert [x["source"] for x in monitor["contested_by"]] == ["syria-military-statement"]


def test_claims_a_week_apart_are_two_moments_not_a_dispute(run):
    text = ("قال المرصد السوري لحقوق الإنسان اليوم السبت إن الفصائل سيطرت على مدينة سراقب.\n\n"
            "وقال الجيش في بيان في 20 تشرين الثاني 2024 إن قواته استعادت مدينة سراقب.")
    ctl = of_kind(run(text, "ar", published=dt.date(2024, 11, 30)), "control")
    assert all(c["contested_by"] == [] for c in ctl)
