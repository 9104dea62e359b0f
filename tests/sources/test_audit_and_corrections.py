"""The audit log refuses changes; corrections record who and why, keep the original, re-fuse."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError

from marsad.store.schema import audit_log


def test_audit_log_is_append_only(field) -> None:
    engine = field.app.state.engine
    for statement in (update(audit_log).values(who="someone else"), delete(audit_log)):
        with pytest.raises(DBAPIError, match="audit_log is append-only"):
            with engine.begin() as conn:
                conn.execute(statement)
    if engine.dialect.name == "postgresql":
        with pytest.raises(DBAPIError, match="audit_log is append-only"):
            with engine.begin() as conn:
                conn.execute(text("TRUNCATE audit_log"))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one() >= 7  # keys + sources


def _report(field) -> dict:
    body = {"source": field.src1, "text": "قتل أربعة مدنيين في غارة على بلدة في ريف إدلب صباح اليوم.", "lang": "ar",
            "counts": {"killed": 4}, "party": "civilian", "date": "2024-12-02", "place": "إدلب"}
    r = field.client.post("/api/reports", json=body, headers=field.h("handler1"))
    assert r.status_code == 201, r.text
    return r.json()


def test_analyst_marks_a_claim_wrong_and_restores_it(field) -> None:
    out = _report(field)
    claim_id = field.client.get(f"/api/reports/{out['id']}", headers=field.h("analyst")).json()["claims"][0]["id"]
    r = field.client.post(f"/api/claims/{claim_id}/corrections", json={"action": "wrong", "reason": "double-counted"},
                          headers=field.h("analyst"))
    assert r.status_code == 200, r.text
    assert r.json() | {"fused": None} == {"claim": claim_id, "status": "wrong", "before": "active", "fused": None}
    again = field.client.post(f"/api/claims/{claim_id}/corrections", json={"action": "wrong", "reason": "x"},
                              headers=field.h("analyst"))
    assert again.status_code == 409 and again.json()["error"]["message"] == f"claim {claim_id} is already wrong"
    assert field.client.post(f"/api/claims/{claim_id}/corrections", json={"action": "restore", "reason": "checked"},
                             headers=field.h("analyst")).json()["status"] == "active"
    history = field.client.get(f"/api/claims/{claim_id}/corrections").json()["items"]
    who = f"key:{field.key_ids['analyst']}"
    assert [(h["action"], h["before"], h["reason"], h["who"]) for h in history] == [
        ("wrong", "active", "double-counted", who), ("restore", "wrong", "checked", who)]
    # a reader and a handler may not correct; the refusal is audited
    for role in ("reader", "handler1"):
        r = field.client.post(f"/api/claims/{claim_id}/corrections", json={"reason": "no"}, headers=field.h(role))
        assert r.status_code == 403
    audit = field.client.get("/api/audit", params={"action": "claim."}, headers=field.h("admin")).json()["items"]
    assert [(a["action"], a["outcome"]) for a in audit] == [
        ("claim.wrong", "ok"), ("claim.restore", "ok"), ("claim.wrong", "denied"), ("claim.wrong", "denied")]


def test_retracting_a_report_withdraws_its_claims_but_keeps_them_readable(field) -> None:
    out = _report(field)
    r = field.client.post(f"/api/reports/{out['id']}/retract", json={"reason": "the source withdrew it"},
                          headers=field.h("analyst"))
    assert r.status_code == 200, r.text
    assert r.json()["claims_retracted"] == out["claims"] >= 1
    report = field.client.get(f"/api/reports/{out['id']}", headers=field.h("analyst")).json()
    assert report["status"] == "retracted"
    assert {c["status"] for c in report["claims"]} == {"retracted"}
    assert report["text"].startswith("قتل أربعة")  # the original stays readable
    assert report["history"][0] | {"at": None, "target_id": None} == {
        "target": "report", "target_id": None, "action": "retract", "before": "active",
        "reason": "the source withdrew it", "who": f"key:{field.key_ids['analyst']}", "at": None}
    from marsad.store import Store

    store = Store(field.app.state.engine)
    assert not list(store.iter_claims(document_id=out["document_id"]))  # active claims: none
    kept = list(store.iter_claims(document_id=out["document_id"], status=None))
    assert len(kept) == out["claims"] and {c.claim.source for c in kept} == {f"field:{field.src1}"}
    twice = field.client.post(f"/api/reports/{out['id']}/retract", json={"reason": "again"}, headers=field.h("analyst"))
    assert twice.status_code == 409
    assert field.client.post(f"/api/reports/{out['id']}/retract", json={"reason": "x"},
                             headers=field.h("reader")).status_code == 403


def test_retracted_claims_are_discounted_in_the_fused_record(field) -> None:
    pytest.importorskip("marsad.fuse.persist")
    from sqlalchemy import select

    from marsad.fuse import fuse_store
    from marsad.store import Store
    from marsad.store.schema import event_claims, events

    out = _report(field)
    engine = field.app.state.engine
    fuse_store(Store(engine))
    ids = [c.id for c in Store(engine).iter_claims(document_id=out["document_id"])]
    query = (select(events.c.id, events.c.grade).join(event_claims, event_claims.c.event_id == events.c.id)
             .where(event_claims.c.claim_id.in_(ids)))
    with engine.connect() as conn:
        before = dict(conn.execute(query).all())
    if not before:
        pytest.skip("fusion made no event of this report's claims")
    assert "discounted" not in before.values()
    r = field.client.post(f"/api/reports/{out['id']}/retract", json={"reason": "withdrawn"}, headers=field.h("analyst"))
    assert r.json()["fused"] is True  # the route re-ran fusion itself
    with engine.connect() as conn:
        after = dict(conn.execute(query).all())
    assert set(after.values()) == {"discounted"}
