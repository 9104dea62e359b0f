"""Event rules added on top of test_rules.py: triggers, attackers, places and duplicates.

Every sentence here is written for the test.
"""

from tests.extract.conftest import of_kind


def _events(run, text, lang):
    return of_kind(run(text, lang), "event")


def _keys(events):
    return sorted((e["sub_type"], e["actor1"], e["place"]["name"] if e["place"] else None) for e in events)


def test_month_name_is_no_protest(run):
    ev = _events(run, "In March 2023, residents of Azaz received aid.", "en")
    assert ev == []


def test_captured_jets_are_no_air_strike(run):
    ev = _events(run, "Rebels captured two fighter jets at the airport of Hama on Tuesday.", "en")
    assert all(e["sub_type"] != "Air/drone strike" for e in ev)


def test_air_support_is_no_air_strike_ar(run):
    ev = _events(run, "وتواصل قوات النظام تقدمها في ريف حماة مدعومة بالطيران الروسي.", "ar")
    assert all(e["sub_type"] != "Air/drone strike" for e in ev)


def test_protest_actor_is_the_protesters(run):
    ev = _events(run, "Hundreds of people protested in Idlib on Friday against the new taxes.", "en")
    assert [(e["sub_type"], e["actor1"]) for e in ev] == [("Peaceful protest", "protesters")]


def test_place_of_a_contrasting_clause_is_not_the_event_place(run):
    text = "أعلن الجيش الروسي اليوم أنه يقصف مواقع الإرهابيين، فيما دعت أنقرة إلى وقف القتال في إدلب."
    ev = _events(run, text, "ar")
    assert all(e["place"] is None or e["place"]["name"] != "Idlib" for e in ev)


def test_fighting_with_a_capture_is_a_territorial_battle(run):
    text = "After heavy fighting, rebels captured the town of Saraqib on Monday."
    ev = _events(run, text, "en")
    assert all(e["sub_type"] != "Armed clash" for e in ev)
    # fighting without any change of control stays an armed clash
    ev = _events(run, "Heavy fighting took place near Saraqib on Monday between the rebels and the Syrian army.", "en")
    assert [e["sub_type"] for e in ev] == ["Armed clash"]


def test_a_heading_is_no_event(run):
    text = "Clashes near Manbij\nThe town of Manbij was calm on Monday, residents said."
    assert _events(run, text, "en") == []


def test_chemical_stockpile_is_no_chemical_attack(run):
    text = "Israeli jets bombed depots near Homs that contained chemical weapons on Sunday."
    ev = _events(run, text, "en")
    assert [e["sub_type"] for e in ev] == ["Air/drone strike"]


def test_bombardment_by_an_air_force_is_an_air_strike_ar(run):
    ev = _events(run, "قصف الجيش الروسي الثلاثاء مدينة أريحا.", "ar")
    assert _keys(ev) == [("Air/drone strike", "russia-military", "Ariha")]


def test_unnamed_air_defences_are_the_army(run):
    text = "قالت وسائل الإعلام الرسمية إن الدفاعات الجوية تصدت الاثنين لصواريخ في سماء مدينة حمص."
    ev = _events(run, text, "ar")
    assert ("Disrupted weapons use", "syria-military", "Homs") in _keys(ev)


def test_victims_group_is_not_the_attacker(run):
    text = "قتل 9 عناصر من قوات النظام الأحد في انفجار عبوة ناسفة في مدينة درعا."
    ev = _events(run, text, "ar")
    assert [(e["sub_type"], e["actor1"]) for e in ev] == [("Remote explosive/landmine/IED", "unidentified")]


def test_unknown_attacker_retelling_merges_into_the_named_event(run):
    text = ("Russian warplanes carried out airstrikes on Ariha on Monday, killing 4 civilians.\n\n"
            "Residents said an airstrike hit a market in Ariha.")
    ev = _events(run, text, "en")
    assert _keys(ev) == [("Air/drone strike", "russia-military", "Ariha")]


def test_aircraft_named_as_actor_is_an_air_strike_ar(run):
    text = "واستهدفت الطائرات الحربية الروسية وفق ناشطين، مدينة معرة النعمان الاثنين."
    ev = _events(run, text, "ar")
    assert [(e["sub_type"], e["actor1"]) for e in ev] == [("Air/drone strike", "russia-military")]


def test_restated_sub_type_keeps_the_attacker(run):
    text = ("On Monday, Russia launched airstrikes on towns in Idlib province. "
            "One airstrike hit a school in Ariha, killing 3 children.")
    ev = _events(run, text, "en")
    assert ("Air/drone strike", "russia-military", "Ariha") in _keys(ev)


