"""Read what ``marsad extract`` is given: a text file, an HTML file or a docs.jsonl."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from marsad.errors import InputError
from marsad.model import Document

__all__ = ["read_documents", "parse_date"]


def parse_date(value: str | None, what: str = "--published") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise InputError(f"{what} {value!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-11-30.") from None


def read_documents(path: str, published: dt.date | None = None, lang: str | None = None,
                   outlet: str | None = None) -> list[Document]:
    """Documents of a file; options fill what the file does not say."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"no such file: {path}. Give a text file, an HTML file or a docs.jsonl.")
    try:
        raw = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text: convert it (or ingest it with `marsad ingest`, which detects encodings).") from None
    name = p.name.lower()
    if name.endswith((".jsonl", ".ndjson")):
        return _jsonl(raw, path, published, lang, outlet)
    if name.endswith((".html", ".htm")) or raw.lstrip().lower().startswith(("<!doctype html", "<html")):
        raw = _html_text(raw)
    return [Document(text=raw, id=p.stem, lang=lang, published=published, outlet=outlet)]


def _jsonl(raw: str, path: str, published: dt.date | None, lang: str | None,
           outlet: str | None) -> list[Document]:
    out = []
    for i, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path} line {i} is not JSON ({exc.msg}): each line must be one document object.") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise InputError(f"{path} line {i} has no \"text\" string: see shared/eval/FORMAT.md for the docs.jsonl shape.")
        out.append(Document(
            text=obj["text"], id=obj.get("id") or f"line-{i}", lang=lang or obj.get("lang"),
            published=published or parse_date(obj.get("published"), f"{path} line {i}: published"),
            outlet=outlet or obj.get("outlet"), url=obj.get("url"), title=obj.get("title"),
        ))
    return out


def _html_text(raw: str) -> str:
    try:
        import trafilatura

        text = trafilatura.extract(raw, include_comments=False, include_tables=False)
        if text:
            return text
    except Exception:  # trafilatura failing on odd markup: fall back to plain tag stripping
        pass
    import lxml.html

    return lxml.html.fromstring(raw).text_content()
