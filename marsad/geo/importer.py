"""Import OCHA COD admin tables and OpenSyria admin JSON into the store's places tables.

OCHA workbooks (xlsx, sheets ``admin1``..``admin4``) and CSVs share one column layout
(``adminNName_en``, ``adminNName_ar``, ``adminNPcode``), the same for every country's COD.
OpenSyria JSON adds aliases and the P-code ↔ GeoNames/Wikidata crosswalk. Ids follow the
gazetteer rule: the GeoNames id where one is known (crosswalk for admin units; for a
community, a GeoNames populated place of the same Arabic name within 3 km), else the
P-code. Importing the same files again changes nothing; a newer file updates rows by id
or P-code.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from marsad.errors import InputError
from marsad.geo.entry import Entry, distance_km
from marsad.geo.keys import is_arabic, key_ar, key_en, name_keys

__all__ = ["import_paths", "read_store", "ImportReport", "OCHA_LICENCE", "OPENSYRIA_LICENCE"]

OCHA_LICENCE = "CC BY 3.0 IGO (UN OCHA COD via HDX)"
OPENSYRIA_LICENCE = "CC BY 4.0 (OpenSyria data-geography)"
_JOIN_KM = 3.0
_LEVELS = {1: "governorate", 2: "district", 3: "district", 4: "city"}
_PERSIAN = str.maketrans({"ک": "ك", "ی": "ي", "ى": "ى", "\u0640": None})
_MERGED = re.compile(r"\s*[_/]\s*")
_MARKAZ = re.compile(r"^مركز\s+")


@dataclass
class ImportReport:
    """What an import did, per source file and in total."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    by_file: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        files = ", ".join(f"{k}: {v} places" for k, v in self.by_file.items())
        return f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged ({files})"


@dataclass
class _Unit:
    pcode: str
    level: int
    name_en: str
    name_ar: str
    parent: str | None
    country: str | None
    lat: float | None = None
    lon: float | None = None
    names: list[tuple[str, str]] = field(default_factory=list)
    source: str = ""


def clean_name(value: Any) -> str:
    """Display form of a table name: NFKC, no tatweel, Persian letters folded, one space."""
    text = unicodedata.normalize("NFKC", str(value or "")).translate(_PERSIAN)
    return " ".join(text.split())


# -- reading the files ---------------------------------------------------------------


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix.lower() in (".xlsx", ".csv", ".json")
                              and q.name not in ("sources.json",)))
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file; give an OCHA COD workbook/CSV or OpenSyria JSON path")
    return out


