"""Corrections: an analyst marks a claim wrong (or right again) or retracts a report.

Nothing is deleted: the claim keeps its text, evidence and fact; only its status
changes, and a ``corrections`` row keeps who, why and the status before. Fusion is
re-run so events, ledger and control leave out what was withdrawn.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, insert, select, update

from marsad.errors import AccessDenied, ConflictError, InputError, NotFoundError
from marsad.sources.audit import Caller, allowed, record
from marsad.store import Store
from marsad.store.schema import claims, corrections, reports

__all__ = ["mark_claim", "retract_report", "history", "CLAIM_ACTIONS"]

CLAIM_ACTIONS = {"wrong": "wrong", "restore": "active"}  # action -> claim status


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise InputError("a correction needs a reason (why the claim or report is withdrawn)")
    if len(text) > 2000:
        raise InputError(f"the reason is {len(text)} characters; at most 2000")
    return text


def _may_correct(engine: Engine, caller: Caller, action: str, target: str) -> None:
    if not allowed(caller, "correct"):
        with engine.begin() as conn:
            record(conn, caller, action, target, outcome="denied")
        raise AccessDenied(f"role {caller.role!r} may not correct the record; analysts and admins may")


def mark_claim(engine: Engine, caller: Caller, claim_id: int, action: str, reason: str) -> dict[str, Any]:
    """Mark claim ``claim_id`` ``wrong`` (or ``restore`` it); recorded, audited, re-fused."""
    from marsad.ingest.reports import rerun_fusion

    if action not in CLAIM_ACTIONS:
        raise InputError(f"unknown action {action!r}; use {' or '.join(CLAIM_ACTIONS)}")
    why = _reason(reason)
    _may_correct(engine, caller, f"claim.{action}", f"claim:{claim_id}")
    status = CLAIM_ACTIONS[action]
    with engine.begin() as conn:
        before = conn.execute(select(claims.c.status).where(claims.c.id == claim_id)).scalar_one_or_none()
        if before is None:
            raise NotFoundError(f"no claim with id {claim_id}")
        if before == status:
            raise ConflictError(f"claim {claim_id} is already {status}")
        conn.execute(update(claims).where(claims.c.id == claim_id).values(status=status))
        conn.execute(insert(corrections).values(target="claim", target_id=claim_id, action=action, before=before,
                                                reason=why, who=caller.who))
        record(conn, caller, f"claim.{action}", f"claim:{claim_id}", detail={"before": before, "after": status})
    fused = rerun_fusion(Store(engine))
    return {"claim": claim_id, "status": status, "before": before, "fused": fused}


def retract_report(engine: Engine, caller: Caller, public_id: str, reason: str) -> dict[str, Any]:
    """Retract a field report: it and its active claims become ``retracted``; re-fused."""
    from marsad.ingest.reports import rerun_fusion

    ref = (public_id or "").strip().upper()[:40]
    why = _reason(reason)
    _may_correct(engine, caller, "report.retract", ref)
    with engine.begin() as conn:
        row = conn.execute(select(reports.c.id, reports.c.status, reports.c.document_id)
                           .where(reports.c.public_id == ref)).first()
        if row is None:
            raise NotFoundError(f"no report {ref!r}; list reports with GET /api/reports")
        if row.status == "retracted":
            raise ConflictError(f"report {ref} is already retracted")
        active = conn.execute(select(claims.c.id).where(claims.c.document_id == row.document_id,
                                                        claims.c.status == "active")).scalars().all()
        conn.execute(update(reports).where(reports.c.id == row.id).values(status="retracted"))
        conn.execute(insert(corrections).values(target="report", target_id=row.id, action="retract",
                                                before=row.status, reason=why, who=caller.who))
        for claim_id in active:
            conn.execute(update(claims).where(claims.c.id == claim_id).values(status="retracted"))
            conn.execute(insert(corrections).values(target="claim", target_id=claim_id, action="retract",
                                                    before="active", reason=why, who=caller.who))
        record(conn, caller, "report.retract", ref, detail={"claims": len(active)})
    fused = rerun_fusion(Store(engine))
    return {"report": ref, "status": "retracted", "claims_retracted": len(active), "fused": fused}


def history(engine: Engine, target: str, target_id: int) -> list[dict[str, Any]]:
    """Every correction of one claim or report, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(select(corrections).where(corrections.c.target == target,
                                                      corrections.c.target_id == target_id)
                            .order_by(corrections.c.id)).all()
    return [{"action": r.action, "before": r.before, "reason": r.reason, "who": r.who,
             "at": r.created_at.isoformat() if r.created_at else None} for r in rows]
