"""Extraction rules on sentences written for these tests (Arabic and English)."""

import datetime as dt

from tests.extract.conftest import of_kind

# -- attribution ----------------------------------------------------------------------


def test_reporting_verb_names_the_source_ar(run):
    facts = run("قال المرصد السوري لحقوق الإنسان إن 12 مدنيا قتلوا في غارة روسية على مدينة إدلب.", "ar")
    cas = of_kind(facts, "casualties")
    assert cas and cas[0]["source"] == "sohr"


def test_attribution_carries_to_the_next_sentence(run):
    text = ("قال المرصد السوري لحقوق الإنسان إن الاشتباكات مستمرة في ريف حلب.\n"
            "وأضاف أن 9 مدنيين قتلوا في قصف على مدينة سراقب.")
    cas = of_kind(run(text, "ar"), "casualties")
    assert [(c["count"], c["source"]) for c in cas] == [(9, "sohr")]


def test_according_to_after_the_claim_en(run):
    facts = run("Seven civilians were killed in an airstrike on Idlib, according to the Syrian Observatory for Human Rights.",
                "en", outlet="Wikipedia")
    cas = of_kind(facts, "casualties")
    assert cas[0]["source"] == "sohr" and cas[0]["count"] == 7 and cas[0]["party"] == "civilian"


def test_anonymous_security_official_is_the_army_statement(run):
    facts = run("وقال مسؤول أمني سوري إن 5 جنود قتلوا في هجوم على بلدة سراقب.", "ar")
    assert of_kind(facts, "casualties")[0]["source"] == "syria-military-statement"


def test_witness_and_outlet_default(run):
    facts = run("A resident said that 4 civilians were killed when shells hit Idlib.\n\n"
                "Three soldiers were injured in Hama.", "en", outlet="Sky News Arabia")
    cas = of_kind(facts, "casualties")
    assert [(c["count"], c["source"]) for c in cas] == [(4, "witness"), (3, "skynews-arabia")]


# -- casualties -----------------------------------------------------------------------


def test_vague_figures_follow_the_conventions(run):
    cas = of_kind(run("قتل أكثر من 50 شخصا وأصيب عشرات آخرون في تفجير في مدينة إدلب.", "ar"), "casualties")
    killed = next(c for c in cas if c["outcome"] == "killed")
    assert killed["count"] is None and killed["low"] == 51


def test_running_total_is_cumulative_with_since(run):
    cas = of_kind(run("Clashes continued in Aleppo. The death toll rose to 150 civilians since 1 March, the Observatory said.",
                      "en"), "casualties")
    assert cas[0]["cumulative"] is True and cas[0]["since"] == "2024-03-01" and cas[0]["count"] == 150


def test_breakdown_into_parts_is_not_double_counted(run):
    text = "وقال المرصد إن الحصيلة ارتفعت منذ السبت إلى 90 قتيلا – 50 من هيئة تحرير الشام، و30 جنديا، بالإضافة إلى 10 مدنيين."
    cas = of_kind(run(text, "ar"), "casualties")
    total = next(c for c in cas if c["count"] == 90)
    parts = [c for c in cas if c.get("part_of")]
    assert total["party"] == "all" and total["id"]
    assert {(c["count"], c["party"]) for c in parts} == {(50, "nonstate"), (30, "state"), (10, "civilian")}
    assert all(c["part_of"] == total["id"] for c in parts)


def test_children_among_the_dead_are_not_a_separate_fact(run):
    cas = of_kind(run("قتل 20 مدنيا بينهم 8 أطفال في غارة على مدينة دوما.", "ar"), "casualties")
    assert [c["count"] for c in cas] == [20]


def test_population_distance_and_years_are_not_casualties(run):
    text = ("وتقع البلدة على بعد 40 كيلومترا من حلب، وهي مدينة يبلغ عدد سكانها حوالي مليوني نسمة، "
            "وكانت تحت الحصار منذ عام 2016.")
    assert of_kind(run(text, "ar"), "casualties") == []
    assert of_kind(run("The town, home to 30,000 people, lies 25 km from Hama.", "en"), "casualties") == []


def test_toll_from_an_earlier_report_is_not_repeated(run):
    text = "وقتل 12 شخصا في التفجير. وكانت حصيلة سابقة قد أشارت إلى تسعة قتلى."
    assert [c["count"] for c in of_kind(run(text, "ar"), "casualties")] == [12]


def test_toll_from_last_year_is_background(run):
    text = "In March 2021, 80 people were killed in a strike on Idlib, the Observatory said."
    assert of_kind(run(text, "en"), "casualties") == []


def test_displaced_and_detained(run):
    cas = of_kind(run("Fighting forced more than 20,000 people to flee Daraa, the UN said, and gunmen abducted 15 civilians.",
                      "en"), "casualties")
    outcomes = {(c["outcome"], c["low"] or c["count"]) for c in cas}
    assert ("displaced", 20001) in outcomes and ("detained", 15) in outcomes


# -- control --------------------------------------------------------------------------


