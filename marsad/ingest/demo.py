"""``marsad demo``: the bundled sample reports, through every stage that exists, into a store.

The demo is a list of steps (``DEMO_STEPS``). Each step takes the shared
:class:`DemoRun`, does one stage's work, and adds lines to the summary. Later stages
append their step (extract claims for ``run.new_document_ids``, fuse, serve) — the
function that runs them stays the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from marsad.ingest.formats import FORMAT_OF_SUFFIX
from marsad.ingest.pipeline import IngestSummary, ingest_paths
from marsad.store import Store

__all__ = ["SAMPLES_DIR", "DemoRun", "DemoStep", "DEMO_STEPS", "run_demo", "sample_paths"]

SAMPLES_DIR = Path(__file__).with_name("samples")


@dataclass
class DemoRun:
    store: Store
    console: Console
    serve: bool = True
    ingest: IngestSummary | None = None
    new_document_ids: list[int] = field(default_factory=list)
    summary: list[tuple[str, str]] = field(default_factory=list)  # (step, what it did)


DemoStep = Callable[[DemoRun], None]


def sample_paths() -> list[Path]:
    """The sample reports (SOURCE.md and other notes beside them are not inputs)."""
    return sorted(p for p in SAMPLES_DIR.iterdir() if p.suffix.lower() in FORMAT_OF_SUFFIX)


def ingest_step(run: DemoRun) -> None:
    summary = ingest_paths(run.store, sample_paths(), progress=False)
    run.ingest = summary
    run.new_document_ids = summary.new_document_ids
    run.summary.append(
        (
            "ingest",
            f"{summary.files} sample files → {summary.ingested} new documents, "
            f"{summary.duplicates} already stored, {len(summary.quarantined)} quarantined",
        )
    )


def documents_step(run: DemoRun) -> None:
    # Plain lines, not a rich Table: rich mis-measures Arabic with diacritics and
    # collapses the columns.
    run.console.print("[bold]documents in the store[/]  (# · lang · published · key · outlet · title)")
    for stored in run.store.iter_documents():
        doc = stored.document
        published = doc.published.isoformat() if doc.published else "—"
        title = (doc.title or doc.text.split("\n", 1)[0])[:50]
        run.console.print(
            f"{stored.id:>3}  {doc.lang or '?':5} {published:10}  {stored.key[:12]:12}  {(doc.outlet or '—')[:20]}  ·  {title}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


def record_step(run: DemoRun) -> None:
    """Claims of the new documents, then fusion of the whole store."""
    from marsad.record import build_record

    build = build_record(run.store, run.new_document_ids)
    run.summary.extend(build.lines())


def events_step(run: DemoRun) -> None:
    """The fused events, one line each, as the dashboard will show them."""
    from marsad.fuse import persist

    events = persist.events_json(run.store)
    run.console.print(f"[bold]events in the record[/] ({len(events)}: date · type · place · fatalities · grade · sources)")
    for e in events:
        when = e.get("date") or "—"
        day = f"{when['from']}/{when['to']}" if isinstance(when, dict) else when
        place = (e.get("place") or {}).get("name") or "—"
        best = (e.get("fatalities") or {}).get("best")
        run.console.print(
            f"  {day:10}  {e.get('sub_type') or e.get('event_type') or 'casualties only'}  ·  {place}  ·  "
            f"{best if best is not None else '—'}  ·  {e.get('grade')}  ·  {', '.join(e.get('sources') or [])}",
            markup=False, highlight=False, soft_wrap=True,
        )


DEMO_STEPS: list[tuple[str, DemoStep]] = [
    ("ingest", ingest_step),
    ("documents", documents_step),
    ("record", record_step),
    ("events", events_step),
]


def run_demo(
    store: Store, *, console: Console | None = None, serve: bool = True, steps: list[tuple[str, DemoStep]] | None = None
) -> DemoRun:
    """Run the demo steps in order on ``store`` and print the summary."""
    run = DemoRun(store=store, console=console or Console(), serve=serve)
    for _name, step in steps if steps is not None else DEMO_STEPS:
        step(run)
    table = Table("step", "result", title=f"marsad demo · {store.url}")
    for name, line in run.summary:
        table.add_row(name, line)
    run.console.print(table)
    if serve:
        run.console.print(f"opening the dashboard over {store.url}")
    return run
