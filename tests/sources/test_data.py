"""The Admiralty table is complete and normalised."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

import marsad.sources

DATA = Path(marsad.sources.__file__).with_name("data")


def test_admiralty_grades() -> None:
    from marsad.sources.registry import admiralty

    table = admiralty()
    assert list(table["reliability"]) == ["A", "B", "C", "D", "E", "F"]
    assert list(table["credibility"]) == ["1", "2", "3", "4", "5", "6"]


def test_data_files_are_nfkc_without_duplicates() -> None:
    for path in DATA.glob("*.yaml"):
        raw = path.read_text(encoding="utf-8")
        assert raw == unicodedata.normalize("NFKC", raw), path
        for part in yaml.safe_load(raw).values():
            values = list(part.values())
            assert len(values) == len(set(values)), path
