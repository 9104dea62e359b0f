"""CLI commands of fusion: ``marsad fuse``, ``events``, ``ledger``, ``control``.

Each parses its arguments and calls one function of ``marsad.fuse.persist``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from marsad.errors import InputError
from marsad.store import open_store

__all__ = ["fuse_command", "events_command", "ledger_command", "control_command"]

_DB = typer.Option(
    None, "--db", help="Database URL (default: $MARSAD_DATABASE_URL, else sqlite:///marsad.db).", show_default=False
)


def _date(value: Optional[str], option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-11-30") from None


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def fuse_command(
    db: Optional[str] = _DB,
    explain: Optional[str] = typer.Option(None, "--explain", metavar="EVENT_ID", help="Print an event's claims and merge log."),
    merge: Optional[tuple[str, str]] = typer.Option(
        None, "--merge", metavar="EVENT_A EVENT_B", help="The two events are one (kept on re-fusion)."
    ),
    split: Optional[tuple[str, str]] = typer.Option(
        None, "--split", metavar="EVENT_ID CLAIM_ID", help="Take a claim out of an event (kept on re-fusion)."
    ),
    cross_language: str = typer.Option("auto", "--cross-language", help="auto | encoder | facts | off"),
) -> None:
    """(Re)build duplicate groups, events, grades, ledger and control timeline from stored claims."""
    from marsad.fuse import persist

    with open_store(db) as store:
        if explain:
            _print_json(persist.explain_json(store, explain))
            return
        if merge:
            fusion = persist.merge_events(store, merge[0], merge[1])
        elif split:
            if not split[1].isdigit():
                raise InputError(f"--split {split[0]} {split[1]}: the second value must be a claim id (a number)")
            fusion = persist.split_event(store, split[0], int(split[1]))
        else:
            if cross_language not in ("auto", "encoder", "facts", "off"):
                raise InputError(f"--cross-language {cross_language!r}: use auto, encoder, facts or off")
            fusion = persist.fuse_store(store, cross_language=cross_language)  # type: ignore[arg-type]
    s = fusion.summary()
    Console().print(
        f"documents [bold]{s['documents']}[/] · duplicate groups {s['duplicate_groups']} "
        f"(cross-language: {s['cross_language']}) · claims {s['claims']} · echoes {s['echo_claims']} · "
        f"events [bold]{s['events']}[/] · grades {s['grades']} · places with control {s['places_with_control']}"
    )


def events_command(
    db: Optional[str] = _DB,
    as_json: bool = typer.Option(False, "--json", help="One JSON array: events with claim ids, sources and grade."),
) -> None:
    """The fused events, as the API serves them."""
    from marsad.fuse import persist

    with open_store(db) as store:
        items = persist.events_json(store)
    if as_json:
        _print_json(items)
        return
    table = Table("id", "date", "place", "sub-type", "actor1", "killed", "grade", "claims")
    for e in items:
        date = e["date"] if isinstance(e["date"], str) or e["date"] is None else f"{e['date']['from']}..{e['date']['to']}"
        fat = e["fatalities"]["best"]
        table.add_row(
            e["id"], str(date), (e["place"] or {}).get("name") or "", e["sub_type"], e["actor1"] or "",
            "" if fat is None else str(fat), e["grade"], str(len(e["claim_ids"])),
        )
    Console().print(table)


def ledger_command(
    db: Optional[str] = _DB,
    place: Optional[str] = typer.Option(None, "--place", help="Only this place (name or GeoNames id)."),
    date_from: Optional[str] = typer.Option(None, "--from", help="First day, YYYY-MM-DD."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Last day, YYYY-MM-DD (running totals as of this day)."),
    as_json: bool = typer.Option(False, "--json", help="Running totals, incidents, totals and place-day sums as JSON."),
) -> None:
    """The casualty ledger: running totals per source apart from incident counts summed over events."""
    from marsad.fuse import persist

    with open_store(db) as store:
        data = persist.ledger_json(store, place=place, date_from=_date(date_from, "--from"), date_to=_date(date_to, "--to"))
    if as_json:
        _print_json(data)
        return
    console = Console()
    for title, key in (("running totals (per source; latest wins)", "running"), ("incidents summed over events", "totals")):
        table = Table("party", "outcome", "low", "best", "high", "source", "since", "claims", title=title, title_justify="left")
        if key == "running":
            table.add_column("incidents in its window")
        for f in data[key]:
            row = [
                f["party"], f["outcome"], _n(f["low"]), _n(f["best"]), _n(f["high"]), f["source"] or "",
                f["since"] or "", ",".join(map(str, f["claim_ids"])),
            ]
            if key == "running":
                inc = f["incidents"]
                row.append(f"{inc['best']} ({'agrees' if inc['agrees'] else 'differs'})")
            table.add_row(*row)
        console.print(table)


def _n(value: Any) -> str:
    return "" if value is None else str(value)


def control_command(
    place: str = typer.Argument(..., help="Place name or GeoNames id."),
    db: Optional[str] = _DB,
    at: Optional[str] = typer.Option(None, "--at", help="Who holds it on this day (YYYY-MM-DD)."),
    as_json: bool = typer.Option(False, "--json", help="The timeline (and holder) as JSON."),
) -> None:
    """A place's control timeline; with --at, who holds it that day, with evidence and contesting claims."""
    from marsad.fuse import persist

    with open_store(db) as store:
        data = persist.control_json(store, place, at=_date(at, "--at"))
    if as_json:
        _print_json(data)
        return
    console = Console()
    table = Table("date", "actor", "with", "change", "extent", "source", "contested by", title=data["place"]["name"], title_justify="left")
    for c in data["changes"]:
        date = c["date"] if isinstance(c["date"], str) or c["date"] is None else f"{c['date']['from']}..{c['date']['to']}"
        table.add_row(
            str(date), c["actor"] or "", ", ".join(c["with"]), c["change"], c["extent"], c["source"],
            ", ".join(x["source"] for x in c["contested_by"]),
        )
    console.print(table)
    holding = data.get("holding")
    if at is not None:
        if holding is None or holding["actor"] is None:
            console.print(f"on {at}: not known who holds it" + (f" ({holding['note']})" if holding else ""))
        else:
            allies = f" with {', '.join(holding['with'])}" if holding["with"] else ""
            contested = ", ".join(sorted({c["source"] for c in holding["contested"]}))
            console.print(
                f"on {at}: [bold]{holding['actor']}[/]{allies} ({holding['extent']}), source {holding['source']}"
                + (f"; contested by {contested}" if contested else "")
            )
