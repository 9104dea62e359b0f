"""Builders for fusion scenarios: short model objects written for these tests."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from marsad.fuse.records import ClaimRecord
from marsad.model import CasualtyClaim, ControlClaim, ContestedBy, DateRange, Document, EventClaim, Place

ALEPPO = Place("Aleppo", "city", geonameid=170063, lat=36.20124, lon=37.16117)
IDLIB = Place("Idlib", "city", geonameid=169389, lat=35.93062, lon=36.63393)
SARAQIB = Place("Saraqib", "city", geonameid=164816, lat=35.86447, lon=36.80591)
NORTH = Place("northern Syria", "region")

_ids = itertools.count(1)


def day(text: str) -> DateRange:
    return DateRange.parse(text)  # type: ignore[return-value]


def span(a: str, b: str) -> DateRange:
    return DateRange.parse({"from": a, "to": b})  # type: ignore[return-value]


def doc(doc_id: str, text: str, published: str, *, lang: str = "en", outlet: str | None = None) -> Document:
    return Document(text=text, id=doc_id, lang=lang, published=dt.date.fromisoformat(published), outlet=outlet)


def rec(claim: Any, doc_id: str, published: str, *, status: str = "active", claim_id: int | None = None) -> ClaimRecord:
    return ClaimRecord(
        id=claim_id if claim_id is not None else next(_ids),
        claim=claim,
        doc_id=doc_id,
        published=dt.date.fromisoformat(published),
        status=status,
    )


def strike(source: str, when: str, place: Place = ALEPPO, **kw: Any) -> EventClaim:
    fields: dict[str, Any] = dict(
        event_type="Explosions/Remote violence",
        sub_type="Air/drone strike",
        actor1="russia-military",
        evidence="warplanes struck the city",
    )
    fields.update(kw)
    return EventClaim(source=source, date=day(when), place=place, **fields)


def killed(source: str, when: str, count: int, party: str = "civilian", place: Place | None = ALEPPO, **kw: Any) -> CasualtyClaim:
    return CasualtyClaim(source=source, date=day(when), place=place, count=count, party=party, evidence=f"{count} killed", **kw)


def control(source: str, when: Any, actor: str, change: str = "gained", place: Place = ALEPPO, **kw: Any) -> ControlClaim:
    date = when if isinstance(when, DateRange) else day(when)
    return ControlClaim(source=source, date=date, place=place, actor=actor, change=change, evidence=f"{actor} {change}", **kw)


__all__ = ["ALEPPO", "IDLIB", "SARAQIB", "NORTH", "day", "span", "doc", "rec", "strike", "killed", "control", "ContestedBy"]
