"""Fusion at scale: synthetic documents and claims, 10k then 100k documents.

    .venv/bin/python benchmarks/bench_fuse.py [--sizes 10000 100000] [--seed 7]

Each document is a short synthetic report about one incident (a few sentences
of generated words, so MinHash sees realistic shingle sets); about a quarter are
syndicated copies (another header and footer) and a quarter independent reports of
an incident already reported. Each carries an event claim, usually a casualty count,
sometimes a running total or a control claim. Places are drawn from one town per five
documents over a year of days, so the density of a block (claims per town and day)
stays the same at every size and the growth measures the algorithm, not crowding.

Printed per size: CPU seconds (the machine is shared, so wall time is noisy) for
duplicate grouping, events (+grades), ledger and control, and the total; then, between
consecutive sizes, each stage's time ratio divided by the input ratio: 1.0 is linear,
a tenfold step would give 10 for quadratic growth. Cross-language pairing is off here:
its cost is per candidate pair, and the encoder is timed separately on 400 documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.fuse.control import build_timelines  # noqa: E402
from marsad.fuse.dedupe import find_echoes, group_documents  # noqa: E402
from marsad.fuse.events import build_events  # noqa: E402
from marsad.fuse.ledger import build_ledger  # noqa: E402
from marsad.fuse.records import ClaimRecord  # noqa: E402
from marsad.model import CasualtyClaim, ControlClaim, DateRange, Document, EventClaim, Place  # noqa: E402

SUB_TYPES = ["Air/drone strike", "Shelling/artillery/missile attack", "Armed clash", "Remote explosive/landmine/IED"]
ACTORS = ["russia-military", "syria-military", "hts", "sna", "sdf", "isis", None]
SOURCES = ["sohr", "white-helmets", "afp", "state-media", "syria-military-statement", "orient-news", "un"]
PARTIES = ["civilian", "state", "nonstate", "unknown"]


def _vocab(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(5000)]


def synthesize(n_docs: int, seed: int) -> tuple[list[Document], list[ClaimRecord]]:
    rng = random.Random(seed)
    vocab = _vocab(rng)
    towns = [Place(f"town{i}", "city", geonameid=100000 + i, lat=32.5 + rng.random() * 4.5, lon=35.7 + rng.random() * 6.3) for i in range(max(200, n_docs // 5))]
    start = dt.date(2024, 1, 1)
    docs: list[Document] = []
    recs: list[ClaimRecord] = []
    incidents: list[dict[str, Any]] = []
    claim_id = 0
    for i in range(n_docs):
        roll = rng.random()
        published = start + dt.timedelta(days=rng.randrange(365))
        if roll < 0.25 and docs:  # syndicated copy of an earlier report
            src_doc = rng.randrange(len(docs))
            base = docs[src_doc]
            text = f"Outlet {i} | " + base.text + f" Follow outlet {i}."
            inc = incidents[src_doc]
            source = inc["source"]
        else:
            if roll < 0.5 and incidents:  # another source on a known incident
                inc = dict(incidents[rng.randrange(len(incidents))])
                source = rng.choice(SOURCES)
            else:
                inc = {
                    "town": rng.choice(towns),
                    "day": published,
                    "sub": rng.choice(SUB_TYPES),
                    "actor": rng.choice(ACTORS),
                    "killed": rng.randint(0, 30),
                    "party": rng.choice(PARTIES),
                }
                source = rng.choice(SOURCES)
            inc["source"] = source
            text = " ".join(rng.choice(vocab) for _ in range(rng.randint(60, 140)))
        doc_id = f"d{i}"
        docs.append(Document(text=text, id=doc_id, lang="en", published=published))
        incidents.append(inc)
        when = DateRange.day(inc["day"])
        claim_id += 1
        recs.append(ClaimRecord(claim_id, EventClaim(source=source, date=when, place=inc["town"], event_type="Explosions/Remote violence",
                                                     sub_type=inc["sub"], actor1=inc["actor"], evidence="x"), doc_id, published))
        if rng.random() < 0.7:
            claim_id += 1
            recs.append(ClaimRecord(claim_id, CasualtyClaim(source=source, date=when, place=inc["town"], count=inc["killed"],
                                                            party=inc["party"], evidence="y"), doc_id, published))
        if rng.random() < 0.1:
            claim_id += 1
            recs.append(ClaimRecord(claim_id, CasualtyClaim(source=source, date=DateRange.day(published), count=rng.randint(100, 5000),
                                                            party=rng.choice(PARTIES), cumulative=True, since=start, evidence="z"), doc_id, published))
        if rng.random() < 0.1:
            claim_id += 1
            recs.append(ClaimRecord(claim_id, ControlClaim(source=source, date=when, place=inc["town"], actor=rng.choice(ACTORS[:-1]),
                                                           extent=rng.choice(["all", "most", "part"]), evidence="w"), doc_id, published))
    return docs, recs


def run(n_docs: int, seed: int) -> dict[str, float]:
    docs, recs = synthesize(n_docs, seed)
    t0 = time.process_time()
    groups = group_documents(docs, recs, cross_language="off")
    echoes = find_echoes(recs, groups)
    t1 = time.process_time()
    events = build_events(recs, groups, echoes=echoes)
    t2 = time.process_time()
    ledger = build_ledger(recs, events, echoes=echoes)
    t3 = time.process_time()
    timelines = build_timelines(recs, echoes)
    t4 = time.process_time()
    return {
        "docs": n_docs,
        "claims": len(recs),
        "groups": sum(1 for m in groups.members().values() if len(m) > 1),
        "events": len(events.events),
        "ledger_rows": len(ledger.incidents),
        "places": len(timelines),
        "dedupe": t1 - t0,
        "events_s": t2 - t1,
        "ledger": t3 - t2,
        "control": t4 - t3,
        "total": t4 - t0,
    }


def encoder_pairs(n_pairs: int = 200) -> float | None:
    try:
        from marsad.fuse.dedupe import _embed, _encoder
    except ImportError:
        return None
    enc = _encoder()
    if enc is None:
        return None
    text = {f"p{i}": f"Report {i}: warplanes struck the market in town {i} killing {i % 9} people." for i in range(2 * n_pairs)}
    t0 = time.process_time()
    _embed(enc, sorted(text), text)
    return time.process_time() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    results = [run(n, args.seed) for n in args.sizes]
    cols = ["docs", "claims", "groups", "events", "dedupe", "events_s", "ledger", "control", "total"]
    print("  ".join(f"{c:>9}" for c in cols))
    for r in results:
        print("  ".join(f"{r[c]:>9.2f}" if isinstance(r[c], float) else f"{r[c]:>9}" for c in cols))
    for a, b in zip(results, results[1:]):
        grow = b["claims"] / a["claims"]
        parts = ", ".join(f"{k} {b[k] / a[k] / grow:.2f}" for k in ("dedupe", "events_s", "ledger", "control", "total") if a[k] > 0)
        print(f"growth {a['docs']}→{b['docs']} docs (claims ×{grow:.1f}); time ratio / input ratio (1.0 = linear): {parts}")
    enc = encoder_pairs()
    if enc is not None:
        print(f"cross-language encoder: 400 documents embedded in {enc:.2f} s (pairs are only formed on shared day+place+source)")


if __name__ == "__main__":
    main()
