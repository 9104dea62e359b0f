"""The store: one small object over a SQLAlchemy engine, with the queries the stages need.

``open_store(url)`` connects (``--db`` / ``MARSAD_DATABASE_URL`` / ``sqlite:///marsad.db``),
applies any pending migrations and returns a :class:`Store`. Everything else talks to
the database through its methods, which take and return ``marsad.model`` types:

- raw inputs: ``add_raw`` (bytes as they arrived, before any parsing), ``set_raw_status``,
  ``get_raw``;
- documents: ``add_document`` (idempotent on the content hash), ``get_document``,
  ``iter_documents``, ``count_documents``;
- quarantine: ``add_quarantine``, ``iter_quarantine``, ``count_quarantine``;
- claims: ``save_claims`` (replaces a document's claims), ``iter_claims``.

Each method runs in its own transaction unless called inside ``with store.transaction():``,
which groups them into one. A Store is not shared between threads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, create_engine, delete, event, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from marsad import settings
from marsad.errors import ConfigError, StoreError
from marsad.model import AnyClaim, Claim, Document, claim_from_fact
from marsad.store.migrate import upgrade
from marsad.store.schema import claims, documents, quarantine, raw_inputs

__all__ = [
    "open_store",
    "make_engine",
    "Store",
    "RawInput",
    "StoredDocument",
    "QuarantineItem",
    "StoredClaim",
    "KeyConflict",
]


class KeyConflict(StoreError):
    """A document's given id is already taken by a document with different text."""

    code = "E201"


