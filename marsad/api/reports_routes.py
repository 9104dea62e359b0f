"""Field reports over HTTP: submit (rate-limited per key), read, retract; claim corrections.

``POST /api/reports`` reads its own body so that an oversized body (413), a wrong
content type (415) and bad JSON or fields (422) are refused before anything is stored;
the library (``marsad.ingest.reports``) then writes everything in one transaction.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from marsad import settings
from marsad.api.auth import principal
from marsad.api.errors import ApiError, error_responses
from marsad.errors import AccessDenied, ConfigError, ConflictError, InputError, NotFoundError
from marsad.sources.audit import Caller

__all__ = ["router", "ReportIn", "Correction", "TokenBuckets", "caller_of", "as_api_error", "MAX_BODY_BYTES"]

MAX_BODY_BYTES = 128 * 1024

router = APIRouter(prefix="/api", tags=["field reports"], responses=error_responses(401, 403, 404, 422))


class ReportIn(BaseModel):
    """A field report: free text plus optional structured fields; attachments as SHA-256 only."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(..., max_length=40, description="The source's pseudonymous id (SRC-…)")
    text: str = Field(..., description="What the source saw, in Arabic or English")
    lang: Literal["ar", "en"] | None = None
    credibility: int = Field(6, description="Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged)")
    place: str | None = None
    date: str | dict[str, str] | None = Field(None, description='YYYY-MM-DD or {"from": …, "to": …}')
    counts: dict[str, int] = Field(default_factory=dict, description="outcome (killed, injured, …) → number")
    party: str = "unknown"
    attachments: list[str] = Field(default_factory=list, description="SHA-256 (hex) of each attachment")


class Correction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(..., max_length=2000)


class ClaimVerdict(Correction):
    action: Literal["wrong", "restore"] = "wrong"


@dataclass
class TokenBuckets:
    """One token bucket per API key: ``capacity`` reports, refilled over ``period`` seconds."""

    capacity: int
    period: float
    _state: dict[int, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_settings(cls) -> "TokenBuckets":
        value = settings.get("MARSAD_REPORT_RATE") or "30/60"
        try:
            n, _, secs = value.partition("/")
            capacity, period = int(n), float(secs)
            if capacity < 1 or period <= 0:
                raise ValueError
        except ValueError:
            raise ConfigError(f"MARSAD_REPORT_RATE {value!r} is not N/SECONDS (e.g. 30/60)") from None
        return cls(capacity, period)

    def take(self, key_id: int) -> float:
        """0 when a token was taken; otherwise seconds until the next one."""
        now = time.monotonic()
        rate = self.capacity / self.period
        with self._lock:
            tokens, last = self._state.get(key_id, (float(self.capacity), now))
            tokens = min(float(self.capacity), tokens + (now - last) * rate)
            if tokens >= 1:
                self._state[key_id] = (tokens - 1, now)
                return 0.0
            self._state[key_id] = (tokens, now)
            return (1 - tokens) / rate


def caller_of(request: Request) -> Caller:
    """The caller behind the request's key; 401 when there is none (a bad key is 401 too)."""
    who = principal(request)
    if who.role is None:
        raise ApiError(401, "unauthorized", "this endpoint needs an API key (header X-API-Key)")
    return Caller.from_key(who.key_id, who.role)


def as_api_error(exc: Exception) -> ApiError:
    """Library errors → the API's statuses; messages never carry an identity."""
    if isinstance(exc, NotFoundError):
        return ApiError(404, "not_found", exc.message)
    if isinstance(exc, AccessDenied):
        return ApiError(403, "forbidden", exc.message)
    if isinstance(exc, ConflictError):
        return ApiError(409, "conflict", exc.message)
    if isinstance(exc, InputError):
        return ApiError(422, "invalid_parameter", exc.message)
    if isinstance(exc, ConfigError):
        return ApiError(409, "not_configured", f"the server cannot do this yet: {exc.message}")
    raise exc


def _call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except (InputError, AccessDenied, ConfigError) as exc:
        raise as_api_error(exc) from None


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ())) or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


