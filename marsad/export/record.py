"""Where exports read from: a ``Record`` yields events, claims, ledger and control.

Writers take these iterators and never a list, so an export of a million events
streams. ``MemoryRecord`` holds model objects (tests, synthetic benchmarks);
``marsad.export.store_record.StoreRecord`` reads the database in chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from marsad.export.filters import Filters
from marsad.export.items import ClaimItem, EventItem
from marsad.model import ControlChange, LedgerEntry

__all__ = ["Record", "MemoryRecord"]


class Record(Protocol):
    def count_events(self, f: Filters) -> int | None: ...

    def iter_events(self, f: Filters) -> Iterator[EventItem]: ...

    def iter_claims(self, f: Filters) -> Iterator[ClaimItem]: ...

    def iter_ledger(self, f: Filters) -> Iterator[LedgerEntry]: ...

    def iter_control(self, f: Filters) -> Iterator[ControlChange]: ...


@dataclass(slots=True)
class MemoryRecord:
    """A record over iterables (or factories of iterators, for generated data)."""

    events: Iterable[EventItem] | Callable[[], Iterator[EventItem]] = ()
    claims: Iterable[ClaimItem] | Callable[[], Iterator[ClaimItem]] = ()
    ledger: Iterable[LedgerEntry] | Callable[[], Iterator[LedgerEntry]] = ()
    control: Iterable[ControlChange] | Callable[[], Iterator[ControlChange]] = ()
    n_events: int | None = field(default=None)

    def count_events(self, f: Filters) -> int | None:
        if f == Filters():
            if self.n_events is not None:
                return self.n_events
            if isinstance(self.events, (list, tuple)):
                return len(self.events)
        return None

    def iter_events(self, f: Filters) -> Iterator[EventItem]:
        return (item for item in _iterate(self.events) if f.match_event(item.event))

    def iter_claims(self, f: Filters) -> Iterator[ClaimItem]:
        def keep(c: ClaimItem) -> bool:
            return f.match_date(c.claim.date) and f.match_place(c.claim.place) and (not f.source or c.claim.source == f.source)

        return (c for c in _iterate(self.claims) if keep(c))

    def iter_ledger(self, f: Filters) -> Iterator[LedgerEntry]:
        return (e for e in _iterate(self.ledger) if f.match_ledger(e))

    def iter_control(self, f: Filters) -> Iterator[ControlChange]:
        return (c for c in _iterate(self.control) if f.match_control(c))


def _iterate(source: object) -> Iterator:  # type: ignore[type-arg]
    if callable(source):
        return iter(source())
    return iter(source)  # type: ignore[call-overload]
