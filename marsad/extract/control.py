"""Control claims: who gained, lost, withdrew from or holds a place, with allies and extent.

The actor is the armed actor next to the control verb in its clause (after it in Arabic
VSO order, before it in English), else the last armed actor of the sentence; the place
is every place after the verb in its clause (one claim each), else "the city"-style
words resolved to the place of that kind the story is about. A static holding ("تسيطر
على", "held by") is background and is not emitted; a change restated by another source
is one claim.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from marsad.extract.attribution import Attribution
from marsad.extract.context import Doc
from marsad.extract.lexicon import Mention, actors, statement_actor
from marsad.model import ContestedBy, ControlClaim, Place, Span

__all__ = ["extract_control", "link_contested"]

_NONSTATE_DEFAULT_FROM = "syria-military"
_COORD = re.compile(r"^[\s\"“”]*(و|مع|،|,|and|with|بدعم|مدعوم|المدعوم|backed|supported|alongside|-)", re.I)
# words that put a control noun in a clause of its own ("انسحبت ... من المدينة بعد سيطرة الفصائل")
_CLAUSE_LINK = re.compile(r"(?<!\S)(?:من|إلى|في|عن|بعد|قبل|إثر|عقب|حيث|التي|الذي|لكن|after|before|following|from|in)(?!\S)|[،,;؛]")
_LOCATIVE = re.compile(r"(?<!\S)(?:near|in|outside|north|south|east|west|of|at|from|قرب|بالقرب|شمال\S*|جنوب\S*|شرق\S*|غرب\S*|في|من|بريف|ريف)(?!\S)", re.I)
_QUOTE = re.compile(r"[\"“”«»]")  # a quotation opens another speaker's words: no coalition across it
_PREP_AR = re.compile(r"(?<!\S)(?:من|إلى|الى|في|عن|مشيرا|مشيرة)(?!\S)")
_TOWARD = re.compile(r"(نحو|باتجاه|toward|towards|to)\s*$")
_FROM = re.compile(r"(من|from)\s*$")


def _lead(doc: Doc, ids: list[str], generic_allies: bool) -> tuple[str, list[str]]:
    """Leading actor and allies of a coalition named together."""
    lex = actors()
    ids = list(dict.fromkeys(ids))
    lead = ids[0]
    if "turkey" in ids and any(i in ids for i in ("sna", "opposition", "fsa")):
        return "turkey", ["sna"]
    allies = [i for i in ids[1:] if i != lead]
    if generic_allies and not allies:
        e = lex.get(lead)
        party = doc.party_of(lead)
        if lead == "turkey":
            allies = ["sna"]
        elif party == "state":
            allies = ["pro-government"]
        elif e is not None:
            allies = ["opposition"]
    return lead, [a for a in allies if a != lead]


def _subject(doc: Doc, trig: Mention, cl: tuple[int, int], sent_start: int) -> tuple[list[str], bool, int]:
    """Armed actors of the control verb's subject, whether generic allies are named, and
    where the subject ends."""
    acts = [m for m in doc.find("actor", sent_start, cl[1]) if doc.armed(m)]
    allies_m = doc.find("allies", max(sent_start, trig.start - 90), min(cl[1], trig.end + 60))
    backed = doc.find("backed", max(sent_start, trig.start - 90), trig.start)
    chosen: list[Mention] = []
    if doc.lang == "ar":
        # the subject follows the verb before its object: an actor after the first place
        # ("عفرين السورية") or after "السيطرة على" is not it
        first_place = min([p.start for p in doc.places_in(trig.end, cl[1])] or [cl[1]])
        after = [m for m in acts if trig.end <= m.start <= trig.end + 30 and m.start < min(cl[1], first_place)]
        if re.search(r"على\s*$", doc.text[trig.start:trig.end]) or _expels(doc, trig):
            after = []  # ... nor the object of "طردت قوات النظام من"
        # nor one after a preposition ("فروا من المدينة مشيرا إلى انتشار قوات تركية")
        after = [m for m in after if not _PREP_AR.search(doc.text[trig.end:m.start])]
        # "على" ends the subject of "سيطرت X على"
        if after:
            ala = re.search(r"(?<!\S)على(?!\S)", doc.text[trig.end:after[0].start])
            if ala:
                after = []
        before = [m for m in acts if cl[0] - 100 <= m.start and m.end <= trig.start]
        if after:
            chosen = after[:1]
            rest = [m for m in acts if chosen[0].end <= m.start <= chosen[0].end + 40 and m.start < cl[1]]
            chosen += rest[:2]
        elif before:
            # the subject starts at the first actor of the run before the verb
            run = [before[-1]]
            for m in reversed(before[:-1]):
                gap = doc.text[m.end:run[0].start]
                if run[0].start - m.end <= 40 and _COORD.search(gap) and not _QUOTE.search(gap):
                    run.insert(0, m)
                else:
                    break
            chosen = run
    else:
        before = [m for m in acts if m.end <= trig.start and trig.start - m.end <= 120]
        after = [m for m in acts if trig.end <= m.start <= trig.end + 20
                 and re.match(r"\s*(by|to)\s", doc.text[trig.end:m.start + 1] + " ")]
        # "the capture of Damascus by the Southern Operations Room"
        after = after or [m for m in acts if trig.end <= m.start <= trig.end + 70
                          and re.fullmatch(r"\s+of\s+[^,.;]{1,40}?\s+by\s+(the\s+)?", doc.text[trig.end:m.start])]
        if after:
            chosen = after[:1]
        elif before:
            run = [before[-1]]
            for m in reversed(before[:-1]):
                if run[0].start - m.end <= 25:
                    run.insert(0, m)
                else:
                    break
            chosen = run
    ids = [doc.armed(m) for m in chosen]
    ids = [i for i in ids if i]
    # English "HTS-led rebels": the leader first
    if doc.lang == "en" and chosen:
        led = re.search(r"([\w'-]+)-led\s*$", doc.text[max(0, chosen[-1].start - 20):chosen[-1].start])
        if led and chosen[-1].start >= 4:
            pass
    end = chosen[-1].end if chosen else trig.start
    return ids, bool(allies_m or backed), end


def _extent(doc: Doc, trig: Mention, stop: int, change: str) -> tuple[str, int | None, int | None, int | None]:
    window = (trig.start - 10, min(stop, trig.end + 45))
    for n in doc.numbers_in(trig.end, min(stop, trig.end + 50)):
        after = doc.text[n.end:n.end + 25]
        if re.match(r"\s*(في الم|بالم|%|percent|per cent)", after):
            v = n.value if n.value is not None else n.low
            return ("most" if v and v > 50 else "part"), None, None, None
        if doc.find("place_counts", n.end, n.end + 25) and getattr(n, "kind", "count") != "date":
            return "count", n.value, n.low, n.high
    ext = doc.find("extent", *window)
    for cat in ("most", "part", "all"):
        if any(m.cat == cat for m in ext):
            return cat, None, None, None
    if doc.find("control", trig.start, trig.end, "partial") and change == "gained":
        return "part", None, None, None
    return "all", None, None, None


def extract_control(doc: Doc, att: Attribution) -> list[ControlClaim]:
    out: list[ControlClaim] = []
    for sent in doc.sentences:
        trigs = [m for m in doc.find("control", sent.start, sent.end)
                 if m.cat in ("gained", "withdrew", "lost", "held")]
        used_places: set[tuple[int, int]] = set()
        trigs = [t for i, t in enumerate(trigs) if not _governed(doc, trigs[:i], t)]
        for trig in trigs:
            word_start = trig.start
            while word_start > 0 and doc.text[word_start - 1].isalnum():
                word_start -= 1
            prefix = doc.text[word_start:trig.start]
            if doc.lang == "ar" and prefix.endswith("ل") and not prefix.endswith("لل") or prefix.endswith("لل") and trig.cat != "held":
                continue  # "لاستعادة", "للسيطرة": an aim, not a change
            if doc.find("control", max(sent.start, trig.start - 30), trig.start, "not"):
                continue
            if att.denial_before(trig.start):
                continue
            if _descriptive(doc, trig):
                continue
            cl = doc.clause_at(trig.start)
            change = trig.cat
            if change == "held" and doc.find("control", max(sent.start, trig.start - 60), trig.end + 10, "now"):
                change = "gained"
            if change == "held":
                continue  # a static holding is background (FORMAT.md), not a change
            if _lacks_object(doc, trig, sent.end):
                continue
            ids, generic_allies, subj_end = _subject(doc, trig, cl, sent.start)
            if not ids:
                # a statement's "the forces" are the speaker's own
                own = statement_actor(att.source_at(trig.start))
                if own and not any(doc.armed(m) for m in doc.find("actor", cl[0], trig.start)):
                    ids = [own]
            if not ids:
                ids = _demonstrative(doc, cl[0], trig)
            if not ids:
                # Arabic verbs carry their subject in the verb ("سيطروا"): the last armed actor
                lookback = 400 if doc.lang == "ar" else 0
                prev = [m for m in doc.find("actor", max(0, sent.start - lookback), trig.start) if doc.armed(m)]
                if not prev:
                    continue
                ids = [doc.armed(prev[-1]) or ""]
            if doc.lang == "en":
                led = re.search(r"([A-Za-z'’]+)-led\b", doc.text[max(sent.start, trig.start - 60):trig.start])
                if led:
                    lm = [m for m in doc.find("actor", max(sent.start, trig.start - 60), trig.start)
                          if doc.text[m.start:m.end].lower() == led.group(1).lower()]
                    if lm and doc.armed(lm[0]):
                        ids = [doc.armed(lm[0]) or ""] + [i for i in ids if i != doc.armed(lm[0])]
                        generic_allies = True
            lead, allies = _lead(doc, ids, generic_allies)
            # places after the verb, in this clause or the next few words
            stop = sent.end
            nxt = [t for t in trigs if t.start > trig.end]
            if nxt:
                stop = min(stop, nxt[0].start)
            # in Arabic a relative clause may still belong to the subject before "على"
            # ("سيطرت الفصائل التي تدعمها تركيا على مدينة X"): it ends the places only after
            # the object has begun
            stops = [m for m in doc.find("control_stop", trig.end, stop)
                     if doc.lang != "ar" or re.search(r"على\s*$", doc.text[trig.start:trig.end])
                     or doc.find("control_object", trig.end, m.start) or doc.places_in(trig.end, m.start)]
            if stops:
                stop = stops[0].start
            places = [p for p in doc.places_in(trig.end, stop)
                      if p.place.level != "country" and (p.start, p.end) not in used_places]
            if change == "withdrew":
                places = [p for p in places if not _TOWARD.search(doc.text[max(0, p.start - 12):p.start])]
            # only places listed right after the verb (a list), not far clauses
            keep = []
            last_end = trig.end
            for p in places:
                gap = doc.text[last_end:p.start]
                if keep and (not re.fullmatch(r"[\s,،]*(و|and|,|،|\s)*[\s\w'’|-]{0,12}", gap)
                             or _LOCATIVE.search(gap)):
                    break  # "the town of Saraqib, near Idlib": Idlib locates, it is not listed
                if not keep and p.start - trig.end > 110:
                    break
                keep.append(p)
                last_end = p.end
            extent, count, low, high = _extent(doc, trig, stop, change)
            from_actor = _from_actor(doc, trig, stop, lead)
            if _expels(doc, trig):
                expelled = [m for m in doc.find("actor", trig.end, min(stop, trig.end + 30)) if doc.armed(m)]
                if expelled and doc.armed(expelled[0]) != lead:
                    from_actor = doc.armed(expelled[0])
            source = att.source_at(trig.start)
            date = doc.date_at(trig.start)
            targets: list[Place] = []
            if extent == "count":
                region = None
                if keep:
                    region = min(keep, key=lambda p: {"governorate": 0, "region": 0, "district": 1}.get(p.place.level, 2)).place
                targets = [region or doc.region_cue(trig.end, sent.end) or doc.region_cue(sent.start, sent.end)
                           or _antecedent(doc, trig.start, _AREAS, sentences=0)]
                targets = [t for t in targets if t is not None]
            elif keep and _whole_of_part(doc, keep, stop):
                # "the X and Y districts of Z city" / "the Z neighborhood of X": part of Z
                targets = [_whole_of_part(doc, keep, stop)]
                extent = "part"
            elif keep:
                specific = [p for p in keep if p.place.level in ("city", "point")]
                chosen = specific if len(specific) > 1 else keep[:1]
                targets = [p.place for p in chosen]
                for p in chosen:
                    used_places.add((p.start, p.end))
            else:
                ana = doc.find("anaphora", trig.end, min(stop, trig.end + 60)) or doc.find("anaphora", cl[0], trig.start)
                if ana and change == "withdrew" and ana[0].cat == "region":
                    ana = None  # "began withdrawing from the region": no place said
                    vague = True
                else:
                    vague = False
                if ana:
                    levels = ("city", "point") if ana[0].cat == "city" else ("region", "governorate", "district")
                    targets = [p for p in [_antecedent(doc, trig.start, levels) or doc.last_place(trig.start, levels)] if p]
                if not targets and not vague:
                    targets = _pronoun_places(doc, trig, sent)
                if not targets and change == "withdrew" and not vague:
                    p = doc.place_near(trig.start, sent.start, trig.start)
                    targets = [p] if p else []
            listed = _listed_places(doc, trig, stop)
            if listed and not targets and doc.lang == "ar" and all(p.geonameid is None and p.lat is None for p in listed):
                # Arabic names the gazetteer does not know cannot be placed: one counted
                # capture in the area the story is about ("قرى شقرا والحصان" -> 2 villages)
                area = _antecedent(doc, trig.start, _AREAS) or doc.region_cue(sent.start, sent.end)
                if area is not None:
                    targets, listed = [area], []
                    extent, count, low, high = "count", len(_listed_places(doc, trig, stop)), None, None
            if listed and extent not in ("count", "part"):
                known = {p.name for p in targets}
                targets = targets + [p for p in listed if p.name not in known and not any(
                    p.name.lower() in t.name.lower() or t.name.lower() in p.name.lower() for t in targets)]
                if len(targets) > 1:
                    targets = [t for t in targets if t.level in ("city", "point")] or targets
            if not targets:
                continue
            end = max(trig.end, *(p.end for p in doc.places_in(trig.end, stop)[:len(targets)] or [trig]))
            start = min(trig.start, subj_end if subj_end < trig.start and trig.start - subj_end < 40 else trig.start)
            for place in targets:
                out.append(ControlClaim(
                    source=source, date=date, place=place,
                    evidence=doc.text[start:end], span=Span(start, end),
                    actor=lead, with_=allies if change in ("gained", "held") else [],
                    from_actor=from_actor if change == "gained" else None,
                    extent=extent if extent != "count" or change != "withdrew" else "all",
                    change=change, count=count, low=low, high=high,
                ))
    return _dedupe(out)


_AREAS = ("region", "governorate", "district")
_CALLED = re.compile(r"(?:مدينة|بلدة|قرية|city of|town of|village of)\s*$")
_CALLED_IN = re.compile(r"(?:the\s+)?(?:مدينة|بلدة|قرية|city of|town of|village of)\s", re.I)
_CALLED_AFTER = re.compile(r"\s+(?:city|town)\b")


def _lacks_object(doc: Doc, trig: Mention, end: int) -> bool:
    """"سيطرة" without "على" after it names a state ("مناطق سيطرة الفصائل في X"), not a change."""
    if not any(m.start == trig.start for m in doc.find("control_needs_object", trig.start, trig.end + 12)):
        return False
    if doc.find("control_object", trig.start, trig.end):
        return False
    return not doc.find("control_object", trig.end, min(end, trig.end + 120))


def _expels(doc: Doc, trig: Mention) -> bool:
    """"طردت X من", "drove X out of": the actor after the verb is the one who lost."""
    return any(m.start == trig.start for m in doc.find("control_expel", trig.start, trig.end + 8))


def _descriptive(doc: Doc, trig: Mention) -> bool:
    """"towns recently captured by rebels in the Idlib region": a participle describing
    unnamed places, not a capture of the places after it."""
    if doc.lang != "en" or not re.match(r"\s+by\s", doc.text[trig.end:trig.end + 5]):
        return False
    nouns = doc.find("place_counts", max(0, trig.start - 30), trig.start)
    return bool(nouns) and bool(re.fullmatch(r"\s+(\w+ly\s+)?", doc.text[nouns[-1].end:trig.start]))


def _pronoun_places(doc: Doc, trig: Mention, sent) -> list[Place]:
    """"advancing on both cities, capturing them": the cities named in the sentence before
    (the pronoun stands for places only when the sentence speaks of places)."""
    if doc.lang != "en" or not re.match(r"\s+(them|it)\b", doc.text[trig.end:trig.end + 6]):
        return []
    if not doc.find("place_nouns", sent.start, trig.start) or sent.idx == 0:
        return []
    prev = doc.sentences[sent.idx - 1]
    if "\n\n" in doc.text[prev.end:sent.start]:
        return []
    cities = list({p.place.name: p.place for p in doc.places_in(prev.start, prev.end)
                   if p.place.level in ("city", "point")}.values())
    if re.match(r"\s+it\b", doc.text[trig.end:trig.end + 4]):
        return cities[-1:]
    return cities if 1 < len(cities) <= 3 else []


def _governed(doc: Doc, earlier: list[Mention], trig: Mention) -> bool:
    """"بسطت X سيطرتها على", "يحتفظ بسيطرته على": the noun is the object of the verb before
    it, one change (or one holding) already."""
    if not any(m.start <= trig.start and trig.end <= m.end + 6 for m in doc.find("control_noun", trig.start - 3, trig.end + 6)):
        return False
    for p in reversed(earlier):
        between = doc.text[p.end:trig.start]
        if p.end <= trig.start and trig.start - p.end <= 70 and not doc.places_in(p.end, trig.start) \
                and not _CLAUSE_LINK.search(between):
            return True
    return False


def _demonstrative(doc: Doc, start: int, trig: Mention) -> list[str]:
    """"هذه القوات" / "these forces" before the verb: the last armed actor named with that noun."""
    dem = doc.find("demonstrative", start, trig.end + 30)
    if not dem:
        return []
    noun = doc.text[dem[0].start:dem[0].end].split()[-1]
    noun = noun[2:] if noun.startswith("ال") else noun
    for m in reversed(doc.find("actor", max(0, dem[0].start - 1500), dem[0].start)):
        arm = doc.armed(m)
        if arm and noun.lower() in doc.text[m.start:m.end].lower():
            return [arm]
    return []


def _antecedent(doc: Doc, pos: int, levels: tuple[str, ...], sentences: int = 2) -> Place | None:
    """"The city" / "المنطقة": the last place of that kind named in this sentence or the
    ``sentences`` before it in its section (the story's focus), else None. A capital
    named for an allegiance ("حليفة دمشق") is no antecedent."""
    sent = doc.sentence_at(pos)
    first = sent
    for prev in reversed(doc.sentences[max(0, sent.idx - sentences):sent.idx]):
        if "\n\n" in doc.text[prev.end:first.start]:
            break  # a new section
        first = prev
    cands = [p for p in doc.places_in(first.start, pos) if p.place.level in levels
             and not doc.find("allies", p.start - 14, p.start) and not doc.find("backed", p.start - 14, p.start)]
    # a place the text calls a city or town ("مدينة X", "X city") is the likelier antecedent
    called = [p for p in cands if _CALLED.search(doc.text[max(0, p.start - 8):p.start])
              or _CALLED_AFTER.match(doc.text[p.end:p.end + 8])
              or _CALLED_IN.match(doc.text[p.start:p.end])]
    cands = called or cands
    return cands[-1].place if cands else None


def _whole_of_part(doc: Doc, keep: list, stop: int) -> Place | None:
    """The city a listed sub-area belongs to: "the Hamdaniya and New Aleppo districts of
    Aleppo city" -> Aleppo; "the Damascus neighborhood of Barzeh" -> Damascus."""
    last = keep[-1]
    sub = [m for m in doc.find("subarea", last.end, stop) if m.start - last.end <= 3]
    if not sub or not re.match(r"\s+of\s", doc.text[sub[0].end:stop]):
        return None
    if last.place.level == "city":
        return last.place
    after = [p for p in doc.places_in(sub[0].end, stop) if p.start - sub[0].end <= 20]
    if after and after[0].place.level in ("city", "point"):
        return after[0].place
    return None


_LIST_HEAD = re.compile(r"(?:(?:the\s+)?(?:villages?|towns?|cities|city|neighbou?rhoods?|districts?)\s+of\s+|(?<!\S)(?:[وب]?(?:قرى|بلدات|مدن|أحياء))\s+)")
# (a definite plural, "القرى الأربعة", "البلدات المجاورة", is followed by an adjective, not names)
_STOP_EN = re.compile(r"\s+(?:as well as|in the|in|from|near|on|while|which|with|after|before|by|to|and other|during)\s|[.;:(]")
_STOP_AR = re.compile(r"(?:^|\s+)(?:في|من|على|الواقعة|الواقع|قرب|شرق\S*|غرب\S*|شمال\S*|جنوب\S*|بعد|خلال|إلى|التي|الذي|بريف|بمحافظة)\s|[.؛:(]")


def _listed_places(doc: Doc, trig: Mention, stop: int) -> list[Place]:
    """Names listed after "the villages of" / "قرى": places the gazetteer may not know."""
    head = _LIST_HEAD.search(doc.text, trig.end, min(stop, trig.end + 40))
    if not head:
        return []
    rest = doc.text[head.end():stop]
    cut = (_STOP_EN if doc.lang == "en" else _STOP_AR).search(rest)
    if cut:
        rest = rest[:cut.start()]
    parts = re.split(r"\s*,\s*|\s*،\s*|\s+and\s+|\s+(?=و\S)", rest)
    out: list[Place] = []
    geo = [g for g in doc.analysis.places if g.end > head.start() and g.start < head.end() + len(rest) + 1]
    for part in parts:
        name = part.strip().strip("\"'“”")
        if doc.lang == "ar" and name.startswith("و") and len(name) > 3:
            name = name[1:]
        if "|" in name:
            name = name.split("|")[-1]
        if not name or len(name) > 40 or len(name.split()) > (4 if doc.lang == "en" else 2):
            break
        if doc.lang == "en" and not name[0].isupper():
            continue
        hit = next((g.place for g in geo if name in doc.text[g.start:g.end] or doc.text[g.start:g.end] in name), None)
        out.append(hit or Place(name=name, level="city"))
    return out


def _from_actor(doc: Doc, trig: Mention, stop: int, lead: str) -> str | None:
    for m in doc.find("actor", trig.end, stop):
        arm = doc.armed(m)
        if arm and arm != lead and _FROM.search(doc.text[max(0, m.start - 12):m.start]):
            return arm
    party = doc.party_of(lead)
    if party == "state":
        return "opposition" if lead == "syria-military" else None
    if lead in ("hts", "opposition", "sna", "isis", "jaysh-al-islam", "ahrar-al-sham", "southern-operations-room"):
        return _NONSTATE_DEFAULT_FROM
    return None


def _where(place: Place | None) -> tuple | None:
    """A place's identity: the city of Hama is not the governorate of Hama."""
    return (place.name, place.level in _AREAS) if place else None


def _dedupe(claims: list[ControlClaim]) -> list[ControlClaim]:
    """One claim per change: the same source restating it, or a second source repeating
    the same actor, place, change and extent (a restatement, not a new fact)."""
    out: list[ControlClaim] = []
    seen: set[tuple] = set()
    for c in claims:
        key = (c.source, c.actor, _where(c.place), c.change)
        if key in seen:
            continue
        if any(o.actor == c.actor and o.change == c.change and o.extent == c.extent
               and o.place and c.place and _where(o.place) == _where(c.place) for o in out):
            continue
        if c.extent == "count" and c.count is not None and any(
                o.actor == c.actor and o.change == c.change and o.extent == "count" and o.count == c.count
                for o in out):
            continue  # "دخلت 4 قرى" ... "قرى شقرا والحصان والجيعة والجنينة": the same four
        if any(o.source == c.source and o.change == c.change and o.place and c.place
               and _where(o.place) == _where(c.place)
               and (c.actor in o.with_ or (c.actor == "opposition" and Doc.party_of(o.actor) == "nonstate"))
               for o in out):
            continue  # "the rebels" restating what the text says the named group did
        seen.add(key)
        out.append(c)
    # ... also when "the rebels" come first and the named group's claim follows
    return [c for c in out if not (c.actor == "opposition" and any(
        o is not c and o.source == c.source and o.change == c.change and o.place and c.place
        and _where(o.place) == _where(c.place) and "opposition" in o.with_ for o in out))]


def link_contested(claims: list[ControlClaim]) -> None:
    """Two sources at odds over one place: each claim lists the other in ``contested_by``."""
    for a in claims:
        for b in claims:
            if a is b or a.source == b.source or not a.place or not b.place:
                continue
            if a.place.name != b.place.name or a.actor == b.actor:
                continue
            if a.change == "gained" and b.change == "gained" and a.date and b.date and _near_in_time(a.date, b.date):
                if all(c.source != b.source for c in a.contested_by):
                    a.contested_by.append(ContestedBy(b.source, f"{b.actor} {b.change} {b.extent} of {b.place.name}"))


_CONTEST_DAYS = 1


def _near_in_time(a: Any, b: Any) -> bool:
    """The same fight told by two sides: a monitor's report and the army's answer often
    carry days a day apart ("on Friday" against "today")."""
    return a.start - dt.timedelta(days=_CONTEST_DAYS) <= b.end and b.start - dt.timedelta(days=_CONTEST_DAYS) <= a.end


_DENIAL_REACH = 3  # sentences


def contest_by_denials(doc: Doc, att: Attribution, claims: list[ControlClaim]) -> None:
    """"Rebels seized most of Hama, the Observatory said, while the army said it had
    repelled the attack": a denial or a repelled attack told by another source near a
    capture contests it, even when that source claims no place of its own."""
    cues = [(c.start, c.source) for c in att.denials() if c.source]
    cues += [(m.start, att.source_at(m.start)) for m in doc.find("control_repel", 0, len(doc.text))]
    for claim in claims:
        if claim.change != "gained" or claim.span is None:
            continue
        here = doc.sentence_at(claim.span.start)
        for pos, source in cues:
            there = doc.sentence_at(pos)
            if source in (None, claim.source) or there.para != here.para or abs(there.idx - here.idx) > _DENIAL_REACH:
                continue
            if all(c.source != source for c in claim.contested_by):
                claim.contested_by.append(ContestedBy(source, doc.text[pos:there.end].strip()[:160]))
