"""JUnit XML: one test case per finding, so any CI test view shows what failed the run."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from claimcheck.checker.model import Finding
from claimcheck.checker.outcome import failing
from claimcheck.claims.model import Claim
from claimcheck.reports.views import KIND_ORDER, finding_sort_key
from claimcheck.result import RunResult

# Characters XML 1.0 forbids anywhere in a document (§2.2): most C0 controls, lone surrogates,
# U+FFFE and U+FFFF. ElementTree escapes markup but writes these through, which breaks parsers.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
EMPTY_SUITE = "claimcheck"


def render_junit(result: RunResult, fail_on: str) -> str:
    """``junit.xml``: a ``testsuite`` per finding kind, a ``testcase`` per finding.

    One suite per kind because CI test views (GitLab, Jenkins, Azure) group and count by suite,
    and the kind is what a reader filters on first: "conflict: 1 failed", "change: 6 passed".
    Open and needs-re-review findings at or above ``fail_on`` are failures with the evidence in
    the body; resolved findings are skipped with their decision; everything else passes. With
    no findings at all the document holds one empty suite named "claimcheck".
    """
    failed = {f.id for f in failing(result.findings, fail_on)}
    claims = {c.id: c for c in result.claims}
    by_kind: dict[str, list[Finding]] = {}
    for f in sorted(result.findings, key=finding_sort_key):
        by_kind.setdefault(f.kind, []).append(f)
    kinds = sorted(by_kind, key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else len(KIND_ORDER), k))

    root = ET.Element("testsuites", {"name": "claimcheck"})
    suites = [_suite(kind, by_kind[kind], failed, claims) for kind in kinds]
    if result.unreadable:
        suites.append(_unreadable_suite(result))
    if not suites:
        suites = [_suite(EMPTY_SUITE, [], failed, claims)]
    root.extend(suites)
    _set_counts(root, suites)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def xml_text(text: str) -> str:
    """Document text with the characters XML 1.0 cannot carry removed."""
    return _NOT_XML.sub("", text)


def case_classname(f: Finding) -> str:
    """``subject.measure`` or ``subject.measure.scope``: CI views group test cases by it."""
    parts = [f.subject, f.measure] + ([f.scope] if f.scope else [])
    return ".".join(parts)


def case_name(f: Finding) -> str:
    """``kind period id``, e.g. ``change FY2010 → 2020-05-13 f-8d2e…``; the id keeps it unique."""
    return " ".join(p for p in (f.kind, f.period, f.id) if p)


# ---------------------------------------------------------------------------------------------


def _unreadable_suite(result: RunResult) -> ET.Element:
    """A version that could not be read is an error case: the check did not cover it."""
    suite = ET.Element("testsuite", {"name": "unreadable"})
    for u in sorted(result.unreadable, key=lambda u: (u.source, u.path, u.reason)):
        case = ET.SubElement(
            suite, "testcase", {"classname": xml_text(u.source), "name": xml_text(u.path), "time": "0"}
        )
        ET.SubElement(case, "error", {"message": xml_text(u.reason), "type": "unreadable"})
    _set_counts(suite, list(suite))
    return suite


def _suite(name: str, findings: Iterable[Finding], failed: set[str], claims: dict[str, Claim]) -> ET.Element:
    suite = ET.Element("testsuite", {"name": name})
    cases = [_case(f, f.id in failed, claims) for f in findings]
    suite.extend(cases)
    _set_counts(suite, cases)
    return suite


def _case(f: Finding, is_failure: bool, claims: dict[str, Claim]) -> ET.Element:
    case = ET.Element(
        "testcase",
        {"classname": xml_text(case_classname(f)), "name": xml_text(case_name(f)), "time": "0"},
    )
    if is_failure:
        failure = ET.SubElement(case, "failure", {"message": xml_text(f.message), "type": f.kind})
        failure.text = xml_text(_evidence(f, claims))
    elif f.status == "resolved":
        decision = (f.resolution or {}).get("decision")
        ET.SubElement(case, "skipped", {"message": xml_text(f"resolved: {decision}" if decision else "resolved")})
    return case


def _evidence(f: Finding, claims: dict[str, Claim]) -> str:
    lines = [f.message, f"finding {f.id} ({f.kind}, {f.severity}, {f.status})"]
    for cid in f.claims:
        c = claims.get(cid)
        if c is None:
            lines.append(f"- claim {cid} (not in this run)")
            continue
        ev = c.evidence
        lines.append(f"- {_place(c)} ({c.source}, {c.version}): “{ev.quote}”")
        lines.append(f"  in: {ev.sentence}")
    return "\n".join(lines) + "\n"


def _place(c: Claim) -> str:
    """``path:line:column``; in a paged document (PDF) the line is within the page."""
    page = getattr(c.evidence, "page", None)
    at = f"{c.evidence.line}:{c.evidence.column}"
    return f"{c.path}:{at}" if page is None else f"{c.path} page {page}:{at}"


def _set_counts(element: ET.Element, children: list[ET.Element]) -> None:
    """tests/failures/errors/skipped/time on a suite (from its cases) or on the root (from suites)."""
    if element.tag == "testsuite":
        tests = len(children)
        failures = sum(1 for c in children if c.find("failure") is not None)
        errors = sum(1 for c in children if c.find("error") is not None)
        skipped = sum(1 for c in children if c.find("skipped") is not None)
    else:
        tests = sum(int(c.get("tests", "0")) for c in children)
        failures = sum(int(c.get("failures", "0")) for c in children)
        errors = sum(int(c.get("errors", "0")) for c in children)
        skipped = sum(int(c.get("skipped", "0")) for c in children)
    # No timings: the file must be identical for identical inputs.
    element.attrib.update(
        {
            "tests": str(tests),
            "failures": str(failures),
            "errors": str(errors),
            "skipped": str(skipped),
            "time": "0",
        }
    )
