from __future__ import annotations

import pytest

from marsad.geo.keys import key_ar, key_en, name_keys, proclitic_readings


@pytest.mark.parametrize("a, b", [
    ("Idlib", "Idleb"),
    ("Ma'arrat al-Nu'man", "Maarat al-Numan"),
    ("Ma‘arrat an Nu‘mān", "Maarrat al-Numan"),
    ("Deir ez-Zor", "Deir al-Zour"),
    ("Douma", "Duma"),
    ("Hama", "Hamah"),
    ("Raqqa", "Raqqah"),
])
def test_english_spellings_share_a_key(a: str, b: str) -> None:
    assert name_keys(a) & name_keys(b)


def test_arabic_spaced_and_joined_forms_share_a_key() -> None:
    assert name_keys("دير الزور") & name_keys("ديرالزور")
    assert name_keys("كفر نبل") & name_keys("كفرنبل")


def test_arabic_key_drops_tatweel_diacritics_and_merges_alef_forms() -> None:
    assert key_ar("تل مســــاس") == key_ar("تل مساس")
    assert key_ar("إِدْلِب") == key_ar("ادلب")
    assert key_ar("زردنا_مشهد") == "زردنا مشهد"


def test_article_is_dropped_as_a_variant_in_english() -> None:
    assert "lataminah" in {k.replace("i", "") for k in name_keys("al-Lataminah")} or key_en("Lataminah") in name_keys("al-Lataminah")


@pytest.mark.parametrize("word, stem", [("بحلب", "حلب"), ("وادلب", "ادلب"), ("لسراقب", "سراقب"),
                                        ("وبالحسكه", "الحسكه"), ("للحسكه", "الحسكه")])
def test_proclitic_readings(word: str, stem: str) -> None:
    readings = proclitic_readings(word)
    assert readings[0] == (0, word)
    assert stem in [s for _p, s in readings]
