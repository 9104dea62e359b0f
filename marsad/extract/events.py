"""Event claims (ACLED types): one per incident, actor1 the attacker, actor2 the target.

Trigger words of one clause form one event; the most specific sub-type wins (a chemical
attack by barrel bomb is a chemical attack, a barrel-bomb "قصف" is an air strike).
Unknown attackers are ``unidentified``; a denied, habitual, recalled or aimed-at action
is no event, nor is a headline. A story tells one incident several times: retellings
(an unknown attacker, a vaguer area, a generic "bombardment") are merged into the
telling that names the attacker and the most specific place. Word lists are in
``data/<lang>/triggers.yaml`` (sections ``event_*``), actor rules in ``data/event_rules.yaml``.
"""

from __future__ import annotations

import functools
import math
import re

import yaml

from marsad.extract.attribution import Attribution
from marsad.extract.context import ALLEGIANCE, LEVEL_RANK, Doc
from marsad.extract.lexicon import DATA, Mention, acled_types, alternation, both, cues, statement_actor, triggers
from marsad.lang.normalize import normalize
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
_NEGATION = re.compile(r"(?<!\w)[وف]?(لم|لا|دون|بدون|بوقف|وقف|no|not|without|end to|stop)\s+(\S+\s+){0,2}$")
_BETWEEN = re.compile(r"(?<!\S)(بين|between)\s")
_CLOCK_AFTER = re.compile(r"\W*(local )?time\b")
_CLOCK_BEFORE = re.compile(r"(بتوقيت|توقيت|بالتوقيت|التوقيت)(\s+\S+)?\s+\S?ل?\s*$|(بتوقيت|توقيت)\s*$")
_IN_BEFORE = re.compile(r"(inside|in|within|across|داخل|في|ب)\s*$")
_LIST_GAP = re.compile(r"\s*(,|،|\||and|or|as well as|و|أو)?\s*(the )?((town|village|city|towns|villages|cities) of )?(مدينة |بلدة |قرية |بلدات |قرى )?(و)?")
_PROTESTS = frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"})
_BY = re.compile(r"(\s+\S+){0,2}?\s*(by|from)\s")
_OF_GROUP = re.compile(r"^\s*(\S+\s+){0,3}?(من|of|from)\s*(the\s+)?$")
# an English clause without its own subject: "…, after carrying out a suicide attack"
_EN_DEPENDENT = re.compile(r"\W*(after|before|following|while|when|by)?\s*\w+ing\b", re.I)
# "sent troops to fight in X", "in order to attack": an aim, not an incident
_PURPOSE = re.compile(r"\b(to|in order to)\s+$", re.I)
# an English settlement named as such: "the town of al-X", "X, a town in" (an Arabic name
# the gazetteer lacks could not be given in English, so an area is the better answer there)
_SETTLEMENT = re.compile(
    r"\b(?:town|village|city) of (?:the )?((?:[Aa][ltdsnrz]-)?[A-Z][\w'’]+(?:[ -][A-Z][\w'’]+){0,2})"
    r"|\b((?:[Aa][ltdsnrz]-)?[A-Z][\w'’]+(?:[ -][A-Z][\w'’]+){0,2}), a (?:small )?(?:town|village|city)\b")
# "Turkish-backed", "Iranian-backed": the adjective names the backer, not the attacker
_BACKER = re.compile(r"-?\s?(backed|supported|sponsored)\b", re.I)
# the actor after these is the target; (Arabic is verb-first: the noun right after
# "استهدفت" is its subject, so the verb is no target marker)
# a capitalised name followed by a list separator or the end of the list
_LIST_NAME = re.compile(r"((?:[Aa][ltdsnrz]-)?[A-Z][\w'’]+(?:[ -][A-Z][\w'’]+){0,2})(?=\s*(?:,|\band\b|\bor\b|\.|$))")
_GOVERNORATE_WORD = re.compile(r"\b(governorate|province)\b|محافظة", re.I)
# any language: a name the text calls a town or village
_TOWN_WORD = re.compile(_SETTLEMENT.pattern + r"|(?<!\w)(?:بلدة|قرية) ((?:ال)?[\u0621-\u064a]{3,})")
_TARGET = re.compile(r"(?<!\w)(" + alternation(both("target_before"))
                     + r"|(?:" + alternation(cues()["target_units_ar"]) + r")\s+ل)\s*$")


