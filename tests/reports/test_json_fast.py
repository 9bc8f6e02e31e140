"""claims.json and findings.json by the fast path (reports/jsonfast.py) are the converter's bytes.

The fast path builds the converter's plain values by hand and skips dumps_bytes' scan for odd
floats when it saw none; these tests hold it to the general path (converter.unstructure, then
serialize.dumps_bytes), on the fixtures, on awkward values and on generated claims and findings.
"""

from __future__ import annotations

import datetime as dt
import math

import attrs
import orjson
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from report_fixtures import build_hostile_result, build_result

from claimcheck import serialize
from claimcheck.checker.model import Change, Finding
from claimcheck.checker.resolve import Resolution
from claimcheck.claims.model import Claim, Evidence, Interval, Period, Quantity, Source, Version
from claimcheck.reports import json as report_json
from claimcheck.reports import jsonfast
from claimcheck.result import RunResult, Unreadable

D = dt.date
ODD_TEXT = 'é 日本 🎉 \u2028\u2029 \x00\x01\x1f\x7f\x80 \t\n\r " \\ / <>&\' ]]> \ufeff \ufffe\uffff \U0010ffff e-05,\n 0.00001,\n'
AWKWARD_FIGURES = [
    0.0, -0.0, 1e-5, -1e-5, 1e-7, 5e-324, 0.0001, -0.0001, 9.999999999999999e-05, 0.00012, 0.1, 1 / 3,
    123456.789, 1e15 + 0.5, 2.5e15, 1e16, 1e17, 12345678901234567.0, 3, 0, -7, 1.0, -2.0,
]


