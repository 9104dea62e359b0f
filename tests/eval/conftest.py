from __future__ import annotations

import pytest
from evalfacts import actor_map

from marsad.eval.actors import ActorMap


@pytest.fixture
def actors() -> ActorMap:
    return actor_map()
