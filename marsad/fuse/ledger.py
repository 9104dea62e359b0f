"""The casualty ledger: who was killed (injured, detained …), by party, place and day.

Two kinds of figure never mix:

* running totals (``cumulative``): one series per source, party, outcome, place
  and start date; the latest report wins ("the toll rose to 15" replaces 12) and
  is never added to anything;
* incident counts: one figure per event and party — several reports of one event
  give low = min, best = the most-cited figure (median on a tie), high = max —
  summed only across distinct events.

Where a source's running total and the sum of incidents in its window disagree,
both are shown. A total that the text breaks down (party ``all`` with parts
``part_of`` it) stays a row of its own, never added to its parts. Every figure
lists the claims it rests on.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from marsad.fuse.events import EventSet, FusedEvent
from marsad.fuse.records import ClaimRecord, claim_day_range, norm_name, place_key, same_place
from marsad.model import CasualtyClaim, DateRange, LedgerEntry, Place

__all__ = ["LedgerFigure", "Ledger", "build_ledger", "PARTY_ORDER"]

PARTY_ORDER = ("civilian", "state", "nonstate", "unknown", "all")


@dataclass(slots=True)
class LedgerFigure:
    """A ledger entry with how it was reached."""

    entry: LedgerEntry
    kind: str  # running | incident | total | place-day
    event_ids: list[str] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    incidents: dict[str, Any] | None = None  # running totals: the incident sum beside them

    def to_json(self) -> dict[str, Any]:
        e = self.entry
        out: dict[str, Any] = {
            "kind": self.kind,
            "party": e.party,
            "outcome": e.outcome,
            "low": e.low,
            "best": e.best,
            "high": e.high,
            "cumulative": e.cumulative,
            "source": e.source,
            "place": e.place.to_json() if e.place else None,
            "date": e.date.to_json() if e.date else None,
            "since": e.since.isoformat() if e.since else None,
            "claim_ids": list(e.claim_ids),
        }
        if self.event_ids:
            out["event_ids"] = list(self.event_ids)
        if self.history:
            out["history"] = self.history
        if self.incidents is not None:
            out["incidents"] = self.incidents
        return out


@dataclass(slots=True)
class Ledger:
    running: list[LedgerFigure] = field(default_factory=list)
    incidents: list[LedgerFigure] = field(default_factory=list)
    totals: list[LedgerFigure] = field(default_factory=list)
    by_place_day: list[LedgerFigure] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "running": [f.to_json() for f in self.running],
            "incidents": [f.to_json() for f in self.incidents],
            "totals": [f.to_json() for f in self.totals],
            "by_place_day": [f.to_json() for f in self.by_place_day],
        }


def _party_rank(party: str) -> int:
    return PARTY_ORDER.index(party) if party in PARTY_ORDER else len(PARTY_ORDER)


def _figures(c: CasualtyClaim) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) a claim states; "at least 6" is 6/6/None, "dozens" 24/None/None."""
    best = c.count
    low = c.low if c.low is not None else c.count
    high = c.high if c.high is not None else c.count
    return low, best, high


def _matches_place(place: Place | None, wanted: str | None) -> bool:
    if wanted is None:
        return True
    if place is None:
        return False
    want = norm_name(wanted)
    return norm_name(place.name) == want or place_key(place) == wanted or str(place.geonameid) == wanted


def _in_window(rng: DateRange | None, date_from: dt.date | None, date_to: dt.date | None) -> bool:
    if rng is None:
        return date_from is None and date_to is None
    if date_from is not None and rng.end < date_from:
        return False
    if date_to is not None and rng.start > date_to:
        return False
    return True