def test_control_gain_with_allies_extent_and_place_ar(run):
    facts = run("قال المرصد إن هيئة تحرير الشام والفصائل المتحالفة معها سيطرت على معظم مدينة حلب.", "ar")
    ctl = of_kind(facts, "control")[0]
    assert (ctl["actor"], ctl["extent"], ctl["change"], ctl["place"]["name"]) == ("hts", "most", "gained", "Aleppo")
    assert ctl["with"] == ["opposition"] and ctl["source"] == "sohr"


def test_english_capture_list_gives_one_fact_per_place(run):
    facts = run("On 2 March, HTS captured the villages of Kafr Nabl, Hass and Ma'arrat Harmah.", "en", outlet="Wikipedia")
    ctl = of_kind(facts, "control")
    assert {c["place"]["name"] for c in ctl} >= {"Hass", "Ma'arrat Harmah"}
    assert all(c["actor"] == "hts" and c["date"] == "2024-03-02" for c in ctl)


def test_withdrawal_and_counted_captures(run):
    facts = run("On 3 March, government forces withdrew from Saraqib. Rebels captured 12 villages in northern Syria.",
                "en", outlet="Wikipedia")
    ctl = of_kind(facts, "control")
    assert any(c["change"] == "withdrew" and c["actor"] == "syria-military" and c["place"]["name"] == "Saraqib" for c in ctl)
    counted = [c for c in ctl if c["extent"] == "count"]
    assert counted and counted[0]["count"] == 12 and counted[0]["actor"] == "opposition"


def test_an_aim_is_not_a_change(run):
    assert of_kind(run("وتسعى قوات النظام للسيطرة على مدينة درعا.", "ar"), "control") == []


def test_contradicting_sources_contest_each_other(run):
    text = ("قال المرصد إن هيئة تحرير الشام سيطرت على معظم مدينة حماة. "
            "في حين ذكر بيان للجيش أن القوات استعادت بعض المواقع في مدينة حماة.")
    ctl = of_kind(run(text, "ar"), "control")
    by_src = {c["source"]: c for c in ctl}
    assert by_src["sohr"]["contested_by"][0]["source"] == "syria-military-statement"
    assert by_src["syria-military-statement"]["contested_by"][0]["source"] == "sohr"


# -- events ---------------------------------------------------------------------------


def test_air_strike_with_adjective_actor_and_fatalities(run):
    ev = of_kind(run("قتل 6 مدنيين في غارات روسية على بلدة أريحا.", "ar"), "event")
    assert len(ev) == 1
    e = ev[0]
    assert (e["sub_type"], e["event_type"], e["actor1"], e["actor2"], e["fatalities"]) == (
        "Air/drone strike", "Explosions/Remote violence", "russia-military", "civilians", 6)


def test_unknown_perpetrator_is_unidentified(run):
    ev = of_kind(run("A car bomb exploded in Azaz on Monday, killing 5 people.", "en"), "event")
    assert ev[0]["sub_type"] == "Remote explosive/landmine/IED" and ev[0]["actor1"] == "unidentified"


def test_armed_clash_between_two_actors(run):
    ev = of_kind(run("Fighting broke out between the SDF and Turkish-backed groups near Manbij on Tuesday.", "en"), "event")
    assert ev[0]["sub_type"] == "Armed clash" and {ev[0]["actor1"], ev[0]["actor2"]} == {"sdf", "sna"}


def test_a_denial_is_not_a_confirmation(run):
    text = ("قال ناشطون إن قوات النظام شنت هجوما كيميائيا على مدينة دوما. "
            "ونفت وكالة الأنباء السورية الرسمية أن تكون القوات شنت هجوما كيميائيا على دوما.")
    ev = of_kind(run(text, "ar"), "event")
    assert len(ev) == 1
    assert ev[0]["sub_type"] == "Chemical weapon" and ev[0]["source"] == "activists"
    assert ev[0]["contested_by"][0]["source"] == "state-media"


def test_same_sentence_gives_the_same_facts_in_both_languages(run):
    ar = run("قتل 7 مدنيين في غارة روسية على مدينة إدلب يوم الاثنين.", "ar")
    en = run("Seven civilians were killed in a Russian airstrike on Idlib on Monday.", "en")
    key = lambda fs: sorted((f["kind"], f.get("count"), f.get("sub_type"), f.get("actor1"),
                             f["date"] if isinstance(f["date"], str) else str(f["date"])) for f in fs)
    assert key(ar) == key(en)
    assert of_kind(ar, "event")[0]["date"] == "2024-03-04"


def test_extraction_is_deterministic(run):
    text = "قال المرصد إن 3 مدنيين قتلوا في قصف لقوات النظام على بلدة كفرنبل."
    assert run(text, "ar") == run(text, "ar")


def test_extract_document_uses_the_documents_fields():
    from marsad.extract import extract_document
    from marsad.model import Document

    doc = Document(text="Two civilians were killed in shelling on Idlib.", lang="en",
                   published=dt.date(2024, 3, 6), outlet="BBC Arabic")
    claims = extract_document(doc)
    assert claims and claims[0].source == "bbc-arabic"
    assert doc.text[claims[0].span.start:claims[0].span.end] == claims[0].evidence
