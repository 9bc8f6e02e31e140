"""The verdicts on one group of comparable claims: conflict, change, stale, undated-discrepancy, agreement."""

from __future__ import annotations

import math
from collections.abc import Sequence

from claimcheck.checker.agreement import agreement, agreements, one_figure_agreement
from claimcheck.checker.builder import ARROW, GroupFacts, cited, distinct
from claimcheck.checker.clusters import (
    GroupKeys,
    cluster_ranges,
    conflicting_members,
    find_change_members,
)
from claimcheck.checker.crossing import Pair, crossing_conflicts
from claimcheck.checker.describe import describe, signed_percent
from claimcheck.checker.fingerprint import EvidenceTexts
from claimcheck.checker.group import group_key, sort_claims
from claimcheck.checker.intervals import Extremes, high_key, low_key
from claimcheck.checker.model import Change, CheckerSettings, Finding
from claimcheck.checker.periods import UNDATED, period_key, same_explicit_period
from claimcheck.checker.stale import is_stale_by_period, stale_by_period, stale_by_repetition
from claimcheck.claims.model import Claim, Interval


def classify_group(
    claims: Sequence[Claim],
    settings: CheckerSettings,
    *,
    ordered: bool = False,
    digests: EvidenceTexts | None = None,
) -> list[Finding]:
    """Every finding about one group of comparable claims (semantics.md, Verdicts).

    ``claims`` must share a :func:`~claimcheck.checker.group.group_key`; their order does not
    matter unless ``ordered`` says they are already in the canonical order (as
    :func:`~claimcheck.checker.group.group_claims` returns them). ``digests`` is a cache of
    evidence texts shared by the findings of one run. A group of one claim has nothing to agree or disagree with:
    its one possible finding is stale by period (a page of 2016 presenting its 2012 budget as current).
    """
    if len(claims) < 2 and not (claims and is_stale_by_period(claims[0], settings)):
        return []
    ordered = tuple(claims) if ordered else sort_claims(claims)
    subject, measure, scope, _ = group_key(ordered[0])
    group = GroupFacts(
        subject=subject,
        measure=measure,
        scope=scope or None,
        unit=ordered[0].value.unit,
        digest_cache=EvidenceTexts() if digests is None else digests,
    )
    if len(ordered) == 1:
        return stale_by_period(group, ordered, settings)
    tolerance = settings.tolerance_for(measure)
    # Undated claims sort last, so the dated ones are a prefix and indices into it are indices into
    # ``ordered`` too.
    n_dated = len(ordered)
    while n_dated and ordered[n_dated - 1].as_of is None:
        n_dated -= 1
    if n_dated == len(ordered) and _one_quantity(ordered, tolerance):
        # _one_figure without the keys of every member: one Quantity object says it all.
        return [one_figure_agreement(group, ordered)]
    keys = GroupKeys(ordered, tolerance)
    if n_dated == len(ordered) and _one_figure(keys, ordered):
        # Every rule's answer is known without running it (most groups: a page repeating its own
        # figure capture after capture); tests/checker/test_equivalence.py holds it to the rules.
        return [agreement(group, keys, range(n_dated), period_key(ordered[0]))]
    dated = ordered[:n_dated]
    undated = range(n_dated, len(ordered))
    clusters = cluster_ranges(dated, settings)
    labels = [period_key(ordered[start]) for start, _ in clusters]
    # A cluster of one claim has nothing to disagree with (most clusters: one capture per period).
    conflicted = [conflicting_members(keys, range(start, stop)) if stop - start > 1 else _NONE for start, stop in clusters]
    crossed = crossing_conflicts(keys, dated, clusters, settings) if len(clusters) > 1 else {}
    # A claim in any conflict, inside its cluster or across a cut, leaves the cluster's consensus
    # (what changes are read from) and its agreement.
    disputed = _disputed(clusters, conflicted, crossed) if crossed else conflicted
    changes = _changes(keys, clusters, disputed)

    findings = [
        _conflict(group, labels[k], [ordered[i] for i in members]) for k, members in enumerate(conflicted) if members
    ]
    findings += [
        _crossing_conflict(group, labels[k], labels[m], [ordered[i] for i in members])
        for (k, m), members in crossed.items()
    ]
    if changes:
        findings += [
            _change(group, labels[k], labels[k + 1], ordered[old], ordered[new])
            for k, (old, new) in sorted(changes.items())
        ]
    findings += stale_by_period(group, dated, settings)
    findings += stale_by_repetition(group, dated, settings, keys)
    if undated:
        findings += _undated_discrepancies(group, keys, undated)
    findings += agreements(group, keys, clusters, labels, disputed, changes, undated)
    return findings


_NONE: tuple[int, ...] = ()  # no conflicting members


