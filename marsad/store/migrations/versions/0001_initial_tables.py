"""Initial tables: raw inputs, documents, quarantine, claims, places, place names, API keys.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('api_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key_hash')
    )
    op.create_index('ix_api_keys_prefix', 'api_keys', ['prefix'], unique=False)

    op.create_table('places',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=True),
    sa.Column('name_ar', sa.String(length=200), nullable=True),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.String(length=40), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('geonameid', sa.Integer(), nullable=True),
    sa.Column('pcode', sa.String(length=20), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.Column('licence', sa.String(length=100), nullable=True),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_places_geonameid', 'places', ['geonameid'], unique=False)
    op.create_index('ix_places_parent_id', 'places', ['parent_id'], unique=False)
    op.create_index('ix_places_pcode', 'places', ['pcode'], unique=False)

    op.create_table('raw_inputs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('media_type', sa.String(length=40), nullable=True),
    sa.Column('encoding', sa.String(length=40), nullable=True),
    sa.Column('status', sa.String(length=20), server_default='stored', nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sha256')
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_key', sa.String(length=200), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('raw_id', sa.Integer(), nullable=True),
    sa.Column('locator', sa.String(length=40), nullable=True),
    sa.Column('encoding', sa.String(length=40), nullable=True),
    sa.Column('media_type', sa.String(length=40), nullable=True),
    sa.Column('lang', sa.String(length=8), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('outlet', sa.String(length=200), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), server_default='parsed', nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=True),
    sa.ForeignKeyConstraint(['raw_id'], ['raw_inputs.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('content_hash'),
    sa.UniqueConstraint('doc_key')
    )
    op.create_index('ix_documents_raw_id', 'documents', ['raw_id'], unique=False)

    op.create_table('place_names',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('norm', sa.String(length=200), nullable=False),
    sa.Column('lang', sa.String(length=8), nullable=True),
    sa.Column('is_preferred', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('place_id', 'norm', name='uq_place_names_place_norm')
    )
    op.create_index('ix_place_names_norm', 'place_names', ['norm'], unique=False)
    op.create_index('ix_place_names_place_id', 'place_names', ['place_id'], unique=False)

    op.create_table('quarantine',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('raw_id', sa.Integer(), nullable=True),
    sa.Column('locator', sa.String(length=40), server_default='', nullable=False),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=True),
    sa.ForeignKeyConstraint(['raw_id'], ['raw_inputs.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_quarantine_raw_id', 'quarantine', ['raw_id'], unique=False)

    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.Column('date_from', sa.Date(), nullable=True),
    sa.Column('date_to', sa.Date(), nullable=True),
    sa.Column('place_name', sa.String(length=200), nullable=True),
    sa.Column('place_id', sa.String(length=40), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.Column('evidence', sa.Text(), server_default='', nullable=False),
    sa.Column('fact', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), server_default='active', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_claims_document_id', 'claims', ['document_id'], unique=False)
    op.create_index('ix_claims_kind_date', 'claims', ['kind', 'date_from'], unique=False)



def downgrade() -> None:
    op.drop_index('ix_claims_kind_date', table_name='claims')
    op.drop_index('ix_claims_document_id', table_name='claims')

    op.drop_table('claims')
    op.drop_index('ix_quarantine_raw_id', table_name='quarantine')

    op.drop_table('quarantine')
    op.drop_index('ix_place_names_place_id', table_name='place_names')
    op.drop_index('ix_place_names_norm', table_name='place_names')

    op.drop_table('place_names')
    op.drop_index('ix_documents_raw_id', table_name='documents')

    op.drop_table('documents')
    op.drop_table('raw_inputs')
    op.drop_index('ix_places_pcode', table_name='places')
    op.drop_index('ix_places_parent_id', table_name='places')
    op.drop_index('ix_places_geonameid', table_name='places')

    op.drop_table('places')
    op.drop_index('ix_api_keys_prefix', table_name='api_keys')

    op.drop_table('api_keys')
