"""Read queries the API serves, as plain functions over a SQLAlchemy connection.

Rows go out as plain dicts in the API's JSON shape. Events come from fusion's
tables when they exist (``events``/``event_claims`` in the store schema); until
the store has been fused, each stored event claim is shown as an event of its own
(grade ``weak``) so the dashboard never stays empty. Ledger and control come from
fusion's query functions when present, from the claims table otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from typing import Any, Iterable

from sqlalchemy import Connection, String, and_, func, or_, select
from sqlalchemy.sql import ColumnElement, Select

from marsad.api.filters import Filters, Page
from marsad.store.schema import claims, documents, place_names, places

__all__ = [
    "list_documents",
    "get_document",
    "list_claims",
    "get_claim",
    "list_events",
    "get_event",
    "event_clusters",
    "event_timeline",
    "ledger",
    "control_timeline",
    "who_holds",
    "search_places",
    "search_actors",
    "norm_text",
    "cell_size",
]

_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def norm_text(text: str) -> str:
    """Search key: NFKC, case-folded, Arabic diacritics/tatweel gone, alef/yaa/taa marbuta unified."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _DIACRITICS.sub("", text).translate(_ALEF)
    return " ".join(text.split())


# ---------------------------------------------------------------- helpers


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _date_json(start: dt.date | None, end: dt.date | None) -> dict[str, str | None] | None:
    if start is None and end is None:
        return None
    return {"from": _iso(start), "to": _iso(end or start)}


def _page(conn: Connection, query: Select[Any], page: Page, order: Iterable[ColumnElement[Any]]) -> tuple[list[Any], int]:
    total = conn.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    rows = conn.execute(query.order_by(*order).limit(page.limit).offset(page.offset)).all()
    return list(rows), int(total)


def _date_filters(col_from: Any, col_to: Any, f: Filters) -> list[ColumnElement[bool]]:
    """Overlap, not containment: a span that touches the range is in it."""
    out: list[ColumnElement[bool]] = []
    if f.date_from:
        out.append(func.coalesce(col_to, col_from) >= f.date_from)
    if f.date_to:
        out.append(col_from <= f.date_to)
    return out


def _bbox_filters(lat: Any, lon: Any, f: Filters) -> list[ColumnElement[bool]]:
    if not f.bbox:
        return []
    west, south, east, north = f.bbox
    return [lat >= south, lat <= north, lon >= west, lon <= east]


def _place_filters(name_col: Any, id_col: Any, f: Filters) -> list[ColumnElement[bool]]:
    if not f.place:
        return []
    return [or_(id_col == f.place, func.lower(name_col) == f.place.lower())]


# ---------------------------------------------------------------- documents


def _document_meta(row: Any, n_claims: int | None = None) -> dict[str, Any]:
    out = {
        "id": row.id,
        "key": row.doc_key,
        "lang": row.lang,
        "published": _iso(row.published),
        "outlet": row.outlet,
        "url": row.url,
        "title": row.title,
        "status": row.status,
    }
    if n_claims is not None:
        out["n_claims"] = n_claims
    return out


_DOC_COLS = (
    documents.c.id,
    documents.c.doc_key,
    documents.c.lang,
    documents.c.published,
    documents.c.outlet,
    documents.c.url,
    documents.c.title,
    documents.c.status,
)


def list_documents(conn: Connection, f: Filters, page: Page, lang: str | None = None, q: str | None = None) -> dict[str, Any]:
    query = select(*_DOC_COLS)
    conds: list[ColumnElement[bool]] = []
    if f.date_from:
        conds.append(documents.c.published >= f.date_from)
    if f.date_to:
        conds.append(documents.c.published <= f.date_to)
    if f.source:
        conds.append(documents.c.outlet == f.source)
    if lang:
        conds.append(documents.c.lang == lang)
    if q:
        conds.append(func.lower(documents.c.title).contains(q.lower(), autoescape=True))
    if conds:
        query = query.where(and_(*conds))
    rows, total = _page(conn, query, page, [documents.c.published.desc(), documents.c.id.desc()])
    return {"items": [_document_meta(r) for r in rows], "total": total, "limit": page.limit, "offset": page.offset}


def get_document(conn: Connection, doc_id: int, with_text: bool) -> dict[str, Any] | None:
    row = conn.execute(select(*_DOC_COLS, documents.c.text).where(documents.c.id == doc_id)).first()
    if row is None:
        return None
    n = conn.execute(select(func.count()).where(claims.c.document_id == doc_id)).scalar_one()
    out = _document_meta(row, int(n))
    out["text"] = row.text if with_text else None
    return out


