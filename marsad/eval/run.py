"""One evaluation run: read a corpus, get predictions (a file or the extractor), score."""

from __future__ import annotations

from pathlib import Path

from marsad.errors import GoldFormatError, InputError
from marsad.eval.actors import EXTRACTOR_LEXICON, load_actor_map
from marsad.eval.gold import DocPred, load_gold, load_predictions
from marsad.eval.report import Report
from marsad.eval.score import score
from marsad.model import Document

__all__ = ["evaluate", "find_actors_file", "extract_all"]


def find_actors_file(gold_dir: Path) -> Path:
    """``actors.yaml`` in the corpus folder, else in its parent (shared/eval layout)."""
    for candidate in (gold_dir / "actors.yaml", gold_dir.parent / "actors.yaml"):
        if candidate.is_file():
            return candidate
    raise GoldFormatError(
        f"{gold_dir}: no actors.yaml in the folder or its parent; pass --actors PATH."
    )


def extract_all(docs: list[Document]) -> list[DocPred]:
    """Run ``marsad.extract.extract_document`` on every document."""
    try:
        from marsad.extract import extract_document  # type: ignore[attr-defined]
    except ImportError as exc:
        raise InputError(
            f"the extractor is not available (marsad.extract.extract_document: {exc}); "
            "pass --pred PRED.jsonl with predictions from another run."
        ) from None
    return [DocPred(doc.id or "", list(extract_document(doc))) for doc in docs]


def evaluate(
    gold_dir: Path,
    pred_path: Path | None = None,
    *,
    limit_docs: int | None = None,
    actors_path: Path | None = None,
) -> Report:
    """Score ``pred_path`` (or a fresh extraction) against ``gold_dir/gold.jsonl``."""
    if not gold_dir.is_dir():
        raise InputError(f"{gold_dir}: not a folder; give a corpus folder with docs.jsonl and gold.jsonl.")
    docs, golds = load_gold(gold_dir)
    if limit_docs is not None:
        docs, golds = docs[:limit_docs], golds[:limit_docs]
    actors = load_actor_map(actors_path or find_actors_file(gold_dir), EXTRACTOR_LEXICON)
    if pred_path is not None:
        wanted = {g.doc_id for g in golds}
        preds = load_predictions(pred_path)
        if limit_docs is not None:
            preds = [p for p in preds if p.doc_id in wanted]
    else:
        gold_ids = {g.doc_id for g in golds}
        preds = extract_all([d for d in docs if d.id in gold_ids])
    return score(golds, preds, actors)