def build_ledger(
    records: Iterable[ClaimRecord],
    events: EventSet,
    *,
    echoes: Mapping[int, int] | None = None,
    place: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Ledger:
    """The ledger, optionally for one place (name or key) and a window of days.

    Running totals are taken as of ``date_to`` (the latest report dated by then).
    """
    echoes = echoes or {}
    live = [r for r in records if r.active and r.id not in echoes and isinstance(r.claim, CasualtyClaim)]
    by_id = {r.id: r for r in live}
    ledger = Ledger()
    incident_figs = _incidents(events, by_id, place, date_from, date_to)
    ledger.incidents = incident_figs
    ledger.totals = _sum(incident_figs, by_place_day=False)
    ledger.by_place_day = _sum(incident_figs, by_place_day=True)
    ledger.running = _running(
        [r for r in live if r.claim.cumulative],  # type: ignore[union-attr]
        incident_figs,
        place,
        date_from,
        date_to,
    )
    return ledger


def _running(
    recs: list[ClaimRecord],
    incidents: list[LedgerFigure],
    place: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> list[LedgerFigure]:
    series: dict[tuple[Any, ...], list[ClaimRecord]] = defaultdict(list)
    for r in recs:
        c: CasualtyClaim = r.claim  # type: ignore[assignment]
        rng = claim_day_range(r)
        if date_to is not None and rng is not None and rng.end > date_to:
            continue
        if not _matches_place(c.place, place):
            continue
        series[(r.source, c.outcome, c.party, c.since, place_key(c.place))].append(r)
    out: list[LedgerFigure] = []
    for key, members in series.items():
        members.sort(key=_stamp)
        last = members[-1]
        c: CasualtyClaim = last.claim  # type: ignore[no-redef]
        rng = claim_day_range(last)
        if not _in_window(rng, date_from, None):
            continue
        low, best, high = _figures(c)
        entry = LedgerEntry(
            party=c.party,
            outcome=c.outcome,
            low=low,
            best=best,
            high=high,
            cumulative=True,
            source=last.source,
            place=c.place,
            date=rng,
            since=c.since,
            claim_ids=[last.id],
        )
        history = [
            {"date": (claim_day_range(m) or DateRange.day(dt.date.min)).to_json(), "count": m.claim.count,  # type: ignore[union-attr]
             "low": m.claim.low, "claim_id": m.id}  # type: ignore[union-attr]
            for m in members
        ]
        out.append(LedgerFigure(entry, "running", history=history, incidents=_beside(entry, incidents)))
    out.sort(key=lambda f: (f.entry.source or "", f.entry.outcome, _party_rank(f.entry.party), f.entry.since or dt.date.min))
    return out


def _stamp(r: ClaimRecord) -> tuple[Any, ...]:
    rng = claim_day_range(r)
    return (rng.end if rng else dt.date.min, r.published or dt.date.min, r.id)


def _beside(entry: LedgerEntry, incidents: list[LedgerFigure]) -> dict[str, Any]:
    """The sum of incident counts in a running total's window, to show beside it."""
    start = entry.since or dt.date.min
    end = entry.date.end if entry.date else dt.date.max
    total, claim_ids, event_ids = 0, [], []
    for fig in incidents:
        e = fig.entry
        if e.party != entry.party or e.outcome != entry.outcome or e.best is None:
            continue
        if e.date is None or e.date.start < start or e.date.end > end:
            continue
        if entry.place is not None and not same_place(entry.place, e.place):
            continue
        total += e.best
        claim_ids += e.claim_ids
        event_ids += fig.event_ids
    agrees = total == entry.best
    return {
        "best": total,
        "claim_ids": sorted(claim_ids),
        "event_ids": event_ids,
        "agrees": agrees,
        "note": "agrees with the sum of incidents" if agrees else "differs from the sum of incidents; both shown",
    }


def _combine(values: list[tuple[int | None, int | None, int | None]]) -> tuple[int | None, int | None, int | None]:
    lows = [v[0] for v in values if v[0] is not None]
    bests = [v[1] for v in values if v[1] is not None]
    highs = [v[2] for v in values if v[2] is not None]
    best: int | None = None
    if bests:
        counts = Counter(bests)
        top = max(counts.values())
        modes = sorted(v for v in counts if counts[v] == top)
        best = modes[0] if len(modes) == 1 else int(statistics.median_low(sorted(bests)))
    low = min(lows) if lows else best
    high = max(highs) if highs and len(highs) == len(values) else None
    return low, best, high


def _incidents(
    events: EventSet,
    by_id: dict[int, ClaimRecord],
    place: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> list[LedgerFigure]:
    out: list[LedgerFigure] = []
    for fused in events.events:
        ev = fused.event
        if not _matches_place(ev.place, place) or not _in_window(ev.date, date_from, date_to):
            continue
        if ev.grade == "discounted":
            continue
        members = [by_id[cid] for cid in ev.claim_ids if cid in by_id]
        slots: dict[tuple[str, str], dict[str, ClaimRecord]] = defaultdict(dict)
        for m in members:
            c: CasualtyClaim = m.claim  # type: ignore[assignment]
            if c.count is None and c.low is None:
                continue
            mine = slots[(c.party, c.outcome)]
            if m.source not in mine or _stamp(m) > _stamp(mine[m.source]):
                mine[m.source] = m  # a source's update replaces its earlier figure
        if not slots:
            _from_event_claim(fused, out)
            continue
        for (party, outcome), per_source in slots.items():
            chosen = list(per_source.values())
            low, best, high = _combine([_figures(m.claim) for m in chosen])  # type: ignore[arg-type]
            entry = LedgerEntry(
                party=party,
                outcome=outcome,
                low=low,
                best=best,
                high=high,
                cumulative=False,
                source=", ".join(sorted(per_source)),
                place=ev.place,
                date=ev.date,
                claim_ids=sorted(m.id for m in chosen),
            )
            out.append(LedgerFigure(entry, "incident", event_ids=[ev.id]))
    return out


def _from_event_claim(fused: FusedEvent, out: list[LedgerFigure]) -> None:
    """An event with a stated death toll and no casualty claim still enters the ledger."""
    ev = fused.event
    if ev.fatalities_best is None and ev.fatalities_low is None:
        return
    ids = [link.claim_id for link in fused.links if link.kind == "event" and link.echo_of is None]
    party = "civilian" if ev.actor2 == "civilians" else "unknown"
    entry = LedgerEntry(
        party=party,
        outcome="killed",
        low=ev.fatalities_low,
        best=ev.fatalities_best,
        high=ev.fatalities_high,
        cumulative=False,
        source=", ".join(ev.sources),
        place=ev.place,
        date=ev.date,
        claim_ids=ids,
    )
    out.append(LedgerFigure(entry, "incident", event_ids=[ev.id]))


def _sum(figures: list[LedgerFigure], *, by_place_day: bool) -> list[LedgerFigure]:
    """Incident figures summed over distinct events (each event counted once)."""
    buckets: dict[tuple[Any, ...], list[LedgerFigure]] = defaultdict(list)
    for fig in figures:
        e = fig.entry
        key: tuple[Any, ...] = (e.party, e.outcome)
        if by_place_day:
            key += (place_key(e.place), str(e.date.to_json()) if e.date else None)
        buckets[key].append(fig)
    out: list[LedgerFigure] = []
    for key, figs in buckets.items():
        first = figs[0].entry
        lows = [f.entry.low for f in figs if f.entry.low is not None]
        # an event known only as "at least N" adds N to the best sum, never nothing
        bests = [f.entry.best if f.entry.best is not None else f.entry.low for f in figs]
        bests = [b for b in bests if b is not None]
        highs = [f.entry.high for f in figs]
        entry = LedgerEntry(
            party=first.party,
            outcome=first.outcome,
            low=sum(lows) if lows else None,
            best=sum(bests) if bests else None,
            high=sum(h for h in highs if h is not None) if highs and all(h is not None for h in highs) else None,
            cumulative=False,
            place=first.place if by_place_day else None,
            date=first.date if by_place_day else None,
            claim_ids=sorted(cid for f in figs for cid in f.entry.claim_ids),
        )
        event_ids = sorted({eid for f in figs for eid in f.event_ids})
        out.append(LedgerFigure(entry, "place-day" if by_place_day else "total", event_ids=event_ids))
    out.sort(key=lambda f: (f.entry.outcome, _party_rank(f.entry.party), place_key(f.entry.place) or ""))
    return out

