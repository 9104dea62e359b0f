"""Casualty claims: a figure, its outcome, party, actor, running total or incident, parts.

A figure is a casualty when an outcome word governs it in its clause (its counted noun,
"مقتل 17", "14 civilians were killed"). Figures of distance, time, population or places
are not. A figure that follows a casualty in the same sentence without an outcome of its
own is a part of it when it names a party ("311 – 183 من هيئة تحرير الشام و100 جندي"),
is skipped when it is a subset by age or sex ("بينهم 16 طفلا"), and "N منهم"/"N of them"
with a cause is a part with the total's party.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.extract.attribution import Attribution
from marsad.extract.context import Doc
from marsad.extract.lexicon import Mention, actors, alternation, both
from marsad.lang.analysis import NumberMention
from marsad.model import CasualtyClaim, DateRange

__all__ = ["extract_casualties"]

_YEAR = range(1900, 2101)
_DISPLACED = "displaced"


@dataclass(slots=True)
class _Fig:
    num: NumberMention
    outcome: str | None
    outcome_m: Mention | None
    party: str | None
    actor: str | None
    victim: str | None  # civilian | state | fighter | people | subset
    subset: bool


def _figure(n: NumberMention) -> tuple[int | None, int | None, int | None]:
    if n.value is not None and n.low is None:
        return n.value, None, None
    return n.value, n.low, n.high


def _outcome(doc: Doc, n: NumberMention, cl: tuple[int, int]) -> Mention | None:
    """The outcome word governing a figure: its noun, else nearest in the clause."""
    outs = [m for m in doc.find("outcome", cl[0], cl[1])]
    if not outs:
        return None
    noun_start = (n.noun_start if n.noun_start is not None else n.end) + 1
    for m in outs:
        if n.end <= m.start <= noun_start:
            return m
    after = [m for m in outs if m.start >= n.end and m.start - n.end <= 60]
    before = [m for m in outs if m.end <= n.start and n.start - m.end <= 45 and not _owned(doc, m, n)]
    if doc.lang == "en":
        cands = sorted(after, key=lambda m: m.start - n.end)[:1] + sorted(before, key=lambda m: n.start - m.end)[:1]
    else:
        cands = sorted(before, key=lambda m: n.start - m.end)[:1] + sorted(after, key=lambda m: m.start - n.end)[:1]
    if not cands:
        return _risen_toll_noun(doc, n, outs)
    return min(cands, key=lambda m: min(abs(m.start - n.end), abs(n.start - m.end)) * (0.8 if m in before and doc.lang == "ar" else 1))


_TOLL_REACH = 110


def _risen_toll_noun(doc: Doc, n: NumberMention, outs: list[Mention]) -> Mention | None:
    """"The death toll since the offensive began on 27 November had risen to 704": a toll
    noun far before the figure still governs it when a rise verb leads into the figure."""
    rise = [r for r in doc.find("running_rise", max(0, n.start - 20), n.start)]
    if not rise:
        return None
    tolls = [m for m in outs if m.end <= rise[-1].start and n.start - m.end <= _TOLL_REACH
             and doc.find("toll", max(0, m.start - 8), m.end + 1)]
    return tolls[-1] if tolls else None


def _exceeded(doc: Doc, n: NumberMention, cl: tuple[int, int]) -> bool:
    """A figure a toll "exceeded": more than N (FORMAT: low N+1)."""
    cues = doc.find("exceed", max(cl[0], n.start - 35), n.start)
    return bool(cues) and not doc.numbers_in(cues[-1].end, n.start)


def _past_aside(doc: Doc, cl: tuple[int, int]) -> tuple[int, int]:
    """"14 مقاتلا، بينهم إيرانيون، قتلوا": the clause with the "among them" aside skipped,
    so that the verb after it governs the figure."""
    m = re.match(r"[،,]\s*(?:بينهم|من بينهم|among them|including)\s[^،,.]{1,40}[،,]", doc.text[cl[1]:cl[1] + 50])
    if not m:
        return cl
    return cl[0], doc.clause_at(cl[1] + m.end() + 1)[1]


def _side_among(doc: Doc, end: int) -> str:
    """Fighters of no named side, "14 مقاتلا، بينهم إيرانيون": the side of those named
    among them (the group itself stays unnamed)."""
    m = re.match(r"\s*[،,]?\s*(?:بينهم|من بينهم|among them|including)\s+", doc.text[end:end + 20])
    if not m:
        return "unknown"
    for a in doc.find("actor", end + m.end(), end + m.end() + 25):
        arm = doc.armed(a)
        if arm and a.start - (end + m.end()) <= 2:
            return doc.party_of(arm)
    return "unknown"


def _owned(doc: Doc, m: Mention, n: NumberMention) -> bool:
    """An outcome word that is the noun of an earlier figure ("28 قتيلا هم خمسة مدنيين
    وعشرة مقاتلين"): it governs that figure, not the parts listed after it."""
    return any(x is not n and x.end <= m.start and m.start - x.end <= 2 and x.start < n.start
               and not doc.text[x.end:m.start].strip()  # "جنديان وأصيب خمسة": a new verb, not a noun
               for x in doc.numbers_in(max(0, m.start - 40), m.start))


def _victims(doc: Doc, n: NumberMention, limit: int) -> tuple[str | None, str | None, bool]:
    """(party, actor, subset) from the words after a figure up to ``limit``: the figure's
    own noun first ("ستة مدنيين على الأقل"), never past its clause ("إصابة 38، وهو ما نفى
    جيش الإسلام") nor an actor that holds or caused them ("محتجزين لدى التنظيم")."""
    start = min(n.end, n.noun_start) if n.noun_start is not None and n.noun_start >= n.start else n.end
    end = min(limit, n.end + 70, doc.clause_at(n.start)[1])
    window_text = doc.text[start:end]
    vic = [m for m in doc.find("victim", start, end) if m.start - start < 25]
    acts = [m for m in doc.find("actor", start, end) if m.cat != "adj"
            and not doc.find("captor", m.start - 12, m.start)]
    adjs = [m for m in doc.find("actor", start, min(end, start + 40)) if m.cat == "adj"]
    first_vic = vic[0] if vic else None
    subset = any(m.cat == "subset" and m.start - start < 8 for m in vic)
    # a civilian word names the party even when it is also an age/sex word
    cats = {m.cat for m in vic if m.start - start < 12}
    actor = None
    for a in acts:
        if a.start - start > 55 or (first_vic is None and a.start - start > 30):
            break
        arm = doc.armed(a)
        if arm:
            actor = arm
            break
        if "civilians" in a.values:
            actor = "civilians"
            break
    if actor is None and first_vic and first_vic.cat == "fighter":
        for a in adjs:
            arm = doc.armed(a)
            if arm:
                actor = arm
                break
    if first_vic is not None and first_vic.start - start < 12 and first_vic.cat in ("civilian", "subset"):
        return "civilian", "civilians", subset
    if actor == "civilians" or "civilian" in cats:
        return "civilian", "civilians", subset
    if first_vic is not None and first_vic.cat == "state" and first_vic.start - start < 12:
        e = actors().get(actor or "")
        if e is None or e.inter not in (1, 8):
            actor = "syria-military"
        return "state", actor, False
    if actor:
        return doc.party_of(actor), actor, False
    if "state" in cats:
        return "state", None, False
    if "fighter" in cats:
        return _side_among(doc, end), None, False
    if "subset" in cats:
        return "civilian", "civilians", True
    if "people" in cats:
        return None, None, False
    _ = window_text
    return None, None, False


def _is_noise(doc: Doc, n: NumberMention) -> bool:
    if getattr(n, "kind", "count") == "date":
        return True
    if any(d.start <= n.start < d.end for d in doc.analysis.dates):
        return True
    if n.value is not None and n.value in _YEAR and n.low is None and not n.noun:
        return True
    # a unit or a non-casualty noun right after the figure
    nxt = [m for m in doc.find("not_casualty", n.end, n.end + 25) if m.start - n.end <= 3
           or re.fullmatch(r"\s*(من|of)\s+", doc.text[n.end:m.start])]  # "العشرات من المنازل"
    if nxt:
        return True
    text_after = doc.text[n.end:n.end + 12]
    if re.match(r"\s*(%|٪|km|كم)", text_after):
        return True
    # a figure inside a name ("السويداء 24"), or counting the noun before it ("عائلة واحدة")
    if any(a.start <= n.start and n.end <= a.end for a in doc.find("actor", n.start - 40, n.end + 1)):
        return True
    # (Arabic "one" and "two" follow their noun as adjectives; larger figures precede it,
    # so "قتلت الغارات 10 مدنيين" stays a toll)
    if n.value in (1, 2) and n.low is None and doc.find("not_casualty", n.start - 12, n.start):
        prev = doc.find("not_casualty", n.start - 12, n.start)[-1]
        if not doc.text[prev.end:n.start].strip():
            return True
    # "أحد الجرحى", "one of those injured": a person singled out, not a count
    if doc.find("one_of", n.start, n.end + 12) and any(m.start == n.start for m in doc.find("one_of", n.start, n.end + 12)):
        return True
    sent = doc.sentence_at(n.start)
    cl = doc.clause_at(n.start)
    if doc.has("population", max(sent.start, cl[0]), n.start):  # in its own clause only
        return True
    return False


def extract_casualties(doc: Doc, att: Attribution) -> list[CasualtyClaim]:
    """Casualty claims of a document, parts linked to their totals."""
    _OUTLET[0] = att.default
    out: list[CasualtyClaim] = []
    sheet: set[int] = set()  # figures of an incident sheet's fields: the outlet's own tally
    guessed: set[int] = set()  # claims whose party came from the context, not their noun
    ids = 0
    for sent in doc.sentences:
        nums = [n for n in doc.numbers_in(sent.start, sent.end) if not _is_noise(doc, n)]
        head: CasualtyClaim | None = None
        last: CasualtyClaim | None = None
        breakdown = False
        skip_next = None
        for k, n in enumerate(nums):
            if skip_next is not None and n is skip_next:
                continue
            nxt = nums[k + 1].start if k + 1 < len(nums) else sent.end
            cl = doc.clause_at(n.start)
            om = _outcome(doc, n, cl) or _outcome(doc, n, _past_aside(doc, cl))
            label = _label(doc, n) if om is None else None
            om = om or label
            party, actor, subset = _victims(doc, n, nxt)
            before = doc.text[max(sent.start, n.start - 16):n.start]
            among = bool(re.search(r"(بينهم|بينهن|من بينهم|including|among them|among whom|هم|–|-|:)\s*(نحو|حوالي|about|at least)?\s*$", before))
            of_them = bool(re.match(r"\s*(منهم|منهن|of them|of whom)", doc.text[n.end:n.end + 12]))
            others = bool(re.match(r"\s*(آخرون|آخرين|others|other|more)", doc.text[n.end:n.end + 10]))
            if head is not None and (subset and head.party in ("civilian", "unknown", "all")) and not of_them:
                continue
            if head is not None and om is None:
                if of_them or others:
                    # "عشرة منهم جراء غارات" / "30 آخرين يوم السبت"
                    if of_them and not doc.has("cause", n.end, min(nxt, n.end + 30)) and not re.search(r"(جراء|بسبب|في|by|in)\s", doc.text[n.end:n.end + 25]):
                        continue
                    parent = last if (of_them and last is not None and last is not head) else head
                    claim = _claim(doc, att, n, head.outcome, parent.party if party is None else party,
                                   actor if actor else parent.actor, head, sent, om)
                    if of_them:
                        if parent.id is None:
                            ids += 1
                            parent.id = f"c{ids}"
                        claim.part_of = parent.id
                    out.append(claim)
                    last = claim
                    continue
                if party is None and not (breakdown or among):
                    continue
                # a part of the total: a party of its own
                if head.id is None:
                    ids += 1
                    head.id = f"c{ids}"
                if head.party in ("unknown",) or head.party is None or id(head) in guessed:
                    head.party = "all"
                    head.actor = None
                claim = _claim(doc, att, n, head.outcome, party or "unknown", actor, head, sent, None)
                claim.part_of = head.id
                breakdown = True
                out.append(claim)
                last = claim
                continue
            if om is None:
                continue
            outcome = om.cat.split(".")[-1]
            if doc.find("previous", max(sent.start, n.start - 60), min(sent.end, n.end + 40)):
                continue
            fig = n.value if n.value is not None else (n.low or 0)
            if outcome == _DISPLACED and fig < 50:
                continue  # "displaced people" describing victims, not a displacement figure
            if subset and head is None and k + 1 < len(nums) and re.fullmatch(r"\s*(و|and)\s*", doc.text[(n.noun_end or n.end) + 0:nums[k + 1].start]):
                # "16 طفلا وأربع نساء": one civilian figure, the sum
                nn = nums[k + 1]
                total = (n.value or 0) + (nn.value or 0)
                claim = _claim(doc, att, n, outcome, "civilian", "civilians", None, sent, om)
                claim.count, claim.low, claim.high = total, None, None
                out.append(claim)
                head = claim
                last = claim
                skip_next = nn
                continue
            if skip_next is not None and n is skip_next:
                continue
            if head is not None and head.outcome == outcome and of_them:
                # "N منهم": of the group named last ("بينهم 139 مدنيا، قضى 60 منهم")
                parent = last if last is not None and last is not head else head
                if parent.id is None:
                    ids += 1
                    parent.id = f"c{ids}"
                claim = _claim(doc, att, n, outcome, parent.party, parent.actor, head, sent, om)
                claim.part_of = parent.id
                out.append(claim)
                last = claim
                continue
            if head is not None and among and party and head.outcome == outcome:
                if head.id is None:
                    ids += 1
                    head.id = f"c{ids}"
                if head.party == "unknown" or id(head) in guessed:
                    head.party, head.actor = "all", None  # a total the text breaks down
                claim = _claim(doc, att, n, outcome, party, actor, head, sent, om)
                claim.part_of = head.id
                if claim.party == "civilian" and actor is None:
                    claim.actor = "civilians"
                out.append(claim)
                last = claim
                continue
            from_context = party is None
            if party is None:
                party = _context_party(doc, n, sent, document=label is not None)
                actor = "civilians" if party == "civilian" else None
            claim = _claim(doc, att, n, outcome, party, actor, None, sent, om)
            if from_context:
                guessed.add(id(claim))
            if label is not None:
                sheet.add(id(claim))
            if others and head is not None and not _male(doc, n):
                claim.party = head.party if party in (None, "unknown") else party
                claim.actor = claim.actor or head.actor
            out.append(claim)
            head = claim
            last = claim
            breakdown = False
    out += _single_deaths(doc, att, out)
    return _dedupe(out, sheet, guessed)


def _single_deaths(doc: Doc, att: Attribution, found: list[CasualtyClaim]) -> list[CasualtyClaim]:
    """A person killed, without a figure ("X, a photographer, was killed in an airstrike",
    "لقي الصحفي حتفه"): a toll of one, the party from the person's role or side."""
    out: list[CasualtyClaim] = []
    for m in doc.find("single_death", 0, len(doc.text)):
        sent = doc.sentence_at(m.start)
        start = max(sent.start, m.start - 100)
        if [x for x in doc.numbers_in(start, m.end) if not _is_noise(doc, x)] or any(c.span and sent.start <= c.span.start < sent.end for c in found):
            continue  # a counted toll is told by its figure
        vic = [v for v in doc.find("victim", start, m.start) if v.cat in ("civilian", "state", "fighter")]
        arms = [a for a in doc.find("actor", start, m.start) if doc.armed(a)]
        if any(v.cat == "civilian" for v in vic):
            party, actor, who = "civilian", "civilians", [v for v in vic if v.cat == "civilian"][-1]
        elif arms:
            actor = doc.armed(arms[-1])
            party, who = doc.party_of(actor), arms[-1]
        elif vic:
            party, actor, who = ("state" if vic[-1].cat == "state" else "unknown"), None, vic[-1]
        else:
            continue
        om = (doc.find("outcome", m.start, m.end) or [m])[0]
        n = NumberMention(text=doc.text[who.start:who.end], value=1, low=None, high=None,
                          start=who.start, end=who.end, noun=None, noun_start=None, noun_end=None)
        claim = _claim(doc, att, n, "killed", party, actor, None, sent, om)
        claim.evidence = doc.text[who.start:m.end]
        claim.span = _span(who.start, m.end)
        out.append(claim)
    return out


def _label(doc: Doc, n: NumberMention) -> Mention | None:
    """An incident sheet's field, "Reported casualties: 10" / "القتلى :10": the outcome
    word is the label of the line the figure ends."""
    line_start = doc.text.rfind("\n", 0, n.start) + 1
    head = doc.text[line_start:n.start]
    if not re.fullmatch(r"[^\n:]{1,40}?\s*:\s*", head):
        return None
    outs = doc.find("outcome", line_start, n.start)
    return outs[-1] if outs else None


def _male(doc: Doc, n: NumberMention) -> bool:
    """"17 men": adult men are not called civilians by the context alone (FORMAT: unknown)."""
    return bool(doc.find("male", n.start, (n.noun_end or n.end) + 12))


def _context_party(doc: Doc, n: NumberMention, sent, *, document: bool = False) -> str:
    """Generic victims ("people"): civilian when the sentence or the one before speaks of
    civilians, homes, families or a chemical attack and of no fighters; the next sentence
    counts too when it describes the same victims ("Five of them were displaced people")."""
    if _male(doc, n):
        return "unknown"
    prev = doc.sentences[sent.idx - 1] if sent.idx > 0 else sent
    start = prev.start if prev.para == sent.para or doc.lang == "ar" else sent.start
    end = sent.end
    if sent.idx + 1 < len(doc.sentences):
        nxt = doc.sentences[sent.idx + 1]
        if "\n\n" not in doc.text[sent.end:nxt.start] and doc.find("described", nxt.start, nxt.start + 40):
            end = nxt.end
    civ = doc.find("victim", start, end, "civilian")
    chem = doc.find("events", start, end, "Chemical weapon")
    fighters = doc.find("victim", start, end, "fighter") + doc.find("victim", start, end, "state")
    if (civ or chem) and not fighters:
        return "civilian"
    if document:
        # a sheet's total: civilian when the report counts no fighters or soldiers anywhere
        counted = [v for v in doc.find("victim", 0, len(doc.text)) if v.cat in ("fighter", "state")
                   and any(0 <= v.start - x.end <= 3 for x in doc.analysis.numbers)]
        if doc.find("victim", 0, len(doc.text), "civilian") and not counted:
            return "civilian"
    return "unknown"


def _risen_toll(doc: Doc, n: NumberMention, cl: tuple[int, int]) -> bool:
    """"The death toll rose to 40", "ارتفع عدد القتلى إلى 40": a toll that rises before
    the figure is a running total, unless its sentence names the one incident it counts."""
    if not (doc.find("running_rise", cl[0], n.start) and doc.find("toll", cl[0], n.start)):
        return False
    sent = doc.sentence_at(n.start)
    return not doc.find("events", sent.start, sent.end)  # "the toll of the strike rose to 20"


def _claim(doc: Doc, att: Attribution, n: NumberMention, outcome: str, party: str | None,
           actor: str | None, head: CasualtyClaim | None, sent, om: Mention | None) -> CasualtyClaim:
    count, low, high = _figure(n)
    cl = doc.clause_at(n.start)
    if count is not None and low is None and _exceeded(doc, n, cl):
        count, low = None, count + 1  # "تجاوز عدد الضحايا 150", "the toll exceeded 150"
    if head is not None:
        cumulative, since = head.cumulative, head.since
    else:
        cum_cue = doc.find("cumulative", cl[0], cl[1]) or _risen_toll(doc, n, cl)
        since = doc.since_in(cl[0], cl[1])
        cumulative = bool(cum_cue) or since is not None or outcome == _DISPLACED
        if cumulative and since is None:
            since = doc.since_in(sent.start, sent.end)
    if head is not None:
        date = head.date
    elif cumulative:
        date = DateRange.day(doc.published)
    else:
        date = doc.date_at(n.start, document=True)
    start = min(n.start, om.start) if om is not None else n.start
    end = max(n.end, om.end, n.noun_end or n.end) if om is not None else max(n.end, n.noun_end or n.end)
    # the actor's name belongs to the evidence of a part ("183 من هيئة تحرير الشام")
    if actor and actor != "civilians":
        for a in doc.find("actor", n.end, min(sent.end, n.end + 60)):
            if doc.armed(a) == actor:
                end = max(end, a.end)
                break
    place = doc.incident_place(n.start, (cl[0], sent.end), document_fallback=not cumulative)
    if place is not None and place.level == "country":
        place = None
    perp = _perpetrator(doc, n, sent, actor) or _killer(doc, n, om, cl, actor)
    return CasualtyClaim(
        source=att.source_at(n.start), date=date, place=place,
        evidence=doc.text[start:end], span=_span(start, end),
        outcome=outcome, count=count, low=low, high=high,
        party=party or "unknown", actor=actor, perpetrator=perp,
        cumulative=cumulative, since=since if cumulative else None,
    )


def _perpetrator(doc: Doc, n: NumberMention, sent, victim_actor: str | None) -> str | None:
    """The armed actor of an attack word in the sentence ("غارات روسية", "قصفت هيئة تحرير الشام")."""
    for m in doc.find("actor", sent.start, sent.end):
        arm = doc.armed(m)
        if not arm or arm == victim_actor or arm in ("civilians",):
            continue
        if re.search(r"(?:بينهم|among them|including)\s*$", doc.text[max(0, m.start - 14):m.start]):
            continue  # named among the victims ("بينهم إيرانيون")
        near_attack = doc.find("events", max(sent.start, m.start - 40), min(sent.end, m.end + 40))
        if near_attack:
            return arm
    return None


_KILLER_GAP = 25
_BY_AGENT = re.compile(r"^\s*(?:" + alternation(both("agent_before")) + r")\s+(?:\w+\s+){0,2}?$")
_PASSIVE_BEFORE = tuple(both("passive_before"))


def _killer(doc: Doc, n: NumberMention, om: Mention | None, cl: tuple[int, int], victim_actor: str | None) -> str | None:
    """The armed actor that is the subject of the outcome verb: "Islamic State gunmen killed
    four shepherds", "قتل مسلحون من تنظيم الدولة أربعة رعاة" (verb first in Arabic)."""
    if om is None or om.cat.split(".")[-1] not in ("killed", "injured", "detained"):
        return None
    after = max(om.end, n.noun_end or n.end)
    for m in doc.find("actor", after, min(cl[1], after + _KILLER_GAP + 20)):
        # "were killed by Islamic State gunmen", "قتلوا على يد عناصر التنظيم", "برصاص قوات النظام"
        arm = doc.armed(m)
        if arm and arm not in (victim_actor, "civilians") and _BY_AGENT.match(doc.text[after:m.start]):
            return arm
    if not om.end <= n.start:
        return None
    if doc.text[max(0, om.start - 6):om.start].rstrip().endswith(_PASSIVE_BEFORE):
        return None  # passive: the subject is the victims
    for m in doc.find("actor", cl[0], n.start):
        arm = doc.armed(m)
        if not arm or arm in (victim_actor, "civilians") or m.cat == "adj" and doc.lang == "ar":
            continue
        if doc.lang == "en" and m.end <= om.start and om.start - m.end <= _KILLER_GAP:
            between = doc.text[m.end:om.start]
            if not re.search(r"[,;:]|\b(and|who|which|that|said|says)\b", between):
                return arm
        if doc.lang == "ar" and om.end <= m.start and m.start - om.end <= _KILLER_GAP:
            return arm
    return None


def _span(start: int, end: int):
    from marsad.model import Span
    return Span(start, end)


def _dedupe(claims: list[CasualtyClaim], sheet: set[int] = frozenset(),
            guessed: set[int] = frozenset()) -> list[CasualtyClaim]:
    """One claim per source, outcome, figure and kind; a specific party beats unknown, and
    a total the text breaks down ("all") beats a party guessed from the context."""
    out: list[CasualtyClaim] = []
    renamed: dict[str, str] = {}  # a merged total's id -> the id of the claim it merged into
    for c in claims:
        dup = None
        for o in out:
            if (o.source == c.source and o.outcome == c.outcome and o.cumulative == c.cumulative
                    and _agree(o, c)
                    and (o.party == c.party or "unknown" in (o.party, c.party)
                         or (o.party == "all" and id(c) in guessed) or (c.party == "all" and id(o) in guessed))
                    and not (o.part_of and o.part_of == c.part_of)):  # two parts of one total
                dup = o
                break
        if dup is None:
            out.append(c)
        elif (dup.party == "unknown" and c.party != "unknown") or (c.party == "all" and dup.party != "all"):
            dup.party, dup.actor = c.party, c.actor
            if c.id and not dup.id:
                dup.id = c.id
        elif c.id and not dup.id:
            dup.id = c.id  # parts name the total by its id
        if dup is not None and c.id and dup.id and c.id != dup.id:
            renamed[c.id] = dup.id
    for c in out:
        if c.part_of in renamed:
            c.part_of = renamed[c.part_of]
    final = []
    for c in out:
        if any(o is not c and o.source != c.source and o.outcome == c.outcome and o.cumulative == c.cumulative
               and _agree(o, c) and c.source == _OUTLET[0] and id(c) not in sheet
               for o in out):
            continue
        final.append(c)
    return final


_OUTLET = [""]


def _agree(a: CasualtyClaim, b: CasualtyClaim) -> bool:
    """Two figures that state the same toll: equal, or "about 70" and "70" (an open-ended
    "more than 35" agrees with nothing but itself)."""
    if (a.count, a.low, a.high) == (b.count, b.low, b.high):
        return True
    return a.count is not None and a.count == b.count
