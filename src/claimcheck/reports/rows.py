"""The largest repeated pieces of the site as HTML text: a group page's claim rows, a chart's marks.

A large report prints a hundred thousand claim rows and as many marks. Through a Jinja loop
each printed field costs an attribute lookup, an escape call and a yield; here a row is one
f-string over its already-built view (reports/views.py, reports/timeline.py), so the bytes are
the same as the loop's and every value is still escaped. These render, they decide nothing:
the views hold every value and every choice. Used as the template filters ``claim_rows`` and
``timeline_marks``.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from claimcheck.reports.highlight import escape_text
from claimcheck.reports.timeline import MarkView
from claimcheck.reports.views import ClaimView, FindingRefView

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
