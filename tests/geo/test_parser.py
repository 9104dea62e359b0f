"""Geoparser behaviour on sentences written for these tests."""

from __future__ import annotations

import json
import re

import pytest

from marsad.geo.gazetteer import Gazetteer
from marsad.geo.parser import add_places, geoparse
from marsad.lang.analysis import Analysis

from .conftest import DEV


def places(text: str, lang: str = "ar", gaz: Gazetteer | None = None):
    return geoparse(Analysis(text=text, lang=lang), gaz or Gazetteer.builtin())


def ids(text: str, lang: str = "ar", gaz: Gazetteer | None = None) -> list[str | None]:
    return [m.place.id for m in places(text, lang, gaz)]


@pytest.mark.parametrize("text, place_id, surface", [
    ("سقطت قذيفة بحلب مساء أمس", "170063", "حلب"),
    ("وصلت التعزيزات وإدلب هادئة", "169389", "إدلب"),
    ("توجهت القافلة لسراقب صباحاً", "164816", "سراقب"),
    ("اشتباكات عنيفة بالحسكة", "173811", "الحسكة"),
])
def test_clitics_are_split_and_span_excludes_them(text: str, place_id: str, surface: str) -> None:
    found = places(text)
    assert [m.place.id for m in found] == [place_id]
    assert found[0].text == surface
    assert text[found[0].start:found[0].end] == surface


def test_level_words_choose_the_level() -> None:
    (gov,) = places("قصفت الطائرات محافظة حلب")
    assert gov.place.level == "governorate" and gov.text == "محافظة حلب"
    (city,) = places("قصفت الطائرات مدينة حلب")
    assert city.place.id == "170063" and city.place.level == "city" and city.place.precision == 1
    (rural,) = places("قصفت الطائرات ريف حلب")
    assert rural.place.level == "region" and rural.place.precision == 3
    assert rural.place.id == "170062:rural" and rural.place.name == "Aleppo countryside"


def test_plural_level_word_heads_a_list() -> None:
    found = places("أجزاء من محافظات حلب وحماة واللاذقية")
    assert [m.place.level for m in found] == ["governorate"] * 3


@pytest.mark.parametrize("text, lang, name, parent, precision", [
    ("تقدمت القوات في شمال غرب سوريا", "ar", "northwestern Syria", "163843", 3),
    ("غارات على ريف حلب الجنوبي", "ar", "southern Aleppo countryside", "170062", 3),
    ("Shelling hit villages north of Hama on Monday", "en", "north of Hama", "170017", 2),
    ("Fighting spread across northern Syria", "en", "northern Syria", "163843", 3),
    ("Airstrikes hit the Idlib region", "en", "Idlib", "169387", 3),
])
def test_region_phrases(text: str, lang: str, name: str, parent: str, precision: int) -> None:
    (m,) = places(text, lang)
    assert m.place.name == name
    assert (m.place.id or "").split(":")[0] == parent
    assert m.place.precision == precision
    assert m.place.lat is not None


def test_named_region_in_both_languages() -> None:
    (ar,) = places("قصف على الغوطة الشرقية")
    (en,) = places("Shelling on Eastern Ghouta continued", "en")
    assert ar.place.id == en.place.id == "rg-eastern-ghouta"
    assert ar.place.level == "region"


@pytest.mark.parametrize("text", [
    "أعلنت هيئة تحرير الشام السيطرة",
    "قال حزب الله في بيان",
    "قال مدير المرصد رامي عبد الرحمن",
    "انسحب جيش الإسلام وأحرار الشام",
    "شارك الجيش والقوات والمعارضة في الحرب من أجل النصر والسلام",
    "قالت قوات سوريا الديمقراطية إنها تقدمت",
])
def test_actors_people_and_common_words_are_not_places(text: str) -> None:
    assert places(text) == []


