"""Run the app with uvicorn: the plain function behind ``marsad serve`` and ``marsad demo``."""

from __future__ import annotations

import socket

from marsad.errors import InputError

__all__ = ["serve", "address"]


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port or stop what uses it") from None


def serve(db_url: str | None = None, host: str = "127.0.0.1", port: int = 8000, *, open_text: bool = True, echo=print) -> None:  # type: ignore[no-untyped-def]
    """Serve the API and dashboard until interrupted; prints the address first."""
    import uvicorn

    from marsad.api.app import create_app

    if not 0 < port < 65536:
        raise InputError(f"port {port} is out of range; use 1–65535")
    _check_port(host, port)
    app = create_app(db_url, open_text=open_text)
    echo(f"marsad dashboard and API on {address(host, port)}  (API docs: {address(host, port)}api/docs; Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
