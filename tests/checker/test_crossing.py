"""Conflicts across a cluster cut: "within the window" is not transitive, and every same-period pair counts.

The time line is cut into clusters whose members are pairwise in the same period; a claim that is
too far from a cluster's first member opens the next cluster even when it is still in the same
period as later members, and explicit periods reach clusters further away. semantics.md makes
any disagreeing same-period pair a conflict, so the pairs the cuts separate are checked too, between
any two clusters (checker/crossing.py, crossing_conflicts).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.checker import crossing
from claimcheck.checker.check import check
from claimcheck.checker.clusters import GroupKeys

from .factory import make_claim

JANUARY = make_claim("jan", source="src-a", version="2020-01-01", stated=100)
MAY = make_claim("may", source="src-b", version="2020-05-01", stated=100)
AUGUST = make_claim("aug", source="src-c", version="2020-08-01", stated=150)
DECEMBER = make_claim("dec", source="src-d", version="2020-12-20", stated=150)


def _verdicts(*claims):
    return sorted((f.kind, f.claims) for f in check(claims) if f.kind != "revision")


def test_two_pages_92_days_apart_with_incompatible_figures_conflict():
    assert _verdicts(MAY, AUGUST) == [("conflict", ("c-may", "c-aug"))]


def test_an_older_agreeing_page_does_not_hide_the_conflict():
    # January opens the first cluster; August, 213 days after it, opens the next one, yet it is
    # 92 days after May. Before this rule the checker reported a January -> August change.
    findings = [f for f in check((JANUARY, MAY, AUGUST)) if f.kind != "revision"]
    assert [(f.kind, f.claims) for f in findings] == [("conflict", ("c-may", "c-aug"))]
    assert findings[0].severity == "error"
    assert findings[0].message.endswith(
        "conflicting figures for the same period: 100 (src-b, 2020-05-01); 150 (src-c, 2020-08-01)"
    )


def test_the_change_is_read_from_the_claims_no_conflict_disputes():
    # December agrees with August and is outside May's window: the figure moved from January's
    # 100 to December's 150, and the May/August pair still conflicts.
    assert _verdicts(JANUARY, MAY, AUGUST, DECEMBER) == [
        ("change", ("c-jan", "c-dec")),
        ("conflict", ("c-may", "c-aug")),
    ]


def test_a_claim_with_a_period_conflicts_with_a_page_dated_inside_it_across_a_cut():
    fy = ["FY2020", "2019-10-01", "2020-09-30"]
    october = make_claim("oct", source="src-a", version="2019-10-15", stated=100)
    april = make_claim("apr", source="src-b", version="2020-04-20", stated=100)
    stated_fy = make_claim("fy", source="src-c", version="2020-12-01", period=fy, stated=150)
    # Clusters {October}, {April, FY2020 (placed at its end)}: April conflicts inside its cluster,
    # October (dated inside FY2020, but more than 180 days before April) across the cut.
    assert _verdicts(october, april, stated_fy) == [
        ("conflict", ("c-apr", "c-fy")),
        ("conflict", ("c-oct", "c-fy")),
    ]


def test_same_figures_across_a_cut_are_no_conflict():
    august_agrees = make_claim("aug", source="src-c", version="2020-08-01", stated=100)
    assert [kind for kind, _ in _verdicts(JANUARY, MAY, august_agrees)] == ["agreement"]


def test_the_finding_id_does_not_depend_on_the_order_of_the_claims():
    one = check((JANUARY, MAY, AUGUST))
    other = check((AUGUST, JANUARY, MAY))
    assert one == other


# Clusters further apart share a period through explicit periods: a long period placed at its end,
# or a claim with a short period that opens a cluster of its own between two plain claims inside
# the window.


def test_a_long_period_conflicts_with_a_claim_two_clusters_earlier():
    long = ["2015 to 2019", "2015-01-01", "2019-12-31"]
    early = make_claim("a", source="src-a", version="2016-03-01", stated=100)
    middle = make_claim("b", source="src-b", version="2017-06-01", stated=100)
    late = make_claim("c", source="src-c", version="2018-09-01", stated=100)
    span = make_claim("e", source="src-e", version="2020-02-01", period=long, stated=150)
    # Clusters {2016}, {2017}, {2018, 2015-2019}: 2016 lies inside 2015-2019 too.
    conflicting = {cid for kind, members in _verdicts(early, middle, late, span) if kind == "conflict" for cid in members}
    assert "c-a" in conflicting


def test_a_short_period_between_two_plain_claims_does_not_hide_their_conflict():
    december = make_claim("dec", source="src-a", version="2019-12-20", stated=60)
    march = make_claim("mar", source="src-a", version="2020-04-02", period=["March 2020", "2020-03-01", "2020-03-31"], stated=60)
    may = make_claim("may", source="src-a", version="2020-05-13", stated=67)
    # Clusters {2019-12-20}, {March 2020}, {2020-05-13}: December and May are 145 days apart.
    assert ("conflict", ("c-dec", "c-may")) in _verdicts(december, march, may)


def _month(name: str, month: int, last_day: int, stated: float) -> object:
    period = [f"{name} 2020", f"2020-{month:02d}-01", f"2020-{month:02d}-{last_day}"]
    return make_claim(name.lower(), source="src-b", version="2020-06-30", period=period, stated=stated)


def test_plain_claims_conflict_across_three_clusters_that_short_periods_opened():
    december = make_claim("dec", source="src-a", version="2019-12-20", stated=60)
    months = [_month("January", 1, 31, 60), _month("February", 2, 29, 60), _month("March", 3, 31, 60)]
    may = make_claim("may", source="src-c", version="2020-05-13", stated=67)
    # Clusters {2019-12-20}, {January}, {February}, {March}, {2020-05-13}: each month opens its own,
    # and no month holds December or May; the two pages are 145 days apart.
    findings = [f for f in check((december, *months, may)) if f.kind == "conflict"]
    assert [(f.claims, f.period) for f in findings] == [(("c-dec", "c-may"), "2019-12-20 → 2020-05-13")]


def test_a_long_period_conflicts_with_every_cluster_it_covers():
    pages = [make_claim(f"p{year}", source=f"src-{year}", version=f"{year}-03-01", stated=100) for year in range(2015, 2019)]
    span = make_claim("span", source="src-e", version="2020-02-01", period=["2015 to 2019", "2015-01-01", "2019-12-31"], stated=150)
    # One cluster per page (a year apart) and one for the span, at its end: every page is dated
    # inside the span, so each conflicts with it, and no page speaks for its year in a change.
    assert _verdicts(*pages, span) == [("conflict", (f"c-p{year}", "c-span")) for year in range(2015, 2019)]


def test_a_long_period_agrees_with_the_compatible_clusters_it_covers():
    pages = [make_claim(f"p{year}", source=f"src-{year}", version=f"{year}-03-01", stated=100) for year in range(2015, 2019)]
    about = make_claim(
        "span", source="src-e", version="2020-02-01", period=["2015 to 2019", "2015-01-01", "2019-12-31"],
        stated=102, bound="approx", interval="[96.9, 107.1]",
    )  # fmt: skip
    assert _verdicts(*pages, about) == [("agreement", ("c-p2015", "c-p2016", "c-p2017", "c-p2018", "c-span"))]


def test_compatible_plain_claims_across_short_period_clusters_are_no_conflict():
    december = make_claim("dec", source="src-a", version="2019-12-20", stated=60)
    may = make_claim("may", source="src-c", version="2020-05-13", stated=60, bound="approx", interval="[57, 63]")
    months = [_month("January", 1, 31, 60), _month("March", 3, 31, 60)]
    assert [kind for kind, _ in _verdicts(december, *months, may)] == ["agreement"]


def test_two_explicit_periods_two_clusters_apart_conflict_when_they_are_the_same_period():
    fy = make_claim("fy", source="src-a", version="2019-11-01", period=["FY2019", "2018-10-01", "2019-09-30"], stated=150)
    october = make_claim("oct", source="src-b", version="2019-11-01", period=["October 2019", "2019-10-01", "2019-10-31"], stated=100)
    year = make_claim("cy", source="src-c", version="2020-01-15", period=["2019", "2019-01-01", "2019-12-31"], stated=100)
    # Clusters {FY2019}, {October 2019}, {2019}: FY2019 and calendar 2019 overlap for 273 days.
    findings = [f for f in check((fy, october, year)) if f.kind == "conflict"]
    assert [(f.claims, f.period) for f in findings] == [(("c-fy", "c-cy"), "FY2019 → 2019")]


def test_a_page_dated_on_the_last_day_of_a_year_conflicts_with_that_year_two_clusters_back():
    year = make_claim("y2020", source="src-a", version="2021-01-15", period=["2020", "2020-01-01", "2020-12-31"], stated=150)
    quarter = make_claim("q4", source="src-b", version="2021-01-15", period=["Q4 2020", "2020-10-01", "2020-12-31"], stated=100)
    month = make_claim("m12", source="src-c", version="2021-01-15", period=["December 2020", "2020-12-01", "2020-12-31"], stated=100)
    page = make_claim("page", source="src-d", version="2020-12-31", stated=100)
    # All four are placed on 2020-12-31, the periods first and longest first: clusters {2020},
    # {Q4 2020}, {December 2020, the page}. The page lies inside 2020 too.
    assert _verdicts(year, quarter, month, page) == [("conflict", ("c-y2020", "c-page"))]


def test_conflicts_two_clusters_apart_do_not_depend_on_the_order_of_the_claims():
    december = make_claim("dec", source="src-a", version="2019-12-20", stated=60)
    march = _month("March", 3, 31, 60)
    may = make_claim("may", source="src-c", version="2020-05-13", stated=67)
    assert check((december, march, may)) == check((may, december, march)) == check((march, may, december))


# --- the search over plain claims, on its own ------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    figures=st.lists(st.sampled_from([90, 100, 110, 150]), min_size=1, max_size=40),
    bounds=st.lists(st.sampled_from(["exact", "lower", "upper"]), min_size=40, max_size=40),
    cuts=st.sets(st.integers(1, 39), max_size=8),
    block=st.sampled_from([1, 2, 3, 64]),
    probe=st.tuples(st.sampled_from([90, 100, 110, 150]), st.sampled_from(["exact", "lower", "upper"])),
    span=st.tuples(st.integers(0, 40), st.integers(0, 40)),
)
def test_the_plain_line_finds_what_looking_at_every_claim_finds(figures, bounds, cuts, block, probe, span):
    # PlainLine skips whole blocks of claims by their interval extremes (a sparse table); every
    # answer must be the one a scan of each claim gives, whatever the block size.
    day = dt.date(2020, 1, 1)
    dated = [
        make_claim(f"p{i}", version=(day + dt.timedelta(days=i)).isoformat(), stated=x, bound=bounds[i])
        for i, x in enumerate(figures)
    ]
    n = len(dated)
    starts = sorted({0, *(c for c in cuts if c < n)})
    clusters = list(zip(starts, [*starts[1:], n]))
    keys = GroupKeys(dated)
    other = GroupKeys([make_claim("probe", version=day.isoformat(), stated=probe[0], bound=probe[1])])
    low, high = other.lows[0], other.highs[0]
    a, b = min(span[0], n), min(max(span), n)
    misses = [p for p in range(a, b) if keys.highs[p] < low or high < keys.lows[p]]
    owner = {p: k for k, (s, e) in enumerate(clusters) for p in range(s, e)}
    saved = crossing._BLOCK
    crossing._BLOCK = block
    try:
        line = crossing.PlainLine(keys, dated, clusters)
        assert line.first_miss(a, b, low, high) == (misses[0] if misses else b)
        assert line.positions_missing(a, b, low, high) == misses
        assert line.clusters_missing(a, b, low, high) == list(dict.fromkeys(owner[p] for p in misses))
        for c, d in ((0, n), (a, b), (b, n)):
            brute = any(
                keys.highs[p] < keys.lows[q] or keys.highs[q] < keys.lows[p] for p in range(a, b) for q in range(c, d)
            )
            assert line.any_misses(a, b, c, d) == brute
    finally:
        crossing._BLOCK = saved