# ---------------------------------------------------------------- claims

_CLAIM_COLS = (
    claims.c.id,
    claims.c.document_id,
    claims.c.kind,
    claims.c.source,
    claims.c.date_from,
    claims.c.date_to,
    claims.c.place_name,
    claims.c.place_id,
    claims.c.lat,
    claims.c.lon,
    claims.c.span_start,
    claims.c.span_end,
    claims.c.evidence,
    claims.c.fact,
    claims.c.status,
)


def _claim_json(row: Any) -> dict[str, Any]:
    span = [row.span_start, row.span_end] if row.span_start is not None and row.span_end is not None else None
    return {
        "id": row.id,
        "document_id": row.document_id,
        "kind": row.kind,
        "source": row.source,
        "date": _date_json(row.date_from, row.date_to),
        "place": {"name": row.place_name, "id": row.place_id, "lat": row.lat, "lon": row.lon} if row.place_name or row.lat is not None else None,
        "evidence": row.evidence,
        "span": span,
        "status": row.status,
        "fact": row.fact or {},
    }


def _fact_str(key: str) -> ColumnElement[Any]:
    return claims.c.fact[key].as_string()


def _claim_conditions(f: Filters, kind: str | None) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if kind:
        conds.append(claims.c.kind == kind)
    conds += _date_filters(claims.c.date_from, claims.c.date_to, f)
    conds += _bbox_filters(claims.c.lat, claims.c.lon, f)
    conds += _place_filters(claims.c.place_name, claims.c.place_id, f)
    if f.source:
        conds.append(claims.c.source == f.source)
    if f.event_type:
        conds.append(_fact_str("event_type") == f.event_type)
    if f.actor:
        conds.append(
            or_(*(_fact_str(k) == f.actor for k in ("actor", "actor1", "actor2", "perpetrator", "from_actor")))
        )
    return conds


def list_claims(
    conn: Connection, f: Filters, page: Page, kind: str | None = None, document_id: int | None = None, status: str | None = None
) -> dict[str, Any]:
    conds = _claim_conditions(f, kind)
    if document_id is not None:
        conds.append(claims.c.document_id == document_id)
    if status:
        conds.append(claims.c.status == status)
    query = select(*_CLAIM_COLS)
    if conds:
        query = query.where(and_(*conds))
    rows, total = _page(conn, query, page, [claims.c.date_from.desc(), claims.c.id.desc()])
    return {"items": [_claim_json(r) for r in rows], "total": total, "limit": page.limit, "offset": page.offset}


def get_claim(conn: Connection, claim_id: int, with_text: bool) -> dict[str, Any] | None:
    row = conn.execute(select(*_CLAIM_COLS).where(claims.c.id == claim_id)).first()
    if row is None:
        return None
    out = _claim_json(row)
    out["document"] = get_document(conn, row.document_id, with_text)
    return out


def _claims_with_documents(conn: Connection, claim_ids: list[int], with_text: bool) -> list[dict[str, Any]]:
    if not claim_ids:
        return []
    rows = conn.execute(select(*_CLAIM_COLS).where(claims.c.id.in_(claim_ids)).order_by(claims.c.id)).all()
    doc_ids = sorted({r.document_id for r in rows})
    docs = {
        d.id: d
        for d in conn.execute(select(*_DOC_COLS, documents.c.text).where(documents.c.id.in_(doc_ids))).all()
    }
    out = []
    for r in rows:
        item = _claim_json(r)
        d = docs.get(r.document_id)
        if d is not None:
            meta = _document_meta(d)
            meta["text"] = d.text if with_text else None
            item["document"] = meta
        out.append(item)
    return out


# ---------------------------------------------------------------- events
# Until fusion's tables land, an event claim stands for an event of its own.


def _event_from_claim(row: Any) -> dict[str, Any]:
    fact = row.fact or {}
    fat = fact.get("fatalities")
    return {
        "id": f"c{row.id}",
        "event_type": fact.get("event_type") or "",
        "sub_type": fact.get("sub_type") or "",
        "date": _date_json(row.date_from, row.date_to),
        "place": {"name": row.place_name, "id": row.place_id, "lat": row.lat, "lon": row.lon} if row.place_name or row.lat is not None else None,
        "actor1": fact.get("actor1"),
        "actor2": fact.get("actor2"),
        "fatalities": {"low": fat, "best": fat, "high": fat},
        "grade": "discounted" if row.status in ("wrong", "retracted") else ("contested" if fact.get("contested_by") else "weak"),
        "sources": [row.source],
        "claim_ids": [row.id],
        "note": fact.get("note"),
    }


