"""The fast checker gives exactly the findings of the slow, obvious one (tests/checker/reference.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.checker import crossing
from claimcheck.checker.check import check
from claimcheck.checker.clusters import GroupKeys, compatible, find_change, find_change_members, is_change
from claimcheck.checker.intervals import high_key, low_key
from claimcheck.checker.model import CheckerSettings, Duration
from claimcheck.claims.model import Interval

from . import reference
from .factory import make_claim

DATES = [None] + [
    dt.date(2015, 6, 1),
    dt.date(2016, 2, 29),
    dt.date(2017, 1, 3),
    dt.date(2017, 9, 30),
    dt.date(2017, 10, 1),
    dt.date(2018, 1, 3),
    dt.date(2018, 3, 1),
    dt.date(2018, 8, 20),
    dt.date(2018, 11, 1),
    dt.date(2019, 6, 1),
    dt.date(2019, 12, 20),
    dt.date(2020, 1, 5),
    dt.date(2020, 5, 13),
    dt.date(2021, 9, 30),
    # exactly one window or stale_after away from a date above: the edges of the settings below
    dt.date(2018, 2, 2),
    dt.date(2018, 7, 2),
    dt.date(2018, 9, 30),
    dt.date(2019, 9, 30),
    dt.date(2020, 6, 1),
]
PERIODS = [None, None, None] + [
    ["FY2017", "2016-10-01", "2017-09-30"],
    ["FY2018", "2017-10-01", "2018-09-30"],
    ["FY2019", "2018-10-01", "2019-09-30"],
    ["2019", "2019-01-01", "2019-12-31"],
    ["the year to April 2020", "2019-05-01", "2020-04-30"],
    ["2015 to 2019", "2015-01-01", "2019-12-31"],
    ["March 2020", "2020-03-01", "2020-03-31"],
]
FIGURES = [60, 67, 78, 100, 101, 5.7e9, 5.8e9]
SETTINGS = [
    CheckerSettings(),
    CheckerSettings(same_period_window=dt.timedelta(days=30), stale_after=dt.timedelta(days=365)),
    CheckerSettings(same_period_window=Duration(months=6), stale_after=Duration(years=1)),
    CheckerSettings(same_period_window=Duration(years=1), agreement_tolerance=0.02),
    CheckerSettings(tolerance={"employees": 0.1}),
]


def intervals(bound: str, x: float, wide: bool) -> dict:
    """Stated and likely intervals as semantics.md derives them (always non-empty)."""
    step = x * 0.1 if wide else 1
    if bound == "exact":
        return {"interval": f"[{x - 0.5}, {x + 0.5}]"}
    if bound == "approx":
        return {"interval": f"[{x * 0.95}, {x * 1.05}]"}
    if bound == "lower":
        left = "[" if wide else "("
        return {"interval": f"{left}{x}, inf)", "likely": f"{left}{x}, {x + step}]"}
    if bound == "upper":
        right = "]" if wide else ")"
        return {"interval": f"[{x * 0.9}, {x}{right}", "likely": f"[{x - step}, {x}{right}"}
    return {"interval": f"[{x}, {x + 10}]", "stated_high": x + 10}


@st.composite
def claim_specs(draw):
    bound = draw(st.sampled_from(["exact", "approx", "lower", "upper", "range"]))
    stated = draw(st.sampled_from(FIGURES))
    return {
        "source": draw(st.sampled_from(["a", "b", "c", "d"])),
        "version": draw(st.sampled_from(DATES)),
        "period": draw(st.sampled_from(PERIODS)),
        "measure": draw(st.sampled_from(["employees", "employees", "employees", "offices"])),
        "current": draw(st.booleans()),
        "stated": stated,
        "bound": bound,
        "start": draw(st.integers(0, 3)) * 10,
        **intervals(bound, stated, draw(st.booleans())),
    }


def build(specs):
    return [make_claim(f"n{i}", **spec) for i, spec in enumerate(specs)]


@settings(max_examples=400, deadline=None)
@given(specs=st.lists(claim_specs(), min_size=0, max_size=14), which=st.sampled_from(range(len(SETTINGS))))
def test_same_findings_as_the_reference(specs, which) -> None:
    claims = build(specs)
    assert check(claims, SETTINGS[which]) == reference.check(claims, SETTINGS[which])


def _random_claims(rng: random.Random, n: int, dates: list = DATES, periods: list = PERIODS) -> list:
    # Few figures, dates and sources, many claims: big clusters, long runs of one figure, repeats.
    specs = []
    for _ in range(n):
        bound = rng.choice(["exact", "exact", "approx", "lower", "upper", "range"])
        stated = rng.choice(FIGURES[:4])
        specs.append(
            {
                "source": rng.choice("abcdefg"),
                "version": rng.choice(dates[1:] if rng.random() < 0.9 else dates[:1]),
                "period": rng.choice(periods),
                "current": rng.random() < 0.8,
                "stated": stated,
                "bound": bound,
                "start": rng.randrange(5) * 10,
                **intervals(bound, stated, rng.random() < 0.3),
            }
        )
    return build(specs)


@pytest.mark.parametrize("seed", range(12))
def test_same_findings_on_large_random_groups(seed) -> None:
    rng = random.Random(seed)
    claims = _random_claims(rng, rng.choice([60, 150, 300]))
    which = SETTINGS[seed % len(SETTINGS)]
    assert check(claims, which) == reference.check(claims, which)


# A dense year with short and long periods: clusters that months and quarters open between plain
# pages inside the window, and periods that cover several clusters (checker/crossing.py, distant).
DENSE_DATES = [dt.date(2019, 12, 20) + dt.timedelta(days=17 * i) for i in range(14)]
DENSE_PERIODS = [None, None, None] + [
    ["January 2020", "2020-01-01", "2020-01-31"],
    ["March 2020", "2020-03-01", "2020-03-31"],
    ["April 2020", "2020-04-01", "2020-04-30"],
    ["Q2 2020", "2020-04-01", "2020-06-30"],
    ["the half to June 2020", "2020-01-01", "2020-06-30"],
    ["2020", "2020-01-01", "2020-12-31"],
    ["FY2020", "2019-10-01", "2020-09-30"],
    ["2019 to 2021", "2019-01-01", "2021-12-31"],
]


@st.composite
def dense_specs(draw):
    spec = draw(claim_specs())
    return {**spec, "version": draw(st.sampled_from(DENSE_DATES)), "period": draw(st.sampled_from(DENSE_PERIODS))}


@contextlib.contextmanager
def _blocks_of(size: int):
    # checker/crossing.py's sparse table summarises blocks of 64 plain claims, more than these
    # groups hold: with blocks of 1 to 3 its search skips blocks, and is compared too.
    saved = crossing._BLOCK
    crossing._BLOCK = size
    try:
        yield
    finally:
        crossing._BLOCK = saved


@settings(max_examples=400, deadline=None)
@given(
    specs=st.lists(dense_specs(), min_size=2, max_size=16),
    which=st.sampled_from(range(len(SETTINGS))),
    block=st.sampled_from([1, 2, 3, 64]),
)
def test_same_findings_as_the_reference_on_a_dense_year(specs, which, block) -> None:
    claims = build(specs)
    with _blocks_of(block):
        assert check(claims, SETTINGS[which]) == reference.check(claims, SETTINGS[which])


@pytest.mark.parametrize("block", [2, 3, 64])
@pytest.mark.parametrize("seed", range(6))
def test_same_findings_on_large_random_groups_in_a_dense_year(seed, block) -> None:
    # Long runs of plain pages between clusters that periods opened: the sparse table of
    # checker/crossing.py searched over many positions and clusters.
    rng = random.Random(seed)
    claims = _random_claims(rng, rng.choice([60, 150, 300]), [None, *DENSE_DATES], DENSE_PERIODS)
    which = SETTINGS[seed % len(SETTINGS)]
    with _blocks_of(block):
        assert check(claims, which) == reference.check(claims, which)


# --- the building blocks on their own -------------------------------------------------------


def _interval(draw_end, draw_bool) -> Interval:
    a, b = sorted([draw_end, draw_end + abs(draw_bool[2])])
    low = None if draw_bool[0] == 0 else a
    high = None if draw_bool[1] == 0 else b
    inclusive_low, inclusive_high = draw_bool[3], draw_bool[4]
    if low is not None and high is not None and low == high:
        inclusive_low = inclusive_high = True  # (x, x] holds no point: extraction never makes one
    return Interval(low, high, inclusive_low, inclusive_high)


intervals_st = st.builds(
    _interval,
    st.sampled_from([0, 1, 2, 3, 5.5]),
    st.tuples(st.integers(0, 3), st.integers(0, 3), st.sampled_from([0, 1, 2]), st.booleans(), st.booleans()),
)


@settings(max_examples=500, deadline=None)
@given(a=intervals_st, b=intervals_st)
def test_keys_agree_with_interval_intersects(a, b) -> None:
    apart = high_key(a) < low_key(b) or high_key(b) < low_key(a)
    assert apart is not a.intersects(b)


@settings(max_examples=300, deadline=None)
@given(specs=st.lists(claim_specs(), min_size=1, max_size=10), cut=st.integers(0, 10), tol=st.sampled_from([0, 0.02]))
def test_find_change_agrees_with_trying_every_pair(specs, cut, tol) -> None:
    claims = build(specs)
    old, new = claims[:cut], claims[cut:]
    assert find_change(old, new, tol) == reference.find_change(old, new, tol)
    keys = GroupKeys(claims, tol)
    for i in range(len(claims)):
        for j in range(len(claims)):
            assert keys.is_change(i, j) == is_change(claims[i], claims[j], tol)
    pair = find_change_members(keys, range(cut), range(cut, len(claims)))
    assert (None if pair is None else (claims[pair[0]], claims[pair[1]])) == reference.find_change(old, new, tol)


@settings(max_examples=300, deadline=None)
@given(specs=st.lists(claim_specs(), min_size=0, max_size=10), tol=st.sampled_from([0, 0.05]))
def test_conflicting_agrees_with_trying_every_pair(specs, tol) -> None:
    from claimcheck.checker.clusters import conflicting

    claims = build(specs)
    assert conflicting(claims, tol) == reference.conflicting(claims, tol)
    for a in claims:
        for b in claims:
            assert compatible(a, b, tol) == compatible(b, a, tol)


# Captures repeating one claim: (source, date, presented as current).
COPIES = st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(DATES), st.booleans()), min_size=2, max_size=8)


def _repeated(base: dict, copies: list) -> list[dict]:
    return [{**base, "period": None, "source": s, "version": v, "current": c} for s, v, c in copies]


@settings(max_examples=300, deadline=None)
@given(base=claim_specs(), copies=COPIES, odd=st.one_of(st.none(), claim_specs()), which=st.sampled_from(range(len(SETTINGS))))
def test_same_findings_when_every_claim_repeats_one_figure(base, copies, odd, which) -> None:
    # The shortcut for groups stating one figure throughout (classify._one_figure), and groups that
    # just miss it: one undated copy, one with a period, one other figure.
    claims = build(_repeated(base, copies))
    if odd is not None:
        claims.append(make_claim("odd", **{**odd, "measure": base["measure"]}))
    assert check(claims, SETTINGS[which]) == reference.check(claims, SETTINGS[which])


@settings(max_examples=300, deadline=None)
@given(base=claim_specs(), copies=COPIES, odd=st.one_of(st.none(), claim_specs()), which=st.sampled_from(range(len(SETTINGS))))
def test_same_findings_when_claims_share_one_quantity_object(base, copies, odd, which) -> None:
    # As above, with the copies carrying the very same Quantity object, as a loader that shares
    # equal values gives them: the shortcut that tests identity (classify._one_quantity).
    claims = build(_repeated(base, copies))
    claims = [attrs.evolve(claim, value=claims[0].value) for claim in claims]
    if odd is not None:
        claims.append(make_claim("odd", **{**odd, "measure": base["measure"]}))
    assert check(claims, SETTINGS[which]) == reference.check(claims, SETTINGS[which])
