"""The review page: view models that decide every string and class, and the template that prints them."""

from __future__ import annotations

import functools

import attrs
import jinja2

from claimcheck.checker.describe import describe
from claimcheck.checker.model import Finding
from claimcheck.checker.outcome import failing
from claimcheck.checker.resolve import DECISIONS, NEEDS_RE_REVIEW, RESOLVED
from claimcheck.claims.model import Claim
from claimcheck.result import RunResult

TEMPLATE = "review.html.j2"
ERROR_TEMPLATE = "review-error.html.j2"
DECISION_LABELS = {
    "confirmed": "confirmed — a real problem, acknowledged",
    "expected-change": "expected change",
    "false-positive": "false positive",
    "source-preferred": "source preferred — one source is right",
    "wont-fix": "won't fix",
}
STATUS_LABELS = {"open": "open", NEEDS_RE_REVIEW: "needs re-review", RESOLVED: "resolved"}
_SECTIONS = (
    ("needs-re-review", "Needs re-review", "The evidence changed since these were decided."),
    ("open", "Open", "Not reviewed yet."),
    ("resolved", "Resolved", "Decided on the evidence they still have."),
    ("agreement", "Agreements", "Figures that agree; nothing to decide unless they look wrong."),
)


@attrs.frozen
class Option:
    value: str
    label: str
    selected: bool


@attrs.frozen
class EvidenceRow:
    source: str
    version: str
    figure: str
    quote: str
    sentence: str


@attrs.frozen
class FindingRow:
    id: str
    heading: str
    message: str
    kind: str
    severity: str
    status_label: str
    css_class: str
    fails: bool  # counts for the exit code under the session's --fail-on
    evidence_digest: str
    evidence: tuple[EvidenceRow, ...]
    decided: tuple[tuple[str, str], ...]  # (label, text) of the current resolution
    recorded_evidence: tuple[str, ...]
    current_evidence: tuple[str, ...]
    reason: str
    decisions: tuple[Option, ...]
    sources: tuple[Option, ...]
    note: str
    reviewer: str
    button: str


@attrs.frozen
class Section:
    id: str
    title: str
    hint: str
    findings: tuple[FindingRow, ...]
    collapsed: bool


@attrs.frozen
class UnusedRow:
    finding: str
    decision: str
    who: str
    note: str


@attrs.frozen
class ReviewPage:
    title: str
    summary: str
    token: str
    action: str  # where the forms post
    report: str  # the rendered report page
    resolutions_file: str
    fail_on: str
    saved: str  # the finding just recorded, for the notice; "" when none
    sections: tuple[Section, ...]
    unused: tuple[UnusedRow, ...]


def build_review_page(
    result: RunResult, *, token: str, base: str, resolutions_file: str, reviewer: str | None, saved: str | None
) -> ReviewPage:
    """The view of ``result`` as the review page prints it. Pure."""
    claims = {c.id: c for c in result.claims}
    fails = {f.id for f in failing(result.findings, result.fail_on)}
    rows: dict[str, list[FindingRow]] = {key: [] for key, _, _ in _SECTIONS}
    for f in result.findings:
        key = f.status if f.status != "open" or f.kind != "agreement" else "agreement"
        rows.setdefault(key, []).append(_row(f, claims, f.id in fails, reviewer))
    sections = tuple(
        Section(key, title, hint, tuple(rows[key]), collapsed=key == "agreement")
        for key, title, hint in _SECTIONS
        if rows[key]
    )
    counts = ", ".join(f"{len(rows[key])} {title.lower()}" for key, title, _ in _SECTIONS if rows[key])
    unused = tuple(
        UnusedRow(r.finding, r.decision, _who(r.reviewer, r.date), r.note or "")
        for r in result.unused_resolutions
    )
    return ReviewPage(
        title="claimcheck review",
        summary=f"{len(result.findings)} findings: {counts or 'none'}.",
        token=token,
        action=f"{base}resolve",
        report=f"{base}report/index.html",
        resolutions_file=resolutions_file,
        fail_on=result.fail_on,
        saved=saved if saved and any(f.id == saved for f in result.findings) else "",
        sections=sections,
        unused=unused,
    )


def _who(reviewer: str | None, date) -> str:
    return " ".join(x for x in (reviewer, date.isoformat() if date else None) if x)


def _row(f: Finding, claims: dict[str, Claim], fails: bool, reviewer: str | None) -> FindingRow:
    res = f.resolution or {}
    decision = res.get("decision") or ""
    preferred = res.get("preferred_source") or ""
    evidence = []
    for claim_id in f.claims:
        c = claims.get(claim_id)
        if c is not None:
            evidence.append(EvidenceRow(c.source, c.version, describe(c.value), c.evidence.quote, c.evidence.sentence))
    decided = []
    if res:
        decided.append(("Decision", DECISION_LABELS.get(decision, decision)))
        for key, label in (("preferred_source", "Preferred source"), ("accepted_value", "Accepted value")):
            if res.get(key):
                decided.append((label, str(res[key])))
        who = " on ".join(str(x) for x in (res.get("reviewer"), res.get("date")) if x)
        if who:
            decided.append(("By", who))
        if res.get("note"):
            decided.append(("Note", str(res["note"])))
    needs = f.status == NEEDS_RE_REVIEW
    return FindingRow(
        id=f.id,
        heading=f"{f.subject} {f.measure}" + (f" ({f.scope})" if f.scope else ""),
        message=f.message,
        kind=f.kind,
        severity=f.severity,
        status_label=STATUS_LABELS.get(f.status, f.status),
        css_class=f"finding status-{f.status} severity-{f.severity}" + (" fails" if fails else ""),
        fails=fails,
        evidence_digest=f.evidence_digest,
        evidence=tuple(evidence),
        decided=tuple(decided),
        recorded_evidence=tuple(res.get("recorded_evidence", ())) if needs else (),
        current_evidence=tuple(res.get("current_evidence", ())) if needs else (),
        reason=str(res.get("reason", "")) if needs else "",
        decisions=tuple(Option(d, DECISION_LABELS[d], d == decision) for d in DECISIONS),
        sources=(Option("", "— only with “source preferred” —", not preferred),)
        + tuple(Option(s, s, s == preferred) for s in f.sources),
        note=str(res.get("note", "")),
        reviewer=reviewer or str(res.get("reviewer", "")),
        button="Update decision" if res else "Record decision",
    )


@functools.cache
def _environment() -> jinja2.Environment:
    # Autoescape on outright (the templates end in .j2); StrictUndefined turns a typo into an error.
    return jinja2.Environment(
        loader=jinja2.PackageLoader("claimcheck", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_review_page(page: ReviewPage) -> str:
    return _environment().get_template(TEMPLATE).render(page=page)


def render_error_page(status: int, message: str, back: str | None) -> str:
    return _environment().get_template(ERROR_TEMPLATE).render(status=status, message=message, back=back)
