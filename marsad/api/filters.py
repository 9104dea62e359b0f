"""The filters every list endpoint shares, parsed once from query parameters.

The dependencies are ``async`` on purpose: they only parse, so FastAPI runs them on the
event loop instead of hopping to a worker thread for each.

One dataclass so the API, the dashboard and the queries speak of the same
things: a date range, a place (name or gazetteer id) or a bounding box, an actor,
an event type, a source and a confidence grade.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import Query

from marsad.api.errors import ApiError

__all__ = ["Filters", "Page", "filters_dependency", "page_dependency", "parse_bbox", "GRADES", "MAX_LIMIT"]

GRADES = ("confirmed", "fair", "weak", "contested", "discounted")
MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Filters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    actor: str | None = None
    event_type: str | None = None
    source: str | None = None
    grade: tuple[str, ...] = ()

    def key(self) -> tuple[object, ...]:
        """Hashable form for caches of aggregates."""
        return (self.date_from, self.date_to, self.place, self.bbox, self.actor, self.event_type, self.source, self.grade)


@dataclass(frozen=True, slots=True)
class Page:
    limit: int = 50
    offset: int = 0


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in degrees (the order Leaflet's toBBoxString gives)."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise ApiError(422, "invalid_parameter", f"bbox must be west,south,east,north (4 numbers), got {value!r}")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ApiError(422, "invalid_parameter", f"bbox must be 4 numbers, got {value!r}") from None
    if not all(abs(x) < float("inf") for x in (west, south, east, north)):
        raise ApiError(422, "invalid_parameter", "bbox values must be finite numbers")
    if not (-90 <= south <= north <= 90):
        raise ApiError(422, "invalid_parameter", "bbox latitudes must satisfy -90 <= south <= north <= 90")
    if not (-540 <= west <= east <= 540):
        raise ApiError(422, "invalid_parameter", "bbox longitudes must satisfy west <= east (degrees)")
    return (west, south, east, north)


async def filters_dependency(
    date_from: dt.date | None = Query(None, alias="from", description="Earliest day (ISO date), inclusive."),
    date_to: dt.date | None = Query(None, alias="to", description="Latest day (ISO date), inclusive."),
    place: str | None = Query(None, max_length=200, description="Place name (Arabic or English) or gazetteer id."),
    bbox: str | None = Query(None, max_length=200, description="Bounding box west,south,east,north in degrees."),
    actor: str | None = Query(None, max_length=100, description="Actor id (either side of an event)."),
    event_type: str | None = Query(None, max_length=100, description="ACLED event type, e.g. Battles."),
    source: str | None = Query(None, max_length=100, description="Source id: who said it."),
    grade: list[str] | None = Query(None, description=f"Confidence grades to keep: {', '.join(GRADES)}."),
) -> Filters:
    if date_from and date_to and date_to < date_from:
        raise ApiError(422, "invalid_parameter", f"'to' ({date_to}) is before 'from' ({date_from})")
    grades = tuple(grade or ())
    bad = [g for g in grades if g not in GRADES]
    if bad:
        raise ApiError(422, "invalid_parameter", f"unknown grade {bad[0]!r}; expected one of {', '.join(GRADES)}")
    return Filters(
        date_from=date_from,
        date_to=date_to,
        place=place or None,
        bbox=parse_bbox(bbox),
        actor=actor or None,
        event_type=event_type or None,
        source=source or None,
        grade=grades,
    )


async def page_dependency(
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description=f"Items per page (1–{MAX_LIMIT})."),
    offset: int = Query(0, ge=0, le=10_000_000, description="Items to skip."),
) -> Page:
    return Page(limit=limit, offset=offset)