def test_event_without_any_place_is_not_placed_by_the_main_city(run):
    text = ("Government forces shelled Douma on Monday.\n\n"
            "A witness said the fighting started the day before.")
    ev = _events(run, text, "en")
    assert all(e["sub_type"] != "Armed clash" for e in ev)


def test_old_month_dated_event_is_history(run):
    text = "وكان النظام قد استخدم غاز السارين في هجوم على مدينة خان شيخون في نيسان/أبريل 2022."
    assert _events(run, text, "ar") == []


def test_generic_bombardment_yields_to_the_air_strike_of_the_same_actor_ar(run):
    text = ("تواصل قوات النظام السوري قصفها على مدينة إدلب الثلاثاء. "
            "وشنت قوات النظام غارات جوية على مدينة إدلب.")
    ev = _events(run, text, "ar")
    assert _keys(ev) == [("Air/drone strike", "syria-military", "Idlib")]


def test_fighting_right_after_an_attack_is_the_attackers(run):
    text = ("Government forces shelled Saraqib on Tuesday. "
            "Fierce fighting was reported in Saraqib in the afternoon.")
    ev = _events(run, text, "en")
    assert ("Armed clash", "syria-military", "Saraqib") in _keys(ev)


def test_dependent_clause_takes_the_sentence_subject_en(run):
    text = "On Monday, rebels entered Saraqib, after carrying out a suicide attack with a car bomb."
    ev = _events(run, text, "en")
    assert ("Suicide bomb", "opposition", "Saraqib") in _keys(ev)


def test_among_the_dead_is_not_the_attacker_ar(run):
    text = "قال المرصد إن 10 مقاتلين بينهم إيرانيون قتلوا في ضربة استهدفت الاثنين مطار حماة العسكري."
    ev = _events(run, text, "ar")
    assert [e["actor1"] for e in ev] == ["unidentified"]


def test_clock_time_city_is_not_the_event_place_ar(run):
    text = "وتعرضت البلدة لغارة جوية في الساعة 22:10 بالتوقيت المحلي لدمشق."
    ev = _events(run, text, "ar")
    assert all(e["place"]["name"] != "Damascus" for e in ev)


def test_place_inside_an_organisation_name_is_not_a_location_ar(run):
    text = 'وقال المركز الإعلامي للغوطة إن 12 شخصا "قتلوا جراء الاختناق".'
    ev = _events(run, text, "ar")
    assert ev == []


def test_undated_sentence_continues_the_history_before_it_ar(run):
    text = ("في آب 2019، أطلق صاروخ محمل بغاز السارين على بلدة في ريف حماة.\n"
            "وأكدت لجنة دولية استخدام غاز السارين في بلدة اللطامنة بريف حماة.")
    assert _events(run, text, "ar") == []


def test_vaguer_retelling_with_unknown_attacker_merges_en(run):
    text = ("On Thursday night, an airstrike hit a market in Ariha.\n\n"
            "A second airstrike followed half an hour later in the southern Idlib countryside.")
    ev = _events(run, text, "en")
    assert _keys(ev) == [("Air/drone strike", "unidentified", "Ariha")]


def test_next_attack_without_a_place_keeps_the_attackers_place_and_target(run):
    text = ("Israel carried out airstrikes on Hezbollah positions inside Syria on Monday. Israel warned Iran against "
            "flights to Damascus. Israel also bombed Syrian army depots to keep them from others.")
    ev = _events(run, text, "en")
    assert [(e["actor1"], e["actor2"], e["place"]["name"]) for e in ev] == [
        ("israel-military", "hezbollah", "Syria"), ("israel-military", "syria-military", "Syria")]


def test_fighting_in_a_contrasting_clause_is_a_clash(run):
    text = "On Tuesday, rebels captured the village of Khan Tuman, while fighting persisted in Saraqib."
    ev = _events(run, text, "en")
    assert ("Armed clash", "opposition", "Saraqib") in _keys(ev)


def test_purpose_infinitive_is_no_event(run):
    text = "Russia moved troops from Tartus to fight in Ukraine, the ministry said on Monday."
    assert _events(run, text, "en") == []


def test_countryside_and_governorate_are_one_area_for_a_retelling_ar(run):
    text = ("خطف مسلحو تنظيم الدولة الإسلامية 20 مدنيا في محافظة إدلب الأربعاء.\n"
            "وأفاد ناشطون أن التنظيم خطف المدنيين من ريف إدلب.")
    ev = _events(run, text, "ar")
    assert [e["sub_type"] for e in ev] == ["Abduction/forced disappearance"]


def test_launching_an_offensive_is_an_armed_clash(run):
    text = "On Wednesday, HTS launched an offensive against government forces near Saraqib."
    ev = _events(run, text, "en")
    assert ("Armed clash", "hts", "Saraqib") in _keys(ev)


