"""CLI commands of the API: ``marsad serve`` and ``marsad keys``."""

from __future__ import annotations

import typer

__all__ = ["serve", "keys_app"]

keys_app = typer.Typer(help="Manage API keys (each has a role; only a hash is stored).", no_args_is_help=True)


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    db: str = typer.Option(None, "--db", help="Store URL (default: MARSAD_DATABASE_URL or sqlite:///marsad.db)."),
    private_text: bool = typer.Option(False, "--private-text", help="Serve document texts only to API keys with a role."),
) -> None:
    """Serve the API and the dashboard; prints the address."""
    from marsad.api.server import serve as run

    run(db, host, port, open_text=not private_text)


@keys_app.command("create")
def create(
    role: str = typer.Option(..., help="reader, analyst, handler or admin (also ingester, editor)."),
    label: str = typer.Option(None, help="Who or what the key is for."),
    db: str = typer.Option(None, "--db", help="Store URL (default: MARSAD_DATABASE_URL or sqlite:///marsad.db)."),
) -> None:
    """Create an API key and print it once (it is stored only as a hash)."""
    from marsad import settings
    from marsad.api.auth import create_key
    from marsad.api.db import open_engine

    engine = open_engine(db or settings.get("MARSAD_DATABASE_URL") or "sqlite:///marsad.db")
    typer.echo(create_key(engine, role, label))


@keys_app.command("revoke")
def revoke(
    prefix: str = typer.Argument(..., help="The key, or its first 12 characters."),
    db: str = typer.Option(None, "--db", help="Store URL (default: MARSAD_DATABASE_URL or sqlite:///marsad.db)."),
) -> None:
    """Revoke an API key."""
    from marsad import settings
    from marsad.api.auth import revoke_key
    from marsad.api.db import open_engine

    engine = open_engine(db or settings.get("MARSAD_DATABASE_URL") or "sqlite:///marsad.db")
    n = revoke_key(engine, prefix)
    typer.echo(f"revoked {n} key(s)")


@keys_app.command("list")
def list_keys(
    revoked: bool = typer.Option(False, "--revoked", help="Include revoked keys."),
    db: str = typer.Option(None, "--db", help="Store URL (default: MARSAD_DATABASE_URL or sqlite:///marsad.db)."),
) -> None:
    """List keys: id, prefix, role, label, dates (never the key itself)."""
    import json

    from marsad import settings
    from marsad.api.db import open_engine
    from marsad.api.keys import list_keys as run

    engine = open_engine(db or settings.get("MARSAD_DATABASE_URL") or "sqlite:///marsad.db")
    for item in run(engine, include_revoked=revoked):
        typer.echo(json.dumps(item, ensure_ascii=False))
