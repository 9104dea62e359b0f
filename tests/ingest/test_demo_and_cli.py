"""``marsad demo`` and the ingest command as a user meets them."""

from __future__ import annotations

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
    assert sum(d.document.published is None for d in store.iter_documents()) == 1  # the bare .txt


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
