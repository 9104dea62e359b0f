"""The append-only audit log: every write and every read of a real identity (who, what, when).

Rows are only ever inserted; the database refuses UPDATE and DELETE on ``audit_log``
(triggers from migration 0003, on SQLite and PostgreSQL). ``detail`` carries ids and
counts — never an identity, a contact or a report's text.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from marsad.store.schema import audit_log

__all__ = ["Caller", "cli_caller", "record", "read_audit", "AuditEntry", "allowed"]


@dataclass(frozen=True, slots=True)
class Caller:
    """Who acts: ``who`` is ``key:<id>`` for an API key or ``cli:<user>`` on the command line."""

    who: str
    role: str | None
    key_id: int | None = None

    @classmethod
    def from_key(cls, key_id: int | None, role: str | None) -> "Caller":
        return cls(f"key:{key_id}" if key_id is not None else "anonymous", role, key_id)


def cli_caller(role: str = "admin") -> Caller:
    """The operator at the command line, who already holds the database itself."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return Caller(f"cli:{user}"[:60], role)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: dt.datetime
    who: str
    role: str | None
    action: str
    target: str | None
    outcome: str
    detail: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at.isoformat(), "who": self.who, "role": self.role,
                "action": self.action, "target": self.target, "outcome": self.outcome, "detail": self.detail}


def record(
    conn: Connection,
    caller: Caller,
    action: str,
    target: str | None = None,
    *,
    outcome: str = "ok",
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one line, inside the caller's transaction (so it commits with the change)."""
    conn.execute(
        insert(audit_log).values(
            at=dt.datetime.now(dt.timezone.utc), who=caller.who[:60], role=caller.role, action=action[:40],
            target=(target or None) and target[:80], outcome=outcome, detail=detail,
        )
    )


def read_audit(
    engine: Engine, *, action: str | None = None, target: str | None = None, limit: int = 200, after: int = 0
) -> Iterator[AuditEntry]:
    """Lines in the order written, optionally one action (prefix, e.g. ``identity``) or target."""
    query = select(audit_log).where(audit_log.c.id > after).order_by(audit_log.c.id).limit(limit)
    if action:
        query = query.where(audit_log.c.action.startswith(action))
    if target:
        query = query.where(audit_log.c.target == target)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    for r in rows:
        at = r.at if r.at.tzinfo else r.at.replace(tzinfo=dt.timezone.utc)
        yield AuditEntry(r.id, at, r.who, r.role, r.action, r.target, r.outcome, r.detail)


def allowed(caller: Caller, permission: str) -> bool:
    """Whether the caller's role grants ``permission`` (one table: ``marsad.api.auth.ROLES``)."""
    from marsad.api.auth import ROLES

    return caller.role is not None and permission in ROLES.get(caller.role, frozenset())
