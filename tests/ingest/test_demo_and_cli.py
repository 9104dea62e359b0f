"""``marsad demo`` and the ingest command as a user meets them."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from marsad.cli import app
from marsad.ingest.demo import DEMO_STEPS, run_demo, sample_paths
from marsad.store import Store


def test_the_samples_are_ten_reports_in_six_files_and_two_languages(store: Store) -> None:
    assert len(sample_paths()) == 6
    run = run_demo(store, serve=False)
    assert run.ingest is not None and run.ingest.quarantined == []
    assert (run.ingest.ingested, store.count_documents()) == (10, 10)
    assert {d.document.lang for d in store.iter_documents()} == {"ar", "en"}
    # the bare .txt has no metadata: its dateline ("حلب – 1 كانون الأول 2024") dates it
    bare = [d.document for d in store.iter_documents() if d.document.text.startswith("حلب –")]
    assert [d.published for d in bare] == [dt.date(2024, 12, 1)]
    assert all(d.document.published is not None for d in store.iter_documents())


def test_the_demo_builds_the_record_claims_events_and_ledger(store: Store) -> None:
    from marsad.fuse import persist

    run = run_demo(store, serve=False)
    steps = [name for name, _ in run.summary]
    assert steps[:2] == ["ingest", "extract"] and "fuse" in steps
    claims = list(store.iter_claims())
    assert {c.claim.kind for c in claims} == {"casualties", "control", "event"}
    assert {store.get_document(c.document_id).document.lang for c in claims} == {"ar", "en"}
    events = persist.events_json(store)
    assert any(e["sub_type"] == "Air/drone strike" and (e.get("place") or {}).get("name") == "Ariha" for e in events)
    # the syndicated copy of the Ariha story is not a second source for its strike
    ariha = next(e for e in events if e["sub_type"] == "Air/drone strike" and e["place"]["name"] == "Ariha")
    assert len(ariha["claim_ids"]) >= 2
    # claims are dated in the past, never on the day the demo runs
    assert all(c.claim.date is None or c.claim.date.start.year == 2024 for c in claims)


def test_the_demo_twice_adds_nothing(store: Store) -> None:
    run_demo(store, serve=False)
    again = run_demo(store, serve=False)
    assert (again.ingest.ingested, again.ingest.duplicates) == (0, 10)
    assert again.new_document_ids == []


def test_demo_steps_are_a_list_later_stages_extend(store: Store) -> None:
    seen: list[int] = []
    steps = [*DEMO_STEPS[:1], ("count", lambda run: seen.append(len(run.new_document_ids)))]
    run_demo(store, serve=False, steps=steps)
    assert seen == [10]


def test_demo_cli_prints_a_summary(db_url: str) -> None:
    result = CliRunner().invoke(app, ["demo", "--no-serve", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "6 sample files → 10 new documents, 0 already stored, 0 quarantined" in result.output
    assert "demo-ar-01" in result.output
    assert "events in the record" in result.output and "Air/drone strike" in result.output


def test_errors_are_one_line_and_no_traceback(tmp_path: Path) -> None:
    def marsad(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "marsad.cli", *args], capture_output=True, text=True, cwd=tmp_path, stdin=subprocess.DEVNULL
        )

    missing = marsad("ingest", "nowhere.txt", "--db", f"sqlite:///{tmp_path}/m.db")
    assert (missing.returncode, missing.stderr.strip()) == (2, "error[E100]: nowhere.txt: no such file or folder; check the path")
    down = marsad("ingest", ".", "--db", "postgresql://nobody@127.0.0.1:9/x")
    assert down.returncode == 1 and "Traceback" not in down.stderr
    assert down.stderr.startswith("error[E200]: cannot open the database postgresql+psycopg://nobody@127.0.0.1:9/x:")


def test_ingest_extracts_and_fuses_the_new_documents_only(db_url: str, tmp_path: Path) -> None:
    from marsad.fuse import persist
    from marsad.store import open_store

    report = tmp_path / "strike.txt"
    report.write_text("إدلب، 3 آذار 2025\n\nقال الدفاع المدني إن خمسة مدنيين قتلوا بغارة جوية على سوق مدينة أريحا.\n", encoding="utf-8")
    bare = CliRunner().invoke(app, ["ingest", str(report), "--db", db_url, "--no-extract"])
    assert bare.exit_code == 0, bare.output
    with open_store(db_url) as store:
        assert list(store.iter_claims()) == []
    other = tmp_path / "other.txt"
    other.write_text("Idlib, 4 March 2025\n\nThe civil defence said an air strike on Ariha killed three civilians.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(report), str(other), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "1 documents → " in result.output and "events from" in result.output
    with open_store(db_url) as store:
        claims = list(store.iter_claims())
        assert {store.get_document(c.document_id).document.lang for c in claims} == {"en"}  # only the new one
        assert any(e["sub_type"] == "Air/drone strike" for e in persist.events_json(store))
