"""CLI commands of the scorer (placeholder until issue 7 lands)."""

from __future__ import annotations

import typer


def eval_command(gold_dir: str = typer.Argument(..., help="Folder with docs.jsonl and gold.jsonl.")) -> None:
    """Score extraction against gold: P/R/F1 per kind, misses and spurious facts."""
    raise typer.Exit(2)
