"""junit.xml written directly is the text ElementTree writes for the same tree (render_junit_by_etree)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_fixtures import build_hostile_result, build_result
from test_json_fast import ODD_TEXT, awkward_result

from claimcheck.checker.model import Finding
from claimcheck.reports import junit
from claimcheck.result import RunResult, Unreadable

FAIL_ON = ("conflict", "stale", "change", "never")
XML_EDGES = ODD_TEXT + "\ud800 \udfff \x0b\x0c \x85 \ue000 \U0001f600 &amp; ]]> '\"'"


def outcome(make):
    """The text, or the type of the error: both writers must agree on either."""
    try:
        return make()
    except Exception as e:  # noqa: BLE001 - the error is what is compared
        return type(e)


def assert_same_text(result: RunResult) -> None:
    for fail_on in FAIL_ON:
        assert outcome(lambda: junit.render_junit(result, fail_on)) == outcome(
            lambda: junit.render_junit_by_etree(result, fail_on)
        ), fail_on


def hostile_statuses(result: RunResult) -> RunResult:
    """Every status and severity, decisions present and absent, odd text in every field."""
    findings = []
    for i, f in enumerate(result.findings * 4):
        findings.append(attrs.evolve(
            f, id=f"{f.id}-{i}{XML_EDGES if i % 3 == 0 else ''}",
            severity=("error", "warning", "info", "none")[i % 4],
            status=("open", "resolved", "needs-re-review")[i % 3],
            resolution=({"decision": XML_EDGES} if i % 2 else {"note": "no decision"}) if i % 3 == 1 else None,
            subject=f.subject + XML_EDGES, measure=XML_EDGES, scope=XML_EDGES if i % 2 else None,
            period=None if i % 5 == 0 else XML_EDGES, message=f.message + XML_EDGES,
            claims=f.claims + ("c-not-in-the-run",) if i % 4 == 0 else f.claims,
        ))
    return attrs.evolve(result, findings=tuple(findings),
                        unreadable=(Unreadable(XML_EDGES, XML_EDGES, XML_EDGES), Unreadable("a", "b", "c")))


RESULTS = {
    "fixture": build_result,
    "hostile": build_hostile_result,
    "hostile-statuses": lambda: hostile_statuses(build_hostile_result()),
    "awkward": awkward_result,
    "empty": lambda: RunResult((), (), ()),
    "only-unreadable": lambda: RunResult((), (), (), unreadable=(Unreadable("s", "p", "r"),)),
}


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_direct_text_is_elementtrees(name):
    result = RESULTS[name]()
    for fail_on in FAIL_ON:
        # The direct writer itself, so one that gave up on these inputs fails the test.
        assert junit._render_text(result, fail_on) == junit.render_junit_by_etree(result, fail_on), fail_on


def test_fields_of_other_types_fail_or_write_as_elementtree_does():
    result = build_result()
    f = result.findings[2]  # the conflict: a failure with evidence
    for variant in (
        attrs.evolve(f, kind=None),
        attrs.evolve(f, message=7),
        attrs.evolve(f, status=None, resolution={"decision": 3}),
        attrs.evolve(f, claims=(1,)),
    ):
        assert_same_text(attrs.evolve(result, findings=(variant,)))


TEXT = st.text(max_size=10) | st.sampled_from([XML_EDGES, "", " ", "\n", "&", "]]>"])


@st.composite
def findings(draw) -> Finding:
    return Finding(
        draw(TEXT), draw(st.sampled_from(["conflict", "change", "stale", "agreement", "revision"]) | TEXT),
        draw(st.sampled_from(["error", "warning", "info", "none"])), draw(TEXT), draw(TEXT),
        draw(st.none() | TEXT), draw(TEXT), draw(st.none() | TEXT),
        tuple(draw(st.lists(st.sampled_from(["c-budget-2010", "c-agents-who", "c-gone"]) | TEXT, max_size=3))),
        draw(TEXT), draw(TEXT), (), None, draw(st.sampled_from(["open", "resolved", "needs-re-review"])),
        draw(st.none() | st.fixed_dictionaries({}, optional={"decision": st.none() | TEXT})),
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(findings(), max_size=6), st.lists(st.builds(Unreadable, TEXT, TEXT, TEXT), max_size=2))
def test_generated_findings(finding_list, unreadable):
    result = attrs.evolve(build_hostile_result(), findings=tuple(finding_list), unreadable=tuple(unreadable))
    for fail_on in FAIL_ON:
        assert junit._render_text(result, fail_on) == junit.render_junit_by_etree(result, fail_on)
