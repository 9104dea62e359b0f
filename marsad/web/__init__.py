"""The dashboard: one HTML page and static assets, served by ``marsad.api``.

No build step and no CDN: Leaflet and leaflet.markercluster are vendored under
``static/vendor/`` with their licences (see ``static/vendor/SOURCE.md``); the base
map is a small offline GeoJSON outline (``static/basemap.geojson``). Interface
strings are data, one file per language (``static/i18n/{en,ar}.json``).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["STATIC_DIR", "INDEX_HTML", "I18N_DIR"]

_HERE = Path(__file__).resolve().parent
STATIC_DIR = _HERE / "static"
INDEX_HTML = _HERE / "index.html"
I18N_DIR = STATIC_DIR / "i18n"
