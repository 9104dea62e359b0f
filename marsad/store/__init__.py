"""The store: SQLAlchemy 2 tables (``schema``), Alembic migrations (``migrate``) and the
small query API every stage uses (``db``). SQLite by default, PostgreSQL by URL."""

from marsad.store.db import (
    KeyConflict,
    QuarantineItem,
    RawInput,
    Store,
    StoredClaim,
    StoredDocument,
    make_engine,
    open_store,
)

__all__ = [
    "open_store",
    "make_engine",
    "Store",
    "RawInput",
    "StoredDocument",
    "QuarantineItem",
    "StoredClaim",
    "KeyConflict",
]