def _one_figure(keys: GroupKeys, claims: Sequence[Claim]) -> bool:
    """True when every claim is dated, has no explicit period and states one figure with one pair of
    non-empty intervals: then no two conflict, nothing changed or went stale, and all agree."""
    n = len(claims)
    lows, highs, likely_lows, likely_highs = keys.lows, keys.highs, keys.likely_lows, keys.likely_highs
    # list.count compares in C; an empty interval (high end left of its own low end) would miss itself.
    return (
        not highs[0] < lows[0]
        and not likely_highs[0] < likely_lows[0]
        and keys.figures.count(keys.figures[0]) == n
        and lows.count(lows[0]) == n
        and highs.count(highs[0]) == n
        and likely_lows.count(likely_lows[0]) == n
        and likely_highs.count(likely_highs[0]) == n
        and [claim.period for claim in claims].count(None) == n
    )


def _one_quantity(claims: Sequence[Claim], tolerance: float) -> bool:
    """:func:`_one_figure` when every claim carries the very same Quantity object, as claims do
    whose loader shares equal values (most groups of a large corpus): then the figures and all
    four interval keys are equal, and only the first claim's intervals need to be non-empty."""
    values = [claim.value for claim in claims]
    if len(set(map(id, values))) != 1 or [claim.period for claim in claims].count(None) != len(claims):
        return False
    value = values[0]
    return not high_key(value.interval, tolerance) < low_key(value.interval, tolerance) and not high_key(
        value.likely, tolerance
    ) < low_key(value.likely, tolerance)


# --- conflict -------------------------------------------------------------------------------


def _conflict(group: GroupFacts, label: str, members: list[Claim]) -> Finding:
    message = f"{group.head}: conflicting figures for {label}: " + "; ".join(cited(c) for c in members)
    return group.finding("conflict", members, (label,), message, ordered=True)


def _crossing_conflict(group: GroupFacts, before: str, after: str, members: list[Claim]) -> Finding:
    # The cluster labels name the finding (as a change's do); the message cites each claim's date.
    message = f"{group.head}: conflicting figures for the same period: " + "; ".join(cited(c) for c in members)
    return group.finding("conflict", members, (before, after), message, ordered=True)


def _disputed(
    clusters: Sequence[tuple[int, int]], conflicted: Sequence[Sequence[int]], crossed: dict[Pair, list[int]]
) -> list[Sequence[int]]:
    """Each cluster's members in a conflict: its own, and those in a conflict with another cluster."""
    extra: dict[int, set[int]] = {}
    for (k, m), members in crossed.items():
        cut = clusters[m][0]  # members of cluster k come before it, those of cluster m from it on
        extra.setdefault(k, set()).update(i for i in members if i < cut)
        extra.setdefault(m, set()).update(i for i in members if i >= cut)
    return [sorted({*conflicted[k], *extra[k]}) if k in extra else conflicted[k] for k in range(len(clusters))]


# --- change ---------------------------------------------------------------------------------


def _changes(
    keys: GroupKeys, clusters: Sequence[tuple[int, int]], conflicted: Sequence[list[int]]
) -> dict[int, tuple[int, int]]:
    """Boundary index k → the (old, new) member indices that changed between clusters k and k + 1.

    A cluster in conflict speaks through its consensus: the members not involved in any
    disagreement. When nothing is left, the figure at that period is unknown, so no change is
    reported across it (the conflict is).
    """
    consensus = []
    for (start, stop), members in zip(clusters, conflicted):
        if members:
            against = set(members)
            consensus.append([i for i in range(start, stop) if i not in against])
        else:
            consensus.append(range(start, stop))
    changes = {}
    is_change = keys.is_change
    for k in range(len(clusters) - 1):
        old_side, new_side = consensus[k], consensus[k + 1]
        if len(old_side) == 1 and len(new_side) == 1:
            # Two single-claim periods in a row (the usual time line): one pair to test.
            if is_change(old_side[0], new_side[0]):
                changes[k] = (old_side[0], new_side[0])
        elif old_side and new_side:
            pair = find_change_members(keys, old_side, new_side)
            if pair is not None:
                changes[k] = pair
    return changes


def _low(interval: Interval) -> float:
    return -math.inf if interval.low is None else interval.low


def _change(group: GroupFacts, before: str, after: str, old: Claim, new: Claim) -> Finding:
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
    return group.finding("change", (old, new), (before, after), message, change=change, ordered=True)


# --- undated-discrepancy --------------------------------------------------------------------


