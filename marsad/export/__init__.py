"""Exports in the formats the field uses: ACLED and UCDP GED CSV, GeoJSON, Parquet, Atom, bulletins.

Writers read a :class:`~marsad.export.record.Record` (events with their party
figures, claims, ledger, control) as iterators and stream, so the size of an
export does not bound memory. ``FORMATS`` is the registry the CLI and API use.
"""

from marsad.export.filters import Filters
from marsad.export.items import Admin, Article, ClaimItem, EventItem, PartyFigure
from marsad.export.options import Options
from marsad.export.record import MemoryRecord, Record
from marsad.export.registry import FORMATS, Format, export, get_format

__all__ = [
    "FORMATS",
    "Format",
    "export",
    "get_format",
    "Filters",
    "Options",
    "Record",
    "MemoryRecord",
    "EventItem",
    "ClaimItem",
    "PartyFigure",
    "Admin",
    "Article",
]
