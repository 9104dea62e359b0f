"""The worked example (shared/eval/dev/docs.jsonl line 1, published 2024-11-30)."""

import datetime as dt
import json
from pathlib import Path

import pytest

from marsad.lang import analyze

DOCS = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev" / "docs.jsonl"


@pytest.fixture(scope="module")
def seed():
    if not DOCS.exists():
        pytest.skip(f"{DOCS} not present")
    doc = json.loads(DOCS.read_text(encoding="utf-8").splitlines()[0])
    return analyze(doc["text"], published=dt.date.fromisoformat(doc["published"]))


def test_language(seed) -> None:
    assert seed.lang == "ar"


@pytest.mark.parametrize(("phrase", "date", "role"), [
    ("اليوم السبت", "2024-11-30", "point"),
    ("منذ يوم الأربعاء", "2024-11-27", "since"),
    ("الجمعة", "2024-11-29", "point"),
    ("خلال الليل", {"from": "2024-11-29", "to": "2024-11-30"}, "point"),
    ("منذ عام 2016", {"from": "2016-01-01", "to": "2016-12-31"}, "since"),
])
def test_dates(seed, phrase: str, date: object, role: str) -> None:
    assert (date, role) in [(d.range.to_json(), d.role) for d in seed.dates if d.text == phrase]


def test_since_2016_is_year_precision(seed) -> None:
    (d,) = [d for d in seed.dates if d.text == "منذ عام 2016"]
    assert d.range.precision == "year"


def test_numbers(seed) -> None:
    counts = [(n.text, n.value, n.low, n.high) for n in seed.numbers if n.kind == "count"]
    values = [c[1] for c in counts]
    for v in (311, 183, 100, 28, 4):
        assert v in values
    assert ("أربعة", 4, None, None) in counts
    assert ("أكثر من 50", None, 51, None) in counts
    assert ("حوالي 40", 40, 36, 44) in counts
    assert any(n.value == 2_000_000 and "مليوني" in n.text for n in seed.numbers)
    assert 2016 not in values


def test_every_span_is_verbatim(seed) -> None:
    for item in (*seed.tokens, *seed.numbers, *seed.dates):
        assert seed.text[item.start:item.end] == item.text
