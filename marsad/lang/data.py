"""One cached loader for the language data files (``marsad/lang/<lang>/data/*.yaml``)."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

__all__ = ["load"]


@functools.cache
def load(lang: str, name: str) -> Any:
    """Parsed content of ``marsad/lang/<lang>/data/<name>.yaml`` (read once per process)."""
    path = resources.files("marsad.lang").joinpath(lang, "data", f"{name}.yaml")
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
