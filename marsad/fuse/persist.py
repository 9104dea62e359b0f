"""Fusion on the store: read documents and claims, write groups, events and the log.

``fuse_store`` rebuilds everything fusion derives (run by ``marsad fuse`` and after
every ingest). Event ids from the last run are carried over through
``event_claims.claim_key``; analyst merges and splits live in ``fuse_overrides``
and are replayed each run. The query functions (``events_json``, ``ledger_json``,
``control_json``, ``explain_json``) are what the CLI prints and the API serves;
they re-derive from the stored groups (cheap: no text is read) so they always
agree with the stored events.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from marsad.errors import InputError
from marsad.fuse.control import find_timeline, who_holds
from marsad.fuse.dedupe import CrossMode, DocGroups
from marsad.fuse.events import Overrides
from marsad.fuse.records import ClaimRecord
from marsad.fuse.run import Fusion, fuse, ledger_of
from marsad.model import Document, claim_from_fact
from marsad.store import Store
from marsad.store.schema import claims, doc_groups, documents, event_claims, events, fuse_overrides, merge_log

__all__ = [
    "fuse_store",
    "load_fusion",
    "events_json",
    "ledger_json",
    "control_json",
    "explain_json",
    "merge_events",
    "split_event",
]


def _documents(conn: Connection, *, with_text: bool) -> tuple[list[Document], dict[int, Document]]:
    cols = [documents.c.id, documents.c.doc_key, documents.c.lang, documents.c.published, documents.c.outlet]
    if with_text:
        cols.append(documents.c.text)
    docs: dict[int, Document] = {}
    for row in conn.execute(select(*cols).order_by(documents.c.id)):
        docs[row.id] = Document(
            text=(row.text or "") if with_text else "",
            id=row.doc_key,
            lang=row.lang,
            published=row.published,
            outlet=row.outlet,
        )
    return list(docs.values()), docs


def _records(conn: Connection, docs: dict[int, Document]) -> list[ClaimRecord]:
    out = []
    query = select(claims.c.id, claims.c.document_id, claims.c.status, claims.c.fact).order_by(claims.c.id)
    for row in conn.execute(query):
        doc = docs.get(row.document_id)
        if doc is None:
            continue
        out.append(
            ClaimRecord(
                id=row.id,
                claim=claim_from_fact(row.fact),
                doc_id=str(doc.id),
                published=doc.published,
                status=row.status,
                lang=doc.lang,
            )
        )
    return out


def _overrides(conn: Connection) -> Overrides:
    out = Overrides()
    for row in conn.execute(select(fuse_overrides).order_by(fuse_overrides.c.id)):
        if row.action == "merge":
            out.add_merge(list(row.keys_a or []), list(row.keys_b or []))
        elif row.action == "split" and row.claim_key:
            out.add_split(row.claim_key, list(row.keys_a or []))
    return out


def _previous(conn: Connection) -> dict[str, str]:
    return {r.claim_key: r.event_id for r in conn.execute(select(event_claims.c.claim_key, event_claims.c.event_id))}


def _stored_groups(conn: Connection, docs: dict[int, Document]) -> DocGroups | None:
    rows = conn.execute(select(doc_groups)).all()
    if not rows:
        return None
    ordered = sorted(docs.values(), key=lambda d: (d.published or dt.date.max, str(d.id)))
    groups = DocGroups(rank={str(d.id): i for i, d in enumerate(ordered)}, cross_method="stored")
    for row in rows:
        if row.document_id in docs and row.group_id in docs:
            groups.group_of[str(docs[row.document_id].id)] = str(docs[row.group_id].id)
    for doc in docs.values():
        groups.group_of.setdefault(str(doc.id), str(doc.id))
    return groups


def fuse_store(store: Store, *, cross_language: CrossMode = "auto") -> Fusion:
    """Rebuild duplicate groups, events, grades and the merge log from the stored claims."""
    with store.transaction() as conn:
        doc_list, docs = _documents(conn, with_text=True)
        records = _records(conn, docs)
        fusion = fuse(doc_list, records, overrides=_overrides(conn), previous=_previous(conn), cross_language=cross_language)
        _write(conn, fusion, docs)
    return fusion


def _write(conn: Connection, fusion: Fusion, docs: dict[int, Document]) -> None:
    row_of = {str(d.id): row_id for row_id, d in docs.items()}
    method: dict[str, tuple[str, float]] = {}
    for link in fusion.groups.links:
        method[link.b] = (link.method, link.score)
    conn.execute(delete(event_claims))
    conn.execute(delete(events))
    conn.execute(delete(doc_groups))
    conn.execute(delete(merge_log).where(merge_log.c.manual.is_(False)))
    group_rows = [
        {
            "document_id": row_of[doc],
            "group_id": row_of[group],
            "method": method.get(doc, (None, None))[0],
            "score": method.get(doc, (None, None))[1],
        }
        for doc, group in fusion.groups.group_of.items()
        if doc != group and doc in row_of and group in row_of
    ]
    if group_rows:
        conn.execute(insert(doc_groups), group_rows)
    event_rows, link_rows = [], []
    for fused in fusion.events.events:
        e = fused.event
        event_rows.append(
            {
                "id": e.id,
                "event_type": e.event_type or "",
                "sub_type": e.sub_type or "",
                "date_from": e.date.start if e.date else None,
                "date_to": e.date.end if e.date else None,
                "place_name": e.place.name if e.place else None,
                "place_id": (e.place.id or (str(e.place.geonameid) if e.place.geonameid else None)) if e.place else None,
                "lat": e.place.lat if e.place else None,
                "lon": e.place.lon if e.place else None,
                "actor1": e.actor1,
                "actor2": e.actor2,
                "fatalities_low": e.fatalities_low,
                "fatalities_best": e.fatalities_best,
                "fatalities_high": e.fatalities_high,
                "grade": e.grade,
                "data": fused.to_json(),
            }
        )
        link_rows += [
            {"event_id": e.id, "claim_id": link.claim_id, "claim_key": link.key, "echo_of": link.echo_of}
            for link in fused.links
        ]
    if event_rows:
        conn.execute(insert(events), event_rows)
    if link_rows:
        conn.execute(insert(event_claims), link_rows)
    key_of = {r.id: r.key for r in fusion.records}
    log_rows = [
        {
            "event_id": m.event_id,
            "action": m.action,
            "claim_id": m.claim_id,
            "claim_key": key_of.get(m.claim_id or -1),
            "other": m.other,
            "reason": m.reason,
            "score": m.score,
            "manual": False,
        }
        for m in fusion.events.log
    ]
    if log_rows:
        conn.execute(insert(merge_log), log_rows)


def load_fusion(store: Store) -> Fusion:
    """The fused record as stored (groups read back, events re-derived with the stored ids)."""
    with store.transaction() as conn:
        doc_list, docs = _documents(conn, with_text=False)
        records = _records(conn, docs)
        groups = _stored_groups(conn, docs)
        if groups is None:
            groups = DocGroups(rank={str(d.id): i for i, d in enumerate(doc_list)})
        return fuse(doc_list, records, overrides=_overrides(conn), previous=_previous(conn), groups=groups)


# ---------------------------------------------------------------- queries


def events_json(store: Store) -> list[dict[str, Any]]:
    """Stored events with their claim ids, sources, grade and disagreeing fields."""
    with store.transaction() as conn:
        rows = conn.execute(select(events.c.data).order_by(events.c.date_from, events.c.id)).all()
    return [dict(r.data) for r in rows]


def ledger_json(
    store: Store, *, place: str | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> dict[str, Any]:
    return ledger_of(load_fusion(store), place=place, date_from=date_from, date_to=date_to).to_json()


def control_json(store: Store, place: str, *, at: dt.date | None = None) -> dict[str, Any]:
    """A place's control timeline, and who holds it on ``at`` when given."""
    fusion = load_fusion(store)
    line = find_timeline(fusion.timelines, place) or _geocoded_timeline(fusion, place, store)
    if line is None:
        known = sorted({ln.place.name for ln in fusion.timelines.values()})
        raise InputError(
            f"no control claims for {place!r}; places with control claims: {', '.join(known[:20]) or 'none'}"
        )
    out = line.to_json()
    if at is not None:
        evidence = {r.id: r.claim.evidence for r in fusion.records}
        holding = who_holds(line, at, evidence)
        out["holding"] = holding.to_json() if holding else None
    return out


