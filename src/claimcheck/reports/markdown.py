"""The Markdown summary for ``$GITHUB_STEP_SUMMARY``: verdict, counts, then what needs a reader."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from claimcheck.checker.model import Finding
from claimcheck.checker.outcome import COUNTING_STATUSES, failing
from claimcheck.claims.model import Claim
from claimcheck.reports.views import KIND_LABELS, KIND_ORDER, STATUS_LABELS, STATUS_ORDER, finding_sort_key
from claimcheck.result import RunResult

# GitHub refuses a step summary over 1 MiB; the summary is cut by whole findings to fit.
MAX_BYTES = 1024 * 1024
# Listed with their evidence, in this order; agreements (and resolved findings) are only counted.
LISTED_KINDS = ("conflict", "stale", "undated-discrepancy", "change", "revision")
SECTION_TITLES = {
    "conflict": "Conflicts",
    "stale": "Stale figures",
    "undated-discrepancy": "Undated discrepancies",
    "change": "Changes",
    "revision": "Revisions",
}
NOUNS = {
    "conflict": ("conflict", "conflicts"),
    "stale": ("stale figure", "stale figures"),
    "undated-discrepancy": ("undated discrepancy", "undated discrepancies"),
    "change": ("change", "changes"),
    "revision": ("revision", "revisions"),
    "agreement": ("agreement", "agreements"),
}
THRESHOLD_WORDS = {
    "conflict": "conflicts",
    "stale": "conflicts, stale figures and undated discrepancies",
    "change": "every finding but agreements",
    "never": "nothing",
}

# Line breaks of every kind (str.splitlines' set) and the other C0 controls become spaces:
# document text must stay inside the table cell, list item or heading it is printed in.
_BREAKS = {c: " " for c in [*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F, 0x85, 0x2028, 0x2029]}
# Every ASCII punctuation character CommonMark/GFM gives a meaning to inside a line, including
# GitHub's extensions: ~ (strikethrough), $ (math), @ (mentions), # (issue links, heading
# closers), | (table cells), & (entities). CommonMark renders "\\" + any ASCII punctuation as
# that character, literally, so the escaped text shows exactly what the document said.
_MARKDOWN = {ord(c): "\\" + c for c in "\\`*_{}[]()<>#!|~$@&"}
_ESCAPES = str.maketrans({**_BREAKS, **_MARKDOWN})
# GitHub links bare URLs and www. names itself, and does so before escapes apply, so a "\\)" after
# a URL would end up inside the link; "https\\://" and "www\\." show the same text and link nothing.
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp)(://)|\b(www)(\.)")
# At the start of a block a few more characters open a list or a setext heading: "1." "2)" "-" "+" "=".
_BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")


def render_markdown(result: RunResult, fail_on: str) -> str:
    """``summary.md``: the run's verdict and why, counts by kind and status, then the open
    conflicts, stale figures, undated discrepancies, changes and revisions with their evidence.

    Document text is escaped so it renders as the literal text it is: no HTML, links, images,
    mentions, code, math or table breaks (only e-mail addresses still become GitHub's mailto
    links, which no escape prevents). Over ``MAX_BYTES`` UTF-8, whole findings are left out
    from the end and a last line says how many.
    """
    claims = {c.id: c for c in result.claims}
    titles = {s.id: s.title or s.id for s in result.sources}
    listed = [
        f for f in sorted(result.findings, key=finding_sort_key)
        if f.kind in LISTED_KINDS and f.status in COUNTING_STATUSES
    ]
    return _assemble(_head(result, fail_on), listed, lambda f: _finding_block(f, claims, titles))


def md_escape(text: str) -> str:
    """Document text as inline Markdown that renders as exactly that text, on one line."""
    escaped = text.translate(_ESCAPES)  # one pass in C: this runs for every string of the summary
    if "://" not in escaped and "ww." not in escaped.lower():
        return escaped
    return _AUTOLINK.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"{m[3]}\\{m[4]}", escaped)


def md_block(text: str) -> str:
    """Escaped text that starts a paragraph or a quote: also unable to open a list or heading."""
    return _block_safe(md_escape(text))


# ---------------------------------------------------------------------------------------------


def _head(result: RunResult, fail_on: str) -> str:
    failed = failing(result.findings, fail_on)
    versions = sum(len(s.versions) for s in result.sources)
    lines = [f"# claimcheck: {'fail' if failed else 'pass'}", ""]
    threshold = THRESHOLD_WORDS.get(fail_on, fail_on)
    if failed:
        by_kind = Counter(f.kind for f in failed)
        what = ", ".join(_noun(k, n) for k, n in _ordered(by_kind))
        lines.append(
            f"**Failed:** {what} open at or above `--fail-on {fail_on}`, which fails the run on {threshold}."
        )
    else:
        below = sum(1 for f in result.findings if f.status in COUNTING_STATUSES and f.kind != "agreement")
        lines.append(
            f"**Passed:** nothing open at or above `--fail-on {fail_on}`, which fails the run on {threshold}; "
            f"{_count(below, 'open finding')} below it."
        )
    lines += [
        "",
        f"{_count(len(result.claims), 'claim')} from {_count(versions, 'version')} of "
        f"{_count(len(result.sources), 'source')}"
        + (f"; {_count(len(result.unreadable), 'version')} could not be read." if result.unreadable else "."),
        "",
        "| kind | " + " | ".join(STATUS_LABELS[s] for s in STATUS_ORDER) + " | total |",
        "|---|" + "---:|" * (len(STATUS_ORDER) + 1),
    ]
    cells = Counter((f.kind, f.status) for f in result.findings)
    kinds = Counter(f.kind for f in result.findings)
    for kind in list(KIND_ORDER) + sorted(k for k in kinds if k not in KIND_ORDER):
        counts = [cells[(kind, s)] for s in STATUS_ORDER]
        label = md_escape(KIND_LABELS.get(kind, kind))
        lines.append(f"| {label} | " + " | ".join(str(n) for n in counts) + f" | {kinds[kind]} |")
    totals = [sum(cells[(k, s)] for k in kinds) for s in STATUS_ORDER]
    lines.append("| **total** | " + " | ".join(str(n) for n in totals) + f" | {len(result.findings)} |")
    return "\n".join(lines) + "\n"


def _finding_block(f: Finding, claims: dict[str, Claim], titles: dict[str, str]) -> str:
    what = " ".join(p for p in (f.subject, f.measure, f"({f.scope})" if f.scope else None) if p)
    heading = f"### {md_escape(what)}" + (f" — {md_escape(f.period)}" if f.period else "")
    status = "needs re-review" if f.status == "needs-re-review" else f.status
    lines = [
        heading,
        "",
        md_block(f.message),
        "",
        f"*{md_escape(f.severity)}, {md_escape(status)}, finding {md_escape(f.id)}*",
        "",
    ]
    for cid in f.claims:
        c = claims.get(cid)
        if c is None:
            lines.append(f"- claim {md_escape(cid)} (not in this run)")
            continue
        ev = c.evidence
        page = getattr(ev, "page", None)  # paged documents (PDF): the line is within the page
        at = f"{ev.line}:{ev.column}"
        where = f"{c.path}:{at}" if page is None else f"{c.path} page {page}:{at}"
        lines.append(
            f"- **{md_escape(titles.get(c.source, c.source))}** ({md_escape(c.version)}), "
            f"{md_escape(where)}: “{md_escape(ev.quote)}”"
        )
        lines.append(f"  > {_block_safe(_sentence(ev.quote, ev.sentence))}")
    return "\n".join(lines) + "\n"


def _block_safe(escaped: str) -> str:
    # Leading spaces could make an indented code block; "1." "2)" "-" "+" "=" a list or heading.
    escaped = escaped.lstrip()
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped, count=1)


def _sentence(quote: str, sentence: str) -> str:
    """The sentence, escaped, with the quote in bold where it occurs."""
    quote = quote.strip()  # "** x**" would not be emphasis: the asterisks would show
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return md_escape(sentence)
    end = at + len(quote)
    # <strong> would be HTML in Markdown; ** is plain emphasis and the escaped text cannot close it.
    return f"{md_escape(sentence[:at])}**{md_escape(quote)}**{md_escape(sentence[end:])}"


def _assemble(head: str, findings: list[Finding], block: Callable[[Finding], str]) -> str:
    """``head`` and then each finding's block under its section title, while they fit."""
    parts = [head]
    size = len(head.encode("utf-8"))
    section = None
    for i, f in enumerate(findings):
        title = f"\n## {SECTION_TITLES[f.kind]}\n" if f.kind != section else ""
        piece = title + "\n" + block(f)
        cost = len(piece.encode("utf-8"))
        left = len(findings) - i
        # Room for this finding and still for the note, in case a later one does not fit.
        # Blocks are built one at a time, so a huge run stops rendering at the cap.
        if size + cost + len(_omitted_note(left).encode("utf-8")) > MAX_BYTES:
            parts.append(_omitted_note(left))
            break
        parts.append(piece)
        size += cost
        section = f.kind
    return "".join(parts)


def _omitted_note(n: int) -> str:
    return (
        f"\n---\n\n**{_count(n, 'more finding')} left out** to keep this summary under 1 MiB; "
        "findings.json and the HTML report list them all.\n"
    )


def _ordered(counter: Counter) -> list[tuple[str, int]]:
    def rank(kind: str) -> tuple[int, str]:
        return (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), kind)

    return sorted(counter.items(), key=lambda kv: rank(kv[0]))


def _noun(kind: str, n: int) -> str:
    one, many = NOUNS.get(kind, (kind, kind))
    return f"{n} {one if n == 1 else many}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


