"""A small store for API and dashboard tests, built from sentences written for these tests.

Documents go in through the store; claims are those the extractor would give (built by
hand here so the tests do not depend on extraction quality), then fusion runs when it is
installed. Spans are computed from the evidence so the provenance view has real offsets.
"""

from __future__ import annotations

import datetime as dt

from marsad.ingest.text import content_hash
from marsad.model import CasualtyClaim, ControlClaim, DateRange, Document, EventClaim, Place, Span
from marsad.store import open_store

__all__ = ["seed_store", "AR_EVIDENCE", "DOCS"]

D = dt.date
IDLIB = Place("Idlib", "city", 169389, 35.93, 36.63)
KAFR_NABL = Place("Kafr Nabl", "city", None, 35.61, 36.56)
SARAQIB = Place("Saraqib", "city", None, 35.86, 36.80)
MOREK = Place("Morek", "city", None, 35.38, 36.68)
SUWAYDA = Place("Suwayda", "city", 163345, 32.71, 36.57)

AR_TEXT = (
    "قال المرصد السوري لحقوق الإنسان إن غارة جوية استهدفت سوقا شعبيا في مدينة إدلب صباح الثلاثاء، "
    "ما أدى إلى مقتل سبعة مدنيين بينهم طفلان. وارتفع عدد القتلى المدنيين منذ بداية الأسبوع إلى 45."
)
AR_EVIDENCE = "غارة جوية استهدفت سوقا شعبيا في مدينة إدلب"

DOCS: list[dict] = [
    {
        "id": "t-ar-idlib",
        "lang": "ar",
        "published": D(2024, 12, 3),
        "outlet": "Example Arabic Wire",
        "text": AR_TEXT,
        "claims": [
            ("event", dict(source="sohr", date=DateRange.day(D(2024, 12, 3)), place=IDLIB,
                           event_type="Explosions/Remote violence", sub_type="Air/drone strike",
                           actor1="syria-military", fatalities=7), AR_EVIDENCE),
            ("casualties", dict(source="sohr", date=DateRange.day(D(2024, 12, 3)), place=IDLIB,
                                outcome="killed", count=7, party="civilian"), "مقتل سبعة مدنيين"),
            ("casualties", dict(source="sohr", date=DateRange.day(D(2024, 12, 3)), place=None,
                                outcome="killed", count=45, party="civilian", cumulative=True,
                                since=D(2024, 12, 2)), "ارتفع عدد القتلى المدنيين منذ بداية الأسبوع إلى 45"),
        ],
    },
    {
        "id": "t-en-kafrnabl",
        "lang": "en",
        "published": D(2024, 12, 3),
        "outlet": "Example English Wire",
        "text": "Government forces shelled the village of Kafr Nabl in southern Idlib on Monday, "
        "killing three fighters of an armed opposition faction, a local monitor said.",
        "claims": [
            ("event", dict(source="local-monitor", date=DateRange.day(D(2024, 12, 2)), place=KAFR_NABL,
                           event_type="Explosions/Remote violence", sub_type="Shelling/artillery/missile attack",
                           actor1="syria-military", actor2="opposition", fatalities=3),
             "Government forces shelled the village of Kafr Nabl"),
            ("casualties", dict(source="local-monitor", date=DateRange.day(D(2024, 12, 2)), place=KAFR_NABL,
                                outcome="killed", count=3, party="nonstate"), "killing three fighters"),
        ],
    },
    {
        "id": "t-en-saraqib",
        "lang": "en",
        "published": D(2024, 12, 1),
        "outlet": "Example English Wire",
        "text": "Opposition fighters took full control of the town of Saraqib on Sunday after clashes "
        "with government troops, according to a statement from the armed group.",
        "claims": [
            ("event", dict(source="opposition", date=DateRange.day(D(2024, 12, 1)), place=SARAQIB,
                           event_type="Battles", sub_type="Non-state actor overtakes territory",
                           actor1="opposition", actor2="syria-military"),
             "took full control of the town of Saraqib"),
            ("control", dict(source="opposition", date=DateRange.day(D(2024, 12, 1)), place=SARAQIB,
                             actor="opposition", from_actor="syria-military", extent="all", change="gained"),
             "took full control of the town of Saraqib"),
        ],
    },
    {
        "id": "t-ar-morek",
        "lang": "ar",
        "published": D(2024, 12, 2),
        "outlet": "Example State Agency",
        "text": "أعلنت وزارة الدفاع أن وحداتها تصدت لهجوم على بلدة مورك في ريف حماة الشمالي وقتلت عشرات المسلحين.",
        "claims": [
            ("event", dict(source="syria-mod", date=DateRange.day(D(2024, 12, 2)), place=MOREK,
                           event_type="Battles", sub_type="Armed clash", actor1="syria-military",
                           actor2="opposition"), "تصدت لهجوم على بلدة مورك"),
            ("casualties", dict(source="syria-mod", date=DateRange.day(D(2024, 12, 2)), place=MOREK,
                                outcome="killed", count=None, low=24, party="nonstate"), "قتلت عشرات المسلحين"),
        ],
    },
    {
        "id": "t-en-suwayda",
        "lang": "en",
        "published": D(2024, 11, 29),
        "outlet": "Example English Wire",
        "text": "Hundreds of residents protested in the central square of Suwayda on Friday against "
        "rising fuel prices, witnesses said.",
        "claims": [
            ("event", dict(source="witnesses", date=DateRange.day(D(2024, 11, 29)), place=SUWAYDA,
                           event_type="Protests", sub_type="Peaceful protest", actor1="protesters"),
             "Hundreds of residents protested in the central square of Suwayda"),
        ],
    },
]

_KINDS = {"event": EventClaim, "casualties": CasualtyClaim, "control": ControlClaim}


def seed_store(url: str) -> dict[str, int]:
    """Fill the store at ``url``; returns document keys → row ids."""
    store = open_store(url)
    ids: dict[str, int] = {}
    for d in DOCS:
        doc = Document(text=d["text"], id=d["id"], lang=d["lang"], published=d["published"],
                       outlet=d["outlet"], content_hash=content_hash(d["text"]))
        doc_id, _ = store.add_document(doc)
        made = []
        for kind, fields, evidence in d["claims"]:
            start = d["text"].index(evidence)
            made.append(_KINDS[kind](**fields, evidence=evidence, span=Span(start, start + len(evidence))))
        store.save_claims(doc_id, made)
        ids[d["id"]] = doc_id
    try:
        from marsad.fuse import fuse_store  # type: ignore[attr-defined]
    except ImportError:
        pass
    else:
        fuse_store(store)
    store.close()
    return ids
