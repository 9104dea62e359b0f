"""Lint of the scorer's data files: NFKC, no tatweel or diacritics, no duplicates."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[2] / "marsad" / "eval" / "data"
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")


def _words() -> list[tuple[str, str, str]]:
    data = yaml.safe_load((DATA / "place_words.yaml").read_text(encoding="utf-8"))
    return [(table, lang, w) for table in ("level_words", "articles") for lang in ("en", "ar") for w in data[table][lang]]


def test_place_words_are_clean() -> None:
    words = _words()
    assert words
    for table, lang, word in words:
        assert unicodedata.normalize("NFKC", word) == word, word
        assert not _MARKS.search(word), word
        assert word == word.strip() and " " not in word, f"{table}/{lang}: single tokens only: {word!r}"
        script_ar = bool(re.search("[\u0600-\u06ff]", word))
        assert script_ar == (lang == "ar"), f"{table}/{lang}: {word!r} in the wrong language list"


def test_place_words_have_no_duplicates() -> None:
    seen: set[tuple[str, str]] = set()
    for table, _, word in _words():
        assert (table, word) not in seen, word
        seen.add((table, word))


def test_data_files_have_provenance() -> None:
    source = (DATA / "SOURCE.md").read_text(encoding="utf-8")
    for path in DATA.glob("*.yaml"):
        assert path.name in source
