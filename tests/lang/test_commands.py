"""`marsad analyze` prints one JSON object; bad input gives one clear error line."""

import json

from typer.testing import CliRunner

from marsad.cli import app

runner = CliRunner()


def test_json_shape() -> None:
    r = runner.invoke(app, ["analyze", "قتل 311 شخصاً أمس", "--published", "2024-11-30", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert set(out) == {"lang", "tokens", "numbers", "dates", "places"}
    assert out["lang"] == "ar"
    assert out["numbers"][0] == {"text": "311", "value": 311, "low": None, "high": None, "start": 4, "end": 7}
    assert out["dates"] == [{"text": "أمس", "date": "2024-11-29", "precision": "day", "start": 14, "end": 17}]
    assert out["tokens"][2] == {"text": "شخصاً", "norm": "شخصا", "start": 8, "end": 13}
    assert out["places"] == []


def test_reads_a_file(tmp_path) -> None:
    f = tmp_path / "doc.txt"
    f.write_text("Two civilians were killed on Friday.", encoding="utf-8")
    r = runner.invoke(app, ["analyze", str(f), "--published", "2024-11-30", "--json"])
    out = json.loads(r.stdout)
    assert out["lang"] == "en"
    assert out["dates"][0]["date"] == "2024-11-29"


def test_bad_date_is_a_clear_error() -> None:
    r = runner.invoke(app, ["analyze", "x", "--published", "2024-13-01"])
    assert r.exit_code != 0
    assert str(r.exception) == ("error[E100]: --published '2024-13-01' is not a date: "
                                "write it as YYYY-MM-DD, e.g. 2024-11-30.")
