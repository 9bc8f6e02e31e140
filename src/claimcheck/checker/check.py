"""The checker's entry points: claims (and sources) in, findings, histories and lifecycles out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from claimcheck.checker.classify import classify_group
from claimcheck.checker.diff import may_have_history, version_diffs
from claimcheck.checker.fingerprint import EvidenceTexts
from claimcheck.checker.group import GroupKey, group_claims
from claimcheck.checker.lifecycle import lifecycles
from claimcheck.checker.model import SEVERITIES, Analysis, CheckerSettings, Finding, SourceHistory
from claimcheck.checker.recall import GROUP, SOURCE, Recall, group_verdicts, source_verdicts
from claimcheck.checker.stale import is_stale_by_period
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


# Maps work over units, results in the units' order: ``map``'s meaning, perhaps on several cores
# (forking.shared_map). Units come costliest first.
Spread = Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]
# The revisions of this many sources' claims are one unit of spread work: small enough for the
# last units taken to be short.
SOURCES_PER_UNIT = 64
# Work of less than this cost (claims to classify, times GROUP_COST, plus claims to diff) takes
# about a second or less here: sharing it with a forked process does not pay (after an edit of one
# page, most verdicts are recalled).
SPREAD_MIN_COST = 30_000
# A group's classification costs about this many times a source's diff, claim for claim (measured
# on benchmarks/run.py's corpus): it orders the spread work, costliest first.
GROUP_COST = 2
# Groups are classified in batches of at least this many claims (a large group alone): most
# groups hold a few claims, and taking each from a queue shared by two processes cost more than
# classifying it.
GROUP_BATCH_CLAIMS = 1_000


def _serially(work: Callable[[Any], Any], units: Sequence[Any]) -> list[Any]:
    return [work(unit) for unit in units]


def analyse(
    sources: Iterable[Source],
    claims: Iterable[Claim],
    settings: CheckerSettings = CheckerSettings(),
    *,
    recall: Recall | None = None,
    spread: Spread | None = None,
) -> Analysis:
    """Everything the checker says about a corpus: the verdicts of :func:`check`, a revision
    finding and a history for each source with several dated captures, and each group's lifecycle.

    Pure, and independent of the order of ``sources`` and ``claims``. With ``recall``, the
    verdicts of groups and sources whose versions are unchanged come from its store, and the
    others are remembered there: the result is the same. ``spread`` classifies the groups and
    diffs the sources that need it when that work is large (``SPREAD_MIN_COST``; by default, and
    otherwise, here one after the other): the result is the same.
    """
    with collector_paused():
        return _analyse(sources, claims, settings, recall, spread or _serially)


def _analyse(
    sources: Iterable[Source], claims: Iterable[Claim], settings: CheckerSettings, recall: Recall | None, spread: Spread
) -> Analysis:
    claims = tuple(claims)
    sources = tuple(sorted(sources, key=lambda s: s.id))
    groups = group_claims(claims)
    # One cache of evidence texts for the run: a claim's verdicts and revisions share its text.
    texts = EvidenceTexts()
    verdicts: dict[GroupKey, tuple[Finding, ...]] = {}
    to_classify: list[tuple[GroupKey, str | None]] = []
    for key, members in groups.items():
        if len(members) < 2 and not is_stale_by_period(members[0], settings):
            continue  # a lone claim has no verdict but stale (half the groups of a large corpus)
        digest = None if recall is None else recall.group_digest(key, members, settings)
        found = None if digest is None else group_verdicts(recall.store.recall(GROUP, repr(key), digest))
        if found is None:
            to_classify.append((key, digest))
        else:
            verdicts[key] = found
    known, to_diff = _known_revisions(sources, recall)
    by_source = _claims_by_source(claims, {source.id for batch in to_diff for source in batch[0]})

    def work(unit: tuple[str, tuple[Any, ...]]) -> Any:
        kind, batch = unit
        if kind == "groups":
            # Ids are made unique below, over the whole run: the store keeps each group's own.
            return [tuple(classify_group(groups[key], settings, ordered=True, digests=texts)) for key in batch]
        return version_diffs(batch, [c for source in batch for c in by_source.get(source.id, ())], texts)

    group_batches = _batches([key for key, _digest in to_classify], lambda key: len(groups[key]))
    units = [("groups", batch) for batch in group_batches] + [("sources", batch) for batch, _ in to_diff]
    costs = [sum(len(groups[key]) for key in batch) * GROUP_COST for batch in group_batches]
    costs += [sum(len(by_source.get(source.id, ())) for source in batch) for batch, _ in to_diff]
    order = sorted(range(len(units)), key=lambda i: -costs[i])  # stable: equal costs keep this order
    if sum(costs) < SPREAD_MIN_COST:
        spread = _serially
    made: list[Any] = [None] * len(units)
    for i, found in zip(order, spread(work, [units[i] for i in order])):
        made[i] = found
    findings: list[Finding] = []
    classified = (found for batch in made[: len(group_batches)] for found in batch)
    for (key, digest), found in zip(to_classify, classified):
        verdicts[key] = found
        if digest is not None:
            recall.store.remember(GROUP, repr(key), digest, found)
    for key in groups:
        findings.extend(verdicts.get(key, ()))
    revisions, histories = _revisions(to_diff, made[len(group_batches) :], known, recall)
    findings.extend(revisions)
    return Analysis(
        findings=tuple(sorted(_unique_ids(findings), key=finding_order_key)),
        histories=histories,
        lifecycles=lifecycles(sources, claims, groups),
    )


def _batches(keys: list[GroupKey], size: Callable[[GroupKey], int]) -> list[tuple[GroupKey, ...]]:
    """``keys`` in their order, cut into runs of at least ``GROUP_BATCH_CLAIMS`` claims (the last may be short)."""
    out: list[tuple[GroupKey, ...]] = []
    batch: list[GroupKey] = []
    claims = 0
    for key in keys:
        batch.append(key)
        claims += size(key)
        if claims >= GROUP_BATCH_CLAIMS:
            out.append(tuple(batch))
            batch, claims = [], 0
    if batch:
        out.append(tuple(batch))
    return out


Batch = tuple[Source, ...]


def _known_revisions(
    sources: tuple[Source, ...], recall: Recall | None
) -> tuple[dict[str, tuple[tuple[Finding, ...], SourceHistory | None]], list[tuple[Batch, dict[str, str]]]]:
    """The revisions ``recall`` already knows, by source, and the sources left to diff in batches
    (each with the digests to remember their revisions under).

    A source's revisions depend on its own versions alone, so diffing some sources gives each the
    findings and history that diffing all of them would.
    """
    known: dict[str, tuple[tuple[Finding, ...], SourceHistory | None]] = {}
    digests: dict[str, str] = {}
    left: list[Source] = []
    for source in sources:
        if not may_have_history(source):
            continue
        digest = None if recall is None else recall.source_digest(source)
        hit = None if digest is None else source_verdicts(recall.store.recall(SOURCE, source.id, digest))
        if hit is not None:
            known[source.id] = hit
            continue
        left.append(source)
        if digest is not None:
            digests[source.id] = digest
    batches = [tuple(left[i : i + SOURCES_PER_UNIT]) for i in range(0, len(left), SOURCES_PER_UNIT)]
    return known, [(batch, {s.id: digests[s.id] for s in batch if s.id in digests}) for batch in batches]


def _claims_by_source(claims: tuple[Claim, ...], wanted: set[str]) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.source in wanted:
            out.setdefault(claim.source, []).append(claim)
    return out


def _revisions(
    to_diff: list[tuple[Batch, dict[str, str]]],
    diffed: list[tuple[tuple[Finding, ...], tuple[SourceHistory, ...]]],
    known: dict[str, tuple[tuple[Finding, ...], SourceHistory | None]],
    recall: Recall | None,
) -> tuple[list[Finding], tuple[SourceHistory, ...]]:
    """The revision findings and histories of every source: those just diffed (remembered in
    ``recall``'s store) and those it knew."""
    findings: list[Finding] = []
    histories: list[SourceHistory] = []
    for (_batch, digests), (fresh, fresh_histories) in zip(to_diff, diffed):
        findings.extend(fresh)
        histories.extend(fresh_histories)
        if recall is None or not digests:
            continue
        by_source: dict[str, list[Finding]] = {}
        for finding in fresh:
            by_source.setdefault(finding.sources[0], []).append(finding)
        history_of = {h.source: h for h in fresh_histories}
        for source_id, digest in digests.items():
            recall.store.remember(SOURCE, source_id, digest, (tuple(by_source.get(source_id, ())), history_of.get(source_id)))
    for found, history in known.values():
        findings.extend(found)
        if history is not None:
            histories.append(history)
    return findings, tuple(sorted(histories, key=lambda h: h.source))
