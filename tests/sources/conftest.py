"""Fixtures: an app over a fresh store (SQLite and PostgreSQL), keys for each role, and two
sources each assigned to its own handler. The identities are made up for the tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fieldseed import CONTACT_1, CONTACT_2, IDENTITY_1, IDENTITY_2  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture
def secret(monkeypatch: pytest.MonkeyPatch) -> str:
    from marsad.sources.crypto import new_secret_key

    key = new_secret_key()
    monkeypatch.setenv("MARSAD_SECRET_KEY", key)
    return key


@dataclass
class Field:
    app: object
    client: object
    keys: dict[str, str]
    key_ids: dict[str, int]
    src1: str
    src2: str

    def h(self, role: str) -> dict[str, str]:
        return {"X-API-Key": self.keys[role]}


@pytest.fixture
def field(db_url: str, secret: str) -> Iterator[Field]:
    from fastapi.testclient import TestClient

    from marsad.api import create_app
    from marsad.api.auth import create_key, lookup_key

    app = create_app(db_url)
    engine = app.state.engine
    roles = {"reader": "reader", "analyst": "analyst", "admin": "admin", "handler1": "handler", "handler2": "handler"}
    keys = {name: create_key(engine, role, f"test {name}") for name, role in roles.items()}
    key_ids = {name: lookup_key(engine, key).key_id for name, key in keys.items()}
    with TestClient(app) as client:
        r1 = client.post("/api/sources", json={"identity": IDENTITY_1, "contact": CONTACT_1, "area": "Douma",
                                               "reliability": "B"}, headers={"X-API-Key": keys["handler1"]})
        r2 = client.post("/api/sources", json={"identity": IDENTITY_2, "contact": CONTACT_2, "area": "Idlib",
                                               "reliability": "C"}, headers={"X-API-Key": keys["handler2"]})
        assert r1.status_code == 201 and r2.status_code == 201, (r1.text, r2.text)
        yield Field(app, client, keys, key_ids, r1.json()["id"], r2.json()["id"])
    engine.dispose()
