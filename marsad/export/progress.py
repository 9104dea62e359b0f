"""A rich progress bar on stderr for long exports (updated every few thousand rows)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

__all__ = ["rich_track"]

T = TypeVar("T")
_STEP = 2_000


def rich_track(items: Iterable[T], total: int | None, label: str) -> Iterator[T]:
    """Yield ``items`` while a bar on stderr counts them (a spinner-like count when ``total`` is unknown)."""
    console = Console(stderr=True)
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    if total:
        columns.append(TimeRemainingColumn())
    with Progress(*columns, console=console, transient=False, disable=not console.is_terminal and total is None) as bar:
        task = bar.add_task(label, total=total)
        n = 0
        for item in items:
            yield item
            n += 1
            if n % _STEP == 0:
                bar.update(task, completed=n)
        bar.update(task, completed=n, total=total if total is not None else n)
