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

    The text is written directly, as ElementTree would write the tree ``render_junit_by_etree``
    builds: its serializer is pure Python and was most of the time (tests/reports/test_junit_fast.py
    holds the two to the same text). Whatever the direct writer trips on (a field that is not a
    str), ElementTree's path writes, or fails on in its own words.
    """
    try:
        return _render_text(result, fail_on)
    except Exception:
        return render_junit_by_etree(result, fail_on)


def render_junit_by_etree(result: RunResult, fail_on: str) -> str:
    """``render_junit`` through an ElementTree tree: the reference the direct writer must equal."""
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


def _render_text(result: RunResult, fail_on: str) -> str:
    """The document ``render_junit_by_etree`` makes, written as ``ET.indent`` and ``ET.tostring``
    would: attributes in insertion order, escaped as ``_escape_attrib`` does, text as
    ``_escape_cdata`` does, empty elements as ``<tag ... />``, two spaces a level.

    The pieces go into one list joined once at the end: the failure bodies are most of a large
    file, and each concatenation on the way would copy them again.
    """
    failing_findings = failing(result.findings, fail_on)
    failed = {f.id for f in failing_findings}
    claims = {c.id: c for c in result.claims} if failing_findings else {}
    by_kind: dict[str, list[Finding]] = {}
    for f in sorted(result.findings, key=finding_sort_key):
        by_kind.setdefault(f.kind, []).append(f)
    kinds = sorted(by_kind, key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else len(KIND_ORDER), k))

    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n', ""]  # [1]: the root's tag, once counted
    totals = [0, 0, 0, 0]
    evidence: dict[str, str] = {}  # claim id → its two lines of a failure's body, made once a run
    suites = [(kind, by_kind[kind]) for kind in kinds]
    if not suites and not result.unreadable:
        suites = [(EMPTY_SUITE, [])]
    for name, findings in suites:
        counts = _suite_text(parts, name, findings, failed, claims, evidence)
        totals = [t + n for t, n in zip(totals, counts)]
    if result.unreadable:
        counts = _unreadable_suite_text(parts, result)
        totals = [t + n for t, n in zip(totals, counts)]
    parts[1] = '<testsuites name="claimcheck"' + _counts_text(*totals) + ">"
    parts.append("\n</testsuites>\n")
    return "".join(parts)


def _suite_text(
    parts: list[str], name: str, findings: list[Finding], failed: set[str], claims: dict[str, Claim],
    evidence: dict[str, str],
) -> tuple[int, int, int, int]:
    """Appends a ``testsuite`` element (at level 1, after its newline and indent) to ``parts``;
    returns its tests/failures/errors/skipped."""
    parts.append("\n  ")
    at = len(parts)
    parts.append("")  # the suite's tag, once counted
    failures = skipped = 0
    add = parts.append
    for f in findings:
        add(f'\n    <testcase classname="{_attrib(_clean(case_classname(f)))}" name="{_attrib(_clean(case_name(f)))}" time="0"')
        if f.id in failed:
            failures += 1
            add(f'>\n      <failure message="{_attrib(_clean(f.message))}" type="{_attrib(f.kind)}">')
            _failure_body(parts, f, claims, evidence)
            add("</failure>\n    </testcase>")
        elif f.status == "resolved":
            skipped += 1
            decision = (f.resolution or {}).get("decision")
            child = _element_text("skipped", {"message": _clean(f"resolved: {decision}" if decision else "resolved")})
            add(f">\n      {child}\n    </testcase>")
        else:
            add(" />")
    counts = (len(findings), failures, 0, skipped)
    opening = f'<testsuite name="{_attrib(name)}"' + _counts_text(*counts)
    if findings:
        parts[at] = opening + ">"
        add("\n  </testsuite>")
    else:
        parts[at] = opening + " />"
    return counts


def _unreadable_suite_text(parts: list[str], result: RunResult) -> tuple[int, int, int, int]:
    """Appends the ``unreadable`` suite as ``_suite_text`` does; returns its counts."""
    cases = sorted(result.unreadable, key=lambda u: (u.source, u.path, u.reason))
    counts = (len(cases), 0, len(cases), 0)
    parts.append('\n  <testsuite name="unreadable"' + _counts_text(*counts) + ">")
    for u in cases:
        child = _element_text("error", {"message": xml_text(u.reason), "type": "unreadable"})
        parts.append(
            f'\n    <testcase classname="{_attrib(xml_text(u.source))}" name="{_attrib(xml_text(u.path))}" time="0">'
            f"\n      {child}\n    </testcase>"
        )
    parts.append("\n  </testsuite>")
    return counts


def _failure_body(parts: list[str], f: Finding, claims: dict[str, Claim], made: dict[str, str]) -> None:
    """Appends ``_cdata(xml_text(_evidence(f, claims)))``. Both only ever replace or drop single
    characters, so the lines can be escaped apart, and a claim's lines once for every finding
    that cites it."""
    add = parts.append
    add(_cdata(_clean(f.message)))
    add("\n")
    add(_cdata(_clean(f"finding {f.id} ({f.kind}, {f.severity}, {f.status})")))
    for cid in f.claims:
        text = made.get(cid)
        if text is None:
            c = claims.get(cid)
            if c is None:
                text = _cdata(_clean(f"- claim {cid} (not in this run)"))
            else:
                ev = c.evidence
                page = getattr(ev, "page", None)  # _place, inline: once per claim cited
                place = f"{c.path}:{ev.line}:{ev.column}" if page is None else f"{c.path} page {page}:{ev.line}:{ev.column}"
                text = f"- {place} ({c.source}, {c.version}): “{ev.quote}”\n  in: {ev.sentence}"
                # Printable but for the newlines (which xml_text keeps): nothing to drop.
                text = _cdata(text if text.replace("\n", "").isprintable() else _NOT_XML.sub("", text))
            made[cid] = text
        add("\n")
        add(text)
    add("\n")


def _clean(text: str) -> str:
    # xml_text, without the scan where it has nothing to drop: every printable character (no
    # control, surrogate, private-use or unassigned one) is one XML 1.0 allows.
    return text if text.isprintable() else _NOT_XML.sub("", text)


def _element_text(tag: str, attrib: dict[str, str], text: str | None = None) -> str:
    # A leaf element: ET.indent leaves its text alone; no text (or "") is the short form.
    attributes = "".join(f' {key}="{_attrib(value)}"' for key, value in attrib.items())
    if not text:
        return f"<{tag}{attributes} />"
    return f"<{tag}{attributes}>{_cdata(text)}</{tag}>"


def _counts_text(tests: int, failures: int, errors: int, skipped: int) -> str:
    # _set_counts' attributes, in its order (the file must be identical for identical inputs).
    return f' tests="{tests}" failures="{failures}" errors="{errors}" skipped="{skipped}" time="0"'


def _attrib(text: str) -> str:
    # xml.etree.ElementTree._escape_attrib: the same replacements in the same order (its first
    # three are _escape_cdata's).
    text = _cdata(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def _cdata(text: str) -> str:
    # xml.etree.ElementTree._escape_cdata.
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


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
