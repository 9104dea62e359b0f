"""Event claims (ACLED types): one per incident, actor1 the attacker, actor2 the target.

Trigger words of one clause form one event; the most specific sub-type wins (a chemical
attack by barrel bomb is a chemical attack, a barrel-bomb "قصف" is an air strike).
Unknown attackers are ``unidentified``; a denied or habitual action is no event.
"""

from __future__ import annotations

import re

from marsad.extract.attribution import Attribution
from marsad.extract.context import LEVEL_RANK, Doc
from marsad.extract.lexicon import Mention, acled_types, statement_actor
from marsad.lang.analysis import PlaceMention
from marsad.model import CasualtyClaim, ContestedBy, EventClaim, Place, Span

__all__ = ["extract_events"]

# most specific first
_PRIORITY = [
    "Chemical weapon", "Suicide bomb", "Remote explosive/landmine/IED", "Air/drone strike",
    "Shelling/artillery/missile attack", "Abduction/forced disappearance", "Attack",
    "Looting/property destruction", "Disrupted weapons use", "Excessive force against protesters",
    "Protest with intervention", "Peaceful protest", "Violent demonstration", "Armed clash",
]
_EMITTED = frozenset(_PRIORITY)
_NEGATION = re.compile(r"(لم|لا|دون|بدون|بوقف|وقف|no|not|without|end to|stop)\s+(\S+\s+){0,2}$")
_BETWEEN = re.compile(r"(?<!\S)(بين|between)\s")
_CLOCK_AFTER = re.compile(r"\W*(local )?time\b")
_CLOCK_BEFORE = re.compile(r"(بتوقيت|توقيت)\s*$")
_IN_BEFORE = re.compile(r"(inside|in|within|across|داخل|في|ب)\s*$")
_LIST_GAP = re.compile(r"\s*(,|،|\||and|or|as well as|و|أو)?\s*(the )?((town|village|city|towns|villages|cities) of )?(مدينة |بلدة |قرية |بلدات |قرى )?(و)?")
_TARGET = re.compile(r"(على|ضد|استهدف\S*|targeting|against|on|at)\s*$")


def extract_events(doc: Doc, att: Attribution, casualties: list[CasualtyClaim]) -> list[EventClaim]:
    out: list[EventClaim] = []
    types = acled_types()
    for sent in doc.sentences:
        trigs = [m for m in doc.find("events", sent.start, sent.end) if m.cat in _EMITTED]
        if not trigs:
            continue
        # group by clause
        groups: dict[tuple[int, int], list[Mention]] = {}
        for t in trigs:
            groups.setdefault(doc.clause_at(t.start), []).append(t)
        for cl, ts in groups.items():
            if doc.find("habitual", cl[0], cl[1]) or doc.find("habitual", sent.start, min(sent.end, sent.start + 40)):
                continue
            if att.denial_before(ts[0].start):
                continue
            ts = [t for t in ts if not _NEGATION.search(doc.text[max(cl[0], t.start - 25):t.start])]
            if not ts or doc.find("toll", cl[0], cl[1]):
                continue
            sub = min((t.cat for t in ts), key=_PRIORITY.index)
            trig = next(t for t in ts if t.cat == sub)
            if sub == "Shelling/artillery/missile attack" and doc.lang == "ar" and doc.find("events", sent.start, sent.end, "Air/drone strike") and not doc.find("actor", cl[0], cl[1]):
                continue
            actor1 = _attacker(doc, trig, cl, sent)
            actor2_between = None
            if sub == "Armed clash":
                btw = _BETWEEN.search(doc.text, trig.start, cl[1])
                if btw:
                    pair = [doc.armed(m) for m in doc.find("actor", btw.end(), min(sent.end, btw.end() + 120)) if doc.armed(m)]
                    if pair:
                        actor1 = pair[0]
                        actor2_between = next((a for a in pair[1:] if a != actor1), None)
            if actor1 is None:
                # "أعلن الجيش الروسي أنه يقصف…": the speaker's own forces
                actor1 = statement_actor(att.source_at(trig.start)) if doc.find("report", sent.start, trig.start) else None
            if actor1 is None:
                actor1 = "unidentified"
            kill = [c for c in casualties if c.span and sent.start <= c.span.start < sent.end
                    and c.outcome == "killed" and not c.cumulative and c.part_of is None]
            actor2 = actor2_between or _target(doc, trig, cl, actor1, kill)
            places = _places(doc, trig, cl, sent)
            if not places:
                continue  # an event nobody can place is not scored and rarely an incident
            fatalities = None
            if kill:
                k = kill[0]
                fatalities = k.count if k.count is not None else k.low
            start, end = _evidence(doc, trig, cl)
            for place in places:
                out.append(EventClaim(
                    source=att.source_at(trig.start), date=doc.date_at(trig.start), place=place,
                    evidence=doc.text[start:end], span=Span(start, end),
                    event_type=types[sub], sub_type=sub, actor1=actor1, actor2=actor2,
                    fatalities=fatalities if len(places) == 1 else None,
                ))
    _contest(doc, att, out)
    return _dedupe(out)


