"""API keys with a role; only a SHA-256 of each key is kept.

Reads are open. Writes and document texts need a key sent as ``X-API-Key`` (or
``Authorization: Bearer …``). A key is 32 random bytes, so a plain SHA-256 is
enough at rest (no password stretching needed); ``prefix`` finds the row
without scanning. Roles map to permissions in one table, ``ROLES``, which
issue 10 (field sources) extends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Awaitable, Callable

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool
from sqlalchemy import Engine, insert, select, update

from marsad.api.errors import ApiError
from marsad.errors import InputError
from marsad.store.schema import api_keys

__all__ = ["ROLES", "Principal", "create_key", "revoke_key", "lookup_key", "principal", "caller", "require", "KEY_HEADER"]

KEY_HEADER = "X-API-Key"
_PREFIX = "mk_"

# role -> permissions. read_text: full document texts; ingest: POST documents;
# correct: mark/correct claims; merge: merge/split events; keys: manage keys.
# Field sources (issue 10, marsad/sources): read_reports: field reports with the source's
# pseudonymous id; report: submit field reports; sources: register sources; audit: read
# the audit log. A real identity needs the "handler" role AND the source assigned to the key.
ROLES: dict[str, frozenset[str]] = {
    "reader": frozenset({"read_text"}),
    "ingester": frozenset({"read_text", "ingest"}),
    "editor": frozenset({"read_text", "ingest", "correct", "merge"}),
    "analyst": frozenset({"read_text", "correct", "merge", "read_reports"}),
    "handler": frozenset({"read_text", "read_reports", "report", "sources"}),
    "admin": frozenset({"read_text", "ingest", "correct", "merge", "keys", "read_reports", "report", "sources", "audit"}),
}


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: ``role`` is None for anonymous callers."""

    role: str | None = None
    key_id: int | None = None

    def can(self, permission: str) -> bool:
        return self.role is not None and permission in ROLES.get(self.role, frozenset())


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_key(engine: Engine, role: str, label: str | None = None) -> str:
    """Make a key for ``role`` and return it; it is shown once and never stored (audited)."""
    from marsad.sources.audit import cli_caller, record

    if role not in ROLES:
        raise InputError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    key = _PREFIX + secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(insert(api_keys).values(prefix=key[:12], key_hash=_hash(key), role=role, label=label))
        record(conn, cli_caller(), "key.create", key[:12], detail={"role": role})
    return key


def revoke_key(engine: Engine, prefix: str) -> int:
    """Revoke every live key whose prefix matches; returns how many."""
    with engine.begin() as conn:
        res = conn.execute(
            update(api_keys)
            .where(api_keys.c.prefix == prefix[:12], api_keys.c.revoked_at.is_(None))
            .values(revoked_at=dt.datetime.now(dt.timezone.utc))
        )
        from marsad.sources.audit import cli_caller, record

        record(conn, cli_caller(), "key.revoke", prefix[:12], detail={"revoked": int(res.rowcount or 0)})
    return int(res.rowcount or 0)


def lookup_key(engine: Engine, key: str) -> Principal | None:
    if not key.startswith(_PREFIX) or len(key) > 200:
        return None
    digest = _hash(key)
    with engine.connect() as conn:
        rows = conn.execute(
            select(api_keys.c.id, api_keys.c.key_hash, api_keys.c.role).where(
                api_keys.c.prefix == key[:12], api_keys.c.revoked_at.is_(None)
            )
        ).all()
    for row in rows:
        if hmac.compare_digest(row.key_hash, digest):
            return Principal(role=row.role, key_id=row.id)
    return None


def _key_from(request: Request) -> str | None:
    key = request.headers.get(KEY_HEADER)
    if key:
        return key.strip()
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return None


def principal(request: Request) -> Principal:
    """Anonymous unless a valid key is sent; a key that is sent but wrong is a 401."""
    key = _key_from(request)
    if not key:
        return Principal()
    found = lookup_key(request.app.state.engine, key)
    if found is None:
        raise ApiError(401, "unauthorized", "the API key is unknown or revoked; ask an admin for a key (marsad keys create --role ROLE)")
    return found


async def caller(request: Request) -> Principal:
    """``principal`` as an async dependency: anonymous requests (most reads) cost no
    thread hop; only a sent key is looked up, in the thread pool."""
    if not _key_from(request):
        return Principal()
    return await run_in_threadpool(principal, request)


def require(permission: str) -> Callable[[Principal], Awaitable[Principal]]:
    """Dependency: the caller's role must grant ``permission``."""

    async def _check(who: Principal = Depends(caller)) -> Principal:
        if who.role is None:
            raise ApiError(
                401, "unauthorized", f"this endpoint needs an API key (header {KEY_HEADER}) whose role allows {permission!r}"
            )
        if not who.can(permission):
            raise ApiError(403, "forbidden", f"role {who.role!r} may not {permission}; roles that may: "
                           + ", ".join(r for r, p in ROLES.items() if permission in p))
        return who

    return _check
