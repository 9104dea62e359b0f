"""Listing API keys and finding one by id or prefix (for ``marsad keys list`` and source
assignment). Keys themselves are never stored; only their prefix and a hash."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from marsad.errors import NotFoundError
from marsad.store.schema import api_keys

__all__ = ["list_keys", "key_id_of"]


def list_keys(engine: Engine, *, include_revoked: bool = False) -> list[dict[str, Any]]:
    """Every key's id, prefix, role, label and dates — never the key or its hash."""
    query = select(api_keys.c.id, api_keys.c.prefix, api_keys.c.role, api_keys.c.label, api_keys.c.created_at,
                   api_keys.c.revoked_at).order_by(api_keys.c.id)
    if not include_revoked:
        query = query.where(api_keys.c.revoked_at.is_(None))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [{"id": r.id, "prefix": r.prefix, "role": r.role, "label": r.label,
             "created_at": r.created_at.isoformat() if r.created_at else None,
             "revoked_at": r.revoked_at.isoformat() if r.revoked_at else None} for r in rows]


def key_id_of(engine: Engine, ref: str) -> int:
    """A live key's row id from its id (digits), the key, or its first 12 characters."""
    ref = ref.strip()
    query = select(api_keys.c.id).where(api_keys.c.revoked_at.is_(None))
    query = query.where(api_keys.c.id == int(ref)) if ref.isdigit() else query.where(api_keys.c.prefix == ref[:12])
    with engine.connect() as conn:
        found = conn.execute(query).scalars().all()
    if len(found) != 1:
        raise NotFoundError(f"no single live API key matches {ref[:12]!r}; see `marsad keys list`")
    return found[0]