def test_unknown_town_named_as_a_town_is_the_place_en(run):
    text = ("Activists said on Monday that Russian warplanes carried out two airstrikes targeting "
            "Kafr Dawud, a town in the countryside of Idlib.")
    ev = _events(run, text, "en")
    assert _keys(ev) == [("Air/drone strike", "russia-military", "Kafr Dawud")]


def test_nationality_adjective_of_a_place_is_not_the_attacker_ar(run):
    text = "قتل 5 مدنيين الاثنين في هجوم كيميائي على مدينة أريحا السورية."
    ev = _events(run, text, "ar")
    assert [(e["sub_type"], e["actor1"]) for e in ev] == [("Chemical weapon", "unidentified")]


def test_blame_statement_names_the_attacker_of_the_incident_ar(run):
    text = ("قتل 5 مدنيين الاثنين في هجوم كيميائي على مدينة أريحا.\n"
            "وأرجع ناشطون الاختناق إلى إلقاء طيران النظام السوري برميلا يحتوي على غاز الكلور.")
    ev = _events(run, text, "ar")
    assert _keys(ev) == [("Chemical weapon", "syria-military", "Ariha")]


def test_attacks_on_two_days_are_two_events_en(run):
    text = "Rebels said the town of Ariha sustained chemical attacks on 2 March 2024 and again on 5 March 2024."
    ev = _events(run, text, "en")
    assert sorted(e["date"] for e in ev) == ["2024-03-02", "2024-03-05"]


def test_overnight_is_one_event_ar(run):
    text = "استهدفت الغارات ليل الأحد وصباح الاثنين مدينة أريحا."
    ev = _events(run, text, "ar")
    assert len(ev) == 1


def test_that_is_not_a_target_marker_en(run):
    text = "Residents said that Russian warplanes carried out airstrikes on Ariha on Sunday."
    ev = _events(run, text, "en")
    assert [e["actor1"] for e in ev] == ["russia-military"]


def test_commemorated_battle_is_no_event_ar(run):
    text = "وقال الرئيس في خطاب بمناسبة إحياء ذكرى معركة ميسلون إن قواته ستواصل عملياتها."
    assert _events(run, text, "ar") == []


def test_artillery_of_the_fighting_is_part_of_the_clash_en(run):
    text = "Residents said fierce fighting with heavy artillery took place in Saraqib on Friday."
    ev = _events(run, text, "en")
    assert [e["sub_type"] for e in ev] == ["Armed clash"]


def test_place_after_near_is_a_landmark_ar(run):
    text = "أدت الغارات الجوية لقوات النظام على الغوطة الشرقية قرب دمشق ليل الاثنين إلى مقتل 9 مدنيين."
    ev = _events(run, text, "ar")
    assert [e["place"]["name"] for e in ev] == ["Eastern Ghouta"]


def test_question_line_is_a_heading(run):
    text = "Read more - The battle for Saraqib: who fights whom?\nThe town was quiet on Monday, residents said."
    assert _events(run, text, "en") == []


def test_one_line_text_without_full_stop_is_still_a_report(run):
    ev = _events(run, "Russian airstrikes on Ariha on Monday killed 5 civilians", "en")
    assert [e["sub_type"] for e in ev] == ["Air/drone strike"]


def test_subjected_to_shelling_is_still_an_event(run):
    text = "The town of Ariha was subjected to heavy shelling by government forces on Monday."
    ev = _events(run, text, "en")
    assert [(e["sub_type"], e["actor1"]) for e in ev] == [("Shelling/artillery/missile attack", "syria-military")]


def test_unknown_attacker_far_away_is_another_incident(run):
    text = ("Russian warplanes carried out airstrikes on Ariha on Monday.\n\n"
            "An airstrike also hit a market in Daraa on Monday, residents said.")
    ev = _events(run, text, "en")
    assert ("Air/drone strike", "unidentified", "Dar'a") in _keys(ev) or \
        ("Air/drone strike", "unidentified", "Daraa") in _keys(ev)


def test_unknown_attacker_retelling_nearby_is_one_incident(run):
    text = ("At least 9 people were killed on Tuesday when a car bomb exploded in the town of Azaz.\n"
            "The blast hit a busy market near the Bab al-Salama crossing.")
    ev = _events(run, text, "en")
    assert [e["sub_type"] for e in ev] == ["Remote explosive/landmine/IED"]


def test_backer_adjective_is_not_the_attacker(run):
    text = "Iranian-backed militias shelled the town of Saraqib on Wednesday."
    ev = _events(run, text, "en")
    assert all(e["actor1"] != "iran-military" for e in ev)


