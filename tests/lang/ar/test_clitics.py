"""Proclitics come off; words that merely start with those letters stay whole."""

import pytest

from marsad.lang import analyze, segment
from marsad.lang.ar.clitics import segment_candidates


@pytest.mark.parametrize(("word", "prefix", "stem"), [
    ("و100", "و", "100"),
    ("و1.5", "و", "1.5"),
    ("وروسيا", "و", "روسيا"),
    ("بحلب", "ب", "حلب"),
    ("للمرة", "لل", "مره"),
    ("والفصائل", "وال", "فصائل"),
    ("بالإضافة", "بال", "اضافه"),
    ("ولبنان", "و", "لبنان"),
    ("والذي", "و", "الذي"),
    ("وأربعة", "و", "اربعه"),
])
def test_splits(word: str, prefix: str, stem: str) -> None:
    assert segment(word) == (prefix, stem)


@pytest.mark.parametrize("word", ["وزارة", "لبنان", "بريطانيا", "الله", "فرنسا", "كفر", "إلى",
                                  "الذي", "ألف", "الاثنين", "ولاية", "بيروت"])
def test_never_split(word: str) -> None:
    assert segment(word)[0] == ""


def test_caller_lexicon_allows_a_split() -> None:
    assert segment("بكفرنبل") == ("", "بكفرنبل")
    assert segment("بكفرنبل", known={"كفرنبل"}) == ("ب", "كفرنبل")


def test_candidates_for_gazetteer_lookup() -> None:
    assert segment_candidates("وبكفرنبل")[:3] == [("", "وبكفرنبل"), ("وب", "كفرنبل"), ("و", "بكفرنبل")]


def test_tokens_keep_original_offsets_after_split() -> None:
    text = "وصلت تعزيزات وروسيا إلى حلب في 2016."
    tokens = analyze(text, lang="ar").tokens
    by_norm = {t.norm: t for t in tokens}
    rus = by_norm["روسيا"]
    assert (rus.prefix, text[rus.start:rus.end]) == ("و", "روسيا")
    assert [t.text for t in tokens][-2:] == ["2016", "."]
    for t in tokens:
        assert text[t.start:t.end] == t.text
