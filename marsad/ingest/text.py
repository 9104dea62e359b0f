"""Text-level steps of ingest: the stored form of a text, its content hash, its language."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from functools import cache
from typing import Any

__all__ = ["clean_text", "normalise_for_hash", "content_hash", "detect_lang", "LANGS"]

LANGS = ("ar", "en", "other")

_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029")
_WHITESPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """The text as stored (what spans point into): BOM dropped, newlines as ``\\n``,
    outer whitespace trimmed. Nothing inside a line is changed."""
    return _NEWLINES.sub("\n", text.lstrip("\ufeff")).strip()


def normalise_for_hash(text: str) -> str:
    """NFKC, every run of whitespace one space, trimmed: two copies of a report that
    differ only in encoding, line breaks or presentation forms normalise alike."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def content_hash(text: str) -> str:
    """sha256 (hex) of the normalised text: the identity of a document."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def detect_lang(text: str) -> str:
    """``ar``, ``en`` or ``other``.

    lingua, restricted to the languages a Syria monitor meets (Arabic, English, French,
    German, Spanish, Turkish, Persian, Russian), built once on first use. A script-ratio
    rule would be faster but cannot tell English from French or Arabic from Persian; the
    restricted detector is small, reads ~1,000 documents a second, and the other
    languages it knows are what lets it answer ``other`` instead of forcing ``en``.
    The first 2,000 characters are enough to decide.
    """
    sample = text[:2000]
    if not any(ch.isalpha() for ch in sample):
        return "other"
    language = _detector().detect_language_of(sample)
    return _LINGUA_CODES.get(language.name if language else "", "other")


_LINGUA_CODES = {"ARABIC": "ar", "ENGLISH": "en"}


@cache
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [
        Language.ARABIC,
        Language.ENGLISH,
        Language.FRENCH,
        Language.GERMAN,
        Language.SPANISH,
        Language.TURKISH,
        Language.PERSIAN,
        Language.RUSSIAN,
    ]
    return LanguageDetectorBuilder.from_languages(*languages).build()


_DATELINE_CHARS = 80
_ANCHORS = (dt.date(2098, 6, 15), dt.date(2099, 12, 31))


def dateline_date(text: str) -> dt.date | None:
    """The day a plain text gives on its first line ("حلب – 1 كانون الأول 2024",
    "BEIRUT, Dec. 1, 2024"): a text file has no other publication date. Only a full,
    absolute date counts: one that resolves the same against any anchor day."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if not first or len(first) > _DATELINE_CHARS:
        return None
    from marsad.lang import analyze

    lang = "ar" if re.search("[\u0600-\u06ff]", first) else "en"
    seen = []
    for anchor in _ANCHORS:
        days = [d.range for d in analyze(first, lang=lang, published=anchor).dates
                if d.role == "point" and d.range.precision == "day"]
        seen.append(days[0].start if days else None)
    return seen[0] if seen[0] is not None and seen[0] == seen[1] else None
