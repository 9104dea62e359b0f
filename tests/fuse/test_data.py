"""Lint of fusion's data files: normalised, no tatweel/diacritics, no duplicates, schema."""

from __future__ import annotations

import re
import unicodedata

import pytest

from marsad.fuse.lexicon import DATA_DIR, dayparts, dayparts_in, load_yaml, spokespeople

_BAD = re.compile(r"[\u0640\u064b-\u065f\u0670]")
_ACTOR_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _strings(value):  # type: ignore[no-untyped-def]
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_data_file_is_normalised(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), "provenance header missing"
    for s in _strings(load_yaml(path.name)):
        assert unicodedata.normalize("NFKC", s) == s, s
        assert not _BAD.search(s), f"tatweel or diacritic in {s!r}"


def test_spokespeople_schema() -> None:
    raw = load_yaml("spokespeople.yaml")
    for source, actors in raw.items():
        assert _ACTOR_ID.match(source)
        assert len(actors) == len(set(actors)) and all(_ACTOR_ID.match(a) for a in actors)
    assert "russia-military" in spokespeople()["russia-mod"]


def test_dayparts_schema_and_no_duplicate_words() -> None:
    raw = load_yaml("dayparts.yaml")
    assert set(raw["words"]) == set(raw["order"])
    words = [w for langs in raw["words"].values() for ws in langs.values() for w in ws]
    assert len(words) == len(set(words))
    order, _ = dayparts()
    assert dayparts_in("a raid at dawn") == {order.index("dawn")}
    assert dayparts_in("غارة مساء اليوم") == {order.index("evening")}
    assert dayparts_in("a raid on the market") == frozenset()
