"""One gazetteer entry and one ranked candidate for a name."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from marsad.model import Place

__all__ = ["Entry", "Candidate", "distance_km"]


@dataclass(slots=True)
class Entry:
    """A place the gazetteer knows. ``id`` is the GeoNames id where one exists, else a P-code
    (or a ``lm-``/``rg-`` id for the hand-written landmarks and regions)."""

    id: str
    name_en: str | None
    name_ar: str | None
    level: str  # point | city | district | governorate | region | country
    country: str | None = None
    parent_id: str | None = None
    geonameid: int | None = None
    pcode: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    names: list[tuple[str, str]] = field(default_factory=list)  # (name, lang)
    source: str = ""
    licence: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.name_en or self.name_ar or self.id

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "name_en": self.name_en, "name_ar": self.name_ar, "level": self.level,
            "country": self.country, "parent_id": self.parent_id, "geonameid": self.geonameid,
            "pcode": self.pcode, "lat": self.lat, "lon": self.lon, "population": self.population,
            "names": [list(n) for n in self.names], "source": self.source, "licence": self.licence,
            "extra": self.extra,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Entry":
        return cls(
            id=d["id"], name_en=d.get("name_en"), name_ar=d.get("name_ar"), level=d["level"],
            country=d.get("country"), parent_id=d.get("parent_id"), geonameid=d.get("geonameid"),
            pcode=d.get("pcode"), lat=d.get("lat"), lon=d.get("lon"), population=d.get("population"),
            names=[(n[0], n[1]) for n in d.get("names") or []], source=d.get("source") or "",
            licence=d.get("licence"), extra=dict(d.get("extra") or {}),
        )

    def to_place(self, precision: int | None = None, name: str | None = None,
                 level: str | None = None) -> Place:
        return Place(name=name or self.name, level=level or self.level, geonameid=self.geonameid,
                     lat=self.lat, lon=self.lon, id=self.id, precision=precision)


@dataclass(slots=True)
class Candidate:
    """A gazetteer entry ranked for a name; ``parents`` is the chain up to the country."""

    entry: Entry
    score: float
    parents: list[Entry] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        e = self.entry
        return {
            "id": e.id, "name": e.name, "name_en": e.name_en, "name_ar": e.name_ar,
            "names": sorted({n for n, _ in e.names}), "level": e.level, "country": e.country,
            "geonameid": e.geonameid, "pcode": e.pcode, "lat": e.lat, "lon": e.lon,
            "population": e.population, "score": round(self.score, 3),
            "parents": [{"id": p.id, "name": p.name, "level": p.level} for p in self.parents],
            "source": e.source, "licence": e.licence,
        }


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine); an equirectangular shortcut beyond ~2° apart."""
    if abs(lat1 - lat2) > 2.0 or abs(lon1 - lon2) > 2.0:
        x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
        return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))
