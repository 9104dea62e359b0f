"""Tokens with original offsets: spaCy's blank tokenizer on the matching form, then
Arabic proclitics split off and trailing punctuation detached from figures ("2016.").
"""

from __future__ import annotations

import functools
import re
from typing import Any

from marsad.lang.analysis import Token
from marsad.lang.ar.clitics import _segment_norm
from marsad.lang.normalize import OffsetMap

__all__ = ["blank", "tokenize"]

_FIGURE_PUNCT = re.compile(r"^(\d[\d.,/:-]*\d|\d)([.,،؛:!?؟]+)$")
_ARABIC = re.compile(r"[\u0621-\u064a]")


@functools.cache
def blank(lang: str) -> Any:
    """The spaCy blank pipeline for ``lang`` (built once per process)."""
    import spacy

    return spacy.blank("ar" if lang == "ar" else "en")


@functools.lru_cache(maxsize=200_000)
def _pieces(word: str, arabic: bool) -> tuple[tuple[int, int, str], ...]:
    """(relative start, relative end, prefix) of each piece of one spaCy token."""
    m = _FIGURE_PUNCT.match(word)
    if m:
        cut = m.end(1)
        return ((0, cut, ""), (cut, len(word), ""))
    if arabic and _ARABIC.match(word):
        prefix, _stem = _segment_norm(word)
        if prefix:
            return ((len(prefix), len(word), prefix),)
    return ((0, len(word), ""),)


def tokenize(text: str, norm: str, offsets: OffsetMap, lang: str) -> tuple[list[Token], list[int]]:
    """Tokens of ``text`` (original offsets) and each token's start in ``norm``."""
    from spacy.attrs import IDX, LENGTH

    arabic = lang == "ar"
    tokens: list[Token] = []
    norm_starts: list[int] = []
    spans = blank(lang).tokenizer(norm).to_array([IDX, LENGTH]).tolist()
    identity = offsets.is_identity
    for base, length in spans:
        word = norm[base:base + length]
        if word.isspace():
            continue
        for rs, re_, prefix in _pieces(word, arabic):
            s, e = base + rs, base + re_
            if identity:
                tokens.append(Token(text[s:e], norm[s:e], s, e, prefix))
            else:
                os_, oe = offsets(s), offsets(e)
                tokens.append(Token(text[os_:oe], norm[s:e], os_, oe, prefix))
            norm_starts.append(s)
    return tokens, norm_starts
