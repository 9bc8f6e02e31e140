"""The time line of a group: same-period clusters, the pairwise tests, and where figures moved."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from claimcheck.checker.model import CheckerSettings
from claimcheck.checker.periods import period_key, same_period
from claimcheck.claims.model import Claim


@attrs.frozen
class Cluster:
    """Dated claims about one period, in canonical order; ``label`` names the period."""

    label: str
    claims: tuple[Claim, ...]


def compatible(a: Claim, b: Claim) -> bool:
    """True when the stated intervals intersect: the words allow both figures to be true."""
    return a.value.interval.intersects(b.value.interval)


def same_figure(a: Claim, b: Claim) -> bool:
    """True when both state the same figure with the same bound ("more than 400" twice)."""
    return (a.value.bound, a.value.stated, a.value.stated_high) == (b.value.bound, b.value.stated, b.value.stated_high)


def is_change(old: Claim, new: Claim) -> bool:
    """True when the figure moved from ``old`` to ``new`` (semantics.md, change).

    Either both use the same kind of bound with different stated figures (67 → 78, "more than
    $5.7 billion" → "more than $5.8 billion"), or their likely intervals do not intersect ("more
    than $5.7 billion" → "approximately $8 billion"). A range's upper end counts as part of its
    stated figure. The caller checks that the two are in different periods.
    """
    if old.value.bound == new.value.bound and not same_figure(old, new):
        return True
    return not old.value.likely.intersects(new.value.likely)


def cluster_claims(dated: Sequence[Claim], settings: CheckerSettings) -> tuple[Cluster, ...]:
    """Dated claims (canonical order) clustered greedily into same-period clusters.

    A claim joins the current cluster when it is in the same period as the cluster's first claim,
    otherwise it starts a new one. Comparing with the first claim, not the last, keeps a slow
    drift of as-of dates from chaining a whole time line into one period. The label is the first
    claim's period key (its explicit period label, else its as-of date).
    """
    clusters: list[list[Claim]] = []
    for claim in dated:
        if clusters and same_period(clusters[-1][0], claim, settings):
            clusters[-1].append(claim)
        else:
            clusters.append([claim])
    return tuple(Cluster(label=period_key(members[0]), claims=tuple(members)) for members in clusters)


def conflicting(claims: Sequence[Claim]) -> tuple[Claim, ...]:
    """The claims (in the given order) whose stated interval misses that of another claim.

    Every pair counts, including two claims of one version of one source: a page that contradicts
    itself about one period is a conflict too.
    """
    involved = [False] * len(claims)
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            if not compatible(a, claims[j]):
                involved[i] = involved[j] = True
    return tuple(claim for claim, hit in zip(claims, involved) if hit)


def find_change(old_side: Sequence[Claim], new_side: Sequence[Claim]) -> tuple[Claim, Claim] | None:
    """The pair reported for a change between two neighbouring clusters, or None.

    The latest old claim is preferred, then the earliest new claim: the change is reported as
    close to where it happened as the evidence allows.
    """
    for old in reversed(old_side):
        for new in new_side:
            if is_change(old, new):
                return old, new
    return None
