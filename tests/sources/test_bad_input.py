"""Bad reports get a 4xx with a clear message, and nothing is half-written."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from marsad.store.schema import claims, documents, raw_inputs, reports

TABLES = (raw_inputs, documents, reports, claims)


def _counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in TABLES}


def _body(field, **extra) -> dict:
    return {"source": field.src1, "text": "قصف مدفعي على أطراف دوما دون إصابات.", "lang": "ar"} | extra


CASES = [
    ("future date", {"date": "2999-01-01"}, 422, "date 2999-01-01 is in the future (today is {today})"),
    ("invalid date", {"date": "2024-13-45"}, 422,
     "date '2024-13-45' is not valid (not an ISO date: '2024-13-45'); use YYYY-MM-DD or {\"from\": …, \"to\": …}"),
    ("reversed span", {"date": {"from": "2024-12-05", "to": "2024-12-01"}}, 422, "date {'from': '2024-12-05', 'to': '2024-12-01'} is not valid (date span ends before it starts: {'from': '2024-12-05', 'to': '2024-12-01'}); use YYYY-MM-DD or {\"from\": …, \"to\": …}"),
    ("old date", {"date": "1066-10-14"}, 422, "date 1066-10-14 is before 1990-01-01; check the year"),
    ("unknown source", {"source": "SRC-000000000000"}, 404,
     "no source 'SRC-000000000000'; list sources with `marsad sources list` or GET /api/sources"),
    ("credibility", {"credibility": 9}, 422, "credibility 9 is not an Admiralty grade; use 1 (confirmed) to 6 (cannot be judged)"),
    ("outcome", {"counts": {"exploded": 2}}, 422, "counts: unknown outcome 'exploded'; use killed, injured, detained, missing, displaced"),
    ("negative count", {"counts": {"killed": -1}}, 422, "counts.killed must be a whole number from 0 to 1000000, got -1"),
    ("attachment", {"attachments": ["photo.jpg"]}, 422,
     "attachment 'photo.jpg' is not a SHA-256 (64 hex digits); send hashes, not files"),
    ("empty text", {"text": "   "}, 422, "text is empty; a report needs what the source saw, in Arabic or English"),
    ("unknown field", {"name": "x"}, 422, "name: Extra inputs are not permitted"),
    ("lang", {"lang": "fr"}, 422, "lang: Input should be 'ar' or 'en'"),
]


@pytest.mark.parametrize(("extra", "status", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_field_is_refused_and_nothing_written(field, extra, status, message) -> None:
    before = _counts(field.app.state.engine)
    r = field.client.post("/api/reports", json=_body(field, **extra), headers=field.h("handler1"))
    assert r.status_code == status, r.text
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert r.json()["error"]["message"] == message.replace("{today}", today)
    assert _counts(field.app.state.engine) == before


def test_oversized_wrong_type_and_broken_json(field) -> None:
    engine = field.app.state.engine
    before = _counts(engine)
    h = field.h("handler1")
    big = json.dumps(_body(field, text="ا" * 200_000)).encode()
    r = field.client.post("/api/reports", content=big, headers=h | {"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    assert r.json()["error"]["message"] == f"the body is {len(big)} bytes; a report may have at most 131072"
    r = field.client.post("/api/reports", content=b"source=SRC-1&text=hello",
                          headers=h | {"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415
    assert r.json()["error"]["message"] == "a report is sent as application/json, not application/x-www-form-urlencoded"
    r = field.client.post("/api/reports", content=b'{"source": "SRC-1", "text": ', headers=h | {"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]["message"] == "body: Invalid JSON: EOF while parsing a value at line 1 column 28"
    long_text = _body(field, text="و" * 20_001)
    r = field.client.post("/api/reports", json=long_text, headers=h)
    assert r.status_code == 422 and r.json()["error"]["message"] == "text is 20001 characters; a report may have at most 20000"
    assert _counts(engine) == before


def test_the_same_text_twice_is_a_conflict_and_the_second_writes_nothing(field) -> None:
    h = field.h("handler1")
    assert field.client.post("/api/reports", json=_body(field), headers=h).status_code == 201
    before = _counts(field.app.state.engine)
    r = field.client.post("/api/reports", json=_body(field, credibility=1), headers=h)
    assert r.status_code == 409 and "a report is filed once" in r.json()["error"]["message"]
    assert _counts(field.app.state.engine) == before


def test_without_a_key_is_401(field) -> None:
    r = field.client.post("/api/reports", json=_body(field))
    assert r.status_code == 401 and r.json()["error"]["message"] == "this endpoint needs an API key (header X-API-Key)"
