"""Lint of the export data files: normalised text, no tatweel or diacritics, both languages, no duplicates."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from marsad.export.lexicon import countries, labels

DATA = Path(__file__).resolve().parents[2] / "marsad" / "export" / "data"
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # diacritics and tatweel
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _strings(node: object) -> list[str]:
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in [str(k), *_strings(v)]]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [node] if isinstance(node, str) else []


@pytest.mark.parametrize("name", ["labels.yaml", "countries.yaml"])
def test_text_is_normalised(name: str) -> None:
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    for s in _strings(data):
        assert unicodedata.normalize("NFKC", s) == s, s
        assert not _MARKS.search(s), s
        assert not _PRESENTATION.search(s), s


def test_every_label_has_both_languages_and_no_duplicate_arabic() -> None:
    for group, entries in labels().items():
        arabic = [e["ar"] for e in entries.values()]
        assert all(e.get("en") and e.get("ar") for e in entries.values()), group
        # exactly en and ar: an unquoted comma in a flow mapping would split a label into keys
        assert all(set(e) == {"en", "ar"} for e in entries.values()), group
        assert len(arabic) == len(set(arabic)), group


def test_no_duplicate_keys_in_files() -> None:
    for path in DATA.glob("*.yaml"):
        keys = re.findall(r"^(\s*)([^\s#][^:]*):", path.read_text(encoding="utf-8"), re.M)
        seen: set[tuple[str, str]] = set()
        parent = ""
        for indent, key in keys:
            if not indent:
                parent = key
            assert (parent, indent + key) not in seen or not indent, (path.name, key)
            seen.add((parent, indent + key))


def test_countries() -> None:
    sy = countries()["SY"]
    assert (sy.iso3, sy.iso, sy.en, sy.ar) == ("SYR", 760, "Syria", "سوريا")