def _undated_discrepancies(group: GroupFacts, keys: GroupKeys, undated: Sequence[int]) -> list[Finding]:
    """An undated claim whose stated interval misses another claim's, one finding per source.

    Undated claims cannot be placed on the time line, so a disagreement may be a change or a
    conflict; it is reported as neither. One finding per undated source (not per claim) keeps the
    id, which names that source, unique; a source whose claims an earlier finding (in source order) already
    set against every source it disagrees with adds none (two undated pages that contradict each other are one
    disagreement, also when one of them states its figure twice). Its members are the source's disagreeing
    undated claims and, for each distinct figure they disagree with, one claim stating it: the latest dated one
    from another source when there is one. A figure stated by thousands of pages over the years
    would otherwise put thousands of claims into every undated page's finding.
    """
    if not undated:
        return []
    claims = keys.claims
    everyone = Extremes(keys.lows, keys.highs)
    by_source: dict[str, list[int]] = {}
    for i in undated:
        if everyone.missed(i) and (claims[i].period is None or _misses_in_its_period(keys, i)):
            by_source.setdefault(claims[i].source, []).append(i)
    if not by_source:
        return []
    figures = figure_classes(keys)
    findings = []
    shown: set[tuple[int, str]] = set()  # (claim, source): the claim was cited against that source's figures
    for source, own in sorted(by_source.items()):
        extremes = Extremes([keys.lows[i] for i in own], [keys.highs[i] for i in own])
        missed = [
            figure
            for figure in figures
            if extremes.misses(keys.lows[figure.members[0]], keys.highs[figure.members[0]])
            and any(_may_disagree(keys, o, figure.members) for o in own)
        ]
        sides = {claims[j].source for figure in missed for j in figure.members}
        if missed and all((i, side) in shown for i in own for side in sides):
            continue  # an earlier finding already set these claims against every source here: reviewed once
        shown.update((j, source) for figure in missed for j in figure.members)
        against = sorted((figure.representative(source), len(figure.members)) for figure in missed)
        mine = set(own)
        # A page contradicting itself has no "other" side: then its own claims are the other side.
        others = [(i, n) for i, n in against if i not in mine] or against
        against_text = "; ".join(cited(claims[i]) + (f" and {n - 1} more" if n > 1 else "") for i, n in others)
        own_text = " / ".join(distinct(cited(claims[i]) for i in own))
        message = f"{group.head}: {own_text} disagrees with {against_text}"
        members = sorted(mine | {i for i, _ in against})
        findings.append(
            group.finding(
                "undated-discrepancy", [claims[i] for i in members], (UNDATED,), message, extra=(source,), ordered=True
            )
        )
    return findings


def _periods_apart(a: Claim, b: Claim) -> bool:
    """Both figures name their periods and these are not the same (semantics.md's half-overlap rule): "503 in FY
    2015" and "585 in FY 2016" on one undated page are two years' figures, never a disagreement."""
    if a.period is None or b.period is None:
        return False
    return not same_explicit_period(a.period, b.period)


def _disagree(keys: GroupKeys, i: int, j: int) -> bool:
    """Claims ``i`` and ``j`` miss each other and may speak of the same time."""
    lows, highs = keys.lows, keys.highs
    return (highs[j] < lows[i] or highs[i] < lows[j]) and not _periods_apart(keys.claims[i], keys.claims[j])


def _misses_in_its_period(keys: GroupKeys, i: int) -> bool:
    """Whether undated claim ``i``, which names its period, misses a claim that may speak of the same time."""
    return any(j != i and _disagree(keys, i, j) for j in range(len(keys.claims)))


def _may_disagree(keys: GroupKeys, own: int, members: Sequence[int]) -> bool:
    """Whether claim ``own`` misses a member of a figure that may speak of the same time."""
    return any(_disagree(keys, own, j) for j in members)


class FigureClass:
    """The members of a group stating one figure with one stated interval (indices, canonical order)."""

    __slots__ = ("members", "_preferred")

    def __init__(self, members: list[int], claims: Sequence[Claim]) -> None:
        self.members = members
        # Dated members latest first, then undated ones (latest first): the order in which a
        # member speaks for the figure. Only the first member of each of two sources is kept.
        preferred: list[int] = []
        dated = [i for i in members if not claims[i].undated]
        undated = [i for i in members if claims[i].undated]
        for i in (*latest_first(dated, claims), *latest_first(undated, claims)):
            if not preferred or (len(preferred) == 1 and claims[i].source != claims[preferred[0]].source):
                preferred.append(i)
        self._preferred = [(i, claims[i].source) for i in preferred]

    def representative(self, source: str) -> int:
        """The member that speaks for the figure against ``source``: preferably another source's."""
        for i, owner in self._preferred:
            if owner != source:
                return i
        return self._preferred[0][0]


def latest_first(members: Sequence[int], claims: Sequence[Claim]) -> list[int]:
    """Members (canonical order) from the latest capture back; within one capture, in the order the page states
    them: a page that repeats a figure speaks for it where it first states it."""
    captures: list[list[int]] = []
    for i in members:
        if captures and (claims[captures[-1][0]].source, claims[captures[-1][0]].version) == (
            claims[i].source,
            claims[i].version,
        ):
            captures[-1].append(i)
        else:
            captures.append([i])
    return [i for capture in reversed(captures) for i in capture]


def figure_classes(keys: GroupKeys) -> list[FigureClass]:
    """The group's claims split by figure and stated interval, in order of first appearance."""
    by_figure: dict[tuple, list[int]] = {}
    for i, fig in enumerate(keys.figures):
        by_figure.setdefault((fig, keys.lows[i], keys.highs[i]), []).append(i)
    return [FigureClass(members, keys.claims) for members in by_figure.values()]
