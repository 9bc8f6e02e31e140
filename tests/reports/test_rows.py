"""The f-string renderers of reports/rows.py print exactly what the Jinja markup they replace printed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.checker.model import Change, Finding
from claimcheck.reports.html import environment
from claimcheck.reports.rows import finding_articles, finding_rows
from claimcheck.reports.views import FilterTokens, MemberView, finding_view

# The macro finding_articles replaced (templates/_macros.html.j2 until it moved to rows.py),
# rendered in the report's own environment (autoescape, trim_blocks, lstrip_blocks).
REFERENCE = """\
{% macro finding_articles(findings) %}
{% for f in findings %}
<article class="{{ f.css_class }}" id="{{ f.anchor }}" aria-labelledby="{{ f.anchor }}-title">
<div class="finding-head">
<span class="badge {{ f.kind_class }}">{{ f.kind_label }}</span>
<h3 id="{{ f.anchor }}-title">{{ f.heading }}</h3>
<span class="badge {{ f.severity_class }}">severity: {{ f.severity_label }}</span>
<span class="badge {{ f.status_class }}">{{ f.status_label }}</span>
</div>
<p class="message">{{ f.message }}</p>
{% if f.change %}
<p class="change {{ f.change.css_class }}"><span class="figure">{{ f.change.old }}</span> <span class="muted">({{ f.change.old_date }})</span> → <span class="figure">{{ f.change.new }}</span> <span class="muted">({{ f.change.new_date }})</span> · <span class="arrow" title="{{ f.change.direction }}">{{ f.change.arrow }}</span>{{ f.change.relative }} · {{ f.change.delta }}</p>
{% endif %}
<dl class="facts">
<dt>Period</dt><dd>{{ f.period }}</dd>
<dt>Sources</dt><dd>{{ f.sources }}</dd>
{% if f.members %}
<dt>Claims</dt><dd><ul class="members">
{% for mm in f.members %}
<li>{% if mm.href %}<a href="{{ mm.href }}">{{ mm.label }}</a>{% else %}{{ mm.label }}{% endif %}</li>
{% endfor %}
{% if f.more_members %}<li class="muted">{{ f.more_members }}</li>{% endif %}
</ul></dd>
{% endif %}
<dt>Finding id</dt><dd><code>{{ f.id }}</code></dd>
<dt>Evidence digest</dt><dd><code title="{{ f.evidence_digest }}">{{ f.evidence_digest_short }}</code></dd>
{% for item in f.resolution %}
<dt>Resolution {{ item.key }}</dt><dd>{{ item.value }}</dd>
{% endfor %}
</dl>
{% if f.missing_claims %}
<p class="muted">Claims not in this run: {% for cid in f.missing_claims %}<code>{{ cid }}</code> {% endfor %}</p>
{% endif %}
</article>
{% endfor %}
{% endmacro %}
{{ finding_articles(findings) -}}
"""

# The macro finding_rows replaced, likewise.
ROWS_REFERENCE = """\
{% macro finding_rows(rows) %}
{% for f in rows %}
<tr id="{{ f.anchor }}" class="{{ f.css_class }}" data-kind="{{ f.filters.kind }}" data-status="{{ f.filters.status }}" data-severity="{{ f.filters.severity }}" data-subject="{{ f.filters.subject }}" data-sources="{{ f.filters.sources }}">
<td data-key="{{ f.kind_rank }}"><span class="badge {{ f.kind_class }}">{{ f.kind_label }}</span></td>
<td data-key="{{ f.severity_rank }}"><span class="badge {{ f.severity_class }}">{{ f.severity_label }}</span></td>
<td data-key="{{ f.status_rank }}"><span class="badge {{ f.status_class }}">{{ f.status_label }}</span></td>
<th scope="row">{% if f.href %}<a href="{{ f.href }}">{{ f.heading }}</a>{% else %}{{ f.heading }}{% endif %}</th>
<td class="period">{{ f.period }}</td>
<td class="message">{{ f.message }}{% if f.change %}<span class="note {{ f.change.css_class }}"><span class="arrow" title="{{ f.change.direction }}">{{ f.change.arrow }}</span> {{ f.change.relative }} · {{ f.change.delta }}</span>{% endif %}</td>
<td>{{ f.sources }}</td>
</tr>
{% endfor %}
{% endmacro %}
{{ finding_rows(rows) -}}
"""

# Text that escaping changes, or that could pass for markup or template syntax.
text = st.text(alphabet=st.sampled_from(list("aZ9 <>&\"'·→{}%#\n-")), max_size=12)
change = st.builds(
    Change,
    direction=st.sampled_from(["up", "down", "same"]),
    old=text,
    new=text,
    old_date=st.one_of(st.none(), text),
    new_date=st.one_of(st.none(), text),
    delta=st.floats(-1e6, 1e6, allow_nan=False),
    relative=st.one_of(st.none(), st.floats(-10, 10, allow_nan=False)),
)


@st.composite
def views(draw):
    members = tuple(draw(st.lists(st.builds(MemberView, label=text, href=st.one_of(st.just(""), text)), max_size=3)))
    finding = Finding(
        id=draw(text),
        kind=draw(st.sampled_from(["conflict", "change", "stale", "agreement", "revision", "odd <kind>"])),
        severity=draw(st.sampled_from(["error", "warning", "info", "none", "w<"])),
        subject=draw(text),
        measure=draw(text),
        scope=draw(st.one_of(st.none(), text)),
        unit=draw(st.sampled_from(["count", "USD", "percent"])),
        period=draw(st.one_of(st.none(), text)),
        claims=(),
        evidence_digest=draw(text),
        message=draw(text),
        change=draw(st.one_of(st.none(), change)),
        status=draw(st.sampled_from(["open", "resolved", "needs-re-review"])),
        resolution=draw(st.one_of(st.none(), st.dictionaries(text, st.one_of(text, st.integers(), st.none()), max_size=3))),
    )
    return finding_view(
        finding,
        anchor=draw(text),
        href=draw(text),
        source_titles=draw(text),
        members=members,
        member_count=len(members) + draw(st.integers(0, 3)),
        missing=tuple(draw(st.lists(text, max_size=2))),
        filters=FilterTokens(*(draw(text) for _ in range(5))),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(views(), max_size=3))
def test_finding_articles_print_what_the_macro_printed(findings):
    expected = environment().from_string(REFERENCE).render(findings=findings)
    assert str(finding_articles(findings)) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(views(), max_size=3))
def test_finding_rows_print_what_the_macro_printed(rows):
    expected = environment().from_string(ROWS_REFERENCE).render(rows=rows)
    assert str(finding_rows(rows)) == expected
