"""The checker's verdicts written the slow, obvious way: an oracle for the fast implementation.

This is the previous checker (pairwise loops: quadratic clusters and changes, cubic stale rule 2),
with the rules as they stand now: clusters whose members are pairwise in the same period, the
tolerance of semantics.md's settings, and calendar durations. ``tests/checker/test_equivalence.py``
checks that :func:`claimcheck.checker.check.check` gives exactly the same findings on random
inputs. Change a rule here and in the package together.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import attrs

from claimcheck.checker.builder import ARROW, GroupFacts, cited, distinct
from claimcheck.checker.check import _unique_ids, finding_order_key
from claimcheck.checker.clusters import compatible, figure, is_change, same_figure
from claimcheck.checker.describe import describe, join_words, signed_percent, elapsed
from claimcheck.checker.group import claim_order_key, group_key
from claimcheck.checker.model import Change, CheckerSettings, Finding
from claimcheck.checker.periods import UNDATED, period_key, same_period
from claimcheck.checker.stale import figure_text
from claimcheck.claims.model import Claim


def sort_claims(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(sorted(claims, key=lambda c: (claim_order_key(c), repr(c))))


@attrs.frozen
class Cluster:
    label: str
    claims: tuple[Claim, ...]


def cluster_claims(dated: Sequence[Claim], settings: CheckerSettings) -> list[Cluster]:
    """A claim joins the current cluster when it is in the same period as every member."""
    clusters: list[list[Claim]] = []
    for claim in dated:
        if clusters and all(same_period(member, claim, settings) for member in clusters[-1]):
            clusters[-1].append(claim)
        else:
            clusters.append([claim])
    return [Cluster(period_key(members[0]), tuple(members)) for members in clusters]


def conflicting(claims: Sequence[Claim], tol: float) -> tuple[Claim, ...]:
    involved = [False] * len(claims)
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            if not compatible(a, claims[j], tol):
                involved[i] = involved[j] = True
    return tuple(claim for claim, hit in zip(claims, involved) if hit)


def find_change(old_side, new_side, tol):
    for old in reversed(old_side):
        for new in new_side:
            if is_change(old, new, tol):
                return old, new
    return None


def classify_group(claims: Sequence[Claim], settings: CheckerSettings) -> list[Finding]:
    ordered = sort_claims(claims)
    if not ordered:
        return []
    subject, measure, scope, _ = group_key(ordered[0])
    tol = settings.tolerance_for(measure)
    group = GroupFacts(subject=subject, measure=measure, scope=scope or None, unit=ordered[0].value.unit)
    if len(ordered) == 1:
        return _stale_by_period(group, ordered, settings)  # a lone claim's one possible verdict
    dated = [claim for claim in ordered if not claim.undated]
    undated = [claim for claim in ordered if claim.undated]
    clusters = cluster_claims(dated, settings)
    conflicted = [conflicting(cluster.claims, tol) for cluster in clusters]
    # Same-period pairs that the cuts between two clusters (any two) separate conflict too.
    crossed = {}
    for k in range(len(clusters)):
        for m in range(k + 1, len(clusters)):
            pairs = [
                (a, b)
                for a in clusters[k].claims
                for b in clusters[m].claims
                if same_period(a, b, settings) and not compatible(a, b, tol)
            ]
            if pairs:
                hit = {c for pair in pairs for c in pair}
                crossed[k, m] = tuple(c for c in (*clusters[k].claims, *clusters[m].claims) if c in hit)
    # A claim in any conflict is left out of its cluster's consensus and agreement.
    disputed = [
        tuple(
            c
            for c in cl.claims
            if c in members or any(c in hit for pair, hit in crossed.items() if k in pair)
        )
        for k, (cl, members) in enumerate(zip(clusters, conflicted))
    ]
    consensus = [tuple(c for c in cl.claims if c not in members) for cl, members in zip(clusters, disputed)]
    changes = {}
    for k in range(len(clusters) - 1):
        if consensus[k] and consensus[k + 1]:
            pair = find_change(consensus[k], consensus[k + 1], tol)
            if pair is not None:
                changes[k] = pair
    findings = []
    for cluster, members in zip(clusters, conflicted):
        if members:
            message = f"{group.head}: conflicting figures for {cluster.label}: " + "; ".join(cited(c) for c in members)
            findings.append(group.finding("conflict", members, (cluster.label,), message))
    for (k, m), members in sorted(crossed.items()):
        before, after = clusters[k].label, clusters[m].label
        message = f"{group.head}: conflicting figures for the same period: " + "; ".join(cited(c) for c in members)
        findings.append(group.finding("conflict", members, (before, after), message))
    for k, (old, new) in sorted(changes.items()):
        findings.append(_change(group, clusters[k], clusters[k + 1], old, new))
    findings += _stale_by_period(group, dated, settings)
    findings += _stale_by_repetition(group, dated, settings, tol)
    findings += _undated(group, ordered, undated, tol)
    findings += _agreements(group, clusters, disputed, changes, undated, tol)
    return findings


def _change(group, before, after, old, new):
    delta = new.value.stated - old.value.stated
    relative = delta / old.value.stated if old.value.stated else None
    if delta:
        direction = "up" if delta > 0 else "down"
    else:
        low = lambda iv: -math.inf if iv.low is None else iv.low  # noqa: E731
        direction = "up" if low(new.value.likely) >= low(old.value.likely) else "down"
    change = Change(direction, describe(old.value), describe(new.value), period_key(old), period_key(new), delta, relative)
    message = f"{group.head}: {change.old} ({change.old_date}){ARROW}{change.new} ({change.new_date})"
    if relative is not None:
        message += f", {signed_percent(relative)}"
    return group.finding("change", (old, new), (before.label, after.label), message, change=change)


def _stale_by_period(group, dated, settings):
    stale: dict = {}
    for claim in dated:
        if (
            claim.current
            and claim.period is not None
            and claim.version_date is not None
            and claim.version_date > settings.stale_after.after(claim.period.end)
            # a row of a series: the same version states the figure for a later period
            and not any(
                c.source == claim.source and c.version == claim.version and c.period is not None
                and c.period.end > claim.period.end
                for c in dated
            )
        ):
            stale.setdefault((claim.source, claim.period.label), []).append(claim)
    findings = []
    for (source, label), members in sorted(stale.items()):
        days = distinct(c.version_date.isoformat() for c in sorted(members, key=lambda c: c.version_date))
        latest = max(c.version_date for c in members)
        age = elapsed(members[0].period.end, latest)
        figures = " / ".join(distinct(describe(c.value) for c in members))
        message = (
            f"{group.head}: {figures} ({label}) presented as current on {join_words(days)}, "
            f"{'up to ' if len(days) > 1 else ''}{age} after its period ended"
        )
        findings.append(group.finding("stale", members, (label,), message, extra=(source,)))
    return findings


def _superseded(claim, dated, settings, tol):
    earlier = [c for c in dated if c.as_of < claim.as_of]
    for b in reversed(earlier):
        for a in reversed(earlier):
            if a.as_of < b.as_of and same_figure(a, claim) and not same_period(a, b, settings) and is_change(a, b, tol):
                return a, b
    return None


def _stale_by_repetition(group, dated, settings, tol):
    stale: dict = {}
    for claim in dated:
        if claim.current and claim.period is None:
            evidence = _superseded(claim, dated, settings, tol)
            if evidence is not None:
                stale.setdefault((claim.source, figure(claim)), []).append((*evidence, claim))
    findings = []
    for (source, fig), triples in stale.items():
        a, b, s = triples[0]
        members = dict.fromkeys(c for triple in triples for c in triple)
        days = distinct(period_key(t[2]) for t in triples)
        message = (
            f"{group.head}: {describe(s.value)} presented as current on {join_words(days)}, repeating "
            f"{describe(a.value)} ({period_key(a)}) after it had changed to {describe(b.value)} ({period_key(b)})"
        )
        findings.append(group.finding("stale", members, (days[0],), message, extra=(source, figure_text(fig))))
    return findings


def _undated(group, ordered, undated, tol):
    """Per undated source: its disagreeing undated claims, and one claim per figure they disagree
    with (the latest dated one from another source, else the latest from another source, else the
    latest), with how many claims state that figure."""
    by_source: dict = {}
    for claim in undated:
        if any(c is not claim and not compatible(claim, c, tol) and not _periods_apart(claim, c) for c in ordered):
            by_source.setdefault(claim.source, []).append(claim)
    classes: dict = {}
    for claim in ordered:
        iv = claim.value.interval
        key = (figure(claim), iv.low, iv.high, iv.low_inclusive, iv.high_inclusive)
        classes.setdefault(key, []).append(claim)
    findings = []
    shown = set()
    for source, own in sorted(by_source.items()):
        missed = [
            members
            for members in classes.values()
            if any(not compatible(o, members[0], tol) and any(not _periods_apart(o, m) for m in members) for o in own)
        ]
        if missed and all((id(o), m.source) in shown for o in own for members in missed for m in members):
            continue  # an earlier finding set each of these claims against every source here
        shown.update((id(m), source) for members in missed for m in members)
        against = []
        for members in missed:
            # (latest capture first; within one capture, where the page first states the figure)
            by_capture = sorted(range(len(members)), key=lambda k: (_capture_rank(members, k), k))
            ranked = [members[k] for k in by_capture]
            preference = [c for c in ranked if not c.undated] + [c for c in ranked if c.undated]
            rep = next((c for c in preference if c.source != source), preference[0])
            against.append((rep, len(members)))
        against.sort(key=lambda pair: (claim_order_key(pair[0]), repr(pair[0])))
        others = [(c, n) for c, n in against if c not in own] or against
        against_text = "; ".join(cited(c) + (f" and {n - 1} more" if n > 1 else "") for c, n in others)
        message = f"{group.head}: {' / '.join(distinct(cited(c) for c in own))} disagrees with {against_text}"
        members = dict.fromkeys((*own, *(c for c, _ in against)))
        findings.append(group.finding("undated-discrepancy", members, (UNDATED,), message, extra=(source,)))
    return findings


def _capture_rank(members, k):
    """How many changes of capture (source, version) follow member ``k`` in the list: 0 for the last capture."""
    keys = [(c.source, c.version) for c in members]
    return sum(1 for j in range(k + 1, len(keys)) if keys[j] != keys[j - 1])


def _periods_apart(a, b):
    """Both claims name their periods, and these are not the same period (half-overlap rule)."""
    if a.period is None or b.period is None:
        return False
    overlap = (min(a.period.end, b.period.end) - max(a.period.start, b.period.start)).days + 1
    longer = max((p.end - p.start).days + 1 for p in (a.period, b.period))
    return 2 * max(overlap, 0) < longer


def _with_compatible(members, undated, tol):
    result = list(members)
    for claim in undated:
        if all(compatible(claim, member, tol) for member in result):
            result.append(claim)
    return result


def _when(members):
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


def _agreement(group, members, label):
    ordered = sort_claims(members)
    sources = sorted({c.source for c in ordered})
    figures = " / ".join(distinct(describe(c.value) for c in ordered))
    noun = "source" if len(sources) == 1 else "sources"
    message = f"{group.head}: {figures} stated by {len(sources)} {noun} ({', '.join(sources)}) {_when(ordered)}"
    return group.finding("agreement", ordered, (label,), message)


def _agreements(group, clusters, conflicted, changes, undated, tol):
    if not clusters:
        everyone = all(compatible(a, b, tol) for i, a in enumerate(undated) for b in undated[i + 1 :])
        if len(undated) >= 2 and everyone:
            return [_agreement(group, undated, UNDATED)]
        return []
    runs: list[list[int]] = []
    for k in range(len(clusters)):
        if not runs or (k - 1) in changes or conflicted[k] or conflicted[k - 1]:
            runs.append([k])
        else:
            runs[-1].append(k)
    findings = []
    for run in runs:
        if any(conflicted[k] for k in run):
            continue
        dated = [claim for k in run for claim in clusters[k].claims]
        members = _with_compatible(dated, undated, tol)
        if len(members) >= 2:
            findings.append(_agreement(group, members, clusters[run[0]].label))
    return findings


def check(claims: Iterable[Claim], settings: CheckerSettings = CheckerSettings()) -> tuple[Finding, ...]:
    groups: dict = {}
    for claim in claims:
        groups.setdefault(group_key(claim), []).append(claim)
    findings: list[Finding] = []
    for key in sorted(groups):
        findings.extend(classify_group(groups[key], settings))
    return tuple(sorted(_unique_ids(findings), key=finding_order_key))
