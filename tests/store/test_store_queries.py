"""The store's query API, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.errors import ConfigError, StoreError
from marsad.model import CasualtyClaim, ControlClaim, DateRange, Document, Place, Span
from marsad.store import KeyConflict, Store, make_engine, open_store


def _doc(text: str, **fields) -> Document:
    return Document(text=text, content_hash=f"hash-of-{text}", **fields)


def test_raw_bytes_are_kept_once_per_content(store: Store) -> None:
    first = store.add_raw(b"\x00\xffraw bytes", origin="a.txt", media_type="txt")
    again = store.add_raw(b"\x00\xffraw bytes", origin="b.txt", media_type="txt")
    assert first.new and not again.new and first.id == again.id
    assert store.get_raw(first.id) == b"\x00\xffraw bytes"


def test_add_document_is_idempotent_on_the_content_hash(store: Store) -> None:
    doc_id, created = store.add_document(_doc("قتل خمسة مدنيين", lang="ar"))
    again_id, again_created = store.add_document(_doc("قتل خمسة مدنيين", lang="ar"))
    assert created and not again_created and doc_id == again_id
    assert store.count_documents() == 1


def test_a_duplicate_fills_what_the_stored_document_lacks(store: Store) -> None:
    doc_id, _ = store.add_document(_doc("Shelling hit Saraqib.", lang="en"))
    store.add_document(_doc("Shelling hit Saraqib.", id="wire-7", published=dt.date(2024, 12, 1), outlet="Levant Wire"))
    stored = store.get_document(doc_id)
    assert stored is not None
    assert (stored.key, stored.document.published, stored.document.outlet) == ("wire-7", dt.date(2024, 12, 1), "Levant Wire")
    assert store.get_document("wire-7") == stored


def test_a_given_id_taken_by_other_text_is_a_conflict(store: Store) -> None:
    store.add_document(_doc("first text", id="doc-1"))
    with pytest.raises(KeyConflict, match="'doc-1' is already used by document #1"):
        store.add_document(_doc("second text", id="doc-1"))


def test_documents_are_listed_and_counted(store: Store) -> None:
    store.add_document(_doc("نص عربي", lang="ar"), locator="line 1", origin="x.jsonl", media_type="jsonl")
    store.add_document(_doc("English text", lang="en"))
    assert [d.document.text for d in store.iter_documents(lang="ar")] == ["نص عربي"]
    first = next(store.iter_documents())
    assert (first.locator, first.origin, first.media_type) == ("line 1", "x.jsonl", "jsonl")
    assert store.count_documents() == 2
    assert store.get_document(999) is None


def test_quarantine_keeps_one_note_per_input_and_reason(store: Store) -> None:
    raw = store.add_raw(b"{broken", origin="bad.json")
    first = store.add_quarantine("invalid JSON", raw_id=raw.id, origin="bad.json")
    assert store.add_quarantine("invalid JSON", raw_id=raw.id, origin="bad.json") == first
    store.add_quarantine("the file vanished before it could be read", origin="gone.txt")
    items = list(store.iter_quarantine())
    assert [(q.reason, q.raw_id, q.locator) for q in items] == [
        ("invalid JSON", raw.id, ""),
        ("the file vanished before it could be read", None, ""),
    ]
    assert store.count_quarantine() == 2


def test_claims_round_trip_through_the_fact(store: Store) -> None:
    doc_id, _ = store.add_document(_doc("قتل خمسة مدنيين في أريحا"))
    killed = CasualtyClaim(
        source="sohr",
        date=DateRange.day(dt.date(2024, 12, 2)),
        place=Place("Ariha", level="city", geonameid=172503, lat=35.81, lon=36.61),
        evidence="قتل خمسة مدنيين",
        span=Span(0, 15),
        count=5,
        party="civilian",
    )
    held = ControlClaim(source="army", actor="hts", change="gained", evidence="سيطرت")
    ids = store.save_claims(doc_id, [killed, held])
    stored = list(store.iter_claims(document_id=doc_id))
    assert [s.id for s in stored] == ids
    assert [s.claim.to_fact() for s in stored] == [killed.to_fact(), held.to_fact()]
    assert [s.claim.kind for s in store.iter_claims(kind="control")] == ["control"]
    store.save_claims(doc_id, [held])  # re-extraction replaces, never adds
    assert [s.claim.kind for s in store.iter_claims()] == ["control"]


def test_claim_columns_copy_the_fact_for_queries(store: Store) -> None:
    from sqlalchemy import select

    from marsad.store.schema import claims

    doc_id, _ = store.add_document(_doc("text"))
    claim = CasualtyClaim(
        source="sohr",
        date=DateRange.parse({"from": "2024-12-01", "to": "2024-12-02"}),
        place=Place("Ariha", geonameid=172503, lat=35.81, lon=36.61),
        span=Span(3, 9),
        evidence="quoted",
    )
    store.save_claims(doc_id, [claim])
    with store.engine.connect() as conn:
        row = conn.execute(select(claims)).one()
    assert (row.kind, row.source, row.date_from, row.date_to) == ("casualties", "sohr", dt.date(2024, 12, 1), dt.date(2024, 12, 2))
    assert (row.place_name, row.place_id, row.span_start, row.span_end, row.evidence) == ("Ariha", "172503", 3, 9, "quoted")


def test_deleting_a_document_deletes_its_claims(store: Store) -> None:
    from sqlalchemy import delete

    from marsad.store.schema import documents

    doc_id, _ = store.add_document(_doc("text"))
    store.save_claims(doc_id, [ControlClaim(source="army")])
    with store.engine.begin() as conn:
        conn.execute(delete(documents).where(documents.c.id == doc_id))
    assert list(store.iter_claims()) == []


def test_a_transaction_groups_calls_and_rolls_back_together(store: Store) -> None:
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_document(_doc("kept only if the block ends well"))
            raise RuntimeError("boom")
    assert store.count_documents() == 0


def test_an_unopenable_database_is_one_clear_error(tmp_path) -> None:
    with pytest.raises(StoreError, match=r"cannot open the database sqlite:///.*/missing/x\.db: .*check --db"):
        open_store(f"sqlite:///{tmp_path}/missing/x.db")


def test_an_unreachable_server_is_one_clear_error() -> None:
    with pytest.raises(StoreError, match=r"cannot open the database postgresql\+psycopg://u:\*\*\*@127\.0\.0\.1:9/x"):
        open_store("postgresql://u:secret@127.0.0.1:9/x")


def test_urls_are_checked_and_postgresql_means_psycopg() -> None:
    assert make_engine("postgresql://u@h/db").url.drivername == "postgresql+psycopg"
    with pytest.raises(ConfigError, match="is not a database URL"):
        make_engine("not a url")
    with pytest.raises(ConfigError, match="unsupported database 'mysql'"):
        make_engine("mysql://u@h/db")
