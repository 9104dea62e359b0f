"""Matching form of text, and the offset map back to the original.

``normalize(text, lang)`` is for keys and lookups (gazetteer names, lexicons): NFKC,
the Arabic character table (see ``marsad.lang.ar.normalize``; applied to English too so
an Arabic name quoted in English text matches), lower case, spaces collapsed.

``normalize_with_offsets`` keeps the text's length structure for analysis: it does not
collapse spaces and returns a function from normalised positions to original ones.
"""

from __future__ import annotations

import bisect
import functools
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

    __slots__ = ("_breaks", "_shifts")

    def __init__(self, breaks: list[int] | None = None, shifts: list[int] | None = None) -> None:
        self._breaks = breaks or []  # normalised positions where the shift changes
        self._shifts = shifts or []  # original − normalised from each break on

    @property
    def is_identity(self) -> bool:
        """True when normalisation changed no length (positions map to themselves)."""
        return not self._breaks

    def __call__(self, pos: int) -> int:
        if not self._breaks:
            return pos
        i = bisect.bisect_right(self._breaks, pos)
        return pos + (self._shifts[i - 1] if i else 0)


def normalize_with_offsets(text: str) -> tuple[str, OffsetMap]:
    """Normalise without collapsing spaces; return the form and its offset map.

    Fast path (the usual case): the text is NFKC already, so the only length changes are
    deleted marks, found with one regex. Otherwise compatibility characters in the usual
    ranges (presentation forms, "…", ligatures, full-width forms) are folded one by one.
    """
    table = char_table()
    if unicodedata.is_normalized("NFKC", text) and "İ" not in text:
        norm = text.translate(table).lower()
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
    parts: list[str] = []
    breaks, shifts = [], []
    pos = out = 0
    for m in _DELETED_OR_COMPAT.finditer(text):
        if m.start() > pos:
            parts.append(text[pos:m.start()].translate(table).lower())
            out += m.start() - pos
        piece = "" if m.lastgroup == "deleted" else _fold(m.group())
        parts.append(piece)
        out += len(piece)
        pos = m.end()
        if len(piece) != pos - m.start():
            breaks.append(out)
            shifts.append(pos - out)
    parts.append(text[pos:].translate(table).lower())
    return "".join(parts), OffsetMap(breaks, shifts)


_COMPAT_RANGES = ("\u00a0-\u00bf\u0130\u0132\u0133\u01c4-\u01cc\u0675-\u0678\u2000-\u20ff"
                  "\u2100-\u218f\u2460-\u24ff\u3000\ufb00-\ufdff\ufe10-\ufe6f\ufe70-\ufeff\uff00-\uffef")
_DELETED_OR_COMPAT = re.compile(
    "(?P<deleted>[" + "".join(re.escape(chr(c)) for c in sorted(DELETED)) + "]+)|(?P<compat>[" + _COMPAT_RANGES + "])")


@functools.lru_cache(maxsize=4096)
def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).translate(char_table()).lower()
