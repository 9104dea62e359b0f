"""Fusion: documents → duplicate groups; claims → events; casualty ledger; control
timeline; confidence grades; every merge logged and undoable.

Pure functions on ``marsad.model`` types live in ``dedupe``, ``events``, ``grades``,
``ledger``, ``control`` and ``run``; ``persist`` wires them to the store.
Imported lazily, so ``import marsad.fuse`` loads nothing heavy.
"""

from __future__ import annotations

from typing import Any

__all__ = ["fuse", "fuse_store", "load_fusion"]


def fuse_store(store: Any, **kwargs: Any) -> Any:
    """Re-fuse the whole store (called by ``marsad fuse`` and after every ingest)."""
    from marsad.fuse.persist import fuse_store as run

    return run(store, **kwargs)


def load_fusion(store: Any) -> Any:
    from marsad.fuse.persist import load_fusion as run

    return run(store)


def fuse(*args: Any, **kwargs: Any) -> Any:
    """The pure pipeline: ``fuse(documents, claim_records)`` → ``Fusion``."""
    from marsad.fuse.run import fuse as run

    return run(*args, **kwargs)
