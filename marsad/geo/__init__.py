"""Gazetteer (GeoNames + OCHA admin names, Arabic and English) and geoparser.

``geoparse(analysis)`` finds toponyms and resolves them to places with an ACLED-style
precision code; ``resolve(name)`` ranks gazetteer candidates for a name;
``import_paths(paths, db_url)`` loads OCHA COD and OpenSyria tables into the store.
Nothing is loaded at import time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Gazetteer", "Candidate", "Entry", "geoparse", "add_places", "resolve", "import_paths"]

if TYPE_CHECKING:
    from marsad.geo.entry import Candidate, Entry
    from marsad.geo.gazetteer import Gazetteer, resolve
    from marsad.geo.importer import import_paths
    from marsad.geo.parser import add_places, geoparse

_HOMES = {"Gazetteer": "marsad.geo.gazetteer", "resolve": "marsad.geo.gazetteer",
          "Candidate": "marsad.geo.entry", "Entry": "marsad.geo.entry",
          "geoparse": "marsad.geo.parser", "add_places": "marsad.geo.parser",
          "import_paths": "marsad.geo.importer"}


def __getattr__(name: str) -> Any:
    """Import lazily so ``import marsad.geo`` stays cheap."""
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(name)
