"""Fixtures shared by the whole suite.

``db_url``
    A fresh, empty database URL, once per backend — a test that takes it runs twice:

    - ``sqlite``: a file in the test's tmp folder;
    - ``postgres``: a schema of its own (``marsad_test_<run>_<test>``) on the server at
      ``MARSAD_TEST_DATABASE_URL`` (default ``postgresql+psycopg://postgres@127.0.0.1:5432/test``),
      selected through ``options=-csearch_path=…`` in the URL, created before the test and
      dropped after it, so concurrent runs never collide. Marked ``postgres``; skipped,
      with the reason, when the server cannot be reached (``.ci/run`` starts it).

    Tables are created by the migrations when a store is opened on the URL.

``store``
    ``open_store(db_url)``: migrated and empty, closed after the test (both backends).

Run one backend only with ``-m postgres`` or ``-m "not postgres"``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from marsad import settings
from marsad.store import Store, make_engine, open_store

_RUN = uuid.uuid4().hex[:8]


@pytest.fixture(scope="session")
def _postgres_server() -> Iterator[tuple[Engine | None, str]]:
    """An engine on the test server and its URL, or (None, why it cannot be reached)."""
    url = settings.get("MARSAD_TEST_DATABASE_URL") or ""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 — any failure means: skip the postgres params
        engine.dispose()
        first_line = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        yield None, f"PostgreSQL at {make_url(url).render_as_string(hide_password=True)} is unreachable ({first_line}); start it or set MARSAD_TEST_DATABASE_URL"
        return
    yield engine, url
    with engine.begin() as conn:  # anything a crashed test left behind
        left = conn.execute(
            text("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE :p"),
            {"p": f"marsad_test_{_RUN}_%"},
        ).scalars()
        for name in list(left):
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'marsad.db'}"
        return
    engine, url_or_reason = request.getfixturevalue("_postgres_server")
    if engine is None:
        pytest.skip(url_or_reason)
    schema = f"marsad_test_{_RUN}_{uuid.uuid4().hex[:8]}"
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(url_or_reason).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    yield opened
    opened.close()
