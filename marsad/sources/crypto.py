"""Encryption at rest of field sources' identities and contacts (Fernet, MARSAD_SECRET_KEY).

Fernet is AES-128-CBC with an HMAC-SHA256 and a random IV per message, so the same
name encrypts differently every time and nothing in the database reveals it. The key
is read from the environment each time it is needed, never stored, never logged.
"""

from __future__ import annotations

from typing import Any

from marsad import settings
from marsad.errors import ConfigError

__all__ = ["Vault", "vault", "new_secret_key", "KEYGEN_HINT"]

KEYGEN_HINT = "make one with `marsad sources keygen` and export it as MARSAD_SECRET_KEY"


def new_secret_key() -> str:
    """A fresh Fernet key (url-safe base64 of 32 random bytes)."""
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode("ascii")


class Vault:
    """Encrypts and decrypts short texts with one Fernet key."""

    def __init__(self, key: str) -> None:
        from cryptography.fernet import Fernet

        try:
            self._fernet: Any = Fernet(key.strip().encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise ConfigError(
                "MARSAD_SECRET_KEY is not a Fernet key (32 bytes in url-safe base64, 44 characters); "
                + KEYGEN_HINT
            ) from None

    def encrypt(self, text: str) -> bytes:
        return self._fernet.encrypt(text.encode("utf-8"))

    def decrypt(self, token: bytes) -> str:
        from cryptography.fernet import InvalidToken

        try:
            return self._fernet.decrypt(bytes(token)).decode("utf-8")
        except InvalidToken:
            raise ConfigError(
                "MARSAD_SECRET_KEY does not decrypt the stored sources: it is not the key they were "
                "encrypted with; set the original key (a lost key cannot be recovered)"
            ) from None


def vault() -> Vault:
    """The vault for the configured key; a clear ``ConfigError`` when none is set."""
    key = settings.get("MARSAD_SECRET_KEY")
    if not key:
        raise ConfigError("MARSAD_SECRET_KEY is not set, so source identities cannot be encrypted or read; "
                          + KEYGEN_HINT)
    return Vault(key)
