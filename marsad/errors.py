"""Named errors with a code and a one-line message that says what, why and what to do.

The library raises these; the CLI prints ``error[CODE]: message`` and exits non-zero.
"""

from __future__ import annotations

__all__ = ["MarsadError", "InputError", "StoreError", "ConfigError", "GoldFormatError",
           "NotFoundError", "ConflictError", "AccessDenied"]


class MarsadError(Exception):
    """Base of every error marsad reports to a user."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"error[{self.code}]: {self.message}"


class InputError(MarsadError):
    """A file or argument the user gave cannot be used."""

    code = "E100"
    exit_code = 2


class StoreError(MarsadError):
    """The database cannot be reached or is not at the expected schema."""

    code = "E200"


class ConfigError(MarsadError):
    """A MARSAD_* setting is missing or malformed."""

    code = "E300"
    exit_code = 2


class GoldFormatError(InputError):
    """A gold or prediction file does not follow shared/eval/FORMAT.md."""

    code = "E400"


class NotFoundError(InputError):
    """Something named by the user (a source, a report, a claim) does not exist."""

    code = "E110"


class ConflictError(InputError):
    """The input clashes with what is already stored (a duplicate, a finished state)."""

    code = "E130"


class AccessDenied(MarsadError):
    """The caller's role (or assignment) does not allow the action; nothing was done."""

    code = "E120"
    exit_code = 2
