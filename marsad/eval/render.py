"""The scorer's report as rich tables (the ``marsad eval`` screen)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from marsad.eval.report import FIELDS, KINDS, Counts, Report

__all__ = ["render_report", "describe_fact"]


def _row(name: str, c: Counts) -> list[str]:
    return [name, str(c.tp), str(c.fp), str(c.fn), f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"]


def _counts_table(title: str, rows: list[tuple[str, Counts]]) -> Table:
    table = Table(title=title)
    for col in ("", "tp", "fp", "fn", "P", "R", "F1"):
        table.add_column(col, justify="left" if not col else "right")
    for name, counts in rows:
        table.add_row(*_row(name, counts))
    return table


def _date(value: Any) -> str:
    if isinstance(value, dict):
        return f"{value.get('from')}…{value.get('to')}"
    return str(value) if value else "-"


def describe_fact(f: dict[str, Any]) -> str:
    """One line a developer can read: key fields, source, date, place."""
    place = (f.get("place") or {}).get("name") or "-"
    where = f"src={f.get('source') or '-'} {_date(f.get('date'))} @{place}"
    if f["kind"] == "casualties":
        fig = f.get("count")
        if fig is None:
            fig = f"[{f.get('low')}, {f.get('high')}]"
        total = "total" if f.get("cumulative") else "incident"
        return f"casualties {f.get('outcome')} {fig} {f.get('party')} {total} actor={f.get('actor') or '-'} {where}"
    if f["kind"] == "control":
        return f"control {f.get('change')} {f.get('extent')} actor={f.get('actor') or '-'} {where}"
    return f"event {f.get('sub_type')} actor1={f.get('actor1') or '-'} {where}"


def render_report(report: Report, console: Console, *, verbose: bool = False) -> None:
    """P/R/F1 per kind, field shares, per group, then per-document misses and spurious facts."""
    console.print(
        _counts_table("Facts matched to gold", [(k, report.kinds[k]) for k in KINDS] + [("overall", report.overall)])
    )
    shares = Table(title="Over matched pairs: share with the right field")
    shares.add_column("")
    for name in FIELDS:
        shares.add_column(name, justify="right")
    for kind in (*KINDS, "overall"):
        fs = report.fields[kind]
        cells = [f"{fs.share(n):.3f} ({fs.right[n]}/{fs.total[n]})" if fs.total[n] else "-" for n in FIELDS]
        shares.add_row(kind, *cells)
    console.print(shares)
    console.print(
        _counts_table("Per source group (overall)", [(g, by["overall"]) for g, by in report.groups.items()])
    )
    for doc in report.docs:
        wrong = [p for p in doc.matched if not all(p.fields.values())]
        if not doc.missed and not doc.spurious and not wrong:
            continue
        console.print(
            f"[bold]{doc.doc_id}[/bold]: {len(doc.missed)} missed, {len(doc.spurious)} spurious, "
            f"{len(wrong)} matched with a wrong field",
            highlight=False,
        )
        if not verbose:
            continue
        for fact in doc.missed:
            console.print(f"  [red]missed[/red]   {describe_fact(fact)}", highlight=False, markup=True)
            console.print(f"           «{fact.get('evidence', '')}»", highlight=False, markup=False)
        for fact in doc.spurious:
            console.print(f"  [yellow]spurious[/yellow] {describe_fact(fact)}", highlight=False)
            console.print(f"           «{fact.get('evidence', '')}»", highlight=False, markup=False)
        for pair in wrong:
            bad = ", ".join(n for n, ok in pair.fields.items() if not ok)
            console.print(f"  [cyan]wrong {bad}[/cyan]", highlight=False)
            console.print(f"           gold: {describe_fact(pair.gold)}", highlight=False, markup=False)
            console.print(f"           pred: {describe_fact(pair.pred)}", highlight=False, markup=False)
    if not verbose and any(d.missed or d.spurious for d in report.docs):
        console.print("(--verbose lists each missed and spurious fact with its evidence, and each wrong field)")
    if report.unscored_pred_docs:
        console.print(f"predictions for {len(report.unscored_pred_docs)} document(s) not in the gold were ignored")
