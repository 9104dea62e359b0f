"""CLI commands of the gazetteer and geoparser: ``marsad gazetteer import``, ``marsad geocode``."""

from __future__ import annotations

import json

import typer

gazetteer_app = typer.Typer(help="Manage the gazetteer (built-in and imported places).", no_args_is_help=True)


@gazetteer_app.command("import")
def import_(
    paths: list[str] = typer.Argument(..., help="OCHA COD workbooks (.xlsx) or CSVs, OpenSyria JSON files or folders."),
    db: str = typer.Option(None, "--db", help="Database URL (default: MARSAD_DATABASE_URL or sqlite:///marsad.db)."),
) -> None:
    """Import place tables into the store; idempotent (a second import adds nothing)."""
    from marsad.geo.importer import import_paths

    report = import_paths(paths, db)
    typer.echo(report.summary())


def geocode(
    name: str = typer.Argument(..., help="Place name in Arabic or English."),
    near: str = typer.Option(None, "--near", help="A place (name or id) the answer should be in or near."),
    db: str = typer.Option(None, "--db", help="Database URL whose imported places join the built-in ones."),
    limit: int = typer.Option(10, "--limit", help="At most this many candidates."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object: the name and its ranked candidates."),
) -> None:
    """Ranked gazetteer candidates for a name: id, names, level, parent chain, lat, lon, score."""
    import os

    from marsad.geo.gazetteer import resolve

    url = db or os.environ.get("MARSAD_DATABASE_URL")
    cands = resolve(name, near=near, db_url=url)[:limit]
    if as_json:
        typer.echo(json.dumps({"name": name, "candidates": [c.to_json() for c in cands]}, ensure_ascii=False))
        return
    if not cands:
        typer.echo(f"no place named {name!r} in the gazetteer")
        raise typer.Exit(1)
    for c in cands:
        e = c.entry
        chain = " > ".join(p.name for p in reversed(c.parents))
        typer.echo(f"{c.score:6.2f}  {e.id:<12} {e.name} / {e.name_ar or ''}  [{e.level}]  {e.lat}, {e.lon}  {chain}")
