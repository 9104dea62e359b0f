"""CLI commands of the export stage: ``marsad export FORMAT`` and ``marsad bulletin``.

Each parses its arguments and calls one function (``export_store``, ``write_bulletin``).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Optional

import typer

from marsad.errors import InputError

__all__ = ["export_command", "bulletin_command"]

_DB = typer.Option(
    None, "--db", help="Database URL (default: $MARSAD_DATABASE_URL, else sqlite:///marsad.db).", show_default=False
)


def _date(value: Optional[str], option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-11-30") from None


def _bbox(value: Optional[str]) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(p) for p in value.split(","))
    except ValueError:
        raise InputError(f"--bbox {value!r} must be four numbers west,south,east,north, e.g. 36,35,38,37") from None
    if not (south <= north and west <= east):
        raise InputError(f"--bbox {value!r}: expected west <= east and south <= north")
    return (west, south, east, north)


def export_command(
    format: str = typer.Argument(..., help="acled-csv | ged-csv | geojson | parquet | atom"),
    output: Optional[str] = typer.Option(
        None, "-o", "--output", help="File to write (stdout if omitted); for parquet a folder (ending in /) gets all three tables."
    ),
    db: Optional[str] = _DB,
    date_from: Optional[str] = typer.Option(None, "--from", help="Earliest day (YYYY-MM-DD), inclusive."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Latest day (YYYY-MM-DD), inclusive."),
    place: Optional[str] = typer.Option(None, "--place", help="Place name or gazetteer id."),
    bbox: Optional[str] = typer.Option(None, "--bbox", help="west,south,east,north in degrees."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Actor id (either side)."),
    event_type: Optional[str] = typer.Option(None, "--type", help="ACLED event type, e.g. Battles."),
    source: Optional[str] = typer.Option(None, "--source", help="Source id: who said it."),
    grade: Optional[list[str]] = typer.Option(None, "--grade", help="Confidence grade to keep (repeatable)."),
    table: str = typer.Option("events", "--table", help="parquet: events | claims | ledger."),
    country: str = typer.Option("SY", "--country", help="ISO code assumed for events whose place names no country."),
    lang: str = typer.Option("en", "--lang", help="atom: language of titles and summaries (ar | en)."),
    base_url: str = typer.Option("http://127.0.0.1:8000", "--base-url", help="atom: address of the API the links point to."),
    limit: Optional[int] = typer.Option(None, "--limit", help="atom: at most this many entries."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
) -> None:
    """Export the record as ACLED-style CSV, UCDP GED-style CSV, GeoJSON, Parquet or an Atom feed."""
    from marsad.export.filters import GRADES, Filters
    from marsad.export.options import Options, no_progress
    from marsad.export.progress import rich_track
    from marsad.export.run import export_store

    bad = [g for g in grade or () if g not in GRADES]
    if bad:
        raise InputError(f"unknown grade {bad[0]!r}; expected one of {', '.join(GRADES)}")
    if lang not in ("ar", "en"):
        raise InputError(f"--lang {lang!r}: choose ar or en")
    filters = Filters(
        date_from=_date(date_from, "--from"),
        date_to=_date(date_to, "--to"),
        place=place,
        bbox=_bbox(bbox),
        actor=actor,
        event_type=event_type,
        source=source,
        grade=tuple(grade or ()),
    )
    opts = Options(default_country=country, lang=lang, base_url=base_url, table=table, feed_limit=limit)
    opts.track = rich_track if progress else no_progress  # type: ignore[assignment]
    counts = export_store(format, output, db=db, filters=filters, opts=opts)
    for path, n in counts.items():
        print(f"{format}: {n} rows → {'stdout' if path == '-' else path}", file=sys.stderr)


def bulletin_command(
    date: str = typer.Option(..., "--date", help="The day of the bulletin (YYYY-MM-DD)."),
    lang: str = typer.Option("ar", "--lang", help="ar | en"),
    output: Path = typer.Option(Path("."), "-o", "--output", help="Folder for the HTML, PDF and chart."),
    db: Optional[str] = _DB,
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Also write the PDF (weasyprint)."),
) -> None:
    """Write the daily bulletin (HTML and PDF): main events, casualties by party with sources, control changes, a chart."""
    from marsad.export.bulletin import bulletin_from_store

    day = _date(date, "--date")
    assert day is not None
    if lang not in ("ar", "en"):
        raise InputError(f"--lang {lang!r}: choose ar or en")
    paths = bulletin_from_store(day, lang, output, db=db, pdf=pdf)
    for p in paths:
        typer.echo(str(p))
