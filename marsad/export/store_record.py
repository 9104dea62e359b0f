"""The record as the store holds it, read in chunks so exports stream.

Events come from fusion's ``events`` table (``marsad fuse``), a chunk of rows at a
time by key; each chunk's claims, documents and gazetteer parents are fetched in
one query each, so memory holds one chunk. A store never fused yet exports each
event claim as an event of its own (grade ``weak``), as the API shows it.

The ledger and control timelines are fusion's (``marsad.fuse``), which derive
them from all claims in memory; the export streams what fusion returns.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Engine, and_, exists, func, or_, select
from sqlalchemy.sql import ColumnElement

from marsad.export.filters import Filters
from marsad.export.items import Admin, Article, ClaimItem, EventItem, PartyFigure
from marsad.model import CasualtyClaim, ControlChange, DateRange, Event, LedgerEntry, Place, claim_from_fact
from marsad.store.schema import claims, documents, event_claims, events, places

__all__ = ["StoreRecord", "party_figures"]

_INACTIVE = ("wrong", "retracted")
_IN_CHUNK = 900  # ids per IN (...) list: under SQLite's variable limit everywhere


def _date(start: dt.date | None, end: dt.date | None) -> DateRange | None:
    if start is None:
        return None
    end = end or start
    return DateRange(start, end, "day" if start == end else "span")


def _combine(values: list[tuple[int, int, int]]) -> tuple[int, int, int]:
    """low = min, best = the most-cited figure (median on a tie), high = max (fusion's rule)."""
    bests = [v[1] for v in values]
    counts = Counter(bests)
    top = max(counts.values())
    modes = sorted(v for v in counts if counts[v] == top)
    best = modes[0] if len(modes) == 1 else int(statistics.median_low(sorted(bests)))
    return min(v[0] for v in values), best, max(v[2] for v in values)


def party_figures(members: Sequence[tuple[int, CasualtyClaim, tuple[Any, ...]]]) -> list[PartyFigure]:
    """Deaths by party in one event: per source its latest figure, then low/best/high across sources.

    ``members`` are (claim id, claim, stamp) of the event's active casualty claims;
    a later stamp (publication date, id) of the same source replaces its earlier figure.
    """
    latest: dict[str, dict[str, tuple[tuple[Any, ...], int, CasualtyClaim]]] = defaultdict(dict)
    for cid, c, stamp in members:
        if c.outcome != "killed" or c.cumulative or (c.count is None and c.low is None):
            continue
        mine = latest[c.party]
        if c.source not in mine or stamp > mine[c.source][0]:
            mine[c.source] = (stamp, cid, c)
    out = []
    for party in sorted(latest, key=lambda p: ("civilian", "state", "nonstate", "unknown", "all").index(p) if p in ("civilian", "state", "nonstate", "unknown", "all") else 9):
        chosen = list(latest[party].values())
        values = []
        for _, _, c in chosen:
            best = c.count if c.count is not None else c.low
            assert best is not None
            values.append((c.low if c.low is not None else best, best, c.high if c.high is not None else best))
        low, best, high = _combine(values)
        actors = {c.actor for _, _, c in chosen}
        out.append(
            PartyFigure(
                party=party,
                low=low,
                best=best,
                high=high,
                actor=actors.pop() if len(actors) == 1 else None,
                claim_ids=sorted(cid for _, cid, _ in chosen),
                sources=sorted(latest[party]),
            )
        )
    return out


class StoreRecord:
    """A :class:`~marsad.export.record.Record` over a store's engine."""

    def __init__(self, engine: Engine, *, chunk: int = 1000, store: Any = None) -> None:
        self.engine = engine
        self.chunk = chunk
        self._store = store
        self._fusion: Any = None
        self._admin: dict[str, Admin] = {}

    # -- events -------------------------------------------------------------

    def _fused(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(events.c.id).limit(1)).first() is not None

    def _event_conditions(self, f: Filters) -> list[ColumnElement[bool]]:
        t = events.c
        conds: list[ColumnElement[bool]] = []
        if f.date_from:
            conds.append(func.coalesce(t.date_to, t.date_from) >= f.date_from)
        if f.date_to:
            conds.append(t.date_from <= f.date_to)
        if f.place:
            conds.append(or_(t.place_id == f.place, func.lower(t.place_name) == f.place.lower()))
        if f.bbox:
            west, south, east, north = f.bbox
            conds += [t.lat >= south, t.lat <= north, t.lon >= west, t.lon <= east]
        if f.actor:
            conds.append(or_(t.actor1 == f.actor, t.actor2 == f.actor))
        if f.event_type:
            conds.append(t.event_type == f.event_type)
        if f.grade:
            conds.append(t.grade.in_(f.grade))
        if f.source:
            linked = (
                select(event_claims.c.claim_id)
                .join(claims, claims.c.id == event_claims.c.claim_id)
                .where(event_claims.c.event_id == t.id, claims.c.source == f.source)
            )
            conds.append(exists(linked))
        return conds

    def count_events(self, f: Filters) -> int | None:
        with self.engine.connect() as conn:
            if self._fused():
                q = select(func.count()).select_from(events).where(and_(True, *self._event_conditions(f)))
            else:
                q = select(func.count()).select_from(claims).where(and_(True, *self._claim_conditions(f, "event")))
            return int(conn.execute(q).scalar_one())

    def iter_events(self, f: Filters) -> Iterator[EventItem]:
        if not self._fused():
            yield from self._claim_events(f)
            return
        conds = self._event_conditions(f)
        last = ""
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(events).where(and_(events.c.id > last, *conds)).order_by(events.c.id).limit(self.chunk)
                ).all()
                if not rows:
                    return
                items = self._event_items(conn, rows)
            yield from items
            last = rows[-1].id

    def _event_items(self, conn: Any, rows: Sequence[Any]) -> list[EventItem]:
        claim_ids = sorted({cid for r in rows for cid in (r.data or {}).get("claim_ids", [])})
        echo = {cid for r in rows for link in (r.data or {}).get("claims", []) if link.get("echo_of") is not None for cid in [link["claim_id"]]}
        crow = {c.id: c for c in self._claims_by_id(conn, claim_ids)}
        docs = self._documents(conn, sorted({c.document_id for c in crow.values()}))
        admins = self._admins(conn, [r.place_id for r in rows if r.place_id])
        out = []
        for r in rows:
            data = r.data or {}
            place = None
            if r.place_name or r.lat is not None:
                pj = data.get("place") or {}
                place = Place(
                    name=r.place_name or "",
                    level=pj.get("level") or "city",
                    geonameid=pj.get("geonameid"),
                    lat=r.lat,
                    lon=r.lon,
                    id=r.place_id,
                )
            ids = [int(c) for c in data.get("claim_ids", [])]
            event = Event(
                id=r.id,
                event_type=r.event_type,
                sub_type=r.sub_type,
                date=_date(r.date_from, r.date_to),
                place=place,
                actor1=r.actor1,
                actor2=r.actor2,
                fatalities_low=r.fatalities_low,
                fatalities_best=r.fatalities_best,
                fatalities_high=r.fatalities_high,
                grade=r.grade,
                claim_ids=ids,
                sources=list(data.get("sources") or []),
                note=data.get("note"),
            )
            members = []
            for cid in ids:
                c = crow.get(cid)
                if c is None or c.kind != "casualties" or c.status in _INACTIVE or cid in echo:
                    continue
                claim = claim_from_fact(c.fact)
                doc = docs.get(c.document_id)
                members.append((cid, claim, (doc.published if doc and doc.published else dt.date.min, cid)))
            articles = _articles([docs[crow[cid].document_id] for cid in ids if cid in crow and crow[cid].document_id in docs])
            out.append(
                EventItem(
                    event=event,
                    parties=party_figures(members),  # type: ignore[arg-type]
                    admin=admins.get(r.place_id or ""),
                    articles=articles,
                    updated=r.updated_at,
                )
            )
        return out

    def _claim_events(self, f: Filters) -> Iterator[EventItem]:
        """Before any fusion: each event claim is an event of its own."""
        conds = self._claim_conditions(f, "event")
        if f.grade:
            wanted = set(f.grade)
            ok = []
            if "discounted" in wanted:
                ok.append(claims.c.status.in_(_INACTIVE))
            if wanted & {"weak", "contested"}:
                ok.append(claims.c.status.notin_(_INACTIVE))
            conds.append(or_(False, *ok))
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(claims).where(and_(claims.c.id > last, *conds)).order_by(claims.c.id).limit(self.chunk)
                ).all()
                if not rows:
                    return
                docs = self._documents(conn, sorted({r.document_id for r in rows}))
                admins = self._admins(conn, [r.place_id for r in rows if r.place_id])
            for r in rows:
                c = claim_from_fact(r.fact)
                fat = getattr(c, "fatalities", None)
                contested = bool(getattr(c, "contested_by", None))
                grade = "discounted" if r.status in _INACTIVE else "contested" if contested else "weak"
                if f.grade and grade not in f.grade:
                    continue
                event = Event(
                    id=f"c{r.id}",
                    event_type=getattr(c, "event_type", ""),
                    sub_type=getattr(c, "sub_type", ""),
                    date=c.date,
                    place=c.place,
                    actor1=getattr(c, "actor1", None),
                    actor2=getattr(c, "actor2", None),
                    fatalities_low=fat,
                    fatalities_best=fat,
                    fatalities_high=fat,
                    grade=grade,
                    claim_ids=[r.id],
                    sources=[r.source],
                    note=c.note,
                )
                doc = docs.get(r.document_id)
                yield EventItem(event, [], admins.get(r.place_id or ""), _articles([doc] if doc else []), None)
            last = rows[-1].id

    # -- claims -------------------------------------------------------------

    def _claim_conditions(self, f: Filters, kind: str | None) -> list[ColumnElement[bool]]:
        t = claims.c
        conds: list[ColumnElement[bool]] = []
        if kind:
            conds.append(t.kind == kind)
        if f.date_from:
            conds.append(func.coalesce(t.date_to, t.date_from) >= f.date_from)
        if f.date_to:
            conds.append(t.date_from <= f.date_to)
        if f.place:
            conds.append(or_(t.place_id == f.place, func.lower(t.place_name) == f.place.lower()))
        if f.bbox:
            west, south, east, north = f.bbox
            conds += [t.lat >= south, t.lat <= north, t.lon >= west, t.lon <= east]
        if f.source:
            conds.append(t.source == f.source)
        if f.event_type:
            conds.append(t.fact["event_type"].as_string() == f.event_type)
        if f.actor:
            conds.append(or_(*(t.fact[k].as_string() == f.actor for k in ("actor", "actor1", "actor2", "perpetrator", "from_actor"))))
        return conds

    def iter_claims(self, f: Filters) -> Iterator[ClaimItem]:
        conds = self._claim_conditions(f, None)
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(claims.c.id, claims.c.document_id, claims.c.status, claims.c.fact)
                    .where(and_(claims.c.id > last, *conds))
                    .order_by(claims.c.id)
                    .limit(self.chunk)
                ).all()
            if not rows:
                return
            for r in rows:
                yield ClaimItem(r.id, r.document_id, r.status, claim_from_fact(r.fact))
            last = rows[-1].id

    # -- ledger and control (fusion's) -------------------------------------

    def _fusion_result(self) -> Any:
        if self._fusion is None:
            from marsad.fuse.persist import load_fusion
            from marsad.store import Store

            self._fusion = load_fusion(self._store or Store(self.engine))
        return self._fusion

    def iter_ledger(self, f: Filters) -> Iterator[LedgerEntry]:
        from marsad.fuse.run import ledger_of

        ledger = ledger_of(self._fusion_result(), place=f.place, date_from=f.date_from, date_to=f.date_to)
        for fig in [*ledger.running, *ledger.incidents, *ledger.totals]:
            if f.match_ledger(fig.entry):
                yield fig.entry

    def iter_control(self, f: Filters) -> Iterator[ControlChange]:
        timelines = self._fusion_result().timelines
        for line in timelines.values():
            for change in line.changes:
                if f.match_control(change):
                    yield change

    # -- lookups ------------------------------------------------------------

    def _claims_by_id(self, conn: Any, ids: list[int]) -> list[Any]:
        out: list[Any] = []
        for i in range(0, len(ids), _IN_CHUNK):
            part = ids[i : i + _IN_CHUNK]
            out += conn.execute(
                select(claims.c.id, claims.c.document_id, claims.c.kind, claims.c.status, claims.c.fact).where(claims.c.id.in_(part))
            ).all()
        return out

    def _documents(self, conn: Any, ids: list[int]) -> dict[int, Any]:
        out: dict[int, Any] = {}
        cols = (documents.c.id, documents.c.outlet, documents.c.published, documents.c.title, documents.c.url)
        for i in range(0, len(ids), _IN_CHUNK):
            for row in conn.execute(select(*cols).where(documents.c.id.in_(ids[i : i + _IN_CHUNK]))):
                out[row.id] = row
        return out

    def _admins(self, conn: Any, place_ids: list[str]) -> dict[str, Admin]:
        """Country and admin1–3 names from the gazetteer's parent chain (cached per record)."""
        wanted = sorted({p for p in place_ids if p not in self._admin})
        rows: dict[str, Any] = {}
        todo = wanted
        while todo:
            found = []
            for i in range(0, len(todo), _IN_CHUNK):
                found += conn.execute(
                    select(places.c.id, places.c.name_en, places.c.level, places.c.parent_id, places.c.country).where(
                        places.c.id.in_(todo[i : i + _IN_CHUNK])
                    )
                ).all()
            for row in found:
                rows[row.id] = row
            todo = sorted({r.parent_id for r in found if r.parent_id and r.parent_id not in rows})
        for pid in wanted:
            self._admin[pid] = _admin_of(pid, rows)
        return {p: self._admin[p] for p in place_ids if p in self._admin}


def _admin_of(place_id: str, rows: dict[str, Any]) -> Admin:
    chain = []
    seen: set[str] = set()
    node = rows.get(place_id)
    while node is not None and node.id not in seen:
        seen.add(node.id)
        chain.append(node)
        node = rows.get(node.parent_id) if node.parent_id else None
    admin = Admin(country=next((n.country for n in chain if n.country), None))
    districts = [n.name_en for n in chain if n.level == "district"]
    admin.admin1 = next((n.name_en for n in chain if n.level == "governorate"), None)
    if districts:
        admin.admin2 = districts[-1]  # the district nearest the governorate
        admin.admin3 = districts[-2] if len(districts) > 1 else None
    return admin


def _articles(docs: list[Any]) -> list[Article]:
    seen: set[int] = set()
    out = []
    for d in docs:
        if d.id in seen:
            continue
        seen.add(d.id)
        out.append(Article(d.outlet, d.published, d.title, d.url))
    return out
