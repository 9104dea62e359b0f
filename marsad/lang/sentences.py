"""Sentence spans: split after . ! ? ؟ … and at line breaks, not inside figures
("1.5") nor after abbreviations listed in ``<lang>/data/abbreviations.yaml``."""

from __future__ import annotations

import functools
import re

from marsad.lang.data import load
from marsad.lang.normalize import OffsetMap, normalize

__all__ = ["split_sentences"]

_BOUNDARY = re.compile(r"[.!?؟…]+[\"'”’»)\]]*(?=\s|$)|\n+")
_LAST_WORD = re.compile(r"([\w.]+)$")


@functools.cache
def _abbreviations(lang: str) -> frozenset[str]:
    return frozenset(normalize(w, lang) for w in load(lang, "abbreviations"))


def split_sentences(text: str, norm: str, offsets: OffsetMap, lang: str) -> list[tuple[int, int]]:
    """(start, end) spans into ``text`` of each sentence, surrounding spaces trimmed."""
    abbreviations = _abbreviations(lang)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(norm):
        if m.group().startswith("."):
            w = _LAST_WORD.search(norm, max(0, m.start() - 12), m.start())
            if w and w.group(1).lower() in abbreviations:
                continue
        _add(spans, norm, start, m.end() if not m.group().startswith("\n") else m.start())
        start = m.end()
    _add(spans, norm, start, len(norm))
    return [(offsets(s), offsets(e)) for s, e in spans]


def _add(spans: list[tuple[int, int]], norm: str, s: int, e: int) -> None:
    while s < e and norm[s].isspace():
        s += 1
    while e > s and norm[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
