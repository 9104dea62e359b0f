"""``analyze``: the language layer's one entry point (text, language, publication date)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from marsad.lang.analysis import Analysis, DateMention, NumberMention
from marsad.lang.dates import find_dates
from marsad.lang.normalize import normalize_with_offsets
from marsad.lang.numbers import find_numbers
from marsad.lang.sentences import split_sentences
from marsad.lang.tokenize import tokenize

__all__ = ["analyze", "detect_lang"]

_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def detect_lang(text: str) -> str:
    """``ar`` when Arabic letters are at least as many as Latin ones, else ``en``."""
    sample = text[:5000]
    arabic = len(_ARABIC_LETTER.findall(sample))
    latin = len(_LATIN_LETTER.findall(sample))
    return "ar" if arabic and arabic >= latin else "en"


def analyze(text: str, lang: str | None = None, published: dt.date | None = None,
            *, hooks: Sequence[Callable[[Analysis], None]] = ()) -> Analysis:
    """Tokens, numbers, dates and sentences of ``text``; offsets into ``text``.

    ``published`` anchors relative dates (today when omitted). ``hooks`` run last, in
    order, on the finished analysis (the geoparser adds places this way).
    """
    lang = lang or detect_lang(text)
    published = published or dt.date.today()
    norm, offsets = normalize_with_offsets(text)
    tokens, _ = tokenize(text, norm, offsets, lang)
    numbers = find_numbers(text, tokens, lang)
    dates = find_dates(text, norm, offsets, lang, published)
    _mark_date_numbers(numbers, dates)
    result = Analysis(text=text, lang=lang, tokens=tokens, numbers=numbers, dates=dates,
                      sentences=split_sentences(text, norm, offsets, lang))
    for hook in hooks:
        hook(result)
    return result


def _mark_date_numbers(numbers: list[NumberMention], dates: list[DateMention]) -> None:
    """Figures inside a date ("7 نيسان 2018", "منذ عام 2016") are not counts."""
    if not dates:
        return
    for num in numbers:
        for d in dates:
            if d.start <= num.start and num.end <= d.end:
                num.kind = "date"
                break
