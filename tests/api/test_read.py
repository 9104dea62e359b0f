"""Read endpoints over the seeded store: filters, pagination, provenance, ledger, control, search."""

from __future__ import annotations

from apiseed import AR_EVIDENCE


def _events(client, query: str = "") -> dict:
    r = client.get("/api/events" + query)
    assert r.status_code == 200, r.text
    return r.json()


def test_openapi_and_health(client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/claims", "/api/documents", "/api/ledger",
                 "/api/control", "/api/control/holder", "/api/places", "/api/actors", "/api/events/clusters"):
        assert path in spec["paths"], path
    assert client.get("/healthz").json() == {"status": "ok", "database": "sqlite"}


def test_events_list_has_every_seeded_event_newest_first(client) -> None:
    page = _events(client)
    assert page["total"] == 5
    dates = [e["date"]["from"] for e in page["items"]]
    assert dates == sorted(dates, reverse=True)
    assert {e["event_type"] for e in page["items"]} == {"Explosions/Remote violence", "Battles", "Protests"}


def test_pagination_keeps_the_total(client) -> None:
    first = _events(client, "?limit=2")
    second = _events(client, "?limit=2&offset=2")
    assert first["total"] == second["total"] == 5
    assert len(first["items"]) == 2 and len(second["items"]) == 2
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}


def test_filters(client) -> None:
    assert _events(client, "?event_type=Battles")["total"] == 2
    assert _events(client, "?event_type=Protests")["total"] == 1
    assert _events(client, "?from=2024-12-02&to=2024-12-02")["total"] == 2
    # a box around Idlib city only
    assert [e["place"]["name"] for e in _events(client, "?bbox=36.5,35.8,36.7,36.0")["items"]] == ["Idlib"]
    assert _events(client, "?actor=protesters")["total"] == 1
    assert _events(client, "?source=sohr")["total"] == 1
    assert _events(client, "?place=Saraqib")["total"] == 1
    assert _events(client, "?grade=discounted")["total"] == 0


def test_event_detail_is_the_provenance(client) -> None:
    idlib = _events(client, "?place=Idlib")["items"][0]
    ev = client.get(f"/api/events/{idlib['id']}").json()
    assert ev["fatalities"]["best"] == 7
    claim = next(c for c in ev["claims"] if c["kind"] == "event")
    doc = claim["document"]
    assert doc["lang"] == "ar" and doc["outlet"] == "Example Arabic Wire"
    start, end = claim["span"]
    assert doc["text"][start:end] == AR_EVIDENCE == claim["evidence"]
    assert claim["source"] == "sohr"


def test_documents_and_claims(client) -> None:
    docs = client.get("/api/documents?lang=ar").json()
    assert docs["total"] == 2
    assert all(d["lang"] == "ar" for d in docs["items"])
    one = client.get(f"/api/documents/{docs['items'][0]['id']}").json()
    assert one["text"] and one["n_claims"] >= 1
    claims = client.get("/api/claims?kind=casualties").json()
    assert claims["total"] == 4
    assert {c["fact"]["party"] for c in claims["items"]} == {"civilian", "nonstate"}
    c = client.get(f"/api/claims/{claims['items'][0]['id']}").json()
    assert c["document"]["id"] == c["document_id"]


def test_ledger_keeps_running_totals_apart(client) -> None:
    led = client.get("/api/ledger").json()
    parties = {p["party"]: p for p in led["parties"]}
    civ = parties["civilian"]
    assert (civ["low"], civ["best"], civ["high"]) == (7, 7, 7)
    assert [(t["source"], t["best"]) for t in civ["running_totals"]] == [("sohr", 45)]
    non = parties["nonstate"]
    # three fighters, plus "dozens" (low 24, no best stated): both incidents in the low bound
    assert non["low"] == 27 and len(non["claim_ids"]) == 2
    assert led["filters_applied"] == []
    assert client.get("/api/ledger?from=2024-12-03").json()["filters_applied"] == ["from"]


def test_control_timeline_and_holder(client) -> None:
    tl = client.get("/api/control?place=Saraqib").json()
    assert [(c["change"], c["actor"], c["source"]) for c in tl["changes"]] == [("gained", "opposition", "opposition")]
    after = client.get("/api/control/holder?place=Saraqib&date=2024-12-05").json()
    assert after["actor"] == "opposition" and after["source"] == "opposition"
    assert after["evidence"]["evidence"] == ["took full control of the town of Saraqib"]
    before = client.get("/api/control/holder?place=Saraqib&date=2024-11-30").json()
    assert before["actor"] is None
    unknown = client.get("/api/control?place=Atlantis")
    assert unknown.status_code == 404
    assert unknown.json()["error"]["message"].startswith("no control claims for 'Atlantis'")


def test_clusters_bin_events_and_keep_single_ids(client) -> None:
    wide = client.get("/api/events/clusters?zoom=3").json()
    assert wide["total"] == 5
    assert len(wide["cells"]) < 5  # the four northern events share a cell at zoom 3
    close = client.get("/api/events/clusters?zoom=12").json()
    assert len(close["cells"]) == 5
    assert all(c["count"] == 1 and c["event_id"] for c in close["cells"])


def test_timeline_counts_per_day_and_lists_control_changes(client) -> None:
    tl = client.get("/api/events/timeline?unit=day").json()
    by_day = {b["date"]: b["count"] for b in tl["bins"]}
    assert by_day == {"2024-11-29": 1, "2024-12-01": 1, "2024-12-02": 2, "2024-12-03": 1}
    assert [c["place"]["name"] for c in tl["control_changes"]] == ["Saraqib"]
    month = client.get("/api/events/timeline?unit=month").json()
    assert {b["date"]: b["count"] for b in month["bins"]} == {"2024-11-01": 1, "2024-12-01": 4}


def test_places_search_in_arabic_and_english(app, client) -> None:
    from sqlalchemy import insert

    from marsad.api.queries import norm_text
    from marsad.store.schema import place_names, places

    with app.state.engine.begin() as conn:
        conn.execute(insert(places).values(id="t-170063", name_en="Aleppo", name_ar="حلب", level="city",
                                           lat=36.2, lon=37.16, population=1_800_000, source="test"))
        for name, lang in (("Aleppo", "en"), ("حلب", "ar"), ("Halab", "en")):
            conn.execute(insert(place_names).values(place_id="t-170063", name=name, norm=norm_text(name), lang=lang))
    for q in ("حلب", "aleppo", "ALEP", "Halab"):
        items = client.get("/api/places", params={"q": q}).json()["items"]
        assert [i["id"] for i in items] == ["t-170063"], q
    assert client.get("/api/places", params={"q": "Homs"}).json()["items"] == []


def test_actor_search(client) -> None:
    ids = [a["id"] for a in client.get("/api/actors?q=syria").json()["items"]]
    assert "syria-military" in ids


def test_private_text_needs_a_role(seeded_url, keys) -> None:
    from fastapi.testclient import TestClient

    from marsad.api import create_app

    private = TestClient(create_app(seeded_url, open_text=False))
    doc = private.get("/api/documents?lang=ar").json()["items"][0]
    assert private.get(f"/api/documents/{doc['id']}").json()["text"] is None
    got = private.get(f"/api/documents/{doc['id']}", headers={"X-API-Key": keys["reader"]}).json()
    assert got["text"].startswith("قال المرصد")


def test_actor_search_by_arabic_and_english_names(client) -> None:
    for q in ("هيئة تحرير الشام", "Tahrir al-Sham", "hts"):
        items = client.get("/api/actors", params={"q": q}).json()["items"]
        assert items and items[0]["id"] == "hts", q