def _event_conditions(f: Filters) -> list[ColumnElement[bool]]:
    conds = _claim_conditions(f, "event")
    if f.grade:
        wanted = set(f.grade)
        status_ok: list[ColumnElement[bool]] = []
        if "discounted" in wanted:
            status_ok.append(claims.c.status.in_(("wrong", "retracted")))
        if wanted & {"weak", "contested", "fair", "confirmed"}:
            status_ok.append(claims.c.status.notin_(("wrong", "retracted")))
        conds.append(or_(*status_ok))
    return conds


def list_events(conn: Connection, f: Filters, page: Page) -> dict[str, Any]:
    query = select(*_CLAIM_COLS).where(and_(*_event_conditions(f)))
    rows, total = _page(conn, query, page, [claims.c.date_from.desc(), claims.c.id.desc()])
    return {"items": [_event_from_claim(r) for r in rows], "total": total, "limit": page.limit, "offset": page.offset}


def get_event(conn: Connection, event_id: str, with_text: bool) -> dict[str, Any] | None:
    if not (event_id.startswith("c") and event_id[1:].isdigit()):
        return None
    row = conn.execute(
        select(*_CLAIM_COLS).where(claims.c.id == int(event_id[1:]), claims.c.kind == "event")
    ).first()
    if row is None:
        return None
    out = _event_from_claim(row)
    out["claims"] = _claims_with_documents(conn, out["claim_ids"], with_text)
    return out


def cell_size(zoom: int) -> float:
    """Grid cell in degrees for a web-map zoom: about 60 screen pixels."""
    return 360.0 / (2**zoom) * 60 / 256


def event_clusters(conn: Connection, f: Filters, zoom: int) -> dict[str, Any]:
    """Events binned into grid cells in SQL, so the page draws at most a few hundred marks."""
    size = cell_size(zoom)
    cx = func.floor(claims.c.lon / size).label("cx")
    cy = func.floor(claims.c.lat / size).label("cy")
    etype = _fact_str("event_type").label("etype")
    conds = _event_conditions(f) + [claims.c.lat.isnot(None), claims.c.lon.isnot(None)]
    query = (
        select(
            cx,
            cy,
            etype,
            func.count().label("n"),
            func.avg(claims.c.lat).label("lat"),
            func.avg(claims.c.lon).label("lon"),
            func.sum(func.coalesce(claims.c.fact["fatalities"].as_integer(), 0)).label("fat"),
            func.min(claims.c.id).label("one_id"),
        )
        .where(and_(*conds))
        .group_by(cx, cy, etype)
    )
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for r in conn.execute(query):
        cell = cells.setdefault(
            (int(r.cx), int(r.cy)), {"count": 0, "lat_sum": 0.0, "lon_sum": 0.0, "fatalities": 0, "types": Counter(), "one": None}
        )
        cell["count"] += r.n
        cell["lat_sum"] += float(r.lat) * r.n
        cell["lon_sum"] += float(r.lon) * r.n
        cell["fatalities"] += int(r.fat or 0)
        cell["types"][r.etype or ""] += r.n
        cell["one"] = r.one_id
    out = []
    for cell in cells.values():
        n = cell["count"]
        types: Counter[str] = cell["types"]
        out.append(
            {
                "lat": round(cell["lat_sum"] / n, 5),
                "lon": round(cell["lon_sum"] / n, 5),
                "count": n,
                "fatalities": cell["fatalities"],
                "event_type": types.most_common(1)[0][0],
                "types": dict(types),
                "event_id": f"c{cell['one']}" if n == 1 else None,
            }
        )
    out.sort(key=lambda c: -c["count"])
    return {"zoom": zoom, "cell_deg": size, "cells": out, "total": sum(c["count"] for c in out)}


def _bin_start(d: dt.date, unit: str) -> dt.date:
    if unit == "month":
        return d.replace(day=1)
    if unit == "week":
        return d - dt.timedelta(days=d.weekday())
    return d