def extract_events(doc: Doc, att: Attribution, casualties: list[CasualtyClaim]) -> list[EventClaim]:
    out: list[EventClaim] = []
    borrowed: set[int] = set()  # events whose attacker came from the sentence before
    vague: set[int] = set()  # shelling events named only by a generic bombardment word
    repeated: set[int] = set()  # one of several attacks told with their days in one clause
    types = acled_types()
    local = _local_places(doc)
    for sent in doc.sentences:
        if _heading(doc, sent):
            continue  # a headline or section title restates the story below it
        trigs = _triggers(doc, sent)
        if not trigs:
            continue
        # group by clause
        groups: dict[tuple[int, int], list[Mention]] = {}
        for t in trigs:
            groups.setdefault(doc.clause_at(t.start), []).append(t)
        for cl, ts in groups.items():
            if _hypothetical(doc, cl[0], cl[1]) or _hypothetical(doc, sent.start, min(sent.end, sent.start + 40)):
                continue
            if att.denial_before(ts[0].start):
                continue
            negated = {t.cat for t in ts if _NEGATION.search(doc.text[max(cl[0], t.start - 25):t.start])}
            ts = [t for t in ts if t.cat not in negated and not _aim(doc, t)]
            if not ts or doc.find("toll", cl[0], cl[1]):
                continue  # "رغم بدء الاقتتال … لم تقع أية اشتباكات": a kind denied in the clause
            sub = min((t.cat for t in ts), key=_PRIORITY.index)
            trig = next(t for t in ts if t.cat == sub)
            if doc.find("event_history", max(sent.start, trig.start - 40), min(sent.end, trig.end + 40)):
                continue  # "إحياء ذكرى معركة…", "the anniversary of the battle": recalled, not news
            if sub == "Armed clash" and _territorial(doc, *_own_part(doc, trig, sent)):
                continue  # a battle that changed control is a control fact (its event is optional)
            if sub == "Shelling/artillery/missile attack" and doc.lang == "ar" and doc.find("events", sent.start, sent.end, "Air/drone strike") and not doc.find("actor", cl[0], cl[1]):
                continue
            actor1 = _attacker(doc, trig, cl, sent)
            borrow = False
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
            if actor1 is None and sub == "Disrupted weapons use":
                actor1 = _rules().get("defender")
            if actor1 is None:
                where = _places(doc, trig, cl, sent, None, local)
                actor1 = _inherited(doc, out, sent, sub, borrowed, where[0] if where else None)
                borrow = actor1 is not None
                actor1 = actor1 or "unidentified"
            if sub == "Shelling/artillery/missile attack" and actor1 in _rules().get("air_actors", ()):
                sub = "Air/drone strike"  # "قصف", "missiles" by an air force: an air strike
            if sub in _PROTESTS:
                actor1 = "protesters"  # ACLED codes the crowd as actor1, whoever is named near it
            kill = [c for c in casualties if c.span and sent.start <= c.span.start < sent.end
                    and c.outcome == "killed" and not c.cumulative and c.part_of is None]
            actor2 = actor2_between or _target(doc, trig, cl, actor1, kill)
            places = _places(doc, trig, cl, sent, _continued(doc, out, sent, actor1, sub), local)
            if not places and actor1 != "unidentified" and doc.find("event_blame", sent.start, trig.start):
                places = _attributed(out, sub, doc.date_at(trig.start, document=True))
            if not places:
                continue  # an event nobody can place is not scored and rarely an incident
            fatalities = None
            if kill:
                k = kill[0]
                fatalities = k.count if k.count is not None else k.low
            start, end = _evidence(doc, trig, cl)
            days = _days(doc, trig, sent) or [doc.date_at(trig.start, document=True)]
            for place, day in ((p, d) for p in places for d in days):
                out.append(EventClaim(
                    source=att.source_at(trig.start), date=day, place=place,
                    evidence=doc.text[start:end], span=Span(start, end),
                    event_type=types[sub], sub_type=sub, actor1=actor1, actor2=actor2,
                    fatalities=fatalities if len(places) == 1 else None,
                ))
                if borrow:
                    borrowed.add(id(out[-1]))
                if len(days) > 1:
                    repeated.add(id(out[-1]))
                if sub == "Shelling/artillery/missile attack" and all(_generic(doc, t) for t in ts if t.cat == sub):
                    vague.add(id(out[-1]))
    out += _direct_attacks(doc, out, casualties, types)
    out = [e for e in out if not _history(doc, e)]
    _contest(doc, att, out)
    # "قصفها الكثيف على درعا" and "غارات على درعا" by one actor: the bombardment was the air strike
    out = [e for e in out if id(e) not in vague or not any(
        o.sub_type == "Air/drone strike" and o.actor1 == e.actor1 and o.place and e.place
        and o.place.name == e.place.name for o in out)]
    return _dedupe(out, repeated, att.default)


