"""Fixtures of the geo tests: the Syrian OCHA/OpenSyria tables imported once into SQLite.

The files are read from ``/work/shared/data`` (or ``MARSAD_GEO_DATA``) at run time and
never copied into the repository; tests that need them skip when they are absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(os.environ.get("MARSAD_GEO_DATA", "/work/shared/data"))
DEV = Path(os.environ.get("MARSAD_DEV_SET", "/work/shared/eval/dev"))


@pytest.fixture(scope="session")
def imported_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store with the OCHA workbook and OpenSyria JSON imported."""
    xlsx = DATA / "syr_admin_180627.xlsx"
    if not xlsx.exists():
        pytest.skip(f"OCHA workbook not found at {xlsx}")
    from marsad.geo.importer import import_paths

    url = f"sqlite:///{tmp_path_factory.mktemp('geo') / 'places.db'}"
    paths = [xlsx] + ([DATA / "open-syria"] if (DATA / "open-syria").exists() else [])
    report = import_paths(paths, url)
    assert report.added == 14 + 62 + 272 + 7250
    return url


@pytest.fixture(scope="session")
def imported(imported_url: str):
    from marsad.geo.gazetteer import Gazetteer

    return Gazetteer.load(imported_url)
