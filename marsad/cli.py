"""The ``marsad`` command: one thin command per use case.

Each stage keeps its commands in ``marsad/<stage>/commands.py``; they parse
arguments and call one plain library function. Errors from the library
(``marsad.errors.MarsadError``) become one clear line and a non-zero exit.
"""

from __future__ import annotations

import sys

import typer

from marsad.errors import MarsadError

app = typer.Typer(
    name="marsad",
    help="marsad (مرصد): conflict reports in Arabic and English → claims, events, casualty ledgers, territorial control.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    from marsad.api import commands as api_commands
    from marsad.eval import commands as eval_commands
    from marsad.export import commands as export_commands
    from marsad.extract import commands as extract_commands
    from marsad.fuse import commands as fuse_commands
    from marsad.geo import commands as geo_commands
    from marsad.ingest import commands as ingest_commands
    from marsad.lang import commands as lang_commands

    app.command("demo")(ingest_commands.demo)
    app.command("ingest")(ingest_commands.ingest)
    app.command("analyze")(lang_commands.analyze)
    app.add_typer(geo_commands.gazetteer_app, name="gazetteer")
    app.command("geocode")(geo_commands.geocode)
    app.command("extract")(extract_commands.extract)
    app.command("eval")(eval_commands.eval_command)
    app.command("fuse")(fuse_commands.fuse_command)
    app.command("events")(fuse_commands.events_command)
    app.command("ledger")(fuse_commands.ledger_command)
    app.command("control")(fuse_commands.control_command)
    app.command("serve")(api_commands.serve)
    app.add_typer(api_commands.keys_app, name="keys")
    from marsad.sources import commands as source_commands

    app.add_typer(source_commands.sources_app, name="sources")
    app.add_typer(source_commands.report_app, name="report")
    app.command("audit")(source_commands.audit)
    app.command("export")(export_commands.export_command)
    app.command("bulletin")(export_commands.bulletin_command)


_register()


def main() -> None:
    """Entry point that turns library errors into one line on stderr."""
    try:
        app(standalone_mode=True)
    except MarsadError as exc:
        print(str(exc), file=sys.stderr)
        raise SystemExit(exc.exit_code) from None


if __name__ == "__main__":
    main()