@functools.cache
def _rules() -> dict:
    """``data/event_rules.yaml``: air-only actors, the default air defender, area words."""
    return yaml.safe_load((DATA / "event_rules.yaml").read_text(encoding="utf-8")) or {}


def _hypothetical(doc: Doc, start: int, end: int) -> bool:
    """A habitual or hypothetical word in [start, end); "كانت … قد شنت" (had launched) is
    the Arabic past perfect, not "قد" (may)."""
    for h in doc.find("habitual", start, end):
        if doc.text[h.start:h.end] == "قد" and re.search(r"(?<!\w)(و?كان|و?كانت|و?كانوا)(?!\w)", doc.text[max(0, h.start - 40):h.start]):
            continue
        return True
    return False


def _triggers(doc: Doc, sent) -> list[Mention]:
    """The event triggers of a sentence, without month names, idle weapon nouns, stockpiles
    and the weapons of a fight; aircraft named as the actor that strikes count too."""
    trigs = [m for m in doc.find("events", sent.start, sent.end)
             if m.cat in _EMITTED and not _in_date(doc, m) and not _idle_weapon(doc, m)
             and not _stockpile(doc, m)]
    trigs += _air_subjects(doc, sent)
    return [m for m in trigs if not _weapon_of_fighting(doc, m, trigs)]


def _direct_attacks(doc: Doc, events: list[EventClaim], casualties: list[CasualtyClaim],
                    types: dict[str, str]) -> list[EventClaim]:
    """"Islamic State gunmen killed four shepherds": civilians killed or hurt by a named armed
    actor with no weapon word is ACLED's Violence against civilians / Attack."""
    out: list[EventClaim] = []
    for c in casualties:
        if c.party != "civilian" or c.cumulative or c.part_of is not None or not c.perpetrator or c.span is None \
                or c.place is None or c.outcome not in ("killed", "injured"):
            continue
        sent = doc.sentence_at(c.span.start)
        if any(e.span and sent.start <= e.span.start < sent.end for e in (*events, *out)) or any(
                doc.find(group, sent.start, sent.end) for group in ("events", "event_air_names", "event_weak")):
            continue  # the sentence tells a strike or a shelling: its event is that one
        out.append(EventClaim(
            source=c.source, date=c.date, place=c.place, evidence=c.evidence, span=c.span,
            event_type=types["Attack"], sub_type="Attack", actor1=c.perpetrator, actor2="civilians",
            fatalities=(c.count if c.count is not None else c.low) if c.outcome == "killed" else None,
        ))
    return out


def _heading(doc: Doc, sent) -> bool:
    """A short line of its own without final punctuation (or a question): a title or a
    "read more" link, not a report."""
    start = doc.text.rfind("\n", 0, sent.start) + 1
    end = doc.text.find("\n", sent.end)
    line = doc.text[start:end if end >= 0 else len(doc.text)].strip()
    if line == doc.text.strip():
        return False  # a one-line text is the report itself
    return len(line) < 90 and not line.endswith((".", "!", ":", '"', "»", "”"))


def _stockpile(doc: Doc, m: Mention) -> bool:
    """"Depots that contain chemical weapons" names a stockpile, not a chemical attack."""
    if m.cat != "Chemical weapon":
        return False
    cl = doc.clause_at(m.start)
    return bool(doc.find("event_storage", cl[0], cl[1]))


def _generic(doc: Doc, m: Mention) -> bool:
    """A bombardment word that says nothing of the weapon ("قصف", "bombed")."""
    return any(g.start == m.start and g.end == m.end for g in doc.find("event_generic", m.start, m.end))


def _territorial(doc: Doc, start: int, end: int) -> bool:
    """Fighting told together with a capture or a withdrawal (not an aim) in the same part
    of the sentence ("X captured A, while fighting persisted in B": B is a plain clash)."""
    for c in doc.find("event_territorial", start, end):
        if doc.find("control", max(start, c.start - 25), c.start, "not") or \
                any(n.start <= c.start < n.end for n in doc.find("control", c.start, c.end, "not")):
            continue
        return True
    return False


def _inherited(doc: Doc, events: list[EventClaim], sent, sub: str, borrowed: set[int],
               where: Place | None) -> str | None:
    """"…Russian airstrikes on X. One targeted a camp, another a hospital": a sub-type
    restated in the next sentences keeps the attacker named just before; fighting with no
    named side right after an attack by X is X's fighting (its offensive)."""
    for e in reversed(events):
        if e.span is None or e.span.start >= sent.start:
            continue
        if doc.sentence_at(e.span.start).para != sent.para or _far(where, e.place):
            return None
        if (e.sub_type == sub or sub == "Armed clash") and e.actor1 not in (None, "unidentified", "protesters") and id(e) not in borrowed:
            return e.actor1 if sent.start - e.span.start < 400 else None
        return None
    return None


