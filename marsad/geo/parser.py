"""Geoparser: toponyms in an analysed text → gazetteer places with a precision code.

The parser tokenises ``analysis.text`` itself rather than reading ``analysis.tokens``:
the language layer gives one segmentation per word and splits off the article, while a
gazetteer needs every reading ("لبنان" is a country, not ل + "بنان"; "للحسكة" is
ل + "الحسكة"). Matching is a longest-first token n-gram lookup in the gazetteer's key
index; context then picks the level (level words, compass words) and the candidate
(country of the story, a parent named in the text, nearby places, population).

Precision codes follow ACLED's geo_precision: 1 the town or point itself, 2 part of or
near a town / a district / a named area, 3 only a governorate, a region of one or a country.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from marsad.geo.data import clock_context, continues_name, directions, level_words, nonplace_keys, stop_keys
from marsad.geo.entry import Entry
from marsad.geo.gazetteer import Gazetteer
from marsad.geo.keys import ARTICLES_EN, key_ar, key_en_token, proclitic_readings
from marsad.lang.analysis import Analysis, PlaceMention

__all__ = ["geoparse", "add_places", "default_gazetteer"]

_WORD = re.compile(r"[^\W_][\w\u064B-\u065F\u0670\u0640]*(?:['’‘ʿʾ][\w\u064B-\u065F\u0670\u0640]+)*")
_ARABIC_CHAR = re.compile(r"[\u0600-\u06FF]")
_JOINER = re.compile(r"^[\s\-]*$")
_LIST_JOINER = re.compile(r"^\s*[,،]?\s*(and\s+)?$")
_KIND_BONUS: dict[str, dict[str, float]] = {
    "city": {"city": 3.0, "point": 2.0},
    "camp": {"point": 2.0, "city": 2.0},
    "governorate": {"governorate": 5.0, "district": 2.0},
    "area": {"governorate": 3.6, "district": 3.4, "region": 3.0},
    "subdistrict": {"district": 4.0},
    "rural": {"governorate": 5.0, "district": 3.0},
}
_SPAN_DIRECTION = {"n": "north", "s": "south", "e": "east", "w": "west", "ne": "northeast",
                   "nw": "northwest", "se": "southeast", "sw": "southwest"}
_OFFSET_DEG = {"country": 1.5, "governorate": 0.35, "district": 0.2, "region": 0.2, "city": 0.08, "point": 0.05}
_KM_PER_DEGREE = 6371.0 * math.pi / 180.0
_NO_KEYS: frozenset[str] = frozenset()


@dataclass(slots=True)
class _Tok:
    raw: str
    start: int
    end: int
    arabic: bool
    key: str  # matching key of the whole token
    readings: tuple[tuple[int, str], ...]  # (proclitic length, stem key); unsplit first
    upper: bool = False
    n: int = 0  # ordinal among all words of the text (only words that matter are kept)


@dataclass(slots=True)
class _Match:
    i: int  # first token
    j: int  # one past the last token
    prefix: int  # proclitic chars dropped from token i
    key: str
    entries: list[Entry]
    kind: str | None = None
    plural: bool = False
    direction: str | None = None
    start: int = 0
    end: int = 0
    cands: list[tuple[float, Entry]] = field(default_factory=list)


def default_gazetteer() -> Gazetteer:
    """The store's gazetteer when ``MARSAD_DATABASE_URL`` is set and readable, else the built-in one."""
    import os

    url = os.environ.get("MARSAD_DATABASE_URL")
    if url:
        try:
            return Gazetteer.load(url)
        except Exception:  # noqa: BLE001 - a missing or empty store still geoparses
            pass
    return Gazetteer.builtin()


def add_places(analysis: Analysis, gazetteer: Gazetteer | None = None) -> Analysis:
    """Fill ``analysis.places`` (the hook ``marsad analyze`` calls)."""
    analysis.places = geoparse(analysis, gazetteer)
    return analysis


