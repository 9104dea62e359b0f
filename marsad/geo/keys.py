"""Matching keys for place names: one function for gazetteer names and text alike.

Arabic goes through the language layer's ``normalize`` (one character table for the
whole project), so a name and the text it appears in agree. English spellings of Arabic
names vary wildly (Idlib/Idleb, Ma'arrat al-Nu'man/Maarat al-Numan, Deir ez-Zor/Dayr
az Zawr), so English keys are a *skeleton*: apostrophes and diacritics dropped, doubled
letters collapsed, e/i and o/u folded, the article in all its assimilated forms written
``al``. Both sides of every lookup go through the same function, so a fold can only
merge spellings, never miss one.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "is_arabic",
    "norm_ar",
    "key_ar",
    "key_en_token",
    "key_en",
    "name_keys",
    "proclitic_readings",
    "ARTICLES_EN",
]

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_APOSTROPHES = str.maketrans("", "", "'’‘`ʿʾ´ʼ")
_NON_WORD_EN = re.compile(r"[^a-z0-9 ]+")
_DOUBLE = re.compile(r"([a-z])\1+")
_FINAL_VOWEL_H = re.compile(r"(?<=[a-z]{2})[aei]h$")
_NON_WORD_AR = re.compile(r"[^\w ]+")

#: Article spellings (al-, el-, and the sun-letter assimilations an-, ash-, ...).
ARTICLES_EN = frozenset({"al", "el", "an", "ar", "as", "ad", "at", "az", "ash", "ath", "adh", "ed", "es",
                         "et", "ez", "er", "en", "esh", "ul", "ud", "ut", "us", "un", "ur", "uz"})


def is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


@functools.lru_cache(maxsize=200_000)
def norm_ar(text: str) -> str:
    """Character-level matching form (the language layer's, so lexicon and text agree)."""
    from marsad.lang.normalize import normalize

    return normalize(text, "ar")


@functools.lru_cache(maxsize=200_000)
def key_ar(text: str) -> str:
    """Key of an Arabic name or word: normalised, punctuation (``_``, ``/``, ``-``) as spaces."""
    t = norm_ar(text).replace("_", " ")
    t = _NON_WORD_AR.sub(" ", t)
    return " ".join(t.split())


@functools.lru_cache(maxsize=200_000)
def key_en_token(token: str) -> str:
    """Skeleton of one Latin-script word (see module docstring)."""
    t = unicodedata.normalize("NFKD", token)
    t = "".join(ch for ch in t if not unicodedata.combining(ch)).lower()
    if t.endswith(("'s", "’s")):
        t = t[:-2]
    t = t.translate(_APOSTROPHES)
    t = _NON_WORD_EN.sub("", t)
    if t in ARTICLES_EN:
        return "al"
    t = _DOUBLE.sub(r"\1", t)
    t = _FINAL_VOWEL_H.sub("a", t)
    t = t.replace("q", "k").replace("ou", "u").replace("oo", "u").replace("aw", "u")
    t = t.replace("ei", "i").replace("ey", "i").replace("ay", "i").replace("ai", "i")
    t = t.replace("e", "i").replace("o", "u").replace("w", "u").replace("y", "i")
    return _DOUBLE.sub(r"\1", t)


def key_en(text: str) -> str:
    """Key of a Latin-script name: its words' skeletons joined by spaces.

    Hyphens and underscores separate words ("al-Nu'man" → "al numan").
    """
    words = re.split(r"[\s\-_/,()]+", text)
    return " ".join(k for k in (key_en_token(w) for w in words if w) if k)


def _variants_ar(key: str) -> set[str]:
    out = {key}
    words = key.split()
    if len(words) > 1:
        out.add("".join(words))  # دير الزور / ديرالزور
        if words[0] in ("ابو", "ام", "بني", "عين", "تل", "دير", "كفر", "بيت", "راس", "خان", "بير"):
            out.add(words[0] + " " + "".join(words[1:]))
    return out


def _variants_en(key: str) -> set[str]:
    out = {key}
    words = key.split()
    if len(words) > 1 and words[0] == "al":
        out.add(" ".join(words[1:]))  # al-Lataminah / Lataminah
    if len(words) > 1:
        out.add("".join(w for w in words if w != "al"))  # Kafr Nabl / Kafrnabl
    stripped = [w for w in words if w != "al"]
    if len(stripped) > 1 and len(stripped) != len(words):
        out.add(" ".join(stripped))  # Maarat al-Numan / Maarat Numan
    return {o for o in out if o}


def name_keys(name: str) -> set[str]:
    """Every key a gazetteer name is indexed under (spelling variants by rule)."""
    if is_arabic(name):
        key = key_ar(name)
        return _variants_ar(key) if key else set()
    key = key_en(name)
    return _variants_en(key) if key else set()


@functools.lru_cache(maxsize=100_000)
def proclitic_readings(word_key: str) -> tuple[tuple[int, str], ...]:
    """Readings of an Arabic word with proclitics split off: (prefix length, stem).

    The unsplit reading comes first. ``ل`` + ``ال`` is written ``لل`` ("للحسكة" →
    "الحسكة"), so that stem gets its article back.
    """
    out: list[tuple[int, str]] = [(0, word_key)]
    seen = {word_key}
    for conj in ("", "و", "ف"):
        if conj and not word_key.startswith(conj):
            continue
        rest = word_key[len(conj):]
        for prep in ("", "ب", "ل", "ك"):
            if not conj and not prep:
                continue
            if prep and not rest.startswith(prep):
                continue
            stem = rest[len(prep):]
            cands = [stem]
            if prep == "ل" and stem.startswith("ل"):
                cands = ["ا" + stem, stem]
            for c in cands:
                if len(c) >= 2 and c not in seen:
                    seen.add(c)
                    out.append((len(conj) + len(prep), c))
    return tuple(out)
