"""Read queries over documents, claims and the gazetteer, as plain functions over a
SQLAlchemy connection; rows go out as plain dicts in the API's JSON shape.

Fused things (events, ledger, control) are in ``marsad.api.fused``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Callable, Iterable

from sqlalchemy import Connection, String, and_, func, or_, select
from sqlalchemy.sql import ColumnElement, Select

from marsad.api.filters import Filters, Page
from marsad.store.schema import claims, documents, place_names, places

__all__ = [
    "list_documents",
    "get_document",
    "list_claims",
    "get_claim",
    "control_changes",
    "claims_with_documents",
    "date_json",
    "paginate",
    "bin_start",
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


def date_json(start: dt.date | None, end: dt.date | None) -> dict[str, str | None] | None:
    if start is None and end is None:
        return None
    return {"from": _iso(start), "to": _iso(end or start)}


CountCache = Callable[[Callable[[], int]], int]


def paginate(
    conn: Connection, query: Select[Any], page: Page, order: Iterable[ColumnElement[Any]], cached: CountCache | None = None
) -> tuple[list[Any], int]:
    """One page of rows and the total; ``cached`` may remember totals (they cost a scan, pages do not)."""

    def count() -> int:
        return int(conn.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one())

    total = cached(count) if cached else count()
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


def list_documents(
    conn: Connection, f: Filters, page: Page, lang: str | None = None, q: str | None = None, cached: CountCache | None = None
) -> dict[str, Any]:
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
    rows, total = paginate(conn, query, page, [documents.c.published.desc(), documents.c.id.desc()], cached)
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
        "date": date_json(row.date_from, row.date_to),
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
    conn: Connection,
    f: Filters,
    page: Page,
    kind: str | None = None,
    document_id: int | None = None,
    status: str | None = None,
    cached: CountCache | None = None,
) -> dict[str, Any]:
    conds = _claim_conditions(f, kind)
    if document_id is not None:
        conds.append(claims.c.document_id == document_id)
    if status:
        conds.append(claims.c.status == status)
    query = select(*_CLAIM_COLS)
    if conds:
        query = query.where(and_(*conds))
    rows, total = paginate(conn, query, page, [claims.c.date_from.desc(), claims.c.id.desc()], cached)
    return {"items": [_claim_json(r) for r in rows], "total": total, "limit": page.limit, "offset": page.offset}


def get_claim(conn: Connection, claim_id: int, with_text: bool) -> dict[str, Any] | None:
    row = conn.execute(select(*_CLAIM_COLS).where(claims.c.id == claim_id)).first()
    if row is None:
        return None
    out = _claim_json(row)
    out["document"] = get_document(conn, row.document_id, with_text)
    return out


def claims_with_documents(conn: Connection, claim_ids: list[int], with_text: bool) -> list[dict[str, Any]]:
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


def cell_size(zoom: int) -> float:
    """Grid cell in degrees for a web-map zoom: about 60 screen pixels."""
    return 360.0 / (2**zoom) * 60 / 256


def bin_start(d: dt.date, unit: str) -> dt.date:
    if unit == "month":
        return d.replace(day=1)
    if unit == "week":
        return d - dt.timedelta(days=d.weekday())
    return d


# ---------------------------------------------------------------- control


def _control_json(row: Any) -> dict[str, Any]:
    fact = row.fact or {}
    return {
        "place": {"name": row.place_name, "id": row.place_id, "lat": row.lat, "lon": row.lon},
        "date": date_json(row.date_from, row.date_to),
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


def control_changes(conn: Connection, f: Filters, limit: int = 500) -> list[dict[str, Any]]:
    conds = _claim_conditions(f, "control") + [claims.c.status.notin_(("wrong", "retracted"))]
    rows = conn.execute(
        select(*_CLAIM_COLS).where(and_(*conds)).order_by(claims.c.date_from, claims.c.id).limit(limit)
    ).all()
    return [_control_json(r) for r in rows]


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
