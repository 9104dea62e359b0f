"""Field sources: the registry (pseudonymous ids, identities encrypted at rest), the
append-only audit log, and corrections. Reports themselves enter through
``marsad.ingest.reports``. Imported lazily: ``import marsad.sources`` loads nothing heavy.
"""

from __future__ import annotations

__all__: list[str] = []
