"""Caches of the read API: aggregates (map cells, timeline, ledger, totals) and whole
anonymous answers of the published record.

Every write through the API bumps the version. Writes made by other processes
(``marsad ingest``, ``fuse``) are seen by :class:`ChangeSignal` — SQLite's
``data_version``, PostgreSQL's WAL position — before each cached answer is served, and
a short time-to-live covers what nothing signals.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Hashable

__all__ = ["AggregateCache", "ChangeSignal", "ResponseCache"]


class AggregateCache:
    def __init__(self, size: int = 512, ttl: float = 30.0) -> None:
        self._size = size
        self._ttl = ttl
        self._data: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.version = 0

    def bump(self) -> None:
        """Forget everything: the data changed."""
        with self._lock:
            self.version += 1
            self._data.clear()

    def peek(self, key: Hashable) -> Any:
        """The cached value, or None."""
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and time.monotonic() - hit[0] < self._ttl:
                self._data.move_to_end(key)
                return hit[1]
        return None

    def put(self, key: Hashable, value: Any, version: int) -> None:
        """Remember ``value`` unless the data changed since ``version`` was read."""
        with self._lock:
            if version == self.version:
                self._data[key] = (time.monotonic(), value)
                self._data.move_to_end(key)
                while len(self._data) > self._size:
                    self._data.popitem(last=False)

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        now = time.monotonic()
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and now - hit[0] < self._ttl:
                self._data.move_to_end(key)
                return hit[1]
            version = self.version
        value = compute()
        with self._lock:
            if version == self.version:
                self._data[key] = (now, value)
                self._data.move_to_end(key)
                while len(self._data) > self._size:
                    self._data.popitem(last=False)
        return value


class ChangeSignal:
    """A cheap value that changes whenever anyone commits to the database.

    SQLite: ``PRAGMA data_version`` on a connection of its own (it changes when any
    other connection commits). PostgreSQL: the WAL insert position. Other stores
    (SQLite in memory) have none: ``available`` is False and nothing is cached.
    """

    def __init__(self, engine: Any) -> None:
        self._conn: Any = None
        self._sql = ""
        url = engine.url
        try:
            if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
                import sqlite3

                self._conn = sqlite3.connect(url.database, check_same_thread=False)
                self._sql = "PRAGMA data_version"
            elif url.get_backend_name() == "postgresql":
                self._conn = engine.raw_connection()
                self._conn.autocommit = True  # type: ignore[attr-defined]
                self._sql = "SELECT pg_current_wal_insert_lsn()::text"
            self._lock = threading.Lock()
            self.available = self._conn is not None and self.read() is not None
        except Exception:  # noqa: BLE001 - no signal means no caching, never an error
            self.available = False

    def read(self) -> Any:
        with self._lock:
            try:
                cur = self._conn.cursor()
                cur.execute(self._sql)
                row = cur.fetchone()
                cur.close()
                return row[0] if row else None
            except Exception:  # noqa: BLE001
                return None


class ResponseCache:
    """ASGI middleware: anonymous GET answers of the published record from memory.

    A dashboard asks the same pages and map cells again and again; while the data has
    not changed the answer is the same bytes. Only requests without an API key are
    cached (a key must be checked, and may be revoked, on every request), only ``200``
    answers, and only the paths in ``prefixes`` (never sources, reports or the audit).
    """

    def __init__(self, app: Any, *, cache: AggregateCache, signal: ChangeSignal, prefixes: tuple[str, ...],
                 exclude_suffixes: tuple[str, ...] = (), max_bytes: int = 1 << 20) -> None:
        self.app = app
        self._cache = cache
        self._signal = signal
        self._prefixes = prefixes
        self._exclude = exclude_suffixes
        self._max = max_bytes
        self._seen: Any = signal.read() if signal.available else None
        self._inflight: dict[Any, asyncio.Event] = {}  # one computation per key at a time

    def _eligible(self, scope: dict[str, Any]) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET" or not self._signal.available:
            return False
        path = scope["path"]
        if not path.startswith(self._prefixes) or path.endswith(self._exclude):
            return False
        return not any(name in (b"x-api-key", b"authorization") for name, _v in scope["headers"])

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if not self._eligible(scope):
            await self.app(scope, receive, send)
            return
        now = self._signal.read()
        if now is None or now != self._seen:
            self._seen = now
            self._cache.bump()
        key = ("http", scope["path"], scope["query_string"])
        hit = self._cache.peek(key) if now is not None else None
        if hit is None and key in self._inflight:
            # the same answer is being computed: wait for it rather than compute it again
            # (twenty dashboards opening at once must not run one slow map query twenty times)
            await self._inflight[key].wait()
            hit = self._cache.peek(key)
        if hit is not None:
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        done = self._inflight.setdefault(key, asyncio.Event())
        try:
            await self._compute(key, scope, receive, send, now)
        finally:
            if self._inflight.get(key) is done:
                del self._inflight[key]
            done.set()

    async def _compute(self, key: Any, scope: dict[str, Any], receive: Any, send: Any, now: Any) -> None:
        version = self._cache.version
        parts: list[bytes] = []
        start: dict[str, Any] = {}

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        body = b"".join(parts)
        if start.get("status") == 200 and len(body) <= self._max and now is not None:
            self._cache.put(key, (200, list(start.get("headers", [])), body), version)
