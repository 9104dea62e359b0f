"""Generated events for benchmarks and load tests: deterministic, any number, no storage.

``synthetic_record(n)`` yields ``n`` events over Syrian towns with party figures,
claim ids and articles, generated lazily so a million-event export can be timed
without first holding a million objects.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from marsad.export.items import Admin, Article, ClaimItem, EventItem, PartyFigure
from marsad.export.record import MemoryRecord
from marsad.model import CasualtyClaim, ControlChange, DateRange, Event, LedgerEntry, Place

__all__ = ["synthetic_events", "synthetic_record"]

_TOWNS = (
    ("Aleppo", "170063", 36.20124, 37.16117, "Aleppo", "Jebel Saman"),
    ("Saraqib", "164816", 35.86403, 36.80621, "Idleb", "Idleb"),
    ("Idlib", "169389", 35.93062, 36.63393, "Idleb", "Idleb"),
    ("Hama", "170017", 35.13179, 36.75783, "Hama", "Hama"),
    ("Deir ez-Zor", "170794", 35.33588, 40.14084, "Deir-ez-Zor", "Deir-ez-Zor"),
)
_TYPES = (
    ("Battles", "Armed clash", "hts", "syria-military"),
    ("Explosions/Remote violence", "Air/drone strike", "russia-military", "opposition"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "syria-military", None),
    ("Strategic developments", "Non-state actor overtakes territory", "hts", None),
)
_GRADES = ("confirmed", "fair", "weak", "weak", "contested")
_SOURCES = ("sohr", "state-media", "afp")


def synthetic_events(n: int, seed: int = 7, start: dt.date = dt.date(2024, 1, 1)) -> Iterator[EventItem]:
    rng = random.Random(seed)
    for i in range(n):
        name, gid, lat, lon, adm1, adm2 = _TOWNS[i % len(_TOWNS)]
        etype, sub, a1, a2 = _TYPES[rng.randrange(len(_TYPES))]
        day = start + dt.timedelta(days=i % 700)
        base = 4 * i + 1
        civ = rng.randrange(0, 6)
        fighters = rng.randrange(0, 4)
        parties = []
        if civ:
            parties.append(PartyFigure("civilian", civ, civ, civ + rng.randrange(0, 3), None, [base + 1], ["sohr"]))
        if fighters and a2:
            party = "state" if a2 == "syria-military" else "nonstate"
            parties.append(PartyFigure(party, fighters, fighters, fighters, a2, [base + 2], ["sohr"]))
        total = sum(p.best for p in parties)
        event = Event(
            id=f"ev{i:08d}",
            event_type=etype,
            sub_type=sub,
            date=DateRange.day(day),
            place=Place(name=name, level="city", geonameid=int(gid), lat=lat + (i % 97) * 1e-4, lon=lon, id=gid),
            actor1=a1,
            actor2=a2,
            fatalities_low=total if total else None,
            fatalities_best=total if total else None,
            fatalities_high=total + 2 if total else None,
            grade=_GRADES[i % len(_GRADES)],
            claim_ids=[base, base + 1, base + 2],
            sources=sorted(set(_SOURCES[: 1 + i % 3])),
        )
        yield EventItem(
            event=event,
            parties=parties,
            admin=Admin("SY", adm1, adm2),
            articles=[Article("AFP", day, f"Report {i}", None)],
            updated=dt.datetime(2024, 12, 1, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=i),
        )


def _claims(n: int) -> Iterator[ClaimItem]:
    for item in synthetic_events(n):
        e = item.event
        for p in item.parties:
            claim = CasualtyClaim(source="sohr", date=e.date, place=e.place, count=p.best, party=p.party, evidence="synthetic")
            yield ClaimItem(p.claim_ids[0], 1, "active", claim)


def _ledger(n: int) -> Iterator[LedgerEntry]:
    for item in synthetic_events(n):
        for p in item.parties:
            yield LedgerEntry(p.party, "killed", p.low, p.best, p.high, False, "sohr", item.event.place, item.event.date, None, list(p.claim_ids))


def _control(n: int) -> Iterator[ControlChange]:
    for item in synthetic_events(n):
        e = item.event
        if e.sub_type == "Non-state actor overtakes territory" and e.place is not None:
            yield ControlChange(e.place, e.date, e.actor1, "gained", "sohr", claim_id=e.claim_ids[0])


def synthetic_record(n: int, seed: int = 7) -> MemoryRecord:
    """A record of ``n`` generated events (claims, ledger and control derived from them)."""
    return MemoryRecord(
        events=lambda: synthetic_events(n, seed),
        claims=lambda: _claims(n),
        ledger=lambda: _ledger(n),
        control=lambda: _control(n),
        n_events=n,
    )
