"""classify_group: behaviour the case files do not pin down."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.checker.classify import classify_group
from claimcheck.checker.model import CheckerSettings

from .factory import make_claim

SETTINGS = CheckerSettings()
FY2010 = ["FY2010", "2009-10-01", "2010-09-30"]


def kinds(findings):
    return sorted(f.kind for f in findings)


def test_one_claim_gives_no_finding() -> None:
    assert classify_group([make_claim("only")], SETTINGS) == []
    assert classify_group([], SETTINGS) == []


def test_change_fields_for_the_ice_budget() -> None:
    old = make_claim("old", source="fact", version="2018-01-03", unit="USD", stated=5.7e9, bound="lower",
                     likely="(5.7e9, 5.8e9]", period=FY2010)
    new = make_claim("new", source="who", version="2020-05-13", unit="USD", stated=8e9, bound="approx",
                     interval="[7.5e9, 8.5e9]")
    [change] = [f for f in classify_group([new, old], SETTINGS) if f.kind == "change"]
    assert change.change.direction == "up"
    assert change.change.old == "more than $5.7 billion"
    assert change.change.new == "approximately $8 billion"
    assert (change.change.old_date, change.change.new_date) == ("FY2010", "2020-05-13")
    assert change.change.delta == pytest.approx(2.3e9)
    assert change.change.relative == pytest.approx(2.3 / 5.7)
    assert change.claims == ("c-old", "c-new")
    assert change.unit == "USD" and change.scope is None


def test_change_with_equal_stated_figures_takes_direction_from_likely_intervals() -> None:
    old = make_claim(
        "old", version="2018-01-03", stated=5000, bound="upper", interval="[4500, 5000)", likely="[4900, 5000)"
    )
    new = make_claim("new", version="2020-01-03", stated=5000, bound="lower", likely="(5000, 5100]")
    [change] = classify_group([old, new], SETTINGS)
    assert change.kind == "change"
    assert change.change.direction == "up" and change.change.delta == 0
    assert change.message.endswith("+0 %")


def test_change_from_zero_has_no_relative_size() -> None:
    old = make_claim("old", version="2018-01-03", stated=0)
    new = make_claim("new", version="2020-01-03", stated=3)
    [change] = classify_group([old, new], SETTINGS)
    assert change.change.relative is None
    assert change.message == "ICE employees: 0 (2018-01-03) → 3 (2020-01-03)"


def test_change_is_reported_between_the_latest_old_and_earliest_new_claim() -> None:
    claims = [
        make_claim("old-early", source="a", version="2018-01-01", stated=67),
        make_claim("old-late", source="b", version="2018-03-01", stated=67),
        make_claim("new-early", source="a", version="2019-06-01", stated=78),
        make_claim("new-late", source="b", version="2019-08-01", stated=78),
    ]
    [change] = [f for f in classify_group(claims, SETTINGS) if f.kind == "change"]
    assert change.claims == ("c-old-late", "c-new-early")
    assert change.period == "2018-01-01 → 2019-06-01"  # cluster labels


def test_bound_kinds_differing_with_intersecting_likely_intervals_is_no_change() -> None:
    claims = [
        make_claim("exact", version="2015-06-01", stated=20000, interval="[19500, 20500]"),
        make_claim("lower", version="2018-03-01", stated=20000, bound="lower", likely="(20000, 22000]"),
    ]
    assert kinds(classify_group(claims, SETTINGS)) == ["agreement"]


def test_same_bound_different_figure_is_a_change_even_when_likely_intervals_meet() -> None:
    claims = [
        make_claim("a", version="2018-01-01", stated=5.7e9, bound="lower", likely="(5.7e9, 5.8e9]"),
        make_claim("b", version="2020-01-01", stated=5.8e9, bound="lower", likely="(5.8e9, 5.9e9]"),
    ]
    assert kinds(classify_group(claims, SETTINGS)) == ["change"]


def test_stale_claims_of_one_source_and_period_are_one_finding() -> None:
    # The next capture of a page still quoting the FY2010 budget is the same finding (same id).
    claims = [
        make_claim("v2017", source="fact", version="2017-01-03", stated=5.7e9, period=FY2010),
        make_claim("v2018", source="fact", version="2018-01-03", stated=5.7e9, period=FY2010),
    ]
    stale = [f for f in classify_group(claims, SETTINGS) if f.kind == "stale"]
    assert len(stale) == 1
    assert stale[0].claims == ("c-v2017", "c-v2018")
    assert "presented as current on 2017-01-03 and 2018-01-03, up to 7 years" in stale[0].message
    with_other = claims[:1] + [make_claim("other", version="2020-01-01", stated=1)]
    only_first = [f for f in classify_group(with_other, SETTINGS) if f.kind == "stale"]
    assert only_first[0].id == stale[0].id


def test_stale_ids_differ_by_source() -> None:
    claims = [
        make_claim("a", source="fact", version="2018-01-03", stated=5.7e9, period=FY2010),
        make_claim("b", source="about", version="2018-01-03", stated=5.7e9, period=FY2010),
    ]
    stale = [f for f in classify_group(claims, SETTINGS) if f.kind == "stale"]
    assert len({f.id for f in stale}) == 2


def test_stale_after_is_a_setting() -> None:
    claims = [
        make_claim("a", version="2012-01-01", period=FY2010),
        make_claim("b", version="2012-01-01", period=FY2010, source="b", current=False),
    ]
    assert "stale" not in kinds(classify_group(claims, SETTINGS))
    assert "stale" in kinds(classify_group(claims, CheckerSettings(stale_after=dt.timedelta(days=365))))


def test_repetition_within_the_same_period_as_the_change_is_a_conflict_not_stale() -> None:
    claims = [
        make_claim("a", source="a", version="2018-01-03", stated=67),
        make_claim("b", source="b", version="2018-02-01", stated=78),  # same period as a: conflict
        make_claim("s", source="a", version="2020-05-13", stated=67),
    ]
    assert "stale" not in kinds(classify_group(claims, SETTINGS))


def test_repetition_of_a_figure_that_never_changed_is_not_stale() -> None:
    claims = [make_claim(f"c{i}", version=f"20{17 + i}-01-03", stated=67) for i in range(3)]
    assert kinds(classify_group(claims, SETTINGS)) == ["agreement"]


def test_repetition_not_presented_as_current_is_not_stale() -> None:
    claims = [
        make_claim("a", source="a", version="2018-01-03", stated=67),
        make_claim("b", source="b", version="2019-06-01", stated=78),
        make_claim("s", source="a", version="2020-05-13", stated=67, current=False),
    ]
    assert "stale" not in kinds(classify_group(claims, SETTINGS))


def test_conflict_members_are_only_the_disagreeing_claims() -> None:
    claims = [
        make_claim("broad", source="a", version="2020-01-01", stated=5000, bound="lower"),
        make_claim("x", source="b", version="2020-01-02", stated=6700),
        make_claim("y", source="c", version="2020-01-03", stated=7000),
    ]
    [conflict] = [f for f in classify_group(claims, SETTINGS) if f.kind == "conflict"]
    assert conflict.claims == ("c-x", "c-y")
    assert conflict.sources == ("b", "c")


def test_undated_claim_counts_towards_an_agreement_only_when_compatible_with_all() -> None:
    claims = [
        make_claim("dated", source="a", version="2020-01-01", stated=100, bound="lower"),
        make_claim("u1", source="b", version=None, stated=200),
        make_claim("u2", source="c", version=None, stated=300),
    ]
    findings = classify_group(claims, SETTINGS)
    [agreement] = [f for f in findings if f.kind == "agreement"]
    assert agreement.claims == ("c-dated", "c-u1")
    discrepancies = [f for f in findings if f.kind == "undated-discrepancy"]
    # b's figure misses c's and c's misses b's: one disagreement between the two, reported once
    assert [f.sources for f in discrepancies] == [("b", "c")]


def test_undated_page_contradicting_itself() -> None:
    claims = [
        make_claim("u1", source="leaflet", version=None, stated=6000),
        make_claim("u2", source="leaflet", version=None, stated=7000, start=50),
    ]
    [finding] = classify_group(claims, SETTINGS)
    assert finding.kind == "undated-discrepancy"
    assert finding.claims == ("c-u1", "c-u2")
    assert finding.message == (
        "ICE employees: 6,000 (leaflet, undated) / 7,000 (leaflet, undated) disagrees with "
        "6,000 (leaflet, undated); 7,000 (leaflet, undated)"
    )


def test_cluster_label_comes_from_the_first_claim() -> None:
    claims = [
        make_claim("plain", source="a", version="2019-05-01", stated=1),
        make_claim("fiscal", source="b", version="2020-01-01", period=["FY2019", "2018-10-01", "2019-09-30"], stated=2),
    ]
    [conflict] = classify_group(claims, SETTINGS)
    assert conflict.kind == "conflict" and conflict.period == "2019-05-01"


def test_severities() -> None:
    claims = [
        make_claim("a", source="a", version="2020-01-01", stated=1),
        make_claim("b", source="b", version="2020-01-02", stated=2),
        make_claim("u", source="u", version=None, stated=3),
    ]
    assert sorted((f.kind, f.severity) for f in classify_group(claims, SETTINGS)) == [
        ("conflict", "error"),
        ("undated-discrepancy", "warning"),
    ]
