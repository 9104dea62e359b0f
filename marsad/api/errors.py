"""One JSON error shape for the whole API: ``{"error": {"code", "message"}}``.

Every failure a client can cause (bad parameter, unknown id, missing key) is a 4xx
in this shape; a test fixes it. Unexpected exceptions also answer in this shape
(500, code ``internal``) so a client never has to parse two formats.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.errors import InputError, MarsadError

__all__ = ["ApiError", "ErrorBody", "ErrorResponse", "install_error_handlers", "error_responses"]

_log = logging.getLogger("marsad.api")

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
}


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    """The only error shape the API returns."""

    error: ErrorBody


class ApiError(Exception):
    """Raised by handlers: a status, a stable machine code and a message for people."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def _body(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _describe_validation(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        where = ".".join(loc) or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request is not valid"


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception type through the one shape."""

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _body(exc.status, exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = "no such path; the API lives under /api/ (see /openapi.json)"
        headers = getattr(exc, "headers", None)
        return _body(exc.status_code, code, message, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _body(422, "invalid_parameter", _describe_validation(exc))

    @app.exception_handler(InputError)
    async def _input_error(_: Request, exc: InputError) -> JSONResponse:
        return _body(400, "bad_request", exc.message)

    @app.exception_handler(MarsadError)
    async def _marsad_error(_: Request, exc: MarsadError) -> JSONResponse:
        _log.error("marsad error: %s", exc)
        return _body(500, "internal", exc.message)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        _log.exception("unexpected error", exc_info=exc)
        return _body(500, "internal", "unexpected server error; the log has the details")


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries documenting the error shape."""
    return {s: {"model": ErrorResponse, "description": _CODES.get(s, "error").replace("_", " ")} for s in statuses}
