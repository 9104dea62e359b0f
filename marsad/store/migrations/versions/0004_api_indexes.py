"""Indexes for the API's filtered lists, counts and map cells (issue 9).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_events_cover",
        "events",
        ["date_from", "date_to", "event_type", "grade", "actor1", "actor2", "lat", "lon"],
        unique=False,
    )
    op.create_index("ix_events_type_date", "events", ["event_type", "date_from"], unique=False)
    op.create_index("ix_claims_source_kind", "claims", ["source", "kind", "date_from"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_claims_source_kind", table_name="claims")
    op.drop_index("ix_events_type_date", table_name="events")
    op.drop_index("ix_events_cover", table_name="events")
