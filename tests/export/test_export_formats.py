"""GeoJSON against the RFC 7946 schema, Parquet round trips, the Atom feed through feedparser."""

from __future__ import annotations

import io
import json
from typing import Any

import feedparser
import jsonschema
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from marsad.export import FORMATS, Options, export
from marsad.export.geojson import SCHEMA_FILE
from marsad.export.parquet import claims_schema, events_schema, ledger_schema
from marsad.export.store_record import StoreRecord
from marsad.export.synthetic import synthetic_record


def _bytes(fmt: str, record: Any, **opts: Any) -> bytes:
    buf = io.BytesIO()
    export(fmt, record, buf, opts=Options(default_country="SY", **opts))
    return buf.getvalue()


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_registry_lists_the_five_formats() -> None:
    assert list(FORMATS) == ["acled-csv", "ged-csv", "geojson", "parquet", "atom"]


def test_geojson_validates_with_events_and_control(small_record: Any) -> None:
    doc = json.loads(_bytes("geojson", small_record))
    _validator().validate(doc)
    kinds = [f["properties"]["feature_kind"] for f in doc["features"]]
    assert kinds == ["event", "event", "event", "control", "control"]
    strike = doc["features"][0]
    assert strike["geometry"] == {"type": "Point", "coordinates": [37.16117, 36.20124]}  # lon, lat
    assert strike["properties"]["claim_ids"] == [1, 2, 3]
    assert doc["features"][2]["geometry"] is None  # an unlocated event is kept, without a point
    control = doc["features"][3]["properties"]
    assert control["contested_by"] == [{"source": "syria-military-statement", "claim": "repelled"}]


def test_geojson_schema_rejects_a_malformed_point() -> None:
    bad = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [200, 10]}, "properties": {}}]}
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(bad)
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate({"type": "FeatureCollection"})


def test_geojson_of_the_dev_set_validates(dev_store: Any) -> None:
    doc = json.loads(_bytes("geojson", StoreRecord(dev_store.engine, store=dev_store)))
    _validator().validate(doc)
    kinds = {f["properties"]["feature_kind"] for f in doc["features"]}
    assert kinds == {"event", "control"}


@pytest.mark.parametrize(("table", "schema"), [("events", events_schema), ("claims", claims_schema), ("ledger", ledger_schema)])
def test_parquet_round_trips_through_pandas_and_pyarrow(small_record: Any, table: str, schema: Any) -> None:
    data = _bytes("parquet", small_record, table=table)
    read = pq.read_table(io.BytesIO(data))
    assert read.schema.equals(schema(), check_metadata=False)
    df = read.to_pandas()
    back = pa.Table.from_pandas(df, schema=schema(), preserve_index=False)
    assert back.equals(read.cast(schema())), table
    buf = io.BytesIO()
    pq.write_table(back, buf)
    assert pq.read_table(io.BytesIO(buf.getvalue())).equals(read.cast(schema()))


def test_parquet_events_values(small_record: Any) -> None:
    df = pd.read_parquet(io.BytesIO(_bytes("parquet", small_record, table="events")))
    row = df.set_index("event_id").loc["ev-a"]
    assert list(row["claim_ids"]) == [1, 2, 3] and list(row["sources"]) == ["sohr", "state-media"]
    assert row["fatalities_best"] == 9 and str(row["date_start"]) == "2025-03-04" and row["country"] == "SY"


def test_parquet_writes_in_batches() -> None:
    data = _bytes("parquet", synthetic_record(2500), table="events", chunk_rows=1000)
    meta = pq.ParquetFile(io.BytesIO(data)).metadata
    assert meta.num_rows == 2500 and meta.num_row_groups == 3


def test_parquet_of_the_dev_set(dev_store: Any) -> None:
    record = StoreRecord(dev_store.engine, store=dev_store)
    for table in ("events", "claims", "ledger"):
        read = pq.read_table(io.BytesIO(_bytes("parquet", record, table=table)))
        assert read.num_rows > 10, table
        df = read.to_pandas()
        assert pa.Table.from_pandas(df, schema=read.schema, preserve_index=False).equals(read)


def test_atom_feed_parses(small_record: Any) -> None:
    feed = feedparser.parse(_bytes("atom", small_record, base_url="http://example.test"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and len(feed.entries) == 3
    first = feed.entries[0]
    assert first.id == "urn:marsad:event:ev-a"
    assert first.title == "Air/drone strike in Aleppo (2025-03-04)"
    assert first.link == "http://example.test/api/events/ev-a"
    assert first.updated == "2025-03-04T12:00:00Z"
    assert "Claims: 1, 2, 3" in first.summary


def test_atom_feed_in_arabic_with_a_limit(small_record: Any) -> None:
    feed = feedparser.parse(_bytes("atom", small_record, lang="ar", feed_limit=2))
    assert not feed.bozo and len(feed.entries) == 2
    assert feed.entries[0].title == "غارة جوية أو بمسيرة في Aleppo (2025-03-04)"
