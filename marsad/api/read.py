"""Read endpoints under ``/api/``: open to everyone; document texts need a role (or an open server)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from sqlalchemy import Connection

from marsad.api import fused, queries
from marsad.api.auth import Principal, caller
from marsad.api.db import connection
from marsad.api.errors import ApiError, error_responses
from marsad.api.filters import Filters, Page, filters_dependency, page_dependency
from marsad.api.models import (
    ClaimOut,
    ClaimPage,
    Clusters,
    ControlTimeline,
    DocumentOut,
    DocumentPage,
    EventDetail,
    EventPage,
    Holder,
    Ledger,
    SearchResult,
    Timeline,
)

__all__ = ["router"]

# caller() runs on every read so that a key that is sent but wrong is a 401 everywhere.
router = APIRouter(prefix="/api", responses=error_responses(401, 422), dependencies=[Depends(caller)])

_OUTCOMES = Literal["killed", "injured", "detained", "missing", "displaced"]


def _may_read_text(request: Request, who: Principal) -> bool:
    return bool(request.app.state.open_text) or who.can("read_text")


def _cached(request: Request, name: str, key: tuple[object, ...], compute):  # type: ignore[no-untyped-def]
    """Aggregates are cached per data version (bumped by every write) to keep the map responsive."""
    return request.app.state.cache.get_or_compute((name, *key), compute)


def _count_cache(request: Request, name: str, key: tuple[object, ...]):  # type: ignore[no-untyped-def]
    """Totals of list pages are aggregates too: page 2 of a filter does not recount it."""
    return lambda compute: _cached(request, "count:" + name, key, compute)


@router.get("/documents", response_model=DocumentPage, tags=["documents"], summary="List documents (metadata)")
def list_documents(
    request: Request,
    f: Filters = Depends(filters_dependency),
    page: Page = Depends(page_dependency),
    lang: str | None = Query(None, max_length=8, description="Language code: ar, en."),
    q: str | None = Query(None, max_length=200, description="Words in the title."),
    conn: Connection = Depends(connection),
) -> dict:
    return queries.list_documents(conn, f, page, lang=lang, q=q, cached=_count_cache(request, "documents", (f.key(), lang, q)))


@router.get("/documents/{doc_id}", response_model=DocumentOut, tags=["documents"], responses=error_responses(404))
def get_document(
    request: Request,
    doc_id: int = Path(..., ge=1, le=2**62),
    who: Principal = Depends(caller),
    conn: Connection = Depends(connection),
) -> dict:
    """A document's metadata; its text for callers allowed to read texts."""
    doc = queries.get_document(conn, doc_id, _may_read_text(request, who))
    if doc is None:
        raise ApiError(404, "not_found", f"no document with id {doc_id}")
    return doc


@router.get("/claims", response_model=ClaimPage, tags=["claims"], summary="List claims with their evidence and source")
def list_claims(
    request: Request,
    f: Filters = Depends(filters_dependency),
    page: Page = Depends(page_dependency),
    kind: Literal["casualties", "control", "event"] | None = Query(None),
    document_id: int | None = Query(None, ge=1, le=2**62),
    status: Literal["active", "wrong", "retracted"] | None = Query(None),
    conn: Connection = Depends(connection),
) -> dict:
    key = (f.key(), kind, document_id, status)
    return queries.list_claims(
        conn, f, page, kind=kind, document_id=document_id, status=status, cached=_count_cache(request, "claims", key)
    )


@router.get("/claims/{claim_id}", response_model=ClaimOut, tags=["claims"], responses=error_responses(404))
def get_claim(
    request: Request,
    claim_id: int = Path(..., ge=1, le=2**62),
    who: Principal = Depends(caller),
    conn: Connection = Depends(connection),
) -> dict:
    claim = queries.get_claim(conn, claim_id, _may_read_text(request, who))
    if claim is None:
        raise ApiError(404, "not_found", f"no claim with id {claim_id}")
    return claim


