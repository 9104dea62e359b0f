"""Actor ids for scoring: a system's names and ids mapped onto the gold ids.

The gold uses the ids of ``shared/eval/actors.yaml``. A system may name an actor
its own way ("هيئة تحرير الشام", or an id of its own lexicon); it scores when that
name, or an alias of that id, is an alias of the gold id (or its lexicon entry
says ``same_as: <gold id>``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from marsad.errors import GoldFormatError

__all__ = ["ActorMap", "load_actor_map", "normalise_actor_name", "EXTRACTOR_LEXICON"]

EXTRACTOR_LEXICON = Path(__file__).resolve().parent.parent / "extract" / "data" / "actors.yaml"
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_SPACES = re.compile(r"[\s_]+")


def normalise_actor_name(name: str) -> str:
    """NFKC, case-fold, no Arabic marks, unified alef/ya/ta marbuta, single spaces."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _ARABIC_MARKS.sub("", text)
    text = re.sub("[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه")
    text = text.replace("\u2019", "'").replace("-", " ")
    return _SPACES.sub(" ", text).strip()


@dataclass(slots=True)
class ActorMap:
    """Gold ids, and for every known name or own id the gold ids it may stand for."""

    gold_ids: frozenset[str] = frozenset()
    _by_key: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_entries(
        cls, gold: Mapping[str, Mapping[str, Any]], own: Mapping[str, Mapping[str, Any]] | None = None
    ) -> "ActorMap":
        """Build from the gold lexicon and, optionally, the extractor's own one."""
        by_key: dict[str, set[str]] = {}
        for gid, entry in gold.items():
            for key in _keys(gid, entry):
                by_key.setdefault(key, set()).add(gid)
            by_key[normalise_actor_name(gid)] = {gid}  # an id always means itself
        gold_ids = frozenset(gold)
        for oid, entry in (own or {}).items():
            same_as = (entry or {}).get("same_as")
            if oid in gold_ids:
                targets = {oid}
            elif same_as in gold_ids:
                targets = {same_as}
            else:
                targets = set()
                for key in _keys(oid, entry):
                    targets |= {g for g in by_key.get(key, ()) if g in gold_ids}
            if not targets:
                continue
            for key in _keys(oid, entry):
                by_key.setdefault(key, set()).update(targets)
        frozen = {k: frozenset(v) for k, v in by_key.items()}
        for gid in gold_ids:  # a gold id never widens to others that share an alias
            frozen[normalise_actor_name(gid)] = frozenset({gid})
        return cls(gold_ids=gold_ids, _by_key=frozen)

    def candidates(self, value: str | None) -> frozenset[str]:
        """Gold ids a predicted actor (id or name) may stand for; empty when unknown."""
        if not value:
            return frozenset()
        if value in self.gold_ids:
            return frozenset({value})
        key = normalise_actor_name(value)
        return self._by_key.get(key, frozenset({value}))

    def same(self, gold: str | None, pred: str | None) -> bool:
        """True when the predicted actor is the gold one; ``null`` matches only ``null``."""
        if not gold or not pred:
            return not gold and not pred
        return gold in self.candidates(pred) or bool(self.candidates(gold) & self.candidates(pred))


def _keys(actor_id: str, entry: Mapping[str, Any] | None) -> Iterable[str]:
    yield normalise_actor_name(actor_id)
    for lang in ("en", "ar"):
        for name in (entry or {}).get(lang) or []:
            if isinstance(name, str) and name.strip():
                yield normalise_actor_name(name)


def _read_lexicon(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GoldFormatError(f"{path}: not valid YAML ({exc}); fix the actor lexicon.") from exc
    if not isinstance(data, dict):
        raise GoldFormatError(f"{path}: expected a mapping of actor id → {{en, ar, inter, kind}}.")
    return {str(k): (v if isinstance(v, dict) else {}) for k, v in data.items()}


def load_actor_map(gold_actors: Path, own: Path | None = EXTRACTOR_LEXICON) -> ActorMap:
    """Gold ``actors.yaml`` plus the extractor's lexicon when that file exists."""
    if not gold_actors.is_file():
        raise GoldFormatError(
            f"{gold_actors}: actor list not found; pass --actors PATH to the actors.yaml of the gold."
        )
    own_entries = _read_lexicon(own) if own is not None and own.is_file() else None
    return ActorMap.from_entries(_read_lexicon(gold_actors), own_entries)
