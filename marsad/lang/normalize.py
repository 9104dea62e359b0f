"""Matching form of text, and the offset map back to the original.

``normalize(text, lang)`` is for keys and lookups (gazetteer names, lexicons): NFKC,
the Arabic character table (see ``marsad.lang.ar.normalize``; applied to English too so
an Arabic name quoted in English text matches), lower case, spaces collapsed.

``normalize_with_offsets`` keeps the text's length structure for analysis: it does not
collapse spaces and returns a function from normalised positions to original ones.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from marsad.lang.ar.normalize import DELETED, char_table

__all__ = ["normalize", "normalize_with_offsets", "OffsetMap"]

_SPACES = re.compile(r"\s+")
_DELETED_RUN = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(DELETED)) + "]+")


def normalize(text: str, lang: str = "ar") -> str:
    """Matching form: NFKC, Arabic unification, digits to ASCII, lower case, one space."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.translate(char_table()).lower()
    return _SPACES.sub(" ", text).strip()


class OffsetMap:
    """Maps a position in the normalised text to a position in the original."""

    __slots__ = ("_breaks", "_shifts", "_table")

    def __init__(self, breaks: list[int] | None = None, shifts: list[int] | None = None,
                 table: list[int] | None = None) -> None:
        self._breaks = breaks or []
        self._shifts = shifts or []
        self._table = table

    @property
    def is_identity(self) -> bool:
        """True when normalisation changed no length (positions map to themselves)."""
        return self._table is None and not self._breaks

    def __call__(self, pos: int) -> int:
        if self._table is not None:
            return self._table[pos]
        if not self._breaks:
            return pos
        i = bisect.bisect_right(self._breaks, pos)
        return pos + (self._shifts[i - 1] if i else 0)


def normalize_with_offsets(text: str) -> tuple[str, OffsetMap]:
    """Normalise without collapsing spaces; return the form and its offset map.

    Fast path (the usual case): the text is NFKC already, so the only length changes are
    deleted marks, found with one regex. Otherwise each character is mapped on its own.
    """
    if unicodedata.is_normalized("NFKC", text) and "İ" not in text:
        norm = text.translate(char_table()).lower()
        if len(norm) == len(text):
            return norm, OffsetMap()
        breaks: list[int] = []
        shifts: list[int] = []
        removed = 0
        for m in _DELETED_RUN.finditer(text):
            removed += m.end() - m.start()
            breaks.append(m.end() - removed)
            shifts.append(removed)
        return norm, OffsetMap(breaks, shifts)
    return _slow_normalize(text)


def _slow_normalize(text: str) -> tuple[str, OffsetMap]:
    table = char_table()
    parts: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        out = unicodedata.normalize("NFKC", ch).translate(table).lower()
        parts.append(out)
        origin.extend([i] * len(out))
    origin.append(len(text))
    return "".join(parts), OffsetMap(table=origin)
