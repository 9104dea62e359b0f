"""Claims → events: reports of one thing that happened become one event.

Two claims can be one event when their kinds and ACLED sub-types agree (or one
is unstated), their dates overlap, their places are one place at the precision
given (≤ 2 km for points, ≤ 5 km for towns, the same area for areas), their
actors agree or are unknown, and no stated time of day sets them apart. A claim
joins the best-scoring event it is compatible with *every* claim of (complete
linkage, so no chains). Candidates come from blocks of (day, 6 km grid cell) and
(day, place key), so the work grows with the number of claims, not its square.

Casualty counts for one incident attach to the event at the same place and
time; running totals (``cumulative``) never do — they belong to the ledger.
Every merge is written to the log with its score and reason, analyst merges
and splits are replayed on each run, and ids are carried over from the last
run (else the hash of the earliest claim's stable key).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from marsad.fuse.dedupe import DocGroups
from marsad.fuse.lexicon import dayparts, dayparts_in
from marsad.fuse.records import (
    ClaimRecord,
    claim_day_range,
    distance_km,
    is_area,
    place_key,
    same_place,
)
from marsad.model import PLACE_LEVELS, CasualtyClaim, DateRange, Event, EventClaim, Place

__all__ = [
    "ClaimLink",
    "FusedEvent",
    "MergeEntry",
    "Overrides",
    "EventSet",
    "build_events",
    "event_claim_records",
    "MAX_EVENT_DAYS",
]

MAX_EVENT_DAYS = 31  # a claim dated more vaguely than this is never merged
_CELL_KM = 6.0  # block size: above the 5 km town tolerance, so 3×3 cells hold every match
_TIME_GAP_MIN = 120


@dataclass(slots=True)
class ClaimLink:
    """An event's link to one claim, its document and its source."""

    claim_id: int
    key: str
    doc_id: str
    group: str
    source: str
    kind: str
    status: str
    echo_of: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "claim_id": self.claim_id,
            "document": self.doc_id,
            "source": self.source,
            "kind": self.kind,
            "status": self.status,
        }
        if self.group != self.doc_id:
            out["duplicate_of"] = self.group
        if self.echo_of is not None:
            out["echo_of"] = self.echo_of
        return out


@dataclass(slots=True)
class MergeEntry:
    """One line of the merge log: what was joined or split, why, how sure."""

    event_id: str
    action: str  # create | merge | manual-merge | manual-split | keep-apart
    claim_id: int | None
    reason: str
    score: float = 0.0
    other: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "action": self.action,
            "claim_id": self.claim_id,
            "other": self.other,
            "reason": self.reason,
            "score": round(self.score, 3),
        }


@dataclass(slots=True)
class Overrides:
    """Analyst decisions, in claim stable keys so they survive re-fusion.

    ``merges``: pairs of claim-key lists whose events must be one.
    ``splits``: a claim key and the keys it must never share an event with.
    Applied in order: a later decision wins over an earlier one.
    """

    merges: list[tuple[list[str], list[str]]] = field(default_factory=list)
    splits: list[tuple[str, list[str]]] = field(default_factory=list)
    order: list[tuple[str, int]] = field(default_factory=list)  # ("merge"|"split", index)

    def add_merge(self, a: list[str], b: list[str]) -> None:
        self.merges.append((list(a), list(b)))
        self.order.append(("merge", len(self.merges) - 1))

    def add_split(self, key: str, others: list[str]) -> None:
        self.splits.append((key, list(others)))
        self.order.append(("split", len(self.splits) - 1))


