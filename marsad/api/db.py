"""The API's database engine and the per-request connection.

The store opens (and migrates) the database; the API only reads it through
``marsad.api.queries`` and writes through the store's and fusion's functions.
"""

from __future__ import annotations

from typing import Iterator

from fastapi import Request
from sqlalchemy import Connection, Engine, event

__all__ = ["open_engine", "connection"]


def open_engine(url: str | None) -> Engine:
    """The store's engine (migrations applied), tuned for a threaded server."""
    from marsad.store import open_store

    engine = open_store(url).engine
    if engine.dialect.name == "sqlite":
        _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=5000")
        cur.execute("PRAGMA cache_size=-32000")
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()


def connection(request: Request) -> Iterator[Connection]:
    """One connection per request, checked out in the worker thread: a full pool then
    makes that request wait, never the event loop."""
    engine: Engine = request.app.state.engine
    with engine.connect() as conn:
        yield conn
