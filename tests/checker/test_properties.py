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


# --- whole-corpus laws: analyse() with sources, bytes of findings.json --------------------------

from claimcheck import serialize  # noqa: E402
from claimcheck.checker.check import analyse  # noqa: E402

from .test_cases import sources_of  # noqa: E402


def document_bytes(findings) -> str:
    return serialize.dumps(serialize.findings_document(findings))


@settings(max_examples=150, deadline=None)
@given(claims=claim_lists, data=st.data())
def test_findings_bytes_do_not_depend_on_source_or_file_order(claims, data) -> None:
    sources = sources_of(claims)
    reference = analyse(sources, claims, SETTINGS)
    shuffled_sources = data.draw(st.permutations(sources))
    # "File order": the order of each source's versions, as a config could list them.
    reordered = [attrs.evolve(s, versions=tuple(data.draw(st.permutations(s.versions)))) for s in shuffled_sources]
    other = analyse(reordered, data.draw(st.permutations(claims)), SETTINGS)
    assert document_bytes(other.findings) == document_bytes(reference.findings)
    assert other == reference


@settings(max_examples=200, deadline=None)
@given(claims=st.lists(claim_specs(), min_size=1, max_size=7).map(build), data=st.data())
def test_a_version_identical_to_an_existing_one_never_creates_a_conflict(claims, data) -> None:
    # The same capture again (another file, same date and content): every claim of that version
    # is copied into a new version label of the same source.
    chosen = data.draw(st.sampled_from(claims))
    copies = [
        attrs.evolve(c, id=f"{c.id}-again", version=c.version + " (mirror)", path=f"mirror/{c.id}.html")
        for c in claims
        if (c.source, c.version) == (chosen.source, chosen.version)
    ]
    before = analyse(sources_of(claims), claims, SETTINGS)
    after = analyse(sources_of(claims + copies), claims + copies, SETTINGS)
    assert conflicts(after.findings).keys() == conflicts(before.findings).keys()
    # Same-day captures are one capture: the copy is no revision (the existing ones gain members).
    assert [f.id for f in after.findings if f.kind == "revision"] == [f.id for f in before.findings if f.kind == "revision"]


@settings(max_examples=300, deadline=None)
@given(claims=st.lists(claim_specs(), min_size=1, max_size=7).map(build), data=st.data())
def test_an_agreeing_claim_never_creates_a_conflict(claims, data) -> None:
    # Another source states, at the same time, a figure that agrees with an existing claim: its
    # stated interval covers that claim's ("67" → "more than 60", "approximately 67", "67").
    agreed = data.draw(st.sampled_from(claims))
    stated = agreed.value.interval
    widen_low = data.draw(st.sampled_from([0, 0.5, 7, None]))
    widen_high = data.draw(st.sampled_from([0, 0.5, 7, None]))
    interval = Interval(
        None if widen_low is None or stated.low is None else stated.low - widen_low,
        None if widen_high is None or stated.high is None else stated.high + widen_high,
        stated.low_inclusive if widen_low == 0 else True,
        stated.high_inclusive if widen_high == 0 else True,
    )
    assert interval.covers(stated)
    agreeing = attrs.evolve(agreed, id="c-agreeing", source="corroborating", value=attrs.evolve(agreed.value, interval=interval))
    before = {frozenset(f.claims) for f in check(claims) if f.kind == "conflict"}
    after = check(claims + [agreeing])
    assert conflicts(after).keys() == conflicts(check(claims)).keys()
    for finding in after:
        if finding.kind == "conflict":
            assert frozenset(set(finding.claims) - {"c-agreeing"}) in before


@settings(max_examples=150, deadline=None)
@given(claims=claim_lists, others=st.lists(claim_specs(), min_size=1, max_size=5).map(build))
def test_ids_survive_adding_an_unrelated_source(claims, others) -> None:
    unrelated = [attrs.evolve(c, id=f"{c.id}-u", source="unrelated", subject="FPS") for c in others]
    before = analyse(sources_of(claims), claims, SETTINGS).findings
    after = analyse(sources_of(claims + unrelated), claims + unrelated, SETTINGS).findings
    assert {f.id for f in before} == {f.id for f in after if "unrelated" not in f.sources}
    assert {f.id: f for f in before}.items() <= {f.id: f for f in after}.items()


@settings(max_examples=150, deadline=None)
@given(claims=st.lists(claim_specs(), min_size=2, max_size=7).map(build), data=st.data())
def test_finding_digests_follow_a_member_claims_value_and_quote(claims, data) -> None:
    findings = [f for f in check(claims) if f.kind != "revision"]
    if not findings:
        return
    finding = data.draw(st.sampled_from(findings))
    member_id = data.draw(st.sampled_from(finding.claims))
    member = next(c for c in claims if c.id == member_id)
    requoted = attrs.evolve(member, evidence=attrs.evolve(member.evidence, quote=member.evidence.quote + " staff"))
    # A value change within the same interval keeps every verdict and must still move the digest.
    restated = attrs.evolve(member, value=attrs.evolve(member.value, stated=member.value.stated + 0.25))
    for changed in (requoted, restated):
        again = {f.id: f for f in check([changed if c.id == member_id else c for c in claims])}
        if finding.id in again and member_id in again[finding.id].claims:
            assert again[finding.id].evidence_digest != finding.evidence_digest
