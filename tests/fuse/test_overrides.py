"""Analyst merges and splits are replayed on every run; ids stay put."""

from __future__ import annotations

from fuse_helpers import IDLIB, doc, rec, strike
from marsad.fuse.events import Overrides
from marsad.fuse.run import explain, fuse


def _inputs():  # type: ignore[no-untyped-def]
    docs = [doc("x1", "one", "2024-12-01"), doc("x2", "two", "2024-12-01"), doc("x3", "three", "2024-12-01")]
    recs = [
        rec(strike("sohr", "2024-12-01"), "x1", "2024-12-01"),
        rec(strike("white-helmets", "2024-12-01"), "x2", "2024-12-01"),
        rec(strike("afp", "2024-12-01", place=IDLIB), "x3", "2024-12-01"),
    ]
    return docs, recs


def test_split_survives_refusion_and_keeps_the_larger_part_id() -> None:
    docs, recs = _inputs()
    first = fuse(docs, recs)
    merged = next(e for e in first.events.events if len(e.event.claim_ids) == 2)
    previous = {link.key: e.event.id for e in first.events.events for link in e.links}
    overrides = Overrides()
    moved = recs[1]
    overrides.add_split(moved.key, [link.key for link in merged.links])
    second = fuse(docs, recs, overrides=overrides, previous=previous)
    assert len(second.events.events) == 3
    home = second.events.event_of_claim()
    assert home[recs[0].id] == merged.event.id  # the anchor keeps the id
    assert home[moved.id] != merged.event.id
    # a third run with no memory of ids still keeps them apart
    third = fuse(docs, recs, overrides=overrides)
    assert len(third.events.events) == 3
    log = explain(second, home[moved.id])
    assert log is not None and [e["action"] for e in log["log"]] == ["manual-split"]


def test_merge_survives_refusion() -> None:
    docs, recs = _inputs()
    first = fuse(docs, recs)
    ids = first.events.event_of_claim()
    a, b = ids[recs[0].id], ids[recs[2].id]
    assert a != b
    keys = {e.event.id: [link.key for link in e.links] for e in first.events.events}
    overrides = Overrides()
    overrides.add_merge(keys[a], keys[b])
    previous = {k: eid for eid, ks in keys.items() for k in ks}
    second = fuse(docs, recs, overrides=overrides, previous=previous)
    assert len(second.events.events) == 1
    assert second.events.events[0].event.id == a
    actions = [e["action"] for e in explain(second, a)["log"]]  # type: ignore[index]
    assert "manual-merge" in actions
