"""GeoJSON (RFC 7946) FeatureCollection: events, then control changes, as Point features.

Written feature by feature, so memory stays flat. A feature whose place has no
coordinates keeps ``"geometry": null`` (RFC 7946 §3.2: an unlocated feature)
rather than being dropped, so the count matches the other formats.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from marsad.export.items import EventItem
from marsad.export.lexicon import actor_name
from marsad.model import ControlChange, Place

__all__ = ["event_feature", "control_feature", "write_geojson", "SCHEMA_FILE"]

from pathlib import Path

SCHEMA_FILE = Path(__file__).resolve().parent / "data" / "geojson.schema.json"


def _geometry(place: Place | None) -> dict[str, Any] | None:
    if place is None or place.lat is None or place.lon is None:
        return None
    return {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]}


def _place_props(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {"place": None, "place_id": None, "place_level": None}
    return {"place": place.name, "place_id": place.id, "place_level": place.level}


def event_feature(item: EventItem) -> dict[str, Any]:
    e = item.event
    props: dict[str, Any] = {
        "feature_kind": "event",
        "event_type": e.event_type,
        "sub_type": e.sub_type,
        "date_start": e.date.start.isoformat() if e.date else None,
        "date_end": e.date.end.isoformat() if e.date else None,
        **_place_props(e.place),
        "actor1": e.actor1,
        "actor1_name": actor_name(e.actor1) or None,
        "actor2": e.actor2,
        "actor2_name": actor_name(e.actor2) or None,
        "fatalities_low": e.fatalities_low,
        "fatalities_best": e.fatalities_best,
        "fatalities_high": e.fatalities_high,
        "grade": e.grade,
        "sources": list(e.sources),
        "claim_ids": list(e.claim_ids),
    }
    return {"type": "Feature", "id": e.id, "geometry": _geometry(e.place), "properties": props}


def control_feature(change: ControlChange, n: int) -> dict[str, Any]:
    props: dict[str, Any] = {
        "feature_kind": "control",
        "change": change.change,
        "extent": change.extent,
        "date_start": change.date.start.isoformat() if change.date else None,
        "date_end": change.date.end.isoformat() if change.date else None,
        **_place_props(change.place),
        "actor": change.actor,
        "actor_name": actor_name(change.actor) or None,
        "with": list(change.with_),
        "from_actor": change.from_actor,
        "source": change.source,
        "contested_by": [c.to_json() for c in change.contested_by],
        "claim_ids": [change.claim_id] if change.claim_id is not None else [],
    }
    fid = f"control-{change.claim_id}" if change.claim_id is not None else f"control-{n}"
    return {"type": "Feature", "id": fid, "geometry": _geometry(change.place), "properties": props}


def write_geojson(items: Iterable[EventItem], changes: Iterable[ControlChange], out: TextIO) -> int:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    out.write('{"type":"FeatureCollection","features":[\n')
    n = 0
    for item in items:
        out.write((",\n" if n else "") + dumps(event_feature(item)))
        n += 1
    for i, change in enumerate(changes):
        out.write((",\n" if n else "") + dumps(control_feature(change, i)))
        n += 1
    out.write("\n]}\n")
    return n