def geoparse(analysis: Analysis, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Places named in the analysed text, in text order."""
    gaz = gazetteer or default_gazetteer()
    text = analysis.text
    toks = _tokenize(text, gaz)
    blocked = _nonplace_tokens(toks, text)
    matches = _find(toks, text, gaz, blocked)
    _context(matches, toks, text)
    matches = [m for m in matches if _keep(m, toks)]
    _resolve(matches, gaz, text)
    out: list[PlaceMention] = []
    clock_after, clock_before = clock_context()
    for m in matches:
        if not m.cands:
            continue
        if clock_after.match(text, m.end) or clock_before.search(text, max(0, m.start - 14), m.start):
            continue  # "Damascus local time", "بتوقيت دمشق"
        if m.j - m.i == 1 and not toks[m.i].arabic and continues_name(text, m.end):
            continue  # "Khan" of "Khan Tuman", a name the gazetteer lacks
        entry = m.cands[0][1]
        place = _place_for(m, entry, gaz)
        out.append(PlaceMention(text=text[m.start:m.end], start=m.start, end=m.end, place=place))
    return out


# -- tokens --------------------------------------------------------------------------


_INFO_CACHES: dict[int, dict[str, Any]] = {}


def _relevant_words(gaz: Gazetteer) -> frozenset[str]:
    """Every word that can take part in a match or its context: the rest of the text is skipped."""
    words: set[str] = set()
    for key in gaz.index:
        words.update(key.split(" "))
    lv, dr = level_words(), directions()
    for table in (lv["ar"], lv["en_before"], lv["en_after"], dr["ar_before"], dr["ar_after"], dr["en_before"]):
        words.update(table)
    for phrase in nonplace_keys():
        words.update(phrase)
    words.update(_CUES_AR)
    words.update(key_en_token(w) for w in _CUES_EN)
    words.add(key_en_token("of"))
    return frozenset(words)


_ARTICLE = object()  # an English article-like word whose reading depends on a following hyphen


def _word_cache(gaz: Gazetteer) -> dict[str, Any]:
    cache = _INFO_CACHES.get(id(gaz))
    if cache is None:
        _INFO_CACHES.clear()  # one gazetteer at a time in practice; never grow without bound
        cache = _INFO_CACHES[id(gaz)] = {"\x00words": _relevant_words(gaz)}
    return cache


def _word_info(words: frozenset[str], raw: str) -> Any:
    """(arabic, key, readings, upper) of a word; None when no reading can matter."""
    if _ARABIC_CHAR.search(raw):
        key = key_ar(raw)
        readings = proclitic_readings(key)
        return (True, key, readings, False) if any(r in words for _p, r in readings) else None
    low = raw.lower()
    if low in ARTICLES_EN and low not in ("al", "el") and not raw[0].isupper():
        return _ARTICLE
    key = key_en_token(raw)
    return (False, key, ((0, key),), raw[0].isupper()) if (key in words or low in _CUES_EN) else None


def _tokenize(text: str, gaz: Gazetteer) -> list[_Tok]:
    cache = _word_cache(gaz)
    words = cache["\x00words"]
    toks: list[_Tok] = []
    get = cache.get
    for n, mt in enumerate(_WORD.finditer(text)):
        raw = mt.group()
        info = get(raw, cache)
        if info is cache:
            info = _word_info(words, raw)
            if len(cache) < 500_000:
                cache[raw] = info
        if info is None:
            continue
        start, end = mt.span()
        if info is _ARTICLE:  # "an-Nu'man" is the article; "an" before a space is English
            low = raw.lower()
            key = "al" if text[end:end + 1] == "-" else low + "#"
            if key != "al" and low not in _CUES_EN:
                continue
            toks.append(_Tok(raw, start, end, False, key, ((0, key),), False, n))
            continue
        toks.append(_Tok(raw, start, end, info[0], info[1], info[2], info[3], n))
    return toks


def _joined(text: str, a: _Tok, b: _Tok) -> bool:
    return b.n == a.n + 1 and a.arabic == b.arabic and bool(_JOINER.match(text[a.end:b.start]))


@functools.cache
def _nonplaces_by_first() -> dict[str, list[tuple[str, ...]]]:
    """The non-place phrases by their first key, built once (every document looks them up)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for p in nonplace_keys():
        by_first.setdefault(p[0], []).append(p)
    return by_first


def _nonplace_tokens(toks: list[_Tok], text: str) -> set[int]:
    by_first = _nonplaces_by_first()
    blocked: set[int] = set()
    for i, t in enumerate(toks):
        for _pl, stem in t.readings:
            for p in by_first.get(stem, ()):
                j = i + len(p)
                if j <= len(toks) and all(toks[i + k].key == p[k] for k in range(1, len(p))) and \
                        all(_joined(text, toks[k - 1], toks[k]) or text[toks[k - 1].end:toks[k].start].strip() in ("", "-", "'")
                            for k in range(i + 1, j)):
                    blocked.update(range(i, j))
                    break
    return blocked


def _find(toks: list[_Tok], text: str, gaz: Gazetteer, blocked: set[int]) -> list[_Match]:
    out: list[_Match] = []
    index, prefixes = gaz.index, gaz.prefixes
    i, n = 0, len(toks)
    while i < n:
        best: _Match | None = None
        for prefix, stem in toks[i].readings:
            key, j = stem, i + 1
            while True:
                entries = index.get(key)
                if entries and (best is None or j > best.j):
                    best = _Match(i, j, prefix, key, entries)
                if j >= n or key not in prefixes or not _joined(text, toks[j - 1], toks[j]):
                    break
                key = key + " " + toks[j].key
                j += 1
        if best is not None and not all(k in blocked for k in range(best.i, best.j)):
            out.append(best)
            i = best.j
        else:
            i += 1
    return out


# -- context: level words, compass words ------------------------------------------------


def _stems(tok: _Tok) -> list[str]:
    return [s for _p, s in tok.readings]


def _context(matches: list[_Match], toks: list[_Tok], text: str) -> None:
    lv = level_words()
    dr = directions()
    prev: _Match | None = None
    for m in matches:
        first = toks[m.i]
        m.start = first.start + _char_offset(first.raw, m.prefix)
        m.end = toks[m.j - 1].end
        b = m.i - 1
        if first.arabic:
            if b >= 0 and toks[b].arabic and _near(text, toks[b], first):
                info = next((lv["ar"][s] for s in _stems(toks[b]) if s in lv["ar"]), None)
                if info:
                    m.kind, m.plural = info["kind"], bool(info.get("plural"))
                    m.start = toks[b].start + _char_offset(toks[b].raw, _prefix_len(toks[b], lv["ar"]))
                    b -= 1
            dirs: list[str] = []
            while b >= 0 and len(dirs) < 2 and toks[b].arabic and _near(text, toks[b], toks[b + 1]):
                d = next((dr["ar_before"][s] for s in _stems(toks[b]) if s in dr["ar_before"]), None)
                if not d:
                    break
                dirs.insert(0, d)
                m.start = toks[b].start + _char_offset(toks[b].raw, _prefix_len(toks[b], dr["ar_before"]))
                b -= 1
            a = m.j
            while a < len(toks) and len(dirs) < 2 and toks[a].arabic and _near(text, toks[a - 1], toks[a]) \
                    and toks[a].key in dr["ar_after"] and m.kind in ("rural", "area", None):
                dirs.append(dr["ar_after"][toks[a].key])
                m.end = toks[a].end
                a += 1
            m.direction = _combine(dirs)
        else:
            dirs = []
            if b >= 0 and not toks[b].arabic and toks[b].key in lv["en_before"] and _near(text, toks[b], first):
                info = lv["en_before"][toks[b].key]
                m.kind, m.plural = info["kind"], bool(info.get("plural"))
                m.start = toks[b].start
                b -= 1
            elif b >= 1 and toks[b].raw.lower() == "of" and toks[b - 1].key in lv["en_before"] \
                    and toks[b].n == first.n - 1 and toks[b - 1].n == first.n - 2:
                info = lv["en_before"][toks[b - 1].key]
                m.kind, m.plural = info["kind"], bool(info.get("plural"))
                m.start = toks[b - 1].start
                b -= 2
            a = m.j
            if a < len(toks) and not toks[a].arabic and toks[a].key in lv["en_after"] and _near(text, toks[a - 1], toks[a]):
                m.kind = m.kind or lv["en_after"][toks[a].key]["kind"]
                if lv["en_after"][toks[a].key]["kind"] == "rural":
                    m.kind = "rural"
                m.end = toks[a].end
            # "north of Hama", "northern Syria", "north-western Syria", "eastern Daraa countryside"
            if b >= 1 and toks[b].raw.lower() == "of" and toks[b - 1].key in dr["en_before"] \
                    and toks[b].n == toks[b + 1].n - 1 and toks[b - 1].n == toks[b].n - 1:
                dirs = [dr["en_before"][toks[b - 1].key]]
                m.start = toks[b - 1].start
                if b >= 2 and toks[b - 2].key in dr["en_before"] and text[toks[b - 2].end:toks[b - 1].start] == "-":
                    dirs.insert(0, dr["en_before"][toks[b - 2].key])
                    m.start = toks[b - 2].start
                m.kind = m.kind or "near"
            else:
                while b >= 0 and len(dirs) < 2 and toks[b].key in dr["en_before"] and _near(text, toks[b], toks[b + 1]):
                    dirs.insert(0, dr["en_before"][toks[b].key])
                    m.start = toks[b].start
                    b -= 1
            m.direction = _combine(dirs)
        # "محافظات حلب وحماة واللاذقية": a plural level word heads the whole list.
        if m.kind is None and prev is not None and prev.plural and _in_list(text, toks, prev, m):
            m.kind, m.plural = prev.kind, True
        prev = m


def _prefix_len(tok: _Tok, table: dict[str, Any]) -> int:
    return next((p for p, s in tok.readings if s in table), 0)


def _near(text: str, a: _Tok, b: _Tok) -> bool:
    return b.n == a.n + 1 and bool(_JOINER.match(text[a.end:b.start]))


def _in_list(text: str, toks: list[_Tok], prev: _Match, m: _Match) -> bool:
    if m.i != prev.j:
        return False
    gap = text[toks[prev.j - 1].end:toks[m.i].start]
    conj = toks[m.i].arabic and m.prefix > 0 and toks[m.i].key.startswith("و")
    return bool(_LIST_JOINER.match(gap)) and (conj or "," in gap or "،" in gap or "and" in gap)


def _combine(dirs: list[str]) -> str | None:
    if not dirs:
        return None
    if len(dirs) == 2 and dirs[0] in ("n", "s") and dirs[1] in ("e", "w"):
        return dirs[0] + dirs[1]
    return dirs[0]


def _char_offset(raw: str, n_norm: int) -> int:
    """Original-text offset of the ``n_norm``-th matching-form character of a token."""
    if n_norm <= 0:
        return 0
    seen = 0
    for idx, ch in enumerate(raw):
        if key_ar(ch):
            seen += 1
            if seen == n_norm:
                return idx + 1
    return len(raw)


# -- filters ---------------------------------------------------------------------------


_CUES_AR = frozenset({"في", "من", "قرب", "على", "علي", "الى", "الي", "نحو", "باتجاه", "حول", "بين", "داخل", "محيط",
                      "اطراف", "اطراف", "اتجاه", "اهالي", "سكان", "مدخل", "اهل", "اقتحام", "دخول", "عند", "لدى", "حتى",
                      "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "قريه", "بلده", "و"})
_CUES_EN = frozenset({"in", "at", "near", "from", "to", "towards", "toward", "outside", "around", "into", "of",
                      "between", "captured", "seized", "entered", "took", "took", "retook", "recaptured", "and", "including"})


def _minor(m: _Match) -> bool:
    """Every reading is a small place only an imported table knows (no GeoNames id, no population)."""
    return all(e.geonameid is None and not e.population and e.level in ("city", "point") and not e.id.startswith("lm-")
               for e in m.entries)


def _cue(m: _Match, toks: list[_Tok]) -> bool:
    first = toks[m.i]
    if first.arabic:
        if m.prefix and first.key[: m.prefix].rstrip("و").endswith(("ب", "ل")) or m.prefix and first.key[0] == "و":
            return True
        return m.i > 0 and toks[m.i - 1].n == first.n - 1 and toks[m.i - 1].key in _CUES_AR
    return m.i > 0 and toks[m.i - 1].n == first.n - 1 and toks[m.i - 1].raw.lower() in _CUES_EN


def _keep(m: _Match, toks: list[_Tok]) -> bool:
    first = toks[m.i]
    if m.kind is None and m.direction is None and m.j - m.i == 1 and _minor(m) and not _cue(m, toks):
        return False
    words = m.key.split()
    if len(m.key.replace(" ", "")) <= 2:
        return False
    if m.kind is None and m.key in stop_keys():
        return False
    if m.kind is None and m.j - m.i == 1 and (m.key in level_words()["ar"] or m.key in directions()["ar_before"]
                                              or m.key in directions()["ar_after"]):
        return False
    if not first.arabic:
        lead = toks[m.i + 1] if words[0] == "al" and m.j - m.i > 1 else first
        if not (lead.upper or first.upper) and m.kind is None:
            return False
        if m.j - m.i == 1 and m.key in stop_keys():
            return False
    return True


# -- resolution ------------------------------------------------------------------------


def _resolve(matches: list[_Match], gaz: Gazetteer, text: str) -> None:
    single = Counter(m.entries[0].country for m in matches
                     if len({e.id for e in m.entries}) == 1 and m.entries[0].level != "country")
    story = single.most_common(1)[0][0] if single else "SY"
    # Pass 1: priors, level words, the story's country.
    for m in matches:
        cands: list[tuple[float, Entry]] = []
        for e in {e.id: e for e in m.entries}.values():
            s = gaz.prior(e, country=story)
            if e.level == "country":
                s += 2.0
            if m.kind:
                s += _KIND_BONUS.get(m.kind, {}).get(e.level, 0.0)
            if m.kind in ("governorate", "rural", "area", "subdistrict") and e.level in ("city", "point"):
                s -= 2.0
            cands.append((s, e))
        if m.kind is None and m.j - m.i == 1:  # a one-word small town abroad is more likely a word
            cands = [c for c in cands if c[1].country in (story, None) or c[1].level != "city"
                     or (c[1].population or 0) >= 150000]
        if m.kind in ("city", "camp"):  # "مدينة سورية" is "a Syrian city", not Syria
            cands = [c for c in cands if c[1].level != "country"]
        cands.sort(key=lambda c: (-c[0], c[1].id))
        m.cands = cands
    # Pass 2: a parent the text names ("سراقب في ريف إدلب"), and nearness to the other places.
    anchors: list[tuple[int, set[str]]] = []
    for m in matches:
        ids: set[str] = set()
        if m.cands:
            top = m.cands[0][1]
            ids.add(top.id)
            if top.level == "city":
                gov = gaz.governorate_of(top)
                if gov is not None and _same_name(gaz, gov, top):
                    ids.add(gov.id)  # "حلب" also names its governorate
        anchors.append((m.start, ids))
    points_by_key: dict[str, dict[str, Entry]] = {}
    for m in matches:
        top = m.cands[0][1] if m.cands else None
        if top is not None and top.level in ("city", "point") and top.lat is not None:
            points_by_key.setdefault(m.key, {})[top.id] = top
    near_memo: dict[tuple[str, str], float] = {}
    point_list = [(key, p.id, p.lat, p.lon) for key, pts in points_by_key.items() for p in pts.values()]
    # which match keys name each anchor id: "another place of the text names it" is then a
    # look-up, not a pass over every other match (a long story names hundreds of places)
    keys_of_id: dict[str, set[str]] = {}
    for (_start, ids), mm in zip(anchors, matches):
        for i in ids:
            keys_of_id.setdefault(i, set()).add(mm.key)
    starts = [start for start, _ids in anchors]
    for k, m in enumerate(matches):
        if len(m.cands) < 2 or m.cands[0][0] - m.cands[1][0] > 6.5:  # context cannot overturn it
            continue
        near_ids: set[str] = set()
        for k2 in range(bisect.bisect_right(starts, m.start - 120), bisect.bisect_left(starts, m.start + 120)):
            if k2 != k and matches[k2].key != m.key:
                near_ids |= anchors[k2][1]
        rescored = []
        for s, e in m.cands:
            anc = gaz.ancestor_ids(e)
            if anc & near_ids:
                s += 4.0
            elif any(keys_of_id.get(a, _NO_KEYS) - {m.key} for a in anc):
                s += 2.5
            if e.lat is not None and e.lon is not None:
                bonus = near_memo.get((m.key, e.id))
                if bonus is None:
                    # equirectangular: exact enough where the bonus matters (tens of km)
                    lat, lon, scale = e.lat, e.lon, math.cos(math.radians(e.lat))
                    d2 = min(((plat - lat) ** 2 + ((plon - lon) * scale) ** 2
                              for key, pid, plat, plon in point_list if key != m.key and pid != e.id), default=None)
                    bonus = near_memo[(m.key, e.id)] = (
                        2.0 * math.exp(-_KM_PER_DEGREE * math.sqrt(d2) / 40.0) if d2 is not None else 0.0)
                s += bonus
            rescored.append((s, e))
        rescored.sort(key=lambda c: (-c[0], c[1].id))
        m.cands = rescored


def _same_name(gaz: Gazetteer, a: Entry, b: Entry) -> bool:
    return bool(gaz.entry_keys(a) & gaz.entry_keys(b))


# -- the place a mention stands for ------------------------------------------------------


def _place_for(m: _Match, entry: Entry, gaz: Gazetteer) -> Any:
    base = entry
    if m.kind == "rural":
        if base.level in ("city", "point"):
            gov = gaz.governorate_of(base)
            if gov is not None and _same_name(gaz, gov, base):
                base = gov
        label = f"{base.name} countryside"
        if m.direction:
            label = f"{directions()['en_names'][m.direction]} {label}"
        lat, lon = _shift(base, m.direction)
        prec = 3 if base.level in ("governorate", "country") else 2
        return _derived(base, f"{base.id}:rural" + (f"-{m.direction}" if m.direction else ""), label, lat, lon, prec)
    if m.direction:
        lat, lon = _shift(base, m.direction)
        if base.level in ("city", "point"):
            label = f"{_SPAN_DIRECTION[m.direction]} of {base.name}"
            prec = 2
        else:
            label = f"{directions()['en_names'][m.direction]} {base.name}"
            prec = 3
        return _derived(base, f"{base.id}:{m.direction}", label, lat, lon, prec)
    if entry.level in ("city", "point"):
        prec = 1
    elif entry.level == "district" or entry.id.startswith(("rg-", "lm-")):
        prec = 2
    else:
        prec = 3
    return entry.to_place(precision=prec)


def _shift(base: Entry, direction: str | None) -> tuple[float | None, float | None]:
    if base.lat is None or base.lon is None or not direction:
        return base.lat, base.lon
    dlat, dlon = directions()["vectors"][direction]
    step = _OFFSET_DEG.get(base.level, 0.1)
    return round(base.lat + dlat * step, 4), round(base.lon + dlon * step, 4)


def _derived(base: Entry, pid: str, label: str, lat: float | None, lon: float | None, precision: int) -> Any:
    from marsad.model import Place

    return Place(name=label, level="region", geonameid=None, lat=lat, lon=lon, id=pid, precision=precision)
