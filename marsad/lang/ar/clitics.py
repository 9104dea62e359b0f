"""Arabic proclitic segmentation: "وروسيا" → ("و", "روسيا"), "للمرة" → ("لل", "مره").

Words that merely start with those letters ("وزارة", "لبنان", "الله") stay whole: an
article combination is split when the stem is long enough and the word is not listed in
``never_split.yaml``; a bare conjunction/preposition (و ف ب ل ك) only when the stem is a
number or a known stem. Works on the matching form (``marsad.lang.normalize``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container

from marsad.lang.data import load
from marsad.lang.normalize import normalize

__all__ = ["segment", "segment_candidates", "known_stems"]

_FIGURE = re.compile(r"[0-9][0-9.,]*$")


@functools.cache
def _rules() -> tuple[tuple[str, ...], tuple[str, ...], int, int, frozenset[str]]:
    data = load("ar", "clitics")
    article = tuple(sorted((normalize(p) for p in data["with_article"]), key=len, reverse=True))
    plain = tuple(sorted((normalize(p) for p in data["plain"]), key=len, reverse=True))
    never = frozenset(normalize(w) for w in load("ar", "never_split"))
    return article, plain, int(data["min_stem_article"]), int(data["min_stem_plain"]), never


@functools.cache
def known_stems() -> frozenset[str]:
    """Stems a bare proclitic may be split from: lexicon, never-split words, number and date words."""
    words: set[str] = set()
    for group in load("ar", "stems").values():
        words.update(normalize(w) for w in group)
    words.update(_rules()[4])
    numbers = load("ar", "numbers")
    for section in ("units", "tens", "hundreds", "scales", "vague"):
        words.update(normalize(w) for w in numbers.get(section, {}))
    nouns = load("ar", "nouns")
    for noun in nouns["countable"]:
        n = normalize(noun)
        base = n[:-1] + "ت" if n.endswith("ه") else n
        words.update((n, base + "ان", base + "ين", base + "ون", base + "ات"))
    words.update(normalize(p) for p in nouns["plurals"])
    dates = load("ar", "dates")
    for name in dates["weekdays"]:
        words.add(normalize(name))
        words.add(normalize(name).removeprefix("ال"))
    for month in dates["gregorian_months"]:
        for name in month["names"]:
            words.add(normalize(name).split(" ")[0])
    return frozenset(w for w in words if " " not in w)


def segment_candidates(word: str) -> list[tuple[str, str]]:
    """Every (prefix, stem) reading of ``word``, the unsplit one first (for gazetteer lookups)."""
    norm = normalize(word)
    article, plain, min_art, min_plain, _ = _rules()
    out = [("", norm)]
    for p in (*article, *plain):
        if norm.startswith(p):
            stem = norm[len(p):]
            if p in ("لل", "ولل", "فلل"):
                stem_len_ok = len(stem) >= min_art
            else:
                stem_len_ok = len(stem) >= (min_art if p.endswith("ال") else min_plain)
            if stem_len_ok:
                out.append((p, stem))
    return out


def segment(word: str, known: Container[str] | None = None) -> tuple[str, str]:
    """Split proclitics off one word; return ``(prefix, stem)`` in matching form.

    ``known`` adds the caller's lexicon (e.g. gazetteer names) to the built-in stems.
    """
    return _segment_norm(normalize(word)) if known is None else _segment_with(normalize(word), known)


@functools.lru_cache(maxsize=200_000)
def _segment_norm(norm: str) -> tuple[str, str]:
    return _segment_with(norm, None)


def _segment_with(norm: str, known: Container[str] | None) -> tuple[str, str]:
    article, plain, min_art, min_plain, never = _rules()
    if norm in never or (known is not None and norm in known):
        return "", norm
    lexicon = known_stems()
    for p in plain:  # a bare clitic before a number: "و100"
        if norm.startswith(p) and _FIGURE.match(norm, len(p)):
            return p, norm[len(p):]
    for p in plain:  # a bare clitic before a never-split word: "ولبنان", "والذي"
        if norm.startswith(p) and norm[len(p):] in never:
            return p, norm[len(p):]
    for p in article:
        if norm.startswith(p):
            stem = norm[len(p):]
            if len(stem) >= min_art and not stem.isdigit():
                return p, stem
    for p in plain:
        if norm.startswith(p):
            stem = norm[len(p):]
            if len(stem) >= min_plain and (stem in lexicon or (known is not None and stem in known)):
                return p, stem
    return "", norm