def deep_same(a, b) -> bool:
    """Equal with the same types all the way down: 1, 1.0 and True are three different texts."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return sorted(a) == sorted(b) and all(deep_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(deep_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def outcome(make):
    """The bytes, or the type of the error: both paths must agree on either."""
    try:
        return make()
    except Exception as e:  # noqa: BLE001 - the error is what is compared
        return type(e)


def assert_same_files(result: RunResult) -> None:
    assert outcome(lambda: report_json.claims_json_bytes(result)) == outcome(
        lambda: report_json.claims_json_bytes_by_converter(result)
    )
    assert outcome(lambda: report_json.findings_json_bytes(result)) == outcome(
        lambda: report_json.findings_json_bytes_by_converter(result)
    )


def figures_quantity(i: int, figures: list) -> Quantity:
    pick = lambda k: figures[(i + k) % len(figures)]  # noqa: E731
    return Quantity(
        pick(0), "USD", ("exact", "approx", "range")[i % 3],
        Interval(pick(1), None if i % 4 == 0 else pick(2), i % 2 == 0, i % 3 == 0),
        Interval(None if i % 5 == 0 else pick(1), pick(2)),
        inherited_hedge=i % 2 == 1, stated_high=None if i % 3 else pick(3),
    )


def awkward_result(figures: list = AWKWARD_FIGURES) -> RunResult:
    """Every figure spelling, odd text everywhere, pages, periods, resolutions with dates and floats."""
    claims = []
    for i in range(len(figures)):
        period = Period(f"FY{i}{ODD_TEXT}", D(2000 + i, 1, 1), D(2001 + i, 12, 31)) if i % 2 else None
        claims.append(Claim(
            f"c-{i}-{ODD_TEXT}", f"s{i % 3}", f"v{i}", f"p/{i}.html", f"subject {ODD_TEXT}", "m",
            ODD_TEXT if i % 3 == 0 else None, figures_quantity(i, figures), period,
            period.end if period else (D(2020, 1, 1) if i % 3 else None),
            Evidence(ODD_TEXT, f"sentence {i} {ODD_TEXT}", i, i + 5, i + 1, 2, page=i if i % 4 == 1 else None),
            version_date=None if i % 5 == 0 else D(2019, 1, i % 28 + 1), current=i % 2 == 0,
        ))
    findings = []
    for i in range(30):
        change = None
        if i % 4 == 1:
            change = Change("up", ODD_TEXT, "b", None if i % 2 else "FY1", "FY2", figures[i % len(figures)],
                            figures[(i + 5) % len(figures)] if i % 3 else None)
        resolution = None
        if i % 5 == 2:
            resolution = {"note": ODD_TEXT, "decision": "confirmed", "date": D(2026, 1, 2), "evidence": ("a", "b"),
                          "nested": {"z": 1, "a": [D(2020, 2, 2), 0.5]}}
        elif i % 5 == 3:
            resolution = {"zeta": "last", "alpha": "first"}
        findings.append(Finding(
            f"f-{i}", ("conflict", "change", "stale", "agreement", "revision", "zz")[i % 6], "info", ODD_TEXT, f"m{i}",
            ODD_TEXT if i % 3 == 0 else None, "USD", None if i % 2 else ODD_TEXT,
            tuple(c.id for c in claims[i % 5: i % 5 + i % 4]), "d" * 64, f"message {ODD_TEXT}",
            ("s0", "s1"), change, ("open", "resolved", "needs-re-review")[i % 3], resolution,
        ))
    sources = (
        *build_result().sources,
        Source(f"s{ODD_TEXT}", None, ODD_TEXT, None, (Version("v", None, "none", "p", "x", ODD_TEXT, "pdf", "latin-1", 3),)),
    )
    return RunResult(
        sources, tuple(claims), tuple(findings),
        unreadable=(Unreadable("b", "z.pdf", ODD_TEXT), Unreadable("a", "y.pdf", "bad\x00")),
        unused_resolutions=(Resolution("f-gone", "confirmed", "s", ODD_TEXT, "me", D(2026, 1, 1), "dd", ("e1",)),),
    )


RESULTS = {
    "fixture": build_result,
    "hostile": build_hostile_result,
    "awkward": awkward_result,
    "empty": lambda: RunResult((), (), ()),
}


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_plain_values_are_the_converters(name):
    result = RESULTS[name]()
    claims, _ = jsonfast.claim_dicts(result.claims)
    assert deep_same(claims, serialize.converter.unstructure(list(result.claims)))
    findings, _ = jsonfast.finding_dicts(result.findings)
    assert deep_same(findings, serialize.converter.unstructure(list(result.findings)))


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_fast_path_bytes_are_the_converters(name):
    result = RESULTS[name]()
    # Called directly, so a fast path that gave up (Unexpected) on these inputs fails the test.
    extra = report_json._extra(result)
    assert jsonfast.claims_json_bytes(result.sources, result.claims) == report_json.claims_json_bytes_by_converter(result)
    assert jsonfast.findings_json_bytes(result.findings, extra) == report_json.findings_json_bytes_by_converter(result)


def test_the_writers_take_the_fast_path(monkeypatch):
    result = build_result()
    expected = report_json.claims_json_bytes(result), report_json.findings_json_bytes(result)

    def refuse(*_args, **_kwargs):
        raise AssertionError("the general path was taken")

    monkeypatch.setattr(report_json, "claims_json_bytes_by_converter", refuse)
    monkeypatch.setattr(serialize, "claims_document", refuse)
    monkeypatch.setattr(serialize, "findings_document", refuse)
    assert (report_json.claims_json_bytes(result), report_json.findings_json_bytes(result)) == expected


@pytest.mark.parametrize(
    "figures",
    [
        [math.inf, -math.inf, math.nan, 1.5],  # orjson writes null; so do both paths
        [2**70, 1e20, 1e300, -1e300, 4.5],  # ints past 64 bits: json writes the document
        [2**70, math.inf, 2.0],  # ... and json refuses the infinity: the same error
        [True, False, 1.5],  # a bool figure: the converter's path
        [1e-5, 0.5],  # odd floats only: the respelling
    ],
    ids=["non-finite", "big-ints", "big-and-infinite", "bools", "odd-only"],
)
def test_awkward_figures(figures):
    assert_same_files(awkward_result(figures))


def test_unexpected_shapes_take_the_general_path():
    @attrs.frozen
    class SubClaim(Claim):
        pass

    result = build_result()
    c = result.claims[0]
    variants = [
        attrs.evolve(result, claims=(SubClaim(*attrs.astuple(c, recurse=False)),) + result.claims[1:]),
        attrs.evolve(result, claims=(attrs.evolve(c, as_of=dt.datetime(2020, 1, 2, 3, 4)),) + result.claims[1:]),
        attrs.evolve(result, claims=(attrs.evolve(c, period=Period("x", None, D(2020, 1, 1))),) + result.claims[1:]),
        attrs.evolve(result, claims=(attrs.evolve(c, evidence=attrs.evolve(c.evidence, quote="bad \ud800")),)),
        attrs.evolve(result, findings=(attrs.evolve(result.findings[0], resolution={1: "x", "a": 2}),)),
        # Fields of other types than declared (attrs does not check): a float the fast path would
        # not respell, a dict it would not sort.
        attrs.evolve(result, claims=(attrs.evolve(c, id=1e-5),) + result.claims[1:]),
        attrs.evolve(result, claims=(attrs.evolve(c, subject={"z": 1, "a": 2}),) + result.claims[1:]),
        attrs.evolve(result, claims=(attrs.evolve(c, evidence=attrs.evolve(c.evidence, start=2.5e-7)),)),
        attrs.evolve(result, claims=(attrs.evolve(c, current={"z": 1, "a": 2}),)),
        attrs.evolve(result, claims=(attrs.evolve(c, scope=1e-5),)),
        attrs.evolve(result, findings=(attrs.evolve(result.findings[0], message={"z": 1, "a": 2}),)),
        attrs.evolve(result, findings=(attrs.evolve(result.findings[0], claims=("c", 1e-6)),)),
        attrs.evolve(result, findings=(attrs.evolve(result.findings[1], change=attrs.evolve(
            result.findings[1].change, old={"z": 1e-5, "a": 2})),)),
        attrs.evolve(result, findings=(attrs.evolve(result.findings[0], resolution={"a": 1e-7, "b": math.nan}),)),
    ]
    for variant in variants:
        assert_same_files(variant)


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=1e-4, max_value=1e16, exclude_max=True), st.booleans())
@example(1e-4, False)
@example(9999999999999998.0, True)
def test_orjson_spells_plain_floats_as_json(x, negative):
    # What lets the fast path skip dumps_bytes' scan: between 1e-4 and 1e16 orjson and json
    # (repr) spell every float alike.
    x = -x if negative else x
    assert orjson.dumps(x) == repr(x).encode("ascii")
    odd: list[float] = []
    jsonfast._figure(x, {}, odd)
    assert not odd


FIGURES = (
    st.none()
    | st.floats()
    | st.integers(-(2**70), 2**70)
    | st.sampled_from(AWKWARD_FIGURES + [math.inf, math.nan, -0.0])
)
TEXT = st.text(max_size=8) | st.sampled_from([ODD_TEXT, "", "e-05,\n"])
DATES = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 1, 1))


@st.composite
def claims(draw) -> Claim:
    q = Quantity(
        draw(FIGURES), draw(TEXT), draw(TEXT),
        Interval(draw(FIGURES), draw(FIGURES), draw(st.booleans()), draw(st.booleans())),
        Interval(draw(FIGURES), draw(FIGURES), draw(st.booleans()), draw(st.booleans())),
        draw(st.booleans()), draw(FIGURES),
    )
    period = draw(st.none() | st.builds(Period, TEXT, DATES, DATES))
    evidence = Evidence(draw(TEXT), draw(TEXT), *draw(st.tuples(*[st.integers(0, 10**6)] * 4)),
                        page=draw(st.none() | st.integers(1, 500)))
    return Claim(draw(TEXT), draw(TEXT), draw(TEXT), draw(TEXT), draw(TEXT), draw(TEXT), draw(st.none() | TEXT),
                 q, period, draw(st.none() | DATES), evidence, draw(st.none() | DATES), draw(st.booleans()))


@st.composite
def findings(draw) -> Finding:
    change = draw(st.none() | st.builds(Change, TEXT, TEXT, TEXT, st.none() | TEXT, st.none() | TEXT, FIGURES, FIGURES))
    resolution = draw(st.none() | st.dictionaries(TEXT, st.none() | TEXT | FIGURES | DATES | st.lists(TEXT, max_size=3), max_size=4))
    return Finding(
        draw(TEXT), draw(TEXT), draw(TEXT), draw(TEXT), draw(TEXT), draw(st.none() | TEXT), draw(TEXT),
        draw(st.none() | TEXT), tuple(draw(st.lists(TEXT, max_size=3))), draw(TEXT), draw(TEXT),
        tuple(draw(st.lists(TEXT, max_size=2))), change, draw(TEXT), resolution,
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(claims(), max_size=4), st.lists(findings(), max_size=4))
def test_generated_claims_and_findings(claim_list, finding_list):
    result = RunResult(build_result().sources, tuple(claim_list), tuple(finding_list))
    assert_same_files(result)


def test_extra_keys_are_sorted_and_may_replace_the_findings():
    # findings_document lets ``extra`` replace any key, the findings too; its dicts come unsorted.
    result = build_result()
    extra = {"findings": [{"z": 1, "a": 2}], "b": {"y": [{"k": 1, "c": 0.5}], "c": None}}
    expected = serialize.dumps_bytes(serialize.findings_document(result.findings, extra))
    assert jsonfast.findings_json_bytes(result.findings, extra) == expected
