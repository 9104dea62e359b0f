"""The registry of field sources: pseudonymous ids in the clear, identities only encrypted.

A source's public id (``SRC-`` and 12 random hex digits) is drawn from ``secrets``, never
derived from a name or a phone number, so it can go on every claim, export and page.
The identity and contact are Fernet ciphertext; only the handler whose API key the source
is assigned to may read them, and every such read — and every refusal — is audited.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Connection, Engine, func, insert, select, update

from marsad.errors import AccessDenied, ConfigError, InputError, NotFoundError
from marsad.sources.audit import Caller, allowed, record
from marsad.sources.crypto import vault
from marsad.store.schema import api_keys, reports, sources

__all__ = [
    "SourceInfo",
    "Identity",
    "add_source",
    "list_sources",
    "get_source",
    "reveal_identity",
    "assign_handler",
    "check_secret",
    "new_public_id",
    "admiralty",
]

_DATA = Path(__file__).with_name("data")
_MAX_IDENTITY = 500


@cache
def admiralty() -> dict[str, dict[str, str]]:
    """The Admiralty grades and their meanings (data/admiralty.yaml)."""
    data = yaml.safe_load((_DATA / "admiralty.yaml").read_text(encoding="utf-8"))
    return {part: {str(k): v for k, v in table.items()} for part, table in data.items()}


def _reliability() -> tuple[str, ...]:
    return tuple(admiralty()["reliability"])


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What anyone allowed to see sources may see: no identity, no contact."""

    id: int
    public_id: str
    area: str | None
    reliability: str
    status: str
    handler_key_id: int | None
    reports: int
    created_at: dt.datetime | None

    def to_json(self, *, for_key: int | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.public_id,
            "area": self.area,
            "reliability": self.reliability,
            "reliability_meaning": admiralty()["reliability"].get(self.reliability),
            "status": self.status,
            "reports": self.reports,
        }
        if for_key is not None:
            out["assigned_to_you"] = self.handler_key_id == for_key
        return out


@dataclass(frozen=True, slots=True)
class Identity:
    """A source's real identity and contact; never logged, never in another role's response."""

    public_id: str
    identity: str
    contact: str | None

    def __repr__(self) -> str:  # keep identities out of tracebacks and logs
        return f"Identity({self.public_id}, <hidden>)"


def new_public_id() -> str:
    return "SRC-" + secrets.token_hex(6).upper()


def check_secret(engine: Engine) -> None:
    """At start: once sources exist, MARSAD_SECRET_KEY must be set and must be their key."""
    with engine.connect() as conn:
        row = conn.execute(select(sources.c.identity_enc).order_by(sources.c.id).limit(1)).first()
    if row is None:
        return
    try:
        v = vault()
    except ConfigError as exc:
        raise ConfigError(f"this store holds field sources, but {exc.message}") from None
    v.decrypt(row.identity_enc)


def _clean(value: str | None, what: str, limit: int) -> str | None:
    if value is None:
        return None
    text = value.strip()
    if len(text) > limit:
        raise InputError(f"{what} is {len(text)} characters; at most {limit} are kept")
    return text or None


def _live_handler_key(conn: Connection, key_id: int) -> None:
    row = conn.execute(select(api_keys.c.role, api_keys.c.revoked_at).where(api_keys.c.id == key_id)).first()
    if row is None or row.revoked_at is not None:
        raise NotFoundError(f"no live API key with id {key_id}; list keys with `marsad keys list`")
    if row.role != "handler":
        raise InputError(f"key {key_id} has role {row.role!r}; sources are assigned to keys with role 'handler'")


