"""Small synthetic corpora for the scorer tests (sentences written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from marsad.eval.actors import ActorMap

ACTORS: dict[str, dict[str, Any]] = {
    "hts": {"en": ["Hayat Tahrir al-Sham", "HTS"], "ar": ["هيئة تحرير الشام", "تحرير الشام"], "inter": 2, "kind": "armed"},
    "syria-military": {"en": ["Syrian army"], "ar": ["الجيش السوري", "قوات النظام"], "inter": 1, "kind": "armed"},
    "russia-military": {"en": ["Russian warplanes"], "ar": ["الطائرات الروسية"], "inter": 8, "kind": "armed"},
    "sohr": {"en": ["Syrian Observatory for Human Rights"], "ar": ["المرصد السوري لحقوق الإنسان"], "kind": "source"},
    "civilians": {"en": ["civilians"], "ar": ["مدنيين"], "inter": 7, "kind": "civilian"},
}

ALEPPO = {"name": "Aleppo", "geonameid": 170063, "lat": 36.20124, "lon": 37.16117, "level": "city"}


def casualty(**kw: Any) -> dict[str, Any]:
    fact = {"kind": "casualties", "source": "sohr", "date": "2024-11-30", "place": ALEPPO, "outcome": "killed",
            "count": 6, "party": "civilian", "actor": "civilians", "cumulative": False,
            "evidence": "six civilians were killed"}
    fact.update(kw)
    return fact


def control(**kw: Any) -> dict[str, Any]:
    fact = {"kind": "control", "source": "sohr", "date": "2024-11-30", "place": ALEPPO, "actor": "hts",
            "change": "gained", "extent": "most", "evidence": "the fighters took most of the city"}
    fact.update(kw)
    return fact


def event(**kw: Any) -> dict[str, Any]:
    fact = {"kind": "event", "source": "sohr", "date": "2024-11-30", "place": ALEPPO,
            "event_type": "Explosions/Remote violence", "sub_type": "Air/drone strike",
            "actor1": "russia-military", "actor2": None, "evidence": "warplanes struck the city"}
    fact.update(kw)
    return fact


def actor_map() -> ActorMap:
    return ActorMap.from_entries(ACTORS)


def write_corpus(folder: Path, gold: dict[str, list[dict[str, Any]]], *, raw_gold: str | None = None) -> Path:
    """docs.jsonl, gold.jsonl and actors.yaml for ``gold`` (doc id → facts)."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "docs.jsonl").open("w", encoding="utf-8") as f:
        for doc_id in gold:
            f.write(json.dumps({"id": doc_id, "lang": "en", "published": "2024-11-30",
                                "text": "Six civilians were killed when warplanes struck the city."}) + "\n")
    if raw_gold is not None:
        (folder / "gold.jsonl").write_text(raw_gold, encoding="utf-8")
    else:
        with (folder / "gold.jsonl").open("w", encoding="utf-8") as f:
            for doc_id, facts in gold.items():
                f.write(json.dumps({"doc_id": doc_id, "facts": facts}, ensure_ascii=False) + "\n")
    (folder / "actors.yaml").write_text(yaml.safe_dump(ACTORS, allow_unicode=True), encoding="utf-8")
    return folder