def test_english_actor_names_are_not_places() -> None:
    assert places("Hay'at Tahrir al-Sham and Ahrar al-Sham fighters advanced", "en") == []


def test_place_is_found_in_english_with_a_spelling_variant() -> None:
    assert ids("Regime forces shelled Maarat al-Numan and Idleb", "en") == ["167611", "169389"]


def test_add_places_fills_the_analysis() -> None:
    a = add_places(Analysis(text="غارة على سراقب", lang="ar"), Gazetteer.builtin())
    assert [p.place.id for p in a.places] == ["164816"]
    assert a.to_json()["places"][0]["geonameid"] == 164816


def test_every_syrian_cities500_arabic_name_is_found() -> None:
    gaz = Gazetteer.builtin()
    syrian = [e for e in gaz.entries.values() if e.country == "SY" and e.level == "city" and e.geonameid]
    assert len(syrian) >= 300
    missed = []
    for e in syrian:
        for name, lang in e.names:
            if lang != "ar" or " " in name and len(name.split()) > gaz.max_words:
                continue
            text = f"وقع انفجار في {name} صباح اليوم"
            found = places(text, gaz=gaz)
            if not any(m.start <= text.index(name) and m.end >= text.index(name) + len(name) for m in found):
                found = places(f"وقع انفجار في مدينة {name} صباح اليوم", gaz=gaz)  # stoplisted common words
                if not found:
                    missed.append(name)
    assert missed == []


def _seed() -> dict:
    path = DEV / "docs.jsonl"
    if not path.exists():
        pytest.skip(f"dev set not found at {path}")
    return json.loads(path.open(encoding="utf-8").readline())


def test_seed_article() -> None:
    doc = _seed()
    found = places(doc["text"])
    by_text = {}
    for m in found:
        by_text.setdefault(m.text, set()).add((m.place.id, m.place.level))
    assert ("170063", "city") in by_text["حلب"]
    assert any(t.endswith("سراقب") and ("164816", "city") in v for t, v in by_text.items())
    assert by_text["منطقة إدلب"] <= {("169387", "governorate")}
    assert ("272103", "country") in by_text["لبنان"]
    for mt in re.finditer("هيئة تحرير الشام", doc["text"]):
        assert not any(mt.start() <= m.start < mt.end() for m in found)


def test_and_that_is_not_the_turkish_city_of_van() -> None:
    # وأن / وإن lose their hamza in matching and then spell وان (Van, Turkey)
    assert places("وقال المصدر وأن الهجوم فشل، وإن القوات انسحبت") == []
    assert [m.place.name for m in places("قصفت الطائرات مدينة وان التركية")] == ["Van"]


def test_the_first_word_of_a_longer_unknown_name_is_not_a_place() -> None:
    # "Khan" alone is an alias in GeoNames; "Khan Tuman" is a town the built-in data lacks
    assert [m.place.name for m in places("Rebels took the town of Khan Tuman on Sunday.", "en")] == []
    # a month, a weekday or a level word after a name does not continue it
    assert [m.place.name for m in places("Aleppo Governorate was shelled; Saraqib Monday.", "en")][-1] == "Saraqib"


def test_a_time_zone_is_not_a_place() -> None:
    assert [m.place.name for m in places("The strike came at 21:05 Damascus local time.", "en")] == []
    assert [m.place.name for m in places("وقعت الغارة عند الساعة العاشرة بتوقيت دمشق", "ar")] == []


def test_syllable_transliterations_are_not_names() -> None:
    from marsad.geo.gazetteer import _syllable_noise

    # GeoNames carries syllable spellings ("A Li Pu" for Aleppo) and two-letter codes; as keys
    # they would make "a", "is", "hi" place words
    assert _syllable_noise("a li pu") and _syllable_noise("is") and not _syllable_noise("al bab")
    assert not _syllable_noise("حي")
    assert [m.place.name for m in places("Is it true? Hi, he said in Aleppo.", "en")] == ["Aleppo"]