@dataclass(frozen=True, slots=True)
class RawInput:
    id: int
    sha256: str
    new: bool  # False when the same bytes were already stored


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document as stored: its row id, its key, the report, and where it came from."""

    id: int
    key: str
    document: Document
    media_type: str | None
    origin: str | None
    raw_id: int | None
    locator: str | None
    ingested_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class QuarantineItem:
    id: int
    reason: str
    origin: str | None
    locator: str
    raw_id: int | None
    created_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class StoredClaim:
    id: int
    document_id: int
    status: str
    claim: AnyClaim


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: the ``MARSAD_DATABASE_URL`` setting).

    ``postgresql://`` is read as ``postgresql+psycopg://`` (psycopg 3 is the driver marsad
    ships with). SQLite connections enforce foreign keys.
    """
    text = url or settings.get("MARSAD_DATABASE_URL") or ""
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise ConfigError(
            f"{text!r} is not a database URL; use e.g. sqlite:///marsad.db or "
            "postgresql+psycopg://user@127.0.0.1:5432/marsad"
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_on_connect)
        return engine
    if backend == "postgresql":
        connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": 5}
        return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    raise ConfigError(f"unsupported database {backend!r} in {_safe(parsed)}; marsad runs on SQLite or PostgreSQL")


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _safe(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def open_store(url: str | None = None) -> "Store":
    """Connect to ``url``, apply pending migrations, and return the store.

    Raises ``StoreError`` with the reason and what to do when the database cannot be
    reached or migrated.
    """
    engine = make_engine(url)
    try:
        upgrade(engine)
    except DBAPIError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(
            f"cannot open the database {_safe(engine.url)}: {reason}; "
            "check --db / MARSAD_DATABASE_URL and that the server is running"
        ) from None
    return Store(engine)


class Store:
    """Queries over the marsad tables. Create with :func:`open_store`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None

    # -- plumbing ---------------------------------------------------------

    @property
    def url(self) -> str:
        return _safe(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """Group the calls made inside into one transaction (nested calls join it)."""
        if self._conn is not None:
            yield self._conn
            return
        with self.engine.begin() as conn:
            self._conn = conn
            try:
                yield conn
            finally:
                self._conn = None

    def _insert_ignore(self, table: Table) -> Any:
        """INSERT … ON CONFLICT DO NOTHING for the current backend."""
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        return dialect.insert(table).on_conflict_do_nothing()

    # -- raw inputs -------------------------------------------------------

    def add_raw(self, data: bytes, *, origin: str | None = None, media_type: str | None = None) -> RawInput:
        """Keep ``data`` exactly as it arrived (once per distinct content) and commit it."""
        sha = hashlib.sha256(data).hexdigest()
        with self.transaction() as conn:
            row = conn.execute(
                self._insert_ignore(raw_inputs)
                .values(sha256=sha, size=len(data), data=data, origin=origin, media_type=media_type)
                .returning(raw_inputs.c.id)
            ).first()
            if row is not None:
                return RawInput(row.id, sha, True)
            found = conn.execute(select(raw_inputs.c.id).where(raw_inputs.c.sha256 == sha)).scalar_one()
            return RawInput(found, sha, False)

    def set_raw_status(self, raw_id: int, status: str, *, encoding: str | None = None) -> None:
        """Record what parsing made of a raw input: ``parsed`` or ``quarantined``."""
        values: dict[str, Any] = {"status": status}
        if encoding:
            values["encoding"] = encoding
        with self.transaction() as conn:
            conn.execute(update(raw_inputs).where(raw_inputs.c.id == raw_id).values(**values))

    def get_raw(self, raw_id: int) -> bytes | None:
        with self.transaction() as conn:
            return conn.execute(select(raw_inputs.c.data).where(raw_inputs.c.id == raw_id)).scalar_one_or_none()

    # -- documents --------------------------------------------------------

    def add_document(
        self,
        doc: Document,
        *,
        raw_id: int | None = None,
        locator: str | None = None,
        origin: str | None = None,
        media_type: str | None = None,
    ) -> tuple[int, bool]:
        """Store ``doc`` unless a document with the same ``content_hash`` exists.

        Returns ``(row id, created)``. A duplicate fills what the stored document lacks
        (publication date, outlet, url, title, and its given id when it had only a hash),
        so the order in which copies arrive does not matter. Raises ``KeyConflict`` when
        ``doc.id`` already names a document with different text.
        """
        if not doc.content_hash:
            raise ValueError("add_document needs doc.content_hash (marsad.ingest.text.content_hash)")
        key = doc.id or doc.content_hash
        values = dict(
            doc_key=key,
            content_hash=doc.content_hash,
            raw_id=raw_id,
            locator=locator,
            encoding=doc.encoding,
            media_type=media_type,
            lang=doc.lang,
            published=doc.published,
            outlet=doc.outlet,
            url=doc.url,
            title=doc.title,
            text=doc.text,
            origin=origin,
        )
        with self.transaction() as conn:
            row = conn.execute(self._insert_ignore(documents).values(**values).returning(documents.c.id)).first()
            if row is not None:
                return row.id, True
            existing = conn.execute(select(documents).where(documents.c.content_hash == doc.content_hash)).first()
            if existing is None:
                other = conn.execute(select(documents.c.id).where(documents.c.doc_key == key)).scalar_one()
                raise KeyConflict(
                    f"id {key!r} is already used by document #{other} with different text; "
                    "give this document another id"
                )
            self._fill_gaps(conn, existing, doc)
            return existing.id, False

    def _fill_gaps(self, conn: Connection, existing: Any, doc: Document) -> None:
        gaps = {
            name: getattr(doc, name)
            for name in ("published", "outlet", "url", "title")
            if getattr(existing, name) is None and getattr(doc, name) is not None
        }
        if doc.id and existing.doc_key == existing.content_hash:
            taken = conn.execute(select(documents.c.id).where(documents.c.doc_key == doc.id)).first()
            if taken is None:
                gaps["doc_key"] = doc.id
        if gaps:
            conn.execute(update(documents).where(documents.c.id == existing.id).values(**gaps))

    def get_document(self, ref: int | str) -> StoredDocument | None:
        """A document by row id (int) or key (str: its given id or content hash)."""
        column = documents.c.id if isinstance(ref, int) else documents.c.doc_key
        with self.transaction() as conn:
            row = conn.execute(select(documents).where(column == ref)).first()
        return _stored_document(row) if row is not None else None

    def iter_documents(self, *, lang: str | None = None, ids: Sequence[int] | None = None) -> Iterator[StoredDocument]:
        """Documents in id order, optionally only one language or the given row ids."""
        query = select(documents).order_by(documents.c.id)
        if lang is not None:
            query = query.where(documents.c.lang == lang)
        if ids is not None:
            query = query.where(documents.c.id.in_(list(ids)))
        with self.transaction() as conn:
            rows = conn.execute(query).all()
        return (_stored_document(row) for row in rows)

    def count_documents(self) -> int:
        with self.transaction() as conn:
            return conn.execute(select(func.count()).select_from(documents)).scalar_one()

    # -- quarantine -------------------------------------------------------

    def add_quarantine(
        self, reason: str, *, raw_id: int | None = None, locator: str = "", origin: str | None = None
    ) -> int:
        """Record why an input (or one record in it) was set aside; the same note once."""
        same = (
            (quarantine.c.raw_id.is_(None) if raw_id is None else quarantine.c.raw_id == raw_id),
            quarantine.c.locator == locator,
            (quarantine.c.origin.is_(None) if origin is None else quarantine.c.origin == origin),
            quarantine.c.reason == reason,
        )
        with self.transaction() as conn:
            found = conn.execute(select(quarantine.c.id).where(*same)).first()
            if found is not None:
                return found.id
            return conn.execute(
                insert(quarantine)
                .values(raw_id=raw_id, locator=locator, origin=origin, reason=reason)
                .returning(quarantine.c.id)
            ).scalar_one()

    def iter_quarantine(self) -> Iterator[QuarantineItem]:
        with self.transaction() as conn:
            rows = conn.execute(select(quarantine).order_by(quarantine.c.id)).all()
        return (
            QuarantineItem(r.id, r.reason, r.origin, r.locator, r.raw_id, r.created_at) for r in rows
        )

    def count_quarantine(self) -> int:
        with self.transaction() as conn:
            return conn.execute(select(func.count()).select_from(quarantine)).scalar_one()

    # -- claims -----------------------------------------------------------

    def save_claims(self, document_id: int, items: Iterable[Claim]) -> list[int]:
        """Replace the claims of one document with ``items``; returns their row ids.

        Extraction is a pure function of the document, so re-running it and saving again
        leaves the same claims. The full fact goes in ``fact``; the columns beside it are
        copies for indexed queries (kind, source, dates, place, span).
        """
        rows = [_claim_row(document_id, claim) for claim in items]
        with self.transaction() as conn:
            conn.execute(delete(claims).where(claims.c.document_id == document_id))
            return [conn.execute(insert(claims).values(**row).returning(claims.c.id)).scalar_one() for row in rows]

    def iter_claims(
        self, *, kind: str | None = None, document_id: int | None = None, status: str | None = "active"
    ) -> Iterator[StoredClaim]:
        """Stored claims in id order; ``status=None`` includes wrong and retracted ones."""
        query = select(claims.c.id, claims.c.document_id, claims.c.status, claims.c.fact).order_by(claims.c.id)
        if kind is not None:
            query = query.where(claims.c.kind == kind)
        if document_id is not None:
            query = query.where(claims.c.document_id == document_id)
        if status is not None:
            query = query.where(claims.c.status == status)
        with self.transaction() as conn:
            rows = conn.execute(query).all()
        return (StoredClaim(r.id, r.document_id, r.status, claim_from_fact(r.fact)) for r in rows)


def _stored_document(row: Any) -> StoredDocument:
    doc = Document(
        text=row.text,
        id=row.doc_key,
        lang=row.lang,
        published=row.published,
        outlet=row.outlet,
        url=row.url,
        title=row.title,
        encoding=row.encoding,
        content_hash=row.content_hash,
    )
    return StoredDocument(
        id=row.id,
        key=row.doc_key,
        document=doc,
        media_type=row.media_type,
        origin=row.origin,
        raw_id=row.raw_id,
        locator=row.locator,
        ingested_at=row.ingested_at,
    )


def _claim_row(document_id: int, claim: Claim) -> dict[str, Any]:
    place = claim.place
    return dict(
        document_id=document_id,
        kind=claim.kind,
        source=claim.source,
        date_from=claim.date.start if claim.date else None,
        date_to=claim.date.end if claim.date else None,
        place_name=place.name if place else None,
        place_id=(place.id or (str(place.geonameid) if place.geonameid is not None else None)) if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        span_start=claim.span.start if claim.span else None,
        span_end=claim.span.end if claim.span else None,
        evidence=claim.evidence,
        fact=claim.to_fact(),
    )
