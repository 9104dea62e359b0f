"""Language layer shared by every extractor: normalisation, tokens, numbers, dates.

The API the extractors and the geoparser call: ``analyze``, ``normalize``, ``segment``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Eager and light (re, unicodedata): binds the function over the same-named submodule.
from marsad.lang.normalize import normalize

__all__ = ["analyze", "detect_lang", "normalize", "segment", "segment_candidates"]

if TYPE_CHECKING:
    from marsad.lang.ar.clitics import segment, segment_candidates
    from marsad.lang.pipeline import analyze, detect_lang

_HOMES = {"analyze": "marsad.lang.pipeline", "detect_lang": "marsad.lang.pipeline",
          "segment": "marsad.lang.ar.clitics",
          "segment_candidates": "marsad.lang.ar.clitics"}


def __getattr__(name: str) -> Any:
    """Import lazily so ``import marsad.lang`` stays cheap."""
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(name)
