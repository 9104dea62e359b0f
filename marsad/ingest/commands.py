"""CLI commands of the ingest stage: ``marsad ingest`` and ``marsad demo``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from marsad.ingest.demo import run_demo
from marsad.ingest.pipeline import MAX_FILE_BYTES, IngestSummary, ingest_paths
from marsad.store import open_store

__all__ = ["ingest", "demo", "DB_OPTION", "print_ingest_summary"]

DB_OPTION = typer.Option(
    None, "--db", help="Database URL (default: $MARSAD_DATABASE_URL, else sqlite:///marsad.db).", show_default=False
)
_SHOWN_QUARANTINE = 20


def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders (walked recursively) to ingest.", show_default=False),
    db: Optional[str] = DB_OPTION,
    max_mb: float = typer.Option(MAX_FILE_BYTES / 2**20, "--max-mb", help="Refuse files larger than this (MB)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on folders."),
    extract: bool = typer.Option(True, "--extract/--no-extract", help="Extract the claims of the new documents."),
    fuse: bool = typer.Option(True, "--fuse/--no-fuse", help="Re-fuse the record after extraction (`marsad fuse` does it later)."),
) -> None:
    """Store reports (txt, html, jsonl, json, RSS/Atom) in the database; idempotent.

    Raw bytes are kept before parsing; what cannot be used is quarantined with a reason, and the run goes on.
    Then the claims of the new documents are extracted and stored, and the record is re-fused
    (events, ledger, control); `--no-extract` / `--no-fuse` leave that for later.

    Exit codes: 0 everything stored (or already there); 3 finished, but some inputs were quarantined (listed); 2 a path does not exist; 1 the database cannot be opened.
    """
    console = Console()
    with open_store(db) as store:
        summary = ingest_paths(store, paths, progress=progress, max_bytes=int(max_mb * 2**20))
        print_ingest_summary(summary, console)
        if extract and summary.new_document_ids:
            from marsad.record import build_record

            build = build_record(store, summary.new_document_ids, fuse=fuse, progress=progress)
            for _step, line in build.lines():
                console.print(line, markup=False, highlight=False)
    raise typer.Exit(summary.exit_code)


def demo(
    db: Optional[str] = DB_OPTION,
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the dashboard after the summary."),
    host: str = typer.Option("127.0.0.1", help="Address the dashboard listens on."),
    port: int = typer.Option(8000, help="Port the dashboard listens on."),
) -> None:
    """Ingest the bundled sample reports into ./marsad.db, build the record, print a summary, serve the dashboard."""
    console = Console()
    with open_store(db) as store:
        url = store.engine.url.render_as_string(hide_password=False)
        run_demo(store, console=console, serve=serve)
    if serve:
        from marsad.api.server import serve as run_server

        run_server(url, host, port, echo=console.print)


def print_ingest_summary(summary: IngestSummary, console: Console) -> None:
    """The end-of-run lines: counts, then each quarantined input with its reason."""
    console.print(
        f"ingested [bold]{summary.ingested}[/] · duplicates {summary.duplicates} · "
        f"quarantined [bold]{len(summary.quarantined)}[/] · files {summary.files}"
        + (f" · skipped {len(summary.skipped)} (unknown type)" if summary.skipped else "")
    )
    if summary.quarantined:
        table = Table("quarantined", "reason", show_lines=False, title_justify="left")
        for item in summary.quarantined[:_SHOWN_QUARANTINE]:
            where = f"{item.origin} ({item.locator})" if item.locator else item.origin
            table.add_row(where, item.reason)
        console.print(table)
        hidden = len(summary.quarantined) - _SHOWN_QUARANTINE
        if hidden > 0:
            console.print(f"… and {hidden} more in the quarantine table")