def add_source(
    engine: Engine,
    caller: Caller,
    identity: str,
    *,
    contact: str | None = None,
    area: str | None = None,
    reliability: str = "F",
    handler_key_id: int | None = None,
) -> str:
    """Register a source and return its pseudonymous id.

    A handler registers sources for themself; an admin (or the operator at the CLI) may
    assign one to any live handler key. Needs MARSAD_SECRET_KEY.
    """
    name = _clean(identity, "identity", _MAX_IDENTITY)
    if not name:
        raise InputError("identity is empty; give the source's real name (it is stored encrypted)")
    contact = _clean(contact, "contact", _MAX_IDENTITY)
    area = _clean(area, "area", 500)
    grade = (reliability or "").strip().upper()
    if grade not in _reliability():
        raise InputError(f"reliability {reliability!r} is not an Admiralty grade; use one of {', '.join(_reliability())}")
    if caller.role == "handler":
        if handler_key_id not in (None, caller.key_id):
            raise AccessDenied("a handler registers sources for themself; an admin assigns them to other handlers")
        handler_key_id = caller.key_id
    elif not allowed(caller, "sources"):
        raise AccessDenied(f"role {caller.role!r} may not register sources; handlers and admins may")
    v = vault()
    public_id = new_public_id()
    with engine.begin() as conn:
        if handler_key_id is not None:
            _live_handler_key(conn, handler_key_id)
        conn.execute(
            insert(sources).values(
                public_id=public_id,
                identity_enc=v.encrypt(name),
                contact_enc=v.encrypt(contact) if contact else None,
                area=area,
                reliability=grade,
                handler_key_id=handler_key_id,
            )
        )
        record(conn, caller, "source.create", public_id,
               detail={"reliability": grade, "handler_key_id": handler_key_id})
    return public_id


def _info(row: Any, count: int) -> SourceInfo:
    return SourceInfo(row.id, row.public_id, row.area, row.reliability, row.status, row.handler_key_id, count,
                      row.created_at)


def _count_reports(conn: Connection) -> dict[int, int]:
    q = select(reports.c.source_id, func.count()).group_by(reports.c.source_id)
    return {sid: n for sid, n in conn.execute(q).all()}


_INFO_COLUMNS = (sources.c.id, sources.c.public_id, sources.c.area, sources.c.reliability, sources.c.status,
                 sources.c.handler_key_id, sources.c.created_at)


def list_sources(engine: Engine) -> list[SourceInfo]:
    """Every source, pseudonymous fields only, in registration order."""
    with engine.connect() as conn:
        counts = _count_reports(conn)
        rows = conn.execute(select(*_INFO_COLUMNS).order_by(sources.c.id)).all()
    return [_info(r, counts.get(r.id, 0)) for r in rows]


def get_source(engine: Engine | Connection, public_id: str) -> SourceInfo:
    """One source by public id; ``NotFoundError`` (saying how to list them) otherwise."""
    ref = (public_id or "").strip().upper()
    query = select(*_INFO_COLUMNS).where(sources.c.public_id == ref)

    def _run(conn: Connection) -> SourceInfo:
        row = conn.execute(query).first()
        if row is None:
            shown = ref if len(ref) <= 40 else ref[:40] + "…"
            raise NotFoundError(f"no source {shown!r}; list sources with `marsad sources list` or GET /api/sources")
        n = conn.execute(select(func.count()).select_from(reports).where(reports.c.source_id == row.id)).scalar_one()
        return _info(row, n)

    if isinstance(engine, Connection):
        return _run(engine)
    with engine.connect() as conn:
        return _run(conn)


def _deny(engine: Engine, caller: Caller, action: str, target: str, why: str) -> AccessDenied:
    with engine.begin() as conn:
        record(conn, caller, action, target, outcome="denied")
    return AccessDenied(why)


def reveal_identity(engine: Engine, caller: Caller, public_id: str) -> Identity:
    """The real identity of a source, for the handler it is assigned to only; audited either way."""
    info = get_source(engine, public_id)
    if caller.role != "handler" or caller.key_id is None or info.handler_key_id != caller.key_id:
        raise _deny(engine, caller, "identity.read", info.public_id,
                    f"only the handler assigned to {info.public_id} may read its identity")
    v = vault()
    with engine.begin() as conn:
        row = conn.execute(
            select(sources.c.identity_enc, sources.c.contact_enc).where(sources.c.id == info.id)
        ).one()
        found = Identity(info.public_id, v.decrypt(row.identity_enc),
                         v.decrypt(row.contact_enc) if row.contact_enc is not None else None)
        record(conn, caller, "identity.read", info.public_id)
    return found


def assign_handler(engine: Engine, caller: Caller, public_id: str, handler_key_id: int) -> None:
    """Hand a source to another handler's key (admin only); audited."""
    info = get_source(engine, public_id)
    if caller.role != "admin":
        raise _deny(engine, caller, "source.assign", info.public_id, "only an admin assigns sources to handlers")
    with engine.begin() as conn:
        _live_handler_key(conn, handler_key_id)
        conn.execute(update(sources).where(sources.c.id == info.id).values(handler_key_id=handler_key_id))
        record(conn, caller, "source.assign", info.public_id,
               detail={"from": info.handler_key_id, "to": handler_key_id})

