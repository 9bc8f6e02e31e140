"""The largest repeated pieces of the site as HTML text: claim rows, a chart's marks, findings.

A large report prints a hundred thousand claim rows, as many marks and tens of thousands of
finding articles. Through a Jinja loop
each printed field costs an attribute lookup, an escape call and a yield; here a row is one
f-string over its already-built view (reports/views.py, reports/timeline.py), so the bytes are
the same as the loop's and every value is still escaped. These render, they decide nothing:
the views hold every value and every choice. Used as the template filters ``claim_rows``,
``timeline_marks``, ``finding_articles`` and ``finding_rows``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from markupsafe import Markup

from claimcheck.reports.highlight import escape_text
from claimcheck.reports.timeline import MarkView
from claimcheck.reports.views import ClaimView, FindingRefView, FindingView, MemberView

e = escape_text


def _refs(refs: Sequence[FindingRefView]) -> str:
    out = []
    for r in refs:
        if r.href:
            out.append(f'<a class="badge {e(r.css_class)}" href="{e(r.href)}">{e(r.label)}</a> ')
        else:
            out.append(f'<span class="badge {e(r.css_class)}">{e(r.label)}</span> ')
    return "".join(out)


def claim_row(c: ClaimView) -> str:
    """One ``<tr>`` of a group page's claims table, newline-terminated."""
    source = e(c.source_title)
    if c.source_href:
        source = f'<a href="{e(c.source_href)}">{source}</a>'
    if c.version_note:
        source += f'<span class="note">{e(c.version_note)}</span>'
    figure = e(c.figure)
    if c.hedge_note:
        figure += f'<span class="note">{e(c.hedge_note)}</span>'
    period = e(c.period_label)
    if c.period_range:
        period += f'<span class="note">{e(c.period_range)}</span>'
    evidence = f"<q>{e(c.evidence_html)}</q>"
    if c.unmatched_sentence:
        evidence += f'<span class="quote-missing">{e(c.unmatched_sentence)}</span>'
    context = f'<a href="{e(c.context_href)}">in context</a> · ' if c.context_href else ""
    return (
        f'<tr id="{e(c.anchor)}" class="{e(c.row_class)}">\n'
        f'<th scope="row" class="source"><span class="swatch" aria-hidden="true"></span>{source}</th>\n'
        f'<td class="date">{e(c.date_text)}<span class="note">{e(c.date_origin_text)}</span></td>\n'
        f'<td class="figure">{figure}</td>\n'
        f'<td class="interval">{e(c.stated_interval)}</td>\n'
        f'<td class="interval">{e(c.likely_interval)}</td>\n'
        f'<td class="period">{period}<span class="note">{e(c.as_of_text)}</span></td>\n'
        f'<td class="evidence">{evidence}<span class="note">{context}<span class="mono">{e(c.location)}</span></span></td>\n'
        f'<td class="refs">{_refs(c.findings)}</td>\n'
        "</tr>\n"
    )


def claim_rows(claims: Sequence[ClaimView]) -> Markup:
    """Every row of a claims table, each value escaped."""
    return Markup("".join(map(claim_row, claims)))


def timeline_mark(mk: MarkView) -> str:
    """One claim's ``<g>`` in a chart, newline-terminated."""
    return (
        f'<g class="{e(mk.css_class)}"><title>{e(mk.title)}</title>'
        f'<path class="light" d="{e(mk.light)}"/><path class="dark" d="{e(mk.dark)}"/></g>\n'
    )


def timeline_marks(marks: Sequence[MarkView]) -> Markup:
    """Every mark of a chart, each value escaped."""
    return Markup("".join(map(timeline_mark, marks)))


def _member(mm: MemberView) -> str:
    if mm.href:
        return f'<li><a href="{e(mm.href)}">{e(mm.label)}</a></li>\n'
    return f"<li>{e(mm.label)}</li>\n"


