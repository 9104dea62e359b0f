"""Control rules added on top of test_rules.py: sentences written for these tests."""

import datetime as dt

from tests.extract.conftest import of_kind


def _control(run, text, lang, **kw):
    return of_kind(run(text, lang, **kw), "control")


def test_a_static_holding_is_background_not_a_claim(run):
    assert _control(run, "تسيطر هيئة تحرير الشام على مدينة إدلب منذ سنوات.", "ar") == []
    assert _control(run, "The town of Saraqib is held by rebels.", "en") == []


def test_a_holding_stated_as_new_is_a_gain(run):
    facts = _control(run, "وباتت قوات النظام الأحد، بحسب المرصد، تسيطر على معظم مدينة دوما.", "ar")
    assert [(f["actor"], f["change"], f["place"]["name"]) for f in facts] == [("syria-military", "gained", "Douma")]


def test_advancing_or_managing_is_not_a_change(run):
    assert _control(run, "تقدمت قوات النظام في ريف حماة الشمالي.", "ar") == []
    assert _control(run, "وتمكنت قوات النظام من قصف مدينة دوما.", "ar") == []


def test_control_noun_without_its_object_names_a_state(run):
    # "areas under the factions' control in rural Idlib": no change
    assert _control(run, "قصفت الطائرات مناطق سيطرة الفصائل في ريف إدلب.", "ar") == []


def test_losing_a_relative_is_not_losing_a_place(run):
    assert _control(run, "فقد رجل من مدينة إدلب والده في القصف.", "ar") == []


def test_arabic_subject_is_not_the_adjective_of_the_place(run):
    facts = _control(run, "تمكنت القوات التركية من السيطرة على مدينة عفرين السورية.", "ar")
    assert [(f["actor"], f["place"]["name"]) for f in facts] == [("turkey", "Afrin")]


def test_arabic_subject_is_not_an_actor_after_a_preposition(run):
    text = "وقال الشاهد إن المقاتلين الأكراد انسحبوا من مدينة عفرين مشيرا إلى انتشار قوات تركية فيها."
    facts = _control(run, text, "ar")
    assert {(f["actor"], f["change"]) for f in facts} == {("ypg", "withdrew")}


def test_control_noun_after_a_control_verb_is_one_change(run):
    facts = _control(run, "بسطت القوات التركية سيطرتها الكاملة على مدينة عفرين.", "ar")
    assert [(f["actor"], f["extent"], f["place"]["name"]) for f in facts] == [("turkey", "all", "Afrin")]


def test_a_second_source_restating_a_change_is_one_claim(run):
    text = ("سيطرت القوات التركية على مدينة عفرين، وفق ما أعلنت أنقرة. "
            "وأكد المرصد السوري لحقوق الإنسان سيطرة القوات التركية على مدينة عفرين.")
    facts = _control(run, text, "ar")
    assert len(facts) == 1 and facts[0]["actor"] == "turkey"


def test_these_forces_are_the_forces_named_last(run):
    text = ("ويسيطر تنظيم الدولة الإسلامية على جيب صغير ويتعرض لهجوم من قوات النظام منذ أسبوعين. "
            "وتمكنت هذه القوات الاثنين من السيطرة على مدينة نوى.")
    facts = _control(run, text, "ar")
    assert [(f["actor"], f["place"]["name"]) for f in facts] == [("syria-military", "Nawa")]


def test_the_city_is_the_city_the_sentence_speaks_of(run):
    text = ("Rebels shelled Aleppo. Aleppo airport was closed. Aleppo was quiet. "
            "On Thursday, rebels entered the outskirts of Hama and by the evening, HTS had "
            "established full control over the city.")
    facts = _control(run, text, "en")
    assert ("hts", "Hama") in {(f["actor"], f["place"]["name"]) for f in facts}
    assert all(f["place"]["name"] != "Aleppo" for f in facts)


def test_places_after_a_contrast_are_not_captured(run):
    text = "Rebels captured the towns of Khan Shaykhun and Kafr Nabl, while fighting continued in Saraqib."
    names = {f["place"]["name"] for f in _control(run, text, "en")}
    assert "Saraqib" not in names and len(names) == 2


def test_districts_of_a_city_are_part_of_the_city(run):
    facts = _control(run, "Rebels entered the Hamdaniya and New Aleppo districts of Aleppo city.", "en")
    assert [(f["place"]["name"], f["extent"]) for f in facts] == [("Aleppo", "part")]
    facts = _control(run, "Rebels managed to enter the Damascus neighborhood of Barzeh.", "en")
    assert [(f["place"]["name"], f["extent"]) for f in facts] == [("Damascus", "part")]


def test_counted_capture_takes_the_governorate_of_its_sentence(run):
    text = "Rebels advanced in the Hama Governorate, capturing dozens of towns and villages in the countryside."
    facts = _control(run, text, "en")
    assert [(f["extent"], f["place"]["level"]) for f in facts] == [("count", "governorate")]


