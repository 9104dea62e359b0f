"""`/api/export/{format}`: downloads with the API's filters and its error shape."""

from __future__ import annotations

import io
import json
from typing import Any

import feedparser
import pandas as pd
from fastapi.testclient import TestClient

from marsad.api.app import create_app


def _client(dev_store: Any) -> TestClient:
    return TestClient(create_app(engine=dev_store.engine))


def test_download_acled_csv_with_filters(dev_store: Any) -> None:
    r = _client(dev_store).get("/api/export/acled-csv", params={"from": "2024-11-30", "to": "2024-11-30"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    df = pd.read_csv(io.StringIO(r.text))
    assert len(df) > 0 and "claim_ids" in df.columns


def test_download_parquet_geojson_atom(dev_store: Any) -> None:
    client = _client(dev_store)
    pq = client.get("/api/export/parquet", params={"table": "ledger"})
    assert pq.status_code == 200 and len(pd.read_parquet(io.BytesIO(pq.content))) > 0
    geo = client.get("/api/export/geojson", params={"grade": "confirmed"})
    assert json.loads(geo.text)["type"] == "FeatureCollection"
    feed = feedparser.parse(client.get("/api/export/atom", params={"limit": 3, "lang": "ar"}).content)
    assert not feed.bozo and len(feed.entries) == 3


def test_unknown_format_is_a_4xx_in_the_api_error_shape(dev_store: Any) -> None:
    r = _client(dev_store).get("/api/export/shapefile")
    assert r.status_code == 422
    assert set(r.json()["error"]) >= {"code", "message"}
