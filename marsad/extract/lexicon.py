"""Actor and trigger lexicons, loaded once, and the one-pass matcher over a text.

Every entry of ``data/actors.yaml`` and ``data/<lang>/triggers.yaml`` is normalised with
``marsad.lang.normalize`` and put in one Aho-Corasick automaton per language, so a
document is scanned once whatever the size of the lexicons. Matches are kept at word
starts (after Arabic proclitics) and word ends (unless the entry ends in ``*``).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from marsad.lang.normalize import normalize, normalize_with_offsets

__all__ = ["ActorEntry", "Mention", "actors", "triggers", "acled_types", "scan", "resolve_id",
           "outlet_source", "statement_actor", "DATA"]

DATA = Path(__file__).parent / "data"
_PROCLITICS = frozenset("وفبلكس")
_KEEP_INSIDE_NAMES = frozenset({"actor", "victim", "backed", "allies"})


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor id of the lexicon."""

    id: str
    en: tuple[str, ...] = ()
    ar: tuple[str, ...] = ()
    adj_en: tuple[str, ...] = ()
    adj_ar: tuple[str, ...] = ()
    inter: int | None = None
    kind: str = "armed"
    statement: str | None = None
    same_as: str | None = None
    refers: tuple[str, ...] = ()


@dataclass(slots=True)
class Mention:
    """A lexicon hit: ``group`` (actor, adj, outcome, events, ...), ``cat`` and ``values``.

    ``values`` lists every id/category the matched words stand for (a name can belong to an
    armed actor and to its statement id); offsets point into the original text.
    """

    start: int
    end: int
    group: str
    cat: str
    values: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


@functools.cache
def actors() -> dict[str, ActorEntry]:
    """The actor lexicon, id -> entry."""
    raw = yaml.safe_load((DATA / "actors.yaml").read_text(encoding="utf-8"))
    out: dict[str, ActorEntry] = {}
    for key, val in raw.items():
        out[key] = ActorEntry(
            id=key,
            en=tuple(val.get("en") or ()),
            ar=tuple(val.get("ar") or ()),
            adj_en=tuple(val.get("adj_en") or ()),
            adj_ar=tuple(val.get("adj_ar") or ()),
            inter=val.get("inter"),
            kind=val.get("kind", "armed"),
            statement=val.get("statement"),
            same_as=val.get("same_as"),
            refers=tuple(val.get("refers") or ()),
        )
    return out


@functools.cache
def triggers(lang: str) -> dict[str, Any]:
    """The trigger lexicon of one language (``ar`` or ``en``)."""
    path = DATA / ("ar" if lang == "ar" else "en") / "triggers.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@functools.cache
def cues() -> dict[str, Any]:
    """Short word lists the rules match around other text (``data/cues.yaml``)."""
    return yaml.safe_load((DATA / "cues.yaml").read_text(encoding="utf-8"))


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words``, longest first."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def both(name: str) -> list[str]:
    """A cue list of ``cues.yaml`` in both languages (the rules using it read either)."""
    entry = cues()[name]
    return [*entry["en"], *entry["ar"]]


@functools.cache
def acled_types() -> dict[str, str]:
    """ACLED sub-type -> event type."""
    return yaml.safe_load((DATA / "acled.yaml").read_text(encoding="utf-8"))


def resolve_id(actor_id: str | None) -> str | None:
    """The gold id an own id stands for (``same_as``), else the id itself."""
    if actor_id is None:
        return None
    entry = actors().get(actor_id)
    return entry.same_as if entry and entry.same_as else actor_id


def _entries(lang: str) -> list[tuple[str, str, str, str]]:
    """(entry text, group, cat, value) for every lexicon entry of a language."""
    out: list[tuple[str, str, str, str]] = []
    for entry in actors().values():
        names = entry.ar if lang == "ar" else entry.en
        # English names are useful in Arabic text too (quoted acronyms) and vice versa
        others = entry.en if lang == "ar" else entry.ar
        for name in (*names, *others):
            out.append((name, "actor", entry.kind, entry.id))
        for name in (entry.adj_ar if lang == "ar" else entry.adj_en):
            out.append((name, "actor", "adj", entry.id))
    trig = triggers(lang)

    def walk(node: Any, path: list[str]) -> None:
        if isinstance(node, dict):
            for key, val in node.items():
                if path and path[0] == "regions":
                    out.append((str(key), "regions", "region", str(val)))
                else:
                    walk(val, [*path, str(key)])
        elif isinstance(node, list):
            group = path[0]
            cat = ".".join(path[1:]) if len(path) > 1 else path[0]
            for item in node:
                out.append((str(item), group, cat, cat))

    walk(trig, [])
    return out


