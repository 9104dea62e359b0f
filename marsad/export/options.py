"""Options every writer shares, and the progress hook the CLI fills with a rich bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from marsad.export.items import Admin, EventItem
from marsad.export.lexicon import Country, country

__all__ = ["Options", "Track", "no_progress", "event_country", "time_precision", "days"]

T = TypeVar("T")
Track = Callable[[Iterable[T], "int | None", str], Iterator[T]]


def no_progress(items: Iterable[T], total: int | None, label: str) -> Iterator[T]:
    return iter(items)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@dataclass(slots=True)
class Options:
    """``generated`` stamps the export (ACLED ``timestamp``, Atom ``updated``)."""

    generated: dt.datetime = field(default_factory=_now)
    default_country: str | None = None  # ISO alpha-2 for events whose place names none
    lang: str = "en"
    base_url: str = "http://127.0.0.1:8000"
    table: str = "events"  # parquet: events | claims | ledger
    chunk_rows: int = 50_000
    feed_limit: int | None = None
    track: Track = no_progress  # type: ignore[assignment]


def event_country(item: EventItem, opts: Options) -> Country | None:
    """The event's country: its admin chain, a P-code prefix ("SY0203"), else the default."""
    admin = item.admin or Admin()
    code = admin.country
    place = item.event.place
    if not code and place is not None and place.id and place.id[:2].isalpha() and place.id[:2].isupper():
        code = place.id[:2]
    return country(code) or country(opts.default_country)


def days(start: dt.date, end: dt.date) -> int:
    return (end - start).days + 1


def time_precision(item: EventItem) -> int:
    """ACLED time_precision: 1 the day is known, 2 within a week, 3 within a month or more."""
    date = item.event.date
    if date is None:
        return 3
    n = days(date.start, date.end)
    return 1 if n == 1 else 2 if n <= 7 else 3
