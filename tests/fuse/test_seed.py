"""The seed report, its claims built by hand as the dev gold's first line states them."""

from __future__ import annotations

import datetime as dt

from fuse_helpers import ALEPPO, NORTH, SARAQIB, ContestedBy, day, doc, rec, span
from marsad.fuse.run import fuse, holding_of, ledger_of
from marsad.model import CasualtyClaim, ControlClaim, EventClaim

SINCE = dt.date(2024, 11, 27)
PUB = "2024-11-30"


def _seed():  # type: ignore[no-untyped-def]
    claims = [
        ControlClaim(source="sohr", date=day(PUB), place=ALEPPO, actor="hts", with_=["opposition"],
                     from_actor="syria-military", extent="most", change="gained",
                     contested_by=[ContestedBy("syria-military-statement", "forces repelled the attack")],
                     evidence="took most of the city"),
        EventClaim(source="sohr", date=span("2024-11-29", PUB), place=ALEPPO,
                   event_type="Explosions/Remote violence", sub_type="Air/drone strike",
                   actor1="russia-military", evidence="struck areas of the city overnight"),
        CasualtyClaim(source="sohr", date=day(PUB), outcome="killed", count=311, party="all",
                      cumulative=True, since=SINCE, id="total-311", evidence="toll rose to 311"),
        CasualtyClaim(source="sohr", date=day(PUB), outcome="killed", count=183, party="nonstate",
                      actor="hts", cumulative=True, since=SINCE, part_of="total-311", evidence="183 fighters"),
        CasualtyClaim(source="sohr", date=day(PUB), outcome="killed", count=100, party="state",
                      actor="syria-military", cumulative=True, since=SINCE, part_of="total-311", evidence="100 soldiers"),
        CasualtyClaim(source="sohr", date=day(PUB), outcome="killed", count=28, party="civilian",
                      actor="civilians", cumulative=True, since=SINCE, part_of="total-311", evidence="28 civilians"),
        CasualtyClaim(source="state-media", date=span("2024-11-27", PUB), place=ALEPPO, outcome="killed",
                      count=4, party="civilian", actor="civilians", perpetrator="hts", evidence="four civilians killed"),
        EventClaim(source="state-media", date=span("2024-11-27", PUB), place=ALEPPO,
                   event_type="Explosions/Remote violence", sub_type="Shelling/artillery/missile attack",
                   actor1="hts", actor2="civilians", fatalities=4, evidence="shelled student housing"),
        ControlClaim(source="sohr", date=day(PUB), place=ALEPPO, actor="syria-police", extent="part",
                     change="withdrew", evidence="police chiefs withdrew from the centre"),
        ControlClaim(source="sohr", date=day("2024-11-29"), place=NORTH, actor="hts", with_=["opposition"],
                     from_actor="syria-military", extent="count", low=51, change="gained", evidence="over 50 towns"),
        ControlClaim(source="sohr", date=span("2024-11-27", PUB), place=SARAQIB, actor="hts", with_=["opposition"],
                     from_actor="syria-military", extent="all", change="gained", evidence="took Saraqib"),
        ControlClaim(source="syria-military-statement", date=span("2024-11-29", PUB), place=ALEPPO,
                     actor="syria-military", from_actor="hts", extent="part", change="gained",
                     contested_by=[ContestedBy("sohr", "HTS and allies control most of the city")],
                     evidence="regained some positions"),
    ]
    docs = [doc("seed-0001", "seed report (text not needed here)", PUB, lang="ar")]
    return fuse(docs, [rec(c, "seed-0001", PUB) for c in claims])


def test_seed_ledger_keeps_running_totals_apart_from_the_incident() -> None:
    ledger = ledger_of(_seed())
    running = {(f.entry.source, f.entry.party): f for f in ledger.running}
    assert {k: f.entry.best for k, f in running.items()} == {
        ("sohr", "civilian"): 28,
        ("sohr", "state"): 100,
        ("sohr", "nonstate"): 183,
        ("sohr", "all"): 311,
    }
    assert all(f.entry.cumulative and f.entry.since == SINCE for f in ledger.running)
    civ = running[("sohr", "civilian")]
    assert civ.incidents is not None and civ.incidents["best"] == 4 and not civ.incidents["agrees"]
    incidents = [(f.entry.source, f.entry.party, f.entry.best) for f in ledger.incidents]
    assert incidents == [("state-media", "civilian", 4)]
    figures = {f.entry.best for f in ledger.running + ledger.incidents + ledger.totals + ledger.by_place_day}
    assert 315 not in figures and 32 not in figures
    assert [(f.entry.party, f.entry.best) for f in ledger.totals] == [("civilian", 4)]


def test_seed_who_holds_aleppo() -> None:
    holding = holding_of(_seed(), "Aleppo", dt.date(2024, 11, 30))
    assert holding is not None
    assert (holding.actor, holding.with_, holding.source, holding.extent) == ("hts", ["opposition"], "sohr", "most")
    contesting = {c["source"] for c in holding.contested}
    assert contesting == {"syria-military-statement"}
    assert any(c["claim_id"] is not None for c in holding.contested)  # the army's own claim, linked
    assert holding.evidence == ["took most of the city"]
    # before any claim, nobody is known to hold it
    assert holding_of(_seed(), "Aleppo", dt.date(2024, 11, 1)) is None
    saraqib = holding_of(_seed(), "saraqib", dt.date(2024, 12, 1))
    assert saraqib is not None and saraqib.actor == "hts" and saraqib.contested == []


def test_seed_events_are_separate_and_graded() -> None:
    events = {e.event.sub_type: e.event for e in _seed().events.events}
    assert set(events) == {"Air/drone strike", "Shelling/artillery/missile attack"}
    shelling = events["Shelling/artillery/missile attack"]
    assert shelling.fatalities_best == 4 and len(shelling.claim_ids) == 2
    assert events["Air/drone strike"].grade == "weak"
