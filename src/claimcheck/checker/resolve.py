"""Apply reviewers' resolutions to findings: resolved, needs re-review, or open; unused ones reported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import attrs

from claimcheck.checker.describe import describe
from claimcheck.checker.model import Finding
from claimcheck.claims.model import Claim

DECISIONS = ("confirmed", "expected-change", "false-positive", "source-preferred", "wont-fix")
SOURCE_PREFERRED = "source-preferred"

OPEN = "open"
RESOLVED = "resolved"
NEEDS_RE_REVIEW = "needs-re-review"


@attrs.frozen
class Resolution:
    """One reviewer's decision about one finding, as the resolutions file states it."""

    finding: str
    decision: str  # one of DECISIONS
    preferred_source: str | None = None  # with source-preferred only
    note: str | None = None
    reviewer: str | None = None
    date: dt.date | None = None
    evidence_digest: str | None = None  # the evidence the decision was made on
    evidence: tuple[str, ...] = ()  # the same evidence, readable: "path: quote"


@attrs.frozen
class Applied:
    """Findings with their status set, the resolutions nothing matched, and entries that are wrong."""

    findings: tuple[Finding, ...]
    unused: tuple[Resolution, ...]
    # (index of the entry, field, problem): the caller names the file, e.g. "resolution[2].preferred_source …"
    problems: tuple[tuple[int, str, str], ...] = ()


def evidence_lines(finding: Finding, claims: Mapping[str, Claim]) -> tuple[str, ...]:
    """The finding's evidence as a reader checks it: ``"path: quote"`` per claim, in the finding's order."""
    lines = []
    for claim_id in finding.claims:
        claim = claims.get(claim_id)
        lines.append(f"{claim.path}: {claim.evidence.quote}" if claim else claim_id)
    return tuple(lines)


def apply_resolutions(
    findings: Iterable[Finding], claims: Iterable[Claim], resolutions: Sequence[Resolution]
) -> Applied:
    """Set every finding's ``status`` and ``resolution`` from ``resolutions``. Pure and idempotent.

    A finding with a resolution whose recorded evidence digest matches its own is ``resolved``;
    one whose digest differs (or was never recorded) ``needs-re-review`` and its resolution says
    what changed; every other finding is ``open``. The previous status of a finding is ignored, so
    applying the same resolutions twice gives the same findings as applying them once. Resolutions
    naming no finding are returned as unused, in file order.
    """
    by_claim = {c.id: c for c in claims}
    by_finding: dict[str, tuple[int, Resolution]] = {}
    for index, resolution in enumerate(resolutions):
        # The reader rejects repeated ids; should a caller pass them anyway, the first entry wins.
        by_finding.setdefault(resolution.finding, (index, resolution))
    out: list[Finding] = []
    used: set[str] = set()
    problems: list[tuple[int, str, str]] = []
    for finding in findings:
        entry = by_finding.get(finding.id)
        if entry is None:
            out.append(attrs.evolve(finding, status=OPEN, resolution=None))
            continue
        index, resolution = entry
        used.add(finding.id)
        status, details, problem = _judge(finding, resolution, by_claim)
        if problem:
            problems.append((index, "preferred_source", problem))
        out.append(attrs.evolve(finding, status=status, resolution=details))
    unused = tuple(r for r in resolutions if r.finding not in used)
    return Applied(tuple(out), unused, tuple(problems))


def _judge(finding: Finding, resolution: Resolution, claims: Mapping[str, Claim]) -> tuple[str, dict, str | None]:
    details: dict = {"decision": resolution.decision}
    for key in ("reviewer", "note", "preferred_source"):
        value = getattr(resolution, key)
        if value:
            details[key] = value
    if resolution.date is not None:
        details["date"] = resolution.date.isoformat()
    if resolution.evidence_digest:
        details["evidence_digest"] = resolution.evidence_digest
    details["recorded_evidence"] = list(resolution.evidence)

    current = evidence_lines(finding, claims)
    if resolution.evidence_digest != finding.evidence_digest:
        # Never apply a decision to evidence it was not made on: show both, so the reviewer sees what moved.
        details["reason"] = (
            "no evidence digest was recorded with the decision"
            if not resolution.evidence_digest
            else "the evidence changed since the decision"
        )
        details["current_evidence"] = list(current)
        recorded = set(resolution.evidence)
        details["evidence_added"] = [line for line in current if line not in recorded]
        details["evidence_removed"] = [line for line in resolution.evidence if line not in set(current)]
        return NEEDS_RE_REVIEW, details, None

    if resolution.decision == SOURCE_PREFERRED:
        preferred = resolution.preferred_source
        members = [claims[c] for c in finding.claims if c in claims and claims[c].source == preferred]
        if not members:
            # Same evidence as when decided, so the source never was one of this finding's.
            known = ", ".join(finding.sources) or "none"
            return RESOLVED, details, f"{preferred!r} is not a source of finding {finding.id} (its sources: {known})"
        # Claims are oldest first, undated last: the preferred source's latest dated figure is its word.
        dated = [c for c in members if not c.undated]
        accepted = (dated or members)[-1]
        details["accepted_value"] = describe(accepted.value)
        details["accepted_claim"] = accepted.id
    return RESOLVED, details, None
