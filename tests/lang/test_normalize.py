"""Matching form and offsets back to the original text."""

import pytest

from marsad.lang import normalize
from marsad.lang.normalize import normalize_with_offsets


@pytest.mark.parametrize(("raw", "expected"), [
    ("أإآٱ", "اااا"),
    ("مدينةٌ", "مدينه"),
    ("مستشفى", "مستشفي"),
    ("قُتِلَ", "قتل"),
    ("حلـــب", "حلب"),
    ("٣١١ و۲۸", "311 و28"),
    ("١٬٢٠٠ و١٫٥", "1,200 و1.5"),
    ("کرد ی", "كرد ي"),
    ("\u200fحلب\u200e\u200b", "حلب"),
    ("ﻻ", "لا"),
    ("  Aleppo   CITY ", "aleppo city"),
    ("مسؤول", "مسؤول"),  # hamza on waw is kept (documented decision)
])
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw, "ar") == expected


def test_offsets_map_back_through_deleted_marks() -> None:
    text = "قُتِلَ 28 مدنياً أمسِ"
    norm, offsets = normalize_with_offsets(text)
    assert norm == "قتل 28 مدنيا امس"
    start = norm.index("مدنيا")
    assert text[offsets(start):offsets(start + len("مدنيا"))] == "مدنياً"
    assert text[offsets(norm.index("امس")):offsets(len(norm))] == "أمسِ"


def test_offsets_slow_path_for_presentation_forms() -> None:
    text = "ﻻ بد من حلب"
    norm, offsets = normalize_with_offsets(text)
    assert norm == "لا بد من حلب"
    s = norm.index("حلب")
    assert text[offsets(s):offsets(s + 3)] == "حلب"
