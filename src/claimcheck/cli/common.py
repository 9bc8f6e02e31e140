"""The click group every command hangs on, and the one decorator that turns expected errors into exit 2."""

from __future__ import annotations

import functools
import sys

import click

from claimcheck import __version__
from claimcheck.checker.outcome import EXIT_ERROR
from claimcheck.errors import ClaimcheckError


def clean_errors(command):
    """Expected errors become one line on stderr and exit code 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ClaimcheckError as exc:
            click.echo(f"claimcheck: {exc}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper


@click.group()
@click.version_option(__version__, prog_name="claimcheck")
def main() -> None:
    """Check the figures a corpus of dated sources states, against each other and over time."""
