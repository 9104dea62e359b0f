"""The nouns of marsad: plain typed classes, no I/O.

Every stage talks to the next through these types. Claims serialise to the fact
shape of the evaluation format (casualties | control | event), so what the
extractor emits, what the store keeps and what the scorer reads are one thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, Union

__all__ = [
    "Span",
    "DateRange",
    "Document",
    "Place",
    "Actor",
    "ContestedBy",
    "Claim",
    "CasualtyClaim",
    "ControlClaim",
    "EventClaim",
    "Event",
    "LedgerEntry",
    "ControlChange",
    "claim_from_fact",
    "OUTCOMES",
    "PARTIES",
    "CHANGES",
    "EXTENTS",
    "PLACE_LEVELS",
]

OUTCOMES = ("killed", "injured", "detained", "missing", "displaced")
PARTIES = ("civilian", "state", "nonstate", "unknown", "all")
CHANGES = ("gained", "lost", "withdrew", "held")
EXTENTS = ("all", "most", "part", "count")
PLACE_LEVELS = ("point", "city", "district", "governorate", "region", "country")

Kind = Literal["casualties", "control", "event"]


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets [start, end) into a document's original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def text(self, source: str) -> str:
        return source[self.start : self.end]


@dataclass(frozen=True, slots=True)
class DateRange:
    """A day or a span of days, with the precision the text gave.

    ``precision`` is one of ``day``, ``span``, ``week``, ``month``, ``year``.
    A single day serialises as an ISO string, a span as ``{"from", "to"}``.
    """

    start: dt.date
    end: dt.date
    precision: str = "day"

    @classmethod
    def day(cls, d: dt.date) -> "DateRange":
        return cls(d, d, "day")

    @classmethod
    def parse(cls, value: Any) -> "DateRange | None":
        if value is None:
            return None
        if isinstance(value, DateRange):
            return value
        if isinstance(value, dt.datetime):
            return cls.day(value.date())
        if isinstance(value, dt.date):
            return cls.day(value)
        if isinstance(value, str):
            return cls.day(_iso_date(value))
        if isinstance(value, dict) and "from" in value and "to" in value:
            start, end = _iso_date(value["from"]), _iso_date(value["to"])
            if end < start:
                raise ValueError(f"date span ends before it starts: {value}")
            return cls(start, end, "day" if start == end else "span")
        raise ValueError(f"not a date or a {{from, to}} span: {value!r}")

    def overlaps(self, other: "DateRange") -> bool:
        return self.start <= other.end and other.start <= self.end

    def to_json(self) -> str | dict[str, str]:
        if self.start == self.end:
            return self.start.isoformat()
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


def _iso_date(value: str) -> dt.date:
    """Accept ISO dates and date-times ("2024-11-30", "2024-11-30T08:00:00Z")."""
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ValueError(f"not an ISO date: {value!r}") from exc


@dataclass(slots=True)
class Document:
    """One report as published. ``text`` is what every span points into."""

    text: str
    id: str | None = None
    lang: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    encoding: str | None = None
    content_hash: str | None = None


@dataclass(slots=True)
class Place:
    """A resolved place as a claim carries it (FORMAT.md ``place``)."""

    name: str
    level: str = "city"
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    id: str | None = None  # gazetteer id: GeoNames id or OCHA P-code
    precision: int | None = None  # ACLED geo_precision: 1 point/town, 2 near, 3 region

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "level": self.level,
        }

    @classmethod
    def from_json(cls, value: dict[str, Any] | None) -> "Place | None":
        if value is None:
            return None
        return cls(
            name=value.get("name") or "",
            level=value.get("level") or "city",
            geonameid=value.get("geonameid"),
            lat=value.get("lat"),
            lon=value.get("lon"),
            id=value.get("id"),
            precision=value.get("precision"),
        )


@dataclass(slots=True)
class Actor:
    """An actor id with its names; ``inter`` is ACLED's interaction code."""

    id: str
    en: list[str] = field(default_factory=list)
    ar: list[str] = field(default_factory=list)
    inter: int | None = None
    kind: str = "armed"  # armed | source | civilian


@dataclass(slots=True)
class ContestedBy:
    source: str
    claim: str

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "claim": self.claim}


