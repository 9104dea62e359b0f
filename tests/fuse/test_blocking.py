"""Blocking never loses a match: two reports ≤ 5 km apart (anywhere but the poles) merge."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from fuse_helpers import rec, strike
from marsad.fuse.events import build_events
from marsad.fuse.records import distance_km
from marsad.model import Place


@settings(max_examples=150, deadline=None)
@given(
    lat=st.floats(-70, 70),
    lon=st.floats(-179, 179),
    bearing=st.floats(0, 2 * math.pi),
    km=st.floats(0, 4.9),
)
def test_close_reports_share_a_block(lat: float, lon: float, bearing: float, km: float) -> None:
    a = Place("A", "city", lat=lat, lon=lon)
    dlat = km * math.cos(bearing) / 111.32
    dlon = km * math.sin(bearing) / (111.32 * math.cos(math.radians(lat)))
    b = Place("B", "city", lat=lat + dlat, lon=lon + dlon)
    if (distance_km(a, b) or 0) > 5.0:
        return
    recs = [rec(strike("sohr", "2024-12-01", place=a), "b1", "2024-12-01"), rec(strike("afp", "2024-12-01", place=b), "b2", "2024-12-01")]
    assert len(build_events(recs).events) == 1
