"""Every lexicon file is clean: NFKC, no tatweel or diacritics, no duplicates, known keys."""

import unicodedata

import pytest
import yaml

from marsad.extract.lexicon import DATA, acled_types, actors, outlet_source, triggers

FILES = sorted(DATA.rglob("*.yaml"))
_MARKS = {chr(c) for c in [*range(0x064B, 0x0653), 0x0670, 0x0640]}


def _strings(node):
    if isinstance(node, dict):
        for k, v in node.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_is_normalised(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for s in _strings(data):
        assert unicodedata.normalize("NFKC", s) == s, s
        assert not (set(s) & _MARKS), f"tatweel/diacritic in {s!r} ({path.name})"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_duplicates_in_a_list(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def walk(node, where):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, f"{where}.{k}")
        elif isinstance(node, list):
            seen = [x for x in node if isinstance(x, str)]
            dups = {x for x in seen if seen.count(x) > 1}
            assert not dups, f"duplicates in {where}: {dups}"
    walk(data, path.name)


def test_actor_lexicon_keeps_every_gold_id_and_links_variants():
    lex = actors()
    for gold_id in ("hts", "sna", "opposition", "syria-military", "sohr", "state-media", "witness",
                    "syria-military-statement", "russia-mod", "afp", "unidentified", "civilians"):
        assert gold_id in lex
    assert len(lex) > 120
    for entry in lex.values():
        assert entry.kind in ("armed", "source", "civilian", "generic")
        if entry.same_as:
            assert entry.same_as in lex
        if entry.statement:
            assert lex[entry.statement].kind == "source"
        for r in entry.refers:
            assert r in lex


def test_acled_sub_types_are_the_25():
    types = acled_types()
    assert len(types) == 25
    assert types["Air/drone strike"] == "Explosions/Remote violence"
    assert set(types.values()) == {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                   "Strategic developments", "Protests", "Riots"}


def test_trigger_files_have_the_same_sections():
    assert set(triggers("ar")) == set(triggers("en"))
    assert set(triggers("ar")["events"]) <= set(acled_types())


@pytest.mark.parametrize("outlet,expected", [
    ("AFP (Arabic)", "afp"), ("France 24 (Arabic)", "france24"), ("BBC Arabic", "bbc-arabic"),
    ("Sky News Arabia", "skynews-arabia"), ("Syrian Archive", "syrian-archive"),
    ("Wikipedia (via CriticSearch wiki_data extract)", "wikipedia"), ("Nobody Weekly", None),
])
def test_outlet_maps_to_source(outlet, expected):
    assert outlet_source(outlet) == expected
