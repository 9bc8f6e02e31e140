"""GitHub workflow-command annotations (``::error file=…::…``) for the findings a run reports."""

from __future__ import annotations

import re

from claimcheck.checker.model import Finding
from claimcheck.checker.outcome import COUNTING_STATUSES, failing
from claimcheck.claims.model import Claim
from claimcheck.reports.views import finding_sort_key
from claimcheck.result import RunResult

# GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (and 50 per job);
# the rest are dropped silently, so the cap is applied here and the reader told what was left out.
PER_LEVEL = 10
LEVELS = ("error", "warning", "notice")

# The runner splits its output on \r and \n only, but other line breaks (\v, \f, \x1c-\x1e,
# \x85, U+2028, U+2029) split lines in other viewers; they and the other controls become spaces.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")


def github_annotations(result: RunResult, fail_on: str) -> list[str]:
    """One workflow-command line per open or needs-re-review finding, most urgent first.

    Findings that fail the run under ``fail_on`` are ``::error``; the others are ``::warning``
    (error or warning severity) or ``::notice`` (info). Agreements and resolved findings get no
    line. Each level is capped at ``PER_LEVEL``; when anything was left out, one notice slot is
    kept for a last line saying how many. Every line starts with ``::`` and holds no line break,
    so document text in it can never start a workflow command of its own.
    """
    failed = {f.id for f in failing(result.findings, fail_on)}
    claims = {c.id: c for c in result.claims}
    by_level: dict[str, list[str]] = {level: [] for level in LEVELS}
    for f in sorted(result.findings, key=finding_sort_key):
        if f.status not in COUNTING_STATUSES:
            continue
        level = _level(f, f.id in failed)
        if level is not None:
            by_level[level].append(_command(level, f, claims))
    total = sum(len(lines) for lines in by_level.values())
    caps = {level: PER_LEVEL for level in LEVELS}
    if any(len(lines) > PER_LEVEL for lines in by_level.values()):
        caps["notice"] = PER_LEVEL - 1  # room for the note below, itself a notice
    lines = [line for level in LEVELS for line in by_level[level][: caps[level]]]
    if len(lines) < total:
        omitted = total - len(lines)
        lines.append(
            "::notice title="
            + escape_property("claimcheck: annotations left out")
            + "::"
            + escape_data(
                f"{omitted} more finding{'s' if omitted != 1 else ''} not annotated: GitHub shows at most "
                f"{PER_LEVEL} annotations of each level per step. See the report's findings.json or "
                "summary.md for all of them."
            )
        )
    return lines


def escape_data(text: str) -> str:
    """A command's message, escaped as GitHub's toolkit does (``%``, ``\\r``, ``\\n``).

    Other line breaks and control characters become spaces, so the message stays one line.
    """
    out = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _CONTROLS.sub(" ", out)


def escape_property(text: str) -> str:
    """A command property value: as ``escape_data``, plus ``:`` and ``,`` which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


# ---------------------------------------------------------------------------------------------


def _level(f: Finding, is_failure: bool) -> str | None:
    if is_failure:
        return "error"
    if f.severity in ("error", "warning"):
        return "warning"  # a problem, but one this run's --fail-on lets pass
    if f.severity == "info":
        return "notice"
    return None  # agreements: nothing to look at


def _command(level: str, f: Finding, claims: dict[str, Claim]) -> str:
    members = [claims[cid] for cid in f.claims if cid in claims]
    props: list[tuple[str, str]] = []
    if members:
        first = members[0]
        ev = first.evidence
        props.append(("file", first.path))
        # A PDF's lines are lines of its page text, not of the file: annotate the file only.
        if getattr(ev, "page", None) is None:
            props += [("line", str(max(ev.line, 1))), ("col", str(max(ev.column, 1)))]
            if "\n" not in ev.quote and "\r" not in ev.quote:
                props.append(("endColumn", str(max(ev.column, 1) + len(ev.quote))))
    scope = f" ({f.scope})" if f.scope else ""
    props.append(("title", f"claimcheck {f.kind}: {f.subject} {f.measure}{scope}"))
    message_lines = [f.message]
    for c in members:
        ev = c.evidence
        page = getattr(ev, "page", None)  # paged documents (PDF): the line is within the page
        at = f"{c.path}:{ev.line}:{ev.column}" if page is None else f"{c.path} page {page}:{ev.line}:{ev.column}"
        message_lines.append(f"{at} ({c.source} {c.version}): “{ev.quote}”")
    message_lines.append(f"finding {f.id} ({f.severity}, {f.status})")
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    message = escape_data("\n".join(message_lines))  # GitHub shows %0A as a line break
    return f"::{level} {head}::{message}"
