"""UCDP GED-style CSV: one row per event, deaths split by side from the party figures.

Deaths come from the event's casualty claims by party (``EventItem.parties``):
civilians → ``deaths_civilians``; a state or non-state party → the side it
belongs to (by the victims' actor id, else by which side is the state);
anything else → ``deaths_unknown``. A party ``all`` total counts only when no
figure by party exists (it would double-count them). With no party figures,
the event's own death toll goes to ``deaths_unknown``. ``best``/``low``/``high``
are the sums, so every figure traces to the ``claim_ids`` column.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from typing import TextIO

from marsad.export.items import Admin, EventItem, PartyFigure
from marsad.export.lexicon import actor_inter, actor_name
from marsad.export.options import Options, days, event_country

__all__ = ["GED_COLUMNS", "EXTRA_COLUMNS", "COLUMNS", "ged_row", "write_ged", "type_of_violence", "ged_id"]

GED_COLUMNS = (
    "id", "relid", "year", "active_year", "type_of_violence", "conflict_name", "dyad_name",
    "side_a", "side_b", "source_article", "source_office", "source_date", "where_prec",
    "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country", "region",
    "date_start", "date_end", "date_prec", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low",
)  # fmt: skip
EXTRA_COLUMNS = ("confidence_grade", "claim_ids")
COLUMNS = GED_COLUMNS + EXTRA_COLUMNS

_STATE_INTER = (1, 8)  # ACLED state forces, external state forces
_WHERE_PREC = {"point": 1, "city": 1, "district": 3, "governorate": 4, "region": 5, "country": 6}


def ged_id(event_id: str) -> int:
    """A stable integer id (GED's ``id`` is numeric): 48 bits of the event id's SHA-1."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:12], 16)


def _is_state(actor: str | None) -> bool:
    return actor_inter(actor) in _STATE_INTER


def type_of_violence(item: EventItem) -> int:
    """1 state-based (a government is a side), 2 non-state, 3 one-sided (against civilians)."""
    e = item.event
    if e.event_type == "Violence against civilians" or actor_inter(e.actor2) == 7:
        return 3
    if e.actor2 is None and any(p.party == "civilian" for p in item.parties):
        return 3
    if _is_state(e.actor1) or _is_state(e.actor2):
        return 1
    return 2


def _sides(item: EventItem, tov: int) -> tuple[str | None, str | None]:
    """Side ids; in state-based violence side A is the government, as in GED."""
    a, b = item.event.actor1, item.event.actor2
    if tov == 1 and not _is_state(a) and _is_state(b):
        a, b = b, a
    if tov == 3:
        b = None
    return a, b


def counted_parties(parties: list[PartyFigure]) -> list[PartyFigure]:
    """The figures by party, or the ``all`` total when there is no breakdown (never both)."""
    return [p for p in parties if p.party != "all"] or [p for p in parties if p.party == "all"]


def _split(parties: list[PartyFigure], side_a: str | None, side_b: str | None) -> dict[str, list[int]]:
    """low/best/high per GED deaths column."""
    out = {k: [0, 0, 0] for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")}
    by_party = counted_parties(parties)
    for p in by_party:
        if p.party == "civilian":
            col = "deaths_civilians"
        elif p.actor and p.actor == side_a:
            col = "deaths_a"
        elif p.actor and p.actor == side_b:
            col = "deaths_b"
        elif p.party == "state" and _is_state(side_a) != _is_state(side_b):
            col = "deaths_a" if _is_state(side_a) else "deaths_b"
        elif p.party == "nonstate" and side_a and side_b and _is_state(side_a) != _is_state(side_b):
            col = "deaths_b" if _is_state(side_a) else "deaths_a"
        else:
            col = "deaths_unknown"
        for i, v in enumerate((p.low, p.best, p.high)):
            out[col][i] += v
    return out


def _date_prec(item: EventItem) -> int:
    date = item.event.date
    if date is None:
        return 5
    n = days(date.start, date.end)
    return 1 if n == 1 else 2 if n <= 6 else 3 if n <= 7 else 4 if n <= 31 else 5


def ged_row(item: EventItem, opts: Options) -> list[object]:
    e = item.event
    ctry = event_country(item, opts)
    admin = item.admin or Admin()
    tov = type_of_violence(item)
    side_a_id, side_b_id = _sides(item, tov)
    side_a = actor_name(side_a_id) or "Unidentified armed group"
    side_b = "Civilians" if tov == 3 else (actor_name(side_b_id) or "Unidentified armed group")
    if item.parties:
        deaths = _split(item.parties, side_a_id, side_b_id)
        claim_ids = sorted({c for p in counted_parties(item.parties) for c in p.claim_ids})
    else:
        deaths = {k: [0, 0, 0] for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")}
        if e.fatalities_best is not None:
            best = e.fatalities_best
            deaths["deaths_unknown"] = [
                e.fatalities_low if e.fatalities_low is not None else best,
                best,
                e.fatalities_high if e.fatalities_high is not None else best,
            ]
        claim_ids = list(e.claim_ids)
    low, best, high = (sum(v[i] for v in deaths.values()) for i in range(3))
    place = e.place
    articles = item.articles
    name = ctry.en if ctry else ""
    return [
        ged_id(e.id),
        e.id,
        e.date.start.year if e.date else "",
        "",
        tov,
        f"{name}: Government" if tov == 1 and name else f"{side_a} - {side_b}",
        f"{side_a} - {side_b}",
        side_a,
        side_b,
        "; ".join(_article(a) for a in articles) or "; ".join(actor_name(s) for s in e.sources),
        "; ".join(sorted({a.outlet for a in articles if a.outlet})),
        "; ".join(sorted({a.published.isoformat() for a in articles if a.published})),
        _WHERE_PREC.get(place.level, 4) if place else 6,
        place.name if place else name,
        admin.admin1 or "",
        admin.admin2 or "",
        f"{place.lat:.5f}" if place and place.lat is not None else "",
        f"{place.lon:.5f}" if place and place.lon is not None else "",
        name,
        ctry.ged_region if ctry else "",
        e.date.start.isoformat() if e.date else "",
        e.date.end.isoformat() if e.date else "",
        _date_prec(item),
        deaths["deaths_a"][1],
        deaths["deaths_b"][1],
        deaths["deaths_civilians"][1],
        deaths["deaths_unknown"][1],
        best,
        high,
        low,
        e.grade,
        ";".join(str(c) for c in claim_ids),
    ]


def _article(a: object) -> str:
    parts = [getattr(a, "outlet", None), getattr(a, "published", None), getattr(a, "title", None) or getattr(a, "url", None)]
    return ", ".join(str(p) for p in parts if p)


def write_ged(items: Iterable[EventItem], out: TextIO, opts: Options) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    n = 0
    for item in items:
        writer.writerow(ged_row(item, opts))
        n += 1
    return n
