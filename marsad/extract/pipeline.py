"""``extract_text`` / ``extract_document``: text + language + publication date → claims."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from marsad.extract.attribution import Attribution
from marsad.extract.casualties import extract_casualties
from marsad.extract.context import Doc
from marsad.extract.control import contest_by_denials, extract_control, link_contested
from marsad.extract.events import extract_events
from marsad.extract.lexicon import outlet_source, resolve_id
from marsad.model import AnyClaim, CasualtyClaim, ControlClaim, Document, EventClaim

__all__ = ["extract_text", "extract_document"]


def extract_text(text: str, lang: str | None, published: dt.date | None,
                 outlet: str | None = None, gazetteer: Any = None) -> list[AnyClaim]:
    """Claims stated in ``text``; a pure function of its arguments (``gazetteer``: the
    places to find, by default the built-in ones)."""
    from marsad.lang import analyze, detect_lang

    lang = lang or detect_lang(text)
    published = published or dt.date.today()
    analysis = analyze(text, lang, published)
    try:
        from marsad.geo import geoparse

        analysis.places = geoparse(analysis, gazetteer)
    except ImportError:  # geoparser not installed: claims without places
        analysis.places = []
    doc = Doc.build(text, lang, published, outlet, analysis)
    default = outlet_source(outlet) or _outlet_slug(outlet) or "unknown"
    att = Attribution.build(doc, default)
    casualties = extract_casualties(doc, att)
    control = extract_control(doc, att)
    link_contested(control)
    contest_by_denials(doc, att, control)
    events = extract_events(doc, att, casualties)
    _inherit_since(casualties, doc)
    claims: list[AnyClaim] = [c for c in (*casualties, *control, *events) if not _background(c, published)]
    for c in claims:
        _to_gold_ids(c)
    claims.sort(key=lambda c: c.span.start if c.span else 0)
    return claims


def extract_document(doc: Document, gazetteer: Any = None) -> list[AnyClaim]:
    return extract_text(doc.text, doc.lang, doc.published, doc.outlet, gazetteer)


_SINCE_WINDOW_DAYS = 92


def _inherit_since(casualties: list[Any], doc: Doc) -> None:
    """A running toll that names no start ("the toll of the days of fighting rose to 311")
    counts from the start the story gave before it ("the offensive launched on
    Wednesday"): the latest day-precise start point stated earlier, if it is recent
    (a "first time since 2016" is history, not the start of this count)."""
    starts = [d for d in doc.analysis.dates if d.role == "since" and d.range.precision in ("day", "span")
              and 0 <= (doc.published - d.range.start).days <= _SINCE_WINDOW_DAYS]
    if not starts:
        return
    for c in casualties:
        if c.cumulative and c.since is None and c.span is not None:
            before = [d for d in starts if d.end <= c.span.start]
            if before:
                c.since = before[-1].range.start


def _outlet_slug(outlet: str | None) -> str | None:
    """An outlet the lexicon lacks still speaks for itself: "Syria TV (Arabic)" -> syria-tv."""
    if not outlet:
        return None
    slug = re.sub(r"[^a-z0-9]+", "-", outlet.split("(")[0].lower()).strip("-")
    return slug or None


def _background(c: AnyClaim, published: dt.date) -> bool:
    """A claim about another year (history recalled in the story) is background."""
    if c.date is None:
        return False
    if c.date.precision == "year" and c.date.end.year < published.year:
        return True
    # a month of an earlier year, half a year back or more ("في نيسان/أبريل 2017")
    if c.date.precision == "month" and c.date.end.year < published.year \
            and (published - c.date.end).days > 180:
        return True
    return (published - c.date.end).days > 400


def _to_gold_ids(c: AnyClaim) -> None:
    c.source = resolve_id(c.source) or c.source
    if isinstance(c, CasualtyClaim):
        c.actor = resolve_id(c.actor)
        c.perpetrator = resolve_id(c.perpetrator)
    elif isinstance(c, ControlClaim):
        c.actor = resolve_id(c.actor)
        c.from_actor = resolve_id(c.from_actor)
        c.with_ = [x for x in dict.fromkeys(resolve_id(w) or w for w in c.with_) if x != c.actor]
    elif isinstance(c, EventClaim):
        c.actor1 = resolve_id(c.actor1)
        c.actor2 = resolve_id(c.actor2)