def _weapon_of_fighting(doc: Doc, m: Mention, trigs: list[Mention]) -> bool:
    """"معارك … باستخدام المدفعية الثقيلة", "fighting with heavy artillery": the weapon of a
    clash told just before it is part of the clash, not an attack of its own."""
    if m.cat != "Shelling/artillery/missile attack":
        return False
    if not doc.find("event_weapon_of", max(0, m.start - 14), m.start):
        return False
    return any(t.cat == "Armed clash" and t.end <= m.start and m.start - t.end < 200 for t in trigs)


@functools.cache
def _air_names(lang: str) -> re.Pattern[str] | None:
    """The aircraft words of ``event_air_names`` as one pattern, built once per language."""
    words = [normalize(w, lang) for w in triggers(lang).get("event_air_names", [])]
    words = [w for w in words if w]
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)") if words else None


def _air_subjects(doc: Doc, sent) -> list[Mention]:
    """"واستهدفت الطائرات الحربية السورية…", "Russian warplanes struck…": an armed actor
    named by its aircraft, with an attack verb in its clause, is an air strike trigger."""
    air = _air_names(doc.lang)
    out = []
    for m in doc.find("actor", sent.start, sent.end):
        if m.cat == "adj" or not doc.armed(m) or air is None:
            continue
        name = normalize(doc.text[m.start:m.end], doc.lang)
        if air.search(name):
            cl = doc.clause_at(m.start)
            if doc.find("event_verbs", cl[0], cl[1]):
                out.append(Mention(m.start, m.end, "actor", "Air/drone strike", m.values))
    # "Turkish drones struck…", "الطائرات الحربية الروسية قصفت…": an aircraft noun with a
    # nationality adjective next to it is that state's aircraft
    named = [(m.start, m.end) for m in out]
    for a in doc.find("event_air_names", sent.start, sent.end):
        if any(s <= a.start < e for s, e in named):
            continue
        adj = [m for m in doc.find("actor", max(sent.start, a.start - 20), min(sent.end, a.end + 30))
               if m.cat == "adj" and doc.armed(m) and _adjacent(doc, m, a)]
        cl = doc.clause_at(a.start)
        if adj and doc.find("event_verbs", cl[0], cl[1]):
            m = adj[0]
            out.append(Mention(min(a.start, m.start), max(a.end, m.end), "actor", "Air/drone strike", m.values))
    return out


def _adjacent(doc: Doc, m: Mention, a: Mention) -> bool:
    """The adjective stands right before the noun (English) or right after it, perhaps
    after another adjective (Arabic: "الطائرات الحربية الروسية")."""
    if m.end <= a.start:
        return doc.lang == "en" and not doc.text[m.end:a.start].strip()
    return doc.lang == "ar" and m.start >= a.end and len(doc.text[a.end:m.start].split()) <= 1


def _history(doc: Doc, e: EventClaim) -> bool:
    """An event dated only to a month or a year before the publication month is history
    recalled in the story ("the sarin attack on X in April last year"), not news."""
    def old(r) -> bool:
        return r.precision != "day" and (r.end.year, r.end.month) < (doc.published.year, doc.published.month)
    if e.date is not None and old(e.date):
        return True
    if e.span is None:
        return False
    sent = doc.sentence_at(e.span.start)
    if doc.dates_in(sent.start, sent.end):
        return False
    # an undated sentence that goes on about the same kind of event as the sentence before
    # it, dated to an old month or year, continues that history
    if sent.idx == 0:
        return False
    prev = doc.sentences[sent.idx - 1]
    dates = [d for d in doc.dates_in(prev.start, prev.end) if d.role == "point"]
    return bool(dates) and old(dates[-1].range) and bool(doc.find("events", prev.start, prev.end, e.sub_type))


def _aim(doc: Doc, t: Mention) -> bool:
    """"Troops sent to fight in X": an infinitive of purpose is no incident ("subjected to
    shelling" is)."""
    if not _PURPOSE.search(doc.text[max(0, t.start - 12):t.start]):
        return False
    return any(w.start == t.start for w in doc.find("event_infinitive", t.start, t.end + 1))


def _in_date(doc: Doc, m: Mention) -> bool:
    """A trigger inside a date expression is a month name ("March 2017"), no event."""
    return any(d.start <= m.start and m.end <= d.end for d in doc.analysis.dates)


