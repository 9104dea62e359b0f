"""What the language layer hands to the geoparser and the extractors.

Offsets (``start``/``end``) always point into the original document text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.model import DateRange, Place

__all__ = ["Token", "NumberMention", "DateMention", "PlaceMention", "Analysis"]


@dataclass(slots=True)
class Token:
    """A token after clitic segmentation. ``norm`` is the matching form."""

    text: str
    norm: str
    start: int
    end: int
    prefix: str = ""  # proclitics split off (e.g. "وب"), already excluded from text/norm

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "norm": self.norm, "start": self.start, "end": self.end}


@dataclass(slots=True)
class NumberMention:
    """A figure in the text: exact (``value``) or vague (``low``/``high``)."""

    text: str
    value: int | None
    low: int | None
    high: int | None
    start: int
    end: int
    noun: str | None = None  # the noun counted, normalised ("قتيل", "killed")
    noun_start: int | None = None
    noun_end: int | None = None
    kind: str = "count"  # "count", or "year" (2016) / "date" (part of a date): not a count

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "value": self.value, "low": self.low,
                               "high": self.high, "start": self.start, "end": self.end}
        if self.kind != "count":
            out["kind"] = self.kind
        return out


@dataclass(slots=True)
class DateMention:
    """A date expression resolved against the publication date.

    ``role`` is ``point`` for when something happened, ``since`` for a start point
    ("منذ يوم الأربعاء", "since 2016").
    """

    text: str
    range: DateRange
    start: int
    end: int
    role: str = "point"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "date": self.range.to_json(),
                               "precision": self.range.precision, "start": self.start, "end": self.end}
        if self.role != "point":
            out["role"] = self.role
        return out


@dataclass(slots=True)
class PlaceMention:
    """A toponym found in the text and the gazetteer place it resolves to."""

    text: str
    start: int
    end: int
    place: Place

    def to_json(self) -> dict[str, Any]:
        p = self.place
        return {"text": self.text, "start": self.start, "end": self.end, "id": p.id,
                "geonameid": p.geonameid, "name": p.name, "level": p.level,
                "lat": p.lat, "lon": p.lon, "precision": p.precision}


@dataclass(slots=True)
class Analysis:
    """Everything the language layer (and later the geoparser) found in one text."""

    text: str
    lang: str
    tokens: list[Token] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "tokens": [t.to_json() for t in self.tokens],
            "numbers": [n.to_json() for n in self.numbers],
            "dates": [d.to_json() for d in self.dates],
            "places": [p.to_json() for p in self.places],
        }
