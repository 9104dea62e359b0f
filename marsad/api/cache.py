"""A small cache for aggregates (map cells, timeline, ledger).

Keys carry the data version: every write through the API bumps it, and a short
time-to-live covers writes made by other processes (``marsad ingest``, ``fuse``).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Hashable

__all__ = ["AggregateCache"]


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
