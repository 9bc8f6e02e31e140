"""Severity policy: which open findings fail a run under --fail-on, and the exit codes."""

from __future__ import annotations

import pytest

from claimcheck.checker.model import DEFAULT_SEVERITY, KINDS, Finding
from claimcheck.checker.outcome import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, FAIL_ON, exit_code, failing


def finding(kind: str, status: str = "open") -> Finding:
    return Finding(
        id=f"f-{kind}", kind=kind, severity=DEFAULT_SEVERITY[kind], subject="ICE", measure="m", scope=None,
        unit="count", period="p", claims=("c",), evidence_digest="0" * 64, message=kind, status=status,
    )  # fmt: skip


def test_exit_codes_are_distinct_named_constants() -> None:
    assert (EXIT_OK, EXIT_FINDINGS, EXIT_ERROR) == (0, 1, 2)


@pytest.mark.parametrize(
    "fail_on, failing_kinds",
    [
        ("conflict", {"conflict"}),
        ("stale", {"conflict", "stale", "undated-discrepancy"}),
        ("change", {"conflict", "stale", "undated-discrepancy", "change", "revision"}),
        ("never", set()),
    ],
)
def test_each_threshold_fails_on_its_kind_and_everything_more_severe(fail_on, failing_kinds) -> None:
    findings = [finding(kind) for kind in KINDS]
    assert {f.kind for f in failing(findings, fail_on)} == failing_kinds
    assert exit_code(findings, fail_on) == (EXIT_FINDINGS if failing_kinds else EXIT_OK)
    for kind in KINDS:
        assert exit_code([finding(kind)], fail_on) == (EXIT_FINDINGS if kind in failing_kinds else EXIT_OK)


def test_agreements_never_fail_a_run() -> None:
    assert all(exit_code([finding("agreement")], fail_on) == EXIT_OK for fail_on in FAIL_ON)


@pytest.mark.parametrize("status, counts", [("open", True), ("needs-re-review", True), ("resolved", False)])
def test_resolved_findings_do_not_count_but_changed_evidence_does(status, counts) -> None:
    assert exit_code([finding("conflict", status)], "conflict") == (EXIT_FINDINGS if counts else EXIT_OK)


def test_no_findings_is_ok() -> None:
    assert exit_code([], "change") == EXIT_OK