def event_timeline(conn: Connection, f: Filters, unit: str) -> dict[str, Any]:
    """Events per day/week/month and type, and the control changes in the same filters."""
    etype = _fact_str("event_type").label("etype")
    day = claims.c.date_from.label("day")
    query = (
        select(day, etype, func.count().label("n"), func.sum(func.coalesce(claims.c.fact["fatalities"].as_integer(), 0)).label("fat"))
        .where(and_(*_event_conditions(f)), claims.c.date_from.isnot(None))
        .group_by(day, etype)
    )
    bins: dict[dt.date, dict[str, Any]] = defaultdict(lambda: {"count": 0, "fatalities": 0, "types": Counter()})
    for r in conn.execute(query):
        d = r.day if isinstance(r.day, dt.date) else dt.date.fromisoformat(str(r.day))
        b = bins[_bin_start(d, unit)]
        b["count"] += r.n
        b["fatalities"] += int(r.fat or 0)
        b["types"][r.etype or ""] += r.n
    series = [
        {"date": d.isoformat(), "count": b["count"], "fatalities": b["fatalities"], "types": dict(b["types"])}
        for d, b in sorted(bins.items())
    ]
    changes = _control_rows(conn, Filters(f.date_from, f.date_to, f.place, f.bbox, f.actor, None, f.source), limit=200)
    return {"unit": unit, "bins": series, "control_changes": changes}


# ---------------------------------------------------------------- ledger


def ledger(conn: Connection, f: Filters, outcome: str = "killed") -> dict[str, Any]:
    """Casualty tallies by party with low–best–high.

    Incident counts are summed; running totals (``cumulative``) are never added
    to them: per source and party the latest running total is kept apart.
    """
    conds = _claim_conditions(f, "casualties") + [claims.c.status.notin_(("wrong", "retracted"))]
    rows = conn.execute(select(*_CLAIM_COLS).where(and_(*conds)).order_by(claims.c.date_from, claims.c.id)).all()
    parties: dict[str, dict[str, Any]] = {}
    for r in rows:
        fact = r.fact or {}
        if (fact.get("outcome") or "killed") != outcome:
            continue
        party = fact.get("party") or "unknown"
        p = parties.setdefault(
            party, {"party": party, "low": 0, "best": 0, "high": 0, "claim_ids": [], "running_totals": {}}
        )
        count, low, high = fact.get("count"), fact.get("low"), fact.get("high")
        best = count if count is not None else low
        if best is None:
            continue
        lo = low if low is not None else best
        hi = high if high is not None else best
        if fact.get("cumulative"):
            p["running_totals"][r.source] = {
                "source": r.source,
                "best": best,
                "low": lo,
                "high": hi,
                "date": _iso(r.date_from),
                "since": fact.get("since"),
                "claim_id": r.id,
            }
            continue
        p["low"] += lo
        p["best"] += best
        p["high"] += hi
        p["claim_ids"].append(r.id)
    out = []
    for p in sorted(parties.values(), key=lambda p: p["party"]):
        p["running_totals"] = sorted(p["running_totals"].values(), key=lambda t: t["source"])
        out.append(p)
    return {"outcome": outcome, "parties": out}


# ---------------------------------------------------------------- control


def _control_json(row: Any) -> dict[str, Any]:
    fact = row.fact or {}
    return {
        "place": {"name": row.place_name, "id": row.place_id, "lat": row.lat, "lon": row.lon},
        "date": _date_json(row.date_from, row.date_to),
        "actor": fact.get("actor"),
        "with": fact.get("with") or [],
        "from_actor": fact.get("from_actor"),
        "change": fact.get("change"),
        "extent": fact.get("extent"),
        "source": row.source,
        "contested_by": fact.get("contested_by") or [],
        "claim_id": row.id,
        "evidence": row.evidence,
    }


def _control_rows(conn: Connection, f: Filters, limit: int = 500) -> list[dict[str, Any]]:
    conds = _claim_conditions(f, "control") + [claims.c.status.notin_(("wrong", "retracted"))]
    rows = conn.execute(
        select(*_CLAIM_COLS).where(and_(*conds)).order_by(claims.c.date_from, claims.c.id).limit(limit)
    ).all()
    return [_control_json(r) for r in rows]


def _place_ids_for(conn: Connection, name: str) -> tuple[set[str], set[str]]:
    """Gazetteer ids and name forms a place query may stand for."""
    key = norm_text(name)
    ids = {r.place_id for r in conn.execute(select(place_names.c.place_id).where(place_names.c.norm == key).limit(20))}
    names = {name.lower()}
    if ids:
        for r in conn.execute(select(places.c.name_en, places.c.name_ar).where(places.c.id.in_(ids))):
            names |= {n.lower() for n in (r.name_en, r.name_ar) if n}
    return ids | {name}, names


