"""A side saying it repelled the attack contests the other side's capture."""

import datetime as dt

from tests.extract.conftest import of_kind

PUB = dt.date(2024, 12, 3)


def test_the_army_repelling_the_attack_contests_the_capture_en(run):
    facts = run("Rebels seized control of most of Hama on Thursday, according to the Syrian Observatory for Human "
                "Rights, while the army said it had repelled the attack.", "en", published=PUB)
    ctl = of_kind(facts, "control")
    assert [(c["source"], [x["source"] for x in c["contested_by"]]) for c in ctl] == [
        ("sohr", ["syria-military-statement"])]


def test_the_army_repelling_the_attack_contests_the_capture_ar(run):
    facts = run("أعلنت الفصائل سيطرتها على مدينة مورك، فيما قال الجيش في بيان إنه صد الهجوم وكبد المهاجمين خسائر فادحة.",
                "ar", published=PUB)
    assert [[x["source"] for x in c["contested_by"]] for c in of_kind(facts, "control")] == [["syria-military-statement"]]


def test_a_repelled_attack_elsewhere_in_the_story_does_not_contest(run):
    facts = run("Rebels captured the town of Saraqib on Monday, the Observatory said.\n\n"
                "In another report, the army said it had repelled an attack in Latakia.", "en", published=PUB)
    assert all(c["contested_by"] == [] for c in of_kind(facts, "control"))
