"""Alembic migrations of the store (see ``marsad.store.migrate`` for how to add one)."""
