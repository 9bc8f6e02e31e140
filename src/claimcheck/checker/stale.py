"""Stale figures: presented as current long after their period, or after they had changed."""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.checker.builder import GroupFacts, distinct
from claimcheck.checker.clusters import is_change, same_figure
from claimcheck.checker.describe import describe, elapsed, join_words
from claimcheck.checker.model import CheckerSettings, Finding
from claimcheck.checker.periods import period_key, same_period
from claimcheck.claims.model import Claim


def stale_by_period(group: GroupFacts, dated: Sequence[Claim], settings: CheckerSettings) -> list[Finding]:
    """Rule 1: a figure for an explicit period presented as current long after the period ended.

    Stale claims of one source about one period make one finding, so that the next capture of a
    page still quoting the FY2010 budget is the same finding (same id), not a new one.
    """
    stale: dict[tuple[str, str], list[Claim]] = {}
    for claim in dated:
        if (
            claim.current
            and claim.period is not None
            and claim.version_date is not None
            and claim.version_date - claim.period.end > settings.stale_after
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


def _superseded(claim: Claim, dated: Sequence[Claim], settings: CheckerSettings) -> tuple[Claim, Claim] | None:
    """(A, B) when ``claim`` repeats A's figure although B, dated between them, had changed it.

    The latest B is preferred, then the latest A before it: the most recent evidence that the
    figure had moved on.
    """
    earlier = [c for c in dated if c.as_of < claim.as_of]
    for b in reversed(earlier):
        for a in reversed(earlier):
            if (
                a.as_of < b.as_of
                and same_figure(a, claim)
                and not same_period(a, b, settings)  # a disagreement within one period is a conflict
                and is_change(a, b)
            ):
                return a, b
    return None


def stale_by_repetition(group: GroupFacts, dated: Sequence[Claim], settings: CheckerSettings) -> list[Finding]:
    """Rule 2: a figure presented as current after a newer claim had already changed it."""
    stale: dict[tuple[str, str], list[tuple[Claim, Claim, Claim]]] = {}
    for claim in dated:
        if claim.current and claim.period is None:
            evidence = _superseded(claim, dated, settings)
            if evidence is not None:
                stale.setdefault((claim.source, period_key(claim)), []).append((*evidence, claim))
    findings = []
    for (source, key), triples in sorted(stale.items()):
        a, b, s = triples[0]
        members = dict.fromkeys(c for triple in triples for c in triple)
        message = (
            f"{group.head}: {describe(s.value)} presented as current on {key}, repeating "
            f"{describe(a.value)} ({period_key(a)}) after it had changed to {describe(b.value)} ({period_key(b)})"
        )
        findings.append(group.finding("stale", members, (key,), message, extra=(source,)))
    return findings
