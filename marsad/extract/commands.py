"""CLI commands of the extractor (placeholder until issue 6 lands)."""

from __future__ import annotations

import typer


def extract(path: str = typer.Argument(..., help="Text file, HTML file or docs.jsonl.")) -> None:
    """Extract claims (casualties, control, events) as FORMAT.md facts, one JSON line per document."""
    raise typer.Exit(2)
