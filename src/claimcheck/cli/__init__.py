"""The command line: one module per command, all hung on the group in common.py."""

from claimcheck.cli import resolve, review, run  # noqa: F401  (registers the commands)
from claimcheck.cli import cache as _cache  # noqa: F401  (registers `claimcheck cache`)
from claimcheck.cli import eval as _eval  # noqa: F401  (registers `claimcheck eval`)
from claimcheck.cli.common import main

__all__ = ["main"]
