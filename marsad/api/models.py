"""Response and request bodies, for the OpenAPI document and input validation.

Responses are built as dicts by ``marsad.api.queries``; these models describe
them (extra fields allowed) so ``/openapi.json`` documents what a client gets.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "DateSpan",
    "PlaceRef",
    "DocumentOut",
    "ClaimOut",
    "EventOut",
    "EventDetail",
    "Paged",
    "DocumentPage",
    "ClaimPage",
    "EventPage",
    "Clusters",
    "Timeline",
    "Ledger",
    "ControlTimeline",
    "Holder",
    "SearchResult",
    "Health",
    "DocumentIn",
    "Ingested",
    "ClaimCorrection",
    "MergeIn",
    "SplitIn",
]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class DateSpan(_Open):
    from_: str | None = Field(None, alias="from")
    to: str | None = None


class PlaceRef(_Open):
    name: str | None = None
    id: str | None = None
    lat: float | None = None
    lon: float | None = None


class DocumentOut(_Open):
    id: int
    key: str
    lang: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    text: str | None = Field(None, description="Full text; null unless the caller may read texts.")


class ClaimOut(_Open):
    id: int
    document_id: int
    kind: str
    source: str
    date: DateSpan | None = None
    place: PlaceRef | None = None
    evidence: str
    span: list[int] | None = Field(None, description="[start, end) character offsets of the evidence in the document text.")
    status: str
    fact: dict[str, Any]
    document: DocumentOut | None = None


class Fatalities(_Open):
    low: int | None = None
    best: int | None = None
    high: int | None = None


class EventOut(_Open):
    id: str
    event_type: str
    sub_type: str
    date: DateSpan | None = None
    place: PlaceRef | None = None
    actor1: str | None = None
    actor2: str | None = None
    fatalities: Fatalities
    grade: str
    sources: list[str]
    claim_ids: list[int]


class EventDetail(EventOut):
    claims: list[ClaimOut]


class Paged(_Open):
    total: int
    limit: int
    offset: int


class DocumentPage(Paged):
    items: list[DocumentOut]


class ClaimPage(Paged):
    items: list[ClaimOut]


class EventPage(Paged):
    items: list[EventOut]


class Cluster(_Open):
    lat: float
    lon: float
    count: int
    fatalities: int
    event_type: str
    event_id: str | None = None


class Clusters(_Open):
    zoom: int
    cell_deg: float
    total: int
    cells: list[Cluster]


class Timeline(_Open):
    unit: str
    bins: list[dict[str, Any]]
    control_changes: list[dict[str, Any]]


class Ledger(_Open):
    outcome: str
    parties: list[dict[str, Any]]


class ControlTimeline(_Open):
    place: str
    changes: list[dict[str, Any]]


class Holder(_Open):
    place: str
    date: str
    actor: str | None = None
    source: str | None = None


class SearchResult(_Open):
    items: list[dict[str, Any]]
    total: int


class Health(_Open):
    status: str
    database: str


class DocumentIn(BaseModel):
    """A report to ingest, in the docs.jsonl shape."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(..., min_length=1, max_length=2_000_000)
    id: str | None = Field(None, max_length=200)
    lang: str | None = Field(None, max_length=8)
    published: dt.date | None = None
    outlet: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=2000)


class Ingested(_Open):
    document_id: int
    duplicate: bool
    claims: int


class ClaimCorrection(BaseModel):
    """An analyst's verdict on a claim; ``wrong``/``retracted`` discount it everywhere."""

    model_config = ConfigDict(extra="forbid")
    status: Literal["active", "wrong", "retracted"]
    note: str | None = Field(None, max_length=2000)


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event_ids: list[str] = Field(..., min_length=2, max_length=100)


class SplitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    claim_ids: list[int] = Field(..., min_length=1, max_length=1000)
