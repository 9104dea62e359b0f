"""Geoparser throughput and place recall beside ``flashgeotext`` on the same texts.

Run: ``.venv/bin/python benchmarks/bench_geo.py [N_DOCS]``. Texts: the dev set
(shared/eval/dev/docs.jsonl) and a synthetic set of N_DOCS (default 2,000) documents made
by recombining the dev documents' paragraphs (seeded, same language per document).
Gazetteer: built-in plus the OCHA/OpenSyria tables of shared/data imported into a
temporary SQLite store (skipped when absent). flashgeotext gets the *same* names (every
name of every gazetteer entry, one lookup per script) so the comparison is of the
matchers, not the data. Both run in the same process, interleaved in chunks.
Recall is against the gold places of the dev set (``marsad.geo.recall``). A set of at most
100 documents gets one untimed pass first (both matchers), so that it times matching, not
the first fill of the caches.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev"
DATA = SHARED / "data"
CHUNK = 100
WARM_UP_UP_TO = 100


def dev_docs() -> list[dict[str, Any]]:
    path = DEV / "docs.jsonl"
    if not path.exists():
        return [{"id": "x", "lang": "ar", "text": "قصفت الطائرات مدينة حلب وبلدة سراقب في ريف إدلب."}]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def synthetic(docs: list[dict[str, Any]], n: int, seed: int = 5) -> list[str]:
    """``n`` documents recombined from the dev paragraphs (3–8 paragraphs, one language each)."""
    rng = random.Random(seed)
    paras: dict[str, list[str]] = {}
    for d in docs:
        paras.setdefault(d["lang"], []).extend(p for p in d["text"].split("\n") if len(p) > 40)
    langs = sorted(paras)
    out = []
    for i in range(n):
        pool = paras[langs[i % len(langs)]]
        out.append("\n".join(rng.choice(pool) for _ in range(rng.randint(3, 8))))
    return out


_GAZ: dict[str, Any] = {}


def _gazetteer() -> Any:
    """Built-in + imported gazetteer (imported once per process into a temp SQLite store)."""
    if "gaz" not in _GAZ:
        from marsad.geo.gazetteer import Gazetteer

        if (DATA / "syr_admin_180627.xlsx").exists():
            from marsad.geo.importer import import_paths

            tmp = Path(tempfile.mkdtemp()) / "places.db"
            paths = [DATA / "syr_admin_180627.xlsx"] + ([DATA / "open-syria"] if (DATA / "open-syria").exists() else [])
            import_paths(paths, f"sqlite:///{tmp}")
            _GAZ["gaz"] = Gazetteer.load(f"sqlite:///{tmp}")
        else:
            _GAZ["gaz"] = Gazetteer.builtin()
    return _GAZ["gaz"]


def _flash(gaz: Any) -> Any:
    """flashgeotext loaded with every name of the same gazetteer (Arabic and Latin lookups)."""
    if "flash" not in _GAZ:
        from flashgeotext.geotext import GeoText, GeoTextConfiguration
        from flashgeotext.lookup import LookupData

        from marsad.geo.keys import is_arabic

        ar: dict[str, list[str]] = {}
        en: dict[str, list[str]] = {}
        for e in gaz.entries.values():
            for name, _lang in e.names:
                (ar if is_arabic(name) else en).setdefault(e.id, []).append(name)
        geo = GeoText(GeoTextConfiguration(use_demo_data=False, case_sensitive=False))
        geo.add(LookupData(name="ar", data=ar, script="arabic"), case_sensitive=False)
        geo.add(LookupData(name="en", data=en), case_sensitive=False)
        _GAZ["flash"] = geo
    return _GAZ["flash"]


def _flash_mentions(result: dict[str, Any], gaz: Any) -> list[Any]:
    from marsad.lang.analysis import PlaceMention

    out = []
    for lookup in result.values():
        for pid, info in lookup.items():
            e = gaz.get(pid)
            if e is not None:
                for start, end in info.get("span_info", []):
                    out.append(PlaceMention(text="", start=start, end=end, place=e.to_place(1)))
    return out


def run(texts: list[str]) -> dict[str, Any]:
    """docs/s of ``geoparse`` and of flashgeotext on ``texts``; recall when they are dev texts."""
    from marsad.geo.keys import is_arabic
    from marsad.geo.parser import geoparse
    from marsad.geo.recall import load_dev, place_recall
    from marsad.lang.analysis import Analysis

    gaz = _gazetteer()
    flash = _flash(gaz)
    analyses = [Analysis(text=t, lang="ar" if is_arabic(t[:400]) else "en") for t in texts]
    # one untimed pass on a small set (both matchers): 18 dev documents would otherwise time
    # little but the filling of the word cache, which a running system has long filled
    for k, a in enumerate(analyses[:WARM_UP_UP_TO] if len(analyses) <= WARM_UP_UP_TO else analyses[:1]):
        geoparse(a, gaz)
        flash.extract(texts[k])
    ours_s = flash_s = 0.0
    ours: list[list[Any]] = []
    theirs: list[list[Any]] = []
    for i in range(0, len(texts), CHUNK):
        t0 = time.perf_counter()
        ours.extend(geoparse(a, gaz) for a in analyses[i:i + CHUNK])
        t1 = time.perf_counter()
        theirs.extend(_flash_mentions(flash.extract(t), gaz) for t in texts[i:i + CHUNK])
        ours_s += t1 - t0
        flash_s += time.perf_counter() - t1
    out: dict[str, Any] = {
        "docs": len(texts),
        "marsad_docs_per_s": round(len(texts) / ours_s, 1),
        "flashgeotext_docs_per_s": round(len(texts) / flash_s, 1),
        "speed_ratio_vs_flashgeotext": round(flash_s / ours_s, 2),
        "marsad_mentions": sum(map(len, ours)),
        "flashgeotext_mentions": sum(map(len, theirs)),
    }
    if (DEV / "gold.jsonl").exists():
        pairs = load_dev(DEV)
        by_text = {d["text"]: d["id"] for d, _ in pairs}
        if all(t in by_text for t in texts):
            mine = {by_text[t]: m for t, m in zip(texts, ours)}
            flashes = {by_text[t]: m for t, m in zip(texts, theirs)}
            out["marsad_recall"] = round(place_recall(pairs, mine, gaz)["recall"], 3)
            out["flashgeotext_recall"] = round(place_recall(pairs, flashes, gaz)["recall"], 3)
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    docs = dev_docs()
    t0 = time.perf_counter()
    _flash(_gazetteer())
    print(f"setup (gazetteer load/import + flashgeotext build): {time.perf_counter() - t0:.1f} s; "
          f"{len(_gazetteer())} places")
    print("dev set:", json.dumps(run([d["text"] for d in docs])))
    print(f"synthetic ({n} docs):", json.dumps(run(synthetic(docs, n))))


if __name__ == "__main__":
    main()
