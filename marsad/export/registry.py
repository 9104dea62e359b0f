"""The export formats behind one small registry: name → how to write it.

Every format is a :class:`Format` whose ``write(record, filters, out, opts)``
streams rows from the record into a binary stream and returns how many it wrote.
A new format registers here (``FORMATS``) and the CLI and the API pick it up.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from marsad.export.filters import Filters
from marsad.export.options import Options
from marsad.export.record import Record

__all__ = ["Format", "FORMATS", "get_format", "export"]

Writer = Callable[[Record, Filters, BinaryIO, Options], int]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffix: str
    media_type: str
    help: str
    write: Writer


def _text(out: BinaryIO) -> io.TextIOWrapper:
    return io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)  # type: ignore[arg-type]


def _events(record: Record, f: Filters, opts: Options, label: str):  # type: ignore[no-untyped-def]
    return opts.track(record.iter_events(f), record.count_events(f), label)


def _write_acled(record: Record, f: Filters, out: BinaryIO, opts: Options) -> int:
    from marsad.export.acled import write_acled

    text = _text(out)
    try:
        return write_acled(_events(record, f, opts, "acled-csv"), text, opts)
    finally:
        text.flush()
        text.detach()


def _write_ged(record: Record, f: Filters, out: BinaryIO, opts: Options) -> int:
    from marsad.export.ged import write_ged

    text = _text(out)
    try:
        return write_ged(_events(record, f, opts, "ged-csv"), text, opts)
    finally:
        text.flush()
        text.detach()


def _write_geojson(record: Record, f: Filters, out: BinaryIO, opts: Options) -> int:
    from marsad.export.geojson import write_geojson

    text = _text(out)
    try:
        return write_geojson(_events(record, f, opts, "geojson"), record.iter_control(f), text)
    finally:
        text.flush()
        text.detach()


def _write_atom(record: Record, f: Filters, out: BinaryIO, opts: Options) -> int:
    from marsad.export.atom import write_atom

    text = _text(out)
    try:
        return write_atom(_events(record, f, opts, "atom"), text, opts)
    finally:
        text.flush()
        text.detach()


def _write_parquet(record: Record, f: Filters, out: BinaryIO, opts: Options) -> int:
    from marsad.errors import InputError
    from marsad.export.parquet import TABLES, write_parquet

    if opts.table == "events":
        rows = _events(record, f, opts, "parquet events")
    elif opts.table == "claims":
        rows = opts.track(record.iter_claims(f), None, "parquet claims")
    elif opts.table == "ledger":
        rows = opts.track(record.iter_ledger(f), None, "parquet ledger")
    else:
        raise InputError(f"unknown Parquet table {opts.table!r}; choose one of {', '.join(TABLES)}")
    return write_parquet(rows, opts.table, out, opts)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("acled-csv", ".csv", "text/csv; charset=utf-8", "ACLED-style CSV (ACLED columns, then marsad extras)", _write_acled),
        Format("ged-csv", ".csv", "text/csv; charset=utf-8", "UCDP GED-style CSV, deaths by side from the ledger", _write_ged),
        Format("geojson", ".geojson", "application/geo+json", "GeoJSON FeatureCollection of events and control changes", _write_geojson),
        Format("parquet", ".parquet", "application/vnd.apache.parquet", "Parquet table: events, claims or ledger (--table)", _write_parquet),
        Format("atom", ".xml", "application/atom+xml; charset=utf-8", "Atom feed of new and updated events", _write_atom),
    )
}


def get_format(name: str) -> Format:
    from marsad.errors import InputError

    try:
        return FORMATS[name]
    except KeyError:
        raise InputError(f"unknown export format {name!r}; choose one of {', '.join(FORMATS)}") from None


def export(name: str, record: Record, out: BinaryIO, filters: Filters | None = None, opts: Options | None = None) -> int:
    """Write ``record`` in format ``name`` to the binary stream ``out``; returns the rows written."""
    fmt = get_format(name)
    return fmt.write(record, filters or Filters(), out, opts or Options())