async def _read_body(request: Request) -> bytes:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise ApiError(415, "unsupported_media_type",
                       f"a report is sent as application/json, not {ctype or 'no content type'}")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ApiError(413, "too_large", f"the body is {declared} bytes; a report may have at most {MAX_BODY_BYTES}")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise ApiError(413, "too_large", f"the body is over {MAX_BODY_BYTES} bytes; a report may have at most that")
    return bytes(body)


_REPORT_BODY = {
    "requestBody": {"required": True, "content": {"application/json": {"schema": ReportIn.model_json_schema()}}}
}


@router.post(
    "/reports",
    status_code=201,
    summary="Submit a field report (role: handler for own sources, admin)",
    openapi_extra=_REPORT_BODY,
    responses=error_responses(409, 413, 415, 429),
)
async def post_report(request: Request) -> JSONResponse:
    from marsad.ingest.reports import FieldReport, submit_report

    caller = caller_of(request)
    if caller.key_id is not None:
        wait = request.app.state.report_buckets.take(caller.key_id)
        if wait:
            return JSONResponse(
                {"error": {"code": "rate_limited",
                           "message": f"too many reports from this key; try again in {math.ceil(wait)} s"}},
                status_code=429, headers={"Retry-After": str(math.ceil(wait))},
            )
    raw = await _read_body(request)
    try:
        body = ReportIn.model_validate_json(raw)
    except ValidationError as exc:
        raise ApiError(422, "invalid_parameter", _describe(exc)) from None
    report = FieldReport(**body.model_dump())
    out = await run_in_threadpool(_call, submit_report, request.app.state.engine, caller, report, raw=raw)
    request.app.state.cache.bump()
    return JSONResponse(out.to_json(), status_code=201)


@router.get("/reports", summary="Field reports, newest first (role: analyst, handler, admin)")
def get_reports(
    request: Request,
    source: str | None = Query(None, max_length=40),
    limit: int = Query(100, ge=1, le=1000),
    caller: Caller = Depends(caller_of),
) -> dict:
    from marsad.ingest.reports import list_reports

    return {"items": _call(list_reports, request.app.state.engine, caller, source=source, limit=limit)}


@router.get("/reports/{report_id}", summary="One field report with its pseudonymous source (role: analyst, handler, admin)")
def get_report(request: Request, report_id: str = Path(..., max_length=40), caller: Caller = Depends(caller_of)) -> dict:
    from marsad.ingest.reports import get_report as read

    return _call(read, request.app.state.engine, caller, report_id)


@router.post("/reports/{report_id}/retract", summary="Retract a field report and its claims (role: analyst, admin)",
             responses=error_responses(409))
def retract(request: Request, body: Correction, report_id: str = Path(..., max_length=40),
            caller: Caller = Depends(caller_of)) -> dict:
    from marsad.sources.corrections import retract_report

    out = _call(retract_report, request.app.state.engine, caller, report_id, body.reason)
    request.app.state.cache.bump()
    return out


@router.post("/claims/{claim_id}/corrections", summary="Mark a claim wrong or restore it, with a reason (role: analyst, admin)",
             responses=error_responses(409))
def correct(request: Request, body: ClaimVerdict, claim_id: int = Path(..., ge=1, le=2**62),
            caller: Caller = Depends(caller_of)) -> dict:
    from marsad.sources.corrections import mark_claim

    out = _call(mark_claim, request.app.state.engine, caller, claim_id, body.action, body.reason)
    request.app.state.cache.bump()
    return out


@router.get("/claims/{claim_id}/corrections", summary="A claim's correction history (who, why, status before)")
def claim_history(request: Request, claim_id: int = Path(..., ge=1, le=2**62)) -> dict:
    from marsad.sources.corrections import history

    return {"items": history(request.app.state.engine, "claim", claim_id)}