def _attacker(doc: Doc, trig: Mention, cl: tuple[int, int], sent) -> str | None:
    acts = [m for m in doc.find("actor", cl[0], cl[1]) if doc.armed(m)]
    if not acts:
        return None
    def targeted(m: Mention) -> bool:
        return bool(_TARGET.search(doc.text[max(0, m.start - 14):m.start]))
    cands = [m for m in acts if not targeted(m)]
    if not cands:
        return None
    if doc.lang == "ar":
        adj = [m for m in cands if m.cat == "adj" and 0 <= m.start - trig.end <= 25]
        if adj:
            return doc.armed(adj[0])
        after = [m for m in cands if 0 <= m.start - trig.end <= 45]
        if after:
            return doc.armed(after[0])
        before = [m for m in cands if m.end <= trig.start]
        if before:
            return doc.armed(before[-1])
    else:
        before = [m for m in cands if m.end <= trig.start and trig.start - m.end <= 60]
        if before:
            return doc.armed(before[-1])
        after = [m for m in cands if 0 <= m.start - trig.end <= 30 and re.match(r"\s*(by|from)\s", doc.text[trig.end:m.start + 1])]
        if after:
            return doc.armed(after[0])
    return None


def _target(doc: Doc, trig: Mention, cl: tuple[int, int], actor1: str, kill: list[CasualtyClaim]) -> str | None:
    if any(k.party == "civilian" for k in kill):
        return "civilians"
    if doc.find("victim", cl[0], cl[1], "civilian"):
        return "civilians"
    for m in doc.find("actor", trig.end, cl[1]):
        arm = doc.armed(m)
        if arm and arm != actor1 and m.cat != "adj":
            return arm
    for k in kill:
        if k.actor and k.actor != actor1:
            return k.actor
    return None


def _usable(doc: Doc, p: PlaceMention) -> bool:
    """A toponym that names where something happened (not "Damascus time", not a country)."""
    after = doc.text[p.end:p.end + 16].lower()
    before = doc.text[max(0, p.start - 8):p.start]
    return not (_CLOCK_AFTER.match(after) or _CLOCK_BEFORE.search(before))


def _places(doc: Doc, trig: Mention, cl: tuple[int, int], sent) -> list[Place]:
    """Where the event happened: the place of the clause (and the places listed with it:
    "shelled A, B and C" is one event in each), else of the sentence, else inherited from
    the paragraph before it, else the document's main place."""
    def pick(start: int, end: int) -> PlaceMention | None:
        cands = [p for p in doc.places_in(start, end) if _usable(doc, p) and p.place.level != "country"]
        if not cands:
            return None
        def key(p: PlaceMention) -> tuple[int, int, int]:
            return (LEVEL_RANK.get(p.place.level, 4) // 2, 0 if p.start >= trig.start else 1, abs(p.start - trig.start))
        return min(cands, key=key)
    first = pick(cl[0], cl[1]) or pick(sent.start, sent.end)
    if first is not None:
        out = [first]
        if first.place.level in ("city", "point"):
            out += _listed(doc, first, sent.end)
        return list({p.place.name: p.place for p in out}.values())
    # "inside Syria": a country is the place only when the clause names nothing finer
    country = [p for p in doc.places_in(cl[0], cl[1]) if p.place.level == "country" and _usable(doc, p)
               and _IN_BEFORE.search(doc.text[max(0, p.start - 10):p.start].lower())]
    if country:
        return [country[0].place]
    for prev in reversed(doc.sentences[:sent.idx]):
        if prev.para != sent.para:
            break
        p = pick(prev.start, prev.end)
        if p is not None:
            return [p.place]
    last = doc.last_place(trig.start)
    return [last] if last is not None else []


def _listed(doc: Doc, first: PlaceMention, end: int) -> list[PlaceMention]:
    """The places listed right after ``first`` ("A, B and C", "أ وب")."""
    out = []
    prev = first
    for p in doc.places_in(first.end, end):
        if p.start < prev.end:
            continue
        if not _LIST_GAP.fullmatch(doc.text[prev.end:p.start]) or p.place.level not in ("city", "point"):
            break
        out.append(p)
        prev = p
    return out


def _evidence(doc: Doc, trig: Mention, cl: tuple[int, int]) -> tuple[int, int]:
    start = max(cl[0], trig.start)
    end = min(cl[1], max(trig.end, trig.end + 80))
    # end at a word boundary
    while end < cl[1] and doc.text[end - 1].isalnum():
        end += 1
    text = doc.text[start:end]
    return start, start + len(text.rstrip(" ،,.;"))


def _contest(doc: Doc, att: Attribution, events: list[EventClaim]) -> None:
    """A denial in the same text contests the events it is about."""
    for cue in att.denials():
        if not cue.source:
            continue
        for ev in events:
            if ev.source != cue.source and all(c.source != cue.source for c in ev.contested_by):
                sent_ev = doc.sentence_at(ev.span.start) if ev.span else None
                sent_cue = doc.sentence_at(cue.start)
                if sent_ev and abs(sent_ev.idx - sent_cue.idx) <= 6:
                    ev.contested_by.append(ContestedBy(cue.source, doc.text[cue.start:doc.sentence_at(cue.start).end].strip()[:160]))


def _family(e: EventClaim) -> str:
    return e.event_type


def _key(e: EventClaim) -> tuple:
    return (e.sub_type, e.actor1, e.place.name if e.place else None)


def _dedupe(events: list[EventClaim]) -> list[EventClaim]:
    out: dict[tuple, EventClaim] = {}
    for e in events:
        k = _key(e)
        if k not in out:
            out[k] = e
        elif out[k].fatalities is None and e.fatalities is not None:
            out[k].fatalities = e.fatalities
    kept = list(out.values())
    # an unidentified attacker is dropped when the same incident has a named one
    final = []
    for e in kept:
        if e.actor1 == "unidentified" and any(
                o is not e and o.actor1 != "unidentified" and _family(o) == _family(e)
                and o.place and e.place and o.place.name == e.place.name
                and (o.date is None or e.date is None or o.date.overlaps(e.date)) for o in kept):
            continue
        final.append(e)
    return final
