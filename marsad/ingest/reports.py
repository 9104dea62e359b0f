"""Field reports: a source's account (free text, optional structured fields, attachment
hashes) becomes a document like any other and goes through extraction.

``submit_report`` checks everything first, then writes in one transaction — the raw
bytes, the document, the report row, its claims and the audit line — so a bad report
leaves nothing behind. Every claim carries the source's pseudonymous id
(``field:SRC-…``), never the identity. Fusion is re-run after the commit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, insert, select

from marsad.errors import AccessDenied, ConflictError, InputError, NotFoundError
from marsad.model import OUTCOMES, PARTIES, CasualtyClaim, Claim, DateRange, Document, Place
from marsad.sources.audit import Caller, allowed, record
from marsad.sources.registry import SourceInfo, admiralty, get_source
from marsad.store import Store
from marsad.store.schema import claims, corrections, documents, reports, sources

__all__ = ["FieldReport", "SubmittedReport", "submit_report", "get_report", "list_reports", "rerun_fusion",
           "MAX_REPORT_CHARS", "EARLIEST"]

_log = logging.getLogger("marsad.reports")

MAX_REPORT_CHARS = 20_000
MAX_ATTACHMENTS = 50
MAX_COUNT = 1_000_000
EARLIEST = dt.date(1990, 1, 1)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(slots=True)
class FieldReport:
    """A report as a source (or their handler) gives it."""

    source: str
    text: str
    lang: str | None = None
    credibility: int = 6
    place: str | None = None
    date: Any = None  # "YYYY-MM-DD" or {"from": …, "to": …}
    counts: dict[str, int] = field(default_factory=dict)  # outcome -> number
    party: str = "unknown"
    attachments: list[str] = field(default_factory=list)  # sha256 hex of each file


@dataclass(frozen=True, slots=True)
class SubmittedReport:
    id: str
    source: str
    document_id: int
    claims: int
    fused: bool

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "document_id": self.document_id, "claims": self.claims,
                "fused": self.fused}


@dataclass(frozen=True, slots=True)
class _Checked:
    text: str
    lang: str | None
    credibility: int
    place: str | None
    date: DateRange | None
    counts: dict[str, int]
    party: str
    attachments: list[str]

    def fields(self) -> dict[str, Any]:
        return {"place": self.place, "date": self.date.to_json() if self.date else None,
                "counts": self.counts, "party": self.party}


def _check(report: FieldReport, today: dt.date) -> _Checked:
    """Every rule a report must meet, each failure one clear message; nothing is written."""
    from marsad.ingest.text import clean_text

    if not isinstance(report.text, str):
        raise InputError("text must be a string")
    text = clean_text(report.text)
    if not text:
        raise InputError("text is empty; a report needs what the source saw, in Arabic or English")
    if len(text) > MAX_REPORT_CHARS:
        raise InputError(f"text is {len(text)} characters; a report may have at most {MAX_REPORT_CHARS}")
    if report.lang not in (None, "ar", "en"):
        raise InputError(f"lang {report.lang!r} is not supported; use 'ar', 'en' or leave it out to detect")
    credibility = report.credibility
    if isinstance(credibility, bool) or not isinstance(credibility, int) or str(credibility) not in admiralty()["credibility"]:
        raise InputError(f"credibility {credibility!r} is not an Admiralty grade; use 1 (confirmed) to 6 (cannot be judged)")
    place = (report.place or "").strip() or None
    if place is not None and len(place) > 200:
        raise InputError(f"place is {len(place)} characters; give a place name of at most 200")
    date = _check_date(report.date, today)
    counts: dict[str, int] = {}
    for outcome, n in (report.counts or {}).items():
        if outcome not in OUTCOMES:
            raise InputError(f"counts: unknown outcome {outcome!r}; use {', '.join(OUTCOMES)}")
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_COUNT:
            raise InputError(f"counts.{outcome} must be a whole number from 0 to {MAX_COUNT}, got {n!r}")
        counts[outcome] = n
    if report.party not in PARTIES:
        raise InputError(f"party {report.party!r} is unknown; use {', '.join(PARTIES)}")
    if len(report.attachments or []) > MAX_ATTACHMENTS:
        raise InputError(f"{len(report.attachments)} attachments; at most {MAX_ATTACHMENTS} hashes per report")
    hashes = []
    for value in report.attachments or []:
        digest = str(value).strip().lower()
        if not _SHA256.match(digest):
            raise InputError(f"attachment {str(value)[:80]!r} is not a SHA-256 (64 hex digits); send hashes, not files")
        hashes.append(digest)
    return _Checked(text, report.lang, credibility, place, date, counts, report.party, hashes)


def _check_date(value: Any, today: dt.date) -> DateRange | None:
    if value in (None, ""):
        return None
    try:
        date = DateRange.parse(value)
    except (ValueError, TypeError, KeyError) as exc:
        raise InputError(f"date {value!r} is not valid ({exc}); use YYYY-MM-DD or {{\"from\": …, \"to\": …}}") from None
    assert date is not None
    if date.end > today + dt.timedelta(days=1):
        raise InputError(f"date {date.end.isoformat()} is in the future (today is {today.isoformat()})")
    if date.start < EARLIEST:
        raise InputError(f"date {date.start.isoformat()} is before {EARLIEST.isoformat()}; check the year")
    return date


def _extract(doc: Document, engine: Engine | None = None) -> list[Claim]:
    """The extractor's claims (with the places imported into the store), when it is
    installed; none otherwise."""
    try:
        from marsad.extract import extract_document  # type: ignore[attr-defined]
        from marsad.geo.gazetteer import for_store
    except ImportError:
        return []
    gazetteer = for_store(engine) if engine is not None else None
    return list(extract_document(doc, gazetteer))


def _geocode(name: str, lang: str | None) -> Place:
    """The best gazetteer match for a structured place; the bare name when none."""
    try:
        from marsad.geo import resolve

        found = resolve(name, lang=lang)
    except Exception as exc:  # noqa: BLE001 - a missing gazetteer leaves the name unresolved
        _log.warning("gazetteer unavailable for a field report: %s", type(exc).__name__)
        found = []
    if not found:
        return Place(name=name)
    e = found[0].entry
    return Place(name=name, level=e.level, geonameid=e.geonameid, lat=e.lat, lon=e.lon, id=e.id)


def _claims(doc: Document, checked: _Checked, label: str, report_id: str, grade: str,
            engine: Engine | None = None) -> list[Claim]:
    """Extracted claims and structured-field claims, all attributed to ``label``."""
    out: list[Claim] = []
    for claim in _extract(doc, engine):
        relayed = claim.source and claim.source not in ("unknown", label)
        note = f"field report {report_id} ({grade})" + (f"; relays {claim.source}" if relayed else "")
        out.append(dataclasses.replace(claim, source=label, note=note))
    place = _geocode(checked.place, doc.lang) if checked.place else None
    said = {(c.outcome, c.count) for c in out if isinstance(c, CasualtyClaim)}
    for outcome, n in checked.counts.items():
        if (outcome, n) in said:
            continue
        out.append(CasualtyClaim(
            source=label, date=checked.date, place=place, outcome=outcome, count=n, party=checked.party,
            evidence="", note=f"field report {report_id} ({grade}), structured field counts.{outcome}",
        ))
    return out


def submit_report(
    engine: Engine, caller: Caller, report: FieldReport, *, raw: bytes | None = None, today: dt.date | None = None,
) -> SubmittedReport:
    """Check, store (raw first), extract and attribute one field report; then re-fuse.

    A handler submits for the sources assigned to them; an admin for any source.
    Raises ``InputError`` (bad field), ``NotFoundError`` (unknown source),
    ``AccessDenied`` and ``ConflictError`` (the same text is already stored); in each
    case nothing is written except, for a refusal, the audit line.
    """
    from marsad.ingest.text import content_hash, detect_lang

    today = today or dt.datetime.now(dt.timezone.utc).date()
    if not allowed(caller, "report"):
        raise AccessDenied(f"role {caller.role!r} may not submit field reports; handlers and admins may")
    checked = _check(report, today)
    source = get_source(engine, report.source)
    _may_report_for(engine, caller, source)
    if source.status != "active":
        raise ConflictError(f"source {source.public_id} is {source.status}; it cannot file reports")
    lang = checked.lang or detect_lang(checked.text)
    if lang not in ("ar", "en"):
        raise InputError("the report's language was not recognised as Arabic or English; "
                         "write it in one of them, or say which with lang")
    report_id = "RPT-" + secrets.token_hex(6).upper()
    label = f"field:{source.public_id}"
    grade = f"{source.reliability}{checked.credibility}"
    doc = Document(
        text=checked.text, id=f"report:{report_id}", lang=lang,
        published=today, outlet=label, encoding="utf-8", content_hash=content_hash(checked.text),
    )
    found = _claims(doc, checked, label, report_id, grade, engine)
    body = raw if raw is not None else json.dumps(dataclasses.asdict(report), ensure_ascii=False, sort_keys=True,
                                                   default=str).encode("utf-8")
    store = Store(engine)
    with store.transaction() as conn:
        stored = store.add_raw(body, origin=f"report:{report_id}", media_type="json")
        doc_id, created = store.add_document(doc, raw_id=stored.id, origin=f"report:{report_id}", media_type="report")
        if not created:
            raise ConflictError(f"this text is already stored as document #{doc_id}; a report is filed once")
        store.set_raw_status(stored.id, "parsed", encoding="utf-8")
        conn.execute(insert(reports).values(
            public_id=report_id, source_id=source.id, document_id=doc_id, credibility=checked.credibility,
            fields=checked.fields(), attachments=checked.attachments, submitted_by=caller.who,
        ))
        store.save_claims(doc_id, found)
        record(conn, caller, "report.create", report_id,
               detail={"source": source.public_id, "document_id": doc_id, "claims": len(found)})
    return SubmittedReport(report_id, source.public_id, doc_id, len(found), rerun_fusion(store))


def rerun_fusion(store: Store) -> bool:
    """Re-run fusion so the record reflects the change; False when fusion is unavailable."""
    try:
        from marsad.fuse import fuse_store
    except ImportError:
        return False
    try:
        fuse_store(store)
    except Exception as exc:  # noqa: BLE001 - the report is stored; `marsad fuse` can be re-run
        _log.warning("fusion after a field report failed (%s); run `marsad fuse`", type(exc).__name__)
        return False
    return True


def _may_report_for(engine: Engine, caller: Caller, source: SourceInfo) -> None:
    if caller.role == "handler" and source.handler_key_id != caller.key_id:
        with engine.begin() as conn:
            record(conn, caller, "report.create", source.public_id, outcome="denied")
        raise AccessDenied(f"source {source.public_id} is not assigned to this key; a handler files reports "
                           "for their own sources")


def _read_denied(engine: Engine, caller: Caller, target: str) -> AccessDenied:
    with engine.begin() as conn:
        record(conn, caller, "report.read", target, outcome="denied")
    return AccessDenied(f"role {caller.role!r} may not read field reports or their sources; "
                        "analysts, handlers and admins may")


def get_report(engine: Engine, caller: Caller, public_id: str) -> dict[str, Any]:
    """A report with its pseudonymous source, claims and correction history; audited."""
    ref = (public_id or "").strip().upper()[:40]
    if not allowed(caller, "read_reports"):
        raise _read_denied(engine, caller, ref)
    with engine.begin() as conn:
        row = conn.execute(
            select(reports, sources.c.public_id.label("source_pid"), sources.c.reliability,
                   documents.c.text, documents.c.lang)
            .join(sources, sources.c.id == reports.c.source_id)
            .join(documents, documents.c.id == reports.c.document_id)
            .where(reports.c.public_id == ref)
        ).first()
        if row is None:
            raise NotFoundError(f"no report {ref!r}; list reports with GET /api/reports")
        found = conn.execute(
            select(claims.c.id, claims.c.kind, claims.c.status, claims.c.source)
            .where(claims.c.document_id == row.document_id).order_by(claims.c.id)
        ).all()
        history = conn.execute(
            select(corrections).where(
                ((corrections.c.target == "report") & (corrections.c.target_id == row.id))
                | ((corrections.c.target == "claim") & corrections.c.target_id.in_([c.id for c in found] or [-1]))
            ).order_by(corrections.c.id)
        ).all()
        record(conn, caller, "report.read", ref, detail={"source": row.source_pid})
    return {
        "id": row.public_id,
        "source": row.source_pid,
        "admiralty": f"{row.reliability}{row.credibility}",
        "reliability": row.reliability,
        "credibility": row.credibility,
        "status": row.status,
        "document_id": row.document_id,
        "lang": row.lang,
        "text": row.text,
        "fields": row.fields,
        "attachments": row.attachments,
        "submitted_at": row.created_at.isoformat() if row.created_at else None,
        "claims": [{"id": c.id, "kind": c.kind, "status": c.status, "source": c.source} for c in found],
        "history": [_correction_json(h) for h in history],
    }


def _correction_json(row: Any) -> dict[str, Any]:
    return {"target": row.target, "target_id": row.target_id, "action": row.action, "before": row.before,
            "reason": row.reason, "who": row.who, "at": row.created_at.isoformat() if row.created_at else None}


def list_reports(engine: Engine, caller: Caller, *, source: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Reports newest first, pseudonymous sources only; audited as one read."""
    if not allowed(caller, "read_reports"):
        raise _read_denied(engine, caller, "reports")
    query = (
        select(reports.c.public_id, reports.c.status, reports.c.credibility, reports.c.document_id,
               reports.c.created_at, sources.c.public_id.label("source_pid"), sources.c.reliability)
        .join(sources, sources.c.id == reports.c.source_id)
        .order_by(reports.c.id.desc()).limit(limit)
    )
    if source:
        query = query.where(sources.c.public_id == source.strip().upper())
    with engine.begin() as conn:
        rows = conn.execute(query).all()
        record(conn, caller, "report.list", source or "reports", detail={"count": len(rows)})
    return [{"id": r.public_id, "source": r.source_pid, "admiralty": f"{r.reliability}{r.credibility}",
             "status": r.status, "document_id": r.document_id,
             "submitted_at": r.created_at.isoformat() if r.created_at else None} for r in rows]
