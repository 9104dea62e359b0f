"""marsad (مرصد): raw conflict reports in, an auditable record of claims, events,
casualty ledgers and territorial control out."""

__version__ = "0.1.0"
__all__ = ["__version__"]
