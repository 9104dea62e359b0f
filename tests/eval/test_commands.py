"""``marsad eval`` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from evalfacts import casualty, control, event, write_corpus
from typer.testing import CliRunner

from marsad.cli import app


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    corpus = write_corpus(tmp_path / "c", {"seed-1": [casualty(), control()], "ant-2": [event()]})
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        json.dumps({"doc_id": "seed-1", "facts": [casualty(count=7, evidence="seven died"), control(source="state-media")]}) + "\n",
        encoding="utf-8",
    )
    return corpus, pred


def test_json_report(tmp_path: Path) -> None:
    corpus, pred = _corpus(tmp_path)
    result = CliRunner().invoke(app, ["eval", str(corpus), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["overall"]["tp"] == 1 and report["overall"]["fp"] == 1 and report["overall"]["fn"] == 2
    assert report["kinds"]["control"]["f1"] == 1.0
    seed = next(d for d in report["docs"] if d["doc_id"] == "seed-1")
    assert seed["missed"][0]["evidence"] == "six civilians were killed"
    assert seed["spurious"][0]["evidence"] == "seven died"
    assert set(report["groups"]) == {"seed", "ant"}
    assert seed["wrong_fields"][0]["wrong"] == ["source"]
    assert report["fields"]["control"]["source"] == {"right": 0, "of": 1, "share": 0.0}


def test_table_report_lists_misses_when_verbose(tmp_path: Path) -> None:
    corpus, pred = _corpus(tmp_path)
    result = CliRunner().invoke(app, ["eval", str(corpus), "--pred", str(pred), "--verbose"])
    assert result.exit_code == 0, result.output
    assert "overall" in result.output
    assert "seed-1: 1 missed, 1 spurious, 1 matched with a wrong field" in result.output
    assert "wrong source" in result.output
    assert "«six civilians were killed»" in result.output
    assert "«seven died»" in result.output


def test_limit_docs(tmp_path: Path) -> None:
    corpus, pred = _corpus(tmp_path)
    result = CliRunner().invoke(app, ["eval", str(corpus), "--pred", str(pred), "--json", "--limit-docs", "1"])
    assert json.loads(result.output)["overall"]["fn"] == 1


def test_malformed_gold_is_one_line_and_exit_2(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {"seed-1": []}, raw_gold='{"doc_id": "seed-1", "facts": [42]}\n')
    proc = subprocess.run(
        [sys.executable, "-m", "marsad.cli", "eval", str(corpus), "--pred", str(corpus / "gold.jsonl")],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        f"error[E400]: {corpus / 'gold.jsonl'}:1: facts[0]: a fact must be a JSON object, got int."
    )