def _idle_weapon(doc: Doc, m: Mention) -> bool:
    """An aircraft or weapon noun ("jets", "الطيران") is an attack only next to an attack verb
    in its clause: "captured jets" or "backed by Russian aircraft" is no strike."""
    if not any(w.start == m.start and w.end == m.end for w in doc.find("event_weak", m.start, m.end)):
        return False
    cl = doc.clause_at(m.start)
    return not doc.find("event_verbs", cl[0], cl[1])


def _attacker(doc: Doc, trig: Mention, cl: tuple[int, int], sent) -> str | None:
    """Who attacked: an actor of the trigger's clause, else (Arabic verb-first sentences,
    "واستهدفت القوات X وفق المرصد، مدينة Y بالبراميل") the subject earlier in the sentence."""
    if trig.group == "actor":
        return doc.armed(trig)  # the aircraft named as the actor struck
    found = _clause_attacker(doc, trig, cl)
    dependent = doc.lang == "en" and _EN_DEPENDENT.match(doc.text[cl[0]:cl[1]])
    reported = doc.find("event_report_gerunds", cl[0], min(cl[1], cl[0] + 25)) or doc.find("report", cl[0], min(cl[1], cl[0] + 20))
    if found is None and (doc.lang == "ar" or dependent) and not reported and trig.cat != "Disrupted weapons use":
        # an English gerund clause ("…, while fighting persisted") shares the main subject
        start = sent.start if dependent else _own_part(doc, trig, sent)[0]
        if start < cl[0]:
            cands = _candidates(doc, start, cl[0])
            if cands:
                found = doc.armed(cands[-1])
    return found


def _candidates(doc: Doc, start: int, end: int) -> list[Mention]:
    """Armed actors in [start, end) that are neither a target nor the victims' group."""
    def targeted(m: Mention) -> bool:
        near = doc.text[max(0, m.start - 14):m.start]
        return bool(_TARGET.search(near) or ALLEGIANCE.search(near))
    return [m for m in doc.find("actor", start, end)
            if doc.armed(m) and not targeted(m) and not _victim_group(doc, m) and not _place_adjective(doc, m)
            and not _BACKER.match(doc.text[m.end:m.end + 12])]


def _place_adjective(doc: Doc, m: Mention) -> bool:
    """"بلدة اللطامنة السورية", "مدينة دوما السورية": a nationality adjective of the place
    just before it, not an actor."""
    if m.cat != "adj":
        return False
    return any(0 <= m.start - p.end <= 2 for p in doc.places_in(max(0, m.start - 40), m.start))


def _clause_attacker(doc: Doc, trig: Mention, cl: tuple[int, int]) -> str | None:
    cands = _candidates(doc, cl[0], cl[1])
    if not cands:
        return None
    if doc.lang == "ar":
        if doc.text[max(0, trig.start - 1):trig.start] == "ب":
            # "استهدفت قوات النظام بالمدفعية …": an instrument; its user is named before it
            before = [m for m in cands if m.end <= trig.start]
            if before:
                return doc.armed(before[-1])
        adj = [m for m in cands if m.cat == "adj" and 0 <= m.start - trig.end <= 25]
        if adj:
            return doc.armed(adj[0])
        after = [m for m in cands if 0 <= m.start - trig.end <= 45 and not doc.find("event_subordinate", trig.end, m.start)]
        if after:
            return doc.armed(after[0])
        before = [m for m in cands if m.end <= trig.start]
        if before:
            return doc.armed(before[-1])
    else:
        before = [m for m in cands if m.end <= trig.start and trig.start - m.end <= 60]
        if before:
            return doc.armed(before[-1])
        after = [m for m in cands if 0 <= m.start - trig.end <= 40 and _BY.match(doc.text[trig.end:m.start + 1])]
        if after:
            return doc.armed(after[0])
    return None


def _victim_group(doc: Doc, m: Mention) -> bool:
    """"12 مقاتلا من قوات النظام", "soldiers of the Syrian army": the group the victims
    belong to, not the attacker."""
    if any(v.start < m.start and m.end <= v.end for v in doc.find("victim", max(0, m.start - 30), m.end)):
        return True  # "عناصر من قوات النظام" is one victim phrase
    if any(m.start - a.end <= 3 for a in doc.find("among", max(0, m.start - 20), m.start)):
        return True  # "14 مقاتلا بينهم إيرانيون", "including Iranians"
    for v in doc.find("victim", max(0, m.start - 30), m.start):
        if v.cat in ("fighter", "state", "people") and _OF_GROUP.match(doc.text[v.end:m.start]) and doc.text[v.end:m.start].strip():
            return True
    return False


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
    before = doc.text[max(0, p.start - 18):p.start]
    near = doc.text[max(0, p.start - 14):p.start]
    if any(m.start <= p.start and p.end <= m.end for m in doc.find("actor", max(0, p.start - 60), p.end)):
        return False  # "المركز الإعلامي للغوطة", "Aleppo Media Center": part of a name
    return not (_CLOCK_AFTER.match(after) or _CLOCK_BEFORE.search(before) or ALLEGIANCE.search(near))


