"""The fusion commands, run through the CLI on a SQLite store."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from fuse_helpers import control, killed, strike
from marsad.cli import app
from marsad.model import Document
from marsad.store import open_store

runner = CliRunner()


def _db(tmp_path) -> str:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'm.db'}"
    with open_store(url) as store:
        row, _ = store.add_document(Document(text="report one", id="d1", lang="en", published=dt.date(2024, 12, 1), content_hash="a" * 64))
        store.save_claims(row, [strike("sohr", "2024-12-01"), killed("sohr", "2024-12-01", 5),
                                killed("sohr", "2024-12-01", 30, place=None, cumulative=True, since=dt.date(2024, 11, 27)),
                                control("sohr", "2024-12-01", "hts", extent="most")])
    return url


def test_fuse_events_ledger_control(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = _db(tmp_path)
    out = runner.invoke(app, ["fuse", "--db", url])
    assert out.exit_code == 0, out.output
    assert "events 1" in out.output
    events = json.loads(runner.invoke(app, ["events", "--db", url, "--json"]).output)
    assert len(events) == 1 and events[0]["grade"] == "weak" and len(events[0]["claim_ids"]) == 2
    ledger = json.loads(runner.invoke(app, ["ledger", "--db", url, "--json"]).output)
    assert [f["best"] for f in ledger["running"]] == [30] and [f["best"] for f in ledger["totals"]] == [5]
    held = json.loads(runner.invoke(app, ["control", "Aleppo", "--db", url, "--at", "2024-12-02", "--json"]).output)
    assert held["holding"]["actor"] == "hts"
    explained = json.loads(runner.invoke(app, ["fuse", "--db", url, "--explain", events[0]["id"]]).output)
    assert [line["action"] for line in explained["log"]] == ["create", "merge"]


def test_errors_say_what_to_do(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = _db(tmp_path)
    runner.invoke(app, ["fuse", "--db", url])
    out = runner.invoke(app, ["ledger", "--db", url, "--from", "30/11/2024"])
    assert out.exit_code != 0
    assert "write it as YYYY-MM-DD" in str(out.exception)
    out = runner.invoke(app, ["fuse", "--db", url, "--explain", "ev-nope"])
    assert "no event 'ev-nope'; list them with `marsad events --json`" in str(out.exception)
