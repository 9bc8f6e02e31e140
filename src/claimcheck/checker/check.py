"""The checker's entry point: claims in, findings out, in one defined order."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from claimcheck.checker.classify import classify_group
from claimcheck.checker.group import group_claims
from claimcheck.checker.model import SEVERITIES, CheckerSettings, Finding
from claimcheck.claims.model import Claim

SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def finding_order_key(finding: Finding) -> tuple:
    """Severity (error first), then kind, subject, measure, scope, period and id."""
    return (
        SEVERITY_RANK.get(finding.severity, len(SEVERITY_RANK)),
        finding.kind,
        finding.subject,
        finding.measure,
        finding.scope or "",
        finding.period or "",
        finding.id,
    )


def _unique_ids(findings: list[Finding]) -> list[Finding]:
    # Two findings with one id mean the id recipe failed to tell them apart: that is a bug in the
    # recipe, not in the data. Until it is fixed, keep ids unique without randomness: every
    # finding sharing an id gets the first 8 hex chars of its evidence digest appended (and, should
    # even those tie, its position in the order of its digest and message).
    by_id: dict[str, list[Finding]] = {}
    for finding in findings:
        by_id.setdefault(finding.id, []).append(finding)
    result = []
    for fid, same in by_id.items():
        if len(same) == 1:
            result.append(same[0])
            continue
        seen: dict[str, int] = {}
        for finding in sorted(same, key=lambda f: (f.evidence_digest, f.message, f.claims)):
            new_id = f"{fid}-{finding.evidence_digest[:8]}"
            count = seen.get(new_id, 0)
            seen[new_id] = count + 1
            result.append(attrs.evolve(finding, id=new_id if count == 0 else f"{new_id}-{count}"))
    return result


def check(claims: Iterable[Claim], settings: CheckerSettings = CheckerSettings()) -> tuple[Finding, ...]:
    """Every finding about ``claims``, sorted by :func:`finding_order_key`.

    Pure: no I/O, no clock. The result does not depend on the order of ``claims``.
    """
    findings: list[Finding] = []
    for members in group_claims(claims).values():
        findings.extend(classify_group(members, settings))
    return tuple(sorted(_unique_ids(findings), key=finding_order_key))
