"""The FastAPI application: API under ``/api/``, dashboard at ``/``, health at ``/healthz``."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine, text

from marsad import __version__
from marsad.api import read, write
from marsad.api.cache import AggregateCache, ChangeSignal, ResponseCache
from marsad.api.db import open_engine
from marsad.api.errors import install_error_handlers
from marsad.api.models import Health
from marsad.web import INDEX_HTML, STATIC_DIR

__all__ = ["create_app"]

# the published record; never sources, reports, audit or downloads
_CACHED_PREFIXES = ("/api/events", "/api/claims", "/api/documents", "/api/ledger", "/api/control",
                    "/api/places", "/api/actors")

_DESCRIPTION = """\
The auditable record of marsad (مرصد): documents, claims with their evidence spans and
sources, fused events, the casualty ledger and the control timeline.

Read endpoints are open. Write endpoints need an API key (header `X-API-Key`) whose role
grants the action; `marsad keys create --role editor` makes one. Every error has the shape
`{"error": {"code": "...", "message": "..."}}`.
"""


def create_app(db_url: str | None = None, *, engine: Engine | None = None, open_text: bool = True) -> FastAPI:
    """Build the app over a store URL (or an engine already open).

    ``open_text``: document texts are published reports, so by default anyone may
    read them; set False to reserve texts for keys with the ``read_text`` permission.
    """
    if engine is None:
        if db_url is None:
            from marsad import settings

            db_url = settings.get("MARSAD_DATABASE_URL") or "sqlite:///marsad.db"
        engine = open_engine(db_url)
    app = FastAPI(title="marsad", version=__version__, description=_DESCRIPTION, docs_url="/api/docs", redoc_url=None)
    app.state.engine = engine
    app.state.open_text = open_text
    app.state.cache = AggregateCache(size=2048)
    install_error_handlers(app)
    app.include_router(read.router)
    app.include_router(write.router)
    from marsad.api import export_routes  # downloads: marsad.export's formats

    app.include_router(export_routes.router)
    from marsad.api.sources_routes import install as install_field_sources

    install_field_sources(app)  # issue 10: reports, sources, audit, rate limit

    @app.get("/healthz", response_model=Health, tags=["health"], summary="Liveness and database reachability")
    def healthz() -> JSONResponse:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:  # noqa: BLE001 - health reports, never raises
            return JSONResponse({"status": "degraded", "database": f"unreachable: {type(exc).__name__}"}, status_code=503)
        return JSONResponse({"status": "ok", "database": engine.dialect.name})

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(INDEX_HTML, media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # outermost: a cached answer skips routing, dependencies and the audit middleware
    app.add_middleware(
        ResponseCache, cache=app.state.cache, signal=ChangeSignal(engine),
        prefixes=_CACHED_PREFIXES, exclude_suffixes=("/corrections",),
    )
    return app
