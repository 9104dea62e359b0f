"""Bytes → text: every encoding a report arrives in gives the same text; junk is refused."""

from __future__ import annotations

import codecs
import random

import pytest

from marsad.ingest.decode import Unreadable, decode, declared_encoding
from marsad.ingest.text import clean_text, content_hash, detect_lang

AR = "قُتل سبعة مدنيين وأصيب عشرون آخرون في غارة على سوق أريحا، بحسب الدفاع المدني."
EN = "Seven civilians were killed in an air strike on a market in Ariha, rescuers said."


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("utf-16-be"),
        lambda t: t.encode("cp1256"),
        lambda t: t.encode("iso-8859-6"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be-no-bom", "windows-1256", "iso-8859-6"],
)
def test_arabic_decodes_to_the_same_text_from_every_encoding(encode) -> None:
    assert decode(encode(AR)).text.lstrip("\ufeff") == AR


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252"])
def test_english_decodes_too(encoding: str) -> None:
    text = EN + " Café owners fled."
    assert decode(text.encode(encoding)).text == text


def test_empty_and_blank_inputs_are_refused() -> None:
    with pytest.raises(Unreadable, match="^empty file$"):
        decode(b"")
    with pytest.raises(Unreadable, match="only whitespace"):
        decode(b" \n\t ")


@pytest.mark.parametrize("junk", [random.Random(7).randbytes(4000), b"\x00" * 500, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4])
def test_binary_junk_is_refused(junk: bytes) -> None:
    with pytest.raises(Unreadable, match="binary|not text"):
        decode(junk)


def test_a_wrong_declaration_is_refused_not_guessed() -> None:
    html = '<meta charset="utf-8"><p>' + AR + "</p>"
    with pytest.raises(Unreadable, match=r"declares utf-8, but byte 0x[0-9A-F]{2} at offset \d+ is not valid utf-8"):
        decode(html.encode("cp1256"), declared_encoding(html.encode("cp1256")))
    latin = '<meta charset="windows-1256"><p>' + AR + "</p>"
    with pytest.raises(Unreadable, match="declares windows-1256 but its bytes are UTF-8"):
        decode(latin.encode("utf-8"), "windows-1256")


def test_a_right_declaration_is_used() -> None:
    html = '<?xml version="1.0" encoding="windows-1256"?><rss><title>' + AR + "</title></rss>"
    data = html.encode("cp1256")
    assert declared_encoding(data) == "windows-1256"
    assert decode(data, declared_encoding(data)).text == html


def test_the_hash_ignores_line_ends_spacing_and_presentation_forms() -> None:
    assert content_hash("عشرة  قتلى\r\nفي حلب") == content_hash("عشرة قتلى\nفي حلب ")
    assert content_hash("ﻋﺸﺮﺓ") == content_hash("عشرة")  # presentation forms, NFKC
    assert content_hash("عشرة") != content_hash("عشرون")


def test_clean_text_only_touches_newlines_and_the_ends() -> None:
    assert clean_text("\ufeff  line one\r\nline  two\r ") == "line one\nline  two"


@pytest.mark.parametrize(
    ("text", "lang"),
    [(AR, "ar"), (EN, "en"), ("Sept civils ont été tués dans une frappe aérienne sur un marché d'Ariha.", "other"), ("2024 — 17", "other")],
)
def test_language_is_ar_en_or_other(text: str, lang: str) -> None:
    assert detect_lang(text) == lang
