"""Export benchmark: N synthetic events (default 1,000,000) to each format — time and peak memory.

Each format runs in a fresh subprocess so its peak RSS is its own. The floor is
the same subprocess generating and iterating the events without writing them;
each format's time is also given as a ratio to that floor.

``--store`` first writes the N events into fusion's ``events`` table of a SQLite
file, then exports from the store (``StoreRecord``, chunked reads): the floor is
then reading the events back without writing them.

    .venv/bin/python benchmarks/bench_export.py [--n 1000000] [--formats acled-csv,parquet] [--store]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ("acled-csv", "ged-csv", "geojson", "parquet", "atom")


def _fill_store(url: str, n: int) -> None:
    """N synthetic events as fusion's rows (no claims behind them), inserted in batches."""
    from sqlalchemy import insert

    from marsad.export.synthetic import synthetic_events
    from marsad.store import open_store
    from marsad.store.schema import events

    with open_store(url) as store, store.engine.begin() as conn:
        batch: list[dict[str, object]] = []
        for item in synthetic_events(n):
            e = item.event
            p = e.place
            assert p is not None and e.date is not None
            batch.append(
                {
                    "id": e.id, "event_type": e.event_type, "sub_type": e.sub_type, "date_from": e.date.start,
                    "date_to": e.date.end, "place_name": p.name, "place_id": p.id, "lat": p.lat, "lon": p.lon,
                    "actor1": e.actor1, "actor2": e.actor2, "fatalities_low": e.fatalities_low,
                    "fatalities_best": e.fatalities_best, "fatalities_high": e.fatalities_high, "grade": e.grade,
                    "data": {"claim_ids": e.claim_ids, "sources": e.sources, "place": p.to_json()},
                }
            )  # fmt: skip
            if len(batch) == 20_000:
                conn.execute(insert(events), batch)
                batch = []
        if batch:
            conn.execute(insert(events), batch)


def _worker(fmt: str, n: int, out_dir: str, db: str | None) -> dict[str, object]:
    from marsad.export import Options, export
    from marsad.export.filters import Filters
    from marsad.export.synthetic import synthetic_record

    if db:
        from marsad.export.store_record import StoreRecord
        from marsad.store import make_engine

        record = StoreRecord(make_engine(db))
    else:
        record = synthetic_record(n)  # type: ignore[assignment]
    start = time.perf_counter()
    if fmt == "floor":
        rows = sum(1 for _ in record.iter_events(Filters()))
        size = 0
    else:
        path = Path(out_dir) / f"out-{fmt}"
        with path.open("wb") as fh:
            rows = export(fmt, record, fh, opts=Options(default_country="SY"))
        size = path.stat().st_size
        path.unlink()
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    return {"format": fmt, "rows": rows, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds), "bytes": size, "peak_rss_mb": round(peak_mb, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1_000_000, help="number of synthetic events")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated formats")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--store", action="store_true", help="export from a SQLite store filled with the N events")
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(_worker(args.worker, args.n, args.out, args.db)))
        return
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        extra: list[str] = []
        if args.store:
            db = f"sqlite:///{tmp}/bench.db"
            t0 = time.perf_counter()
            _fill_store(db, args.n)
            print(f"store filled with {args.n:,} events in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            extra = ["--db", db]
        for fmt in ["floor", *args.formats.split(",")]:
            proc = subprocess.run(
                [sys.executable, __file__, "--worker", fmt, "--n", str(args.n), "--out", tmp, *extra],
                check=True, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"},
            )  # fmt: skip
            res = json.loads(proc.stdout.strip().splitlines()[-1])
            results.append(res)
            print(json.dumps(res), file=sys.stderr)
    floor = results[0]["seconds"] or 1e-9
    where = "from a SQLite store" if args.store else "generated in memory"
    print(f"\nexport of {args.n:,} synthetic events {where} (each format in its own process)\n")
    print(f"{'format':<10} {'rows':>10} {'seconds':>9} {'rows/s':>10} {'x floor':>8} {'MB out':>8} {'peak RSS MB':>12}")
    for r in results:
        ratio = r["seconds"] / floor  # type: ignore[operator]
        print(f"{r['format']:<10} {r['rows']:>10,} {r['seconds']:>9.2f} {r['rows_per_s']:>10,} {ratio:>8.1f} {r['bytes'] / 1e6:>8.1f} {r['peak_rss_mb']:>12.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"n": args.n, "results": results}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