def _continued(doc: Doc, events: list[EventClaim], sent, actor1: str, sub: str) -> Place | None:
    """"Israel struck depots inside Syria. … Israel also bombed depots …": an attacker's
    next attack of the same family in the paragraph, told without a place, is in the same place."""
    if actor1 == "unidentified":
        return None
    for e in reversed(events):
        if e.span is None or e.span.start >= sent.start:
            continue
        if doc.sentence_at(e.span.start).para != sent.para:
            return None
        if e.actor1 == actor1 and e.event_type == acled_types()[sub]:
            return e.place
    return None


def _days(doc: Doc, trig: Mention, sent) -> list:
    """Several days stated after the trigger in its part of the sentence ("attacks on
    25 March and again on 30 March"): one attack on each day."""
    start, end = _own_part(doc, trig, sent)
    out = []
    for d in doc.dates_in(trig.end, end):
        if d.role == "point" and d.range.precision == "day" and d.range.start <= doc.published \
                and all(abs((d.range.start - o.start).days) > 1 for o in out):
            out.append(d.range)  # consecutive days are one overnight event, not two
    return out if len(out) > 1 else []


def _attributed(events: list[EventClaim], sub: str, date) -> list[Place]:
    """"The centre blamed the suffocation on regime aircraft": a placeless sentence that names
    the attacker of an incident told before with an unknown one happened at its place."""
    for e in reversed(events):
        if e.sub_type == sub and e.actor1 == "unidentified" and e.place and (e.date is None or e.date.overlaps(date)):
            return [e.place]
    return []


def _local_places(doc: Doc) -> list[PlaceMention]:
    """Settlements the gazetteer does not know, named as such in the text ("the town of X",
    "X, a town", "بلدة X"): every mention of such a name is a place of its own (name only)."""
    known = doc.analysis.places
    names: list[str] = []
    for m in _SETTLEMENT.finditer(doc.text):
        name = next(g for g in m.groups() if g)
        start = m.start(m.lastindex or 0)
        if not any(p.start <= start < p.end for p in known) and name not in names:
            names.append(name)
    out = []
    for name in names:
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", doc.text):
            if not any(p.start < m.end() and m.start() < p.end for p in known):
                out.append(PlaceMention(name, m.start(), m.end(), Place(name=name, level="city", precision=1)))
    return sorted(out, key=lambda p: p.start)


def _places(doc: Doc, trig: Mention, cl: tuple[int, int], sent, continued: Place | None = None,
            local: list[PlaceMention] = ()) -> list[Place]:
    """Where the event happened: the place of the clause (and the places listed with it:
    "shelled A, B and C" is one event in each), else of the sentence, else inherited from
    the paragraph before it, else the document's main place."""
    def pick(start: int, end: int) -> PlaceMention | None:
        cands = [p for p in doc.places_in(start, end) if _usable(doc, p) and p.place.level != "country"]
        cands += [p for p in local if start <= p.start and p.end <= end and _usable(doc, p)]
        if not cands:
            return None
        def key(p: PlaceMention) -> tuple[int, int, int, int]:
            near = bool(doc.find("event_near", max(0, p.start - 20), p.start))  # "قرب دمشق": a landmark
            return (near, LEVEL_RANK.get(p.place.level, 4) // 2, 0 if p.start >= trig.start else 1, abs(p.start - trig.start))
        return min(cands, key=key)
    first = pick(cl[0], cl[1]) or pick(*_own_part(doc, trig, sent))
    if first is not None:
        first = _governorate(doc, first)
        out = [first]
        if first.place.level in ("city", "point"):
            out += _listed(doc, first, sent.end)
        return list({p.place.name: p.place for p in out}.values())
    # "inside Syria": a country is the place only when the clause names nothing finer
    country = [p for p in doc.places_in(cl[0], cl[1]) if p.place.level == "country" and _usable(doc, p)
               and _IN_BEFORE.search(doc.text[max(0, p.start - 10):p.start].lower())]
    if country:
        return [country[0].place]
    if _names_unknown_town(doc, *_own_part(doc, trig, sent)):
        return []  # it happened in a town the gazetteer lacks: no guess from elsewhere
    if continued is not None:
        return [continued]
    for prev in reversed(doc.sentences[:sent.idx]):
        if prev.para != sent.para:
            break
        p = pick(prev.start, prev.end)
        if p is not None:
            return [p.place]
    if not doc.find("anaphora", sent.start, sent.end):
        return []
    last = _main_place(doc, trig.start)
    return [last] if last is not None else []


def _names_unknown_town(doc: Doc, start: int, end: int) -> bool:
    """Whether [start, end) names a town the gazetteer lacks: one the text calls a town
    ("بلدة X", "the town of X") somewhere, without a place found at that name."""
    pattern = _unknown_towns_pattern(doc)
    return pattern is not None and pattern.search(doc.text, start, end) is not None


def _unknown_towns_pattern(doc: Doc) -> re.Pattern[str] | None:
    if "unknown_towns_re" not in doc.memo:
        names = _unknown_towns(doc)
        doc.memo["unknown_towns_re"] = re.compile(
            r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])") if names else None
    return doc.memo["unknown_towns_re"]


