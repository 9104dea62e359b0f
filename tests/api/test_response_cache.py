"""Anonymous answers of the published record are served from memory until anyone commits."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient

from apiseed import seed_store


@pytest.fixture()
def fresh(tmp_path):
    from marsad.api import create_app

    url = f"sqlite:///{tmp_path / 'marsad.db'}"
    seed_store(url)
    app = create_app(url)
    with TestClient(app) as client:
        yield app, client, str(tmp_path / "marsad.db")


def _rename_first_event(path: str, name: str) -> None:
    """A write from another process (another connection), as `marsad fuse` would make."""
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE events SET place_name = ? WHERE id = (SELECT min(id) FROM events)", (name,))
    con.close()


def _first_place(client: TestClient, **headers: str) -> str | None:
    items = client.get("/api/events?limit=200", headers=headers).json()["items"]
    return next((e["place"]["name"] for e in sorted(items, key=lambda e: e["id"]) if e["place"]), None)


def test_a_repeated_anonymous_read_is_the_same_answer_and_a_commit_elsewhere_renews_it(fresh) -> None:
    app, client, path = fresh
    assert app.user_middleware[0].cls.__name__ == "ResponseCache"  # outermost
    first = client.get("/api/events?limit=5")
    assert first.status_code == 200 and client.get("/api/events?limit=5").content == first.content
    _rename_first_event(path, "Renamed by another process")
    assert _first_place(client) == "Renamed by another process"


def test_requests_with_a_key_are_never_answered_from_the_cache(fresh) -> None:
    _app, client, _path = fresh
    client.get("/api/events?limit=5")
    wrong = client.get("/api/events?limit=5", headers={"X-API-Key": "mk_not_a_key"})
    assert wrong.status_code == 401  # checked on every request, cached or not


def test_errors_are_not_cached(fresh) -> None:
    _app, client, _path = fresh
    assert client.get("/api/events?limit=0").status_code == 422
    assert client.get("/api/events?limit=0").status_code == 422
    assert client.get("/api/events/ev-does-not-exist").status_code == 404


def test_concurrent_identical_reads_compute_the_answer_once(tmp_path) -> None:
    import asyncio

    from sqlalchemy import create_engine

    from marsad.api.cache import AggregateCache, ChangeSignal, ResponseCache

    calls = []

    async def slow_app(scope, receive, send):  # stands in for a slow map query
        calls.append(scope["path"])
        await asyncio.sleep(0.05)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b'{"cells": []}'})

    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    app = ResponseCache(slow_app, cache=AggregateCache(), signal=ChangeSignal(engine), prefixes=("/api/events",))

    async def one() -> bytes:
        sent = []
        scope = {"type": "http", "method": "GET", "path": "/api/events/clusters", "query_string": b"zoom=6", "headers": []}

        async def send(message):
            sent.append(message)

        await app(scope, None, send)
        return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")

    async def many() -> list[bytes]:
        return await asyncio.gather(*(one() for _ in range(10)))

    bodies = asyncio.run(many())
    assert bodies == [b'{"cells": []}'] * 10
    assert calls == ["/api/events/clusters"]
