"""Fixtures: a seeded SQLite store (``apiseed``), an app over it, keys with roles."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from apiseed import seed_store  # noqa: E402



def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture(scope="module")
def seeded_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'marsad.db'}"
    seed_store(url)
    return url


@pytest.fixture(scope="module")
def app(seeded_url: str):
    from marsad.api import create_app

    return create_app(seeded_url)


@pytest.fixture(scope="module")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def keys(app) -> dict[str, str]:
    from marsad.api.auth import ROLES, create_key

    return {role: create_key(app.state.engine, role, f"test {role}") for role in ROLES}
