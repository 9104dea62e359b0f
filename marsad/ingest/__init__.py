"""Ingest: bytes → documents (encodings, HTML, feeds, JSON/JSONL), raw bytes stored
before anything else, bad inputs quarantined with a reason. Entry point: ``ingest_paths``."""

from marsad.ingest.pipeline import (
    EXIT_OK,
    EXIT_QUARANTINED,
    MAX_FILE_BYTES,
    IngestSummary,
    Quarantined,
    ingest_paths,
)

__all__ = ["ingest_paths", "IngestSummary", "Quarantined", "MAX_FILE_BYTES", "EXIT_OK", "EXIT_QUARANTINED"]
