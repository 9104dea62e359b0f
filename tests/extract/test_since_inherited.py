"""A running toll without its own start point counts from the start the story gave before it."""

import datetime as dt

from tests.extract.conftest import of_kind


def test_a_toll_of_the_fighting_counts_from_the_offensive_named_earlier(run):
    text = ("شنت الفصائل هجوما واسعا على مواقع الجيش في ريف حماة منذ يوم الاثنين.\n\n"
            "وارتفع عدد القتلى خلال أيام المعارك إلى 64 بينهم 12 مدنيا، بحسب المرصد السوري لحقوق الإنسان.")
    cas = of_kind(run(text, "ar", published=dt.date(2024, 11, 30)), "casualties")
    assert cas and all(c["since"] == "2024-11-25" for c in cas if c["cumulative"])


def test_history_recalled_is_not_the_start_of_the_count(run):
    text = ("The city was bombed for the first time since 2016.\n\n"
            "So far 40 people have been killed in the fighting, the Observatory said.")
    cas = of_kind(run(text, "en", published=dt.date(2024, 11, 30)), "casualties")
    assert cas and cas[0]["cumulative"] is True and cas[0]["since"] is None


def test_an_incident_gets_no_start_point(run):
    text = ("The offensive has gone on since Monday.\n\n"
            "Three civilians were killed when a shell hit a school in Idlib, the civil defence said.")
    cas = of_kind(run(text, "en", published=dt.date(2024, 11, 30)), "casualties")
    assert cas and cas[0]["cumulative"] is False and cas[0]["since"] is None
