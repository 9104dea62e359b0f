"""marsad benchmark suite: one command, every stage against the same floor.

    .venv/bin/python benchmarks/run.py [--docs 2000]

The texts of shared/eval/dev/docs.jsonl are replicated to at least ``--docs``
documents. Each stage runs in its own child process (so its peak memory is its own
and a crash is reported, not fatal), one after the other:

- ``floor``: plain ``spacy.blank(lang)`` tokenization: the cheapest thing any stage does;
- ``lang``: ``benchmarks/bench_lang.py`` ``run(texts) -> dict`` (the language core);
- ``geo``: ``benchmarks/bench_geo.py`` ``run(texts) -> dict`` (the geoparser);
- ``extract``: ``marsad.extract.extract_document`` on every document.

Every stage is also run on the Arabic documents alone, since the target is set for
Arabic: full extraction at ≥ 300 docs/s per core and ≤ 5× the floor. Reported: docs/s
(wall), docs per CPU-second (= per core: each child is one process), tokens/s (floor
tokens), peak RSS of the child, a tracemalloc peak over a short untimed pass, and the
cost per document as a ratio to the floor on the same documents (for ``lang`` and ``geo``
only their own part: their modules time a peer in the same call). Writes
``benchmarks/results.json``. A stage whose module is not importable yet is "missing".
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import platform
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = Path("/work/shared/eval/dev/docs.jsonl")
STAGES = ("floor", "lang", "geo", "extract")
SUBSETS = ("all", "ar")
TARGET_DOCS_PER_CORE = 300.0
TARGET_RATIO = 5.0
WARMUP_DOCS = 20
TRACEMALLOC_DOCS = 100


class Missing(Exception):
    """The stage's code does not exist yet."""


def load_docs(corpus: Path, n: int) -> list[dict[str, Any]]:
    """The corpus documents, cycled until there are at least ``n``."""
    base = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not base:
        raise SystemExit(f"{corpus}: no documents")
    out: list[dict[str, Any]] = []
    while len(out) < n:
        out.extend(base)
    return out[: max(n, len(base))]


