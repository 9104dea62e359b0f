"""CLI command of the extractor: ``marsad extract``."""

from __future__ import annotations

import json

import typer

from marsad.errors import InputError

__all__ = ["extract"]


def extract(
    path: str = typer.Argument(..., help="Text file, HTML file or docs.jsonl."),
    published: str = typer.Option(None, "--published", help="Publication date YYYY-MM-DD (default: the file's, else today)."),
    lang: str = typer.Option(None, "--lang", help="ar or en (default: the file's, else detected)."),
    outlet: str = typer.Option(None, "--outlet", help="Outlet name, the source of unattributed statements (e.g. 'AFP (Arabic)')."),
    as_json: bool = typer.Option(False, "--json", help="One JSON line per document: {doc_id, facts}."),
) -> None:
    """Extract claims (casualties, control, events) as FORMAT.md facts, one JSON line per document."""
    from marsad.extract.files import parse_date, read_documents
    from marsad.extract.pipeline import extract_document

    if lang is not None and lang not in ("ar", "en"):
        raise InputError(f"--lang {lang!r} is not supported: use ar or en, or leave it out to detect.")
    docs = read_documents(path, parse_date(published), lang, outlet)
    for doc in docs:
        claims = extract_document(doc)
        facts = [c.to_fact() for c in claims]
        if as_json:
            typer.echo(json.dumps({"doc_id": doc.id, "facts": facts}, ensure_ascii=False))
        else:
            _table(doc.id or "", facts)


def _table(doc_id: str, facts: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{doc_id}: {len(facts)} facts")
    for col in ("kind", "source", "date", "place", "what", "evidence"):
        table.add_column(col)
    for f in facts:
        if f["kind"] == "casualties":
            fig = f["count"] if f["count"] is not None else f">{f['low']}" if f["low"] else "?"
            what = f"{f['outcome']} {fig} {f['party']}" + (" (total)" if f["cumulative"] else "")
        elif f["kind"] == "control":
            what = f"{f['actor']} {f['change']} ({f['extent']})"
        else:
            what = f"{f['sub_type']}: {f['actor1']} → {f['actor2']}"
        date = f["date"] if isinstance(f["date"], str) or f["date"] is None else f"{f['date']['from']}…{f['date']['to']}"
        table.add_row(f["kind"], f["source"], str(date), (f["place"] or {}).get("name", ""), what, f["evidence"][:60])
    Console().print(table)
