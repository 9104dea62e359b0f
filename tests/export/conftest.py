"""Fixtures of the export tests: a small record of model objects, and the dev set fused in a store.

``dev_store`` ingests ``shared/eval/dev/docs.jsonl``, saves its gold facts as the
claims (so exports are tested on the real store and fusion, independent of the
extractor's accuracy) and runs fusion; skipped when the shared folder is absent.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.export import Admin, Article, ClaimItem, EventItem, MemoryRecord, PartyFigure
from marsad.model import CasualtyClaim, ContestedBy, ControlChange, DateRange, Document, Event, EventClaim, LedgerEntry, Place, claim_from_fact

DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"
DAY = dt.date(2025, 3, 4)

ALEPPO = Place("Aleppo", "city", 170063, 36.20124, 37.16117, id="170063")
SARAQIB = Place("Saraqib", "city", 164816, 35.86403, 36.80621, id="164816")


def small_items() -> list[EventItem]:
    """Three events written for these tests: a strike with civilian and army deaths, a clash, an unlocated one."""
    strike = Event(
        id="ev-a", event_type="Explosions/Remote violence", sub_type="Air/drone strike",
        date=DateRange.day(DAY), place=ALEPPO, actor1="russia-military", actor2=None,
        fatalities_low=7, fatalities_best=9, fatalities_high=12, grade="fair",
        claim_ids=[1, 2, 3], sources=["sohr", "state-media"],
    )  # fmt: skip
    clash = Event(
        id="ev-b", event_type="Battles", sub_type="Armed clash",
        date=DateRange(DAY - dt.timedelta(days=3), DAY, "span"), place=SARAQIB, actor1="hts", actor2="syria-military",
        fatalities_low=5, fatalities_best=5, fatalities_high=5, grade="weak", claim_ids=[4, 5], sources=["sohr"],
    )  # fmt: skip
    lost = Event(
        id="ev-c", event_type="Strategic developments", sub_type="Arrests", date=None, place=None,
        actor1=None, actor2=None, grade="weak", claim_ids=[6], sources=["afp"],
    )  # fmt: skip
    return [
        EventItem(
            strike,
            [PartyFigure("civilian", 6, 6, 9, None, [2], ["sohr"]), PartyFigure("all", 9, 9, 9, None, [1], ["state-media"])],
            Admin("SY", "Aleppo", "Jebel Saman"),
            [Article("AFP", DAY, "Strike on a market", None)],
            dt.datetime(2025, 3, 4, 12, 0, tzinfo=dt.timezone.utc),
        ),
        EventItem(clash, [PartyFigure("state", 3, 3, 3, "syria-military", [4], ["sohr"]), PartyFigure("nonstate", 2, 2, 2, "hts", [5], ["sohr"])]),
        EventItem(lost),
    ]


def small_claims() -> list[ClaimItem]:
    c1 = CasualtyClaim(source="state-media", date=DateRange.day(DAY), place=ALEPPO, count=9, party="all", evidence="killed nine")
    c2 = CasualtyClaim(source="sohr", date=DateRange.day(DAY), place=ALEPPO, count=6, high=9, party="civilian", evidence="six civilians")
    c3 = EventClaim(source="sohr", date=DateRange.day(DAY), place=ALEPPO, event_type="Explosions/Remote violence", sub_type="Air/drone strike", actor1="russia-military", fatalities=9, evidence="غارة روسية")
    return [ClaimItem(1, 10, "active", c1), ClaimItem(2, 11, "active", c2), ClaimItem(3, 11, "active", c3)]


def small_ledger() -> list[LedgerEntry]:
    return [
        LedgerEntry("civilian", "killed", 6, 6, 9, False, "sohr", ALEPPO, DateRange.day(DAY), None, [2]),
        LedgerEntry("state", "killed", 3, 3, 3, False, "sohr", SARAQIB, DateRange.day(DAY), None, [4]),
        LedgerEntry("civilian", "killed", 40, 40, 40, True, "sohr", None, DateRange.day(DAY), DAY - dt.timedelta(days=5), [7]),
    ]


def small_control() -> list[ControlChange]:
    return [
        ControlChange(SARAQIB, DateRange.day(DAY), "hts", "gained", "sohr", from_actor="syria-military", with_=["opposition"],
                      contested_by=[ContestedBy("syria-military-statement", "repelled")], claim_id=8),
        ControlChange(Place("Nowhere", "city"), DateRange.day(DAY), "sna", "held", "afp", claim_id=9),
    ]


@pytest.fixture(scope="session")
def arabic_font() -> str:
    """The installed font with Arabic glyphs; the test is skipped without one (.ci/run installs fonts-noto-core)."""
    from marsad.export.arabic import FontMissing, arabic_font as find

    try:
        return find()
    except FontMissing:
        pytest.skip("no Arabic font installed (.ci/run installs fonts-noto-core)")


@pytest.fixture
def small_record() -> MemoryRecord:
    return MemoryRecord(events=small_items(), claims=small_claims(), ledger=small_ledger(), control=small_control())


@pytest.fixture(scope="session")
def dev_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    if not (DEV / "docs.jsonl").is_file() or not (DEV / "gold.jsonl").is_file():
        pytest.skip(f"the dev set is not at {DEV}")
    from marsad.fuse.persist import fuse_store
    from marsad.ingest.text import content_hash
    from marsad.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'dev.db'}"
    store = open_store(url)
    row_of: dict[str, int] = {}
    for line in (DEV / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        published = dt.date.fromisoformat(d["published"]) if d.get("published") else None
        doc = Document(text=d["text"], id=d["id"], lang=d.get("lang"), published=published, outlet=d.get("outlet"), url=d.get("url"), title=d.get("title"), content_hash=content_hash(d["text"]))
        row_of[d["id"]] = store.add_document(doc)[0]
    for line in (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        store.save_claims(row_of[g["doc_id"]], [claim_from_fact(f) for f in g["facts"]])
    fuse_store(store, cross_language="off")
    yield store
    store.close()
