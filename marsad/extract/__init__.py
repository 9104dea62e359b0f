"""Claim extraction: analysed text → casualty, control and event claims with evidence.

``extract_text(text, lang, published, outlet)`` and ``extract_document(doc)`` are pure
functions of their inputs; rules live in one module per claim kind, lexicons in ``data/``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["extract_text", "extract_document"]

if TYPE_CHECKING:
    from marsad.extract.pipeline import extract_document, extract_text


def __getattr__(name: str) -> Any:
    if name in __all__:
        from marsad.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