@dataclass(slots=True, kw_only=True)
class Claim:
    """What one source said, where the text says it.

    ``evidence`` is the verbatim text; ``span`` its offsets in the document.
    """

    kind: Kind
    source: str
    date: DateRange | None = None
    place: Place | None = None
    evidence: str = ""
    span: Span | None = None
    optional: bool = False
    note: str | None = None

    def to_fact(self) -> dict[str, Any]:
        """Serialise in the FORMAT.md fact shape."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "source": self.source,
            "date": self.date.to_json() if self.date else None,
            "place": self.place.to_json() if self.place else None,
        }
        out.update(self._kind_fields())
        out["evidence"] = self.evidence
        if self.span is not None:
            out["span"] = [self.span.start, self.span.end]
        if self.optional:
            out["optional"] = True
        if self.note:
            out["note"] = self.note
        return out

    def _kind_fields(self) -> dict[str, Any]:
        return {}


@dataclass(slots=True, kw_only=True)
class CasualtyClaim(Claim):
    kind: Kind = "casualties"
    outcome: str = "killed"
    count: int | None = None
    low: int | None = None
    high: int | None = None
    party: str = "unknown"
    actor: str | None = None
    perpetrator: str | None = None
    cumulative: bool = False
    since: dt.date | None = None
    id: str | None = None
    part_of: str | None = None

    def _kind_fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "outcome": self.outcome,
            "count": self.count,
            "low": self.low,
            "high": self.high,
            "party": self.party,
            "actor": self.actor,
            "perpetrator": self.perpetrator,
            "cumulative": self.cumulative,
            "since": self.since.isoformat() if self.since else None,
        }
        if self.id:
            out["id"] = self.id
        if self.part_of:
            out["part_of"] = self.part_of
        return out


@dataclass(slots=True, kw_only=True)
class ControlClaim(Claim):
    kind: Kind = "control"
    actor: str | None = None
    with_: list[str] = field(default_factory=list)
    from_actor: str | None = None
    extent: str = "all"
    change: str = "gained"
    count: int | None = None
    low: int | None = None
    high: int | None = None
    contested_by: list[ContestedBy] = field(default_factory=list)

    def _kind_fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "actor": self.actor,
            "with": list(self.with_),
            "from_actor": self.from_actor,
            "extent": self.extent,
            "change": self.change,
            "contested_by": [c.to_json() for c in self.contested_by],
        }
        if self.extent == "count":
            out.update(count=self.count, low=self.low, high=self.high)
        return out


@dataclass(slots=True, kw_only=True)
class EventClaim(Claim):
    kind: Kind = "event"
    event_type: str = ""
    sub_type: str = ""
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = None
    contested_by: list[ContestedBy] = field(default_factory=list)

    def _kind_fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "event_type": self.event_type,
            "sub_type": self.sub_type,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "fatalities": self.fatalities,
        }
        if self.contested_by:
            out["contested_by"] = [c.to_json() for c in self.contested_by]
        return out


AnyClaim = Union[CasualtyClaim, ControlClaim, EventClaim]


def claim_from_fact(fact: dict[str, Any]) -> AnyClaim:
    """Build a Claim from a FORMAT.md fact; raises ValueError on a malformed one."""
    if not isinstance(fact, dict):
        raise ValueError(f"a fact must be a JSON object, got {type(fact).__name__}")
    kind = fact.get("kind")
    common: dict[str, Any] = dict(
        source=fact.get("source") or "",
        date=DateRange.parse(fact.get("date")),
        place=Place.from_json(fact.get("place")),
        evidence=fact.get("evidence") or "",
        optional=bool(fact.get("optional", False)),
        note=fact.get("note"),
    )
    span = fact.get("span")
    if isinstance(span, (list, tuple)) and len(span) == 2:
        common["span"] = Span(int(span[0]), int(span[1]))
    contested = [ContestedBy(c.get("source", ""), c.get("claim", "")) for c in fact.get("contested_by") or []]
    if kind == "casualties":
        since = fact.get("since")
        return CasualtyClaim(
            **common,
            outcome=fact.get("outcome") or "killed",
            count=fact.get("count"),
            low=fact.get("low"),
            high=fact.get("high"),
            party=fact.get("party") or "unknown",
            actor=fact.get("actor"),
            perpetrator=fact.get("perpetrator"),
            cumulative=bool(fact.get("cumulative", False)),
            since=_iso_date(since) if isinstance(since, str) else None,
            id=fact.get("id"),
            part_of=fact.get("part_of"),
        )
    if kind == "control":
        return ControlClaim(
            **common,
            actor=fact.get("actor"),
            with_=list(fact.get("with") or []),
            from_actor=fact.get("from_actor"),
            extent=fact.get("extent") or "all",
            change=fact.get("change") or "gained",
            count=fact.get("count"),
            low=fact.get("low"),
            high=fact.get("high"),
            contested_by=contested,
        )
    if kind == "event":
        return EventClaim(
            **common,
            event_type=fact.get("event_type") or "",
            sub_type=fact.get("sub_type") or "",
            actor1=fact.get("actor1"),
            actor2=fact.get("actor2"),
            fatalities=fact.get("fatalities"),
            contested_by=contested,
        )
    raise ValueError(f"unknown fact kind {kind!r}: expected casualties, control or event")


@dataclass(slots=True)
class Event:
    """A fused event: one thing that happened, resting on one or more claims."""

    id: str
    event_type: str
    sub_type: str
    date: DateRange | None
    place: Place | None
    actor1: str | None = None
    actor2: str | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    grade: str = "weak"  # confirmed | fair | weak | contested | discounted
    claim_ids: list[int] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass(slots=True)
class LedgerEntry:
    """One figure of the casualty ledger and the claims it rests on."""

    party: str
    outcome: str
    low: int | None
    best: int | None
    high: int | None
    cumulative: bool
    source: str | None = None
    place: Place | None = None
    date: DateRange | None = None
    since: dt.date | None = None
    claim_ids: list[int] = field(default_factory=list)


@dataclass(slots=True)
class ControlChange:
    """One step of a place's control timeline."""

    place: Place
    date: DateRange | None
    actor: str | None
    change: str
    source: str
    from_actor: str | None = None
    with_: list[str] = field(default_factory=list)
    extent: str = "all"
    contested_by: list[ContestedBy] = field(default_factory=list)
    claim_id: int | None = None