def _geocoded_timeline(fusion: Fusion, place: str, store: Store) -> Any:
    """The timeline of the place a name geocodes to ("حلب" is Aleppo's timeline)."""
    from marsad.geo.gazetteer import resolve

    try:
        cands = resolve(place, db_url=store.engine.url.render_as_string(hide_password=False))[:5]
    except Exception:  # noqa: BLE001 - a name that cannot be geocoded is simply not found
        return None
    for cand in cands:
        e = cand.entry
        for key in (e.id, str(e.geonameid) if e.geonameid else None, e.name_en, e.name):
            line = find_timeline(fusion.timelines, key) if key else None
            if line is not None:
                return line
    return None


def explain_json(store: Store, event_id: str) -> dict[str, Any]:
    """An event, its claims with evidence, its duplicates and every merge-log line about it."""
    with store.transaction() as conn:
        row = conn.execute(select(events.c.data).where(events.c.id == event_id)).first()
        if row is None:
            raise InputError(f"no event {event_id!r}; list them with `marsad events --json`")
        log = [
            {
                "action": r.action,
                "claim_id": r.claim_id,
                "other": r.other,
                "reason": r.reason,
                "score": r.score,
                "manual": bool(r.manual),
            }
            for r in conn.execute(select(merge_log).where(merge_log.c.event_id == event_id).order_by(merge_log.c.id))
        ]
        data = dict(row.data)
        ids = [c["claim_id"] for c in data.get("claims", [])]
        evidence = {
            r.id: r.evidence for r in conn.execute(select(claims.c.id, claims.c.evidence).where(claims.c.id.in_(ids)))
        }
    for c in data.get("claims", []):
        c["evidence"] = evidence.get(c["claim_id"], "")
    return {"event": data, "log": log}


