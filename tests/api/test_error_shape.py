"""Every error the API gives has one shape: {"error": {"code", "message"}} (and never a 500)."""

from __future__ import annotations

import pytest

BAD_REQUESTS = [
    ("GET", "/api/events?bbox=1,2", 422, "invalid_parameter", "bbox must be west,south,east,north (4 numbers), got '1,2'"),
    ("GET", "/api/events?bbox=a,b,c,d", 422, "invalid_parameter", "bbox must be 4 numbers, got 'a,b,c,d'"),
    ("GET", "/api/events?bbox=40,36,35,37", 422, "invalid_parameter", "bbox longitudes must satisfy west <= east (degrees)"),
    ("GET", "/api/events?limit=0", 422, "invalid_parameter", "limit: Input should be greater than or equal to 1"),
    ("GET", "/api/events?from=2024-13-01", 422, "invalid_parameter", None),
    ("GET", "/api/events?from=2024-12-05&to=2024-12-01", 422, "invalid_parameter", "'to' (2024-12-01) is before 'from' (2024-12-05)"),
    ("GET", "/api/events?grade=sure", 422, "invalid_parameter", "unknown grade 'sure'; expected one of confirmed, fair, weak, contested, discounted"),
    ("GET", "/api/events/no-such-event", 404, "not_found", "no event with id 'no-such-event'"),
    ("GET", "/api/documents/999999", 404, "not_found", "no document with id 999999"),
    ("GET", "/api/documents/abc", 422, "invalid_parameter", None),
    ("GET", "/api/claims/999999", 404, "not_found", "no claim with id 999999"),
    ("GET", "/api/control", 422, "invalid_parameter", "place: Field required"),
    ("GET", "/api/nowhere", 404, "not_found", "no such path; the API lives under /api/ (see /openapi.json)"),
    ("DELETE", "/api/events", 405, "method_not_allowed", "Method Not Allowed"),
    ("POST", "/api/documents", 401, "unauthorized", "this endpoint needs an API key (header X-API-Key) whose role allows 'ingest'"),
]


@pytest.mark.parametrize(("method", "path", "status", "code", "message"), BAD_REQUESTS)
def test_error_shape(client, method: str, path: str, status: int, code: str, message: str | None) -> None:
    r = client.request(method, path, json={"text": "x"} if method == "POST" else None)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    if message is not None:
        assert body["error"]["message"] == message
    else:
        assert body["error"]["message"]


def test_wrong_key_is_401_in_the_same_shape(client) -> None:
    r = client.get("/api/events", headers={"X-API-Key": "mk_not-a-real-key"})
    assert r.status_code == 401
    assert r.json() == {
        "error": {
            "code": "unauthorized",
            "message": "the API key is unknown or revoked; ask an admin for a key (marsad keys create --role ROLE)",
        }
    }


def test_invalid_body_is_422(client, keys) -> None:
    r = client.post("/api/documents", json={"text": ""}, headers={"X-API-Key": keys["editor"]})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "invalid_parameter"
    assert r.json()["error"]["message"].startswith("text: ")
