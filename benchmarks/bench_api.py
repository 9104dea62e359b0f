"""Load benchmark of the API: 100k events in SQLite, 20 concurrent clients, loopback only.

    .venv/bin/python benchmarks/bench_api.py [--events 100000] [--clients 20] [--seconds 20] [--workers 1]

1. Fills a temporary SQLite store (through the migrations) with synthetic documents,
   claims, fused events and their links, in bulk (fusion itself is benchmarked by
   bench_fuse.py; here the record only has to be the shape the API reads).
2. Starts uvicorn in a child process on a free 127.0.0.1 port.
3. Runs ``--clients`` httpx async clients in a closed loop for ``--seconds`` over the main
   list endpoints with varied filters (events, claims, documents, map clusters, one event),
   and ``/healthz`` as the peer: the cost of the HTTP stack alone, measured in the same run.
4. Prints p50/p95/p99 per endpoint and overall, and each endpoint's p50 as a ratio to the peer.

Target: p95 < 50 ms for the list endpoints. Nothing leaves the machine; the run is bounded
by ``--seconds`` plus set-up (a minute or so for 100k events).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

EVENT_TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Strategic developments", "Looting/property destruction"),
]
ACTORS = ["syria-military", "hts", "sna", "sdf", "isis", "russia-military", "turkey-military", "opposition", None]
SOURCES = ["sohr", "sana", "syria-mod", "local-monitor", "witnesses", "afp", "reuters"]
# towns across Syria to scatter events around (approximate coordinates)
TOWNS = [
    ("Aleppo", 36.20, 37.16), ("Idlib", 35.93, 36.63), ("Hama", 35.13, 36.75), ("Homs", 34.73, 36.71),
    ("Damascus", 33.51, 36.29), ("Daraa", 32.62, 36.10), ("Raqqa", 35.95, 39.01), ("Deir ez-Zor", 35.33, 40.14),
    ("Hasakah", 36.50, 40.75), ("Qamishli", 37.05, 41.22), ("Latakia", 35.52, 35.78), ("Palmyra", 34.56, 38.28),
    ("Manbij", 36.53, 37.95), ("Al-Bab", 36.37, 37.52), ("Saraqib", 35.86, 36.80), ("Suwayda", 32.71, 36.57),
]
VIEWPORTS = [  # (bbox, zoom) a dashboard user pans between
    ("34.0,31.5,43.5,37.8", 6), ("35.5,34.5,38.5,37.0", 8), ("36.0,35.6,37.4,36.5", 9),
    ("35.8,32.3,37.0,33.8", 8), ("38.5,34.8,41.5,37.3", 7), ("36.9,35.9,37.5,36.4", 11),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fill(url: str, n_events: int, seed: int = 7) -> None:
    """Bulk-insert a synthetic fused record of ``n_events`` events (one claim each, 5 claims a document)."""
    from sqlalchemy import insert

    from marsad.store import open_store
    from marsad.store.schema import claims, documents, event_claims, events

    rng = random.Random(seed)
    store = open_store(url)
    start = dt.date(2023, 1, 1)
    chunk = 5000
    per_doc = 5
    with store.engine.begin() as conn:
        for base in range(0, n_events, chunk):
            docs, cls, evs, links = [], [], [], []
            for i in range(base, min(base + chunk, n_events)):
                etype, sub = EVENT_TYPES[rng.randrange(len(EVENT_TYPES))]
                town, lat, lon = TOWNS[rng.randrange(len(TOWNS))]
                lat += rng.uniform(-0.25, 0.25)
                lon += rng.uniform(-0.25, 0.25)
                day = start + dt.timedelta(days=rng.randrange(700))
                a1, a2 = rng.choice(ACTORS), rng.choice(ACTORS)
                fat = rng.choice([None, 0, 1, 2, 3, 5, 8, 12, 30])
                src = rng.choice(SOURCES)
                doc_id = i // per_doc + 1
                if i % per_doc == 0:
                    text = f"Synthetic report {doc_id}: {etype.lower()} near {town} on {day.isoformat()}."
                    docs.append(dict(id=doc_id, doc_key=f"bench-{doc_id}", content_hash=f"{doc_id:064d}", lang="en",
                                     published=day, outlet=src, title=f"Report {doc_id}", text=text, status="parsed"))
                evidence = f"{etype.lower()} near {town}"
                fact = {"kind": "event", "source": src, "date": day.isoformat(),
                        "place": {"name": town, "geonameid": None, "lat": lat, "lon": lon, "level": "city"},
                        "event_type": etype, "sub_type": sub, "actor1": a1, "actor2": a2, "fatalities": fat,
                        "evidence": evidence}
                cls.append(dict(id=i + 1, document_id=doc_id, kind="event", source=src, date_from=day, date_to=day,
                                place_name=town, lat=lat, lon=lon, span_start=0, span_end=len(evidence),
                                evidence=evidence, fact=fact, status="active"))
                eid = f"ev-{i:012x}"
                data = {"id": eid, "event_type": etype, "sub_type": sub, "date": day.isoformat(), "place": fact["place"],
                        "actor1": a1, "actor2": a2, "fatalities": {"low": fat, "best": fat, "high": fat},
                        "grade": "weak", "grade_reason": f"one originator: {src}", "claim_ids": [i + 1], "sources": [src],
                        "claims": [{"claim_id": i + 1, "document": f"bench-{doc_id}", "source": src, "kind": "event",
                                    "status": "active"}]}
                evs.append(dict(id=eid, event_type=etype, sub_type=sub, date_from=day, date_to=day, place_name=town,
                                place_id=None, lat=lat, lon=lon, actor1=a1, actor2=a2, fatalities_low=fat,
                                fatalities_best=fat, fatalities_high=fat, grade=rng.choice(["weak", "weak", "fair", "confirmed", "contested"]),
                                data=data))
                links.append(dict(event_id=eid, claim_id=i + 1, claim_key=f"k{i}", echo_of=None))
            if docs:
                conn.execute(insert(documents), docs)
            conn.execute(insert(claims), cls)
            conn.execute(insert(events), evs)
            conn.execute(insert(event_claims), links)
        conn.exec_driver_sql("ANALYZE")
    store.close()


def _requests(rng: random.Random, event_ids: list[str]) -> tuple[str, str]:
    """One (endpoint name, path) drawn from what a dashboard and API clients ask."""
    kind = rng.choices(["events", "events-filtered", "claims", "documents", "clusters", "event"], [3, 3, 2, 1, 2, 1])[0]
    if kind == "events":
        return kind, f"/api/events?limit=50&offset={rng.choice([0, 0, 50, 100, 500])}"
    if kind == "events-filtered":
        etype = rng.choice(EVENT_TYPES)[0]
        d0 = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(600))
        choice = rng.randrange(4)
        if choice == 0:
            return kind, f"/api/events?event_type={etype}&limit=50"
        if choice == 1:
            return kind, f"/api/events?from={d0}&to={d0 + dt.timedelta(days=30)}&limit=50"
        if choice == 2:
            bbox, _ = rng.choice(VIEWPORTS)
            return kind, f"/api/events?bbox={bbox}&limit=50"
        return kind, f"/api/events?actor={rng.choice(ACTORS[:-1])}&grade=confirmed&limit=50"
    if kind == "claims":
        return kind, f"/api/claims?kind=event&source={rng.choice(SOURCES)}&limit=50"
    if kind == "documents":
        return kind, f"/api/documents?limit=50&offset={rng.choice([0, 50, 1000])}"
    if kind == "clusters":
        bbox, zoom = rng.choice(VIEWPORTS)
        etype = rng.choice(["", "&event_type=Battles"])
        return kind, f"/api/events/clusters?bbox={bbox}&zoom={zoom}{etype}"
    return kind, f"/api/events/{rng.choice(event_ids)}"


async def _load(base: str, clients: int, seconds: float, event_ids: list[str]) -> dict[str, list[float]]:
    import httpx

    times: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    stop = time.monotonic() + seconds

    async def client(n: int) -> None:
        rng = random.Random(n)
        async with httpx.AsyncClient(base_url=base, timeout=30.0) as http:
            while time.monotonic() < stop:
                name, path = ("healthz", "/healthz") if rng.random() < 0.1 else _requests(rng, event_ids)
                t0 = time.perf_counter()
                r = await http.get(path)
                times.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
                if r.status_code != 200:
                    errors[name] = errors.get(name, 0) + 1

    await asyncio.gather(*(client(i) for i in range(clients)))
    if errors:
        print(f"non-200 answers: {errors}")
    return times


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="marsad-bench-api-"))
    url = f"sqlite:///{tmp / 'bench.db'}"
    t0 = time.perf_counter()
    fill(url, args.events)
    print(f"filled {args.events:,} events in {time.perf_counter() - t0:.1f} s ({url})")

    port = _free_port()
    env = dict(os.environ, MARSAD_DATABASE_URL=url)
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "marsad.api.app:create_app", "--host", "127.0.0.1",
           "--port", str(port), "--log-level", "warning", "--no-access-log", "--workers", str(args.workers)]
    server = subprocess.Popen(cmd, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        ids = [e["id"] for e in httpx.get(base + "/api/events?limit=500&offset=1000").json()["items"]]
        times = asyncio.run(_load(base, args.clients, args.seconds, ids))
    finally:
        server.terminate()
        server.wait(timeout=20)

    peer = statistics.median(times.get("healthz", [float("nan")]))
    total = sum(len(v) for v in times.values())
    print(f"\n{args.clients} clients, {args.seconds:.0f} s, {args.workers} worker(s), {os.cpu_count()} CPUs: "
          f"{total:,} requests, {total / args.seconds:,.0f} req/s")
    print(f"{'endpoint':<16}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'p50/peer':>10}")
    listed = [k for k in times if k != "healthz"]
    for name in sorted(listed) + ["healthz"]:
        v = times[name]
        print(f"{name:<16}{len(v):>7}{_pct(v, 50):>9.1f}{_pct(v, 95):>9.1f}{_pct(v, 99):>9.1f}{_pct(v, 50) / peer:>10.1f}")
    everything = [x for k in listed for x in times[k]]
    print(f"{'all lists':<16}{len(everything):>7}{_pct(everything, 50):>9.1f}{_pct(everything, 95):>9.1f}{_pct(everything, 99):>9.1f}")
    verdict = "meets" if _pct(everything, 95) < 50 else "misses"
    print(f"p95 target < 50 ms: {verdict}")
    print(json.dumps({"p50": _pct(everything, 50), "p95": _pct(everything, 95), "p99": _pct(everything, 99),
                      "peer_p50": peer, "rps": total / args.seconds}))


if __name__ == "__main__":
    main()
