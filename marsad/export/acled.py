"""ACLED-style CSV: ACLED's columns in ACLED's order, then marsad's extras.

``fatalities`` is the event's best figure (0 when no claim states one, as ACLED
does); ``fatalities_low``/``fatalities_high`` keep the range and ``claim_ids``
the claims every figure rests on (``;``-separated).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from marsad.export.items import Admin, EventItem
from marsad.export.lexicon import actor_inter, actor_name
from marsad.export.options import Options, event_country, time_precision

__all__ = ["ACLED_COLUMNS", "EXTRA_COLUMNS", "COLUMNS", "acled_row", "write_acled", "disorder_type", "geo_precision"]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
EXTRA_COLUMNS = ("fatalities_low", "fatalities_high", "confidence_grade", "claim_ids")
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_GEO_PRECISION = {"point": 1, "city": 1, "district": 2, "governorate": 3, "region": 3, "country": 3}


def disorder_type(event_type: str, sub_type: str) -> str:
    if event_type == "Riots" and sub_type == "Violent demonstration":
        return "Demonstrations"
    return _DISORDER.get(event_type, "")


def geo_precision(item: EventItem) -> int | str:
    place = item.event.place
    if place is None:
        return ""
    if place.precision:
        return place.precision
    return _GEO_PRECISION.get(place.level, 3)


def _interaction(inter1: int, inter2: int) -> int:
    """ACLED's two-digit code: the lower inter first (12 = state vs rebels); 10 = actor1 alone."""
    if not inter2:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


def acled_row(item: EventItem, opts: Options) -> list[object]:
    e = item.event
    ctry = event_country(item, opts)
    admin = item.admin or Admin()
    actor1 = actor_name(e.actor1) if e.actor1 else f"Unidentified Armed Group ({ctry.en})" if ctry else "Unidentified Armed Group"
    inter1 = actor_inter(e.actor1) if e.actor1 else 3
    inter2 = actor_inter(e.actor2)
    civilians = e.event_type == "Violence against civilians" or inter2 == 7
    place = e.place
    sources = [actor_name(s) for s in e.sources]
    best = e.fatalities_best
    return [
        f"{ctry.iso3 if ctry else 'XXX'}-{e.id}",
        e.date.start.isoformat() if e.date else "",
        e.date.start.year if e.date else "",
        time_precision(item),
        disorder_type(e.event_type, e.sub_type),
        e.event_type,
        e.sub_type,
        actor1,
        "",
        inter1,
        actor_name(e.actor2),
        "",
        inter2,
        _interaction(inter1, inter2),
        "Civilian targeting" if civilians else "",
        ctry.iso if ctry else "",
        ctry.acled_region if ctry else "",
        ctry.en if ctry else "",
        admin.admin1 or "",
        admin.admin2 or "",
        admin.admin3 or "",
        place.name if place else "",
        _coord(place.lat) if place else "",
        _coord(place.lon) if place else "",
        geo_precision(item),
        "; ".join(sources),
        "",
        e.note or "",
        best if best is not None else 0,
        "",
        int(opts.generated.timestamp()),
        e.fatalities_low if e.fatalities_low is not None else "",
        e.fatalities_high if e.fatalities_high is not None else "",
        e.grade,
        ";".join(str(c) for c in e.claim_ids),
    ]


def _coord(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"


def write_acled(items: Iterable[EventItem], out: TextIO, opts: Options) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    n = 0
    for item in items:
        writer.writerow(acled_row(item, opts))
        n += 1
    return n
