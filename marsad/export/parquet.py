"""Parquet tables of events, claims and the ledger, with explicit pyarrow schemas.

Rows are gathered into record batches of ``Options.chunk_rows`` and written one
batch at a time (``ParquetWriter``), so memory holds one batch, not the export.
Dates are ``date32``, figures nullable ``int32``, id lists ``list<int64>``: the
schema survives a round trip through pandas (``Table.from_pandas(df, schema=…)``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO, TypeVar

from marsad.export.items import Admin, ClaimItem, EventItem
from marsad.export.options import Options, event_country
from marsad.model import LedgerEntry

__all__ = ["events_schema", "claims_schema", "ledger_schema", "write_parquet", "TABLES"]

TABLES = ("events", "claims", "ledger")
T = TypeVar("T")


def events_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            pa.field("event_id", pa.string(), nullable=False),
            pa.field("event_type", pa.string()),
            pa.field("sub_type", pa.string()),
            pa.field("date_start", pa.date32()),
            pa.field("date_end", pa.date32()),
            pa.field("date_precision", pa.string()),
            pa.field("place_name", pa.string()),
            pa.field("place_id", pa.string()),
            pa.field("place_level", pa.string()),
            pa.field("latitude", pa.float64()),
            pa.field("longitude", pa.float64()),
            pa.field("country", pa.string()),
            pa.field("admin1", pa.string()),
            pa.field("admin2", pa.string()),
            pa.field("admin3", pa.string()),
            pa.field("actor1", pa.string()),
            pa.field("actor2", pa.string()),
            pa.field("fatalities_low", pa.int32()),
            pa.field("fatalities_best", pa.int32()),
            pa.field("fatalities_high", pa.int32()),
            pa.field("grade", pa.string()),
            pa.field("sources", pa.list_(pa.string())),
            pa.field("claim_ids", pa.list_(pa.int64())),
            pa.field("note", pa.string()),
        ],
        metadata={"marsad.table": "events"},
    )


def claims_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            pa.field("claim_id", pa.int64(), nullable=False),
            pa.field("document_id", pa.int64()),
            pa.field("kind", pa.string()),
            pa.field("source", pa.string()),
            pa.field("status", pa.string()),
            pa.field("date_start", pa.date32()),
            pa.field("date_end", pa.date32()),
            pa.field("place_name", pa.string()),
            pa.field("place_id", pa.string()),
            pa.field("latitude", pa.float64()),
            pa.field("longitude", pa.float64()),
            pa.field("span_start", pa.int64()),
            pa.field("span_end", pa.int64()),
            pa.field("evidence", pa.string()),
            pa.field("fact", pa.string()),  # the FORMAT.md fact as JSON
        ],
        metadata={"marsad.table": "claims"},
    )


def ledger_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            pa.field("party", pa.string(), nullable=False),
            pa.field("outcome", pa.string(), nullable=False),
            pa.field("low", pa.int32()),
            pa.field("best", pa.int32()),
            pa.field("high", pa.int32()),
            pa.field("cumulative", pa.bool_()),
            pa.field("source", pa.string()),
            pa.field("place_name", pa.string()),
            pa.field("place_id", pa.string()),
            pa.field("latitude", pa.float64()),
            pa.field("longitude", pa.float64()),
            pa.field("date_start", pa.date32()),
            pa.field("date_end", pa.date32()),
            pa.field("since", pa.date32()),
            pa.field("claim_ids", pa.list_(pa.int64())),
        ],
        metadata={"marsad.table": "ledger"},
    )


def _event_values(item: EventItem, opts: Options) -> tuple[Any, ...]:
    e = item.event
    p = e.place
    admin = item.admin or Admin()
    ctry = event_country(item, opts)
    return (
        e.id, e.event_type, e.sub_type,
        e.date.start if e.date else None, e.date.end if e.date else None, e.date.precision if e.date else None,
        p.name if p else None, p.id if p else None, p.level if p else None,
        p.lat if p else None, p.lon if p else None,
        ctry.code if ctry else None, admin.admin1, admin.admin2, admin.admin3,
        e.actor1, e.actor2, e.fatalities_low, e.fatalities_best, e.fatalities_high,
        e.grade, list(e.sources), list(e.claim_ids), e.note,
    )  # fmt: skip


def _claim_values(item: ClaimItem, opts: Options) -> tuple[Any, ...]:
    c = item.claim
    p = c.place
    return (
        item.id, item.document_id, c.kind, c.source, item.status,
        c.date.start if c.date else None, c.date.end if c.date else None,
        p.name if p else None, p.id if p else None, p.lat if p else None, p.lon if p else None,
        c.span.start if c.span else None, c.span.end if c.span else None,
        c.evidence, json.dumps(c.to_fact(), ensure_ascii=False),
    )  # fmt: skip


def _ledger_values(e: LedgerEntry, opts: Options) -> tuple[Any, ...]:
    p = e.place
    return (
        e.party, e.outcome, e.low, e.best, e.high, e.cumulative, e.source,
        p.name if p else None, p.id if p else None, p.lat if p else None, p.lon if p else None,
        e.date.start if e.date else None, e.date.end if e.date else None, e.since, list(e.claim_ids),
    )  # fmt: skip


def _batches(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(rows: Iterable[Any], table: str, out: BinaryIO | str, opts: Options) -> int:
    """Write one table (``events``, ``claims`` or ``ledger``) from its row objects."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema, values = _TABLES[table]
    schema = schema()
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for batch in _batches(rows, opts.chunk_rows):
            columns = list(zip(*(values(r, opts) for r in batch)))
            arrays = [pa.array(col, type=schema.field(i).type) for i, col in enumerate(columns)]
            writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
            n += len(batch)
    return n


_TABLES: dict[str, tuple[Callable[[], Any], Callable[[Any, Options], tuple[Any, ...]]]] = {
    "events": (events_schema, _event_values),
    "claims": (claims_schema, _claim_values),
    "ledger": (ledger_schema, _ledger_values),
}
