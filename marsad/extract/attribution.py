"""Who said it: reporting verbs and phrases, carried across sentences, and denials.

For each sentence the cues are found once (``Attribution.build``); a claim at a position
takes the nearest cue before it in its sentence, else the nearest after it ("…, according
to the Observatory"), else the outlet. A cue without a named speaker ("وأضاف", "He added")
carries the previous speaker. ``نقل X عن Y`` / "quoting Y" gives the inner speaker Y.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.extract.context import Doc
from marsad.extract.lexicon import Mention, alternation, cues

__all__ = ["Attribution", "Cue"]

_COMPLEMENTIZER = re.compile(r"(?<!\S)[وف]?(?:[إأا]ن|[إأا]نه|[إأا]نها|[إأا]نهم|that)(?!\S)")
_WITNESS = "witness"


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    source: str | None
    kind: str  # verb | prep | deny
    explicit: bool = True


@dataclass(slots=True)
class Attribution:
    doc: Doc
    default: str
    cues: dict[int, list[Cue]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, default: str) -> "Attribution":
        att = cls(doc=doc, default=default)
        last: str | None = None
        last_para = -1
        for sent in doc.sentences:
            if sent.para - last_para > 2:
                last = None
            found = att._sentence_cues(sent.start, sent.end)
            for cue in found:
                if cue.source is None and cue.kind == "verb" and att._carries(cue):
                    cue.source = last
                    cue.explicit = False
                if cue.source and cue.kind != "deny":
                    last = cue.source
            att.cues[sent.idx] = found
            if found:
                last_para = sent.para
        return att

    def _carries(self, cue: Cue) -> bool:
        """A verb without a named speaker carries the last one only when nothing else is
        its subject ("وأضاف أن…", "He added", "وتابع:")."""
        text = self.doc.text
        if text[cue.start:cue.end].lstrip("و").startswith("رفع"):
            return True
        after = text[cue.end:cue.end + 14]
        before = text[max(0, cue.start - 12):cue.start]
        if re.match(r"\s*([:،,\"“«]|[وف]?[إأا]ن(ه|ها|هم)?(?!\S)|that\b|on\b|in\b)", after):
            return True
        if re.search(r"\b(he|she|they|it)\s+$", before, re.I):
            return True
        if any(d.start - cue.end <= 3 and d.start >= cue.end for d in self.doc.analysis.dates):
            return True
        if re.match(r"\s*(مجددا|أيضا|كذلك|لاحقا|في بيان|في تصريح|لوكالة|ل)", after):
            return True
        return False

    def _speaker(self, mentions: list[Mention]) -> str | None:
        for m in mentions:
            sid = self.doc.source_id(m)
            if sid and sid != "civilians":
                return sid
        return None

    def _sentence_cues(self, start: int, end: int) -> list[Cue]:
        doc = self.doc
        actors = [m for m in doc.find("actor", start, end) if m.cat != "adj"]
        out: list[Cue] = []
        for m in doc.find("report", start, end):
            if m.cat == "quotes":
                continue
            if m.cat == "transmit":
                continue
            if m.cat == "preps":
                after = [a for a in actors if m.end <= a.start <= m.end + 40]
                out.append(Cue(m.start, m.end, self._speaker(after), "prep"))
                continue
            out.append(Cue(m.start, m.end, self._verb_speaker(m, actors, end), "verb"))
        for m in doc.find("deny", start, end):
            after = [a for a in actors if m.end <= a.start <= m.end + 40]
            before = [a for a in actors if m.start - 60 <= a.end <= m.start]
            src = self._speaker(after[:1]) or self._speaker(list(reversed(before))[:1])
            out.append(Cue(m.start, m.end, src, "deny"))
        out.sort(key=lambda c: c.start)
        # a speaker named after "عن" of a transmit verb ("نقلت سانا عن مصدر عسكري") wins
        for m in doc.find("report", start, end, "transmit"):
            after = [a for a in actors if m.end <= a.start <= m.end + 25]
            inner = self._speaker(after[:1])
            if inner:
                for cue in out:
                    if cue.start <= m.start and cue.kind == "verb":
                        cue.source = inner
        return out

    def _verb_speaker(self, m: Mention, actors: list[Mention], end: int) -> str | None:
        text = self.doc.text
        if self.doc.lang == "ar":
            stop = _COMPLEMENTIZER.search(text, m.end, min(end, m.end + 90))
            limit = min(stop.start() if stop else end, m.end + 35)
            after = [a for a in actors if m.end <= a.start < limit]
            if after:
                return self._speaker(after)
            before = [a for a in actors if m.start - 3 <= a.end <= m.start]
            return self._speaker(list(reversed(before)))
        # never across a contrast ("…, according to the Observatory, while the army said…")
        floor = max(m.start - 90, _contrast_start(text, m.start))
        before = [a for a in actors if floor <= a.start and a.end <= m.start]
        # English: "X said", "X, a medic, said": a named source first, an armed actor only next to the verb
        srcs = [a for a in before if any(self.doc.source_id(a) == v for v in a.values)]
        sid = self._speaker(list(reversed(srcs)))
        if sid:
            return sid
        close = [a for a in before if m.start - a.end <= 25]
        sid = self._speaker(list(reversed(close)))
        if sid:
            return sid
        after = [a for a in actors if m.end <= a.start <= m.end + 25]
        return self._speaker(after)

    # -- queries ----------------------------------------------------------------------
    def source_at(self, pos: int) -> str:
        sent = self.doc.sentence_at(pos)
        cues = [c for c in self.cues.get(sent.idx, []) if c.kind != "deny" and c.source]
        before = [c for c in cues if c.start <= pos]
        if before:
            return before[-1].source or self.default
        after = [c for c in cues if c.start > pos]
        if after:
            return after[0].source or self.default
        return self.default

    def denial_before(self, pos: int) -> Cue | None:
        """A denial cue governing ``pos`` (same sentence, before it)."""
        sent = self.doc.sentence_at(pos)
        for c in self.cues.get(sent.idx, []):
            if c.kind == "deny" and c.start <= pos and pos - c.end < 80:
                return c
        return None

    def denials(self) -> list[Cue]:
        return [c for cues in self.cues.values() for c in cues if c.kind == "deny"]


_CONTRAST_EN = re.compile(r"\b(?:" + alternation(cues()["contrast_en"]) + r")\b", re.I)


def _contrast_start(text: str, pos: int) -> int:
    """Where the clause of ``pos`` begins after the last contrast word before it (English)."""
    last = None
    for last in _CONTRAST_EN.finditer(text, max(0, pos - 90), pos):
        pass
    return last.end() if last else 0
