"""Exports from the store to a file, a folder or stdout: what ``marsad export`` calls."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from marsad.errors import InputError
from marsad.export.filters import Filters
from marsad.export.options import Options
from marsad.export.registry import FORMATS, get_format

__all__ = ["export_store"]


@contextlib.contextmanager
def _open(path: Path | None) -> Iterator[BinaryIO]:
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    if path.parent and not path.parent.exists():
        raise InputError(f"cannot write {path}: folder {path.parent} does not exist; create it or choose another -o")
    tmp = path.with_name(path.name + ".part")
    with tmp.open("wb") as fh:
        yield fh
    tmp.replace(path)  # a reader never sees half a file


def export_store(
    fmt: str,
    output: str | Path | None = None,
    *,
    db: str | None = None,
    filters: Filters | None = None,
    opts: Options | None = None,
) -> dict[str, int]:
    """Export the store at ``db`` as ``fmt``; returns rows written per file.

    ``parquet`` with ``output`` an existing folder (or a path ending in ``/``)
    writes ``events.parquet``, ``claims.parquet`` and ``ledger.parquet`` there.
    """
    from marsad.export.parquet import TABLES
    from marsad.export.store_record import StoreRecord
    from marsad.store import open_store

    spec = get_format(fmt)
    as_folder = output is not None and (str(output).endswith(("/", "\\")) or Path(output).is_dir())
    output = Path(output) if output is not None else None
    filters = filters or Filters()
    opts = opts or Options()
    with open_store(db) as store:
        record = StoreRecord(store.engine, store=store)
        if fmt == "parquet" and output is not None and as_folder:
            output.mkdir(parents=True, exist_ok=True)
            counts = {}
            for table in TABLES:
                opts.table = table
                target = output / f"{table}.parquet"
                with _open(target) as fh:
                    counts[str(target)] = spec.write(record, filters, fh, opts)
            return counts
        if output is not None and output.is_dir():
            output = output / f"marsad-{fmt}{FORMATS[fmt].suffix}"
        with _open(output) as fh:
            n = spec.write(record, filters, fh, opts)
        return {str(output) if output else "-": n}
