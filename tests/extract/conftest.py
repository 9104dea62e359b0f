import datetime as dt

import pytest

from marsad.extract import extract_text

PUB = dt.date(2024, 3, 6)  # a Wednesday


@pytest.fixture
def run():
    def _run(text: str, lang: str, outlet: str | None = "France 24 (Arabic)", published: dt.date = PUB):
        return [c.to_fact() for c in extract_text(text, lang, published, outlet)]
    return _run


def of_kind(facts, kind):
    return [f for f in facts if f["kind"] == kind]
