"""Arabic figures: digits, words, duals, vague quantities, bounds, the noun counted."""

import pytest

from marsad.lang import analyze


def _nums(text: str) -> list[tuple[int | None, int | None, int | None, str | None]]:
    return [(n.value, n.low, n.high, n.noun) for n in analyze(text, lang="ar").numbers if n.kind == "count"]


@pytest.mark.parametrize(("text", "value"), [
    ("قتل 1,200 شخص", 1200),
    ("قتل ١٬٢٠٠ شخص", 1200),
    ("نزح 1.5 مليون شخص", 1_500_000),
    ("نزح ٣ آلاف شخص", 3000),
    ("قتل ثلاثمائة وأحد عشر شخصا", 311),
    ("قتل خمسة وعشرون عنصرا", 25),
    ("قتلت أربعة نساء", 4),
    ("قتلت أربع نساء", 4),
    ("سقط قتيلان", 2),
    ("سقط قتيلين", 2),
    ("قتل مدنيين اثنين", 2),
    ("مدينة يسكنها مليونا نسمة", 2_000_000),
    ("وصل و100 جندي", 100),
    ("أصيب مئتا شخص", 200),          # construct state of the dual, nominative
    ("قتل مئتي شخص", 200),           # … and oblique
    ("نزح مائتي ألف شخص", 200_000),
])
def test_values(text: str, value: int) -> None:
    assert [v for v, *_ in _nums(text)] == [value]


@pytest.mark.parametrize(("text", "value", "low", "high"), [
    ("قتل عشرات المدنيين", None, 20, None),
    ("قتل العشرات", None, 20, None),
    ("أصيب مئات الأشخاص", None, 200, None),
    ("نزح عشرات الآلاف", None, 20000, None),
    ("سيطروا على أكثر من 50 بلدة", None, 51, None),
    ("سيطروا على ما يزيد عن 50 بلدة", None, 51, None),
    ("على بعد حوالي 40 كيلومترا", 40, 36, 44),
    ("قتل نحو 40 شخصا", 40, 36, 44),
    ("قتل قرابة 75 شخصا", 75, 68, 82),
    ("قتل زهاء 40 شخصا", 40, 36, 44),
    ("قتل ما لا يقل عن 6 أشخاص", 6, None, None),
    ("فر أكثر من مئتي ألف مدني", None, 200_001, None),
])
def test_bounds(text: str, value: int | None, low: int | None, high: int | None) -> None:
    assert [(v, lo, hi) for v, lo, hi, _ in _nums(text)] == [(value, low, high)]


@pytest.mark.parametrize(("text", "noun"), [
    ("ارتفع العدد إلى 311 قتيلاً", "قتيل"),
    ("قتل 28 مدنياً", "مدني"),
    ("183 من هيئة تحرير الشام", "هيئه"),
    ("قتل 5 أطفال", "طفل"),
    ("سقط قتيلان", "قتيل"),
])
def test_noun_counted(text: str, noun: str) -> None:
    assert [n for *_, n in _nums(text)] == [noun]


def test_not_counts() -> None:
    a = analyze("ثاني أكبر مدينة سورية، للمرة الأولى منذ عام 2016 ويوم الاثنين", lang="ar")
    assert [(n.value, n.kind) for n in a.numbers] == [(2016, "date")]
    years = analyze("وقعت المعارك في 2016", lang="ar").numbers
    assert [(n.value, n.kind) for n in years] == [(2016, "year")]


def test_number_span_points_into_original_text() -> None:
    text = "قُتل أكثر من ٥٠ مدنياً"
    (n,) = analyze(text, lang="ar").numbers
    assert text[n.start:n.end] == n.text == "أكثر من ٥٠"
    assert n.low == 51