@functools.cache
def _automaton(lang: str) -> ahocorasick.Automaton:
    table: dict[str, list[tuple[str, str, str, bool, bool]]] = {}
    for text, group, cat, value in _entries(lang):
        prefix = text.endswith("*") and len(text) > 1
        key = normalize(text.rstrip("*") if prefix else text, lang)
        if not key:
            continue
        table.setdefault(key, []).append((group, cat, value, prefix, False))
        if lang == "ar" and key.startswith("ال") and len(key) > 3:
            # "للمرصد" = ل + المرصد with the alef dropped
            table.setdefault(key[1:], []).append((group, cat, value, prefix, True))
    auto = ahocorasick.Automaton()
    for key, vals in table.items():
        uniq = list(dict.fromkeys(vals))
        auto.add_word(key, (key, uniq))
    auto.make_automaton()
    return auto


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def scan(text: str, lang: str) -> list[Mention]:
    """All lexicon mentions in ``text``; overlaps resolved longest-first within a group."""
    norm, offsets = normalize_with_offsets(text)
    norm = norm.replace("\n", " ").replace("\t", " ")
    auto = _automaton(lang)
    n = len(norm)
    raw: dict[str, list[tuple[int, int, str, tuple[str, ...]]]] = {}
    for end_idx, (key, vals) in auto.iter(norm):
        start = end_idx - len(key) + 1
        end = end_idx + 1
        # left boundary: word start, or only proclitics before (Arabic); at most three
        # proclitic letters, so the walk back stops at four
        j = start
        while j > 0 and start - j < 4 and _is_word(norm[j - 1]):
            j -= 1
        before = norm[j:start]
        starts_word = _is_word(norm[start]) if start < n else False
        if before and starts_word:
            if not (lang == "ar" and len(before) <= 3 and (j == 0 or not _is_word(norm[j - 1]))
                    and all(c in _PROCLITICS for c in before)):
                continue
        word_end = end
        at_end = end >= n or not _is_word(norm[end - 1]) or not _is_word(norm[end])
        for group, cat, value, prefix, lam in vals:
            if lam and not before.endswith("ل"):
                continue
            if prefix:
                we = end
                while we < n and _is_word(norm[we]):
                    we += 1
                word_end = we
            elif not at_end:
                continue
            else:
                word_end = end
            raw.setdefault(group, []).append((start, word_end, cat, (value,)))
    out: list[Mention] = []
    for group, hits in raw.items():
        # merge same-span hits (a name of two ids), then keep longest non-overlapping
        spans: dict[tuple[int, int, str], list[str]] = {}
        for s, e, cat, vals in hits:
            spans.setdefault((s, e, cat), []).extend(vals)
        ordered = sorted(spans.items(), key=lambda kv: (-(kv[0][1] - kv[0][0]), kv[0][0]))
        taken = bytearray(n + 1)  # characters already covered by a longer mention of the group
        taken_spans: set[tuple[int, int]] = set()
        for (s, e, cat), vals in ordered:
            if 1 in taken[s:e]:
                # same span, other category: keep as well (e.g. a word that is two triggers)
                if (s, e) not in taken_spans:
                    continue
            taken[s:e] = b"\x01" * (e - s)
            taken_spans.add((s, e))
            out.append(Mention(offsets(s), offsets(e), group, cat, tuple(dict.fromkeys(vals))))
    # a trigger word inside an actor's name is part of the name ("هيئة تحرير الشام")
    inside = _inside_names(out)
    out = [m for m in out if m.group in _KEEP_INSIDE_NAMES or not inside(m)]
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def _inside_names(mentions: list[Mention]) -> Any:
    """A test: does a longer actor name contain this mention? (sorted starts and a running
    maximum of ends, so a long document is not a quadratic scan)."""
    names = sorted((m.start, m.end) for m in mentions if m.group == "actor" and m.cat != "adj")
    starts = [s for s, _e in names]
    reach: list[int] = []
    for _s, e in names:
        reach.append(max(e, reach[-1]) if reach else e)

    def inside(m: Mention) -> bool:
        k = bisect.bisect_right(starts, m.start)
        if k == 0 or reach[k - 1] < m.end:
            return False
        return any(m.end <= e and (s, e) != (m.start, m.end) for s, e in names[:k])

    return inside


@functools.cache
def _statements() -> dict[str, str]:
    out: dict[str, str] = {}
    for e in actors().values():
        if e.statement and e.statement not in out:
            out[e.statement] = e.id
    return out


def statement_actor(source_id: str | None) -> str | None:
    """The armed actor whose statement a source id is (syria-military-statement -> syria-military)."""
    return _statements().get(source_id or "")


def outlet_source(outlet: str | None) -> str | None:
    """The source id of a document's outlet ("AFP (Arabic)" -> afp), by its names."""
    if not outlet:
        return None
    return _outlet_source(outlet)


@functools.lru_cache(maxsize=4096)
def _outlet_source(outlet: str) -> str | None:
    plain = normalize(outlet.split("(")[0], "en")
    full = normalize(outlet, "en")
    best: tuple[int, str] | None = None
    for key, source_id in _source_keys():
        if key == plain or key == full or (len(key) > 3 and key in full):
            if best is None or len(key) > best[0]:
                best = (len(key), source_id)
    return best[1] if best else None


@functools.cache
def _source_keys() -> list[tuple[str, str]]:
    """(normalised name, id) of every source in the lexicon, built once."""
    out = []
    for entry in actors().values():
        if entry.kind == "source":
            for name in (*entry.en, *entry.ar):
                key = normalize(name, "en")
                if key:
                    out.append((key, entry.id))
    return out