def _ocha_rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(sheet name, row as dict) for every admin row of a workbook or CSV."""
    if path.suffix.lower() == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                yield path.stem, row
        return
    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds
        raise InputError(f"{path}: cannot read as an xlsx workbook ({exc}); export the COD tables as .xlsx or .csv") from None
    try:
        for ws in wb.worksheets:
            if not re.fullmatch(r"admin[1-4]", ws.title.strip().lower()):
                continue
            rows = ws.iter_rows(values_only=True)
            header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
            for values in rows:
                yield ws.title, dict(zip(header, values))
    finally:
        wb.close()


def _units_from_ocha(path: Path) -> dict[str, _Unit]:
    units: dict[str, _Unit] = {}
    seen_any = False
    for _sheet, row in _ocha_rows(path):
        top = max((n for n in range(1, 5) if row.get(f"admin{n}Pcode")), default=0)
        if not top:
            continue
        seen_any = True
        country = clean_name(row.get("admin0Pcode")) or None
        for n in range(1, top + 1):
            pcode = clean_name(row.get(f"admin{n}Pcode"))
            if not pcode or pcode in units and n < top:
                continue
            unit = _Unit(
                pcode=pcode, level=n, name_en=clean_name(row.get(f"admin{n}Name_en")),
                name_ar=clean_name(row.get(f"admin{n}Name_ar")),
                parent=clean_name(row.get(f"admin{n - 1}Pcode")) or None if n > 1 else None,
                country=country, source=f"OCHA COD {path.name}",
            )
            if n == top:
                lat, lon = _float(row.get("Latitude_y") or row.get("latitude") or row.get("Latitude")), \
                    _float(row.get("Longitude_x") or row.get("longitude") or row.get("Longitude"))
                unit.lat, unit.lon = lat, lon
                for k in (f"admin{n}RefName_en", f"admin{n}RefName_ar"):
                    if row.get(k):
                        unit.names.append((clean_name(row[k]), "ar" if k.endswith("_ar") else "en"))
            if pcode not in units or n == top:
                units[pcode] = unit
    if not seen_any:
        raise InputError(f"{path}: no adminNPcode columns found; expected an OCHA COD admin table "
                         "(sheets admin1..admin4 with adminNName_en/_ar/Pcode)")
    return units


def _float(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _opensyria(path: Path) -> list[dict[str, Any]]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not readable JSON ({exc})") from None
    records = data if isinstance(data, list) else data.get("data") if isinstance(data, dict) else None
    if not isinstance(records, list) or not all(isinstance(r, dict) and "name" in r for r in records):
        raise InputError(f"{path}: expected OpenSyria admin JSON (a list of records with name/aliases/externalIds)")
    return records


# -- building the rows ---------------------------------------------------------------


def _names_of(unit: _Unit) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    for value, lang in [(unit.name_ar, "ar"), (unit.name_en, "en"), *unit.names]:
        if not value:
            continue
        names.append((value, lang))
        parts = [p for p in _MERGED.split(value) if p]
        if len(parts) > 1:
            names.extend((p, lang) for p in parts)
            names.append((" ".join(parts), lang))
        if lang == "ar" and len(parts) > 1 and len(unit.name_en.split()) == len(parts):
            names.extend((w, "en") for w in unit.name_en.split())  # "Zardana Mashehad" for زردنا_مشهد
        bare = _MARKAZ.sub("", value)
        if bare != value:
            names.append((bare, lang))
    return list(dict.fromkeys(names))


def _build(units: dict[str, _Unit], crosswalk: dict[str, dict[str, Any]], builtin: list[Entry],
           known: dict[str, str] | None = None) -> list[Entry]:
    # GeoNames populated places by Arabic key, for the community join.
    by_key: dict[str, list[Entry]] = {}
    for e in builtin:
        if e.level == "city" and e.geonameid is not None:
            for n, lang in e.names:
                if lang == "ar":
                    for k in name_keys(n):
                        by_key.setdefault(k, []).append(e)
    gn_for: dict[str, str] = {}
    best: dict[str, tuple[float, str]] = {}
    for u in units.values():
        if u.level != 4 or u.lat is None or u.lon is None:
            continue
        for n, _lang in ((n, lang) for n, lang in _names_of(u) if lang == "ar"):
            for k in name_keys(n):
                for e in by_key.get(k, ()):
                    d = distance_km(u.lat, u.lon, e.lat, e.lon)  # type: ignore[arg-type]
                    if d < _JOIN_KM and d < best.get(e.id, (1e9, ""))[0]:
                        best[e.id] = (d, u.pcode)
    for gid, (_d, pcode) in best.items():
        gn_for.setdefault(pcode, gid)
    ids: dict[str, str] = {}
    used: set[str] = set()
    for u in sorted(units.values(), key=lambda u: (u.level, u.pcode)):
        cw = crosswalk.get(u.pcode, {})
        gid = gn_for.get(u.pcode) or (str(cw["geonames"]) if cw.get("geonames") else None)
        if gid is None and (known or {}).get(u.pcode, "").isdigit():
            gid = (known or {})[u.pcode]  # joined by an earlier import (e.g. with the OpenSyria crosswalk)
        pid = gid if gid and gid not in used else u.pcode
        used.add(pid)
        ids[u.pcode] = pid
    gn_by_id = {e.id: e for e in builtin}
    out: list[Entry] = []
    for u in units.values():
        cw = crosswalk.get(u.pcode, {})
        names = _names_of(u) + [n for n in cw.get("names", []) if n not in _names_of(u)]
        pid = ids[u.pcode]
        gn = gn_by_id.get(pid) if u.level == 4 else None
        lat, lon = (gn.lat, gn.lon) if gn is not None else (u.lat, u.lon)
        if lat is None and cw.get("centroid"):
            lat, lon = cw["centroid"]
        extra: dict[str, Any] = {"admin": u.level}
        if cw.get("wikidata"):
            extra["wikidata"] = cw["wikidata"]
        if gn is not None and u.lat is not None:
            extra["ocha_point"] = [u.lat, u.lon]
        parent = ids.get(u.parent or "", u.parent) if u.level > 1 else _COUNTRY_IDS.get(u.country or "", None)
        out.append(Entry(
            id=pid, name_en=(gn.name_en if gn is not None else None) or u.name_en or None,
            name_ar=u.name_ar or None, level=_LEVELS[u.level], country=u.country, parent_id=parent,
            geonameid=int(pid) if pid.isdigit() else None, pcode=u.pcode, lat=lat, lon=lon,
            population=cw.get("population") or (gn.population if gn is not None else None), names=names,
            source=u.source + (" + GeoNames" if gn is not None else "") + (" + OpenSyria" if cw else ""),
            licence=OCHA_LICENCE if u.source.startswith("OCHA") else OPENSYRIA_LICENCE, extra=extra,
        ))
    return out


_COUNTRY_IDS = {"SY": "163843", "LB": "272103", "TR": "298795", "IQ": "99237", "JO": "248816", "IL": "294640"}


def _crosswalk(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in records:
        ext = r.get("externalIds") or {}
        pcode = ext.get("ochaPcode")
        if not pcode:
            continue
        names = [(clean_name(r["name"].get("ar")), "ar"), (clean_name(r["name"].get("en")), "en")]
        names += [(clean_name(a.get("value")), "ar" if a.get("language") == "ar" else "en")
                  for a in r.get("aliases") or [] if a.get("value")]
        names = [n for n in names if n[0] and (n[1] == "ar") == is_arabic(n[0])]
        pop = (r.get("population") or {}).get("value")
        c = r.get("centroid") or {}
        out[pcode] = {
            "geonames": ext.get("geonames"), "wikidata": ext.get("wikidata"), "names": names,
            "population": int(pop) if pop else None,
            "centroid": (c.get("latitude"), c.get("longitude")) if c.get("latitude") is not None else None,
            "level": 3 if r.get("districtId") else 2 if r.get("governorateId") else 1,
            "record": r,
        }
    return out


# -- the store -----------------------------------------------------------------------


def _row(e: Entry) -> dict[str, Any]:
    return {"id": e.id, "name_en": e.name_en, "name_ar": e.name_ar, "level": e.level, "parent_id": e.parent_id,
            "country": e.country, "geonameid": e.geonameid, "pcode": e.pcode, "lat": e.lat, "lon": e.lon,
            "population": e.population, "source": e.source[:100], "licence": e.licence, "extra": e.extra}


def _name_rows(e: Entry) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for name, lang in e.names:
        norm = key_ar(name) if lang == "ar" else key_en(name)
        if norm and norm not in rows:
            rows[norm] = {"place_id": e.id, "name": name[:200], "norm": norm[:200], "lang": lang,
                          "is_preferred": name in (e.name_en, e.name_ar)}
    return list(rows.values())


def import_paths(paths: Iterable[str | Path], db_url: str | None = None) -> ImportReport:
    """Import OCHA COD workbooks/CSVs and OpenSyria JSON into the store; idempotent."""
    from sqlalchemy import delete, select, update

    from marsad.geo.builtin import builtin_entries
    from marsad.geo.gazetteer import Gazetteer
    from marsad.store import open_store
    from marsad.store.schema import place_names, places

    files = _expand(paths)
    if not files:
        raise InputError("no importable files given; expected .xlsx/.csv (OCHA COD) or .json (OpenSyria)")
    report = ImportReport()
    records: list[dict[str, Any]] = []
    units: dict[str, _Unit] = {}
    for f in files:
        if f.suffix.lower() == ".json":
            recs = _opensyria(f)
            records.extend(recs)
            report.by_file[f.name] = len(recs)
        else:
            got = _units_from_ocha(f)
            units.update(got)
            report.by_file[f.name] = len(got)
    crosswalk = _crosswalk(records)
    for pcode, cw in crosswalk.items():  # OpenSyria units the OCHA files did not bring
        if pcode not in units:
            r = cw["record"]
            units[pcode] = _Unit(pcode=pcode, level=cw["level"], name_en=clean_name(r["name"].get("en")),
                                 name_ar=clean_name(r["name"].get("ar")), parent=_parent_pcode(pcode, cw["level"]),
                                 country="SY", source="OpenSyria data-geography")
    store = open_store(db_url)
    try:
        with store.transaction() as conn:
            existing = {r.id: dict(r._mapping) for r in conn.execute(select(places))}
            by_pcode = {r["pcode"]: r["id"] for r in existing.values() if r.get("pcode")}
            names: dict[str, set[tuple[str, str, str | None]]] = {}
            for r in conn.execute(select(place_names.c.place_id, place_names.c.name, place_names.c.norm,
                                         place_names.c.lang)):
                names.setdefault(r.place_id, set()).add((r.name, r.norm, r.lang))
            entries = _build(units, crosswalk, builtin_entries(), by_pcode)
            new_rows, new_names = [], []
            for e in entries:
                old_id = e.id if e.id in existing else by_pcode.get(e.pcode or "")
                if old_id is not None:  # names from earlier imports (other files) are kept
                    e.names = list(dict.fromkeys([*e.names, *((n, lang or "en") for n, _k, lang in sorted(
                        names.get(old_id, set()), key=lambda t: (t[0], t[1], t[2] or "")))]))
                    old_src = existing[old_id].get("source") or ""
                    if "OpenSyria" in old_src and "OpenSyria" not in e.source:
                        e.source += " + OpenSyria"
                    for k, v in (existing[old_id].get("extra") or {}).items():
                        e.extra.setdefault(k, v)
                    if e.population is None:
                        e.population = existing[old_id].get("population")
                    if e.lat is None:
                        e.lat, e.lon = existing[old_id].get("lat"), existing[old_id].get("lon")
                    if e.licence != existing[old_id].get("licence") and "OpenSyria" in e.source:
                        e.licence = existing[old_id].get("licence")
                row, nrows = _row(e), _name_rows(e)
                if old_id is None:
                    report.added += 1
                    new_rows.append(row)
                    new_names.extend(nrows)
                    continue
                old = existing[old_id]
                same = old_id == e.id and all(old.get(k) == v for k, v in row.items()) and \
                    names.get(old_id, set()) == {(n["name"], n["norm"], n["lang"]) for n in nrows}
                if same:
                    report.unchanged += 1
                    continue
                report.updated += 1
                conn.execute(delete(place_names).where(place_names.c.place_id == old_id))
                if old_id != e.id:
                    conn.execute(delete(places).where(places.c.id == old_id))
                    conn.execute(update(places).where(places.c.parent_id == old_id).values(parent_id=e.id))
                    new_rows.append(row)
                else:
                    conn.execute(update(places).where(places.c.id == e.id).values(**row))
                new_names.extend(nrows)
            if new_rows:
                conn.execute(places.insert(), new_rows)
            if new_names:
                conn.execute(place_names.insert(), new_names)
    finally:
        store.close()
    Gazetteer.clear_cache()
    return report


def _parent_pcode(pcode: str, level: int) -> str | None:
    if level == 3:
        return pcode[:6]
    if level == 2:
        return pcode[:4]
    return None


def read_store(db_url: str) -> list[Entry]:
    """Every imported place of the store as gazetteer entries."""
    from sqlalchemy import select

    from marsad.store import open_store
    from marsad.store.schema import place_names, places

    engine = open_store(db_url).engine  # migrated first: a new store simply has no imported places
    try:
        with engine.connect() as conn:
            names: dict[str, list[tuple[str, str]]] = {}
            for r in conn.execute(select(place_names.c.place_id, place_names.c.name, place_names.c.lang)):
                names.setdefault(r.place_id, []).append((r.name, r.lang or ("ar" if is_arabic(r.name) else "en")))
            out = []
            for r in conn.execute(select(places)):
                m = r._mapping
                out.append(Entry(id=m["id"], name_en=m["name_en"], name_ar=m["name_ar"], level=m["level"],
                                 country=m["country"], parent_id=m["parent_id"], geonameid=m["geonameid"],
                                 pcode=m["pcode"], lat=m["lat"], lon=m["lon"], population=m["population"],
                                 names=names.get(m["id"], []), source=m["source"], licence=m["licence"],
                                 extra=dict(m["extra"] or {})))
            return out
    except Exception as exc:  # noqa: BLE001
        from marsad.errors import StoreError

        raise StoreError(f"cannot read places from {db_url}: {exc.__class__.__name__}: {str(exc).splitlines()[0]}; "
                         "run `marsad gazetteer import` against this database first") from None
    finally:
        engine.dispose()
