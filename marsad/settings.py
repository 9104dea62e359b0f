"""One table of settings, read from MARSAD_* environment variables with clear errors."""

from __future__ import annotations

import os
from dataclasses import dataclass

from marsad.errors import ConfigError

__all__ = ["Setting", "SETTINGS", "get"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("MARSAD_DATABASE_URL", "sqlite:///marsad.db", "SQLAlchemy URL of the store; PostgreSQL via postgresql+psycopg://…"),
    Setting("MARSAD_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test", "PostgreSQL server the test suite uses (each run in its own schema)."),
    Setting("MARSAD_SECRET_KEY", None, "Fernet key that encrypts field sources' identities at rest; required once sources exist (make one with `marsad sources keygen`)."),
    Setting("MARSAD_REPORT_RATE", "30/60", "Field reports an API key may submit: N/SECONDS (token bucket per key, per server process)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str | None:
    """Value of a known setting: the environment first, then its default."""
    if name not in _BY_NAME:
        raise ConfigError(f"unknown setting {name}; known settings: {', '.join(_BY_NAME)}")
    return os.environ.get(name) or _BY_NAME[name].default
