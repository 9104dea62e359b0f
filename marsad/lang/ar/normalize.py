"""Arabic matching form: one character table, applied with ``str.translate``.

The matching form is for lookups, never for display. It follows the Lucene/CAMeL
convention:

- tashkeel (harakat, tanween, shadda, sukun, dagger alef), Quranic marks and tatweel
  are removed;
- alef variants أ إ آ ٱ → ا; ة → ه; ى → ي; Persian ک → ك and ی → ي; ۀ → ه;
- Arabic-Indic (٠-٩) and Persian (۰-۹) digits → ASCII; ٫ → "." and ٬ → ",";
- bidi controls and zero-width characters are removed.

Hamza on a carrier (ؤ, ئ) is kept: news text spells it consistently, and folding it
would merge distinct words (e.g. "مؤتمر"/"موتمر" is harmless but "سئل"/"سيل" is not).
"""

from __future__ import annotations

import functools

__all__ = ["DELETED", "char_table", "normalize_ar"]

_TASHKEEL = [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E9),
             *range(0x06EA, 0x06EE)]
_TATWEEL = [0x0640]
_INVISIBLE = [0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, *range(0x202A, 0x202F),
              *range(0x2066, 0x206A), 0xFEFF, 0x00AD]

#: Code points removed by the matching form (offsets must skip them).
DELETED: frozenset[int] = frozenset(_TASHKEEL + _TATWEEL + _INVISIBLE)

_SUBSTITUTIONS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه", "ۀ": "ه", "ى": "ي", "ی": "ي", "ې": "ي", "ک": "ك",
    "٫": ".", "٬": ",",
}


@functools.cache
def char_table() -> dict[int, str | None]:
    """The translate table: deletions, letter unification, digits to ASCII."""
    table: dict[int, str | None] = {cp: None for cp in DELETED}
    table.update({ord(k): v for k, v in _SUBSTITUTIONS.items()})
    for i in range(10):
        table[0x0660 + i] = str(i)  # Arabic-Indic
        table[0x06F0 + i] = str(i)  # Extended (Persian/Urdu)
    return table


def normalize_ar(text: str) -> str:
    """Matching form of an Arabic string (no NFKC, no space collapsing: see ``marsad.lang.normalize``)."""
    return text.translate(char_table())
