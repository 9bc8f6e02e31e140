"""Severity policy: which open findings fail a run, and the exit codes."""

from __future__ import annotations

from collections.abc import Iterable

from claimcheck.checker.model import DEFAULT_SEVERITY, SEVERITIES, Finding

EXIT_OK = 0  # nothing at or above the threshold is open
EXIT_FINDINGS = 1  # something at or above the threshold is open
EXIT_ERROR = 2  # usage, config or input error: the run could not be trusted

# --fail-on names a kind; everything at least as severe as that kind fails the run: "stale" also
# fails on undated discrepancies (warnings), "change" also on revisions (info).
FAIL_ON = {
    "conflict": DEFAULT_SEVERITY["conflict"],
    "stale": DEFAULT_SEVERITY["stale"],
    "change": DEFAULT_SEVERITY["change"],
    "never": None,
}
_RANK = {severity: len(SEVERITIES) - rank for rank, severity in enumerate(SEVERITIES)}  # error highest
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