def subset(docs: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return docs if name == "all" else [d for d in docs if d.get("lang") == name]


# --- stages: each returns (callable over the docs, details after the run) ---


def _floor() -> Callable[[list[dict[str, Any]]], dict[str, Any]]:
    import spacy

    nlps = {lang: spacy.blank(lang) for lang in ("ar", "en")}

    def run(docs: list[dict[str, Any]]) -> dict[str, Any]:
        tokens = 0
        for d in docs:
            tokens += len(nlps.get(d.get("lang") or "en", nlps["en"]).make_doc(d["text"]))
        return {"tokens": tokens}

    return run


def _bench_module(name: str) -> Callable[[list[dict[str, Any]]], dict[str, Any]]:
    path = HERE / f"{name}.py"
    if not path.is_file():
        raise Missing(f"{path.name} does not exist yet")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ImportError as exc:
        raise Missing(f"{path.name}: {exc}") from None
    if not callable(getattr(module, "run", None)):
        raise Missing(f"{path.name} has no run(texts)")

    def run(docs: list[dict[str, Any]]) -> dict[str, Any]:
        result = module.run([d["text"] for d in docs])
        return result if isinstance(result, dict) else {"result": repr(result)}

    return run


def _extract() -> Callable[[list[dict[str, Any]]], dict[str, Any]]:
    try:
        from marsad.extract import extract_document  # type: ignore[attr-defined]
        from marsad.model import Document
    except ImportError as exc:
        raise Missing(f"marsad.extract.extract_document: {exc}") from None

    def run(docs: list[dict[str, Any]]) -> dict[str, Any]:
        claims = 0
        for d in docs:
            published = dt.date.fromisoformat(d["published"][:10]) if d.get("published") else None
            doc = Document(text=d["text"], id=d.get("id"), lang=d.get("lang"), published=published)
            claims += len(extract_document(doc))
        return {"claims": claims}

    return run


def _stage(name: str) -> Callable[[list[dict[str, Any]]], dict[str, Any]]:
    if name == "floor":
        return _floor()
    if name in ("lang", "geo"):
        return _bench_module(f"bench_{name}")
    if name == "extract":
        return _extract()
    raise SystemExit(f"unknown stage {name!r}; one of {', '.join(STAGES)}")


def _own_seconds(details: dict[str, Any]) -> float | None:
    """The stage's own time when its module runs a peer beside it in the same call
    (bench_lang times spaCy and analyze, bench_geo marsad and flashgeotext)."""
    if "analyze_seconds" in details:
        return float(details["analyze_seconds"])
    if details.get("marsad_docs_per_s"):
        return details["docs"] / details["marsad_docs_per_s"]
    return None


def measure(name: str, docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Time one stage on each subset, in this (child) process."""
    t0 = time.perf_counter()
    run = _stage(name)
    run(docs[:WARMUP_DOCS])  # loaders and caches, outside the timing
    out: dict[str, Any] = {"status": "ok", "setup_s": round(time.perf_counter() - t0, 3), "subsets": {}}
    for sub in SUBSETS:
        part = subset(docs, sub)
        if not part:
            continue
        w0, c0 = time.perf_counter(), time.process_time()
        details = run(part)
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        own = _own_seconds(details)
        if own is not None:  # the stage module also timed its peer: count only its own part
            wall = cpu = own
        out["subsets"][sub] = {
            "docs": len(part),
            "chars": sum(len(d["text"]) for d in part),
            "wall_s": round(wall, 4),
            "cpu_s": round(cpu, 4),
            "docs_per_s": round(len(part) / wall, 1) if wall else None,
            "docs_per_cpu_s": round(len(part) / cpu, 1) if cpu else None,
            "details": details,
        }
    tracemalloc.start()
    run(docs[:TRACEMALLOC_DOCS])
    out["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    tracemalloc.stop()
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def child(name: str, corpus: Path, n: int) -> dict[str, Any]:
    """Run one stage in a fresh interpreter; its last stdout line is the JSON result."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--stage", name, "--docs", str(n), "--corpus", str(corpus)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode == 0 and lines:
        return json.loads(lines[-1])
    tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
    return {"status": "error", "reason": tail}


def add_ratios(results: dict[str, dict[str, Any]]) -> None:
    """Cost per document of each stage ÷ the floor's, on the same subset; tokens/s."""
    floor = results.get("floor", {})
    if floor.get("status") != "ok":
        return
    for sub, f in floor["subsets"].items():
        tokens = f["details"]["tokens"]
        for stage in results.values():
            s = stage.get("subsets", {}).get(sub)
            if stage.get("status") != "ok" or not s:
                continue
            s["tokens"] = tokens
            s["tokens_per_s"] = round(tokens / s["wall_s"]) if s["wall_s"] else None
            s["ratio_to_floor"] = round(s["cpu_s"] / f["cpu_s"], 2) if f["cpu_s"] else None


def verdict(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    ext = results.get("extract", {})
    ar = ext.get("subsets", {}).get("ar") if ext.get("status") == "ok" else None
    if not ar:
        return {"status": ext.get("status", "missing"), "met": None}
    speed, ratio = ar["docs_per_cpu_s"], ar.get("ratio_to_floor")
    return {
        "status": "ok",
        "arabic_docs_per_cpu_s": speed,
        "arabic_ratio_to_floor": ratio,
        "speed_met": speed is not None and speed >= TARGET_DOCS_PER_CORE,
        "ratio_met": ratio is not None and ratio <= TARGET_RATIO,
        "met": speed is not None and ratio is not None and speed >= TARGET_DOCS_PER_CORE and ratio <= TARGET_RATIO,
    }


def print_table(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"marsad benchmarks: {report['docs']} docs, {report['chars']:,} chars")
    for col in ("stage", "set", "docs/s", "docs/cpu-s", "ktok/s", "× floor", "RSS MB", "heap MB", "setup s"):
        table.add_column(col, justify="left" if col in ("stage", "set") else "right")
    notes: list[str] = []
    for name, stage in report["stages"].items():
        if stage.get("status") != "ok":
            table.add_row(name, stage["status"], *["-"] * 7)
            notes.append(f"{name}: {stage['status']}: {stage.get('reason', '')}")
            continue
        for sub, s in stage["subsets"].items():
            table.add_row(
                name, f"{sub} {s['docs']}", f"{s['docs_per_s']:,}", f"{s['docs_per_cpu_s']:,}",
                f"{(s.get('tokens_per_s') or 0) / 1000:,.0f}", f"{s.get('ratio_to_floor', '-')}",
                str(stage["peak_rss_mb"]), str(stage["tracemalloc_peak_mb"]), str(stage["setup_s"]),
            )
    console = Console(width=max(Console().width, 100))
    console.print(table)
    for note in notes:
        console.print(note, highlight=False, markup=False)
    v = report["target"]
    if v.get("status") != "ok":
        print(f"target (Arabic extraction ≥ {TARGET_DOCS_PER_CORE:.0f} docs/s per core, ≤ {TARGET_RATIO:.0f}× floor): "
              f"not measured, extract is {v.get('status')}")
    else:
        print(f"target: Arabic extraction {v['arabic_docs_per_cpu_s']} docs/cpu-s "
              f"({'met' if v['speed_met'] else 'NOT met'}, ≥ {TARGET_DOCS_PER_CORE:.0f}), "
              f"{v['arabic_ratio_to_floor']}× floor ({'met' if v['ratio_met'] else 'NOT met'}, ≤ {TARGET_RATIO:.0f}×)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="replicate the corpus to at least this many docs")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="docs.jsonl to replicate")
    parser.add_argument("--out", type=Path, default=HERE / "results.json", help="where to write the JSON results")
    parser.add_argument("--only", nargs="*", choices=STAGES, help="run only these stages (the floor always runs)")
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)  # child mode
    args = parser.parse_args(argv)

    docs = load_docs(args.corpus, args.docs)
    if args.stage:
        try:
            result = measure(args.stage, docs)
        except Missing as exc:
            result = {"status": "missing", "reason": str(exc)}
        print(json.dumps(result))
        return 0

    wanted = ["floor", *[s for s in STAGES if s != "floor" and (not args.only or s in args.only)]]
    stages: dict[str, dict[str, Any]] = {}
    for name in wanted:
        print(f"… {name}", file=sys.stderr, flush=True)
        stages[name] = child(name, args.corpus, args.docs)
    add_ratios(stages)
    report = {
        "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "corpus": str(args.corpus),
        "docs": len(docs),
        "chars": sum(len(d["text"]) for d in docs),
        "note": "texts are the corpus replicated verbatim; docs/cpu-s is per core (one process per stage)",
        "stages": stages,
        "target": verdict(stages),
    }
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(report)
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
