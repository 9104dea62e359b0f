"""The daily bulletin: the day's main events, casualties by party with sources,
control changes and a chart, as HTML and PDF, in Arabic (right to left) or English.

``build_bulletin`` gathers the day from any :class:`Record`; ``render_html`` fills
``templates/bulletin.html``; ``write_bulletin`` writes HTML, chart PNG and PDF
(weasyprint). Every figure printed lists the claims it rests on.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.export.filters import Filters
from marsad.export.items import EventItem
from marsad.export.lexicon import actor_name, label
from marsad.export.record import Record
from marsad.model import ControlChange, LedgerEntry, Place

__all__ = ["Bulletin", "PartyTally", "build_bulletin", "render_html", "render_chart", "write_bulletin", "bulletin_from_store"]

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_GRADE_RANK = {"confirmed": 0, "fair": 1, "contested": 2, "weak": 3, "discounted": 4}
_PARTY_RANK = {"civilian": 0, "state": 1, "nonstate": 2, "unknown": 3, "all": 4}
MAX_EVENTS = 25


@dataclass(slots=True)
class PartyTally:
    """Incident figures of one party and outcome on the day, summed over distinct events."""

    party: str
    outcome: str
    low: int = 0
    best: int = 0
    high: int = 0
    sources: set[str] = field(default_factory=set)
    claim_ids: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Bulletin:
    day: dt.date
    lang: str
    events: list[EventItem]
    n_events: int
    tallies: list[PartyTally]
    running: list[LedgerEntry]
    control: list[ControlChange]


def _on_day(entry_date: Any, day: dt.date) -> bool:
    return entry_date is not None and entry_date.start == entry_date.end == day


def build_bulletin(record: Record, day: dt.date, lang: str = "ar") -> Bulletin:
    """The day's record: events touching the day, incident tallies dated that day, running totals reported that day."""
    f = Filters(date_from=day, date_to=day)
    events = list(record.iter_events(f))
    events.sort(
        key=lambda it: (
            -(it.event.fatalities_best or 0),
            _GRADE_RANK.get(it.event.grade, 9),
            it.event.id,
        )
    )
    tallies: dict[tuple[str, str], PartyTally] = {}
    running: list[LedgerEntry] = []
    for entry in record.iter_ledger(f):
        if entry.cumulative:
            running.append(entry)
            continue
        if entry.party == "all" or not _on_day(entry.date, day) or entry.best is None:
            continue  # a total broken down into parts is not added to them
        t = tallies.setdefault((entry.party, entry.outcome), PartyTally(entry.party, entry.outcome))
        t.low += entry.low if entry.low is not None else entry.best
        t.best += entry.best
        t.high += entry.high if entry.high is not None else entry.best
        t.sources |= {s.strip() for s in (entry.source or "").split(",") if s.strip()}
        t.claim_ids += entry.claim_ids
    ordered = sorted(tallies.values(), key=lambda t: (t.outcome != "killed", t.outcome, _PARTY_RANK.get(t.party, 9)))
    running.sort(key=lambda e: (e.source or "", _PARTY_RANK.get(e.party, 9), e.outcome))
    control = sorted(record.iter_control(f), key=lambda c: (c.place.name, c.claim_id or 0))
    return Bulletin(day, lang, events[:MAX_EVENTS], len(events), ordered, running, control)


def place_name(place: Place | None, lang: str) -> str:
    """The place's name in ``lang`` from the built-in gazetteer (Arabic bulletin), else as stored."""
    if place is None:
        return ""
    if lang != "ar":
        return place.name
    try:
        from marsad.geo.gazetteer import Gazetteer

        entry = Gazetteer.builtin().get(place.id or (str(place.geonameid) if place.geonameid else None))
    except Exception:  # noqa: BLE001 - a missing gazetteer only costs the translation
        entry = None
    return (entry.name_ar if entry is not None and entry.name_ar else None) or place.name


def _date_text(day: dt.date, lang: str) -> str:
    return f"{day.day} {label('months', str(day.month), lang)} {day.year}"


