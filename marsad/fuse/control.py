"""Territorial control: per place, the sequence of changes, and who holds it on a day.

A change is one source's control claim (gained, lost, withdrew, held) with its
actor, allies, extent, date and contradicting claims. Claims that contradict each
other — another actor said to hold the same place in the same days, or a denial
recorded in ``contested_by`` — are kept side by side, never resolved silently:
``who_holds`` answers with the best-supported holder (latest, widest extent,
most sources) and lists what contests it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from marsad.fuse.records import ClaimRecord, claim_day_range, norm_name, place_key
from marsad.model import ControlChange, ControlClaim, Place

__all__ = ["PlaceTimeline", "Holding", "build_timelines", "find_timeline", "who_holds", "change_to_json"]

_EXTENT_RANK = {"all": 3, "most": 2, "part": 1, "count": 0}
_HOLDING = ("gained", "held")


@dataclass(slots=True)
class PlaceTimeline:
    place: Place
    changes: list[ControlChange] = field(default_factory=list)
    names: set[str] = field(default_factory=set)

    def to_json(self) -> dict[str, Any]:
        return {"place": self.place.to_json(), "changes": [change_to_json(c) for c in self.changes]}


@dataclass(slots=True)
class Holding:
    """The answer to "who holds X on D", with the evidence and what contests it."""

    place: Place
    date: dt.date
    actor: str | None
    with_: list[str]
    extent: str
    source: str | None
    claim_ids: list[int]
    evidence: list[str]
    contested: list[dict[str, Any]]
    supporting: list[dict[str, Any]]
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "place": self.place.to_json(),
            "date": self.date.isoformat(),
            "actor": self.actor,
            "with": list(self.with_),
            "extent": self.extent,
            "source": self.source,
            "claim_ids": list(self.claim_ids),
            "evidence": list(self.evidence),
            "contested": self.contested,
            "supporting": self.supporting,
            "note": self.note,
        }


def change_to_json(c: ControlChange) -> dict[str, Any]:
    return {
        "date": c.date.to_json() if c.date else None,
        "actor": c.actor,
        "with": list(c.with_),
        "from_actor": c.from_actor,
        "change": c.change,
        "extent": c.extent,
        "source": c.source,
        "contested_by": [x.to_json() for x in c.contested_by],
        "claim_id": c.claim_id,
    }


def build_timelines(records: Iterable[ClaimRecord], echoes: Mapping[int, int] | None = None) -> dict[str, PlaceTimeline]:
    """Place key → its control changes in date order (retracted claims and copies left out)."""
    echoes = echoes or {}
    out: dict[str, PlaceTimeline] = {}
    for r in records:
        c = r.claim
        if not isinstance(c, ControlClaim) or not r.active or r.id in echoes:
            continue
        key = place_key(c.place)
        if key is None or c.place is None:
            continue
        line = out.get(key)
        if line is None:
            line = out[key] = PlaceTimeline(c.place)
        line.names.add(norm_name(c.place.name))
        line.changes.append(
            ControlChange(
                place=c.place,
                date=claim_day_range(r),
                actor=c.actor,
                change=c.change,
                source=r.source,
                from_actor=c.from_actor,
                with_=list(c.with_),
                extent=c.extent,
                contested_by=list(c.contested_by),
                claim_id=r.id,
            )
        )
    for line in out.values():
        line.changes.sort(key=lambda ch: (ch.date.start if ch.date else dt.date.min, ch.date.end if ch.date else dt.date.min, ch.claim_id or 0))
    return out


def find_timeline(timelines: Mapping[str, PlaceTimeline], place: str) -> PlaceTimeline | None:
    """A timeline by place key, GeoNames id or name (any name a claim used for it)."""
    if place in timelines:
        return timelines[place]
    for key in (f"gn:{place}", f"id:{place}"):
        if key in timelines:
            return timelines[key]
    want = norm_name(place)
    for line in timelines.values():
        if want in line.names:
            return line
    return None


def _evidence_of(change: ControlChange, evidence: Mapping[int, str]) -> str:
    return evidence.get(change.claim_id or -1, "")


def who_holds(
    line: PlaceTimeline, day: dt.date, evidence: Mapping[int, str] | None = None
) -> Holding | None:
    """Who holds the place on ``day``, from the changes known by then; None if none are."""
    evidence = evidence or {}
    known = [c for c in line.changes if c.date is not None and c.date.start <= day]
    if not known:
        return None

    def strength(c: ControlChange) -> tuple[Any, ...]:
        sources = len({o.source for o in known if o.actor == c.actor and o.change in _HOLDING})
        return (min(c.date.end, day), _EXTENT_RANK.get(c.extent, 0), sources, c.date.start)  # type: ignore[union-attr]

    holders = [c for c in known if c.change in _HOLDING and c.actor]
    if not holders:
        last = max(known, key=strength)
        return Holding(
            place=line.place, date=day, actor=None, with_=[], extent=last.extent, source=last.source,
            claim_ids=[last.claim_id] if last.claim_id is not None else [],
            evidence=[_evidence_of(last, evidence)], contested=[], supporting=[],
            note=f"{last.actor} {last.change} on {_day_text(last)}; no later claim says who holds it",
        )
    top = max(holders, key=strength)
    # a later loss or withdrawal by the holder ends its hold
    later_loss = [
        c for c in known if c.change in ("lost", "withdrew") and c.actor == top.actor and c.extent in ("all", "most")
        and c.date.start > top.date.end  # type: ignore[union-attr]
    ]
    allies = set(top.with_) | {top.actor}
    backing = [c for c in holders if c.actor == top.actor]
    contested: list[dict[str, Any]] = []
    for c in backing:
        for x in c.contested_by:
            contested.append({"source": x.source, "claim": x.claim, "claim_id": None})
    supporting: list[dict[str, Any]] = []
    window_start = top.date.start  # type: ignore[union-attr]
    for c in known:
        if c in backing or c.date.end < window_start:  # type: ignore[union-attr]
            continue
        against = (c.change in _HOLDING and c.actor not in allies) or (
            c.change in ("lost", "withdrew") and c.actor in allies
        )
        entry = {
            "source": c.source,
            "claim": f"{c.actor} {c.change} ({c.extent})",
            "claim_id": c.claim_id,
            "evidence": _evidence_of(c, evidence),
        }
        (contested if against else supporting).append(entry)
    note = ""
    if later_loss:
        note = f"{top.actor} later reported to have {later_loss[-1].change} ({later_loss[-1].source})"
    return Holding(
        place=line.place,
        date=day,
        actor=None if later_loss else top.actor,
        with_=[] if later_loss else list(top.with_),
        extent=top.extent,
        source=top.source,
        claim_ids=[c.claim_id for c in backing if c.claim_id is not None],
        evidence=[_evidence_of(c, evidence) for c in backing if _evidence_of(c, evidence)],
        contested=contested,
        supporting=supporting,
        note=note,
    )


def _day_text(c: ControlChange) -> str:
    if c.date is None:
        return "an unknown day"
    value = c.date.to_json()
    return value if isinstance(value, str) else f"{value['from']}..{value['to']}"


def timelines_by_name(timelines: Mapping[str, PlaceTimeline]) -> dict[str, list[str]]:
    """Names → place keys, for listing what can be asked."""
    out: dict[str, list[str]] = defaultdict(list)
    for key, line in timelines.items():
        for name in line.names:
            out[name].append(key)
    return dict(out)