@dataclass(slots=True)
class FusedEvent:
    """An event with its links, the agreed value of each field and the disagreeing ones."""

    event: Event
    links: list[ClaimLink]
    fields: dict[str, dict[str, Any]]
    anchor: str
    grade_reason: str = ""

    def to_json(self) -> dict[str, Any]:
        e = self.event
        return {
            "id": e.id,
            "event_type": e.event_type,
            "sub_type": e.sub_type,
            "date": e.date.to_json() if e.date else None,
            "place": e.place.to_json() if e.place else None,
            "actor1": e.actor1,
            "actor2": e.actor2,
            "fatalities": {"low": e.fatalities_low, "best": e.fatalities_best, "high": e.fatalities_high},
            "grade": e.grade,
            "grade_reason": self.grade_reason,
            "claim_ids": list(e.claim_ids),
            "sources": list(e.sources),
            "claims": [link.to_json() for link in self.links],
            "fields": self.fields,
        }


@dataclass(slots=True)
class EventSet:
    events: list[FusedEvent]
    log: list[MergeEntry]

    def by_id(self) -> dict[str, FusedEvent]:
        return {e.event.id: e for e in self.events}

    def event_of_claim(self) -> dict[int, str]:
        return {cid: e.event.id for e in self.events for cid in e.event.claim_ids}


def event_claim_records(records: Iterable[ClaimRecord]) -> list[ClaimRecord]:
    """The claims that describe incidents: events and non-cumulative casualty counts."""
    out = []
    for rec in records:
        c = rec.claim
        if isinstance(c, EventClaim) or (isinstance(c, CasualtyClaim) and not c.cumulative):
            out.append(rec)
    return out


# ---------------------------------------------------------------- clustering


@dataclass(slots=True)
class _Cluster:
    n: int
    members: list[ClaimRecord] = field(default_factory=list)
    has_event: bool = False


