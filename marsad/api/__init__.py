"""FastAPI app (read API, writes behind API keys) and the dashboard it serves.

``create_app(db_url)`` builds the app; ``serve(db_url, host, port)`` runs it
(``marsad serve``, and ``marsad demo`` at its end). Imports are lazy so that
``import marsad.api`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["create_app", "serve"]

if TYPE_CHECKING:
    from marsad.api.app import create_app
    from marsad.api.server import serve


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from marsad.api.app import create_app

        return create_app
    if name == "serve":
        from marsad.api.server import serve

        return serve
    raise AttributeError(name)
