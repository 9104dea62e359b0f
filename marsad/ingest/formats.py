"""One parser per input format: bytes → documents (or a reason per record that failed).

``PARSERS`` maps a format name to its parser and ``FORMAT_OF_SUFFIX`` a file suffix to
a format; a new source type (WARC, field reports) is one more function and two entries.
A parser raises ``Unreadable`` when the whole input is unusable; inside a container
(JSONL, a JSON list, a feed) a bad record becomes a ``Rejected`` item and the rest go on.
Parsers fill text and metadata; language and content hash are set by the pipeline.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from marsad.ingest.decode import Unreadable, decode, declared_encoding
from marsad.ingest.text import LANGS, clean_text, dateline_date
from marsad.model import DateRange, Document

__all__ = ["Record", "Rejected", "Parsed", "PARSERS", "FORMAT_OF_SUFFIX", "Parser"]


@dataclass(slots=True)
class Record:
    """A document found in an input; ``locator`` says where in a container ("line 3")."""

    document: Document
    locator: str | None = None


@dataclass(slots=True)
class Rejected:
    """A record inside a container that cannot become a document, and why."""

    reason: str
    locator: str


@dataclass(slots=True)
class Parsed:
    encoding: str
    items: list[Record | Rejected]


Parser = Callable[[bytes], Parsed]

# -- plain text ---------------------------------------------------------------


def parse_text(data: bytes) -> Parsed:
    decoded = decode(data)
    text = clean_text(decoded.text)
    return Parsed(decoded.encoding, [Record(Document(text=text, encoding=decoded.encoding, published=dateline_date(text)))])


# -- JSON and JSON Lines (docs.jsonl shape of FORMAT.md) ----------------------

_STRING_FIELDS = ("id", "lang", "outlet", "url", "title")


def parse_jsonl(data: bytes) -> Parsed:
    decoded = decode(data)
    items: list[Record | Rejected] = []
    for number, line in enumerate(decoded.text.split("\n"), 1):  # not splitlines(): U+2028 may sit in a string
        if not line.strip():
            continue
        items.append(_json_item(line, f"line {number}", decoded.encoding))
    return Parsed(decoded.encoding, items)


def parse_json(data: bytes) -> Parsed:
    decoded = decode(data)
    try:
        value = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if isinstance(value, list):
        if not value:
            raise Unreadable("the JSON file holds an empty list")
        items = [_object_item(obj, f"item {n}", decoded.encoding) for n, obj in enumerate(value, 1)]
        return Parsed(decoded.encoding, items)
    item = _object_item(value, None, decoded.encoding)
    if isinstance(item, Rejected):
        raise Unreadable(item.reason)
    return Parsed(decoded.encoding, [item])


def _json_item(line: str, locator: str, encoding: str) -> Record | Rejected:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejected(f"invalid JSON: {exc.msg} at column {exc.colno}", locator)
    return _object_item(value, locator, encoding)


def _object_item(value: Any, locator: str | None, encoding: str) -> Record | Rejected:
    try:
        return Record(_document_from_json(value, encoding), locator)
    except Unreadable as exc:
        return Rejected(str(exc), locator or "")


def _document_from_json(obj: Any, encoding: str) -> Document:
    if not isinstance(obj, dict):
        raise Unreadable(f"expected a JSON object with a \"text\", got {_json_type(obj)}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise Unreadable('"text" is missing or empty')
    fields: dict[str, str | None] = {}
    for name in _STRING_FIELDS:
        value = obj.get(name)
        if value is None:
            fields[name] = None
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise Unreadable(f'"{name}" must be a string, got {_json_type(value)}')
        fields[name] = str(value).strip() or None
    if fields["id"] is not None and len(fields["id"]) > 200:
        raise Unreadable('"id" is longer than 200 characters')
    lang = (fields["lang"] or "").lower()
    return Document(
        text=clean_text(text),
        id=fields["id"],
        lang=lang if lang in LANGS else None,
        published=_json_date(obj.get("published")),
        outlet=fields["outlet"],
        url=fields["url"],
        title=fields["title"],
        encoding=encoding,
    )


def _json_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Unreadable(f'"published" must be an ISO date string, got {_json_type(value)}')
    try:
        parsed = DateRange.parse(value)
    except ValueError:
        raise Unreadable(f'"published" is {value!r}, not an ISO date (2024-11-30 or 2024-11-30T08:00:00Z)') from None
    return parsed.start if parsed else None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number")


# -- HTML ----------------------------------------------------------------------

_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote")
_NOISE = ("script", "style", "noscript", "nav", "header", "footer", "form", "aside", "template")


def parse_html(data: bytes) -> Parsed:
    decoded = decode(data, declared_encoding(data))
    _check_complete(decoded.text)
    import trafilatura  # heavy; loaded on the first HTML file, not at import

    result = trafilatura.bare_extraction(
        decoded.text,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    meta: dict[str, Any] = result.as_dict() if result is not None else {}
    text = clean_text(meta.get("text") or "") or html_text(decoded.text)  # short pages: trafilatura may give nothing
    if not text:
        raise Unreadable("no readable text in the HTML page")
    doc = Document(
        text=text,
        published=_iso_date_or_none(meta.get("date")),
        outlet=meta.get("sitename") or None,
        url=meta.get("url") or None,
        title=meta.get("title") or None,
        encoding=decoded.encoding,
    )
    return Parsed(decoded.encoding, [Record(doc)])


def _check_complete(html: str) -> None:
    tail = html.rstrip()
    if tail.rfind("<") > tail.rfind(">"):
        raise Unreadable("the HTML ends inside a tag: the file looks truncated; fetch it again")
    lower = html.lower()
    if "<html" in lower and "</body" not in lower and "</html" not in lower:
        raise Unreadable("the HTML page opens <html> but never closes <body> or <html>: the file looks truncated; fetch it again")


def html_text(fragment: str) -> str:
    """Visible text of an HTML page or fragment, one line per block; "" if there is none."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        tree = lxml.html.fromstring(fragment)
    except (ParserError, ValueError):
        return ""
    for element in list(tree.iter(*_NOISE)):
        element.drop_tree()
    for element in tree.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
    return clean_text("\n".join(line for line in lines if line))


