"""Queries over fusion's stored record (``events``/``event_claims``), and adapters to
fusion's own query functions (ledger, control, merge/split) in the API's JSON shape.

The API does not re-implement fusion: events are read from the tables
``marsad fuse`` writes; the ledger and control answers are ``marsad.fuse.persist``'s.
Map cells and timeline bins are aggregated here in SQL because only the API needs them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import Connection, Engine, and_, exists, func, or_, select
from sqlalchemy.sql import ColumnElement

from marsad.api.errors import ApiError
from marsad.api.filters import Filters, Page
from marsad.api.queries import CountCache, bin_start, cell_size, claims_with_documents, date_json, paginate
from marsad.errors import InputError
from marsad.store import Store
from marsad.store.schema import claims, event_claims, events

__all__ = [
    "is_fused",
    "list_events",
    "get_event",
    "event_clusters",
    "event_timeline_bins",
    "ledger",
    "control_timeline",
    "who_holds",
    "merge",
    "split",
]

_LIST_COLS = (
    events.c.id,
    events.c.event_type,
    events.c.sub_type,
    events.c.date_from,
    events.c.date_to,
    events.c.place_name,
    events.c.place_id,
    events.c.lat,
    events.c.lon,
    events.c.actor1,
    events.c.actor2,
    events.c.fatalities_low,
    events.c.fatalities_best,
    events.c.fatalities_high,
    events.c.grade,
    # only the parts of the fused document a list shows: decoding every event's whole
    # ``data`` (all its disagreeing fields) would cost more than the query
    events.c.data["grade_reason"].as_string().label("grade_reason"),
    events.c.data["sources"].label("sources"),
    events.c.data["claim_ids"].label("claim_ids"),
    events.c.data["note"].as_string().label("note"),
)
_DETAIL_COLS = (*_LIST_COLS, events.c.data)


def is_fused(conn: Connection) -> bool:
    """True once ``marsad fuse`` has written events; before that the API shows claims as events."""
    return conn.execute(select(events.c.id).limit(1)).first() is not None


def _event_json(row: Any, detail: bool = False) -> dict[str, Any]:
    out = {
        "id": row.id,
        "event_type": row.event_type,
        "sub_type": row.sub_type,
        "date": date_json(row.date_from, row.date_to),
        "place": {"name": row.place_name, "id": row.place_id, "lat": row.lat, "lon": row.lon}
        if row.place_name or row.lat is not None
        else None,
        "actor1": row.actor1,
        "actor2": row.actor2,
        "fatalities": {"low": row.fatalities_low, "best": row.fatalities_best, "high": row.fatalities_high},
        "grade": row.grade,
        "grade_reason": row.grade_reason,
        "sources": list(row.sources or []),
        "claim_ids": list(row.claim_ids or []),
        "note": row.note,
    }
    if detail:
        out["fields"] = (row.data or {}).get("fields") or {}
    return out


def _conditions(f: Filters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.date_from:
        conds.append(func.coalesce(events.c.date_to, events.c.date_from) >= f.date_from)
    if f.date_to:
        conds.append(events.c.date_from <= f.date_to)
    if f.bbox:
        west, south, east, north = f.bbox
        conds += [events.c.lat >= south, events.c.lat <= north, events.c.lon >= west, events.c.lon <= east]
    if f.place:
        conds.append(or_(events.c.place_id == f.place, func.lower(events.c.place_name) == f.place.lower()))
    if f.actor:
        conds.append(or_(events.c.actor1 == f.actor, events.c.actor2 == f.actor))
    if f.event_type:
        conds.append(events.c.event_type == f.event_type)
    if f.grade:
        conds.append(events.c.grade.in_(f.grade))
    if f.source:
        conds.append(
            exists().where(
                event_claims.c.event_id == events.c.id,
                claims.c.id == event_claims.c.claim_id,
                claims.c.source == f.source,
            )
        )
    return conds


def list_events(conn: Connection, f: Filters, page: Page, cached: CountCache | None = None) -> dict[str, Any]:
    query = select(*_LIST_COLS)
    conds = _conditions(f)
    if conds:
        query = query.where(and_(*conds))
    rows, total = paginate(conn, query, page, [events.c.date_from.desc(), events.c.id.desc()], cached)
    return {"items": [_event_json(r) for r in rows], "total": total, "limit": page.limit, "offset": page.offset}


def get_event(conn: Connection, event_id: str, with_text: bool) -> dict[str, Any] | None:
    row = conn.execute(select(*_DETAIL_COLS).where(events.c.id == event_id)).first()
    if row is None:
        return None
    out = _event_json(row, detail=True)
    linked = [r.claim_id for r in conn.execute(select(event_claims.c.claim_id).where(event_claims.c.event_id == event_id))]
    out["claims"] = claims_with_documents(conn, sorted(set(linked) | set(out["claim_ids"])), with_text)
    return out


def event_clusters(conn: Connection, f: Filters, zoom: int) -> dict[str, Any]:
    """Events binned into grid cells in SQL (one row per cell and type)."""
    size = cell_size(zoom)
    cx = func.floor(events.c.lon / size).label("cx")
    cy = func.floor(events.c.lat / size).label("cy")
    conds = _conditions(f) + [events.c.lat.isnot(None), events.c.lon.isnot(None)]
    query = (
        select(
            cx,
            cy,
            events.c.event_type,
            func.count().label("n"),
            func.avg(events.c.lat).label("lat"),
            func.avg(events.c.lon).label("lon"),
            func.sum(func.coalesce(events.c.fatalities_best, events.c.fatalities_low, 0)).label("fat"),
            func.min(events.c.id).label("one_id"),
        )
        .where(*conds)
        .group_by(cx, cy, events.c.event_type)
    )
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for r in conn.execute(query):
        c = cells.setdefault((int(r.cx), int(r.cy)), {"n": 0, "lat": 0.0, "lon": 0.0, "fat": 0, "types": Counter(), "one": None})
        c["n"] += r.n
        c["lat"] += float(r.lat) * r.n
        c["lon"] += float(r.lon) * r.n
        c["fat"] += int(r.fat or 0)
        c["types"][r.event_type or ""] += r.n
        c["one"] = r.one_id
    out = [
        {
            "lat": round(c["lat"] / c["n"], 5),
            "lon": round(c["lon"] / c["n"], 5),
            "count": c["n"],
            "fatalities": c["fat"],
            "event_type": c["types"].most_common(1)[0][0],
            "types": dict(c["types"]),
            "event_id": c["one"] if c["n"] == 1 else None,
        }
        for c in cells.values()
    ]
    out.sort(key=lambda c: -c["count"])
    return {"zoom": zoom, "cell_deg": size, "cells": out, "total": sum(c["count"] for c in out)}


def event_timeline_bins(conn: Connection, f: Filters, unit: str) -> list[dict[str, Any]]:
    query = (
        select(
            events.c.date_from,
            events.c.event_type,
            func.count().label("n"),
            func.sum(func.coalesce(events.c.fatalities_best, events.c.fatalities_low, 0)).label("fat"),
        )
        .where(*_conditions(f), events.c.date_from.isnot(None))
        .group_by(events.c.date_from, events.c.event_type)
    )
    bins: dict[dt.date, dict[str, Any]] = defaultdict(lambda: {"count": 0, "fatalities": 0, "types": Counter()})
    for r in conn.execute(query):
        b = bins[bin_start(r.date_from, unit)]
        b["count"] += r.n
        b["fatalities"] += int(r.fat or 0)
        b["types"][r.event_type or ""] += r.n
    return [
        {"date": d.isoformat(), "count": b["count"], "fatalities": b["fatalities"], "types": dict(b["types"])}
        for d, b in sorted(bins.items())
    ]


# ---------------------------------------------------------------- fusion's own answers


def ledger(engine: Engine, f: Filters, outcome: str) -> dict[str, Any]:
    """Fusion's ledger (running totals kept apart from incident sums) by party.

    Fusion filters by place and dates; the other filters do not apply to the ledger,
    and the answer says which ones did (``filters_applied``).
    """
    from marsad.fuse.persist import ledger_json

    raw = ledger_json(Store(engine), place=f.place, date_from=f.date_from, date_to=f.date_to)
    parties: dict[str, dict[str, Any]] = {}

    def _party(name: str) -> dict[str, Any]:
        return parties.setdefault(
            name,
            {"party": name, "low": None, "best": None, "high": None, "claim_ids": [], "event_ids": [], "running_totals": []},
        )

    for t in raw.get("totals", []):
        if t.get("outcome") != outcome:
            continue
        p = _party(t["party"])
        p.update(low=t.get("low"), best=t.get("best"), high=t.get("high"),
                 claim_ids=t.get("claim_ids", []), event_ids=t.get("event_ids", []))
    for r in raw.get("running", []):
        if r.get("outcome") != outcome:
            continue
        _party(r["party"])["running_totals"].append(
            {
                "source": r.get("source"),
                "low": r.get("low"),
                "best": r.get("best"),
                "high": r.get("high"),
                "date": r.get("date"),
                "since": r.get("since"),
                "claim_ids": r.get("claim_ids", []),
                "incidents": r.get("incidents"),
            }
        )
    applied = [name for name, value in (("from", f.date_from), ("to", f.date_to), ("place", f.place)) if value]
    return {"outcome": outcome, "parties": sorted(parties.values(), key=lambda p: p["party"]), "filters_applied": applied}


def _control(engine: Engine, place: str, at: dt.date | None) -> dict[str, Any]:
    from marsad.fuse.persist import control_json

    try:
        return control_json(Store(engine), place, at=at)
    except InputError as exc:
        raise ApiError(404, "not_found", exc.message) from None


def control_timeline(engine: Engine, place: str) -> dict[str, Any]:
    line = _control(engine, place, None)
    return {"place": place, "resolved": line.get("place"), "changes": line.get("changes", [])}


def who_holds(engine: Engine, place: str, on: dt.date) -> dict[str, Any]:
    line = _control(engine, place, on)
    holding = line.get("holding") or {}
    return {
        "place": place,
        "date": on.isoformat(),
        "actor": holding.get("actor"),
        "with": holding.get("with", []),
        "source": holding.get("source"),
        "contested_by": holding.get("contested", []),
        "evidence": holding or None,
    }


def _require_events(engine: Engine, ids: list[str]) -> None:
    with engine.connect() as conn:
        found = {r.id for r in conn.execute(select(events.c.id).where(events.c.id.in_(ids)))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ApiError(404, "not_found", f"no event {missing[0]!r}; list events with GET /api/events")


def merge(engine: Engine, event_ids: list[str]) -> dict[str, Any]:
    """Record an analyst merge (kept across re-fusion) and answer with the event that results."""
    from marsad.fuse.persist import merge_events

    ids = list(dict.fromkeys(event_ids))
    if len(ids) < 2:
        raise ApiError(422, "invalid_parameter", "give at least two different event ids to merge")
    _require_events(engine, ids)
    store = Store(engine)
    first = ids[0]
    for other in ids[1:]:
        claim = _any_claim(engine, first)
        try:
            merge_events(store, first, other)
        except InputError as exc:
            raise ApiError(409, "conflict", exc.message) from None
        first = _event_of_claim(engine, claim) or first
    return {"event_id": first}


def split(engine: Engine, event_id: str, claim_ids: list[int]) -> dict[str, Any]:
    from marsad.fuse.persist import split_event

    _require_events(engine, [event_id])
    store = Store(engine)
    current = event_id
    keep = _remaining_claim(engine, event_id, claim_ids)
    for claim_id in dict.fromkeys(claim_ids):
        try:
            split_event(store, current, claim_id)
        except InputError as exc:
            raise ApiError(409, "conflict", exc.message) from None
        current = (_event_of_claim(engine, keep) if keep is not None else None) or current
    return {"event_id": current, "split_claims": {str(c): _event_of_claim(engine, c) for c in claim_ids}}


def _any_claim(engine: Engine, event_id: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(event_claims.c.claim_id).where(event_claims.c.event_id == event_id).limit(1)).scalar_one())


def _remaining_claim(engine: Engine, event_id: str, leaving: list[int]) -> int | None:
    with engine.connect() as conn:
        ids = [r.claim_id for r in conn.execute(select(event_claims.c.claim_id).where(event_claims.c.event_id == event_id))]
    rest = [i for i in ids if i not in set(leaving)]
    return rest[0] if rest else None


def _event_of_claim(engine: Engine, claim_id: int) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(event_claims.c.event_id).where(event_claims.c.claim_id == claim_id).limit(1)).scalar()