def render_chart(b: Bulletin) -> bytes:
    """PNG: killed on the day by party, best with a low–high bar; Arabic shaped for matplotlib."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from marsad.export.arabic import font_properties, shape

    font = font_properties(11, b.lang)
    killed = [t for t in b.tallies if t.outcome == "killed"]
    names = [shape(label("parties", t.party, b.lang)) for t in killed]
    best = [t.best for t in killed]
    err = [[t.best - t.low for t in killed], [t.high - t.best for t in killed]]
    fig, ax = plt.subplots(figsize=(7.0, 0.6 + 0.55 * max(len(killed), 2)), dpi=150)
    if killed:
        y = list(range(len(killed)))
        ax.barh(y, best, xerr=err, color="#b2182b", ecolor="#333333", capsize=4, height=0.55)
        ax.set_yticks(y, names, fontproperties=font)
        for yi, v, hi in zip(y, best, err[1]):
            ax.text(v + hi, yi, f"  {v}  ", va="center", ha="right" if b.lang == "ar" else "left", fontproperties=font)
        ax.invert_yaxis()
        if b.lang == "ar":
            ax.invert_xaxis()  # bars grow from the right, as the page reads
            ax.yaxis.tick_right()
    else:
        ax.text(0.5, 0.5, shape(label("headings", "none", b.lang)), ha="center", va="center", fontproperties=font, transform=ax.transAxes)
        ax.set_yticks([])
    ax.set_title(shape(label("headings", "chart", b.lang)), fontproperties=font_properties(13, b.lang))
    for spine in ("top", "left" if b.lang == "ar" else "right"):
        ax.spines[spine].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def _event_row(item: EventItem, lang: str) -> dict[str, Any]:
    e = item.event
    fat = ""
    if e.fatalities_best is not None:
        fat = str(e.fatalities_best) if e.fatalities_low == e.fatalities_high else f"{e.fatalities_low}–{e.fatalities_best}–{e.fatalities_high}"
    actors = " ← ".join if lang == "ar" else " → ".join
    return {
        "id": e.id,
        "type": label("sub_types", e.sub_type, lang) or label("event_types", e.event_type, lang),
        "place": place_name(e.place, lang),
        "actors": actors([n for n in (actor_name(e.actor1, lang), actor_name(e.actor2, lang)) if n]),
        "fatalities": fat,
        "grade": label("grades", e.grade, lang),
        "grade_key": e.grade,
        "sources": "، ".join(actor_name(s, lang) for s in e.sources) if lang == "ar" else ", ".join(actor_name(s, lang) for s in e.sources),
        "claims": ", ".join(str(c) for c in e.claim_ids),
        "span": e.date is not None and e.date.start != e.date.end,
        "date": e.date.to_json() if e.date else "",
    }


def render_html(b: Bulletin, chart_png: bytes | None = None) -> str:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True)
    lang = b.lang
    sep = "، " if lang == "ar" else ", "

    def L(group: str, key: str) -> str:  # noqa: N802 - template helper
        return label(group, key, lang)

    return env.get_template("bulletin.html").render(
        lang=lang,
        dir="rtl" if lang == "ar" else "ltr",
        L=L,
        day=b.day.isoformat(),
        day_text=_date_text(b.day, lang),
        events=[_event_row(it, lang) for it in b.events],
        n_events=b.n_events,
        tallies=[
            {
                "party": L("parties", t.party),
                "outcome": L("outcomes", t.outcome),
                "low": t.low,
                "best": t.best,
                "high": t.high,
                "sources": sep.join(actor_name(s, lang) for s in sorted(t.sources)),
                "claims": ", ".join(str(c) for c in sorted(t.claim_ids)),
            }
            for t in b.tallies
        ],
        running=[
            {
                "source": actor_name(e.source, lang),
                "party": L("parties", e.party),
                "outcome": L("outcomes", e.outcome),
                "low": e.low,
                "best": e.best if e.best is not None else "",
                "high": e.high if e.high is not None else "",
                "since": e.since.isoformat() if e.since else "",
                "place": place_name(e.place, lang),
                "claims": ", ".join(str(c) for c in e.claim_ids),
            }
            for e in b.running
        ],
        control=[
            {
                "place": place_name(c.place, lang),
                "actor": sep.join(actor_name(a, lang) for a in [c.actor, *c.with_] if a),
                "change": L("changes", c.change),
                "from_actor": actor_name(c.from_actor, lang),
                "source": actor_name(c.source, lang),
                "contested": sep.join(actor_name(x.source, lang) for x in c.contested_by),
                "claim": c.claim_id if c.claim_id is not None else "",
            }
            for c in b.control
        ],
        chart=base64.b64encode(chart_png).decode("ascii") if chart_png else None,
    )


def write_bulletin(record: Record, day: dt.date, lang: str, out_dir: Path, *, pdf: bool = True) -> list[Path]:
    """Write ``bulletin-DAY-LANG.html`` (chart inline), the chart PNG and the PDF; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    b = build_bulletin(record, day, lang)
    chart = render_chart(b)
    stem = f"bulletin-{day.isoformat()}-{lang}"
    html = render_html(b, chart)
    paths = [out_dir / f"{stem}.html", out_dir / f"{stem}-chart.png"]
    paths[0].write_text(html, encoding="utf-8")
    paths[1].write_bytes(chart)
    if pdf:
        from weasyprint import HTML

        target = out_dir / f"{stem}.pdf"
        HTML(string=html, base_url=str(out_dir)).write_pdf(target)
        paths.append(target)
    return paths


def bulletin_from_store(day: dt.date, lang: str, out_dir: Path, *, db: str | None = None, pdf: bool = True) -> list[Path]:
    from marsad.export.store_record import StoreRecord
    from marsad.store import open_store

    with open_store(db) as store:
        return write_bulletin(StoreRecord(store.engine, store=store), day, lang, out_dir, pdf=pdf)
