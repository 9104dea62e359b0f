"""The filters of an export: the API's (dates, place, bbox, actor, type, source, grade).

Kept here, free of FastAPI, so the CLI, the API routes and tests share one shape;
``match_*`` apply them to model objects for records held in memory.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from marsad.model import ControlChange, DateRange, Event, LedgerEntry, Place

__all__ = ["Filters", "GRADES"]

GRADES = ("confirmed", "fair", "weak", "contested", "discounted")


@dataclass(frozen=True, slots=True)
class Filters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    place: str | None = None  # name (any case) or gazetteer id
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    actor: str | None = None
    event_type: str | None = None
    source: str | None = None
    grade: tuple[str, ...] = ()

    def match_date(self, date: DateRange | None) -> bool:
        """Overlap, not containment: a span that touches the range is in it."""
        if self.date_from is None and self.date_to is None:
            return True
        if date is None:
            return False
        if self.date_from and date.end < self.date_from:
            return False
        return not (self.date_to and date.start > self.date_to)

    def match_place(self, place: Place | None) -> bool:
        if self.place:
            if place is None:
                return False
            if place.id != self.place and place.name.casefold() != self.place.casefold():
                return False
        if self.bbox:
            if place is None or place.lat is None or place.lon is None:
                return False
            west, south, east, north = self.bbox
            return south <= place.lat <= north and west <= place.lon <= east
        return True

    def match_event(self, e: Event) -> bool:
        return (
            self.match_date(e.date)
            and self.match_place(e.place)
            and (not self.actor or self.actor in (e.actor1, e.actor2))
            and (not self.event_type or e.event_type == self.event_type)
            and (not self.source or self.source in e.sources)
            and (not self.grade or e.grade in self.grade)
        )

    def match_ledger(self, entry: LedgerEntry) -> bool:
        return (
            self.match_date(entry.date)
            and self.match_place(entry.place)
            and (not self.source or entry.source == self.source)
        )

    def match_control(self, change: ControlChange) -> bool:
        actors = {change.actor, change.from_actor, *change.with_}
        return (
            self.match_date(change.date)
            and self.match_place(change.place)
            and (not self.actor or self.actor in actors)
            and (not self.source or change.source == self.source)
        )
