"""Agreements: the same figure confirmed by several sources, or held over time."""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.checker.builder import GroupFacts, distinct
from claimcheck.checker.clusters import Cluster, compatible
from claimcheck.checker.describe import describe
from claimcheck.checker.group import sort_claims
from claimcheck.checker.model import Finding
from claimcheck.checker.periods import UNDATED, period_key
from claimcheck.claims.model import Claim


def _segments(
    clusters: Sequence[Cluster], conflicted: Sequence[tuple[Claim, ...]], changes: dict[int, tuple[Claim, Claim]]
) -> list[list[int]]:
    """Runs of neighbouring cluster indices with no change between them and no conflict inside."""
    segments: list[list[int]] = []
    for k in range(len(clusters)):
        split = not segments or (k - 1) in changes or bool(conflicted[k]) or bool(conflicted[k - 1])
        if split:
            segments.append([k])
        else:
            segments[-1].append(k)
    return segments


def _with_compatible(members: list[Claim], undated: Sequence[Claim]) -> list[Claim]:
    """``members`` plus each undated claim (canonical order) compatible with every member so far.

    Checking against the undated claims already added too keeps two undated figures that contradict
    each other out of one agreement.
    """
    result = list(members)
    for claim in undated:
        if all(compatible(claim, member) for member in result):
            result.append(claim)
    return result


def _when(members: Sequence[Claim]) -> str:
    keys = distinct(period_key(c) for c in members if not c.undated)
    undated_count = sum(1 for c in members if c.undated)
    if not keys:
        return "in undated versions"
    if len(keys) == 1:
        when = f"on {keys[0]}" if members[0].period is None else f"in {keys[0]}"
    else:
        when = f"from {keys[0]} to {keys[-1]}"
    if undated_count:
        when += f" and in {undated_count} undated version" + ("s" if undated_count > 1 else "")
    return when


def _agreement(group: GroupFacts, members: Sequence[Claim], label: str) -> Finding:
    ordered = sort_claims(members)
    sources = sorted({c.source for c in ordered})
    figures = " / ".join(distinct(describe(c.value) for c in ordered))
    noun = "source" if len(sources) == 1 else "sources"
    message = f"{group.head}: {figures} stated by {len(sources)} {noun} ({', '.join(sources)}) {_when(ordered)}"
    return group.finding("agreement", ordered, (label,), message)


def agreements(
    group: GroupFacts,
    clusters: Sequence[Cluster],
    conflicted: Sequence[tuple[Claim, ...]],
    changes: dict[int, tuple[Claim, Claim]],
    undated: Sequence[Claim],
) -> list[Finding]:
    """The same figure confirmed by several sources, or held over time, one finding per segment.

    A segment is a run of clusters between changes and conflicts; compatible undated claims count
    towards it. A group of undated claims only agrees when all of them are mutually compatible.
    """
    if not clusters:
        everyone_agrees = all(compatible(a, b) for i, a in enumerate(undated) for b in undated[i + 1 :])
        if len(undated) >= 2 and everyone_agrees:
            return [_agreement(group, undated, UNDATED)]
        return []
    findings = []
    for segment in _segments(clusters, conflicted, changes):
        if any(conflicted[k] for k in segment):
            continue
        dated = [claim for k in segment for claim in clusters[k].claims]
        members = _with_compatible(dated, undated)
        if len(members) >= 2:
            findings.append(_agreement(group, members, clusters[segment[0]].label))
    return findings
