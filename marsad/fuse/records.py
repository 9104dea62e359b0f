"""What fusion reads: a claim with the identity and provenance the model types lack.

``marsad.model`` claims carry no database id or document; fusion needs both to
link events to claims, count originators and keep ids stable across re-runs.
``ClaimRecord`` is that envelope. Helpers here (place keys, distances, stable
keys) are shared by events, ledger and control so they agree with each other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Union

from marsad.model import CasualtyClaim, ControlClaim, DateRange, EventClaim, Place

__all__ = [
    "AnyClaim",
    "ClaimRecord",
    "ACTIVE",
    "RETRACTED_STATUSES",
    "claim_day_range",
    "distance_km",
    "norm_name",
    "place_key",
    "place_tolerance_km",
    "is_area",
    "same_place",
]

AnyClaim = Union[CasualtyClaim, ControlClaim, EventClaim]

ACTIVE = "active"
# A claim its source took back ("retracted") or an analyst marked false ("wrong").
RETRACTED_STATUSES = frozenset({"retracted", "wrong"})

_AREA_LEVELS = frozenset({"district", "governorate", "region", "country"})
# How far apart two reports of one place may put it, by the coarser level of the two.
_TOLERANCE_KM = {"point": 2.0, "city": 5.0, "district": 20.0}


@dataclass(slots=True)
class ClaimRecord:
    """One stored claim with its id, document and status.

    ``key`` is stable across re-ingest (document key + kind + span/evidence),
    unlike a database row id; event ids and analyst overrides are built on it.
    """

    id: int
    claim: AnyClaim
    doc_id: str
    published: dt.date | None = None
    status: str = ACTIVE
    lang: str | None = None
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            self.key = _stable_key(self.doc_id, self.claim)

    @property
    def active(self) -> bool:
        return self.status not in RETRACTED_STATUSES

    @property
    def source(self) -> str:
        return self.claim.source


def _stable_key(doc_id: str, claim: AnyClaim) -> str:
    span = f"{claim.span.start}:{claim.span.end}" if claim.span else ""
    basis = "\x1f".join([doc_id, claim.kind, claim.source, span, claim.evidence, _kind_detail(claim)])
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def _kind_detail(claim: AnyClaim) -> str:
    if isinstance(claim, CasualtyClaim):
        return f"{claim.outcome}|{claim.party}|{claim.count}|{claim.cumulative}"
    if isinstance(claim, ControlClaim):
        return f"{claim.actor}|{claim.change}|{claim.extent}"
    return f"{claim.sub_type}|{claim.actor1}"


def claim_day_range(rec: ClaimRecord) -> DateRange | None:
    """The claim's date, else the day the document was published."""
    if rec.claim.date is not None:
        return rec.claim.date
    if rec.published is not None:
        return DateRange.day(rec.published)
    return None


_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_NON_WORD = re.compile(r"[^\w]+")


def norm_name(text: str) -> str:
    """A comparison form for names: NFKC, case-folded, Arabic marks and alef forms folded."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _MARKS.sub("", folded).translate(_ALEF)
    return _NON_WORD.sub(" ", folded).strip()


def is_area(place: Place) -> bool:
    return place.level in _AREA_LEVELS


def place_key(place: Place | None) -> str | None:
    """One key per place: gazetteer id, else GeoNames id, else level and normalised name."""
    if place is None:
        return None
    if place.id:
        return f"id:{place.id}"
    if place.geonameid:
        return f"gn:{place.geonameid}"
    name = norm_name(place.name)
    if not name:
        return None
    return f"{'area' if is_area(place) else 'name'}:{name}"


def place_tolerance_km(a: Place, b: Place) -> float:
    """Distance within which two reported places can be one place, set by the coarser one."""
    return max(_TOLERANCE_KM.get(a.level, 0.0), _TOLERANCE_KM.get(b.level, 0.0))


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle distance, or None when either side has no coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def same_place(a: Place | None, b: Place | None) -> bool | None:
    """Whether two reported places can be one place; None when either is unknown.

    Points and cities match within a distance set by their precision; areas
    (district and coarser) match only the same area, never a town inside it.
    """
    if a is None or b is None:
        return None
    ka, kb = place_key(a), place_key(b)
    if ka is not None and ka == kb:
        return True
    if is_area(a) or is_area(b):
        if is_area(a) and is_area(b):
            return norm_name(a.name) == norm_name(b.name) and bool(norm_name(a.name))
        return False
    dist = distance_km(a, b)
    if dist is not None:
        return dist <= place_tolerance_km(a, b)
    return norm_name(a.name) == norm_name(b.name) and bool(norm_name(a.name))
