"""Lint of the hand-written tables in marsad/geo/data (STYLE.md §2)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from marsad.geo.data import DATA_DIR, load

_MARKS = re.compile(r"[\u0640\u064B-\u065F\u0670]")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.mark.parametrize("name", sorted(p.stem for p in DATA_DIR.glob("*.yaml")))
def test_yaml_is_nfkc_without_tatweel_or_diacritics(name: str) -> None:
    for s in _strings(load(name)):
        assert unicodedata.is_normalized("NFKC", s), s
        assert not _MARKS.search(s), s


@pytest.mark.parametrize("name", ["stoplist", "nonplaces"])
def test_word_lists_have_no_duplicates_and_only_strings(name: str) -> None:
    for lang, words in load(name).items():
        assert all(isinstance(w, str) for w in words), lang  # YAML turns "on"/"no" into booleans
        assert len(words) == len(set(words)), [w for w in words if words.count(w) > 1]


@pytest.mark.parametrize("name", ["landmarks", "regions", "countries"])
def test_tables_have_unique_ids_names_and_points_in_the_region(name: str) -> None:
    rows = load(name)
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["en"] and r["ar"], r["id"]
        assert 29.0 < r["lat"] < 42.5 and 25.0 < r["lon"] < 49.0, r["id"]


def test_source_md_names_every_table() -> None:
    text = (DATA_DIR / "SOURCE.md").read_text(encoding="utf-8")
    for p in DATA_DIR.glob("*.yaml"):
        assert p.name in text, p.name
