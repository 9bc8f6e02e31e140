"""Agreements: the same figure confirmed by several independent sources, or held over time."""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.checker.builder import GroupFacts, distinct
from claimcheck.checker.clusters import GroupKeys
from claimcheck.checker.describe import describe
from claimcheck.checker.intervals import INF, involved
from claimcheck.checker.model import Finding
from claimcheck.checker.periods import UNDATED
from claimcheck.claims.model import Claim


def segments(
    cluster_count: int, conflicted: Sequence[Sequence[int]], changes: dict[int, tuple[int, int]]
) -> list[list[int]]:
    """Runs of neighbouring cluster indices with no change between them and no conflict inside."""
    runs: list[list[int]] = []
    for k in range(cluster_count):
        split = not runs or (k - 1) in changes or bool(conflicted[k]) or bool(conflicted[k - 1])
        if split:
            runs.append([k])
        else:
            runs[-1].append(k)
    return runs


def with_compatible(keys: GroupKeys, members: Sequence[int], undated: Sequence[int]) -> list[int]:
    """``members`` plus each undated claim (in order) compatible with every member so far.

    Checking against the undated claims already added too keeps two undated figures that contradict
    each other out of one agreement. A claim is compatible with every member exactly when it is
    compatible with the member whose interval ends leftmost and the one that starts rightmost, so
    only those two ends are kept.
    """
    result = list(members)
    lows, highs = keys.lows, keys.highs
    min_high = min(map(highs.__getitem__, result), default=(INF, 1))  # map: the scan stays in C
    max_low = max(map(lows.__getitem__, result), default=(-INF, 1))
    for i in undated:
        if not (min_high < lows[i] or highs[i] < max_low):
            result.append(i)
            min_high = min(min_high, highs[i])
            max_low = max(max_low, lows[i])
    return result


def _when(members: Sequence[Claim]) -> str:
    # Distinct times by their label (an explicit period's, else the as-of date), oldest first; the
    # distinct raw values first, so each date is spelled once.
    times: dict = {}
    undated_count = 0
    labelled = False
    for c in members:
        if c.as_of is None:
            undated_count += 1
        elif c.period is not None:
            times[c.period.label] = None
            labelled = True
        else:
            times[c.as_of] = None
    if not times:
        return "in undated versions"
    if labelled:
        # A period label may be spelled like a date: distinct by their spelling.
        keys = distinct([label if isinstance(label, str) else label.isoformat() for label in times])
        first, last, single = keys[0], keys[-1], len(keys) == 1
    else:
        # Distinct dates are distinct spellings: only the first and the last are spelled.
        dates = list(times)
        first, last, single = dates[0].isoformat(), dates[-1].isoformat(), len(dates) == 1
    return _when_words(first, last, single, members[0].period is not None, undated_count)


def _when_words(first: str, last: str, single: bool, explicit: bool, undated_count: int) -> str:
    when = (f"in {first}" if explicit else f"on {first}") if single else f"from {first} to {last}"
    if undated_count:
        when += f" and in {undated_count} undated version" + ("s" if undated_count > 1 else "")
    return when


def agreement(group: GroupFacts, keys: GroupKeys, members: Sequence[int], label: str) -> Finding:
    """The agreement of ``members`` (indices into ``keys.claims``, canonical order: dated then undated)."""
    claims = keys.claims
    ordered = list(map(claims.__getitem__, members))
    # One description per distinct figure and interval: a figure held for years by many pages is
    # described once, not once per claim.
    first: dict[tuple, int] = {}
    figures, lows, highs = keys.figures, keys.lows, keys.highs
    for i in members:
        first.setdefault((figures[i], lows[i], highs[i]), i)
    if len(first) == 1:
        text = describe(ordered[0].value)
    else:
        text = " / ".join(distinct([describe(claims[i].value) for i in first.values()]))
    return _agreement(group, ordered, text, label, _when(ordered))


def one_figure_agreement(group: GroupFacts, ordered: Sequence[Claim]) -> Finding:
    """:func:`agreement` of a whole group whose claims are all dated, have no explicit period and
    state one figure with one stated interval (classify._one_figure)."""
    # Canonical order is as-of order, so the first and last claims carry the first and last dates.
    first, last = ordered[0].as_of, ordered[-1].as_of
    label = first.isoformat()
    when = _when_words(label, last.isoformat(), first == last, False, 0)
    return _agreement(group, ordered, describe(ordered[0].value), label, when)


def _agreement(group: GroupFacts, ordered: Sequence[Claim], text: str, label: str, when: str) -> Finding:
    sources = sorted({c.source for c in ordered})
    noun = "source" if len(sources) == 1 else "sources"
    message = f"{group.head}: {text} stated by {len(sources)} {noun} ({', '.join(sources)}) {when}"
    return group.finding("agreement", ordered, (label,), message, ordered=True, sources=tuple(sources))


def agreements(
    group: GroupFacts,
    keys: GroupKeys,
    clusters: Sequence[tuple[int, int]],
    labels: Sequence[str],
    conflicted: Sequence[Sequence[int]],
    changes: dict[int, tuple[int, int]],
    undated: Sequence[int],
) -> list[Finding]:
    """The same figure confirmed by several sources, or held over time, one finding per segment.

    A segment is a run of clusters (index ranges into ``keys.claims``) between changes and
    conflicts; compatible undated claims count towards it. A group of undated claims only agrees
    when all of them are mutually compatible. The finding lists the corroborating sources and
    says how many independent (distinct) sources state the figure.
    """
    if not clusters:
        if len(undated) >= 2 and not any(involved([keys.lows[i] for i in undated], [keys.highs[i] for i in undated])):
            return [agreement(group, keys, undated, UNDATED)]
        return []
    findings = []
    for run in segments(len(clusters), conflicted, changes):
        if any(conflicted[k] for k in run):
            continue
        dated = [i for k in run for i in range(*clusters[k])]
        members = with_compatible(keys, dated, undated)
        if len(members) >= 2:
            findings.append(agreement(group, keys, members, labels[run[0]]))
    return findings
