"""CLI commands of the gazetteer and geoparser (placeholder until issue 5 lands)."""

from __future__ import annotations

import typer

gazetteer_app = typer.Typer(help="Manage the gazetteer (built-in and imported places).", no_args_is_help=True)


@gazetteer_app.command("import")
def import_(paths: list[str] = typer.Argument(..., help="OCHA COD workbooks/CSV or OpenSyria JSON.")) -> None:
    """Import place tables into the store; idempotent."""
    raise typer.Exit(2)


def geocode(name: str = typer.Argument(..., help="Place name in Arabic or English.")) -> None:
    """Ranked gazetteer candidates for a name."""
    raise typer.Exit(2)