class _Index:
    """Blocks: (day, grid cell) and (day, place key) → clusters."""

    def __init__(self) -> None:
        self.blocks: dict[tuple[Any, ...], list[_Cluster]] = defaultdict(list)
        self.by_day: dict[dt.date, list[_Cluster]] = defaultdict(list)

    @staticmethod
    def _row_scale(row: int) -> float:
        """km per degree of longitude along a grid row (fixed per row, so cells tile it)."""
        return 111.32 * math.cos(math.radians((row + 0.5) * _CELL_KM / 111.32))

    @classmethod
    def _cells(cls, place: Place | None, *, near: bool = False) -> list[tuple[Any, ...]]:
        """Block keys of a place: its key, and its grid cell (with the 3×3 around it if ``near``)."""
        cells: list[tuple[Any, ...]] = []
        key = place_key(place)
        if key is not None:
            cells.append(("k", key))
        if place is not None and not is_area(place) and place.lat is not None and place.lon is not None:
            row = int((place.lat * 111.32) // _CELL_KM)
            for r in (row - 1, row, row + 1) if near else (row,):
                col = int((place.lon * cls._row_scale(r)) // _CELL_KM)
                for c in (col - 1, col, col + 1) if near else (col,):
                    cells.append(("g", r, c))
        return cells

    def add(self, cluster: _Cluster, rec: ClaimRecord, days: list[dt.date]) -> None:
        for day in days:
            self.by_day[day].append(cluster)
            for cell in self._cells(rec.claim.place):
                self.blocks[(day,) + cell].append(cluster)

    def candidates(self, rec: ClaimRecord, days: list[dt.date]) -> list[_Cluster]:
        seen: dict[int, _Cluster] = {}
        for day in days:
            for cell in self._cells(rec.claim.place, near=True):
                for cluster in self.blocks.get((day,) + cell, ()):
                    seen.setdefault(cluster.n, cluster)
        return [seen[n] for n in sorted(seen)]

    def same_day(self, days: list[dt.date]) -> list[_Cluster]:
        seen: dict[int, _Cluster] = {}
        for day in days:
            for cluster in self.by_day.get(day, ()):
                seen.setdefault(cluster.n, cluster)
        return [seen[n] for n in sorted(seen)]


def _days(rec: ClaimRecord) -> list[dt.date]:
    rng = claim_day_range(rec)
    if rng is None or (rng.end - rng.start).days >= MAX_EVENT_DAYS:
        return []
    return [rng.start + dt.timedelta(days=i) for i in range((rng.end - rng.start).days + 1)]


_CLOCK = re.compile(r"(?<!\d)(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?!\w)|(?<!\d)(\d{1,2}):(\d{2})(?!\d)", re.I)


def _clock_minutes(text: str) -> int | None:
    m = _CLOCK.search(text or "")
    if not m:
        return None
    if m.group(1):
        hour, minute = int(m.group(1)) % 12, int(m.group(2) or 0)
        if m.group(3).lower().startswith("p"):
            hour += 12
        return hour * 60 + minute
    return int(m.group(4)) * 60 + int(m.group(5))


def _time_conflict(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Both claims state a time of day, and the times are far apart."""
    text_a = f"{a.claim.evidence} {a.claim.note or ''}"
    text_b = f"{b.claim.evidence} {b.claim.note or ''}"
    ca, cb = _clock_minutes(text_a), _clock_minutes(text_b)
    if ca is not None and cb is not None:
        gap = abs(ca - cb)
        return min(gap, 1440 - gap) > _TIME_GAP_MIN
    pa, pb = dayparts_in(text_a), dayparts_in(text_b)
    if pa and pb:
        n = len(dayparts()[0])
        return min(min(abs(x - y), n - abs(x - y)) for x in pa for y in pb) >= 2
    return False


def _same(x: str | None, y: str | None) -> bool:
    return x is None or y is None or x == y


def _compat(a: ClaimRecord, b: ClaimRecord, *, allow_no_place: bool) -> tuple[bool, float, str]:
    """Can claims a and b be one event? With a score and the reason either way."""
    ra, rb = claim_day_range(a), claim_day_range(b)
    if ra is None or rb is None or not ra.overlaps(rb):
        return False, 0.0, "dates do not overlap"
    score = 1.0 + (0.5 if ra == rb else 0.0)
    place = same_place(a.claim.place, b.claim.place)
    if place is False:
        return False, 0.0, "places differ"
    if place is None and not allow_no_place:
        return False, 0.0, "place unknown"
    if place:
        score += 1.0 if place_key(a.claim.place) == place_key(b.claim.place) else 0.5
        dist = distance_km(a.claim.place, b.claim.place)  # type: ignore[arg-type]
        if dist is not None:
            score += max(0.0, 0.5 - dist / 10)
    if _time_conflict(a, b):
        return False, 0.0, "stated times of day differ"
    ca, cb = a.claim, b.claim
    if isinstance(ca, EventClaim) and isinstance(cb, EventClaim):
        if ca.event_type and cb.event_type and ca.event_type != cb.event_type:
            return False, 0.0, "event types differ"
        if ca.sub_type and cb.sub_type and ca.sub_type != cb.sub_type:
            return False, 0.0, "sub-types differ"
        actors_ok = _same(ca.actor1, cb.actor1) and _same(ca.actor2, cb.actor2)
        if not actors_ok and ca.event_type == "Battles":
            actors_ok = _same(ca.actor1, cb.actor2) and _same(ca.actor2, cb.actor1)
        if not actors_ok:
            return False, 0.0, "actors differ"
        if a.doc_id == b.doc_id and place_key(ca.place) != place_key(cb.place):
            return False, 0.0, "one document, two events"
        score += (1.0 if ca.sub_type and ca.sub_type == cb.sub_type else 0.0)
        score += (1.0 if ca.actor1 and ca.actor1 == cb.actor1 else 0.0)
        score += (0.5 if ca.actor2 and ca.actor2 == cb.actor2 else 0.0)
        return True, score, "same type, place, date and actors"
    if isinstance(ca, CasualtyClaim) and isinstance(cb, CasualtyClaim):
        if not _same(ca.perpetrator, cb.perpetrator):
            return False, 0.0, "perpetrators differ"
        if a.doc_id == b.doc_id and (ca.outcome, ca.party) == (cb.outcome, cb.party) and ca.count != cb.count:
            if not _part_related(ca, cb):
                return False, 0.0, "one document, two counts"
        score += 1.0 if ca.perpetrator and ca.perpetrator == cb.perpetrator else 0.0
        return True, score, "casualties at the same place and date"
    ev, cas = (ca, cb) if isinstance(ca, EventClaim) else (cb, ca)
    assert isinstance(ev, EventClaim) and isinstance(cas, CasualtyClaim)
    if cas.perpetrator and ev.actor1 and cas.perpetrator != ev.actor1:
        return False, 0.0, "perpetrator is not the event's actor"
    score += 1.0 if cas.perpetrator and cas.perpetrator == ev.actor1 else 0.0
    return True, score, "casualties at the event's place and date"


def _part_related(a: CasualtyClaim, b: CasualtyClaim) -> bool:
    return bool((a.id and b.part_of == a.id) or (b.id and a.part_of == b.id))


def _order_key(rec: ClaimRecord, groups: DocGroups | None) -> tuple[Any, ...]:
    rng = claim_day_range(rec)
    rank = groups.rank.get(rec.doc_id, 0) if groups else 0
    start = rec.claim.span.start if rec.claim.span else 0
    return (rng.start if rng else dt.date.max, rec.published or dt.date.max, rank, rec.doc_id, start, rec.key)


def build_events(
    records: Sequence[ClaimRecord],
    groups: DocGroups | None = None,
    *,
    echoes: Mapping[int, int] | None = None,
    overrides: Overrides | None = None,
    previous: Mapping[str, str] | None = None,
) -> EventSet:
    """Fuse incident claims into events; ``previous`` maps claim keys to last run's event ids."""
    from marsad.fuse.grades import grade_event

    echoes = echoes or {}
    overrides = overrides or Overrides()
    apart: dict[str, set[str]] = defaultdict(set)
    for key, others in overrides.splits:
        for other in others:
            if other != key:
                apart[key].add(other)
                apart[other].add(key)

    recs = sorted(event_claim_records(records), key=lambda r: _order_key(r, groups))
    clusters: list[_Cluster] = []
    index = _Index()
    log_of: dict[int, list[tuple[str, int | None, str, float]]] = defaultdict(list)

    def place_claim(rec: ClaimRecord, candidates: list[_Cluster], allow_no_place: bool) -> None:
        days = _days(rec)
        best: tuple[float, _Cluster] | None = None
        best_reason = ""
        for cluster in candidates:
            ok, total, reason = True, 0.0, ""
            for other in cluster.members:
                if other.key in apart.get(rec.key, ()):
                    ok, reason = False, "kept apart by an analyst"
                    break
                fine, score, reason = _compat(rec, other, allow_no_place=allow_no_place)
                if not fine:
                    ok = False
                    break
                total += score
            if ok and cluster.members:
                mean = total / len(cluster.members)
                if best is None or mean > best[0]:
                    best, best_reason = (mean, cluster), reason
        if best is not None:
            cluster = best[1]
            cluster.members.append(rec)
            log_of[cluster.n].append(("merge", rec.id, best_reason, best[0]))
        else:
            cluster = _Cluster(len(clusters))
            clusters.append(cluster)
            cluster.members.append(rec)
            log_of[cluster.n].append(("create", rec.id, "first claim of this event", 0.0))
        cluster.has_event = cluster.has_event or isinstance(rec.claim, EventClaim)
        if days:
            index.add(cluster, rec, days)

    ids_present = {r.id for r in recs}
    copies = [r for r in recs if echoes.get(r.id) in ids_present]
    originals = [r for r in recs if echoes.get(r.id) not in ids_present]
    located = [r for r in originals if r.claim.place is not None]
    unlocated = [r for r in originals if r.claim.place is None]
    # events first, so casualty counts find the event they belong to
    for rec in [r for r in located if isinstance(r.claim, EventClaim)]:
        days = _days(rec)
        place_claim(rec, index.candidates(rec, days) if days else [], False)
    for rec in [r for r in located if not isinstance(r.claim, EventClaim)]:
        days = _days(rec)
        cands = index.candidates(rec, days) if days else []
        with_event = [c for c in cands if c.has_event]
        place_claim(rec, with_event or cands, False)
    # claims without a place join only an event they match strongly and uniquely
    for rec in unlocated:
        days = _days(rec)
        cands = [c for c in index.same_day(days) if _strong_unique(rec, c)] if days else []
        place_claim(rec, cands if len(cands) == 1 else [], True)

    # a copy's claim goes where the claim it repeats went, never into an event of its own
    home = {m.id: c for c in clusters for m in c.members}
    for rec in copies:
        target = home.get(echoes[rec.id])
        if target is None:
            place_claim(rec, [], False)
            continue
        target.members.append(rec)
        home[rec.id] = target
        log_of[target.n].append(("merge", rec.id, f"repeats claim {echoes[rec.id]} (duplicate document)", 1.0))

    _apply_manual(clusters, overrides, log_of)
    clusters = [c for c in clusters if c.members]
    ids = _assign_ids(clusters, groups, previous or {})

    events: list[FusedEvent] = []
    log: list[MergeEntry] = []
    for cluster in clusters:
        event_id = ids[cluster.n]
        fused = _fuse_cluster(event_id, cluster.members, groups, echoes)
        fused.event.grade, fused.grade_reason = grade_event(cluster.members, groups, echoes)
        events.append(fused)
        for action, claim_id, reason, score in log_of[cluster.n]:
            log.append(MergeEntry(event_id, action, claim_id, reason, score))
    events.sort(key=lambda e: (e.event.date.start if e.event.date else dt.date.max, e.event.id))
    return EventSet(events, log)


def _strong_unique(rec: ClaimRecord, cluster: _Cluster) -> bool:
    """A claim with no place may join an event of the same sub-type and actor only."""
    c = rec.claim
    for other in cluster.members:
        o = other.claim
        if isinstance(c, EventClaim) and isinstance(o, EventClaim):
            if c.sub_type and c.sub_type == o.sub_type and c.actor1 and c.actor1 == o.actor1:
                return True
        if isinstance(c, CasualtyClaim) and isinstance(o, EventClaim):
            if c.perpetrator and c.perpetrator == o.actor1:
                return True
    return False


def _apply_manual(
    clusters: list[_Cluster], overrides: Overrides, log_of: dict[int, list[tuple[str, int | None, str, float]]]
) -> None:
    def where(key: str) -> _Cluster | None:
        for cluster in clusters:
            if any(m.key == key for m in cluster.members):
                return cluster
        return None

    for kind, i in overrides.order:
        if kind == "merge":
            keys_a, keys_b = overrides.merges[i]
            found_a = [c for c in (where(k) for k in keys_a) if c is not None]
            found_b = [c for c in (where(k) for k in keys_b) if c is not None]
            if not found_a or not found_b:
                continue
            target = found_a[0]
            for other in found_a[1:] + found_b:
                if other is target or not other.members:
                    continue
                for m in other.members:
                    log_of[target.n].append(("manual-merge", m.id, "merged by an analyst", 1.0))
                target.members.extend(other.members)
                target.has_event = target.has_event or other.has_event
                other.members = []
        else:
            key, others = overrides.splits[i]
            home = where(key)
            if home is None or not any(m.key in others for m in home.members):
                continue
            moved = [m for m in home.members if m.key == key]
            home.members = [m for m in home.members if m.key != key]
            fresh = _Cluster(len(clusters), moved, any(isinstance(m.claim, EventClaim) for m in moved))
            clusters.append(fresh)
            for m in moved:
                log_of[fresh.n].append(("manual-split", m.id, "split out by an analyst", 1.0))


def _assign_ids(clusters: list[_Cluster], groups: DocGroups | None, previous: Mapping[str, str]) -> dict[int, str]:
    """Carry last run's id to the cluster holding most of its claims; else hash the anchor."""
    ids: dict[int, str] = {}
    taken: set[str] = set()
    votes: list[tuple[int, tuple[Any, ...], str, _Cluster]] = []
    for cluster in clusters:
        counts = Counter(previous[m.key] for m in cluster.members if m.key in previous)
        anchor = min(_order_key(m, groups) for m in cluster.members)
        for old, n in counts.items():
            votes.append((-n, anchor, old, cluster))
    for _, _, old, cluster in sorted(votes, key=lambda v: (v[0], v[1], v[2])):
        if cluster.n not in ids and old not in taken:
            ids[cluster.n] = old
            taken.add(old)
    for cluster in clusters:
        if cluster.n in ids:
            continue
        anchor = min(cluster.members, key=lambda m: _order_key(m, groups))
        base = "ev-" + hashlib.sha1(anchor.key.encode("utf-8")).hexdigest()[:12]
        event_id, k = base, 2
        while event_id in taken:
            event_id, k = f"{base}-{k}", k + 1
        ids[cluster.n] = event_id
        taken.add(event_id)
    return ids


# ---------------------------------------------------------------- fused fields


def _field(values: list[tuple[Any, int]]) -> tuple[Any, dict[str, Any]]:
    """Most-cited non-empty value (earliest on a tie) and the others with their claims."""
    present = [(v, cid) for v, cid in values if v not in (None, "")]
    if not present:
        return None, {"value": None, "others": []}
    counts = Counter(_hashable(v) for v, _ in present)
    first: dict[Any, int] = {}
    for i, (v, _) in enumerate(present):
        first.setdefault(_hashable(v), i)
    agreed_key = max(counts, key=lambda k: (counts[k], -first[k]))
    agreed = next(v for v, _ in present if _hashable(v) == agreed_key)
    claims_of: dict[Any, list[int]] = defaultdict(list)
    for v, cid in present:
        claims_of[_hashable(v)].append(cid)
    others = [
        {"value": _jsonable(v), "claims": claims_of[_hashable(v)]}
        for v in _unique([v for v, _ in present])
        if _hashable(v) != agreed_key
    ]
    return agreed, {"value": _jsonable(agreed), "claims": claims_of[agreed_key], "others": others}


def _hashable(v: Any) -> Any:
    if isinstance(v, Place):
        return place_key(v) or v.name
    if isinstance(v, DateRange):
        return (v.start, v.end)
    return v


def _jsonable(v: Any) -> Any:
    if isinstance(v, (Place, DateRange)):
        return v.to_json()
    return v


def _unique(values: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    out = []
    for v in values:
        k = _hashable(v)
        if k not in seen:
            seen.add(k)
            out.append(v)
    return out


def _place_rank(place: Place) -> int:
    return PLACE_LEVELS.index(place.level) if place.level in PLACE_LEVELS else len(PLACE_LEVELS)


def _fuse_cluster(
    event_id: str, members: list[ClaimRecord], groups: DocGroups | None, echoes: Mapping[int, int]
) -> FusedEvent:
    counted = [m for m in members if m.active and m.id not in echoes] or [m for m in members if m.id not in echoes]
    counted = counted or members
    events = [m for m in counted if isinstance(m.claim, EventClaim)]
    fields: dict[str, dict[str, Any]] = {}
    values: dict[str, Any] = {}
    for name in ("event_type", "sub_type", "actor1", "actor2"):
        values[name], fields[name] = _field([(getattr(m.claim, name), m.id) for m in events])
    # place: the most precise level stated, most cited among those
    placed = [m for m in counted if m.claim.place is not None]
    if placed:
        finest = min(_place_rank(m.claim.place) for m in placed)  # type: ignore[arg-type]
        values["place"], fields["place"] = _field(
            [(m.claim.place, m.id) for m in placed if _place_rank(m.claim.place) == finest]  # type: ignore[arg-type]
        )
        coarser = [(m.claim.place, m.id) for m in placed if _place_rank(m.claim.place) != finest]  # type: ignore[arg-type]
        fields["place"]["others"] += [{"value": _jsonable(p), "claims": [cid]} for p, cid in coarser]
    else:
        values["place"], fields["place"] = None, {"value": None, "others": []}
    values["date"], fields["date"] = _event_date(counted)
    low, best, high, fat_field = _fatalities(counted)
    fields["fatalities"] = fat_field
    event = Event(
        id=event_id,
        event_type=values["event_type"] or "",
        sub_type=values["sub_type"] or "",
        date=values["date"],
        place=values["place"],
        actor1=values["actor1"],
        actor2=values["actor2"],
        fatalities_low=low,
        fatalities_best=best,
        fatalities_high=high,
        claim_ids=sorted(m.id for m in members),
        sources=sorted({m.source for m in members}),
        note=next((m.claim.note for m in events if m.claim.note), None),
    )
    links = [
        ClaimLink(
            claim_id=m.id,
            key=m.key,
            doc_id=m.doc_id,
            group=groups.group(m.doc_id) if groups else m.doc_id,
            source=m.source,
            kind=m.claim.kind,
            status=m.status,
            echo_of=echoes.get(m.id),
        )
        for m in sorted(members, key=lambda r: r.id)
    ]
    anchor = min(members, key=lambda m: _order_key(m, groups)).key
    return FusedEvent(event, links, fields, anchor)


def _event_date(members: list[ClaimRecord]) -> tuple[DateRange | None, dict[str, Any]]:
    """The narrowest range all claims allow (their intersection), else the most cited."""
    dated = [(claim_day_range(m), m.id) for m in members]
    dated = [(d, cid) for d, cid in dated if d is not None]
    if not dated:
        return None, {"value": None, "others": []}
    start = max(d.start for d, _ in dated)  # type: ignore[union-attr]
    end = min(d.end for d, _ in dated)  # type: ignore[union-attr]
    agreed, info = _field(dated)
    if start <= end:
        agreed = DateRange(start, end, "day" if start == end else "span")
        info["value"] = agreed.to_json()
    return agreed, info


def originator_values(members: list[ClaimRecord]) -> dict[str, int]:
    """Each source's latest stated death toll for this event.

    An event claim's ``fatalities`` wins; else the source's ``all`` total; else
    the sum over parties of the source's latest count per party.
    """
    latest: dict[tuple[str, str], tuple[Any, int]] = {}
    for m in members:
        c = m.claim
        stamp = (m.published or dt.date.min, m.id)
        if isinstance(c, EventClaim) and c.fatalities is not None:
            slot, value = "event", c.fatalities
        elif isinstance(c, CasualtyClaim) and c.outcome == "killed":
            value = c.count if c.count is not None else c.low  # type: ignore[assignment]
            if value is None:
                continue
            slot = "all" if c.party == "all" else f"party:{c.party}"
        else:
            continue
        key = (m.source, slot)
        if key not in latest or stamp > latest[key][0]:
            latest[key] = (stamp, value)
    out: dict[str, int] = {}
    for source in sorted({s for s, _ in latest}):
        if (source, "event") in latest:
            out[source] = latest[(source, "event")][1]
        elif (source, "all") in latest:
            out[source] = latest[(source, "all")][1]
        else:
            out[source] = sum(v for (s, slot), (_, v) in latest.items() if s == source)
    return out


def _fatalities(members: list[ClaimRecord]) -> tuple[int | None, int | None, int | None, dict[str, Any]]:
    values = originator_values(members)
    if not values:
        return None, None, None, {"value": None, "others": []}
    figures = sorted(values.values())
    counts = Counter(figures)
    top = max(counts.values())
    modes = [v for v in figures if counts[v] == top]
    best = modes[0] if len(set(modes)) == 1 else int(statistics.median_low(figures))
    info = {
        "value": {"low": figures[0], "best": best, "high": figures[-1]},
        "by_source": dict(sorted(values.items())),
        "others": [],
    }
    return figures[0], best, figures[-1], info
