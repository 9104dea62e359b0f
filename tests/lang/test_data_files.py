"""Every language data file: NFKC, no tatweel or tashkeel, no duplicates, strings only."""

import unicodedata
from importlib import resources

import pytest
import yaml

from marsad.lang.ar.normalize import DELETED

FILES = sorted(
    (lang, p.name)
    for lang in ("ar", "en")
    for p in resources.files("marsad.lang").joinpath(lang, "data").iterdir()
    if p.name.endswith(".yaml")
)


INTENDED_MARKS = {"هـ", "غدًا"}  # the Hijri abbreviation is written with tatweel; tanween as seen in text


class _StrictLoader(yaml.SafeLoader):
    """Refuses duplicate mapping keys (plain YAML keeps the last silently)."""


def _mapping(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes, f"duplicate keys {dupes}"
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _strings(node):
    if isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)
    else:
        yield node


def _lists(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from _lists(v)
    elif isinstance(node, list):
        for v in node:
            yield from (_lists(v) if isinstance(v, (dict, list)) else [v])


@pytest.mark.parametrize(("lang", "name"), FILES)
def test_data_file_is_clean(lang: str, name: str) -> None:
    raw = resources.files("marsad.lang").joinpath(lang, "data", name).read_text(encoding="utf-8")
    assert raw.startswith("#"), "a header comment with source and licence"
    data = yaml.load(raw, Loader=_StrictLoader)
    words = [w for w in _strings(data) if isinstance(w, str)]
    lists = [x for x in _lists(data) if isinstance(x, bool)]
    assert not lists, "an unquoted yes/no/on/off in a word list became a boolean"
    for w in words:
        assert unicodedata.is_normalized("NFKC", w), w
        if w not in INTENDED_MARKS:
            assert not any(ord(c) in DELETED for c in w), f"tashkeel/tatweel in {w!r}"
    for group in (data.values() if isinstance(data, dict) else [data]):
        if isinstance(group, list) and all(isinstance(x, str) for x in group):
            assert len(group) == len(set(group)), f"duplicates in {name}: {group}"


def test_files_found() -> None:
    assert ("ar", "numbers.yaml") in FILES and ("en", "dates.yaml") in FILES
