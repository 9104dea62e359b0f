"""Names an export prints: actor display names and ACLED inter codes, countries, labels.

Actors come from the extractor's lexicon (``marsad/extract/data/actors.yaml``),
else from the evaluation's ``shared/eval/actors.yaml`` (same shape). Loaded once.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from marsad.model import Actor

__all__ = ["actors", "actor_name", "actor_inter", "Country", "countries", "country", "label", "labels", "ACTOR_FILES"]

_DATA = Path(__file__).resolve().parent / "data"
_PACKAGE = Path(__file__).resolve().parent.parent
ACTOR_FILES = (
    _PACKAGE / "extract" / "data" / "actors.yaml",
    _PACKAGE.parent.parent / "shared" / "eval" / "actors.yaml",
)


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@functools.cache
def actors() -> dict[str, Actor]:
    """Actor id → Actor, from the first lexicon file that exists (or ``MARSAD_ACTORS_FILE``)."""
    paths = [Path(p) for p in [os.environ.get("MARSAD_ACTORS_FILE")] if p] + list(ACTOR_FILES)
    for path in paths:
        if path.is_file():
            raw = _load(path) or {}
            return {
                str(key): Actor(
                    id=str(key),
                    en=[str(n) for n in value.get("en") or []],
                    ar=[str(n) for n in value.get("ar") or []],
                    inter=value.get("inter"),
                    kind=value.get("kind") or "armed",
                )
                for key, value in raw.items()
                if isinstance(value, dict)
            }
    return {}


def actor_name(actor_id: str | None, lang: str = "en") -> str:
    """The first name of the actor in ``lang`` (English as fallback), else the id itself."""
    if not actor_id:
        return ""
    actor = actors().get(actor_id)
    if actor is None:
        return actor_id
    names = actor.ar if lang == "ar" else actor.en
    return (names or actor.en or actor.ar or [actor_id])[0]


def actor_inter(actor_id: str | None) -> int:
    """ACLED interaction code (1 state … 8 external); 0 when there is no actor, 3 when unknown."""
    if not actor_id:
        return 0
    actor = actors().get(actor_id)
    if actor is None or actor.inter is None:
        return 7 if actor is not None and actor.kind == "civilian" else 3
    return int(actor.inter)


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    iso3: str
    iso: int
    en: str
    ar: str
    acled_region: str
    ged_region: str

    def name(self, lang: str = "en") -> str:
        return self.ar if lang == "ar" else self.en


@functools.cache
def countries() -> dict[str, Country]:
    raw = _load(_DATA / "countries.yaml")
    return {code: Country(code=code, **fields) for code, fields in raw.items()}


def country(code: str | None) -> Country | None:
    return countries().get(code.upper()) if code else None


@functools.cache
def labels() -> dict[str, dict[str, dict[str, str]]]:
    return _load(_DATA / "labels.yaml")  # type: ignore[no-any-return]


def label(group: str, key: str | None, lang: str = "en") -> str:
    """A printed label; an unknown key prints as itself."""
    if key is None:
        return ""
    entry = labels().get(group, {}).get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry.get("en") or key
