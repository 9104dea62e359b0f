"""Files and folders → stored documents, losing nothing.

For every file: read the bytes (refusing, without reading, anything above the size
limit), store them as they are, then parse. Each document found gets its language and
content hash and is stored unless the same text is already there. Whatever cannot be
used — the whole file or one record in it — goes to quarantine with a reason, and the
run goes on with the next input. Nothing here raises for a bad input.

``ingest_paths`` is the one entry point (CLI, demo, API); it returns the ids of the new
documents so that later steps (extraction, fusion) can run on exactly those.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from marsad.errors import InputError
from marsad.ingest.decode import Unreadable
from marsad.ingest.formats import FORMAT_OF_SUFFIX, PARSERS, Parsed, Rejected
from marsad.ingest.text import content_hash, detect_lang
from marsad.store import KeyConflict, Store

__all__ = [
    "ingest_paths",
    "ingest_file",
    "collect_files",
    "IngestSummary",
    "Quarantined",
    "MAX_FILE_BYTES",
    "EXIT_OK",
    "EXIT_QUARANTINED",
]

MAX_FILE_BYTES = 50 * 1024 * 1024
EXIT_OK = 0
EXIT_QUARANTINED = 3  # the run finished, but some inputs were set aside (see the summary)
_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Quarantined:
    origin: str
    locator: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.origin} ({self.locator})" if self.locator else self.origin
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class IngestSummary:
    """What one run did. ``new_document_ids`` are the rows it created, in order."""

    files: int = 0
    ingested: int = 0
    duplicates: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in folders of a type marsad does not read
    new_document_ids: list[int] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return EXIT_QUARANTINED if self.quarantined else EXIT_OK


def collect_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[Path]]:
    """Files to ingest (named files as given, folders walked recursively, sorted) and the
    files skipped in folders for an unknown suffix. Hidden files and folders are ignored.

    Raises ``InputError`` before anything is read when a named path does not exist.
    """
    files: list[Path] = []
    skipped: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates = list(_walk(path))
        elif path.exists():
            candidates = [path]
        else:
            raise InputError(f"{path}: no such file or folder; check the path")
        for candidate in candidates:
            key = candidate.resolve()
            if key in seen:
                continue
            seen.add(key)
            if path.is_dir() and candidate.suffix.lower() not in FORMAT_OF_SUFFIX:
                skipped.append(candidate)
            else:
                files.append(candidate)
    return files, skipped


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(root, name)


def ingest_paths(
    store: Store,
    paths: Iterable[Path | str],
    *,
    progress: bool = True,
    max_bytes: int = MAX_FILE_BYTES,
    console: Console | None = None,
) -> IngestSummary:
    """Ingest files and folders into ``store``; see the module docstring for the rules."""
    given = [Path(p) for p in paths]
    files, skipped = collect_files(given)
    summary = IngestSummary(skipped=[str(p) for p in skipped])
    show = progress and (len(files) > 1 or any(p.is_dir() for p in given))
    with _progress(show, len(files), console) as advance:
        for path in files:
            ingest_file(store, path, summary, max_bytes=max_bytes)
            advance(path)
    return summary


@contextmanager
def _progress(show: bool, total: int, console: Console | None) -> Iterator[Callable[[Path], None]]:
    if not show:
        yield lambda _path: None
        return
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=console or Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=total)

        def advance(path: Path) -> None:
            bar.update(task, advance=1, description=path.name[-40:])

        yield advance


def ingest_file(store: Store, path: Path, summary: IngestSummary, *, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Ingest one file, adding what happened to ``summary``."""
    origin = str(path)
    summary.files += 1
    fmt = FORMAT_OF_SUFFIX.get(path.suffix.lower())
    try:
        data = _read(path, max_bytes)
    except Unreadable as exc:
        _quarantine(store, summary, str(exc), origin=origin)
        return
    raw = store.add_raw(data, origin=origin, media_type=fmt)  # committed before any parsing
    try:
        if fmt is None:
            raise Unreadable(
                f"unknown file type {path.suffix or '(no suffix)'!r}; marsad reads "
                + ", ".join(sorted(FORMAT_OF_SUFFIX))
            )
        parsed = PARSERS[fmt](data)
    except Unreadable as exc:
        reason = str(exc)
    except Exception as exc:  # noqa: BLE001 — a parser bug must not stop the run or lose the input
        reason = f"the {fmt} parser failed ({type(exc).__name__}: {exc}); please report it"
    else:
        _store_items(store, summary, parsed, raw_id=raw.id, origin=origin, media_type=fmt)
        return
    with store.transaction():
        _quarantine(store, summary, reason, origin=origin, raw_id=raw.id)
        store.set_raw_status(raw.id, "quarantined")


def _read(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise Unreadable(_too_big(size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except FileNotFoundError:
        raise Unreadable("the file vanished before it could be read") from None
    except IsADirectoryError:
        raise Unreadable("a folder appeared where a file was listed") from None
    except OSError as exc:
        raise Unreadable(f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise Unreadable(_too_big(len(data), max_bytes))
    return data


def _too_big(size: int, limit: int) -> str:
    return (
        f"the file is {size / _MB:,.0f} MB, above the {limit / _MB:,.0f} MB limit for one input; "
        "split it (JSONL splits at any line) or raise the limit with --max-mb"
    )


def _store_items(
    store: Store, summary: IngestSummary, parsed: Parsed, *, raw_id: int, origin: str, media_type: str
) -> None:
    stored = False
    with store.transaction():
        for item in parsed.items:
            if isinstance(item, Rejected):
                _quarantine(store, summary, item.reason, origin=origin, raw_id=raw_id, locator=item.locator)
                continue
            doc = item.document
            doc.lang = doc.lang or detect_lang(doc.text)
            doc.content_hash = content_hash(doc.text)
            try:
                doc_id, created = store.add_document(
                    doc, raw_id=raw_id, locator=item.locator, origin=origin, media_type=media_type
                )
            except KeyConflict as exc:
                _quarantine(store, summary, exc.message, origin=origin, raw_id=raw_id, locator=item.locator or "")
                continue
            stored = True
            if created:
                summary.ingested += 1
                summary.new_document_ids.append(doc_id)
            else:
                summary.duplicates += 1
        store.set_raw_status(raw_id, "parsed" if stored else "quarantined", encoding=parsed.encoding)


def _quarantine(
    store: Store, summary: IngestSummary, reason: str, *, origin: str, raw_id: int | None = None, locator: str = ""
) -> None:
    store.add_quarantine(reason, raw_id=raw_id, locator=locator, origin=origin)
    summary.quarantined.append(Quarantined(origin, locator, reason))
