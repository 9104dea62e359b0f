"""Scoring against gold (shared/eval/FORMAT.md): P/R/F1 per kind, field shares, misses."""

from marsad.eval.actors import ActorMap, load_actor_map
from marsad.eval.gold import DocGold, DocPred, load_docs, load_gold, load_predictions
from marsad.eval.report import Counts, DocResult, FieldShares, Report
from marsad.eval.run import evaluate
from marsad.eval.score import score

__all__ = [
    "ActorMap",
    "Counts",
    "DocGold",
    "DocPred",
    "DocResult",
    "FieldShares",
    "Report",
    "evaluate",
    "load_actor_map",
    "load_docs",
    "load_gold",
    "load_predictions",
    "score",
]
