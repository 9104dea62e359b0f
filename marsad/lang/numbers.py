"""Figures in a token stream: digits in any script, number words, vague quantities,
bounds from the words around them ("أكثر من 50" → low 51), and the noun counted.

Tables come from ``marsad/lang/<lang>/data/numbers.yaml`` (and ``ar/data/nouns.yaml`` for
Arabic duals). Bounds follow shared/eval/FORMAT.md: "about N" → N with low ⌈0.9N⌉ and
high ⌊1.1N⌋; "more than N" → low N+1; "at least N" → N; vague words → a low bound only.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from marsad.lang.analysis import NumberMention, Token
from marsad.lang.ar.clitics import _segment_norm
from marsad.lang.data import load
from marsad.lang.normalize import normalize

__all__ = ["find_numbers"]

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_TANWEEN_FATH = "\u064b"
_CONNECTORS = {"en": {"and", "-"}, "ar": set()}


@dataclass(frozen=True, slots=True)
class _Table:
    words: dict[str, tuple[str, int]]          # stem → (kind, value) for units/tens/hundreds
    scales: dict[str, tuple[int, int | None]]  # stem → (multiplier, standalone value)
    vague: dict[tuple[str, ...], int]          # stems → low bound
    modifiers: dict[tuple[str, ...], str]      # stems before the figure → bound kind
    after: set[tuple[str, ...]]                # stems after the figure meaning "at least"
    duals: dict[str, str]                      # dual form → singular noun
    countable: frozenset[str]
    plurals: dict[str, str]                    # broken plural → singular noun


def _stems(phrase: str, lang: str) -> tuple[str, ...]:
    words = [w for w in normalize(phrase, lang).split() if w != "of"]
    if lang == "ar":
        return tuple(_segment_norm(w)[1] for w in words)
    return tuple(words)


@functools.cache
def _table(lang: str) -> _Table:
    data = load(lang, "numbers")
    words: dict[str, tuple[str, int]] = {}
    for kind in ("units", "tens", "hundreds"):
        for w, v in data[kind].items():
            words[normalize(w, lang)] = (kind, int(v))
    scales = {normalize(w, lang): (int(m), None if s is None else int(s))
              for w, (m, s) in data["scales"].items()}
    vague = {_stems(w, lang): int(v) for w, v in data["vague"].items()}
    mods: dict[tuple[str, ...], str] = {}
    for kind, phrases in data["modifiers"].items():
        if kind != "at_least_after":
            for p in phrases:
                mods[_stems(p, lang)] = kind
    after = {_stems(p, lang) for p in data["modifiers"].get("at_least_after", [])}
    duals: dict[str, str] = {}
    countable: frozenset[str] = frozenset()
    plurals: dict[str, str] = {}
    if lang == "ar":
        nouns = load("ar", "nouns")
        countable = frozenset(normalize(n) for n in nouns["countable"])
        sound = {normalize(n) for n in nouns["sound_plural"]}
        for n in countable:
            base = n[:-1] + "ت" if n.endswith("ه") else n
            duals[base + "ان"] = n
            if n not in sound:
                duals[base + "ين"] = n
        plurals = {normalize(p): normalize(v) for p, v in nouns["plurals"].items()}
    return _Table(words, scales, vague, mods, after, duals, countable, plurals)


def _digits_value(norm: str) -> float | int | None:
    if not _DIGITS.match(norm):
        return None
    raw = norm.replace(",", "")
    return float(raw) if "." in raw else int(raw)


def find_numbers(text: str, tokens: list[Token], lang: str) -> list[NumberMention]:
    """Every figure in ``tokens`` (segmented and normalised tokens of ``text``)."""
    table = _table(lang)
    connectors = _CONNECTORS.get(lang, set())
    out: list[NumberMention] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        norm = tok.norm
        first = norm[:1]
        if not (first.isdigit() or norm in table.words or norm in table.scales
                or norm in table.duals or (norm,) in table.vague or norm in _VAGUE_HEADS.get(lang, ())):
            i += 1
            continue
        mention, j = _read(tokens, i, lang, table, connectors)
        if mention is None:
            i += 1
            continue
        mention.text = text[mention.start:mention.end]
        out.append(mention)
        i = j
    return out


_VAGUE_HEADS = {"ar": ("عشرات", "مئات"), "en": ("tens", "hundreds", "dozens")}


def _read(tokens: list[Token], i: int, lang: str, table: _Table,
          connectors: set[str]) -> tuple[NumberMention | None, int]:
    n = len(tokens)
    tok = tokens[i]
    norm = tok.norm
    # Vague quantities, longest first ("عشرات الآلاف", "tens of thousands").
    for length in (3, 2, 1):
        key = tuple(t.norm for t in tokens[i:i + length] if t.norm != "of")
        if i + length <= n and key in table.vague:
            end = i + length
            low = table.vague[key]
            return _finish(tokens, i, end, None, low, None, "count", lang, table), end
    if lang == "ar" and tok.prefix.endswith("ال") and norm in table.words:
        return None, i + 1  # "الاثنين" is Monday, "الخمسة" a name, not a count
    if norm in table.duals and lang == "ar":
        return NumberMention(tok.text, 2, None, None, tok.start, tok.end, table.duals[norm],
                             tok.start, tok.end), i + 1
    value: float | int | None = _digits_value(norm)
    j = i + 1
    kind = "count"
    if value is not None:
        if j < n and tokens[j].norm in table.scales:
            value = value * table.scales[tokens[j].norm][0]
            j += 1
        elif isinstance(value, int) and 1900 <= value <= 2100 and len(norm) == 4:
            kind = "year"
    else:
        total, j = _words_value(tokens, i, lang, table, connectors)
        if total is None:
            return None, i + 1
        value = total
    value = int(value)
    return _finish(tokens, i, j, value, None, None, kind, lang, table), j


def _words_value(tokens: list[Token], i: int, lang: str, table: _Table,
                 connectors: set[str]) -> tuple[int | None, int]:
    total = 0
    cur = 0
    j = i
    n = len(tokens)
    seen = False
    while j < n:
        t = tokens[j]
        w = t.norm
        if seen and w in connectors and j + 1 < n and (tokens[j + 1].norm in table.words):
            j += 1
            continue
        if seen and lang == "ar" and t.prefix not in ("", "و"):
            break
        if w in table.words:
            kind, v = table.words[w]
            if kind == "units" and j + 1 < n and tokens[j + 1].norm in ("عشر", "عشره") and lang == "ar" \
                    and not tokens[j + 1].prefix:
                cur += v + 10 if v < 10 else v
                j += 2
            elif kind == "hundreds" and v == 100 and 0 < cur < 10:
                cur *= 100
                j += 1
            else:
                cur += v
                j += 1
            seen = True
        elif w in table.scales:
            mult, alone = table.scales[w]
            if cur == 0:
                if alone is None:
                    break
                cur = alone
            else:
                cur *= mult
            total += cur
            cur = 0
            j += 1
            seen = True
        else:
            break
    if not seen:
        return None, i + 1
    return total + cur, j


def _finish(tokens: list[Token], i: int, j: int, value: int | None, low: int | None,
            high: int | None, kind: str, lang: str, table: _Table) -> NumberMention:
    start, end = tokens[i].start, tokens[j - 1].end
    # A bound from the words before the figure ("أكثر من", "about").
    for length in (4, 3, 2, 1):
        if i - length < 0:
            continue
        key = tuple(t.norm for t in tokens[i - length:i])
        mod = table.modifiers.get(key)
        if mod and value is not None:
            start = tokens[i - length].start
            value, low, high = _bound(mod, value)
            kind = "count"
            break
    noun, ns, ne = _noun(tokens, i, j, value, lang, table)
    # "على الأقل" / "or more" after the figure or its noun.
    for k in (j, j + 1):
        for key in table.after:
            if tuple(t.norm for t in tokens[k:k + len(key)]) == key and value is not None:
                end = tokens[k + len(key) - 1].end
    return NumberMention("", value, low, high, start, end, noun, ns, ne, kind)


def _bound(mod: str, value: int) -> tuple[int | None, int | None, int | None]:
    if mod == "more_than":
        return None, value + 1, None
    if mod == "less_than":
        return None, None, value - 1
    if mod == "about":
        return value, -((-9 * value) // 10), (11 * value) // 10
    if mod == "up_to":
        return None, None, value
    return value, None, None  # at_least: the figure itself, as FORMAT.md counts it


def _noun(tokens: list[Token], i: int, j: int, value: int | None, lang: str,
          table: _Table) -> tuple[str | None, int | None, int | None]:
    n = len(tokens)
    if lang == "ar" and value in (1, 2) and i > 0 and tokens[i].norm in table.words:
        prev = tokens[i - 1]  # "مدنيين اثنين": the noun comes first
        if prev.norm[:1].isalpha() and len(prev.norm) > 2:
            return _singular(prev.norm, table) or prev.norm, prev.start, prev.end
    k = j
    if k < n and tokens[k].norm in ("من", "of"):
        k += 1
    if lang == "en" and k < n and tokens[k].norm == "the":
        k += 1
    if k >= n or not tokens[k].norm[:1].isalpha():
        return None, None, None
    t = tokens[k]
    noun = t.norm
    if lang == "ar":
        if noun.endswith("ا") and len(noun) >= 4 and (
                _TANWEEN_FATH in t.text or (value is not None and 11 <= value <= 99)):
            noun = noun[:-1]
        noun = _singular(noun, table) or noun
    return noun, t.start, t.end


def _singular(norm: str, table: _Table) -> str | None:
    if norm in table.countable:
        return norm
    if norm in table.plurals:
        return table.plurals[norm]
    if norm in table.duals:
        return table.duals[norm]
    for suffix in ("ين", "ون", "ان"):
        if norm.endswith(suffix) and norm[:-2] in table.countable:
            return norm[:-2]
    return None
