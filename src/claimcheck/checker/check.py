"""The checker's entry points: claims (and sources) in, findings, histories and lifecycles out."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from claimcheck.checker.classify import classify_group
from claimcheck.checker.diff import may_have_history, version_diffs
from claimcheck.checker.fingerprint import EvidenceTexts
from claimcheck.checker.group import group_claims
from claimcheck.checker.lifecycle import lifecycles
from claimcheck.checker.model import SEVERITIES, Analysis, CheckerSettings, Finding, SourceHistory
from claimcheck.checker.recall import GROUP, SOURCE, Recall, group_verdicts, source_verdicts
from claimcheck.claims.model import Claim, Source
from claimcheck.gcpause import collector_paused

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
    sources: Iterable[Source],
    claims: Iterable[Claim],
    settings: CheckerSettings = CheckerSettings(),
    *,
    recall: Recall | None = None,
) -> Analysis:
    """Everything the checker says about a corpus: the verdicts of :func:`check`, a revision
    finding and a history for each source with several dated captures, and each group's lifecycle.

    Pure, and independent of the order of ``sources`` and ``claims``. With ``recall``, the
    verdicts of groups and sources whose versions are unchanged come from its store, and the
    others are remembered there: the result is the same.
    """
    with collector_paused():
        return _analyse(sources, claims, settings, recall)


def _analyse(
    sources: Iterable[Source], claims: Iterable[Claim], settings: CheckerSettings, recall: Recall | None
) -> Analysis:
    claims = tuple(claims)
    sources = tuple(sorted(sources, key=lambda s: s.id))
    groups = group_claims(claims)
    findings: list[Finding] = []
    # One cache of evidence texts for the run: a claim's verdicts and revisions share its text.
    texts = EvidenceTexts()
    for key, members in groups.items():
        if len(members) < 2:  # a lone claim has no verdict (half the groups of a large corpus)
            continue
        digest = None if recall is None else recall.group_digest(key, members, settings)
        found = None if digest is None else group_verdicts(recall.store.recall(GROUP, repr(key), digest))
        if found is None:
            # Ids are made unique below, over the whole run: the store keeps each group's own.
            found = tuple(classify_group(members, settings, ordered=True, digests=texts))
            if digest is not None:
                recall.store.remember(GROUP, repr(key), digest, found)
        findings.extend(found)
    revisions, histories = _revisions(sources, claims, texts, recall)
    findings.extend(revisions)
    return Analysis(
        findings=tuple(sorted(_unique_ids(findings), key=finding_order_key)),
        histories=histories,
        lifecycles=lifecycles(sources, claims, groups),
    )


def _revisions(
    sources: tuple[Source, ...], claims: tuple[Claim, ...], texts: EvidenceTexts, recall: Recall | None
) -> tuple[list[Finding], tuple[SourceHistory, ...]]:
    """:func:`version_diffs`, for the sources ``recall`` does not already know the revisions of.

    A source's revisions depend on its own versions alone, so diffing some sources gives each the
    findings and history that diffing all of them would.
    """
    if recall is None:
        found, histories = version_diffs(sources, claims, texts)
        return list(found), histories
    known: dict[str, tuple[tuple[Finding, ...], SourceHistory | None]] = {}
    digests: dict[str, str] = {}
    for source in sources:
        digest = recall.source_digest(source) if may_have_history(source) else None
        if digest is None:
            continue
        hit = source_verdicts(recall.store.recall(SOURCE, source.id, digest))
        if hit is None:
            digests[source.id] = digest
        else:
            known[source.id] = hit
    fresh, fresh_histories = version_diffs([s for s in sources if s.id not in known], claims, texts)
    by_source: dict[str, list[Finding]] = {}
    for finding in fresh:
        by_source.setdefault(finding.sources[0], []).append(finding)
    history_of = {h.source: h for h in fresh_histories}
    for source_id, digest in digests.items():
        verdicts = (tuple(by_source.get(source_id, ())), history_of.get(source_id))
        recall.store.remember(SOURCE, source_id, digest, verdicts)
    findings = list(fresh)
    histories = list(fresh_histories)
    for found, history in known.values():
        findings.extend(found)
        if history is not None:
            histories.append(history)
    return findings, tuple(sorted(histories, key=lambda h: h.source))
