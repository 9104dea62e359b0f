"""CLI command of the scorer: ``marsad eval GOLD_DIR [--pred FILE] [--json]``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


def eval_command(
    gold_dir: Path = typer.Argument(..., help="Folder with docs.jsonl and gold.jsonl (FORMAT.md)."),
    pred: Optional[Path] = typer.Option(
        None, "--pred", help="Predictions as JSON lines {doc_id, facts}; default: run the extractor."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as one JSON object."),
    limit_docs: Optional[int] = typer.Option(None, "--limit-docs", min=1, help="Score only the first N documents."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every missed and spurious fact with its evidence."),
    actors: Optional[Path] = typer.Option(
        None, "--actors", help="actors.yaml of the gold (default: in GOLD_DIR or its parent)."
    ),
) -> None:
    """Score extraction against gold: P/R/F1 per kind, field shares, misses and spurious facts."""
    from rich.console import Console

    from marsad.eval.render import render_report
    from marsad.eval.run import evaluate

    report = evaluate(gold_dir, pred, limit_docs=limit_docs, actors_path=actors)
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        render_report(report, Console(), verbose=verbose)