@router.get("/events", response_model=EventPage, tags=["events"], summary="List fused events")
def list_events(
    request: Request,
    f: Filters = Depends(filters_dependency),
    page: Page = Depends(page_dependency),
    conn: Connection = Depends(connection),
) -> dict:
    return fused.list_events(conn, f, page, cached=_count_cache(request, "events", f.key()))


@router.get("/events/clusters", response_model=Clusters, tags=["events"], summary="Events binned into map cells")
def event_clusters(
    request: Request,
    f: Filters = Depends(filters_dependency),
    zoom: int = Query(6, ge=0, le=22, description="Web-map zoom level; cells are about 60 px wide."),
    conn: Connection = Depends(connection),
) -> dict:
    return _cached(request, "clusters", (f.key(), zoom), lambda: fused.event_clusters(conn, f, zoom))


@router.get("/events/timeline", response_model=Timeline, tags=["events"], summary="Events per period and control changes")
def event_timeline(
    request: Request,
    f: Filters = Depends(filters_dependency),
    unit: Literal["day", "week", "month"] = Query("day"),
    conn: Connection = Depends(connection),
) -> dict:
    def compute() -> dict:
        no_type = Filters(f.date_from, f.date_to, f.place, f.bbox, f.actor, None, f.source)
        return {
            "unit": unit,
            "bins": fused.event_timeline_bins(conn, f, unit),
            "control_changes": queries.control_changes(conn, no_type, limit=200),
        }

    return _cached(request, "timeline", (f.key(), unit), compute)


@router.get("/events/{event_id}", response_model=EventDetail, tags=["events"], responses=error_responses(404))
def get_event(
    request: Request,
    event_id: str = Path(..., max_length=100),
    who: Principal = Depends(caller),
    conn: Connection = Depends(connection),
) -> dict:
    """An event with each of its claims, their sources and documents (the provenance view)."""
    event = fused.get_event(conn, event_id, _may_read_text(request, who))
    if event is None:
        raise ApiError(404, "not_found", f"no event with id {event_id!r}")
    return event


@router.get("/ledger", response_model=Ledger, tags=["ledger"], summary="Casualty tallies by party, low–best–high")
def get_ledger(
    request: Request,
    f: Filters = Depends(filters_dependency),
    outcome: _OUTCOMES = Query("killed"),
) -> dict:
    """Fusion's ledger: incident counts summed over distinct events; running totals kept apart."""
    engine = request.app.state.engine
    return _cached(request, "ledger", (f.key(), outcome), lambda: fused.ledger(engine, f, outcome))


@router.get(
    "/control", response_model=ControlTimeline, tags=["control"], summary="Control timeline of a place",
    responses=error_responses(404),
)
def control_timeline(
    request: Request,
    place: str = Query(..., min_length=1, max_length=200, description="Place name (Arabic or English) or gazetteer id."),
) -> dict:
    return fused.control_timeline(request.app.state.engine, place)


@router.get(
    "/control/holder", response_model=Holder, tags=["control"], summary="Who holds a place on a day",
    responses=error_responses(404),
)
def who_holds(
    request: Request,
    place: str = Query(..., min_length=1, max_length=200),
    date: dt.date = Query(..., description="ISO date."),
) -> dict:
    """The holder with its evidence (claims, sources, contested claims), from fusion's control timeline."""
    return fused.who_holds(request.app.state.engine, place, date)


@router.get("/places", response_model=SearchResult, tags=["places"], summary="Search places in Arabic or English")
def search_places(
    q: str = Query(..., min_length=1, max_length=200),
    limit: int = Query(20, ge=1, le=100),
    conn: Connection = Depends(connection),
) -> dict:
    return queries.search_places(conn, q, limit)


@router.get("/actors", response_model=SearchResult, tags=["actors"], summary="Search actors in Arabic or English")
def search_actors(
    q: str = Query(..., min_length=1, max_length=200),
    limit: int = Query(20, ge=1, le=100),
    conn: Connection = Depends(connection),
) -> dict:
    return queries.search_actors(conn, q, limit)
