"""Fusion through the store, on SQLite and PostgreSQL (``db_url`` from tests/conftest.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import pytest
from sqlalchemy import update

from fuse_helpers import ALEPPO, IDLIB, control, day, killed, strike
from marsad.errors import InputError
from marsad.fuse.persist import (
    control_json,
    events_json,
    explain_json,
    fuse_store,
    ledger_json,
    merge_events,
    split_event,
)
from marsad.model import ContestedBy, Document
from marsad.store import Store
from marsad.store.schema import claims

BODIES = {
    "r1": (
        "Warplanes struck a crowded vegetable market in the east of the city on Sunday morning, "
        "killing five civilians and wounding more than twenty, a monitoring group said. Rescue "
        "teams searched the rubble through the afternoon as families gathered outside the hospital."
    ),
    "r2": (
        "Opposition fighters entered the northern districts of the city after days of clashes and "
        "said they now controlled most of it, while the army said its forces had repelled the attack "
        "and regained positions near the airport on the southern edge."
    ),
    "r3": (
        "A second monitor said the number of civilians killed since the offensive began had reached "
        "forty, up from the thirty-one it reported two days earlier, and warned of shortages of fuel "
        "and flour in the besieged neighbourhoods of the old city."
    ),
}
PUB = "2024-12-01"
SINCE = dt.date(2024, 11, 27)


def _claims(doc_key: str, source_of_outlet: str) -> list:
    if doc_key == "r1":
        return [
            strike("sohr", PUB, evidence="Warplanes struck a crowded vegetable market"),
            killed("sohr", PUB, 5, perpetrator="russia-military"),
        ]
    if doc_key == "r2":
        return [
            control("sohr", PUB, "hts", extent="most", with_=["opposition"],
                    contested_by=[ContestedBy("syria-military-statement", "repelled the attack")]),
            control("syria-military-statement", PUB, "syria-military", extent="part"),
        ]
    return [killed(source_of_outlet, PUB, 40, place=None, cumulative=True, since=SINCE)]


def _ingest(store: Store, suffix: str = "", header: str = "") -> dict[str, int]:
    ids = {}
    for key, body in BODIES.items():
        text = header + body
        doc = Document(text=text, id=key + suffix, lang="en", published=dt.date(2024, 12, 1),
                       outlet=f"outlet{suffix}", content_hash=hashlib.sha256(text.encode()).hexdigest())
        row, _ = store.add_document(doc)
        store.save_claims(row, _claims(key, "monitor" + suffix))
        ids[key] = row
    return ids


def _figures(store: Store) -> tuple:
    led = ledger_json(store)
    return (
        sorted((f["party"], f["best"], f["source"]) for f in led["running"]),
        sorted((f["party"], f["best"]) for f in led["totals"]),
    )


def test_fuse_store_events_ledger_control(store: Store) -> None:
    _ingest(store)
    fusion = fuse_store(store, cross_language="facts")
    assert fusion.summary()["events"] == 1
    [event] = events_json(store)
    assert event["sub_type"] == "Air/drone strike" and event["grade"] == "weak"
    assert len(event["claim_ids"]) == 2 and event["fatalities"]["best"] == 5
    assert _figures(store) == ([("civilian", 40, "monitor")], [("civilian", 5)])
    aleppo = control_json(store, "aleppo", at=dt.date(2024, 12, 1))
    assert aleppo["holding"]["actor"] == "hts"
    assert {c["source"] for c in aleppo["holding"]["contested"]} == {"syria-military-statement"}
    explained = explain_json(store, event["id"])
    assert [line["action"] for line in explained["log"]] == ["create", "merge"]
    assert explained["event"]["claims"][0]["evidence"]
    with pytest.raises(InputError, match="no control claims for 'Homs'"):
        control_json(store, "Homs")


def test_reheaded_copies_change_neither_events_nor_ledger(store: Store) -> None:
    _ingest(store)
    fuse_store(store, cross_language="off")
    before_events = sorted(e["id"] for e in events_json(store))
    before = _figures(store)
    _ingest(store, suffix="-copy", header="Another Outlet | ")
    fusion = fuse_store(store, cross_language="off")
    assert fusion.summary()["duplicate_groups"] == 3
    assert sorted(e["id"] for e in events_json(store)) == before_events
    assert _figures(store) == before
    [event] = events_json(store)
    assert event["grade"] == "weak"  # copies are not confirmation
    assert len(event["claim_ids"]) == 4


def test_ids_stable_and_manual_decisions_survive_refusion(store: Store) -> None:
    ids = _ingest(store)
    extra = Document(text="A separate report of a strike on Idlib the same day.", id="r4", lang="en",
                     published=dt.date(2024, 12, 1), content_hash="f" * 64)
    row, _ = store.add_document(extra)
    store.save_claims(row, [strike("white-helmets", PUB, place=IDLIB)])
    fuse_store(store)
    first = {e["id"]: e for e in events_json(store)}
    assert len(first) == 2
    fuse_store(store)
    assert set(first) == {e["id"] for e in events_json(store)}

    aleppo_id = next(i for i, e in first.items() if e["place"]["name"] == "Aleppo")
    idlib_id = next(i for i in first if i != aleppo_id)
    merge_events(store, aleppo_id, idlib_id)
    fuse_store(store)
    merged = events_json(store)
    assert [e["id"] for e in merged] == [aleppo_id] and len(merged[0]["claim_ids"]) == 3

    casualty = next(c for c in merged[0]["claims"] if c["kind"] == "casualties")["claim_id"]
    split_event(store, aleppo_id, casualty)
    fuse_store(store)
    after = {e["id"]: e for e in events_json(store)}
    assert len(after) == 2 and casualty not in after[aleppo_id]["claim_ids"]
    log = explain_json(store, aleppo_id)["log"]
    assert any(line["manual"] and line["action"] == "manual-merge" for line in log)
    assert any(line["manual"] and line["action"] == "manual-split" for line in log)
    assert ids


def test_retraction_discounts_after_refusion(store: Store) -> None:
    ids = _ingest(store)
    fuse_store(store)
    with store.transaction() as conn:
        conn.execute(update(claims).where(claims.c.document_id == ids["r1"]).values(status="retracted"))
    fuse_store(store)
    [event] = events_json(store)
    assert event["grade"] == "discounted"
    assert _figures(store)[1] == []
