"""Arabic ``analyze`` throughput beside plain ``spacy.blank("ar")`` tokenization.

Run: ``.venv/bin/python benchmarks/bench_lang.py [N_DOCS]``. The dev texts
(shared/eval/dev/docs.jsonl, Arabic ones) are replicated to N_DOCS (default 2,000) and
both are timed in the same run, in interleaved chunks of 100 documents; the ratio is analyze time / tokenization time (target ≤ 3).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev" / "docs.jsonl"


def load_texts(n_docs: int = 2000, path: Path = DEV) -> list[str]:
    """Arabic dev texts replicated to ``n_docs`` (a few bundled sentences if the file is absent)."""
    texts: list[str] = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            if doc.get("lang") == "ar":
                texts.append(doc["text"])
    if not texts:
        texts = ["قال المرصد اليوم السبت إن 311 شخصاً قتلوا منذ يوم الأربعاء، بينهم أربعة مدنيين."]
    return [texts[i % len(texts)] for i in range(n_docs)]


def run(texts: list[str]) -> dict[str, float]:
    """Time spaCy blank tokenization and ``marsad.lang.analyze`` on the same texts."""
    import spacy

    from marsad.lang import analyze

    nlp = spacy.blank("ar")
    pub = dt.date(2024, 11, 30)
    analyze(texts[0], lang="ar", published=pub)  # build caches once
    # Interleave chunks so both sides see the same load on a shared machine.
    t_spacy = t_ours = 0.0
    spacy_tokens = our_tokens = 0
    for i in range(0, len(texts), 100):
        chunk = texts[i:i + 100]
        t0 = time.perf_counter()
        spacy_tokens += sum(len(nlp.tokenizer(t)) for t in chunk)
        t1 = time.perf_counter()
        for t in chunk:
            our_tokens += len(analyze(t, lang="ar", published=pub).tokens)
        t2 = time.perf_counter()
        t_spacy += t1 - t0
        t_ours += t2 - t1
    return {
        "docs": len(texts),
        "spacy_seconds": t_spacy,
        "spacy_docs_per_s": len(texts) / t_spacy,
        "spacy_tokens_per_s": spacy_tokens / t_spacy,
        "analyze_seconds": t_ours,
        "analyze_docs_per_s": len(texts) / t_ours,
        "analyze_tokens_per_s": our_tokens / t_ours,
        "ratio": t_ours / t_spacy,
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    r = run(load_texts(n))
    print(f"docs: {r['docs']}")
    print(f"spacy.blank('ar') tokenizer: {r['spacy_docs_per_s']:,.0f} docs/s  {r['spacy_tokens_per_s']:,.0f} tokens/s  ({r['spacy_seconds']:.2f} s)")
    print(f"marsad analyze (ar):         {r['analyze_docs_per_s']:,.0f} docs/s  {r['analyze_tokens_per_s']:,.0f} tokens/s  ({r['analyze_seconds']:.2f} s)")
    print(f"ratio analyze / tokenizer: {r['ratio']:.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
