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
