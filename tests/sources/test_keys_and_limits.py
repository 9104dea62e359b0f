"""The secret key at start, the per-key rate limit, and the token bucket itself."""

from __future__ import annotations

import pytest

from marsad.errors import ConfigError


def test_start_fails_clearly_without_the_secret_key_once_sources_exist(field, db_url, monkeypatch) -> None:
    from marsad.api import create_app
    from marsad.sources.crypto import new_secret_key

    monkeypatch.delenv("MARSAD_SECRET_KEY")
    with pytest.raises(ConfigError) as err:
        create_app(db_url)
    assert str(err.value) == (
        "error[E300]: this store holds field sources, but MARSAD_SECRET_KEY is not set, so source identities "
        "cannot be encrypted or read; make one with `marsad sources keygen` and export it as MARSAD_SECRET_KEY")
    monkeypatch.setenv("MARSAD_SECRET_KEY", new_secret_key())
    with pytest.raises(ConfigError, match="MARSAD_SECRET_KEY does not decrypt the stored sources"):
        create_app(db_url)
    monkeypatch.setenv("MARSAD_SECRET_KEY", "not-a-key")
    with pytest.raises(ConfigError, match="MARSAD_SECRET_KEY is not a Fernet key"):
        create_app(db_url)


def test_an_empty_store_starts_without_a_key(tmp_path, monkeypatch) -> None:
    from marsad.api import create_app

    monkeypatch.delenv("MARSAD_SECRET_KEY", raising=False)
    app = create_app(f"sqlite:///{tmp_path / 'empty.db'}")
    from fastapi.testclient import TestClient

    from marsad.api.auth import create_key

    key = create_key(app.state.engine, "handler")
    with TestClient(app) as client:
        r = client.post("/api/sources", json={"identity": "Someone"}, headers={"X-API-Key": key})
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_configured"
    assert "Someone" not in r.text


def test_report_submission_is_rate_limited_per_key(field) -> None:
    from marsad.api.reports_routes import TokenBuckets

    field.app.state.report_buckets = TokenBuckets(capacity=2, period=3600)
    h1, h2 = field.h("handler1"), field.h("handler2")
    bad = {"source": "SRC-000000000000", "text": "x"}  # refused later, but still counted
    assert [field.client.post("/api/reports", json=bad, headers=h1).status_code for _ in range(3)] == [404, 404, 429]
    r = field.client.post("/api/reports", json=bad, headers=h1)
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    assert r.json()["error"]["code"] == "rate_limited"
    assert r.json()["error"]["message"].startswith("too many reports from this key; try again in ")
    assert field.client.post("/api/reports", json=bad, headers=h2).status_code == 404  # another key's bucket


def test_token_bucket_refills() -> None:
    from marsad.api.reports_routes import TokenBuckets

    bucket = TokenBuckets(capacity=1, period=1e-6)
    assert bucket.take(1) == 0.0
    assert bucket.take(1) == 0.0  # refilled at once at this rate
    slow = TokenBuckets(capacity=1, period=3600)
    assert slow.take(7) == 0.0 and 3500 < slow.take(7) <= 3600


@pytest.mark.parametrize("value", ["ten/60", "0/60", "5", "5/0"])
def test_rate_setting_must_be_n_per_seconds(value, monkeypatch) -> None:
    from marsad.api.reports_routes import TokenBuckets

    monkeypatch.setenv("MARSAD_REPORT_RATE", value)
    with pytest.raises(ConfigError, match=r"is not N/SECONDS \(e.g. 30/60\)"):
        TokenBuckets.from_settings()
