"""Cached loaders for the hand-written tables in ``marsad/geo/data/`` (see SOURCE.md)."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

__all__ = ["DATA_DIR", "load", "stop_keys", "nonplace_keys", "level_words", "directions", "clock_context", "continues_name"]

DATA_DIR = Path(__file__).parent / "data"


@functools.cache
def load(name: str) -> Any:
    """Parsed YAML of ``data/<name>.yaml``, read once."""
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@functools.cache
def stop_keys() -> frozenset[str]:
    """Keys of names that are common words: matched only after a level word."""
    from marsad.geo.keys import key_ar, key_en

    data = load("stoplist")
    return frozenset([key_ar(w) for w in data["ar"]] + [key_en(w) for w in data["en"]])


@functools.cache
def clock_context() -> tuple[Any, Any]:
    """Patterns of the words after (English) or before (Arabic) a place name that make it
    a time zone."""
    data = load("clock")
    after = re.compile(r"\s*(?:" + "|".join(sorted(map(re.escape, data["after_en"]), key=len, reverse=True)) + r")\b", re.I)
    before = re.compile(r"(?:" + "|".join(sorted(map(re.escape, data["before_ar"]), key=len, reverse=True)) + r")\s*$")
    return after, before


_CAPITALISED_NEXT = re.compile(r" ([A-Z][a-z]{2,})\b")


@functools.cache
def _allowed_after_en() -> frozenset[str]:
    return frozenset(w.lower() for w in load("continuation")["allowed_after_en"]) | frozenset(load("levels")["en_after"])


def continues_name(text: str, end: int) -> bool:
    """True when a capitalised word follows ``end`` at once that cannot follow a place
    name: the name goes on ("Khan" of "Khan Tuman")."""
    m = _CAPITALISED_NEXT.match(text, end)
    return bool(m) and m.group(1).lower() not in _allowed_after_en()


@functools.cache
def nonplace_keys() -> tuple[tuple[str, ...], ...]:
    """Actor and person names as key-token tuples; toponyms inside them are dropped."""
    from marsad.geo.keys import key_ar, key_en

    data = load("nonplaces")
    out = {tuple(key_ar(p).split()) for p in data["ar"]} | {tuple(key_en(p).split()) for p in data["en"]}
    return tuple(sorted(out, key=len, reverse=True))


@functools.cache
def level_words() -> dict[str, dict[str, dict[str, Any]]]:
    """Level words by position (``ar``, ``en_before``, ``en_after``), keyed by match key."""
    from marsad.geo.keys import key_ar, key_en

    data = load("levels")
    return {
        "ar": {key_ar(k): v for k, v in data["ar"].items()},
        "en_before": {key_en(k): v for k, v in data["en_before"].items()},
        "en_after": {key_en(k): v for k, v in data["en_after"].items()},
    }


@functools.cache
def directions() -> dict[str, Any]:
    """Compass words (keyed by match key) and their unit vectors."""
    from marsad.geo.keys import key_ar, key_en

    data = load("directions")
    return {
        "vectors": {k: tuple(v) for k, v in data["vectors"].items()},
        "en_names": data["en_names"],
        "ar_before": {key_ar(k): v for k, v in data["ar_before"].items()},
        "ar_after": {key_ar(k): v for k, v in data["ar_after"].items()},
        "en_before": {key_en(k): v for k, v in data["en_before"].items()},
    }
