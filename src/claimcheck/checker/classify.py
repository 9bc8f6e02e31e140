"""The verdicts on one group of comparable claims: conflict, change, stale, undated-discrepancy, agreement."""

from __future__ import annotations

import math
from collections.abc import Sequence

from claimcheck.checker.agreement import agreements
from claimcheck.checker.builder import ARROW, GroupFacts, cited, distinct
from claimcheck.checker.clusters import Cluster, cluster_claims, compatible, conflicting, find_change
from claimcheck.checker.describe import describe, signed_percent
from claimcheck.checker.group import group_key, sort_claims
from claimcheck.checker.model import Change, CheckerSettings, Finding
from claimcheck.checker.periods import UNDATED, period_key
from claimcheck.checker.stale import stale_by_period, stale_by_repetition
from claimcheck.claims.model import Claim, Interval


def classify_group(claims: Sequence[Claim], settings: CheckerSettings) -> list[Finding]:
    """Every finding about one group of comparable claims (semantics.md, Verdicts).

    ``claims`` must share a :func:`~claimcheck.checker.group.group_key`; their order does not
    matter. A group of one claim gives no finding.
    """
    ordered = sort_claims(claims)
    if len(ordered) < 2:
        return []
    subject, measure, scope, _ = group_key(ordered[0])
    group = GroupFacts(subject=subject, measure=measure, scope=scope or None, unit=ordered[0].value.unit)
    dated = [claim for claim in ordered if not claim.undated]
    undated = [claim for claim in ordered if claim.undated]
    clusters = cluster_claims(dated, settings)
    conflicted = [conflicting(cluster.claims) for cluster in clusters]
    changes = _changes(clusters, conflicted)

    findings = [
        _conflict(group, cluster, members) for cluster, members in zip(clusters, conflicted) if members
    ]
    findings += [_change(group, clusters[k], clusters[k + 1], old, new) for k, (old, new) in sorted(changes.items())]
    findings += stale_by_period(group, dated, settings)
    findings += stale_by_repetition(group, dated, settings)
    findings += _undated_discrepancies(group, ordered, undated)
    findings += agreements(group, clusters, conflicted, changes, undated)
    return findings


# --- conflict -------------------------------------------------------------------------------


def _conflict(group: GroupFacts, cluster: Cluster, members: tuple[Claim, ...]) -> Finding:
    message = f"{group.head}: conflicting figures for {cluster.label}: " + "; ".join(cited(c) for c in members)
    return group.finding("conflict", members, (cluster.label,), message)


# --- change ---------------------------------------------------------------------------------


def _changes(clusters: Sequence[Cluster], conflicted: Sequence[tuple[Claim, ...]]) -> dict[int, tuple[Claim, Claim]]:
    """Boundary index k → the (old, new) pair that changed between clusters k and k + 1.

    A cluster in conflict speaks through its consensus: the members not involved in any
    disagreement. When nothing is left, the figure at that period is unknown, so no change is
    reported across it (the conflict is).
    """
    consensus = [
        tuple(c for c in cluster.claims if c not in members) for cluster, members in zip(clusters, conflicted)
    ]
    changes = {}
    for k in range(len(clusters) - 1):
        if consensus[k] and consensus[k + 1]:
            pair = find_change(consensus[k], consensus[k + 1])
            if pair is not None:
                changes[k] = pair
    return changes


def _low(interval: Interval) -> float:
    return -math.inf if interval.low is None else interval.low


def _change(group: GroupFacts, before: Cluster, after: Cluster, old: Claim, new: Claim) -> Finding:
    delta = new.value.stated - old.value.stated
    relative = delta / old.value.stated if old.value.stated else None
    if delta:
        direction = "up" if delta > 0 else "down"
    else:
        # Same stated figure, different bounds ("almost 5,000" → "more than 5,000"): the likely
        # intervals say which way it went.
        direction = "up" if _low(new.value.likely) >= _low(old.value.likely) else "down"
    change = Change(
        direction=direction,
        old=describe(old.value),
        new=describe(new.value),
        old_date=period_key(old),
        new_date=period_key(new),
        delta=delta,
        relative=relative,
    )
    message = f"{group.head}: {change.old} ({change.old_date}){ARROW}{change.new} ({change.new_date})"
    if relative is not None:
        message += f", {signed_percent(relative)}"
    return group.finding("change", (old, new), (before.label, after.label), message, change=change)


# --- undated-discrepancy --------------------------------------------------------------------


def _undated_discrepancies(group: GroupFacts, ordered: Sequence[Claim], undated: Sequence[Claim]) -> list[Finding]:
    """An undated claim whose stated interval misses another claim's, one finding per source.

    Undated claims cannot be placed on the time line, so a disagreement may be a change or a
    conflict; it is reported as neither. One finding per undated source (not per claim) keeps the
    id, which names that source, unique.
    """
    by_source: dict[str, tuple[list[Claim], list[Claim]]] = {}
    for claim in undated:
        others = [c for c in ordered if c is not claim and not compatible(claim, c)]
        if others:
            own, against = by_source.setdefault(claim.source, ([], []))
            own.append(claim)
            against.extend(others)
    findings = []
    for source, (own, against) in sorted(by_source.items()):
        members = dict.fromkeys((*own, *against))
        # A page contradicting itself has no "other" side: then its own claims are the other side.
        others = [c for c in against if c not in own] or against
        against_text = "; ".join(distinct(cited(c) for c in sort_claims(others)))
        message = f"{group.head}: {' / '.join(distinct(cited(c) for c in own))} disagrees with {against_text}"
        findings.append(group.finding("undated-discrepancy", members, (UNDATED,), message, extra=(source,)))
    return findings
