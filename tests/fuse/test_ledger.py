"""Ledger rules: incidents summed over distinct events, parts never added to their total."""

from __future__ import annotations

import datetime as dt

from fuse_helpers import ALEPPO, IDLIB, doc, killed, rec, strike
from marsad.fuse.run import fuse, ledger_of


def test_one_event_reported_three_times_counts_once_with_low_best_high() -> None:
    docs = [doc(f"l{i}", f"report {i}", "2024-12-01") for i in range(3)]
    recs = [
        rec(killed("sohr", "2024-12-01", 6), "l0", "2024-12-01"),
        rec(killed("white-helmets", "2024-12-01", 6), "l1", "2024-12-01"),
        rec(killed("afp", "2024-12-01", 9), "l2", "2024-12-01"),
        rec(killed("afp", "2024-12-01", 2, place=IDLIB), "l2", "2024-12-01"),
    ]
    ledger = ledger_of(fuse(docs, recs))
    assert sorted((f.entry.low, f.entry.best, f.entry.high) for f in ledger.incidents) == [(2, 2, 2), (6, 6, 9)]
    [total] = ledger.totals
    assert (total.entry.low, total.entry.best, total.entry.high) == (8, 8, 11)
    assert total.entry.claim_ids == sorted(r.id for r in recs)
    assert {(f.entry.place.name, f.entry.best) for f in ledger.by_place_day} == {("Aleppo", 6), ("Idlib", 2)}  # type: ignore[union-attr]


def test_a_source_update_replaces_its_earlier_incident_figure() -> None:
    docs = [doc("u1", "first", "2024-12-01"), doc("u2", "later", "2024-12-02")]
    recs = [
        rec(killed("sohr", "2024-12-01", 4), "u1", "2024-12-01"),
        rec(killed("sohr", "2024-12-01", 7), "u2", "2024-12-02"),
    ]
    [fig] = ledger_of(fuse(docs, recs)).incidents
    assert (fig.entry.best, fig.entry.claim_ids) == (7, [recs[1].id])


def test_parts_and_total_never_add_up_twice() -> None:
    docs = [doc("p1", "report", "2024-12-01")]
    recs = [
        rec(strike("sohr", "2024-12-01"), "p1", "2024-12-01"),
        rec(killed("sohr", "2024-12-01", 10, party="all", id="t"), "p1", "2024-12-01"),
        rec(killed("sohr", "2024-12-01", 7, party="civilian", part_of="t"), "p1", "2024-12-01"),
        rec(killed("sohr", "2024-12-01", 3, party="nonstate", part_of="t"), "p1", "2024-12-01"),
    ]
    fusion = fuse(docs, recs)
    [event] = fusion.events.events
    assert event.event.fatalities_best == 10
    totals = {f.entry.party: f.entry.best for f in ledger_of(fusion).totals}
    assert totals == {"civilian": 7, "nonstate": 3, "all": 10}


def test_place_and_window_filters() -> None:
    docs = [doc("f1", "one", "2024-12-01"), doc("f2", "two", "2024-12-05")]
    recs = [
        rec(killed("sohr", "2024-12-01", 3), "f1", "2024-12-01"),
        rec(killed("sohr", "2024-12-05", 4, place=IDLIB), "f2", "2024-12-05"),
    ]
    fusion = fuse(docs, recs)
    assert [f.entry.best for f in ledger_of(fusion, place="idlib").totals] == [4]
    assert [f.entry.best for f in ledger_of(fusion, date_to=dt.date(2024, 12, 2)).totals] == [3]
    assert ledger_of(fusion, place="Homs").totals == []
    assert ALEPPO.name == "Aleppo"
