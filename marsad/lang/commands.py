"""CLI commands of the language layer: ``marsad analyze``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer

from marsad.errors import InputError

__all__ = ["analyze"]


def analyze(
    text_or_path: str = typer.Argument(..., help="Text, or a path to a UTF-8 text file."),
    published: str = typer.Option(None, "--published", help="Publication date YYYY-MM-DD (anchors relative dates; default today)."),
    lang: str = typer.Option(None, "--lang", help="ar or en (default: detected from the script)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
) -> None:
    """Show what the language layer sees: tokens, numbers, dates, places."""
    from marsad.lang.pipeline import analyze as run

    text = _read_text(text_or_path)
    pub = _parse_date(published) if published else None
    if lang is not None and lang not in ("ar", "en"):
        raise InputError(f"--lang {lang!r} is not supported: use ar or en, or leave it out to detect.")
    result = run(text, lang=lang, published=pub)
    from marsad.geo import add_places  # the geoparser fills result.places (issue 5)

    add_places(result)
    if as_json:
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
        return
    _print_tables(result)


def _read_text(arg: str) -> str:
    path = Path(arg)
    try:
        if len(arg) < 4096 and "\n" not in arg and path.is_file():
            return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {arg}: {exc}. Give a UTF-8 text file or the text itself.") from exc
    return arg


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--published {value!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-11-30.") from None


def _print_tables(result: object) -> None:
    from rich.console import Console
    from rich.table import Table

    from marsad.lang.analysis import Analysis

    assert isinstance(result, Analysis)
    console = Console()
    console.print(f"language: {result.lang}  tokens: {len(result.tokens)}  sentences: {len(result.sentences)}")
    numbers = Table("text", "value", "low", "high", "noun", "kind", "span", title="numbers")
    for n in result.numbers:
        numbers.add_row(n.text, _s(n.value), _s(n.low), _s(n.high), n.noun or "", n.kind, f"{n.start}-{n.end}")
    console.print(numbers)
    dates = Table("text", "date", "precision", "role", "span", title="dates")
    for d in result.dates:
        dates.add_row(d.text, json.dumps(d.range.to_json()), d.range.precision, d.role, f"{d.start}-{d.end}")
    console.print(dates)
    tokens = Table("text", "norm", "prefix", "span", title="tokens")
    for t in result.tokens:
        tokens.add_row(t.text, t.norm, t.prefix, f"{t.start}-{t.end}")
    console.print(tokens)


def _s(value: int | None) -> str:
    return "" if value is None else str(value)
