"""Phrasings common in wire copy, written for these tests."""

import datetime as dt

from tests.extract.conftest import of_kind

PUB = dt.date(2024, 12, 3)


def _cas(facts):
    return [(c["outcome"], c["count"], c["party"], c["cumulative"], c["since"]) for c in of_kind(facts, "casualties")]


def test_a_toll_since_the_offensive_began_on_a_date_en(run):
    facts = run("The Observatory said the death toll since the offensive began on 27 November had risen to 704, "
                "including 110 civilians.", "en", published=PUB)
    assert _cas(facts) == [("killed", 704, "all", True, "2024-11-27"), ("killed", 110, "civilian", True, "2024-11-27")]


def test_a_toll_since_the_offensive_began_on_a_date_ar(run):
    facts = run("وقال المرصد إن حصيلة القتلى منذ بدء الهجوم في 27 تشرين الثاني ارتفعت إلى 704 بينهم 110 مدنيين.",
                "ar", published=PUB)
    assert _cas(facts) == [("killed", 704, "all", True, "2024-11-27"), ("killed", 110, "civilian", True, "2024-11-27")]


def test_killed_and_injured_joined_by_wa_are_two_outcomes(run):
    facts = run("قتل جنديان وأصيب خمسة آخرون بانفجار عبوة ناسفة استهدفت دورية للجيش السوري قرب مدينة درعا.",
                "ar", published=PUB)
    assert [(c[0], c[1]) for c in _cas(facts)] == [("killed", 2), ("injured", 5)]
    ev = of_kind(facts, "event")
    assert [(e["sub_type"], e["actor1"], e["actor2"]) for e in ev] == [
        ("Remote explosive/landmine/IED", "unidentified", "syria-military")]
