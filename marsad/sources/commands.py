"""CLI: ``marsad sources add|list|assign|keygen``, ``marsad report add|list|retract``, ``marsad audit``.

The command line acts as the operator (``cli:<user>``, role admin): it holds the database
already, yet it never prints an identity — identities are read through the API, by the
handler a source is assigned to.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

__all__ = ["sources_app", "report_app", "audit"]

sources_app = typer.Typer(help="Field sources: pseudonymous ids; identities encrypted (MARSAD_SECRET_KEY).",
                          no_args_is_help=True)
report_app = typer.Typer(help="Field reports from sources: submit, list, retract.", no_args_is_help=True)

_DB = typer.Option(None, "--db", help="Store URL (default: MARSAD_DATABASE_URL or sqlite:///marsad.db).")


def _engine(db: str | None):  # type: ignore[no-untyped-def]
    """The store's engine, after checking that MARSAD_SECRET_KEY opens any stored sources."""
    from marsad.sources.registry import check_secret
    from marsad.store import open_store

    engine = open_store(db).engine
    check_secret(engine)
    return engine


@sources_app.command("keygen")
def keygen() -> None:
    """Print a new MARSAD_SECRET_KEY (keep it safe: without it identities cannot be read)."""
    from marsad.sources.crypto import new_secret_key

    typer.echo(new_secret_key())


@sources_app.command("add")
def add(
    identity: str = typer.Option(..., prompt=True, hide_input=True, help="Real name (stored encrypted; prompted if omitted)."),
    contact: str = typer.Option(None, help="Contact details (stored encrypted)."),
    area: str = typer.Option(None, help="Area the source covers."),
    reliability: str = typer.Option("F", help="Admiralty source reliability, A (reliable) to F (cannot be judged)."),
    handler: str = typer.Option(None, help="Handler's API key id or prefix (role handler) who may read the identity."),
    db: str = _DB,
) -> None:
    """Register a field source; prints its pseudonymous id (SRC-…)."""
    from marsad.api.keys import key_id_of
    from marsad.sources.audit import cli_caller
    from marsad.sources.registry import add_source

    engine = _engine(db)
    key_id = key_id_of(engine, handler) if handler else None
    typer.echo(add_source(engine, cli_caller(), identity, contact=contact, area=area, reliability=reliability,
                          handler_key_id=key_id))


@sources_app.command("list")
def list_command(as_json: bool = typer.Option(False, "--json", help="One JSON line per source."), db: str = _DB) -> None:
    """List sources: pseudonymous id, area, reliability, reports (never identities)."""
    from marsad.sources.registry import list_sources

    for s in list_sources(_engine(db)):
        if as_json:
            typer.echo(json.dumps(s.to_json(), ensure_ascii=False))
        else:
            typer.echo(f"{s.public_id}\t{s.reliability}\t{s.status}\t{s.reports} report(s)\t{s.area or ''}")


@sources_app.command("assign")
def assign(
    source: str = typer.Argument(..., help="SRC-… id."),
    handler: str = typer.Option(..., help="Handler's API key id or prefix."),
    db: str = _DB,
) -> None:
    """Assign a source to a handler's key (the only key that may read its identity)."""
    from marsad.api.keys import key_id_of
    from marsad.sources.audit import cli_caller
    from marsad.sources.registry import assign_handler

    engine = _engine(db)
    assign_handler(engine, cli_caller(), source, key_id_of(engine, handler))
    typer.echo(f"{source.upper()} → key {handler}")


def _counts(values: list[str]) -> dict[str, int]:
    from marsad.errors import InputError

    out: dict[str, int] = {}
    for value in values:
        outcome, sep, n = value.partition("=")
        if not sep or not n.strip().isdigit():
            raise InputError(f"--count {value!r} is not OUTCOME=N (e.g. killed=3)")
        out[outcome.strip()] = int(n)
    return out


def _attachment_hash(value: str) -> str:
    """A file's SHA-256 (the file itself is not stored), or a hash given as is."""
    import hashlib

    path = Path(value)
    if path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    return value


@report_app.command("add")
def report_add(
    source: str = typer.Option(..., help="The source's pseudonymous id (SRC-…)."),
    text: str = typer.Option(None, help="The report text (or --file)."),
    file: Path = typer.Option(None, "--file", exists=True, dir_okay=False, help="UTF-8 text file with the report."),
    lang: str = typer.Option(None, help="ar or en (detected when omitted)."),
    credibility: int = typer.Option(6, help="Admiralty information credibility, 1 (confirmed) to 6."),
    place: str = typer.Option(None, help="Where it happened."),
    date: str = typer.Option(None, help="When: YYYY-MM-DD."),
    count: list[str] = typer.Option([], "--count", help="OUTCOME=N, repeatable (killed=3 --count injured=5)."),
    party: str = typer.Option("unknown", help="civilian, state, nonstate, unknown or all (for --count)."),
    attachment: list[str] = typer.Option([], "--attachment", help="A file (its SHA-256 is kept, not the file) or a hash."),
    db: str = _DB,
) -> None:
    """Submit a field report: stored as a document, extracted, attributed to the source's id."""
    from marsad.errors import InputError
    from marsad.ingest.reports import FieldReport, submit_report
    from marsad.sources.audit import cli_caller

    if (text is None) == (file is None):
        raise InputError("give the report as --text or --file (one of them)")
    body = text if text is not None else file.read_text(encoding="utf-8")
    report = FieldReport(source=source, text=body, lang=lang, credibility=credibility, place=place, date=date,
                         counts=_counts(count), party=party, attachments=[_attachment_hash(a) for a in attachment])
    out = submit_report(_engine(db), cli_caller(), report)
    typer.echo(json.dumps(out.to_json(), ensure_ascii=False))


@report_app.command("list")
def report_list(source: str = typer.Option(None, help="Only this source's reports."), db: str = _DB) -> None:
    """List reports (newest first) with their pseudonymous sources, one JSON line each."""
    from marsad.ingest.reports import list_reports
    from marsad.sources.audit import cli_caller

    for item in list_reports(_engine(db), cli_caller(), source=source):
        typer.echo(json.dumps(item, ensure_ascii=False))


@report_app.command("retract")
def report_retract(
    report: str = typer.Argument(..., help="RPT-… id."),
    reason: str = typer.Option(..., help="Why the report is withdrawn (kept in its history)."),
    db: str = _DB,
) -> None:
    """Retract a report: it and its claims leave the fused record; the original stays in history."""
    from marsad.sources.audit import Caller, cli_caller
    from marsad.sources.corrections import retract_report

    caller: Caller = cli_caller()
    typer.echo(json.dumps(retract_report(_engine(db), caller, report, reason), ensure_ascii=False))


def audit(
    action: str = typer.Option(None, help="Only this action or prefix (identity, report, source, key…)."),
    target: str = typer.Option(None, help="Only this target (SRC-…, RPT-…, key prefix)."),
    limit: int = typer.Option(200, help="At most this many lines."),
    db: str = _DB,
) -> None:
    """Print the append-only audit log (who, what, when), one JSON line per entry."""
    from marsad.sources.audit import read_audit
    from marsad.store import open_store

    for entry in read_audit(open_store(db).engine, action=action, target=target, limit=limit):
        typer.echo(json.dumps(entry.to_json(), ensure_ascii=False))
