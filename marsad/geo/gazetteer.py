"""The gazetteer: entries by id and a key → entries index for matching and lookup.

``Gazetteer.load(db_url)`` merges the built-in entries with whatever was imported into
that store (an imported row with the same id wins, names are united) and is cached per
URL for the life of the process; ``Gazetteer.clear_cache()`` after an import.
"""

from __future__ import annotations

import functools
import math
from typing import Any, Iterable

from marsad.geo.entry import Candidate, Entry, distance_km
from marsad.geo.keys import is_arabic, key_ar, key_en, name_keys

__all__ = ["Gazetteer", "resolve", "LEVEL_PRIOR"]

#: How likely a bare name means each level, before context.
LEVEL_PRIOR = {"city": 3.0, "point": 2.6, "country": 3.0, "region": 2.4, "governorate": 1.6,
               "district": 0.8}


_LEVEL_HEADS = frozenset({"محافظه", "منطقه", "ناحيه", "مدينه", "بلده", "قريه"})
_LEVEL_TAILS = frozenset({key_en(w) for w in ("governorate", "district", "province", "subdistrict", "city")})


def _syllable_noise(key: str) -> bool:
    """A Latin key made only of one- and two-letter words ("a li pu", "hi", "is"): a
    transliteration of syllables or a bare code, which would turn English function words
    into place names."""
    return not is_arabic(key) and all(len(w) <= 2 for w in key.split(" "))


class Gazetteer:
    """Entries by id, plus the index of their name keys."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: dict[str, Entry] = {}
        for e in entries:
            old = self.entries.get(e.id)
            self.entries[e.id] = _merge(old, e) if old else e
        self.index: dict[str, list[Entry]] = {}
        self.prefixes: set[str] = set()  # word prefixes of multi-word keys: where to keep extending
        self.max_words = 1
        self._keys: dict[str, frozenset[str]] = {}
        self._ancestor_ids: dict[str, frozenset[str]] = {}  # every document asks again
        self._governorates: dict[str, Entry | None] = {}
        for e in self.entries.values():
            keys = self._keys[e.id] = frozenset(k for k in self.keys_of(e) if not _syllable_noise(k))
            for key in keys:
                self.index.setdefault(key, []).append(e)
                words = key.split(" ")
                self.max_words = max(self.max_words, len(words))
                for n in range(1, len(words)):
                    self.prefixes.add(" ".join(words[:n]))

    def entry_keys(self, entry: Entry) -> frozenset[str]:
        """The keys an entry is indexed under (computed once)."""
        got = self._keys.get(entry.id)
        return got if got is not None else frozenset(self.keys_of(entry))

    @staticmethod
    def keys_of(entry: Entry) -> set[str]:
        keys: set[str] = set()
        for name, _lang in entry.names:
            keys |= name_keys(name)
        for name in (entry.name_en, entry.name_ar):
            if name:
                keys |= name_keys(name)
        # "محافظة إدلب", "Idlib Governorate": the parser reads the level word itself.
        return {k for k in keys if not (k.split(" ", 1)[0] in _LEVEL_HEADS or k.rsplit(" ", 1)[-1] in _LEVEL_TAILS)
                or " " not in k}

    # -- loading ---------------------------------------------------------------------

    @classmethod
    def builtin(cls) -> "Gazetteer":
        return _builtin()

    @classmethod
    def load(cls, db_url: str | None = None) -> "Gazetteer":
        """Built-in entries plus the store's imported places (none when ``db_url`` is None)."""
        if db_url is None:
            return _builtin()
        return _loaded(db_url)

    @staticmethod
    def clear_cache() -> None:
        _loaded.cache_clear()

    # -- queries ---------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, place_id: str | None) -> Entry | None:
        return self.entries.get(place_id) if place_id else None

    def lookup(self, key: str) -> list[Entry]:
        return self.index.get(key, [])

    def ancestors(self, entry: Entry) -> list[Entry]:
        out: list[Entry] = []
        seen = {entry.id}
        cur = self.get(entry.parent_id)
        while cur is not None and cur.id not in seen:
            out.append(cur)
            seen.add(cur.id)
            cur = self.get(cur.parent_id)
        return out

    def ancestor_ids(self, entry: Entry) -> frozenset[str]:
        """Ids of the entry's ancestors below the country (computed once per entry)."""
        got = self._ancestor_ids.get(entry.id)
        if got is None:
            got = self._ancestor_ids[entry.id] = frozenset(a.id for a in self.ancestors(entry) if a.level != "country")
        return got

    def governorate_of(self, entry: Entry) -> Entry | None:
        if entry.level == "governorate":
            return entry
        if entry.id not in self._governorates:
            self._governorates[entry.id] = next((a for a in self.ancestors(entry) if a.level == "governorate"), None)
        return self._governorates[entry.id]

    def resolve(self, name: str, lang: str | None = None, near: "Entry | None" = None,
                country: str | None = "SY") -> list[Candidate]:
        """Ranked candidates for a name; exact keys first, fuzzy ones if none match."""
        key = key_ar(name) if (lang == "ar" or (lang is None and is_arabic(name))) else key_en(name)
        found = {e.id: e for k in name_keys(name) | {key} for e in self.lookup(k)}
        fuzzy = 0.0
        if not found:
            found, fuzzy = self._fuzzy(key)
        cands = [Candidate(e, self.prior(e, country=country) - fuzzy, self.ancestors(e)) for e in found.values()]
        if near is not None:
            for c in cands:
                c.score += self.closeness(c.entry, near)
        cands.sort(key=lambda c: (-c.score, c.entry.id))
        return cands

    def _fuzzy(self, key: str) -> tuple[dict[str, Entry], float]:
        from rapidfuzz import fuzz, process, utils  # noqa: F401

        hits = process.extract(key, list(self.index), scorer=fuzz.ratio, limit=5, score_cutoff=80)
        return {e.id: e for k, _s, _i in hits for e in self.lookup(k)}, 1.0

    # -- scoring ---------------------------------------------------------------------

    @staticmethod
    def prior(entry: Entry, country: str | None = "SY") -> float:
        score = LEVEL_PRIOR.get(entry.level, 1.0)
        if entry.population and entry.level in ("city", "point"):  # an area's head count says nothing
            score += math.log10(entry.population) / 3.0
        if country and entry.country == country:
            score += 2.0
        if entry.level == "city":  # a GeoNames populated place, or an unknown-size community
            score += 0.2 if entry.geonameid is not None else -1.0
        return score

    def closeness(self, entry: Entry, other: Entry) -> float:
        """Bonus for being inside or near another place."""
        if other.id in {a.id for a in self.ancestors(entry)}:
            return 4.0
        if None not in (entry.lat, entry.lon, other.lat, other.lon):
            d = distance_km(entry.lat, entry.lon, other.lat, other.lon)  # type: ignore[arg-type]
            return 3.0 * math.exp(-d / 40.0)
        return 0.0


