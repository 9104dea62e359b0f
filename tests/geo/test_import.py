"""The OCHA/OpenSyria import (read from /work/shared/data at run time) and geocoding."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.geo.gazetteer import Gazetteer, resolve
from marsad.geo.importer import import_paths
from marsad.geo.parser import geoparse
from marsad.geo.recall import load_dev, place_recall
from marsad.lang.analysis import Analysis

from .conftest import DATA, DEV


@pytest.mark.parametrize("name, pcode", [("زردنا", "C3938"), ("اللطامنة", "C3458"), ("عربين", "C2321"),
                                         ("كفر نبل", "C4068")])
def test_communities_geocode_to_their_ocha_pcode(imported_url: str, name: str, pcode: str) -> None:
    best = resolve(name, db_url=imported_url)[0]
    assert best.entry.pcode == pcode
    assert best.entry.id in (pcode, str(best.entry.geonameid))
    assert best.entry.lat is not None and best.parents[-1].id == "163843"


def test_geonames_places_keep_their_id_and_gain_the_pcode(imported: Gazetteer) -> None:
    saraqib = imported.get("164816")
    assert saraqib is not None and saraqib.pcode == "C3916"
    assert (saraqib.lat, saraqib.lon) == (35.86447, 36.80591)  # the GeoNames point
    assert imported.get("SY07") is None and imported.get("169387").pcode == "SY07"  # crosswalk id


def test_second_import_adds_nothing(imported_url: str) -> None:
    report = import_paths([DATA / "syr_admin_180627.xlsx", DATA / "open-syria"], imported_url)
    assert (report.added, report.updated) == (0, 0)


def test_merged_and_tatweel_names_are_split_and_cleaned(imported: Gazetteer) -> None:
    assert "C3938" in {e.id for e in imported.lookup("مشهد")}
    assert imported.lookup("تل مساس")


@pytest.mark.parametrize("text, pcode", [
    ("قصفت الطائرات بلدة الطيبة في ريف درعا الشرقي", "C5992"),
    ("قصفت الطائرات بلدة الطيبة في ريف السويداء", "C6170"),
])
def test_shared_village_name_resolved_by_the_governorate_named(imported: Gazetteer, text: str, pcode: str) -> None:
    found = geoparse(Analysis(text=text, lang="ar"), imported)
    assert found[0].text == "بلدة الطيبة"
    assert imported.get(found[0].place.id).pcode == pcode


def test_geocode_cli_json(imported_url: str) -> None:
    result = CliRunner().invoke(app, ["geocode", "كفر نبل", "--db", imported_url, "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    first = out["candidates"][0]
    assert first["pcode"] == "C4068" and first["level"] == "city"
    assert {"id", "names", "parents", "lat", "lon", "score"} <= set(first)


def test_import_cli_reports_counts(tmp_path) -> None:
    if not (DATA / "open-syria").exists():
        pytest.skip("OpenSyria JSON not found")
    url = f"sqlite:///{tmp_path / 'g.db'}"
    runner = CliRunner()
    first = runner.invoke(app, ["gazetteer", "import", str(DATA / "open-syria" / "governorates.json"), "--db", url])
    assert first.exit_code == 0, first.output
    assert first.output.startswith("14 added, 0 updated")
    again = runner.invoke(app, ["gazetteer", "import", str(DATA / "open-syria" / "governorates.json"), "--db", url])
    assert again.output.startswith("0 added, 0 updated, 14 unchanged")


def test_import_of_a_missing_file_says_what_to_do(tmp_path) -> None:
    from marsad.errors import InputError

    with pytest.raises(InputError, match="no such file; give an OCHA COD workbook/CSV or OpenSyria JSON path"):
        import_paths([tmp_path / "nope.xlsx"], f"sqlite:///{tmp_path / 'g.db'}")


def test_dev_set_place_recall(imported: Gazetteer) -> None:
    if not (DEV / "gold.jsonl").exists():
        pytest.skip("dev set not found")
    pairs = load_dev(DEV)
    mentions = {d["id"]: geoparse(Analysis(text=d["text"], lang=d["lang"]), imported) for d, _ in pairs}
    result = place_recall(pairs, mentions, imported)
    print(f"dev place recall {result['found']}/{result['facts']} = {result['recall']:.3f}; misses {result['misses']}")
    assert result["recall"] >= 0.9


def test_ingest_reads_a_store_with_the_places_imported_into_it(tmp_path) -> None:
    """A village only the OCHA table knows is placed once the table is imported into the store."""
    from marsad.fuse import persist
    from marsad.store import open_store

    if not (DATA / "syr_admin_180627.xlsx").exists():
        pytest.skip(f"the OCHA table is not at {DATA}")
    db = f"sqlite:///{tmp_path / 'm.db'}"
    import_paths([DATA / "syr_admin_180627.xlsx"], db)
    report = tmp_path / "r.txt"
    report.write_text("إدلب، 3 آذار 2025\n\nقال الدفاع المدني إن أربعة مدنيين قتلوا بغارة جوية على بلدة زردنا.\n", encoding="utf-8")
    assert CliRunner().invoke(app, ["ingest", str(report), "--db", db]).exit_code == 0
    with open_store(db) as store:
        places = {c.claim.place.name for c in store.iter_claims() if c.claim.place is not None}
        assert any("Zardana" in name for name in places), places
        assert any("Zardana" in ((e.get("place") or {}).get("name") or "") for e in persist.events_json(store))
