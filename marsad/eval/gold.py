"""Reading an evaluation corpus (FORMAT.md): docs.jsonl, gold.jsonl, predictions.

Every problem is a ``GoldFormatError`` naming the file, the line and the field,
so an annotator can go straight to it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.errors import GoldFormatError
from marsad.model import AnyClaim, DateRange, Document, claim_from_fact

__all__ = ["DocGold", "DocPred", "load_docs", "load_gold", "load_predictions", "parse_facts"]

_KINDS = ("casualties", "control", "event")


@dataclass(slots=True)
class DocGold:
    """The gold facts of one document."""

    doc_id: str
    facts: list[AnyClaim] = field(default_factory=list)


@dataclass(slots=True)
class DocPred:
    """A system's facts for one document."""

    doc_id: str
    facts: list[AnyClaim] = field(default_factory=list)


def _lines(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, parsed JSON object) for each non-blank line."""
    if not path.is_file():
        raise GoldFormatError(f"{path}: file not found; a corpus folder needs docs.jsonl and gold.jsonl.")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(
                    f"{path}:{number}: not valid JSON ({exc.msg} at column {exc.colno}); "
                    "each line must be one JSON object."
                ) from None
            if not isinstance(obj, dict):
                raise GoldFormatError(f"{path}:{number}: expected a JSON object, got {type(obj).__name__}.")
            yield number, obj


def parse_facts(raw: Any, where: str, *, strict: bool) -> list[AnyClaim]:
    """Facts of one line as Claims; ``strict`` (gold) also requires the match-key fields."""
    if not isinstance(raw, list):
        raise GoldFormatError(f"{where}: field 'facts' must be a list of fact objects.")
    claims: list[AnyClaim] = []
    for index, fact in enumerate(raw):
        at = f"{where}: facts[{index}]"
        if not isinstance(fact, dict):
            raise GoldFormatError(f"{at}: a fact must be a JSON object, got {type(fact).__name__}.")
        kind = fact.get("kind")
        if kind not in _KINDS:
            what = "missing" if kind is None else f"{kind!r} is not one of casualties, control, event"
            raise GoldFormatError(f"{at}: field 'kind' {what}.")
        for name in ("date", "since"):
            value = fact.get(name)
            try:
                if name == "date":
                    DateRange.parse(value)
                elif value is not None:
                    dt.date.fromisoformat(str(value)[:10])
            except (ValueError, TypeError):
                raise GoldFormatError(
                    f"{at}: field '{name}' is not an ISO date or {{\"from\", \"to\"}} span: {value!r}."
                ) from None
        place = fact.get("place")
        if place is not None and not isinstance(place, dict):
            raise GoldFormatError(f"{at}: field 'place' must be an object or null, got {place!r}.")
        if strict:
            _check_keys(fact, at)
        try:
            claims.append(claim_from_fact(fact))
        except (ValueError, TypeError) as exc:
            raise GoldFormatError(f"{at}: {exc}.") from None
    return claims


def _check_keys(fact: dict[str, Any], at: str) -> None:
    """Gold facts must carry the fields their match key reads."""
    kind = fact["kind"]
    needed = {"casualties": ("outcome", "party"), "event": ("sub_type",), "control": ()}[kind]
    for name in needed:
        if not isinstance(fact.get(name), str) or not fact[name]:
            raise GoldFormatError(f"{at}: {kind} fact needs field '{name}' (FORMAT.md).")
    for name in ("count", "low", "high"):
        value = fact.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise GoldFormatError(f"{at}: field '{name}' must be an integer or null, got {value!r}.")


def load_docs(path: Path) -> list[Document]:
    """docs.jsonl → Documents (id, lang, published, outlet, url, title, text)."""
    docs: list[Document] = []
    for number, obj in _lines(path):
        where = f"{path}:{number}"
        if not isinstance(obj.get("id"), str) or not isinstance(obj.get("text"), str):
            raise GoldFormatError(f"{where}: a document needs string fields 'id' and 'text'.")
        published = obj.get("published")
        try:
            day = dt.date.fromisoformat(str(published)[:10]) if published else None
        except ValueError:
            raise GoldFormatError(f"{where}: field 'published' is not an ISO date: {published!r}.") from None
        docs.append(
            Document(
                text=obj["text"],
                id=obj["id"],
                lang=obj.get("lang"),
                published=day,
                outlet=obj.get("outlet"),
                url=obj.get("url"),
                title=obj.get("title"),
            )
        )
    return docs


def _load_fact_file(path: Path, *, strict: bool) -> list[tuple[int, str, list[AnyClaim]]]:
    out: list[tuple[int, str, list[AnyClaim]]] = []
    seen: set[str] = set()
    for number, obj in _lines(path):
        where = f"{path}:{number}"
        doc_id = obj.get("doc_id")
        if not isinstance(doc_id, str) or not doc_id:
            raise GoldFormatError(f"{where}: field 'doc_id' missing or not a string.")
        if doc_id in seen:
            raise GoldFormatError(f"{where}: field 'doc_id' {doc_id!r} appears twice; one line per document.")
        seen.add(doc_id)
        out.append((number, doc_id, parse_facts(obj.get("facts"), where, strict=strict)))
    return out


def load_gold(gold_dir: Path) -> tuple[list[Document], list[DocGold]]:
    """A corpus folder → its documents and gold, checked against each other."""
    docs = load_docs(gold_dir / "docs.jsonl")
    doc_ids = {d.id for d in docs}
    gold_path = gold_dir / "gold.jsonl"
    golds: list[DocGold] = []
    for number, doc_id, facts in _load_fact_file(gold_path, strict=True):
        if doc_id not in doc_ids:
            raise GoldFormatError(
                f"{gold_path}:{number}: field 'doc_id' {doc_id!r} is not an id in docs.jsonl; "
                "gold lines must name documents of the same folder."
            )
        golds.append(DocGold(doc_id, facts))
    missing = doc_ids - {g.doc_id for g in golds}
    if missing:
        raise GoldFormatError(
            f"{gold_path}: no gold line for document(s) {', '.join(sorted(missing))}; "
            "add a line with \"facts\": [] for a document without facts."
        )
    return docs, golds


def load_predictions(path: Path) -> list[DocPred]:
    """A prediction file (``marsad extract --json`` lines) → DocPreds."""
    return [DocPred(doc_id, facts) for _, doc_id, facts in _load_fact_file(path, strict=False)]
