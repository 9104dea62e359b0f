"""Schema migrations, applied programmatically whenever a store is opened.

The tables live in ``marsad/store/schema.py``; the steps that build them live in
``marsad/store/migrations/versions/``, one file per change, applied in order.

How to add a table or a column (later issues do this):

1. Change ``schema.py`` (add the ``Table`` or ``Column``).
2. Write the migration beside the others. Autogenerate a draft against a scratch
   database at the current head, then read and tidy it::

       export MARSAD_DATABASE_URL=sqlite:////tmp/scratch.db
       alembic -c marsad/store/alembic.ini upgrade head
       alembic -c marsad/store/alembic.ini revision --autogenerate -m "add events table"

   Name the file ``NNNN_what.py`` with the next number and set ``revision = "NNNN"`` and
   ``down_revision`` to the previous number. Write plain ``op.create_table``/
   ``op.add_column`` calls (not ``metadata.create_all``): a migration is frozen history.
   SQLite runs migrations in batch mode, so ``op.batch_alter_table`` works on both backends.
3. ``tests/store/test_migrations.py`` checks on SQLite and PostgreSQL that the migrated
   database matches ``schema.py`` exactly; it fails until both agree.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

__all__ = ["MIGRATIONS_DIR", "alembic_config", "head_revision", "current_revision", "upgrade"]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    """An Alembic config pointing at the packaged migrations (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database behind ``engine`` to ``revision`` (all migrations by default)."""
    cfg = alembic_config()
    with engine.begin() as conn:
        if revision == "head" and MigrationContext.configure(conn).get_current_revision() == head_revision():
            return
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
