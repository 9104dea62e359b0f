"""Place recall of the geoparser against gold facts (shared by the tests and the benchmark).

A gold place counts as found when some mention in the same document has the same
GeoNames id, shares a name with it once level words are dropped (FORMAT.md's area rule),
or lies within 15 km of it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable

from marsad.geo.entry import distance_km
from marsad.geo.gazetteer import Gazetteer
from marsad.geo.keys import name_keys
from marsad.lang.analysis import PlaceMention

__all__ = ["load_dev", "place_found", "place_recall"]

_LEVEL_WORDS = re.compile(r"\b(governorate|province|district|subdistrict|region|countryside|city|town|village)\b|"
                          r"\([^)]*\)|^(محافظة|منطقة|ريف|مدينة|بلدة|قرية)\s+", re.I)


def load_dev(folder: str | Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(doc, gold) pairs of an evaluation folder (docs.jsonl + gold.jsonl)."""
    folder = Path(folder)
    docs = [json.loads(line) for line in open(folder / "docs.jsonl", encoding="utf-8") if line.strip()]
    gold = {g["doc_id"]: g for g in (json.loads(line) for line in open(folder / "gold.jsonl", encoding="utf-8")
                                       if line.strip())}
    return [(d, gold.get(d["id"], {"facts": []})) for d in docs]


def _keys(name: str) -> set[str]:
    return name_keys(" ".join(_LEVEL_WORDS.sub(" ", name).split()))


def _mention_keys(m: PlaceMention, gaz: Gazetteer) -> set[str]:
    keys = _keys(m.place.name)
    entry = gaz.get(m.place.id)
    if entry is not None:
        keys |= Gazetteer.keys_of(entry)
    return keys


def place_found(gold_place: dict[str, Any], mentions: Iterable[PlaceMention], gaz: Gazetteer) -> bool:
    gid = gold_place.get("geonameid")
    gkeys = _keys(gold_place.get("name") or "")
    area = gold_place.get("level") in ("district", "governorate", "region")
    for m in mentions:
        p = m.place
        if gid is not None and p.geonameid == gid:
            return True
        if gkeys & _mention_keys(m, gaz):
            return True
        if not area and p.level in ("city", "point") and None not in (gold_place.get("lat"), gold_place.get("lon"),
                                                                      p.lat, p.lon):
            if distance_km(gold_place["lat"], gold_place["lon"], p.lat, p.lon) <= 15.0:  # type: ignore[arg-type]
                return True
    return False


def place_recall(pairs: list[tuple[dict[str, Any], dict[str, Any]]], mentions_by_doc: dict[str, list[PlaceMention]],
                 gaz: Gazetteer, include_optional: bool = False) -> dict[str, Any]:
    """Recall over gold facts that have a place; ``misses`` lists (doc id, place name)."""
    total = found = 0
    misses: list[tuple[str, str]] = []
    for doc, gold in pairs:
        for fact in gold.get("facts", []):
            place = fact.get("place")
            if not place or (fact.get("optional") and not include_optional):
                continue
            total += 1
            if place_found(place, mentions_by_doc.get(doc["id"], []), gaz):
                found += 1
            else:
                misses.append((doc["id"], place.get("name") or ""))
    return {"facts": total, "found": found, "recall": found / total if total else 0.0, "misses": misses}
