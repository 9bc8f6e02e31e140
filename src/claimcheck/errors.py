"""One error tree: every message names the file and the problem."""

from __future__ import annotations


class ClaimcheckError(Exception):
    """An expected failure the CLI turns into a one-line message and exit code 2."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)


class ConfigError(ClaimcheckError):
    """The configuration file is missing, malformed or names something that does not exist."""


class InputError(ClaimcheckError):
    """A source file cannot be used."""


class ReportError(ClaimcheckError):
    """The report could not be written."""
