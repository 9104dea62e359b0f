"""Write endpoints: each needs an API key whose role grants the action.

They call the stages' library functions (store, extractor, fusion) and bump
the aggregate cache so the dashboard shows the change at once.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy import Engine, select, update

from marsad.api import fused
from marsad.api.auth import Principal, require
from marsad.api.errors import ApiError, error_responses
from marsad.api.models import ClaimCorrection, DocumentIn, Ingested, MergeIn, SplitIn
from marsad.model import Document
from marsad.store import Store
from marsad.store.schema import claims

__all__ = ["router", "ingest_document", "correct_claim"]

router = APIRouter(prefix="/api", responses=error_responses(401, 403, 422))


def _fuse(store: Store) -> None:
    """Re-fuse after a change: events, grades and the ledger follow every write."""
    from marsad.fuse import fuse_store

    fuse_store(store)


def ingest_document(engine: Engine, body: DocumentIn) -> dict[str, Any]:
    """Store one report (raw first; idempotent by content hash), extract and store its claims, fuse."""
    from marsad.ingest.text import clean_text, content_hash, detect_lang
    from marsad.store import KeyConflict

    store = Store(engine)
    raw = store.add_raw(body.text.encode("utf-8"), origin="api", media_type="text/plain")
    text = clean_text(body.text)
    doc = Document(
        text=text,
        id=body.id,
        lang=body.lang or detect_lang(text),
        published=body.published,
        outlet=body.outlet,
        url=body.url,
        title=body.title,
        encoding="utf-8",
        content_hash=content_hash(text),
    )
    try:
        doc_id, created = store.add_document(doc, raw_id=raw.id, origin="api", media_type="text/plain")
    except KeyConflict as exc:
        raise ApiError(409, "conflict", exc.message) from None
    store.set_raw_status(raw.id, "parsed", encoding="utf-8")
    if not created:
        n = sum(1 for _ in store.iter_claims(document_id=doc_id, status=None))
        return {"document_id": doc_id, "duplicate": True, "claims": n}
    from marsad.record import build_record  # claims (a language the extractor lacks gets none), then fusion

    built = build_record(store, [doc_id])
    return {"document_id": doc_id, "duplicate": False, "claims": built.claim_count}


def correct_claim(engine: Engine, claim_id: int, correction: ClaimCorrection) -> dict[str, Any]:
    with engine.begin() as conn:
        row = conn.execute(select(claims.c.id, claims.c.fact).where(claims.c.id == claim_id)).first()
        if row is None:
            raise ApiError(404, "not_found", f"no claim with id {claim_id}")
        fact = dict(row.fact or {})
        if correction.note:
            fact["correction_note"] = correction.note
        conn.execute(update(claims).where(claims.c.id == claim_id).values(status=correction.status, fact=fact))
    _fuse(Store(engine))
    return {"id": claim_id, "status": correction.status}


@router.post(
    "/documents",
    response_model=Ingested,
    status_code=201,
    tags=["documents"],
    summary="Ingest a report (role: ingester, editor, admin)",
    responses=error_responses(409),
)
def post_document(request: Request, doc: DocumentIn, _: Principal = Depends(require("ingest"))) -> dict:
    out = ingest_document(request.app.state.engine, doc)
    request.app.state.cache.bump()
    return out


@router.patch(
    "/claims/{claim_id}",
    tags=["claims"],
    summary="Correct a claim: mark it wrong, retracted or active again (role: editor, admin)",
    responses=error_responses(404),
)
def patch_claim(
    request: Request,
    correction: ClaimCorrection,
    claim_id: int = Path(..., ge=1, le=2**62),
    _: Principal = Depends(require("correct")),
) -> dict:
    out = correct_claim(request.app.state.engine, claim_id, correction)
    request.app.state.cache.bump()
    return out


@router.post("/events/merge", tags=["events"], summary="Merge events (role: editor, admin)", responses=error_responses(404, 409))
def merge_events(request: Request, body: MergeIn, _: Principal = Depends(require("merge"))) -> dict:
    """An analyst's merge: kept across re-fusion, logged, undoable by a split."""
    out = fused.merge(request.app.state.engine, body.event_ids)
    request.app.state.cache.bump()
    return out


@router.post("/events/{event_id}/split", tags=["events"], summary="Split claims out of an event (role: editor, admin)", responses=error_responses(404, 409))
def split_event(
    request: Request, body: SplitIn, event_id: str = Path(..., max_length=100), _: Principal = Depends(require("merge"))
) -> dict:
    """An analyst's split: the claims leave the event; kept across re-fusion and logged."""
    out = fused.split(request.app.state.engine, event_id, body.claim_ids)
    request.app.state.cache.bump()
    return out
