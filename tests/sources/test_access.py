"""Who sees what: readers no sources, analysts pseudonymous ids, handlers their own
sources' identities only — every such read audited; revoked keys refused."""

from __future__ import annotations

import re

from fieldseed import CONTACT_1, IDENTITY_1, IDENTITY_2

AR_REPORT = "قتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف على حي سكني في دوما مساء أمس."


def _submit(field, role: str = "handler1", **extra) -> dict:
    body = {"source": field.src1, "text": AR_REPORT, "lang": "ar", "credibility": 2, "place": "دوما",
            "date": "2024-12-01", "counts": {"killed": 3}, "party": "civilian"} | extra
    r = field.client.post("/api/reports", json=body, headers=field.h(role))
    assert r.status_code == 201, r.text
    return r.json()


def _audit(field, **params) -> list[dict]:
    r = field.client.get("/api/audit", params=params | {"limit": 1000}, headers=field.h("admin"))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_public_ids_are_random_and_not_derived(field) -> None:
    assert re.fullmatch(r"SRC-[0-9A-F]{12}", field.src1) and field.src1 != field.src2


def test_arabic_report_becomes_claims_attributed_to_the_pseudonymous_source(field) -> None:
    out = _submit(field)
    assert out["source"] == field.src1 and out["claims"] >= 1
    from marsad.store import Store

    stored = list(Store(field.app.state.engine).iter_claims(document_id=out["document_id"]))
    assert stored and {c.claim.source for c in stored} == {f"field:{field.src1}"}
    killed = [c.claim for c in stored if c.claim.kind == "casualties" and c.claim.outcome == "killed"]
    assert [c.count for c in killed] == [3]
    # the published record (open to anyone) names the source only by its id
    claims = field.client.get("/api/claims", params={"limit": 100}).text
    assert field.src1 in claims and IDENTITY_1 not in claims


def test_reader_cannot_read_a_report_or_its_source_and_the_attempt_is_audited(field) -> None:
    rid = _submit(field)["id"]
    for path in (f"/api/reports/{rid}", f"/api/sources/{field.src1}", f"/api/sources/{field.src1}/identity"):
        r = field.client.get(path, headers=field.h("reader"))
        assert r.status_code == 403, path
        assert IDENTITY_1 not in r.text and CONTACT_1 not in r.text
    denied = [e for e in _audit(field) if e["who"] == f"key:{field.key_ids['reader']}"]
    assert [(e["action"], e["outcome"]) for e in denied] == [
        ("report.read", "denied"), ("source.read", "denied"), ("identity.read", "denied")]


def test_analyst_sees_only_the_pseudonymous_id(field) -> None:
    rid = _submit(field)["id"]
    r = field.client.get(f"/api/reports/{rid}", headers=field.h("analyst"))
    assert r.status_code == 200
    body = r.json()
    assert body["source"] == field.src1 and body["admiralty"] == "B2"
    assert IDENTITY_1 not in r.text and CONTACT_1 not in r.text
    src = field.client.get(f"/api/sources/{field.src1}", headers=field.h("analyst"))
    assert src.status_code == 200 and set(src.json()) == {"id", "area", "reliability", "reliability_meaning",
                                                          "status", "reports"}
    ident = field.client.get(f"/api/sources/{field.src1}/identity", headers=field.h("analyst"))
    assert ident.status_code == 403
    assert ident.json()["error"]["message"] == f"only the handler assigned to {field.src1} may read its identity"
    lines = [(e["action"], e["target"], e["outcome"]) for e in _audit(field)
             if e["who"] == f"key:{field.key_ids['analyst']}"]
    assert lines == [("report.read", rid, "ok"), ("source.read", field.src1, "ok"),
                     ("identity.read", field.src1, "denied")]


def test_handler_reads_the_identity_of_own_sources_only(field) -> None:
    own = field.client.get(f"/api/sources/{field.src1}/identity", headers=field.h("handler1"))
    assert own.status_code == 200
    assert own.json() == {"id": field.src1, "identity": IDENTITY_1, "contact": CONTACT_1}
    other = field.client.get(f"/api/sources/{field.src2}/identity", headers=field.h("handler1"))
    assert other.status_code == 403 and IDENTITY_2 not in other.text
    admin = field.client.get(f"/api/sources/{field.src1}/identity", headers=field.h("admin"))
    assert admin.status_code == 403
    reads = [(e["who"], e["target"], e["outcome"]) for e in _audit(field, action="identity")]
    h1, adm = f"key:{field.key_ids['handler1']}", f"key:{field.key_ids['admin']}"
    assert reads == [(h1, field.src1, "ok"), (h1, field.src2, "denied"), (adm, field.src1, "denied")]
    listed = field.client.get("/api/sources", headers=field.h("handler1")).json()["items"]
    assert {s["id"]: s["assigned_to_you"] for s in listed} == {field.src1: True, field.src2: False}


def test_handler_files_reports_for_own_sources_only(field) -> None:
    r = field.client.post("/api/reports", json={"source": field.src2, "text": "A quiet night in the test town."},
                          headers=field.h("handler1"))
    assert r.status_code == 403
    assert r.json()["error"]["message"] == (f"source {field.src2} is not assigned to this key; "
                                            "a handler files reports for their own sources")
    assert field.client.post("/api/reports", json={"source": field.src1, "text": "x"},
                             headers=field.h("analyst")).status_code == 403


def test_revoked_key_is_refused(field) -> None:
    from marsad.api.auth import revoke_key

    assert revoke_key(field.app.state.engine, field.keys["handler1"]) == 1
    r = field.client.get(f"/api/sources/{field.src1}/identity", headers=field.h("handler1"))
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    assert any(e["action"] == "key.revoke" for e in _audit(field))


def test_admin_reassigns_a_source_and_the_new_handler_may_read(field) -> None:
    r = field.client.put(f"/api/sources/{field.src1}/handler", json={"handler_key_id": field.key_ids["handler2"]},
                         headers=field.h("admin"))
    assert r.status_code == 200, r.text
    assert field.client.get(f"/api/sources/{field.src1}/identity", headers=field.h("handler1")).status_code == 403
    assert field.client.get(f"/api/sources/{field.src1}/identity",
                            headers=field.h("handler2")).json()["identity"] == IDENTITY_1
    assert field.client.put(f"/api/sources/{field.src1}/handler", json={"handler_key_id": field.key_ids["handler1"]},
                            headers=field.h("analyst")).status_code == 403


def test_only_admins_read_the_audit_log(field) -> None:
    for role in ("reader", "analyst", "handler1"):
        assert field.client.get("/api/audit", headers=field.h(role)).status_code == 403
    assert field.client.get("/api/audit").status_code == 401
