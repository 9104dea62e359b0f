from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # helpers beside the tests (pytest runs in importlib mode)

from evalfacts import actor_map  # noqa: E402

from marsad.eval.actors import ActorMap


@pytest.fixture
def actors() -> ActorMap:
    return actor_map()
