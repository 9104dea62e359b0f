"""Civilians killed by a named armed actor with no weapon word: Violence against civilians / Attack."""

import datetime as dt

from tests.extract.conftest import of_kind

PUB = dt.date(2024, 12, 3)


def _attack(facts):
    return [(e["event_type"], e["sub_type"], e["actor1"], e["actor2"]) for e in of_kind(facts, "event")]


def test_gunmen_of_a_group_killing_shepherds_en(run):
    facts = run("Islamic State gunmen killed four shepherds in the desert east of Homs on Saturday, a monitor said.", "en",
                published=PUB)
    cas = of_kind(facts, "casualties")
    assert [(c["count"], c["party"], c["perpetrator"], c["source"]) for c in cas] == [(4, "civilian", "isis", "sohr")]
    assert _attack(facts) == [("Violence against civilians", "Attack", "isis", "civilians")]


def test_killed_by_the_group_passive_ar(run):
    facts = run("قتل أربعة مدنيين برصاص عناصر من تنظيم الدولة الإسلامية في بادية حمص.", "ar", published=PUB)
    assert [c["perpetrator"] for c in of_kind(facts, "casualties")] == ["isis"]
    assert _attack(facts) == [("Violence against civilians", "Attack", "isis", "civilians")]


def test_a_strike_stays_a_strike_and_adds_no_attack(run):
    facts = run("Russian warplanes killed six civilians in an air strike on Ariha, the civil defence said.", "en",
                published=PUB)
    assert [e["sub_type"] for e in of_kind(facts, "event")] == ["Air/drone strike"]
