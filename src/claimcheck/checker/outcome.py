"""Severity policy: which open findings fail a run, and the exit codes."""

from __future__ import annotations

from collections.abc import Iterable

from claimcheck.checker.model import Finding

EXIT_OK = 0  # nothing at or above the threshold is open
EXIT_FINDINGS = 1  # something at or above the threshold is open
EXIT_ERROR = 2  # usage, config or input error: the run could not be trusted

# --fail-on names a kind; everything at least as severe as that kind fails the run.
FAIL_ON = {"conflict": "error", "stale": "warning", "change": "info", "never": None}
_RANK = {"error": 3, "warning": 2, "info": 1, "none": 0}
COUNTING_STATUSES = frozenset({"open", "needs-re-review"})


def failing(findings: Iterable[Finding], fail_on: str) -> tuple[Finding, ...]:
    """The findings that make the run fail under ``fail_on``."""
    threshold = FAIL_ON[fail_on]
    if threshold is None:
        return ()
    return tuple(
        f for f in findings if f.status in COUNTING_STATUSES and _RANK[f.severity] >= _RANK[threshold]
    )


def exit_code(findings: Iterable[Finding], fail_on: str) -> int:
    """EXIT_FINDINGS when any counting finding reaches the threshold, else EXIT_OK."""
    return EXIT_FINDINGS if failing(findings, fail_on) else EXIT_OK
