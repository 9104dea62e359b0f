"""Field sources over HTTP, the audit log, and ``install`` which wires both into the app.

Sources are listed by pseudonymous id only. ``GET /api/sources/{id}/identity`` is the one
place a real identity leaves the database: only for the handler the source is assigned
to, and every attempt — granted or refused — is written to the audit log.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from marsad.api.auth import principal
from marsad.api.errors import ApiError, error_responses
from marsad.api.reports_routes import TokenBuckets, _call, caller_of
from marsad.api.reports_routes import router as reports_router
from marsad.sources.audit import Caller, allowed, record

__all__ = ["router", "install", "SourceIn"]

_log = logging.getLogger("marsad.api")

router = APIRouter(prefix="/api", tags=["field sources"], responses=error_responses(401, 403, 404, 422))


class SourceIn(BaseModel):
    """A new source. ``identity`` and ``contact`` are encrypted before they are stored."""

    model_config = ConfigDict(extra="forbid")

    identity: str = Field(..., max_length=500)
    contact: str | None = Field(None, max_length=500)
    area: str | None = Field(None, max_length=500, description="Area the source covers")
    reliability: str = Field("F", max_length=1, description="Admiralty source reliability A–F")
    handler_key_id: int | None = Field(None, ge=1, le=2**62, description="Admin only: the handler's key id")


class HandlerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    handler_key_id: int = Field(..., ge=1, le=2**62)


def _need(caller: Caller, permission: str) -> None:
    if not allowed(caller, permission):
        raise ApiError(403, "forbidden", f"role {caller.role!r} may not {permission}")


@router.post("/sources", status_code=201, summary="Register a field source (role: handler, admin)",
             responses=error_responses(409))
def post_source(request: Request, body: SourceIn, caller: Caller = Depends(caller_of)) -> dict:
    from marsad.sources.registry import add_source

    public_id = _call(add_source, request.app.state.engine, caller, body.identity, contact=body.contact,
                      area=body.area, reliability=body.reliability, handler_key_id=body.handler_key_id)
    return {"id": public_id}


@router.get("/sources", summary="Field sources, pseudonymous ids only (role: analyst, handler, admin)")
def get_sources(request: Request, caller: Caller = Depends(caller_of)) -> dict:
    from marsad.sources.registry import list_sources

    _need(caller, "read_reports")
    mine = caller.key_id if caller.role == "handler" else None
    return {"items": [s.to_json(for_key=mine) for s in list_sources(request.app.state.engine)]}


@router.get("/sources/{source_id}", summary="One field source, pseudonymous (role: analyst, handler, admin)")
def get_source(request: Request, source_id: str = Path(..., max_length=40), caller: Caller = Depends(caller_of)) -> dict:
    from marsad.sources.registry import get_source as read

    engine = request.app.state.engine
    if not allowed(caller, "read_reports"):
        with engine.begin() as conn:
            record(conn, caller, "source.read", source_id.upper()[:40], outcome="denied")
        raise ApiError(403, "forbidden", f"role {caller.role!r} may not read field sources")
    info = _call(read, engine, source_id)
    with engine.begin() as conn:
        record(conn, caller, "source.read", info.public_id)
    return info.to_json(for_key=caller.key_id if caller.role == "handler" else None)


@router.get("/sources/{source_id}/identity",
            summary="A source's real identity and contact (role: handler, for their own sources only; audited)")
def get_identity(request: Request, source_id: str = Path(..., max_length=40), caller: Caller = Depends(caller_of)) -> dict:
    from marsad.sources.registry import reveal_identity

    found = _call(reveal_identity, request.app.state.engine, caller, source_id)
    return {"id": found.public_id, "identity": found.identity, "contact": found.contact}


@router.put("/sources/{source_id}/handler", summary="Assign a source to a handler's key (role: admin)")
def put_handler(request: Request, body: HandlerIn, source_id: str = Path(..., max_length=40),
                caller: Caller = Depends(caller_of)) -> dict:
    from marsad.sources.registry import assign_handler

    _call(assign_handler, request.app.state.engine, caller, source_id, body.handler_key_id)
    return {"id": source_id.upper(), "handler_key_id": body.handler_key_id}


@router.get("/audit", summary="The append-only audit log (role: admin)")
def get_audit(
    request: Request,
    action: str | None = Query(None, max_length=40, description="Action or prefix, e.g. identity"),
    target: str | None = Query(None, max_length=80),
    after: int = Query(0, ge=0, le=2**62, description="Only lines after this id"),
    limit: int = Query(200, ge=1, le=5000),
    caller: Caller = Depends(caller_of),
) -> dict:
    from marsad.sources.audit import read_audit

    engine = request.app.state.engine
    if not allowed(caller, "audit"):
        with engine.begin() as conn:
            record(conn, caller, "audit.read", None, outcome="denied")
        raise ApiError(403, "forbidden", f"role {caller.role!r} may not read the audit log; admins may")
    items = [e.to_json() for e in read_audit(engine, action=action, target=target, after=after, limit=limit)]
    with engine.begin() as conn:
        record(conn, caller, "audit.read", None, detail={"lines": len(items)})
    return {"items": items}


_SELF_AUDITED = ("/api/reports", "/api/sources")  # and …/corrections: these routes audit themselves


def _needs_audit(method: str, path: str, status: int) -> bool:
    return (method in ("POST", "PUT", "PATCH", "DELETE") and path.startswith("/api/") and status < 400
            and not path.startswith(_SELF_AUDITED) and not path.endswith("/corrections"))


def _audit_other_write(request: Request, status: int) -> None:
    try:
        who = principal(request)
    except ApiError:
        return
    caller = Caller.from_key(who.key_id, who.role)
    with request.app.state.engine.begin() as conn:
        record(conn, caller, f"http.{request.method.lower()}", request.url.path[:80], detail={"status": status})


def install(app: FastAPI) -> None:
    """Add the field-source routes, the report rate limit, the audit of every other API
    write, and the start-up check that MARSAD_SECRET_KEY opens the stored sources."""
    from marsad.sources.registry import check_secret

    check_secret(app.state.engine)
    app.state.report_buckets = TokenBuckets.from_settings()
    app.include_router(reports_router)
    app.include_router(router)

    @app.middleware("http")
    async def _audit_writes(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        path = request.url.path
        if _needs_audit(request.method, path, response.status_code):
            try:
                await run_in_threadpool(_audit_other_write, request, response.status_code)
            except Exception as exc:  # noqa: BLE001 - never turn a done write into an error
                _log.error("audit of %s %s failed: %s", request.method, path, type(exc).__name__)
        return response