def finding_article(f: FindingView) -> str:
    """One finding's ``<article>`` on a group or source page, newline-terminated."""
    anchor = e(f.anchor)
    out = [
        f'<article class="{e(f.css_class)}" id="{anchor}" aria-labelledby="{anchor}-title">\n'
        '<div class="finding-head">\n'
        f'<span class="badge {e(f.kind_class)}">{e(f.kind_label)}</span>\n'
        f'<h3 id="{anchor}-title">{e(f.heading)}</h3>\n'
        f'<span class="badge {e(f.severity_class)}">severity: {e(f.severity_label)}</span>\n'
        f'<span class="badge {e(f.status_class)}">{e(f.status_label)}</span>\n'
        "</div>\n"
        f'<p class="message">{e(f.message)}</p>\n'
    ]
    c = f.change
    if c:
        out.append(
            f'<p class="change {e(c.css_class)}"><span class="figure">{e(c.old)}</span> <span class="muted">({e(c.old_date)})</span>'
            f' → <span class="figure">{e(c.new)}</span> <span class="muted">({e(c.new_date)})</span>'
            f' · <span class="arrow" title="{e(c.direction)}">{e(c.arrow)}</span>{e(c.relative)} · {e(c.delta)}</p>\n'
        )
    out.append(f'<dl class="facts">\n<dt>Period</dt><dd>{e(f.period)}</dd>\n<dt>Sources</dt><dd>{e(f.sources)}</dd>\n')
    if f.members:
        out.append('<dt>Claims</dt><dd><ul class="members">\n')
        out.extend(map(_member, f.members))
        if f.more_members:
            out.append(f'<li class="muted">{e(f.more_members)}</li>')
        out.append("</ul></dd>\n")
    out.append(
        f"<dt>Finding id</dt><dd><code>{e(f.id)}</code></dd>\n"
        f'<dt>Evidence digest</dt><dd><code title="{e(f.evidence_digest)}">{e(f.evidence_digest_short)}</code></dd>\n'
    )
    for item in f.resolution:
        out.append(f"<dt>Resolution {e(item.key)}</dt><dd>{e(item.value)}</dd>\n")
    out.append("</dl>\n")
    if f.missing_claims:
        codes = "".join(f"<code>{e(cid)}</code> " for cid in f.missing_claims)
        out.append(f'<p class="muted">Claims not in this run: {codes}</p>\n')
    out.append("</article>\n")
    return "".join(out)


def finding_articles(findings: Sequence[FindingView]) -> Markup:
    """Every finding's article, each value escaped."""
    return Markup("".join(map(finding_article, findings)))


# A finding list row's verdict, severity and status come in a handful of combinations, each
# printed on thousands of rows: escaped and joined once per combination.
@functools.lru_cache(maxsize=1024, typed=True)
def _row_tokens(css_class: str, kind: str, status: str, severity: str) -> str:
    return f' class="{e(css_class)}" data-kind="{e(kind)}" data-status="{e(status)}" data-severity="{e(severity)}"'


@functools.lru_cache(maxsize=1024, typed=True)
def _badge_cells(
    kind_rank: int, kind_class: str, kind_label: str,
    severity_rank: int, severity_class: str, severity_label: str,
    status_rank: int, status_class: str, status_label: str,
) -> str:
    return (
        f'<td data-key="{e(kind_rank)}"><span class="badge {e(kind_class)}">{e(kind_label)}</span></td>\n'
        f'<td data-key="{e(severity_rank)}"><span class="badge {e(severity_class)}">{e(severity_label)}</span></td>\n'
        f'<td data-key="{e(status_rank)}"><span class="badge {e(status_class)}">{e(status_label)}</span></td>\n'
    )


def finding_row(f: FindingView) -> str:
    """One ``<tr>`` of the findings list, newline-terminated."""
    t = f.filters
    heading = f'<a href="{e(f.href)}">{e(f.heading)}</a>' if f.href else e(f.heading)
    message = e(f.message)
    c = f.change
    if c:
        message += (
            f'<span class="note {e(c.css_class)}"><span class="arrow" title="{e(c.direction)}">{e(c.arrow)}</span>'
            f" {e(c.relative)} · {e(c.delta)}</span>"
        )
    return (
        f'<tr id="{e(f.anchor)}"{_row_tokens(f.css_class, t.kind, t.status, t.severity)}'
        f' data-subject="{e(t.subject)}" data-sources="{e(t.sources)}">\n'
        + _badge_cells(
            f.kind_rank, f.kind_class, f.kind_label,
            f.severity_rank, f.severity_class, f.severity_label,
            f.status_rank, f.status_class, f.status_label,
        )
        + f'<th scope="row">{heading}</th>\n'
        f'<td class="period">{e(f.period)}</td>\n'
        f'<td class="message">{message}</td>\n'
        f"<td>{e(f.sources)}</td>\n"
        "</tr>\n"
    )


def finding_rows(rows: Sequence[FindingView]) -> Markup:
    """Every row of the findings list, each value escaped."""
    return Markup("".join(map(finding_row, rows)))
