"""Casualty rules added on top of test_rules.py: sentences written for these tests."""

from tests.extract.conftest import of_kind


def _cas(run, text, lang, **kw):
    return of_kind(run(text, lang, **kw), "casualties")


def _key(f):
    return (f["outcome"], f.get("count"), f["party"])


def test_the_figures_own_noun_names_the_party_before_a_later_actor(run):
    text = "وقال التلفزيون الرسمي إن أربعة مدنيين على الأقل قتلوا أثناء قصف المعارضة على حي سكني."
    facts = _cas(run, text, "ar")
    assert [_key(f) for f in facts] == [("killed", 4, "civilian")]
    assert facts[0]["actor"] == "civilians"


def test_an_actor_in_the_next_clause_is_not_the_victims_group(run):
    text = "قتل ثلاثة مدنيين في القصف، علاوة على إصابة 12، وهو ما نفى جيش الإسلام مسؤوليته عنه."
    facts = _cas(run, text, "ar")
    injured = [f for f in facts if f["outcome"] == "injured"]
    assert [(f["count"], f["party"]) for f in injured] == [(12, "civilian")]
    assert all(f.get("actor") != "jaysh-al-islam" for f in facts)


def test_the_captor_is_not_the_group_of_the_detained(run):
    facts = _cas(run, "وقال المرصد إن 20 شخصا ما زالوا محتجزين لدى التنظيم.", "ar")
    assert [(f["outcome"], f["count"]) for f in facts] == [("detained", 20)]
    assert facts[0].get("actor") is None and facts[0]["party"] != "nonstate"
    facts = _cas(run, "Twelve villagers are still held by the militants, the monitor said.", "en")
    assert all(f.get("actor") is None for f in facts)


def test_two_parts_of_one_total_with_the_same_figure_are_both_kept(run):
    text = ("وأفاد المرصد بمقتل 12 شخصا في الانفجار، هم ثلاثة مدنيين وستة عناصر من هيئة تحرير الشام "
            "وثلاثة لم يتم التعرف على هوياتهم.")
    facts = _cas(run, text, "ar")
    parts = [(f["count"], f["party"]) for f in facts if f.get("part_of")]
    assert (3, "civilian") in parts and (3, "unknown") in parts


def test_a_figure_inside_a_name_is_no_casualty(run):
    assert _cas(run, "وقال مدير شبكة السويداء 24 إن جميع المخطوفين من النساء.", "ar") == []


def test_one_family_counts_families_not_victims(run):
    facts = _cas(run, "وأسفرت الغارة عن سقوط ستة قتلى من عائلة واحدة.", "ar")
    assert [f["count"] for f in facts] == [6]
    facts = _cas(run, "The strike killed six people from one family, a medic said.", "en")
    assert [f["count"] for f in facts] == [6]


def test_one_of_the_injured_is_a_person_not_a_figure(run):
    assert _cas(run, "وقال أحد الجرحى إن المنزل انهار فوق رؤوسهم.", "ar") == []
    assert _cas(run, "One of those injured told reporters that the house collapsed.", "en") == []


def test_patients_are_civilians(run):
    facts = _cas(run, "أدت الغارة إلى مقتل سبعة من المرضى في المستشفى.", "ar")
    assert [_key(f) for f in facts] == [("killed", 7, "civilian")]


def test_the_next_sentence_describing_the_victims_names_their_party(run):
    text = "The strike on the town resulted in 9 casualties. Six of them were displaced people sheltering in a school."
    facts = _cas(run, text, "en")
    assert [_key(f) for f in facts] == [("killed", 9, "civilian")]


def test_civil_defence_members_are_not_fighters(run):
    text = "وأسفرت الغارة عن سقوط أكثر من 20 قتيلا بينهم نساء وأطفال وعناصر من الدفاع المدني."
    facts = _cas(run, text, "ar")
    assert [(f["low"], f["party"]) for f in facts] == [(21, "civilian")]


def test_the_outlet_restating_a_sources_figure_is_not_a_second_fact(run):
    text = ("قتل حوالي ستين شخصا في الهجوم على البلدة. "
            "وقال المرصد السوري لحقوق الإنسان إن 60 شخصا قتلوا في الهجوم.")
    facts = _cas(run, text, "ar")
    assert [(f["source"], f["count"]) for f in facts] == [("sohr", 60)]


def test_dozens_of_houses_is_no_casualty_figure(run):
    facts = _cas(run, "وأدت الغارة إلى إصابة 15 آخرين وتهدم العشرات من المنازل.", "ar")
    assert [(f["outcome"], f["count"]) for f in facts] == [("injured", 15)]


def test_an_incident_sheet_field_is_the_outlets_own_tally(run):
    text = ("Location: Idlib\nDate: 3 March 2024\nReported casualties: 12\nReported injured: 20\n\n"
            "A medic said the airstrikes killed 12 civilians, most of them women and children.")
    facts = _cas(run, text, "en", outlet="Syrian Archive")
    got = {(f["source"], f["outcome"], f["count"], f["party"]) for f in facts}
    assert ("syrian-archive", "killed", 12, "civilian") in got
    assert ("syrian-archive", "injured", 20, "civilian") in got
    assert ("witness", "killed", 12, "civilian") in got


