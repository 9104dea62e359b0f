"""The CLI: keys with roles, sources, a report in Arabic, retraction, the audit log."""

from __future__ import annotations

import json

from fieldseed import IDENTITY_2
from typer.testing import CliRunner

from marsad.cli import app

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout.strip()


def test_cli_round_trip(tmp_path, secret) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    key = _run("keys", "create", "--role", "handler", "--label", "desk", "--db", db)
    assert key.startswith("mk_")
    listed = [json.loads(line) for line in _run("keys", "list", "--db", db).splitlines()]
    assert [(k["role"], k["label"], k["prefix"]) for k in listed] == [("handler", "desk", key[:12])]
    assert key not in _run("keys", "list", "--db", db)
    src = _run("sources", "add", "--identity", IDENTITY_2, "--area", "Hama", "--reliability", "b",
               "--handler", key[:12], "--db", db)
    assert src.startswith("SRC-")
    assert _run("sources", "list", "--db", db) == f"{src}\tB\tactive\t0 report(s)\tHama"
    out = json.loads(_run("report", "add", "--source", src, "--text", "اعتقلت قوة أمنية شابين في حماة فجر اليوم.",
                          "--lang", "ar", "--count", "detained=2", "--credibility", "3", "--db", db))
    assert out["source"] == src and out["claims"] >= 1
    rid = out["id"]
    assert json.loads(_run("report", "list", "--db", db))["admiralty"] == "B3"
    assert json.loads(_run("report", "retract", rid, "--reason", "duplicate of an earlier report", "--db", db))[
        "status"] == "retracted"
    log = [json.loads(line) for line in _run("audit", "--db", db).splitlines()]
    assert [e["action"] for e in log] == ["key.create", "source.create", "report.create", "report.list",
                                          "report.retract"]
    assert IDENTITY_2 not in json.dumps(log, ensure_ascii=False)
    assert _run("keys", "revoke", key, "--db", db) == "revoked 1 key(s)"
    assert IDENTITY_2.encode() not in (tmp_path / "cli.db").read_bytes()


def test_cli_errors_are_one_line(tmp_path, secret) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = runner.invoke(app, ["report", "add", "--source", "SRC-ABC", "--text", "x", "--db", db])
    assert getattr(result.exception, "exit_code", None) == 2  # marsad.cli.main exits with it
    assert str(result.exception) == "error[E110]: no source 'SRC-ABC'; list sources with `marsad sources list` or GET /api/sources"
    result = runner.invoke(app, ["report", "add", "--source", "SRC-ABC", "--count", "killed", "--text", "x", "--db", db])
    assert str(result.exception) == "error[E100]: --count 'killed' is not OUTCOME=N (e.g. killed=3)"
