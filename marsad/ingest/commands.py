"""CLI commands of the ingest stage (placeholder until issue 3 lands)."""

from __future__ import annotations

from pathlib import Path

import typer


def ingest(paths: list[Path] = typer.Argument(..., help="Files or folders to ingest.")) -> None:
    """Store reports (txt, html, jsonl, json, RSS/Atom) in the database; idempotent."""
    raise typer.Exit(2)


def demo() -> None:
    """Ingest the bundled sample reports into ./marsad.db and print a summary."""
    raise typer.Exit(2)