def _unknown_towns(doc: Doc) -> list[str]:
    """Names the text calls a town ("بلدة X", "the town of X") where no place was found
    (computed once per document)."""
    if "unknown_towns" in doc.memo:
        return doc.memo["unknown_towns"]
    found = []
    for m in _TOWN_WORD.finditer(doc.text):
        name = next(g for g in m.groups() if g)
        at = m.start(m.lastindex or 0)
        if not any(p.start <= at < p.end for p in doc.analysis.places) and name not in found:
            found.append(name)
    doc.memo["unknown_towns"] = found
    return found


def _main_place(doc: Doc, before: int) -> Place | None:
    """"The town": the city or point named most often before ``before`` (clock times and
    allegiances left out), the latest on a tie. When that is a town the gazetteer lacks,
    it is a name-only place in English and no place in Arabic (its name has no English form)."""
    counts: dict[str, list] = {}
    for p in doc.analysis.places:
        if p.start >= before:
            break
        if p.place.level in ("city", "point") and _usable(doc, p):
            entry = counts.setdefault(p.place.name, [0, 0, p.place])
            entry[0] += 1
            entry[1] = p.start
    for name in _unknown_towns(doc):
        hits = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", doc.text[:before])]
        if hits:  # an English name can stand as a place of its own (see _local_places)
            counts[name] = [len(hits), hits[-1], Place(name=name, level="city", precision=1) if doc.lang == "en" else None]
    return max(counts.values(), key=lambda e: (e[0], e[1]))[2] if counts else None


def _own_part(doc: Doc, trig: Mention, sent) -> tuple[int, int]:
    """The part of the sentence that belongs to the trigger: up to a contrastive clause
    ("…يقصف قوات، فيما طالبت تركيا بوقف القصف على إدلب": Idlib is Turkey's demand)."""
    start, end = sent.start, sent.end
    for c in doc.find("event_contrast", sent.start, sent.end):
        if c.start > trig.end:
            end = min(end, c.start)
        elif c.end <= trig.start:
            start = max(start, c.end)
    return start, end


def _governorate(doc: Doc, pm: PlaceMention) -> PlaceMention:
    """"western Aleppo Governorate": a part of a governorate named as such is placed at the
    governorate (an administrative unit; its "western part" is not one)."""
    if pm.place.level not in ("region", "district") or not _GOVERNORATE_WORD.search(pm.text):
        return pm
    for p in doc.analysis.places:
        if p.place.level == "governorate" and (_place_key(p.place) or "@") in pm.place.name.lower():
            return PlaceMention(pm.text, pm.start, pm.end, p.place)
    return pm


def _listed(doc: Doc, first: PlaceMention, end: int) -> list[PlaceMention]:
    """The places listed right after ``first`` ("A, B and C", "أ وب"); in English a
    capitalised name inside the list that the gazetteer lacks is a place of its own."""
    out = []
    known = doc.places_in(first.end, end)
    pos = first.end
    while pos < end:
        gap = _LIST_GAP.match(doc.text, pos, end)
        at = gap.end() if gap else pos
        nxt = next((p for p in known if p.start == at), None)
        if nxt is None and doc.lang == "en" and gap and gap.group(0).strip():
            nxt = _unknown_in_list(doc, at, end)
        if nxt is None or nxt.place.level not in ("city", "point"):
            break
        out.append(nxt)
        pos = nxt.end
    return out


def _unknown_in_list(doc: Doc, at: int, end: int) -> PlaceMention | None:
    """"…Ariha, Sarmada and other areas": an unknown capitalised name between list separators."""
    m = _LIST_NAME.match(doc.text, at, end)
    if m is None or doc.find("actor", m.start(), m.end()) or doc.analysis.dates and any(
            d.start <= m.start() < d.end for d in doc.analysis.dates):
        return None
    name = m.group(1)
    return PlaceMention(name, m.start(1), m.end(1), Place(name=name, level="city", precision=1))


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
    return (e.sub_type, e.actor1, _place_key(e.place))