def resolve(name: str, lang: str | None = None, near: "Entry | str | None" = None,
            db_url: str | None = None) -> list[Candidate]:
    """Ranked gazetteer candidates for a name given by the gold or another stage.

    ``near`` is an entry, a place id or a place name (its best candidate is used).
    """
    gaz = Gazetteer.load(db_url)
    anchor: Entry | None = None
    if isinstance(near, Entry):
        anchor = near
    elif isinstance(near, str) and near:
        anchor = gaz.get(near) or next((c.entry for c in gaz.resolve(near)), None)
    elif near is not None and getattr(near, "id", None):
        anchor = gaz.get(near.id)  # a model.Place
    return gaz.resolve(name, lang=lang, near=anchor)


def _merge(old: Entry, new: Entry) -> Entry:
    """``new`` (imported) wins field by field where it has a value; names are united."""
    names = list(dict.fromkeys([*old.names, *new.names]))
    merged = Entry(**{f: getattr(new, f) if getattr(new, f) not in (None, "", {}) else getattr(old, f)
                      for f in Entry.__slots__})  # type: ignore[attr-defined]
    merged.names = names
    if old.geonameid is not None and old.lat is not None:
        merged.lat, merged.lon = old.lat, old.lon  # GeoNames points are what the gold uses
    return merged


@functools.cache
def _builtin() -> Gazetteer:
    from marsad.geo.builtin import builtin_entries

    return Gazetteer(builtin_entries())


def for_store(engine: Any) -> Gazetteer:
    """The gazetteer a store's documents are read with: the built-in entries plus the
    places imported into that store (``marsad gazetteer import``); the built-in one alone
    when nothing was imported or the store cannot be read."""
    from sqlalchemy import func, select

    from marsad.store.schema import places

    try:
        with engine.connect() as conn:
            imported = conn.execute(select(func.count()).select_from(places)).scalar_one()
    except Exception:  # noqa: BLE001 - no places table yet: nothing imported
        imported = 0
    return _loaded(engine.url.render_as_string(hide_password=False)) if imported else _builtin()


@functools.lru_cache(maxsize=8)
def _loaded(db_url: str) -> Gazetteer:
    from marsad.geo.importer import read_store

    from marsad.geo.builtin import builtin_entries

    return Gazetteer([*builtin_entries(), *read_store(db_url)])