def test_a_definite_plural_is_not_a_list_of_names(run):
    facts = _control(run, "وشنت قوات سوريا الديمقراطية هجوما واستعادت القرى الأربعة من قبضة النظام.", "ar")
    assert all(f["place"]["name"] != "الأربعة" for f in facts)


def test_a_past_year_in_an_earlier_sentence_does_not_date_the_story(run):
    text = ("On 28 November, HTS attacked government positions. The road had been secured by "
            "government forces in 2020. Later that day, HTS captured the town of Saraqib.")
    facts = _control(run, text, "en", published=dt.date(2024, 12, 1))
    assert [(f["place"]["name"], f["date"]) for f in facts] == [("Saraqib", "2024-11-28")]


def test_a_participle_describing_unnamed_towns_is_no_capture(run):
    text = "Russian jets struck towns recently captured by rebels in the Idlib and Hama regions."
    assert _control(run, text, "en") == []


def test_the_capture_of_a_place_by_an_actor(run):
    facts = _control(run, "After the capture of Homs by the Southern Operations Room, the army withdrew south.", "en")
    assert ("southern-operations-room", "gained", "Homs") in {(f["actor"], f["change"], f["place"]["name"]) for f in facts}


def test_capturing_them_stands_for_the_cities_named_before(run):
    text = ("Protests broke out in Latakia and later in Tartus. "
            "On 8 December, HTS advanced on both cities, capturing them without a battle.")
    facts = _control(run, text, "en")
    assert {(f["actor"], f["place"]["name"]) for f in facts} == {("hts", "Latakia"), ("hts", "Tartous")}
    # "them" are people when no place noun is in the sentence
    assert _control(run, "Soldiers fled Latakia and Tartus. Rebels chased the soldiers, capturing them.", "en") == []


def test_withdrawing_from_the_region_names_no_place(run):
    text = "SNA forces captured Tadef as pro-government forces began withdrawing from the region."
    facts = _control(run, text, "en")
    assert all(f["change"] != "withdrew" for f in facts)


def test_the_rebels_entering_before_the_named_group_takes_the_city_is_one_change(run):
    text = ("On Thursday, opposition forces entered the northern part of Hama city and by the evening, "
            "HTS-led rebels had established full control over the city.")
    facts = _control(run, text, "en")
    assert [(f["actor"], f["place"]["name"]) for f in facts] == [("hts", "Hama")]


def test_a_relative_clause_of_the_arabic_subject_does_not_end_the_places(run):
    facts = _control(run, "سيطرت الفصائل التي تدعمها تركيا على مدينة عفرين.", "ar")
    assert [f["place"]["name"] for f in facts] == ["Afrin"]


def test_a_control_noun_in_a_clause_of_its_own_is_a_change_of_its_own(run):
    text = "قصفت الطائرات مدينة سراقب. وانسحبت قوات النظام من المدينة بعد سيطرة الفصائل عليها."
    got = {(f["actor"], f["change"], f["place"]["name"]) for f in _control(run, text, "ar")}
    assert got == {("syria-military", "withdrew", "Saraqib"), ("opposition", "gained", "Saraqib")}


def test_the_town_prefers_the_place_the_text_called_a_town(run):
    text = "Rebels captured the town of Saraqib, near Idlib. HTS then took full control of the town."
    facts = _control(run, text, "en")
    assert {f["place"]["name"] for f in facts} == {"Saraqib"}


def test_the_expelled_actor_is_not_the_one_who_gains(run):
    text = "أعلنت قوات سوريا الديمقراطية أنها طردت قوات النظام السوري من عدة قرى في محافظة دير الزور."
    facts = _control(run, text, "ar")
    assert [(f["actor"], f["from_actor"]) for f in facts] == [("sdf", "syria-military")]


def test_a_quotation_is_not_part_of_the_coalition_before_it(run):
    text = 'وقالت قوات سوريا الديمقراطية في بيان، "كانت قوات النظام السوري قد دخلت 3 قرى في ريف دير الزور".'
    facts = _control(run, text, "ar")
    assert [(f["actor"], f["extent"], f["count"]) for f in facts] == [("syria-military", "count", 3)]


def test_unknown_arabic_village_names_are_one_counted_capture_in_the_area(run):
    text = ("اندلعت مواجهات في ريف دير الزور الشرقي. "
            "وتمكنت قوات النظام من السيطرة على قرى طرفاوي والمسعودة والبقعة، الواقعة قرب الحدود.")
    facts = _control(run, text, "ar")
    assert [(f["actor"], f["extent"], f["count"], f["place"]["level"]) for f in facts] == \
        [("syria-military", "count", 3, facts[0]["place"]["level"])]
    assert facts[0]["place"]["level"] in ("region", "district", "governorate")


def test_a_counted_capture_restated_with_the_names_is_one_claim(run):
    text = ("دخلت قوات النظام 3 قرى في ريف دير الزور. "
            "وتمكنت قوات النظام من السيطرة على قرى طرفاوي والمسعودة والبقعة.")
    facts = _control(run, text, "ar")
    assert [(f["actor"], f["count"]) for f in facts] == [("syria-military", 3)]