def _place_key(p: Place | None) -> str | None:
    """A place's name for deduplication; areas without their level words."""
    if p is None:
        return None
    if not _is_area(p):
        return p.name
    words = set(_rules().get("area_words", ()))
    kept = [w for w in re.split(r"[\s_]+", p.name.lower()) if w not in words]
    return " ".join(kept) or p.name


def _restates(e: EventClaim, o: EventClaim) -> bool:
    """Whether an unidentified-attacker event ``e`` is a retelling of the named event ``o``:
    same family at the same place, or the same sub-type on an overlapping day."""
    same_place = bool(o.place and e.place and o.place.name == e.place.name)
    if not same_place and _far(e.place, o.place):
        return False  # a round-up of incidents far apart
    overlap = o.date is None or e.date is None or o.date.overlaps(e.date)
    if _family(o) == _family(e) and overlap and (same_place or _is_area(e.place)):
        return True
    return o.sub_type == e.sub_type and (same_place or overlap)


def _near(a: Place | None, b: Place | None, km: float = 15.0) -> bool:
    """Two towns or points with coordinates within ``km`` of each other."""
    if a is None or b is None or None in (a.lat, a.lon, b.lat, b.lon) or _is_area(a) or _is_area(b) \
            or "country" in (a.level, b.level):
        return False
    return not _far(a, b, km)


def _far(a: Place | None, b: Place | None, km: float = 40.0) -> bool:
    """Two towns or points more than ``km`` apart (areas and unplaced names are never far)."""
    if a is None or b is None or _is_area(a) or _is_area(b) or a.level == "country" or b.level == "country":
        return False
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    dlat, dlon = math.radians(b.lat - a.lat), math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(a.lat)) * math.cos(math.radians(b.lat)) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h)) > km


def _is_area(p: Place | None) -> bool:
    return p is not None and p.level in ("district", "governorate", "region")


def _same_incident(e: EventClaim, o: EventClaim) -> bool:
    """Same family at the same place on overlapping days, or the same sub-type on
    overlapping days with ``e`` placed only in an area (a vaguer retelling)."""
    overlap = o.date is None or e.date is None or o.date.overlaps(e.date)
    if not overlap:
        return False
    if _family(o) == _family(e) and bool(o.place and e.place and o.place.name == e.place.name):
        return True
    # "a car bomb exploded in X … the blast hit a market near the Y crossing"
    return o.sub_type == e.sub_type and (_is_area(e.place) or _near(e.place, o.place))


def _armed_target(e: EventClaim) -> bool:
    return e.actor2 not in (None, "civilians", "unidentified")


def _dedupe(events: list[EventClaim], repeated: set[int] = frozenset(), outlet: str | None = None) -> list[EventClaim]:
    # "attacks on 25 March and again on 30 March": those are kept apart by day, and other
    # tellings of the same key are retellings of one of them
    days = {_key(e) for e in events if id(e) in repeated}
    events = [e for e in events if id(e) in repeated or _key(e) not in days]
    out: dict[tuple, EventClaim] = {}
    for e in events:
        k = _key(e) if id(e) not in repeated else (*_key(e), e.date.start if e.date else None)
        if k in out and _armed_target(out[k]) and _armed_target(e) and out[k].actor2 != e.actor2:
            k = (*k, e.actor2)  # one attacker, two different armed targets: two events (ACLED dyads)
        if k not in out:
            out[k] = e
            continue
        if out[k].fatalities is None and e.fatalities is not None:
            out[k].fatalities = e.fatalities
        if out[k].source == outlet and e.source != outlet:
            out[k].source = e.source  # a lead told by the outlet, attributed further down
    kept = list(out.values())
    # an unidentified attacker is dropped when the same incident has a named one
    final = []
    for i, e in enumerate(kept):
        if e.actor1 == "unidentified" and any(_restates(e, o) for o in kept if o is not e and o.actor1 != "unidentified"):
            continue
        if e.actor1 == "unidentified" and any(
                _same_incident(e, o) and (_is_area(o.place), _PRIORITY.index(o.sub_type), j)
                < (_is_area(e.place), _PRIORITY.index(e.sub_type), i)
                for j, o in enumerate(kept) if o is not e and o.actor1 == "unidentified"):
            continue  # two unknown-attacker tellings of one incident: the more specific stays
        final.append(e)
    return final
