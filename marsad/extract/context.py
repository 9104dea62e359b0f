"""One document as the rules see it: sentences, clauses, lexicon mentions, dates, places.

Built once per document; every rule module asks it the same questions (what is in this
clause, which date and place govern this position, who is speaking here).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from marsad.extract.lexicon import Mention, actors, alternation, cues, scan
from marsad.lang.analysis import Analysis, DateMention, NumberMention, PlaceMention
from marsad.model import DateRange, Place

__all__ = ["Doc", "Sentence", "LEVEL_RANK", "ALLEGIANCE"]

# more specific first
LEVEL_RANK = {"point": 0, "city": 1, "district": 2, "region": 3, "governorate": 3, "country": 5}
_CLAUSE_BREAK = re.compile(r"[،;؛:()\[\]]|,(?!\d{3})|\s(?:في حين|بينما|فيما|لكن|غير أن|while|whereas|but|however)\s")
# "الموالية لأنقرة", "pro-Ankara", "Moscow-backed": a capital named for its allegiance, not a location
ALLEGIANCE = re.compile(r"(موال\w*|تابع\w*|مدعوم\w*|حليف\w*)\s+\w?ل?\s*$|pro-\s*$|(backed|allied)\s+by\s+$")
_LOOKBACK_SENTENCES = 3
# "since the offensive began on 27 November", "منذ بدء الهجوم في 27 تشرين الثاني": the date a count starts
_BEGAN_ON = re.compile(r"(?:\bsince\b[^.,;]{0,35}\b(?:" + alternation(cues()["count_start"]["en"]) + r")\s+(?:on|in)"
                       r"|منذ\s+(?:" + alternation(cues()["count_start"]["ar"]) + r")[^،.]{0,35}(?:في|يوم))\s*$", re.I)
_STATE_IDS = frozenset({"pro-government", "iran-backed-militias", "hezbollah"})


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    para: int
    idx: int


@dataclass(slots=True)
class Doc:
    """Text, analysis and mentions of one document."""

    text: str
    lang: str
    published: dt.date
    outlet: str | None
    analysis: Analysis
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    generic: dict[str, str] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)
    _clauses: list[int] = field(default_factory=list)
    _by_group: dict[str, tuple[list[Mention], list[int]]] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)  # per-document answers several rules ask for

    @classmethod
    def build(cls, text: str, lang: str, published: dt.date, outlet: str | None,
              analysis: Analysis) -> "Doc":
        doc = cls(text=text, lang=lang, published=published, outlet=outlet, analysis=analysis)
        doc.mentions = scan(text, lang)
        for m in doc.mentions:
            ms, starts = doc._by_group.setdefault(m.group, ([], []))
            ms.append(m)
            starts.append(m.start)
        doc._sentences()
        doc._clauses = sorted({0, len(text)} | {m.start() for m in _CLAUSE_BREAK.finditer(text)})
        doc._resolve_generic()
        return doc

    # -- structure -------------------------------------------------------------------
    def _sentences(self) -> None:
        spans = list(self.analysis.sentences) or _split_sentences(self.text)
        merged: list[tuple[int, int]] = []
        for s, e in spans:
            if merged and self.text[merged[-1][0]:merged[-1][1]].rstrip().endswith(("…", "...")) \
                    and "\n" not in self.text[merged[-1][1]:s]:
                merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
        spans = merged
        # paragraphs: blank-line or newline separated blocks
        breaks = [m.start() for m in re.finditer(r"\n", self.text)]
        out = []
        for i, (s, e) in enumerate(spans):
            # a sentence never crosses a line break in these texts
            pieces = [s] + [b + 1 for b in breaks if s < b < e] + [e]
            for a, b in zip(pieces, pieces[1:]):
                if self.text[a:b].strip():
                    out.append((a, b))
        for i, (s, e) in enumerate(out):
            para = bisect.bisect_right(breaks, s)
            self.sentences.append(Sentence(s, e, para, i))
        self._starts = [s.start for s in self.sentences]

    def sentence_at(self, pos: int) -> Sentence:
        i = max(0, bisect.bisect_right(self._starts, pos) - 1)
        return self.sentences[i] if self.sentences else Sentence(0, len(self.text), 0, 0)

    def clause_at(self, pos: int) -> tuple[int, int]:
        sent = self.sentence_at(pos)
        i = bisect.bisect_right(self._clauses, pos)
        start = max(self._clauses[i - 1] if i else 0, sent.start)
        end = min(self._clauses[i] if i < len(self._clauses) else len(self.text), sent.end)
        return start, end

    def find(self, group: str, start: int, end: int, cat: str | None = None) -> list[Mention]:
        """Mentions of a group inside [start, end), in text order (bisect on the group's starts)."""
        ms, starts = self._by_group.get(group, ([], []))
        out = []
        for i in range(bisect.bisect_left(starts, max(start, 0)), len(ms)):
            m = ms[i]
            if m.start >= end:
                break
            if m.end <= end and (cat is None or m.cat == cat or m.cat.startswith(cat + ".")):
                out.append(m)
        return out

    # -- actors ----------------------------------------------------------------------
    def _resolve_generic(self) -> None:
        lex = actors()
        counts = Counter(v for m in self.mentions if m.group == "actor" for v in m.values)
        for entry in lex.values():
            if entry.refers:
                best = max(entry.refers, key=lambda r: (counts.get(r, 0), -entry.refers.index(r)))
                self.generic[entry.id] = best

    def armed(self, m: Mention) -> str | None:
        """The armed actor a mention names (adjectives and generic words included)."""
        lex = actors()
        for v in m.values:
            e = lex.get(v)
            if e is None:
                continue
            if e.kind == "armed" or m.cat == "adj":
                return v
            if e.kind == "generic":
                return self.generic.get(v)
        return None

    def source_id(self, m: Mention) -> str | None:
        """The source id a mention names when it speaks."""
        lex = actors()
        for v in m.values:
            if lex.get(v) and lex[v].kind == "source":
                return v
        for v in m.values:
            e = lex.get(v)
            if e and e.kind == "armed" and m.cat != "adj":
                return e.statement or v
            if e and e.kind == "generic":
                return self.generic.get(v)
        return None

    @staticmethod
    def party_of(actor_id: str | None) -> str:
        if actor_id is None:
            return "unknown"
        if actor_id == "civilians":
            return "civilian"
        if actor_id == "unidentified":
            return "unknown"
        e = actors().get(actor_id)
        if e and (e.inter in (1, 8) or actor_id in _STATE_IDS or e.same_as in _STATE_IDS):
            return "state"
        return "nonstate"

    # -- dates -----------------------------------------------------------------------
    def dates_in(self, start: int, end: int) -> list[DateMention]:
        return [d for d in self.analysis.dates if start <= d.start and d.end <= end]

    def date_at(self, pos: int, *, document: bool = False) -> DateRange:
        """Nearest date in the sentence, else the last dated sentence of the paragraph,
        else (``document``) the last date stated before it in the text, else the
        publication day."""
        sent = self.sentence_at(pos)
        points = [d for d in self.dates_in(sent.start, sent.end) if d.role == "point"
                  and d.range.start <= self.published]
        if points:
            best = min(points, key=lambda d: abs((d.start + d.end) // 2 - pos))
            return best.range
        for prev in reversed(self.sentences[: sent.idx]):
            if prev.para != sent.para:
                break
            # a bare past year in an earlier sentence is history ("secured in 2020"), not
            # the date of the story the paragraph tells
            pts = [d for d in self.dates_in(prev.start, prev.end) if d.role == "point"
                   and d.range.start <= self.published
                   and not (d.range.precision == "year" and d.range.end.year < self.published.year)]
            if pts:
                return pts[-1].range
        if document:
            # an incident page states its date once, at the top ("Date: 7 April 2017")
            pts = [d for d in self.analysis.dates if d.end <= sent.start and d.role == "point"
                   and d.range.start <= self.published and d.range.precision == "day"]
            if pts:
                return pts[-1].range
        return DateRange.day(self.published)

    def since_in(self, start: int, end: int) -> dt.date | None:
        for d in self.dates_in(start, end):
            if d.role == "since" or self.text[max(0, d.start - 12):d.start].strip().endswith(("منذ", "since", "في")) \
                    or _BEGAN_ON.search(self.text[max(0, d.start - 50):d.start]):
                if d.range.start <= self.published:
                    return d.range.start
        return None

    # -- places ----------------------------------------------------------------------
    def places_in(self, start: int, end: int) -> list[PlaceMention]:
        return [p for p in self.analysis.places if start <= p.start and p.end <= end]

    def place_near(self, pos: int, start: int, end: int, *, after_first: bool = True) -> Place | None:
        """The most specific place in [start, end), nearest to ``pos`` (after it first)."""
        found = [p for p in self.places_in(start, end) if not self._allegiance(p)]
        cands = [p for p in found if p.place.level != "country"] or found
        if not cands:
            return None
        def key(p: PlaceMention) -> tuple[int, int, int]:
            after = 0 if (p.start >= pos) == after_first else 1
            return (LEVEL_RANK.get(p.place.level, 4) // 2, after, abs(p.start - pos))
        return min(cands, key=key).place

    def incident_place(self, pos: int, clause: tuple[int, int], *, document_fallback: bool = False) -> Place | None:
        """Where what is said at ``pos`` happened: the place of its clause, else of its
        sentence, else of the nearest earlier sentence of its paragraph that names one,
        else (``document_fallback``, for one incident) the town the document is about."""
        place = self.place_near(pos, clause[0], clause[1]) or self._sentence_place(pos)
        if place is None:
            sent = self.sentence_at(pos)
            for prev in list(reversed(self.sentences[: sent.idx]))[:_LOOKBACK_SENTENCES]:
                if "\n\n" in self.text[prev.end:sent.start]:
                    break  # a new section
                place = self._sentence_place(prev.start)
                if place is not None:
                    break
        if place is None and document_fallback:
            place = self.last_place(len(self.text))
        return place

    def _allegiance(self, p: PlaceMention) -> bool:
        """"الموالية لأنقرة": the place names whom someone is loyal to, not where."""
        return bool(ALLEGIANCE.search(self.text[max(0, p.start - 14):p.start]))

    def _sentence_place(self, pos: int) -> Place | None:
        sent = self.sentence_at(pos)
        cands = [p for p in self.places_in(sent.start, sent.end) if p.place.level != "country" and not self._allegiance(p)]
        if not cands:
            return None
        return min(cands, key=lambda p: (LEVEL_RANK.get(p.place.level, 4) // 2, abs(p.start - pos))).place

    def last_place(self, before: int, levels: tuple[str, ...] = ("city", "point")) -> Place | None:
        """"The city": the most mentioned place of that kind so far (the latest on a tie)."""
        counts: dict[str, list] = {}
        for i, p in enumerate(self.analysis.places):
            if p.start >= before:
                break
            if p.place.level in levels:
                entry = counts.setdefault(p.place.name, [0, 0, p.place])
                # a place the text calls a city/town counts double
                called = re.search(r"(مدينة|بلدة|قرية|city|town|village)\s*(of\s*)?$",
                                   self.text[max(0, p.start - 12):p.start]) or p.text.startswith(("مدينة", "بلدة"))
                entry[0] += 2 if called else 1
                entry[1] = i
        if not counts:
            return None
        return max(counts.values(), key=lambda e: (e[0], e[1]))[2]

    def region_cue(self, start: int, end: int) -> Place | None:
        for m in self.find("regions", start, end):
            return Place(name=m.values[0], level="region")
        return None

    def has(self, group: str, start: int, end: int, cat: str | None = None) -> bool:
        return bool(self.find(group, start, end, cat))

    def numbers_in(self, start: int, end: int) -> list[NumberMention]:
        return [n for n in self.analysis.numbers if start <= n.start and n.end <= end]


def _split_sentences(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for m in re.finditer(r"[.!?؟\n]+(?=\s|$)", text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out
