"""What an exporter reads: an event with the context each export format asks for.

``marsad.model.Event`` carries the fused figures; ACLED, GED and the bulletin also
need the figures by party, the admin names and the articles an event rests on.
``EventItem`` bundles them so a writer never goes back to the database per row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from marsad.model import AnyClaim, Event

__all__ = ["Article", "Admin", "PartyFigure", "EventItem", "ClaimItem"]


@dataclass(slots=True)
class Article:
    """A report an event rests on (GED's source_article/source_office/source_date)."""

    outlet: str | None = None
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Admin:
    """Country (ISO 3166 alpha-2) and the admin names above an event's place."""

    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None


@dataclass(slots=True)
class PartyFigure:
    """Deaths of one party in one event, low/best/high over the sources that state them."""

    party: str  # civilian | state | nonstate | unknown | all
    low: int
    best: int
    high: int
    actor: str | None = None  # the victims' actor id when the claims name it
    claim_ids: list[int] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass(slots=True)
class EventItem:
    event: Event
    parties: list[PartyFigure] = field(default_factory=list)
    admin: Admin | None = None
    articles: list[Article] = field(default_factory=list)
    updated: dt.datetime | None = None


@dataclass(slots=True)
class ClaimItem:
    """A stored claim with its row id, document and status."""

    id: int
    document_id: int | None
    status: str
    claim: AnyClaim
