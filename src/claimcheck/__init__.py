"""claimcheck: keep published facts honest over time."""

__version__ = "0.1.0"
