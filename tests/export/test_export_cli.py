"""`marsad export` and `marsad bulletin` from the command line: files, stdout, clear errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from typer.testing import CliRunner

from marsad.cli import app

runner = CliRunner()


def test_export_acled_to_a_file_with_filters(dev_store: Any, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    result = runner.invoke(app, ["export", "acled-csv", "--db", str(dev_store.engine.url), "-o", str(out), "--from", "2024-11-30", "--to", "2024-11-30", "--no-progress"])
    assert result.exit_code == 0, result.output
    df = pd.read_csv(out)
    assert len(df) > 0 and (pd.to_datetime(df["event_date"]) <= "2024-11-30").all()


def test_export_parquet_folder_writes_three_tables(dev_store: Any, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "parquet", "--db", str(dev_store.engine.url), "-o", f"{tmp_path}/pq/", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == ["claims.parquet", "events.parquet", "ledger.parquet"]


def test_export_to_stdout(dev_store: Any) -> None:
    result = runner.invoke(app, ["export", "geojson", "--db", str(dev_store.engine.url), "--no-progress", "--type", "Battles"])
    assert result.exit_code == 0
    assert result.stdout.startswith('{"type":"FeatureCollection"')


def test_unknown_format_and_bad_date_say_what_to_do(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = runner.invoke(app, ["export", "shapefile", "--db", db])
    assert result.exit_code != 0
    assert str(result.exception) == "error[E100]: unknown export format 'shapefile'; choose one of acled-csv, ged-csv, geojson, parquet, atom"
    result = runner.invoke(app, ["export", "atom", "--db", db, "--from", "30/11/2024"])
    assert str(result.exception) == "error[E100]: --from '30/11/2024' is not a date; write it as YYYY-MM-DD, e.g. 2024-11-30"
    result = runner.invoke(app, ["export", "atom", "--db", db, "--grade", "sure"])
    assert str(result.exception) == "error[E100]: unknown grade 'sure'; expected one of confirmed, fair, weak, contested, discounted"


def test_bulletin_command_writes_html_and_png(arabic_font: str, dev_store: Any, tmp_path: Path) -> None:
    result = runner.invoke(app, ["bulletin", "--date", "2024-11-30", "--lang", "en", "-o", str(tmp_path), "--db", str(dev_store.engine.url), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "bulletin-2024-11-30-en.html").read_text(encoding="utf-8").count("<tr>") > 3
    assert (tmp_path / "bulletin-2024-11-30-en-chart.png").is_file()
