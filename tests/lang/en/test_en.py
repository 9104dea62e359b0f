"""English figures and dates (published Saturday 2024-11-30)."""

import datetime as dt

import pytest

from marsad.lang import analyze

PUB = dt.date(2024, 11, 30)


@pytest.mark.parametrize(("text", "value", "low", "high", "noun"), [
    ("At least 6 people were killed", 6, None, None, "people"),
    ("dozens were wounded", None, 24, None, "were"),
    ("they took more than 50 villages", None, 51, None, "villages"),
    ("some 40 fighters", 40, 36, 44, "fighters"),
    ("about 40 km away", 40, 36, 44, "km"),
    ("nearly 40 dead", 40, 36, 44, "dead"),
    ("two hundred and twenty-five fighters", 225, None, None, "fighters"),
    ("tens of thousands displaced", None, 20000, None, "displaced"),
    ("hundreds of families", None, 200, None, "families"),
    ("1,200 homes", 1200, None, None, "homes"),
    ("1.5 million refugees", 1_500_000, None, None, "refugees"),
])
def test_numbers(text: str, value, low, high, noun) -> None:
    nums = [(n.value, n.low, n.high, n.noun) for n in analyze(text, "en", PUB).numbers if n.kind == "count"]
    assert nums == [(value, low, high, noun)]


@pytest.mark.parametrize(("text", "phrase", "date", "precision", "role"), [
    ("Shelling on Friday killed", "on Friday", "2024-11-29", "day", "point"),
    ("Shelling Friday killed", "Friday", "2024-11-29", "day", "point"),
    ("It was hit last Saturday", "last Saturday", "2024-11-23", "day", "point"),
    ("late on Thursday", "late on Thursday", "2024-11-28", "day", "point"),
    ("strikes overnight hit", "overnight", {"from": "2024-11-29", "to": "2024-11-30"}, "span", "point"),
    ("strikes last night hit", "last night", {"from": "2024-11-29", "to": "2024-11-30"}, "span", "point"),
    ("killed yesterday", "yesterday", "2024-11-29", "day", "point"),
    ("killed last week", "last week", {"from": "2024-11-23", "to": "2024-11-29"}, "week", "point"),
    ("on 7 April 2018 a", "7 April 2018", "2018-04-07", "day", "point"),
    ("on April 7, 2018 a", "April 7, 2018", "2018-04-07", "day", "point"),
    ("on 27 November a", "27 November", "2024-11-27", "day", "point"),
    ("on the 27th of December a", "27th of December", "2023-12-27", "day", "point"),
    ("in May 2019 a", "May 2019", {"from": "2019-05-01", "to": "2019-05-31"}, "month", "point"),
    ("since 2016 the", "since 2016", {"from": "2016-01-01", "to": "2016-12-31"}, "year", "since"),
    ("since Wednesday the", "since Wednesday", "2024-11-27", "day", "since"),
])
def test_dates(text: str, phrase: str, date, precision: str, role: str) -> None:
    got = [(d.text, d.range.to_json(), d.range.precision, d.role) for d in analyze(text, "en", PUB).dates]
    assert got == [(phrase, date, precision, role)]


def test_may_as_a_verb_is_not_a_date() -> None:
    assert analyze("They may return", "en", PUB).dates == []


def test_sentences_respect_decimals_and_abbreviations() -> None:
    text = "Mr. Smith said 1.5 million fled. Was it? Yes!\nNew line"
    a = analyze(text, "en", PUB)
    assert [text[s:e] for s, e in a.sentences] == [
        "Mr. Smith said 1.5 million fled.", "Was it?", "Yes!", "New line"]


def test_detects_language() -> None:
    assert analyze("Aleppo was shelled").lang == "en"
    assert analyze("قصفت حلب").lang == "ar"