def _event_keys(conn: Connection, event_id: str) -> list[str]:
    keys = [r.claim_key for r in conn.execute(select(event_claims.c.claim_key).where(event_claims.c.event_id == event_id))]
    if not keys:
        raise InputError(f"no event {event_id!r}; run `marsad fuse` and list events with `marsad events --json`")
    return keys


def merge_events(store: Store, a: str, b: str) -> Fusion:
    """Record an analyst's decision that events a and b are one, and re-fuse."""
    if a == b:
        raise InputError(f"cannot merge event {a!r} with itself; give two different event ids")
    with store.transaction() as conn:
        keys_a, keys_b = _event_keys(conn, a), _event_keys(conn, b)
        conn.execute(insert(fuse_overrides).values(action="merge", keys_a=keys_a, keys_b=keys_b, note=f"merge {a} {b}"))
        conn.execute(
            insert(merge_log).values(
                event_id=a, action="manual-merge", other=b, reason=f"analyst merged {b} into {a}", score=1.0, manual=True
            )
        )
    return fuse_store(store)


def split_event(store: Store, event_id: str, claim_id: int) -> Fusion:
    """Record an analyst's decision that a claim is not part of an event, and re-fuse."""
    with store.transaction() as conn:
        keys = _event_keys(conn, event_id)
        row = conn.execute(
            select(event_claims.c.claim_key).where(event_claims.c.event_id == event_id, event_claims.c.claim_id == claim_id)
        ).first()
        if row is None:
            raise InputError(f"claim {claim_id} is not part of event {event_id!r}; see `marsad fuse --explain {event_id}`")
        if len(keys) < 2:
            raise InputError(f"event {event_id!r} has only one claim; there is nothing to split")
        conn.execute(
            insert(fuse_overrides).values(
                action="split", claim_key=row.claim_key, keys_a=[k for k in keys if k != row.claim_key],
                note=f"split {claim_id} from {event_id}",
            )
        )
        conn.execute(
            insert(merge_log).values(
                event_id=event_id, action="manual-split", claim_id=claim_id, claim_key=row.claim_key,
                reason=f"analyst split claim {claim_id} out of {event_id}", score=1.0, manual=True,
            )
        )
    return fuse_store(store)

