"""The checker's entry points: claims (and sources) in, findings, histories and lifecycles out."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable

import attrs

from claimcheck.checker.classify import classify_group
from claimcheck.checker.diff import version_diffs
from claimcheck.checker.fingerprint import EvidenceTexts
from claimcheck.checker.group import group_claims
from claimcheck.checker.lifecycle import lifecycles
from claimcheck.checker.model import SEVERITIES, Analysis, CheckerSettings, Finding
from claimcheck.claims.model import Claim, Source

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
    if len({finding.id for finding in findings}) == len(findings):
        return findings  # the usual case: every id is unique already
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
    """Every verdict on the groups of ``claims``, sorted by :func:`finding_order_key`.

    Pure: no I/O, no clock. The result does not depend on the order of ``claims``. Revisions need
    the sources' versions too: see :func:`analyse`.
    """
    findings: list[Finding] = []
    for members in group_claims(claims).values():
        findings.extend(classify_group(members, settings, ordered=True))
    return tuple(sorted(_unique_ids(findings), key=finding_order_key))


def analyse(
    sources: Iterable[Source], claims: Iterable[Claim], settings: CheckerSettings = CheckerSettings()
) -> Analysis:
    """Everything the checker says about a corpus: the verdicts of :func:`check`, a revision
    finding and a history for each source with several dated captures, and each group's lifecycle.

    Pure, and independent of the order of ``sources`` and ``claims``.
    """
    with _collector_paused():
        return _analyse(sources, claims, settings)


@contextlib.contextmanager
def _collector_paused():
    # The checker builds millions of small tuples and lists that stay alive until it returns, and
    # no reference cycles of its own. Each of CPython's full collections meanwhile walks every
    # object of the corpus again; on a million claims that is seconds spent finding nothing. The
    # collector is restored (and catches any cycle a library made) as soon as the checker is done.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Everything allocated meanwhile sits in the youngest generation, so the first collection
        # after this would walk all of it (a second per million claims) only to promote it. The
        # result is long-lived: freeze + unfreeze moves every tracked object to the oldest
        # generation at once (two list splices, no walk), where cycles are still found later.
        # Not when the caller froze objects itself (say, before forking): unfreeze would undo that.
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


def _analyse(sources: Iterable[Source], claims: Iterable[Claim], settings: CheckerSettings) -> Analysis:
    claims = tuple(claims)
    sources = tuple(sorted(sources, key=lambda s: s.id))
    groups = group_claims(claims)
    findings: list[Finding] = []
    # One cache of evidence texts for the run: a claim's verdicts and revisions share its text.
    texts = EvidenceTexts()
    for members in groups.values():
        if len(members) > 1:  # a lone claim has no verdict (half the groups of a large corpus)
            findings.extend(classify_group(members, settings, ordered=True, digests=texts))
    revisions, histories = version_diffs(sources, claims, texts)
    findings.extend(revisions)
    return Analysis(
        findings=tuple(sorted(_unique_ids(findings), key=finding_order_key)),
        histories=histories,
        lifecycles=lifecycles(sources, claims, groups),
    )
