"""Fusion's data files (``marsad/fuse/data/*.yaml``), each read once.

Kept as data so an analyst can say which source speaks for which actor, or add a
word for "at dawn", without touching code.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

__all__ = ["DATA_DIR", "load_yaml", "spokespeople", "dayparts", "dayparts_in"]

DATA_DIR = Path(__file__).with_name("data")


@functools.cache
def load_yaml(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@functools.cache
def spokespeople() -> dict[str, frozenset[str]]:
    """Source id → the actor ids whose acts it can admit."""
    raw: dict[str, list[str]] = load_yaml("spokespeople.yaml") or {}
    return {source: frozenset(actors) for source, actors in raw.items()}


@functools.cache
def dayparts() -> tuple[tuple[str, ...], tuple[tuple[re.Pattern[str], int], ...]]:
    """Part names in day order, and one word-boundary pattern per word with its part index."""
    raw = load_yaml("dayparts.yaml")
    order: tuple[str, ...] = tuple(raw["order"])
    patterns = []
    for part, langs in raw["words"].items():
        for words in langs.values():
            for word in words:
                pattern = re.compile(r"(?<!\w)" + re.escape(_fold(word)) + r"(?!\w)")
                patterns.append((pattern, order.index(part)))
    return order, tuple(patterns)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def dayparts_in(text: str) -> frozenset[int]:
    """Indexes of the parts of the day a text names."""
    if not text:
        return frozenset()
    folded = _fold(text)
    _, patterns = dayparts()
    return frozenset(part for pattern, part in patterns if pattern.search(folded))
