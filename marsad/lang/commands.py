"""CLI commands of the language layer (placeholder until issue 4 lands)."""

from __future__ import annotations

import typer


def analyze(text_or_path: str = typer.Argument(..., help="Text, or a path to a text file.")) -> None:
    """Show what the language layer sees: tokens, numbers, dates, places."""
    raise typer.Exit(2)
