"""Download endpoints ``/api/export/{format}``: the record in ACLED/GED CSV, GeoJSON, Parquet, Atom.

The same filters as the list endpoints. The export is written to a spooled
temporary file (memory up to 8 MiB, then disk) and streamed from there, so a
large export never sits whole in memory.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse

from marsad.api.auth import principal
from marsad.api.errors import ApiError, error_responses
from marsad.api.filters import Filters, filters_dependency

__all__ = ["router"]

router = APIRouter(prefix="/api", responses=error_responses(401, 422), dependencies=[Depends(principal)], tags=["export"])

_FORMATS = Literal["acled-csv", "ged-csv", "geojson", "parquet", "atom"]
_SPOOL = 8 * 1024 * 1024


def _chunks(fh: "tempfile.SpooledTemporaryFile[bytes]") -> Iterator[bytes]:
    try:
        fh.seek(0)
        while block := fh.read(64 * 1024):
            yield block
    finally:
        fh.close()


@router.get("/export/{format}", summary="Download the record in a field format", response_class=StreamingResponse)
def export_download(
    request: Request,
    format: _FORMATS = Path(description="acled-csv | ged-csv | geojson | parquet | atom"),
    table: Literal["events", "claims", "ledger"] = Query("events", description="parquet: which table."),
    lang: Literal["ar", "en"] = Query("en", description="atom: language of titles and summaries."),
    limit: int | None = Query(None, ge=1, le=100_000, description="atom: at most this many entries."),
    country: str = Query("SY", min_length=2, max_length=2, description="ISO code for events whose place names no country."),
    f: Filters = Depends(filters_dependency),
) -> StreamingResponse:
    from marsad.export import FORMATS, Options, export
    from marsad.export import Filters as ExportFilters
    from marsad.export.store_record import StoreRecord

    spec = FORMATS.get(format)
    if spec is None:  # pragma: no cover - the path type already restricts it
        raise ApiError(404, "not_found", f"unknown export format {format!r}")
    filters = ExportFilters(f.date_from, f.date_to, f.place, f.bbox, f.actor, f.event_type, f.source, f.grade)
    base = str(request.base_url).rstrip("/")
    opts = Options(default_country=country.upper(), lang=lang, base_url=base, table=table, feed_limit=limit)
    fh: tempfile.SpooledTemporaryFile[bytes] = tempfile.SpooledTemporaryFile(max_size=_SPOOL)
    try:
        export(format, StoreRecord(request.app.state.engine), fh, filters, opts)  # type: ignore[arg-type]
    except Exception:
        fh.close()
        raise
    name = f"marsad-{table if format == 'parquet' else 'events'}-{dt.date.today().isoformat()}{spec.suffix}"
    return StreamingResponse(
        _chunks(fh), media_type=spec.media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
