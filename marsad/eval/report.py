"""What scoring produces: counts, shares and per-document misses, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["KINDS", "FIELDS", "Counts", "FieldShares", "MatchedPair", "DocResult", "Report"]

KINDS = ("casualties", "control", "event")
FIELDS = ("source", "date", "place", "actor")  # actor: casualties only


@dataclass(slots=True)
class Counts:
    """True positives, false positives (spurious), false negatives (missed)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def to_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class FieldShares:
    """Over matched pairs: how many have each field right."""

    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    def add_pair(self, fields: dict[str, bool]) -> None:
        for name, ok in fields.items():
            self.total[name] += 1
            self.right[name] += int(ok)

    def add(self, other: "FieldShares") -> None:
        for name in FIELDS:
            self.right[name] += other.right[name]
            self.total[name] += other.total[name]

    def share(self, name: str) -> float | None:
        return self.right[name] / self.total[name] if self.total[name] else None

    def to_json(self) -> dict[str, Any]:
        return {
            name: {"right": self.right[name], "of": self.total[name], "share": _round(self.share(name))}
            for name in FIELDS
            if self.total[name]
        }


@dataclass(slots=True)
class MatchedPair:
    gold: dict[str, Any]
    pred: dict[str, Any]
    fields: dict[str, bool]


@dataclass(slots=True)
class DocResult:
    """One document: counts per kind, and what to fix."""

    doc_id: str
    group: str
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    matched: list[MatchedPair] = field(default_factory=list)
    optional_dropped: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "group": self.group,
            "counts": {k: c.to_json() for k, c in self.counts.items()},
            "missed": self.missed,
            "spurious": self.spurious,
            "wrong_fields": [
                {"gold": p.gold, "pred": p.pred, "wrong": [n for n, ok in p.fields.items() if not ok]}
                for p in self.matched
                if not all(p.fields.values())
            ],
            "optional_dropped": self.optional_dropped,
        }


@dataclass(slots=True)
class Report:
    """Scores per kind, overall, per source group, and per document."""

    kinds: dict[str, Counts]
    overall: Counts
    fields: dict[str, FieldShares]  # per kind and "overall"
    groups: dict[str, dict[str, Counts]]  # group → kind/"overall" → counts
    docs: list[DocResult]
    unscored_pred_docs: list[str] = field(default_factory=list)
    matching: str = "hungarian"

    def to_json(self) -> dict[str, Any]:
        return {
            "kinds": {k: c.to_json() for k, c in self.kinds.items()},
            "overall": self.overall.to_json(),
            "fields": {k: f.to_json() for k, f in self.fields.items()},
            "groups": {g: {k: c.to_json() for k, c in by.items()} for g, by in self.groups.items()},
            "docs": [d.to_json() for d in self.docs],
            "unscored_pred_docs": self.unscored_pred_docs,
            "matching": self.matching,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