def control_timeline(conn: Connection, place: str, f: Filters) -> dict[str, Any]:
    ids, names = _place_ids_for(conn, place)
    conds = _claim_conditions(Filters(f.date_from, f.date_to, None, None, f.actor, None, f.source), "control")
    conds += [claims.c.status.notin_(("wrong", "retracted")), or_(claims.c.place_id.in_(ids), func.lower(claims.c.place_name).in_(names))]
    rows = conn.execute(select(*_CLAIM_COLS).where(and_(*conds)).order_by(claims.c.date_from, claims.c.id)).all()
    return {"place": place, "changes": [_control_json(r) for r in rows]}


def who_holds(conn: Connection, place: str, on: dt.date) -> dict[str, Any]:
    """The latest change on or before the day decides; the evidence goes with the answer."""
    timeline = control_timeline(conn, place, Filters(date_to=on))
    holder = None
    for change in timeline["changes"]:
        if change["change"] in ("gained", "held"):
            holder = change
        elif change["change"] in ("lost", "withdrew") and holder and holder["actor"] == change["actor"]:
            holder = None
    return {
        "place": place,
        "date": on.isoformat(),
        "actor": holder["actor"] if holder else None,
        "with": holder["with"] if holder else [],
        "source": holder["source"] if holder else None,
        "contested_by": holder["contested_by"] if holder else [],
        "evidence": holder,
    }


# ---------------------------------------------------------------- places and actors


def search_places(conn: Connection, q: str, limit: int = 20) -> dict[str, Any]:
    key = norm_text(q)
    if not key:
        return {"items": [], "total": 0}
    like = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    hits = conn.execute(
        select(place_names.c.place_id, place_names.c.norm)
        .where(place_names.c.norm.like(like, escape="\\"))
        .limit(limit * 5)
    ).all()
    ranked: dict[str, int] = {}
    for h in hits:
        rank = 0 if h.norm == key else 1
        ranked[h.place_id] = min(rank, ranked.get(h.place_id, 9))
    if not ranked:
        return {"items": [], "total": 0}
    rows = {
        r.id: r
        for r in conn.execute(
            select(places.c.id, places.c.name_en, places.c.name_ar, places.c.level, places.c.lat, places.c.lon, places.c.population)
            .where(places.c.id.in_(list(ranked)))
        )
    }
    ordered = sorted(rows.values(), key=lambda r: (ranked[r.id], -(r.population or 0), r.id))[:limit]
    items = [
        {"id": r.id, "name_en": r.name_en, "name_ar": r.name_ar, "level": r.level, "lat": r.lat, "lon": r.lon}
        for r in ordered
    ]
    return {"items": items, "total": len(items)}


def _lexicon_actors() -> list[tuple[str, str | None, str | None, int | None, str, list[str]]]:
    """(id, English name, Arabic name, inter code, kind, normalised names) from the extractor's lexicon."""
    try:
        from marsad.extract.lexicon import actors
    except ImportError:
        return []
    out = []
    for a in actors().values():
        names = [norm_text(n) for n in (a.id, *a.en, *a.ar)]
        out.append((a.id, a.en[0] if a.en else None, a.ar[0] if a.ar else None, a.inter, a.kind, names))
    return out


def search_actors(conn: Connection, q: str, limit: int = 20) -> dict[str, Any]:
    """Actors by any of their Arabic or English names (the extractor's lexicon), then ids seen in claims."""
    key = norm_text(q)
    ranked: list[tuple[int, str, dict[str, Any]]] = []
    for actor_id, en, ar, inter, kind, names in _lexicon_actors():
        rank = min((0 if n == key else 1 if n.startswith(key) else 2 if key in n else 9) for n in names)
        if rank < 9:
            ranked.append((rank, actor_id, {"id": actor_id, "name_en": en, "name_ar": ar, "inter": inter, "kind": kind}))
    ranked.sort(key=lambda r: (r[0], r[1]))
    items = [r[2] for r in ranked[:limit]]
    known = {i["id"] for i in items}
    if len(items) < limit:
        for k in ("actor1", "actor2", "actor"):
            col = _fact_str(k)
            query = (
                select(col.label("a"))
                .where(col.isnot(None), func.lower(func.cast(col, String)).like(f"%{_escape_like(key)}%", escape="\\"))
                .group_by(col)
                .limit(limit)
            )
            for r in conn.execute(query):
                if r.a and r.a not in known and len(items) < limit:
                    known.add(r.a)
                    items.append({"id": str(r.a), "name_en": None, "name_ar": None, "inter": None, "kind": None})
    return {"items": items, "total": len(items)}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
