"""Docs that cannot drift: every command has help text and is in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
import typer

from marsad.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands(group: click.Command, prefix: str = "") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in getattr(group, "commands", {}).items():
        path = f"{prefix}{name}"
        found.append((path, command))
        found += _commands(command, f"{path} ")
    return found


COMMANDS = _commands(typer.main.get_command(app))


def test_the_cli_has_commands() -> None:
    assert {"ingest", "demo"} <= {name for name, _ in COMMANDS}


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_every_command_has_help(name: str, command: click.Command) -> None:
    assert (command.help or command.short_help or "").strip(), f"marsad {name} has no help text"
    for param in command.params:
        if isinstance(param, click.Argument):
            continue
        assert getattr(param, "help", None), f"marsad {name}: option {param.name} has no help text"


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"marsad {name}" in README.read_text(encoding="utf-8"), f"README.md does not mention `marsad {name}`"
