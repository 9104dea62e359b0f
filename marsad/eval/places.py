"""Place matching for the scorer (FORMAT.md "Scoring").

Two places match on equal GeoNames id, else on a name alias, else when both are
points within 15 km. Areas (district, governorate, region, country) have no
distance rule and never match a city or point of the same name.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from marsad.model import Place

__all__ = [
    "AREA_LEVELS",
    "MAX_KM",
    "PlaceResolver",
    "haversine_km",
    "is_area",
    "normalise_place_name",
    "place_matches",
    "default_resolver",
]

AREA_LEVELS = frozenset({"district", "governorate", "region", "country"})
MAX_KM = 15.0
_DATA = Path(__file__).parent / "data" / "place_words.yaml"
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_NON_WORD = re.compile(r"[^\w\s]+")

PlaceResolver = Callable[[str, bool], "str | None"]
"""(place name, is it an area?) → a gazetteer id (any string), or None when unknown."""


@functools.cache
def _words() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """(level words, Latin articles, Arabic article prefixes), normalised like names."""
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    level = frozenset(_fold(w) for lang in ("en", "ar") for w in data["level_words"][lang])
    latin = tuple(_fold(a) for a in data["articles"]["en"])
    arabic = tuple(_fold(a) for a in data["articles"]["ar"])
    return level, latin, arabic


def _fold(text: str) -> str:
    """NFKC, case-fold, strip Arabic marks and tatweel, unify alef/ya/ta marbuta."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _ARABIC_MARKS.sub("", text)
    text = re.sub("[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه")
    return text


def normalise_place_name(name: str) -> str:
    """The comparison key of a name: folded, articles and level words dropped.

    "As-Suwayda Governorate" → "suwayda"; "ريف حلب" → "حلب"; "Afrin region" → "afrin".
    """
    level, latin, arabic = _words()
    text = _fold(name).replace("'", "").replace("\u2019", "").replace("`", "")
    out: list[str] = []
    for raw in _NON_WORD.sub(" ", text.replace("-", " - ")).split():
        if raw in level or raw in latin:
            continue
        word = raw
        for prefix in arabic:
            if word.startswith(prefix) and len(word) > len(prefix) + 1:
                word = word[len(prefix) :]
                break
        if word in level:
            continue
        out.append(word)
    return " ".join(out)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def is_area(place: Place) -> bool:
    return (place.level or "city") in AREA_LEVELS


def place_matches(gold: Place | None, pred: Place | None, resolve: PlaceResolver | None = None) -> bool:
    """FORMAT.md place rule; ``null`` matches only ``null``."""
    if gold is None or pred is None:
        return gold is None and pred is None
    if is_area(gold) != is_area(pred):
        return False
    if gold.geonameid is not None and gold.geonameid == pred.geonameid:
        return True
    g_key, p_key = normalise_place_name(gold.name or ""), normalise_place_name(pred.name or "")
    if g_key and g_key == p_key:
        return True
    if resolve is not None and gold.name and pred.name:
        area = is_area(gold)
        g_id, p_id = resolve(gold.name, area), resolve(pred.name, area)
        if g_id is not None and g_id == p_id:
            return True
    if is_area(gold):
        return False
    if None in (gold.lat, gold.lon, pred.lat, pred.lon):
        return False
    return haversine_km(gold.lat, gold.lon, pred.lat, pred.lon) <= MAX_KM  # type: ignore[arg-type]


def _entry_level(found: Any) -> str | None:
    entry = getattr(found, "entry", found)
    return getattr(entry, "level", None) if not isinstance(entry, dict) else entry.get("level")


def _place_id(found: Any) -> str | None:
    """Read an id out of what the gazetteer returns (a candidate, an entry, a dict, an id)."""
    if found is None:
        return None
    if isinstance(found, (str, int)):
        return str(found)
    entry = getattr(found, "entry", found)
    for attr in ("id", "geonameid", "pcode"):
        value = entry.get(attr) if isinstance(entry, dict) else getattr(entry, attr, None)
        if value is not None:
            return str(value)
    return None


def _exact(found: Any) -> bool:
    """False for a fuzzy gazetteer hit (its score is below the entry's prior)."""
    try:
        from marsad.geo.gazetteer import Gazetteer
    except ImportError:
        return True
    entry, score = getattr(found, "entry", None), getattr(found, "score", None)
    if entry is None or score is None:
        return True
    return bool(score >= Gazetteer.prior(entry) - 1e-9)


def _geo_resolve() -> Callable[[str], Any] | None:
    for module, attr in (("marsad.geo.gazetteer", "resolve"), ("marsad.geo", "resolve")):
        try:
            found = getattr(__import__(module, fromlist=[attr]), attr, None)
        except Exception:  # noqa: BLE001 - any failure means "no gazetteer": compare names only
            continue
        if callable(found):
            return found
    return None


def default_resolver() -> PlaceResolver | None:
    """The gazetteer (``marsad.geo``) as a (name, area?) → place id function, or None.

    With it, Arabic and English names of one place match ("حلب" = "Aleppo",
    "منطقة عفرين" = "Afrin region"). Only exact name hits count, and only a
    candidate of the same kind (area or point) as the place being compared.
    """
    geo_resolve = _geo_resolve()
    if geo_resolve is None:
        return None

    @functools.lru_cache(maxsize=8192)
    def resolve(name: str, area: bool) -> str | None:
        for query in dict.fromkeys((name, normalise_place_name(name))):
            if not query:
                continue
            try:
                found = geo_resolve(query)
            except Exception:  # noqa: BLE001 - an unknown name is not a scoring error
                return None
            items = found if isinstance(found, (list, tuple)) else [found]
            for item in items:
                level = _entry_level(item)
                if item is not None and _exact(item) and (level is None or (level in AREA_LEVELS) == area):
                    return _place_id(item)
        return None

    return resolve
