"""From stored documents to the fused record: extract their claims, store them, fuse.

The one place where the stages meet after ingest, so that ``marsad ingest``,
``marsad demo`` and the API build the record the same way. Extraction runs only for
documents that were just stored: claims already in the store may carry an analyst's
corrections, which re-extraction would erase.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from marsad.store import Store

__all__ = ["EXTRACTOR_LANGS", "RecordBuild", "extract_documents", "build_record"]

EXTRACTOR_LANGS = ("ar", "en")
_PROGRESS_FROM = 20  # documents; fewer finish before a bar is worth drawing


@dataclass(slots=True)
class RecordBuild:
    """What one build did: claims per kind, documents the extractor cannot read, and the fusion summary."""

    documents: int = 0
    claims: dict[str, int] = field(default_factory=dict)
    not_extracted: list[tuple[int, str]] = field(default_factory=list)  # (document id, why)
    fusion: dict[str, Any] | None = None

    @property
    def claim_count(self) -> int:
        return sum(self.claims.values())

    def lines(self) -> list[tuple[str, str]]:
        """(step, what it did) for a summary table."""
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.claims.items())) or "none"
        out = [("extract", f"{self.documents} documents → {self.claim_count} claims ({kinds})")]
        if self.not_extracted:
            out.append(("extract", f"{len(self.not_extracted)} documents stored without claims (language the extractor lacks)"))
        if self.fusion is not None:
            s = self.fusion
            out.append((
                "fuse",
                f"{s['events']} events from {s['claims']} claims · {s['duplicate_groups']} duplicate groups · "
                f"{s['echo_claims']} echoed claims not counted twice · {s['places_with_control']} places with control",
            ))
        return out


def extract_documents(store: Store, document_ids: Sequence[int], *, progress: bool = False,
                      console: Console | None = None) -> RecordBuild:
    """Extract and store the claims of ``document_ids`` (each document's claims replaced)."""
    from marsad.extract import extract_document
    from marsad.geo.gazetteer import for_store

    build = RecordBuild()
    gazetteer = for_store(store.engine)  # imported places count
    show = progress and len(document_ids) >= _PROGRESS_FROM
    bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=console or Console(stderr=True), transient=True, disable=not show)
    with bar:
        task = bar.add_task("extract", total=len(document_ids))
        for stored in _documents(store, document_ids):
            doc = stored.document
            build.documents += 1
            if doc.lang not in EXTRACTOR_LANGS:
                build.not_extracted.append((stored.id, f"language {doc.lang!r}"))
            else:
                found = list(extract_document(doc, gazetteer))
                store.save_claims(stored.id, found)
                for claim in found:
                    build.claims[claim.kind] = build.claims.get(claim.kind, 0) + 1
            bar.advance(task)
    return build


def _documents(store: Store, ids: Sequence[int], chunk: int = 500):  # type: ignore[no-untyped-def]
    """The stored documents in chunks (an SQL IN list has a length limit)."""
    for i in range(0, len(ids), chunk):
        yield from store.iter_documents(ids=list(ids[i:i + chunk]))


def build_record(store: Store, document_ids: Sequence[int], *, fuse: bool = True, progress: bool = False,
                 console: Console | None = None) -> RecordBuild:
    """Extract the new documents, then re-fuse the whole store (events, ledger, control)."""
    build = extract_documents(store, document_ids, progress=progress, console=console)
    if fuse:
        from marsad.fuse import fuse_store

        build.fusion = fuse_store(store).summary()
    return build
