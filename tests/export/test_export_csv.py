"""ACLED-style and UCDP GED-style CSV: columns, dtypes in pandas, figures traced to claims."""

from __future__ import annotations

import io
import itertools
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import select

from marsad.export import Options, export
from marsad.export.acled import ACLED_COLUMNS, COLUMNS as ACLED_ALL
from marsad.export.ged import COLUMNS as GED_ALL, GED_COLUMNS, ged_id
from marsad.export.store_record import StoreRecord
from marsad.store.schema import claims

ACLED_NAMES = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1 "
    "inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country admin1 admin2 admin3 "
    "location latitude longitude geo_precision source source_scale notes fatalities tags timestamp"
).split()


def _csv(fmt: str, record: Any, **opts: Any) -> pd.DataFrame:
    buf = io.BytesIO()
    export(fmt, record, buf, opts=Options(default_country="SY", **opts))
    buf.seek(0)
    return pd.read_csv(buf, keep_default_na=True)


def test_acled_columns_are_acleds_in_order_then_extras(small_record: Any) -> None:
    df = _csv("acled-csv", small_record)
    assert list(ACLED_COLUMNS) == ACLED_NAMES
    assert list(df.columns) == ACLED_NAMES + ["fatalities_low", "fatalities_high", "confidence_grade", "claim_ids"]
    assert len(df) == 3


def test_acled_rows_from_model_objects(small_record: Any) -> None:
    df = _csv("acled-csv", small_record).set_index("event_id_cnty")
    strike = df.loc["SYR-ev-a"]
    assert strike["actor1"] == "Military Forces of Russia" and strike["inter1"] == 8
    assert strike["interaction"] == 80 and strike["inter2"] == 0
    assert strike["iso"] == 760 and strike["country"] == "Syria" and strike["region"] == "Middle East"
    assert strike["admin1"] == "Aleppo" and strike["admin2"] == "Jebel Saman"
    assert (strike["fatalities"], strike["fatalities_low"], strike["fatalities_high"]) == (9, 7, 12)
    assert strike["source"] == "Syrian Observatory for Human Rights; Syrian state media"
    assert strike["disorder_type"] == "Political violence" and strike["time_precision"] == 1
    clash = df.loc["SYR-ev-b"]
    assert (clash["inter1"], clash["inter2"], clash["interaction"]) == (2, 1, 12)
    assert clash["time_precision"] == 2  # a four-day span
    unlocated = df.loc["SYR-ev-c"]
    assert unlocated["actor1"] == "Unidentified Armed Group (Syria)" and unlocated["fatalities"] == 0
    assert pd.isna(unlocated["latitude"]) and unlocated["claim_ids"] == "6"


def test_ged_deaths_by_side_from_party_figures(small_record: Any) -> None:
    raw = _csv("ged-csv", small_record)
    assert list(GED_COLUMNS)[:4] == ["id", "relid", "year", "active_year"]
    assert list(raw.columns) == list(GED_ALL)
    df = raw.set_index("relid")
    strike = df.loc["ev-a"]
    # one-sided: the civilians' figure counts; the "all" total is not added to it
    assert strike["type_of_violence"] == 3 and strike["side_b"] == "Civilians"
    assert (strike["deaths_civilians"], strike["deaths_unknown"], strike["best"], strike["low"], strike["high"]) == (6, 0, 6, 6, 9)
    assert strike["claim_ids"] == "2" and strike["id"] == ged_id("ev-a")
    assert strike["source_article"] == "AFP, 2025-03-04, Strike on a market"
    clash = df.loc["ev-b"]
    # state-based: side A is the government, its 3 dead are deaths_a; HTS's 2 are deaths_b
    assert clash["type_of_violence"] == 1 and clash["side_a"] == "Military Forces of Syria" and clash["side_b"] == "Hayat Tahrir al-Sham"
    assert (clash["deaths_a"], clash["deaths_b"], clash["best"]) == (3, 2, 5)
    assert clash["date_prec"] == 2 and clash["date_start"] == "2025-03-01"


# ---------------------------------------------------------------- the dev set, fused in a store


def _stated(fact: dict[str, Any]) -> set[int]:
    return {v for k in ("count", "low", "high", "fatalities") if isinstance(v := fact.get(k), int)}


def _facts(store: Any, ids: list[int]) -> dict[int, dict[str, Any]]:
    with store.engine.connect() as conn:
        return {r.id: r.fact for r in conn.execute(select(claims.c.id, claims.c.fact).where(claims.c.id.in_(ids)))}


def _sums(values: list[int]) -> set[int]:
    out = set()
    for n in range(1, min(len(values), 6) + 1):
        out |= {sum(c) for c in itertools.combinations(values, n)}
    return out


def _ids(cell: Any) -> list[int]:
    return [int(x) for x in str(cell).split(";")] if not pd.isna(cell) and str(cell) else []


@pytest.fixture(scope="module")
def dev_frames(dev_store: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    record = StoreRecord(dev_store.engine, store=dev_store, chunk=7)  # small chunks: the paging is exercised
    return _csv("acled-csv", record), _csv("ged-csv", record)


def test_dev_acled_loads_with_expected_dtypes(dev_frames: tuple[pd.DataFrame, pd.DataFrame], dev_store: Any) -> None:
    acled, _ = dev_frames
    assert list(acled.columns) == list(ACLED_ALL)
    with dev_store.engine.connect() as conn:
        from marsad.store.schema import events

        n_events = len(conn.execute(select(events.c.id)).all())
    assert len(acled) == n_events > 20
    for col in ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "fatalities", "timestamp"):
        assert acled[col].dtype == "int64", col
    for col in ("latitude", "longitude"):
        assert acled[col].dtype == "float64", col
    assert pd.to_datetime(acled["event_date"]).notna().all()
    assert acled["event_id_cnty"].is_unique
    assert set(acled["confidence_grade"]) <= {"confirmed", "fair", "weak", "contested", "discounted"}


def test_dev_acled_fatalities_trace_to_claims(dev_frames: tuple[pd.DataFrame, pd.DataFrame], dev_store: Any) -> None:
    acled, _ = dev_frames
    checked = 0
    for _, row in acled[acled["fatalities"] > 0].iterrows():
        ids = _ids(row["claim_ids"])
        facts = _facts(dev_store, ids)
        stated = sorted(v for f in facts.values() for v in _stated(f))
        assert row["fatalities"] in _sums(stated), (row["event_id_cnty"], row["fatalities"], stated)
        checked += 1
    assert checked >= 5


def test_dev_ged_deaths_trace_to_claims(dev_frames: tuple[pd.DataFrame, pd.DataFrame], dev_store: Any) -> None:
    _, ged = dev_frames
    assert list(ged.columns) == list(GED_ALL)
    for col in ("id", "year", "type_of_violence", "where_prec", "date_prec", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low"):
        assert ged[col].dtype == "int64", col
    assert (ged["best"] == ged[["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"]].sum(axis=1)).all()
    assert ((ged["low"] <= ged["best"]) & (ged["best"] <= ged["high"])).all()
    checked = 0
    for _, row in ged[ged["best"] > 0].iterrows():
        facts = _facts(dev_store, _ids(row["claim_ids"]))
        stated = sorted(v for f in facts.values() for v in _stated(f))
        for col in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"):
            if row[col]:
                assert row[col] in _sums(stated), (row["relid"], col, row[col], stated)
                checked += 1
    assert checked >= 5
