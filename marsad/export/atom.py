"""Atom (RFC 4287) feed of new and updated events, written entry by entry.

Each entry's id is a URN on the event id (stable across re-fusion), its
``updated`` the time the event last changed when the record knows it, else the
export time. ``Options.feed_limit`` caps the entries (a feed reader wants the
latest few hundred, not the archive).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from marsad.export.items import EventItem
from marsad.export.lexicon import actor_name, label
from marsad.export.options import Options

__all__ = ["write_atom", "entry_title"]


def _ts(value: object) -> str:
    text = value.isoformat()  # type: ignore[attr-defined]
    return text.replace("+00:00", "Z")


def entry_title(item: EventItem, lang: str = "en") -> str:
    e = item.event
    what = label("sub_types", e.sub_type, lang) or label("event_types", e.event_type, lang) or "event"
    where = e.place.name if e.place else ("?" if lang == "en" else "؟")
    when = e.date.start.isoformat() if e.date else ""
    joiner = " في " if lang == "ar" else " in "
    return f"{what}{joiner}{where} ({when})" if when else f"{what}{joiner}{where}"


def _summary(item: EventItem, lang: str) -> str:
    e = item.event
    actors = " / ".join(n for n in (actor_name(e.actor1, lang), actor_name(e.actor2, lang)) if n)
    fat = ""
    if e.fatalities_best is not None:
        fat = f"{e.fatalities_low}–{e.fatalities_best}–{e.fatalities_high}"
    parts = [
        f"{label('columns', 'actors', lang)}: {actors}" if actors else "",
        f"{label('columns', 'fatalities', lang)}: {fat}" if fat else "",
        f"{label('columns', 'grade', lang)}: {label('grades', e.grade, lang)}",
        f"{label('columns', 'sources', lang)}: {', '.join(actor_name(s, lang) for s in e.sources)}",
        f"{label('columns', 'claims', lang)}: {', '.join(str(c) for c in e.claim_ids)}",
    ]
    return ". ".join(p for p in parts if p)


def write_atom(items: Iterable[EventItem], out: TextIO, opts: Options) -> int:
    lang = opts.lang
    base = opts.base_url.rstrip("/")
    generated = _ts(opts.generated)
    title = "marsad — الأحداث" if lang == "ar" else "marsad — events"
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.write(f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">\n')
    out.write(f"  <id>urn:marsad:events:{lang}</id>\n  <title>{escape(title)}</title>\n")
    out.write(f"  <updated>{generated}</updated>\n  <author><name>marsad</name></author>\n")
    out.write(f'  <link rel="self" href={quoteattr(base + "/api/export/atom")}/>\n')
    out.write('  <generator version="0.1">marsad</generator>\n')
    selected = itertools.islice(items, opts.feed_limit) if opts.feed_limit else items
    n = 0
    for item in selected:
        e = item.event
        updated = _ts(item.updated.replace(microsecond=0)) if item.updated else generated
        out.write("  <entry>\n")
        out.write(f"    <id>urn:marsad:event:{escape(e.id)}</id>\n")
        out.write(f"    <title>{escape(entry_title(item, lang))}</title>\n")
        out.write(f"    <updated>{updated}</updated>\n")
        out.write(f'    <link rel="alternate" href={quoteattr(f"{base}/api/events/{e.id}")}/>\n')
        if e.event_type:
            out.write(f"    <category term={quoteattr(e.event_type)}/>\n")
        out.write(f"    <summary>{escape(_summary(item, lang))}</summary>\n")
        out.write("  </entry>\n")
        n += 1
    out.write("</feed>\n")
    return n
