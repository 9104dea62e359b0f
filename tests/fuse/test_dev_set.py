"""The dev set's gold facts as claims: re-headed copies of every report change nothing.

Reads shared/eval/dev at run time (skipped when absent); nothing from it is copied here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from marsad.fuse.records import ClaimRecord
from marsad.fuse.run import Fusion, fuse, ledger_of
from marsad.model import Document, claim_from_fact

DEV = Path("/work/shared/eval/dev")
# the actor id a text's unattributed facts carry: the outlet that published it
OUTLET_IDS = {"AFP": "afp", "France 24": "france24", "BBC": "bbc-arabic", "Sky News": "skynews-arabia",
              "Syrian Archive": "syrian-archive", "Wikipedia": "wikipedia"}

pytestmark = pytest.mark.skipif(not (DEV / "gold.jsonl").exists(), reason="shared/eval/dev not present")


def _load(copies: bool) -> tuple[list[Document], list[ClaimRecord]]:
    docs = [json.loads(line) for line in (DEV / "docs.jsonl").open(encoding="utf-8")]
    gold = {g["doc_id"]: g["facts"] for g in map(json.loads, (DEV / "gold.jsonl").open(encoding="utf-8"))}
    out_docs: list[Document] = []
    recs: list[ClaimRecord] = []
    n = 0
    for round_ in ((False, True) if copies else (False,)):
        for d in docs:
            published = dt.date.fromisoformat(d["published"][:10])
            outlet_id = next((v for k, v in OUTLET_IDS.items() if (d["outlet"] or "").startswith(k)), None)
            text, doc_id = d["text"], d["id"]
            if round_:
                text, doc_id = f"Other Outlet Wire Service | {text}\nRepublished with permission.", d["id"] + "-copy"
            out_docs.append(Document(text=text, id=doc_id, lang=d["lang"], published=published, outlet="Other" if round_ else d["outlet"]))
            for fact in gold.get(d["id"], []):
                if fact.get("optional"):
                    continue
                if round_ and fact["source"] == outlet_id:
                    fact = dict(fact, source="other-outlet")
                n += 1
                recs.append(ClaimRecord(n, claim_from_fact(fact), doc_id, published))
    return out_docs, recs


def _figures(f: Fusion) -> tuple:  # type: ignore[type-arg]
    led = ledger_of(f)
    return (
        sorted(str((x.entry.party, x.entry.outcome, x.entry.best, x.entry.source, x.entry.since)) for x in led.running),
        sorted(str((x.entry.party, x.entry.outcome, x.entry.low, x.entry.best, x.entry.high)) for x in led.totals),
    )


def test_reheaded_dev_set_leaves_events_and_ledger_unchanged() -> None:
    base = fuse(*_load(copies=False), cross_language="facts")
    both = fuse(*_load(copies=True), cross_language="facts")
    assert len(both.groups.members()) == len(base.groups.members())  # each copy joins its original's group
    assert len(both.events.events) == len(base.events.events)
    assert sorted(e.event.id for e in both.events.events) == sorted(e.event.id for e in base.events.events)
    assert sorted(e.event.grade for e in both.events.events) == sorted(e.event.grade for e in base.events.events)
    assert _figures(both) == _figures(base)


def test_dev_cross_language_pairs_are_grouped() -> None:
    f = fuse(*_load(copies=False), cross_language="facts")
    for stem in ("sa-heish", "sa-zardana", "sa-lataminah"):
        assert f.groups.group(f"{stem}-en") == f.groups.group(f"{stem}-ar")