def test_english_pronouns_are_no_actor_names(run):
    # "who" is not the WHO, "is" is not the Islamic State
    facts = _cas(run, "A medic who was at the scene said 7 people were killed and the number of injured is unknown.", "en")
    assert [f["source"] for f in facts] == ["witness"]
    assert facts[0].get("actor") != "isis"


def test_a_month_of_an_earlier_year_is_background(run):
    import datetime as dt
    text = "In April 2023, 50 people were killed in a similar attack on Khan Shaykhun."
    assert _cas(run, text, "en", published=dt.date(2024, 3, 6)) == []


def test_one_person_killed_without_a_figure_is_a_toll_of_one(run):
    facts = _cas(run, "Sami Haddad, a photographer working for a local agency, was killed in an airstrike in Saraqib.", "en")
    assert [_key(f) for f in facts] == [("killed", 1, "civilian")]
    facts = _cas(run, "Earlier, Iranian General Ali Rezaei was killed by the rebels during clashes near Aleppo.", "en")
    assert [(f["count"], f["party"], f["actor"]) for f in facts] == [(1, "state", "iran-military")]
    # a figure in the sentence tells the toll itself
    facts = _cas(run, "Five people died and one child was killed in the shelling.", "en")
    assert all(f["count"] != 1 for f in facts)


def test_a_larger_figure_after_a_weapon_noun_is_still_a_toll(run):
    facts = _cas(run, "وقتلت الغارات 10 مدنيين في البلدة.", "ar")
    assert [_key(f) for f in facts] == [("killed", 10, "civilian")]


def test_a_date_in_the_sentence_does_not_hide_a_single_death(run):
    facts = _cas(run, "On 5 December, a journalist was killed in Saraqib.", "en")
    assert [_key(f) for f in facts] == [("killed", 1, "civilian")]


def test_residents_in_an_earlier_clause_do_not_make_a_displacement_a_population(run):
    text = "وعاد بعض المدنيين إلى البلدة التي تبدو خالية من سكانها، بعد أن فر منها أكثر من 100 ألف مدني، بحسب المرصد."
    facts = _cas(run, text, "ar")
    assert [(f["outcome"], f["low"]) for f in facts] == [("displaced", 100001)]


def test_a_broken_down_total_is_all_and_its_earlier_mention_is_the_same_fact(run):
    text = ("وقال المرصد إن التنظيم خطف 20 مدنيا في هجومه على القرى، والذي أوقع أكثر من 150 قتيلا.\n"
            "وأسفر الهجوم، وفق حصيلة للمرصد، عن مقتل أكثر من 150 شخصا بينهم 90 مدنيا على الأقل، قضى أكثر من ثلاثين منهم في قرية واحدة.")
    facts = [f for f in _cas(run, text, "ar") if f["outcome"] == "killed"]
    total = [f for f in facts if f.get("low") == 151]
    assert len(total) == 1 and total[0]["party"] == "all" and total[0]["id"]
    civ = [f for f in facts if f.get("count") == 90]
    assert civ and civ[0]["party"] == "civilian" and civ[0]["part_of"] == total[0]["id"]
    sub = [f for f in facts if f.get("low") == 31]
    assert sub and sub[0]["party"] == "civilian" and sub[0]["part_of"] == civ[0]["id"]


def test_men_are_not_civilians_by_context_alone(run):
    text = "وقال المرصد إن 20 مدنيا ما زالوا محتجزين لدى التنظيم، فيما ما زال مصير 12 رجلا آخرين مجهولا."
    missing = [f for f in _cas(run, text, "ar") if f["outcome"] == "missing"]
    assert [(f["count"], f["party"]) for f in missing] == [(12, "unknown")]


def test_the_outcome_noun_of_a_total_does_not_govern_its_listed_parts(run):
    text = "وقال المرصد إن الانفجار أسفر عن 20 قتيلا هم أربعة مدنيين وعشرة مقاتلين من هيئة تحرير الشام وستة لم يتم التعرف على هوياتهم."
    facts = _cas(run, text, "ar")
    total = [f for f in facts if f["count"] == 20]
    assert len(total) == 1 and total[0]["party"] == "all"
    parts = sorted((f["count"], f["party"]) for f in facts if f.get("part_of") == total[0]["id"])
    assert parts == [(4, "civilian"), (6, "unknown"), (10, "nonstate")]


def test_a_toll_that_exceeded_a_figure_is_more_than_it(run):
    facts = _cas(run, "وقال الدفاع المدني إن عدد الضحايا تجاوز 90 شخصا.", "ar")
    assert [(f["count"], f["low"]) for f in facts] == [(None, 91)]


def test_fighters_named_by_the_side_of_some_among_them(run):
    text = "وقال المرصد إن 12 مقاتلا على الأقل، بينهم إيرانيون، قتلوا في الضربة على المطار العسكري."
    facts = _cas(run, text, "ar")
    assert [(f["count"], f["party"], f.get("actor"), f.get("perpetrator")) for f in facts] == [(12, "state", None, None)]