def _iso_date_or_none(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


# -- RSS / Atom ----------------------------------------------------------------

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse_feed(data: bytes) -> Parsed:
    decoded = decode(data, declared_encoding(data))
    import feedparser

    # feedparser gets UTF-8 without the (now stale) encoding declaration: our decoding rules.
    body = _XML_DECLARATION.sub("", decoded.text, count=1).encode("utf-8")
    feed = feedparser.parse(io.BytesIO(body))
    if not feed.entries:
        if feed.bozo:
            raise Unreadable(f"not a readable RSS/Atom feed: {feed.bozo_exception}")
        raise Unreadable("the feed has no entries")
    outlet = feed.feed.get("title") or None
    items: list[Record | Rejected] = []
    for number, entry in enumerate(feed.entries, 1):
        locator = f"entry {number}"
        content = entry.get("content")
        body_html = content[0].get("value") if content else entry.get("summary") or entry.get("description")
        text = html_text(body_html) if body_html else ""
        if not text:
            items.append(Rejected("the feed entry has no text", locator))
            continue
        doc = Document(
            text=text,
            published=_feed_date(entry),
            outlet=outlet,
            url=entry.get("link") or None,
            title=entry.get("title") or None,
            encoding=decoded.encoding,
        )
        items.append(Record(doc, locator))
    return Parsed(decoded.encoding, items)


def _feed_date(entry: Any) -> dt.date | None:
    """The date as the publisher wrote it (not shifted to UTC as feedparser's *_parsed)."""
    for raw_key, parsed_key in (("published", "published_parsed"), ("updated", "updated_parsed")):
        raw = entry.get(raw_key)
        if raw:
            try:
                return email.utils.parsedate_to_datetime(raw).date()  # RSS: RFC 822
            except (TypeError, ValueError):
                pass
            try:
                return dt.datetime.fromisoformat(raw.strip()).date()  # Atom: RFC 3339
            except ValueError:
                pass
        parsed = entry.get(parsed_key)
        if parsed:
            return dt.date(*parsed[:3])
    return None


PARSERS: dict[str, Parser] = {
    "txt": parse_text,
    "html": parse_html,
    "jsonl": parse_jsonl,
    "json": parse_json,
    "feed": parse_feed,
}

FORMAT_OF_SUFFIX: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
