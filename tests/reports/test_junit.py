"""JUnit XML: read back by a real JUnit-report parser, with the counts and verdicts --fail-on implies."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest
from junitparser import Error, Failure, JUnitXml, Skipped
from report_fixtures import check_gold, HOSTILE_SCRIPT, build_hostile_result, build_result

from claimcheck.reports import render_all
from claimcheck.reports.junit import render_junit, case_classname, xml_text

GOLD = Path(__file__).parent / "gold"
# Regenerate the gold files after an intended change:
#   CLAIMCHECK_UPDATE_GOLD=1 PYTHONPATH=src python3 -m pytest tests/reports


def parsed(text: str) -> dict:
    """Read with junitparser: per-case outcome plus the suite and root count attributes."""
    xml = JUnitXml.fromstring(text)
    cases = {}
    suites = {}
    for suite in xml:
        outcomes = []
        for case in suite:
            kinds = {type(r) for r in case.result}
            outcome = (
                "failure" if Failure in kinds else "error" if Error in kinds else "skipped" if Skipped in kinds else "passed"
            )
            cases[case.name] = (outcome, case.classname, case.result)
            outcomes.append(outcome)
        suites[suite.name] = {
            "attrs": (suite.tests, suite.failures, suite.errors, suite.skipped),
            "counted": (len(outcomes), outcomes.count("failure"), outcomes.count("error"), outcomes.count("skipped")),
        }
    return {"root": (xml.tests, xml.failures, xml.errors, xml.skipped), "suites": suites, "cases": cases}


def assert_counts_agree(doc: dict) -> None:
    for name, suite in doc["suites"].items():
        assert suite["attrs"] == suite["counted"], name
    totals = tuple(sum(s["counted"][i] for s in doc["suites"].values()) for i in range(4))
    assert doc["root"] == totals


def test_gold(result):
    check_gold("junit.xml", render_junit(result, "conflict"))


def test_render_all_uses_the_runs_fail_on(result):
    assert render_all(result, ["junit"]) == {"junit.xml": render_junit(result, result.fail_on)}
    changed = attrs.evolve(result, fail_on="change")
    assert render_all(changed, ["junit"])["junit.xml"] == render_junit(result, "change")


def test_parsed_by_junitparser_with_matching_counts(result):
    doc = parsed(render_junit(result, "conflict"))
    assert_counts_agree(doc)
    # The fixture's unreadable version is an error case in a suite of its own.
    assert doc["root"] == (4, 1, 1, 0)
    assert list(doc["suites"]) == ["conflict", "change", "agreement", "unreadable"]
    outcome, classname, results = doc["cases"]["conflict 2020-05-13 f-conflict"]
    assert outcome == "failure" and classname == "HSI.special agents"
    (failure,) = results
    assert failure.type == "conflict" and failure.message.startswith("HSI special agents: 7,000")
    # The evidence, with file positions, is in the failure body.
    assert "who-we-are/2020.html:30:13" in failure.text and "“6,700 special agents”" in failure.text
    assert doc["cases"]["change FY2010 → 2020-05-13 f-change"][0] == "passed"


@pytest.mark.parametrize(
    ("fail_on", "failures"),
    [("never", set()), ("conflict", {"conflict"}), ("stale", {"conflict"}), ("change", {"conflict", "change"})],
)
def test_threshold_decides_failures(result, fail_on, failures):
    doc = parsed(render_junit(result, fail_on))
    assert_counts_agree(doc)
    failed = {name.split()[0] for name, (outcome, _, _) in doc["cases"].items() if outcome == "failure"}
    assert failed == failures


def test_resolved_is_skipped_with_its_decision_and_needs_re_review_fails(result):
    findings = tuple(
        attrs.evolve(f, status="resolved", resolution={"decision": "false-positive", "note": "x"})
        if f.kind == "conflict"
        else attrs.evolve(f, status="needs-re-review") if f.kind == "change" else f
        for f in result.findings
    )
    doc = parsed(render_junit(attrs.evolve(result, findings=findings), "change"))
    assert_counts_agree(doc)
    outcome, _, results = doc["cases"]["conflict 2020-05-13 f-conflict"]
    assert outcome == "skipped" and results[0].message == "resolved: false-positive"
    assert doc["cases"]["change FY2010 → 2020-05-13 f-change"][0] == "failure"
    assert doc["root"] == (4, 1, 1, 1)


def test_scope_joins_the_classname(result):
    f = attrs.evolve(result.findings[0], scope="International Operations")
    assert case_classname(f) == f"{f.subject}.{f.measure}.International Operations"


def test_no_findings_is_one_empty_suite(result):
    doc = parsed(render_junit(attrs.evolve(result, findings=(), unreadable=()), "conflict"))
    assert doc["root"] == (0, 0, 0, 0) and list(doc["suites"]) == ["claimcheck"]


def test_unreadable_versions_are_error_cases(result):
    doc = parsed(render_junit(attrs.evolve(result, findings=()), "never"))
    assert list(doc["suites"]) == ["unreadable"]
    assert doc["root"] == (len(result.unreadable), 0, len(result.unreadable), 0)
    assert {outcome for outcome, _, _ in doc["cases"].values()} == {"error"}


def test_hostile_text_and_forbidden_characters(hostile_result):
    nasty = "\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff\ud800 ]]> &amp; <![CDATA["
    findings = tuple(attrs.evolve(f, message=f.message + nasty) for f in hostile_result.findings)
    text = render_junit(attrs.evolve(hostile_result, findings=findings), "change")
    root = ET.fromstring(text.encode("utf-8"))  # a strict XML 1.0 parser accepts it
    doc = parsed(text)
    assert_counts_agree(doc)
    failure = root.find(".//failure")
    # Markup in documents is data: it comes back as the same text, never as elements.
    assert HOSTILE_SCRIPT in failure.get("message") and HOSTILE_SCRIPT in failure.text
    assert failure.get("message").endswith(" ]]> &amp; <![CDATA[")
    assert not root.findall(".//script") and not root.findall(".//svg")
    assert xml_text(nasty) == " ]]> &amp; <![CDATA["


def test_deterministic(result):
    assert render_junit(result, "stale") == render_junit(build_result(), "stale")
    assert render_junit(build_hostile_result(), "stale") == render_junit(build_hostile_result(), "stale")
    assert "time=\"0\"" in render_junit(result, "stale")
