"""The command line: one module per command, all hung on the group in common.py."""

from claimcheck.cli import run  # noqa: F401  (registers the command)
from claimcheck.cli.common import main

__all__ = ["main"]
