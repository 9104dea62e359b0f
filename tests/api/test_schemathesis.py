"""Property-based requests generated from /openapi.json: the API never answers 5xx.

Every operation is exercised anonymously (reads open, writes 401) and with an admin key
(writes go through). Examples per operation are capped to keep the suite fast.
(schemathesis' lazy ``from_fixture`` does not run on pytest 9, so the operations are
walked here with one hypothesis run each.)
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install -e '.[test]')")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402


@pytest.fixture(scope="module")
def admin_key(app) -> str:
    from marsad.api.auth import create_key

    return create_key(app.state.engine, "admin", "schemathesis")


def _operations(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize(("role", "examples"), [("anonymous", 30), ("admin", 10)])
def test_generated_requests_never_get_a_5xx(app, admin_key: str, role: str, examples: int) -> None:
    headers = {"X-API-Key": admin_key} if role == "admin" else None
    operations = _operations(app)
    assert len(operations) >= 15
    for op in operations:

        @given(case=op.as_strategy())
        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def run(case) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        try:
            run()
        except Exception as exc:  # name the operation in the failure
            raise AssertionError(f"{op.method.upper()} {op.path} ({role}): {exc}") from exc
