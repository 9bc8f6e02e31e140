"""Stale figures: presented as current long after their period, or after they had changed."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

from claimcheck.checker.builder import GroupFacts, distinct
from claimcheck.checker.clusters import Figure, GroupKeys, figures_differ
from claimcheck.checker.describe import describe, elapsed, join_words
from claimcheck.checker.intervals import disjoint
from claimcheck.checker.model import CheckerSettings, Finding
from claimcheck.checker.periods import period_key, same_period
from claimcheck.claims.model import Claim


def is_stale_by_period(claim: Claim, settings: CheckerSettings, latest_end: dt.date | None = None) -> bool:
    """Rule 1 for one claim: presented as current, its explicit period ended more than
    ``stale_after`` before its version's date (exactly ``stale_after`` is not yet stale). ``latest_end``: the
    end of the latest period its version states the group's figure for; a claim for an earlier period is a
    row of a series, which the version presents as history, not as current."""
    return (
        claim.current
        and claim.period is not None
        and claim.version_date is not None
        and claim.version_date > settings.stale_after.after(claim.period.end)
        and (latest_end is None or claim.period.end >= latest_end)
    )


def _latest_period_ends(claims: Sequence[Claim]) -> dict[tuple[str, str], dt.date]:
    """(source, version) → the end of the latest explicit period the version states a figure for."""
    latest: dict[tuple[str, str], dt.date] = {}
    for c in claims:
        if c.period is not None:
            key = (c.source, c.version)
            if key not in latest or c.period.end > latest[key]:
                latest[key] = c.period.end
    return latest


def stale_by_period(group: GroupFacts, dated: Sequence[Claim], settings: CheckerSettings) -> list[Finding]:
    """Rule 1: a figure for an explicit period presented as current long after the period ended.

    Stale claims of one source about one period make one finding, so that the next capture of a
    page still quoting the FY2010 budget is the same finding (same id), not a new one. A version that
    states the figure for several periods (a table of ridership by fiscal year, "up from 2.9 million in
    FY 2019") presents only the latest as current: the earlier ones are its history.
    """
    stale: dict[tuple[str, str], list[Claim]] = {}
    after = settings.stale_after.after
    latest: dict[tuple[str, str], dt.date] | None = None
    for claim in dated:
        # is_stale_by_period, inline: most claims have no explicit period and stop at the first test.
        period = claim.period
        if period is not None and claim.current and claim.version_date is not None:
            if claim.version_date > after(period.end):
                latest = latest if latest is not None else _latest_period_ends(dated)  # only once one is stale
                if period.end >= latest[(claim.source, claim.version)]:
                    stale.setdefault((claim.source, period.label), []).append(claim)
    if not stale:
        return []
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
        # ``dated`` is in the canonical order, so each source's members are too.
        findings.append(group.finding("stale", members, (label,), message, extra=(source,), ordered=True))
    return findings


# --- rule 2 ---------------------------------------------------------------------------------
#
# For a claim S presented as current, rule 2 looks for the latest claim B dated before S, and then
# the latest claim A dated before B, such that A states S's figure, A and B are in different
# periods and the figure changed from A to B. Tried pair by pair that is cubic in the size of a
# group. Two observations make it fast without changing the answer:
# - whether B qualifies ("some A before B with S's figure changed into B") depends on S only
#   through S's figure, so it is computed once per (figure, B) and remembered;
# - among the claims with one figure, those without an explicit period are in the same period as
#   B exactly when their as-of dates fall in a window that ends at B's, so the latest one outside
#   it is found by binary search; claims with explicit periods are few distinct periods and are
#   tried class by class.


class _Figure:
    """The claims of one figure, arranged for :meth:`_Repetitions._latest_a`."""

    __slots__ = ("plain", "periodic", "likely", "first_as_of")

    def __init__(self, first_as_of) -> None:
        # likely-interval keys → (as-of dates, positions), both ascending
        self.plain: dict[tuple, tuple[list, list[int]]] = {}
        # (period start, end, as-of, likely keys) → [a representative claim, latest position]
        self.periodic: dict[tuple, list] = {}
        self.likely: set[tuple] = set()  # every likely interval (keys) the figure is stated with
        self.first_as_of = first_as_of  # no claim before this date states the figure


class _Repetitions:
    """Rule 2 over one group's dated claims (canonical order)."""

    def __init__(self, dated: Sequence[Claim], keys: GroupKeys, settings: CheckerSettings) -> None:
        self.dated = dated
        self.keys = keys
        self.settings = settings
        self.as_of = [c.as_of for c in dated]
        self.figures: dict[Figure, _Figure] = {}
        for position, claim in enumerate(dated):
            fig = self.figures.get(keys.figures[position])
            if fig is None:
                fig = self.figures[keys.figures[position]] = _Figure(claim.as_of)
            likely = (keys.likely_lows[position], keys.likely_highs[position])
            fig.likely.add(likely)
            if claim.period is None:
                dates, positions = fig.plain.setdefault(likely, ([], []))
                dates.append(claim.as_of)
                positions.append(position)
            else:
                period = claim.period
                entry = fig.periodic.setdefault((period.start, period.end, claim.as_of, likely), [claim, position])
                entry[1] = position
        self.memo: dict[Figure, dict[int, tuple[int, int] | None]] = {}

    def evidence(self, claim_position: int) -> tuple[Claim, Claim] | None:
        """(A, B) for the claim at ``claim_position``, or None."""
        s = self.dated[claim_position]
        before = bisect.bisect_left(self.as_of, s.as_of)  # claims dated strictly before S
        fig = self.keys.figures[claim_position]
        found = self._latest_qualifying(fig, before - 1)
        if found is None:
            return None
        b, a = found
        return self.dated[a], self.dated[b]

    def _latest_qualifying(self, fig: Figure, top: int) -> tuple[int, int] | None:
        # The latest B at or below ``top`` with its A; every position passed on the way down is
        # remembered with the answer, so each (figure, position) is examined at most once.
        memo = self.memo.setdefault(fig, {})
        first_as_of = self.figures[fig].first_as_of
        as_of = self.as_of
        passed = []
        result = None
        q = top
        # No A can precede a B dated on or before the figure's first appearance, nor any earlier B.
        while q >= 0 and as_of[q] > first_as_of:
            if q in memo:
                result = memo[q]
                break
            a = self._latest_a(fig, q)
            if a >= 0:
                result = (q, a)
                memo[q] = result
                break
            passed.append(q)
            q -= 1
        for p in passed:
            memo[p] = result
        return result

    def _latest_a(self, fig: Figure, b: int) -> int:
        """The latest position of a claim A with figure ``fig`` that B (position ``b``) changed."""
        keys = self.keys
        claim_b = self.dated[b]
        b_fig = keys.figures[b]
        # Same bound and another figure: a change whatever A's likely interval is.
        moved = b_fig[0] == fig[0] and figures_differ(fig, b_fig, keys.tolerance)
        b_low, b_high = keys.likely_lows[b], keys.likely_highs[b]
        by_figure = self.figures[fig]
        if not moved and not any(disjoint(low, high, b_low, b_high) for low, high in by_figure.likely):
            return -1  # B states the figure (or one its likely intervals cannot tell apart)
        best = -1
        for (low, high), (dates, positions) in by_figure.plain.items():
            if moved or disjoint(low, high, b_low, b_high):
                best = max(best, self._latest_plain_apart(dates, positions, claim_b))
        for (_, _, as_of, (low, high)), (claim_a, position) in by_figure.periodic.items():
            if position > best and as_of < claim_b.as_of and (moved or disjoint(low, high, b_low, b_high)):
                if not same_period(claim_a, claim_b, self.settings):
                    best = position
        return best

    def _latest_plain_apart(self, dates: list, positions: list[int], claim_b: Claim) -> int:
        # Claims without a period, dated before B and not in B's period: the latest position.
        b_date = claim_b.as_of
        if claim_b.period is None:
            window = self.settings.same_period_window
            fixed = window.fixed
            if fixed is not None:
                cut = bisect.bisect_left(dates, b_date - fixed)
            else:
                cut = bisect.bisect_left(dates, True, key=lambda day: window.within(day, b_date))
            return positions[cut - 1] if cut else -1
        period = claim_b.period
        # After B's period but before B (possible when an as-of date lies past its period's end).
        after_start = bisect.bisect_right(dates, period.end)
        after_stop = bisect.bisect_left(dates, b_date)
        if after_stop > after_start:
            return positions[after_stop - 1]
        cut = min(bisect.bisect_left(dates, period.start), after_stop)
        return positions[cut - 1] if cut else -1


def _moves(keys: GroupKeys, count: int) -> bool:
    # Some figure or likely interval differs among the first ``count`` members: without that no
    # claim changed another, and rule 2 has nothing to find.
    first = (keys.figures[0], keys.likely_lows[0], keys.likely_highs[0])
    return any((keys.figures[i], keys.likely_lows[i], keys.likely_highs[i]) != first for i in range(1, count))


def figure_text(fig: Figure) -> str:
    """A figure as it goes into a finding id: "lower 5700000000", "range 5-7"."""
    bound, stated, stated_high = fig

    def number(x: float) -> str:
        return str(int(x)) if float(x).is_integer() else repr(float(x))

    return f"{bound} {number(stated)}" + (f"-{number(stated_high)}" if stated_high is not None else "")


def stale_by_repetition(
    group: GroupFacts, dated: Sequence[Claim], settings: CheckerSettings, keys: GroupKeys | None = None
) -> list[Finding]:
    """Rule 2: a figure presented as current after a newer claim had already changed it.

    Repetitions of one figure by one source make one finding, named after the first capture that
    repeated it: the next capture of a page still repeating the superseded figure is the same
    finding (same id), as with rule 1. ``keys`` are the interval keys of ``dated`` (computed here
    when not given).
    """
    keys = keys if keys is not None else GroupKeys(dated)
    stale: dict[tuple[str, Figure], list[tuple[Claim, Claim, Claim]]] = {}
    if len(dated) < 3 or not _moves(keys, len(dated)):
        return []  # rule 2 needs three claims (A, B, S) and a figure that moved from A to B
    search: _Repetitions | None = None
    for position, claim in enumerate(dated):
        if claim.current and claim.period is None and position:
            search = search or _Repetitions(dated, keys, settings)
            evidence = search.evidence(position)
            if evidence is not None:
                stale.setdefault((claim.source, keys.figures[position]), []).append((*evidence, claim))
    findings = []
    for (source, fig), triples in stale.items():
        a, b, s = triples[0]
        # By identity: hashing a claim hashes every field of it.
        members = list({id(c): c for triple in triples for c in triple}.values())
        days = distinct(period_key(t[2]) for t in triples)
        message = (
            f"{group.head}: {describe(s.value)} presented as current on {join_words(days)}, repeating "
            f"{describe(a.value)} ({period_key(a)}) after it had changed to {describe(b.value)} ({period_key(b)})"
        )
        findings.append(group.finding("stale", members, (days[0],), message, extra=(source, figure_text(fig))))
    return findings
