"""Fusion in one call: documents and claims → groups, events, ledger, control.

``fuse`` is the pure pipeline on model objects (what tests and the Dask runner
call); ``marsad.fuse.store`` wires it to the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from marsad.fuse.control import Holding, PlaceTimeline, build_timelines, find_timeline, who_holds
from marsad.fuse.dedupe import CrossMode, DocGroups, find_echoes, group_documents
from marsad.fuse.events import EventSet, Overrides, build_events
from marsad.fuse.ledger import Ledger, build_ledger
from marsad.fuse.records import ClaimRecord
from marsad.model import Document

__all__ = ["Fusion", "fuse", "ledger_of", "holding_of", "explain"]


@dataclass(slots=True)
class Fusion:
    """Everything fusion derives, and the inputs it derived it from."""

    records: list[ClaimRecord]
    groups: DocGroups
    echoes: dict[int, int]
    events: EventSet
    timelines: dict[str, PlaceTimeline]
    overrides: Overrides = field(default_factory=Overrides)

    def summary(self) -> dict[str, Any]:
        grades: dict[str, int] = {}
        for e in self.events.events:
            grades[e.event.grade] = grades.get(e.event.grade, 0) + 1
        return {
            "documents": len(self.groups.rank),
            "duplicate_groups": sum(1 for m in self.groups.members().values() if len(m) > 1),
            "cross_language": self.groups.cross_method,
            "claims": len(self.records),
            "echo_claims": len(self.echoes),
            "events": len(self.events.events),
            "grades": dict(sorted(grades.items())),
            "places_with_control": len(self.timelines),
        }


def fuse(
    documents: Sequence[Document],
    records: Sequence[ClaimRecord],
    *,
    overrides: Overrides | None = None,
    previous: Mapping[str, str] | None = None,
    cross_language: CrossMode = "auto",
    groups: DocGroups | None = None,
) -> Fusion:
    """Group documents (unless ``groups`` are given), mark echoes, build events, grades, control."""
    recs = list(records)
    if groups is None:
        groups = group_documents(documents, recs, cross_language=cross_language)
    echoes = find_echoes(recs, groups)
    overrides = overrides or Overrides()
    events = build_events(recs, groups, echoes=echoes, overrides=overrides, previous=previous)
    timelines = build_timelines(recs, echoes)
    return Fusion(recs, groups, echoes, events, timelines, overrides)


def ledger_of(
    fusion: Fusion, *, place: str | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> Ledger:
    return build_ledger(fusion.records, fusion.events, echoes=fusion.echoes, place=place, date_from=date_from, date_to=date_to)


def holding_of(fusion: Fusion, place: str, day: dt.date) -> Holding | None:
    line = find_timeline(fusion.timelines, place)
    if line is None:
        return None
    evidence = {r.id: r.claim.evidence for r in fusion.records}
    return who_holds(line, day, evidence)


def explain(fusion: Fusion, event_id: str) -> dict[str, Any] | None:
    """An event, its claims and every merge-log line about it."""
    event = fusion.events.by_id().get(event_id)
    if event is None:
        return None
    by_id = {r.id: r for r in fusion.records}
    return {
        "event": event.to_json(),
        "log": [entry.to_json() for entry in fusion.events.log if entry.event_id == event_id],
        "claims": [
            {"claim_id": cid, "document": by_id[cid].doc_id, "evidence": by_id[cid].claim.evidence}
            for cid in event.event.claim_ids
            if cid in by_id
        ],
        "duplicates": [
            link.to_json()
            for link in fusion.groups.links
            if link.a in {by_id[c].doc_id for c in event.event.claim_ids if c in by_id}
            or link.b in {by_id[c].doc_id for c in event.event.claim_ids if c in by_id}
        ],
    }
