"""The checker's laws, checked with hypothesis."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.checker.check import check
from claimcheck.checker.fingerprint import evidence_digest
from claimcheck.checker.model import CheckerSettings
from claimcheck.claims.model import Interval

from .factory import make_claim

SETTINGS = CheckerSettings()
DATES = [
    None,
    dt.date(2018, 1, 3),
    dt.date(2018, 3, 1),
    dt.date(2018, 11, 1),
    dt.date(2019, 6, 1),
    dt.date(2020, 5, 13),
]
PERIODS = [
    None,
    None,
    ["FY2018", "2017-10-01", "2018-09-30"],
    ["FY2019", "2018-10-01", "2019-09-30"],
    ["2019", "2019-01-01", "2019-12-31"],
]
FIGURES = [60, 67, 78, 100]


def _intervals(bound: str, x: float) -> dict:
    """Stated and likely intervals the way semantics.md derives them (always non-empty)."""
    if bound == "exact":
        return {"interval": f"[{x - 0.5}, {x + 0.5}]"}
    if bound == "approx":
        return {"interval": f"[{x * 0.95}, {x * 1.05}]"}
    if bound == "lower":
        return {"interval": f"({x}, inf)", "likely": f"({x}, {x + 1}]"}
    if bound == "upper":
        return {"interval": f"[{x * 0.9}, {x})", "likely": f"[{x - 1}, {x})"}
    return {"interval": f"[{x}, {x + 10}]", "stated_high": x + 10}


@st.composite
def claim_specs(draw, bounds=("exact", "approx", "lower", "upper", "range")):
    bound = draw(st.sampled_from(bounds))
    stated = draw(st.sampled_from(FIGURES))
    return {
        "source": draw(st.sampled_from(["a", "b", "c"])),
        "version": draw(st.sampled_from(DATES)),
        "period": draw(st.sampled_from(PERIODS)),
        "measure": draw(st.sampled_from(["employees", "employees", "offices"])),
        "current": draw(st.booleans()),
        "stated": stated,
        "bound": bound,
        "start": draw(st.integers(0, 3)) * 10,
        **_intervals(bound, stated),
    }


def build(specs):
    return [make_claim(f"n{i}", **spec) for i, spec in enumerate(specs)]


claim_lists = st.lists(claim_specs(), min_size=0, max_size=8).map(build)


def conflicts(findings):
    return {f.id: f for f in findings if f.kind == "conflict"}


@settings(max_examples=200, deadline=None)
@given(claims=claim_lists, data=st.data())
def test_findings_do_not_depend_on_input_order(claims, data) -> None:
    shuffled = data.draw(st.permutations(claims))
    assert check(shuffled) == check(claims)


@settings(max_examples=200, deadline=None)
@given(a=claim_specs(), b=claim_specs(), version=st.sampled_from(DATES[1:]))
def test_conflicts_are_symmetric(a, b, version) -> None:
    # Two claims from one capture date: a conflict exactly when the stated intervals miss, whichever
    # claim is first and whichever carries which figure.
    a = {**a, "version": version, "period": None, "measure": "m", "source": "a"}
    b = {**b, "version": version, "period": None, "measure": "m", "source": "b"}
    first, second = build([a, b])
    expected = not first.value.interval.intersects(second.value.interval)
    assert bool(conflicts(check([first, second]))) is expected
    swapped_values = [attrs.evolve(first, value=second.value), attrs.evolve(second, value=first.value)]
    assert conflicts(check(swapped_values)).keys() == conflicts(check([first, second])).keys()
    assert check([second, first]) == check([first, second])


@settings(max_examples=200, deadline=None)
@given(claims=st.lists(claim_specs(), min_size=1, max_size=7).map(build), data=st.data())
def test_a_copy_in_another_version_never_creates_a_conflict(claims, data) -> None:
    original = data.draw(st.sampled_from(claims))
    copy = attrs.evolve(original, id="c-copy", version=original.version + "-mirror", path="mirror/copy.html")
    assert conflicts(check(claims + [copy])).keys() == conflicts(check(claims)).keys()


@settings(max_examples=200, deadline=None)
@given(specs=st.lists(claim_specs(bounds=("lower",)), min_size=2, max_size=8))
def test_lower_bounds_never_conflict(specs) -> None:
    kinds = {f.kind for f in check(build(specs))}
    assert "conflict" not in kinds and "undated-discrepancy" not in kinds


@settings(max_examples=200, deadline=None)
@given(spec=claim_specs(), wider_low=st.sampled_from([0, 0.5, 5, None]), wider_high=st.sampled_from([0, 0.5, 5, None]))
def test_a_claim_never_conflicts_with_a_widened_copy_of_itself(spec, wider_low, wider_high) -> None:
    [claim] = build([spec])
    stated = claim.value.interval
    widened = Interval(
        None if wider_low is None or stated.low is None else stated.low - wider_low,
        None if wider_high is None or stated.high is None else stated.high + wider_high,
        True,
        True,
    )
    assert widened.covers(stated)
    copy = attrs.evolve(claim, id="c-wide", source="other", value=attrs.evolve(claim.value, interval=widened))
    kinds = {f.kind for f in check([claim, copy])}
    assert "conflict" not in kinds and "undated-discrepancy" not in kinds


@settings(max_examples=200, deadline=None)
@given(claims=claim_lists, data=st.data())
def test_ids_ignore_offsets_lines_and_paths(claims, data) -> None:
    moved = []
    for claim in claims:
        start = data.draw(st.integers(0, 10_000))
        line = data.draw(st.integers(1, 500))
        evidence = attrs.evolve(claim.evidence, start=start, end=start + 5, line=line, column=7)
        moved.append(attrs.evolve(claim, path=f"renamed/{claim.id}.md", evidence=evidence))
    assert sorted((f.kind, f.id) for f in check(moved)) == sorted((f.kind, f.id) for f in check(claims))


@settings(max_examples=200, deadline=None)
@given(claims=st.lists(claim_specs(), min_size=1, max_size=6).map(build), data=st.data())
def test_digest_follows_stated_value_and_quote(claims, data) -> None:
    index = data.draw(st.integers(0, len(claims) - 1))
    member = claims[index]
    new_stated = member.value.stated + data.draw(st.sampled_from([-3, 1, 0.5, 1000]))
    restated = attrs.evolve(member, value=attrs.evolve(member.value, stated=new_stated))
    requoted = attrs.evolve(member, evidence=attrs.evolve(member.evidence, quote=member.evidence.quote + " more"))
    digest = evidence_digest(claims)
    for changed in (restated, requoted):
        assert evidence_digest(claims[:index] + [changed] + claims[index + 1 :]) != digest


@settings(max_examples=100, deadline=None)
@given(claims=claim_lists)
def test_findings_are_well_formed(claims) -> None:
    findings = check(claims)
    ids = [f.id for f in findings]
    assert len(ids) == len(set(ids))
    known = {c.id: c for c in claims}
    for finding in findings:
        assert finding.claims and set(finding.claims) <= known.keys()
        members = [known[c] for c in finding.claims]
        assert finding.sources == tuple(sorted({c.source for c in members}))
        dated = [c.as_of for c in members if c.as_of is not None]
        assert dated == sorted(dated)
        assert all(c.as_of is None for c in members[len(dated):])  # undated last
        assert finding.evidence_digest == evidence_digest(members)