def test_verb_first_subject_with_an_instrument_ar(run):
    text = "واستهدفت قوات النظام بالمدفعية الثقيلة مواقع تنظيم الدولة الإسلامية في محيط مدينة الميادين."
    ev = _events(run, text, "ar")
    assert [(e["sub_type"], e["actor1"]) for e in ev] == [("Shelling/artillery/missile attack", "syria-military")]


def test_reporting_clause_keeps_its_own_subject_en(run):
    text = ("Israeli strikes hit a depot near Damascus airport overnight, state media said, "
            "adding that air defences intercepted most of the missiles.")
    ev = _events(run, text, "en")
    assert ("Disrupted weapons use", "syria-military") in [(e["sub_type"], e["actor1"]) for e in ev]
    assert ("Air/drone strike", "israel-military") in [(e["sub_type"], e["actor1"]) for e in ev]


def test_reporting_gerund_keeps_its_own_subject_ar(run):
    text = "قالت وكالة سانا إن صواريخ إسرائيلية استهدفت محيط حمص، مضيفة أن الدفاعات الجوية أسقطت معظمها."
    ev = _events(run, text, "ar")
    assert ("Disrupted weapons use", "syria-military") in [(e["sub_type"], e["actor1"]) for e in ev]


def test_arabic_past_perfect_is_not_hypothetical(run):
    text = "وكانت طائرات حربية روسية قد شنت في وقت سابق من اليوم غارات على مدينة معرة النعمان."
    ev = _events(run, text, "ar")
    assert [(e["sub_type"], e["actor1"]) for e in ev] == [("Air/drone strike", "russia-military")]


def test_qad_with_a_present_verb_stays_hypothetical(run):
    text = "وقالت مصادر إن الطائرات الروسية قد تشن غارات على مدينة معرة النعمان."
    assert _events(run, text, "ar") == []


def test_government_artillery_is_the_army(run):
    text = "On Monday, government artillery shelled the town of Taftanaz."
    ev = _events(run, text, "en")
    assert [(e["sub_type"], e["actor1"]) for e in ev] == [("Shelling/artillery/missile attack", "syria-military")]


def test_lead_told_by_the_outlet_takes_the_source_named_below(run):
    text = ("قتل 7 مدنيين الاثنين في غارات روسية على مدينة أريحا.\n"
            "وقال المرصد السوري لحقوق الإنسان إن غارات روسية استهدفت مدينة أريحا.")
    ev = _events(run, text, "ar")
    assert [(e["actor1"], e["source"]) for e in ev] == [("russia-military", "sohr")]


def test_unknown_town_inside_a_place_list_en(run):
    text = "On Monday, government forces shelled Idlib, Ariha, Kafr Dawud and other areas."
    ev = _events(run, text, "en")
    assert sorted(e["place"]["name"] for e in ev) == ["Ariha", "Idlib", "Kafr Dawud"]


def test_source_after_a_list_is_not_a_place_en(run):
    text = "Government forces shelled Idlib and Ariha, Reuters reported on Monday."
    ev = _events(run, text, "en")
    assert sorted(e["place"]["name"] for e in ev) == ["Ariha", "Idlib"]


def test_part_of_a_named_governorate_is_the_governorate_en(run):
    text = ("Fighting was reported across Aleppo Governorate.\n\n"
            "On Monday, HTS launched an offensive against government forces in western Aleppo Governorate.")
    ev = _events(run, text, "en")
    assert ("Armed clash", "hts") in [(e["sub_type"], e["actor1"]) for e in ev]
    assert all(e["place"]["level"] == "governorate" for e in ev if e["actor1"] == "hts")


def test_event_in_an_unknown_town_is_not_placed_elsewhere_ar(run):
    text = ("نقل بعض الجرحى إلى تركيا عبر معبر باب الهوى.\n"
            "وكانت بلدة كفرداود قد شهدت اشتباكات بين فصيلين محليين الأحد.")
    ev = _events(run, text, "ar")
    assert all(e["place"]["name"] != "Bab al-Hawa crossing" for e in ev)


def test_kind_denied_in_the_clause_is_no_event_ar(run):
    text = "رغم بدء القتال في اليوم السابق لم تقع أية اشتباكات في مدينة أريحا."
    assert all(e["sub_type"] != "Armed clash" for e in _events(run, text, "ar"))


def test_main_town_unknown_to_the_gazetteer_is_no_fallback_place_ar(run):
    text = ("استهدفت غارة جوية بلدة كفرداود الخميس.\n"
            "ونقل بعض الجرحى من بلدة كفرداود إلى تركيا عبر معبر باب الهوى.\n"
            "وقال شاهد إن الطيران عاد وقصف المكان نفسه وإن عشرات المنازل دمرت فيها.")
    ev = _events(run, text, "ar")
    assert all(e["place"]["name"] != "Bab al-Hawa crossing" for e in ev)
