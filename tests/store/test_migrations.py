"""Migrations build exactly the tables of schema.py, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from marsad.store import Store, open_store
from marsad.store.migrate import alembic_config, current_revision, head_revision, upgrade
from marsad.store.schema import metadata


def test_migrated_database_matches_schema_py(store: Store) -> None:
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diffs == [], "schema.py and the migrations differ; add a migration (see marsad/store/migrate.py)"


def test_opening_again_is_a_no_op_at_head(db_url: str) -> None:
    with open_store(db_url) as first:
        assert current_revision(first.engine) == head_revision()
    with open_store(db_url) as second:
        assert current_revision(second.engine) == head_revision()


def test_every_migration_downgrades_and_upgrades_again(store: Store) -> None:
    cfg = alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert set(inspect(store.engine).get_table_names()) <= {"alembic_version"}
    upgrade(store.engine)
    assert set(metadata.tables) <= set(inspect(store.engine).get_table_names())
