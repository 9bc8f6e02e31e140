"""The HTML report: one self-contained page rendered from a ReportView."""

from __future__ import annotations

import functools

import jinja2

from claimcheck.reports.highlight import highlight
from claimcheck.reports.views import ReportView

TEMPLATE = "index.html.j2"


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja environment every HTML template renders in.

    ``autoescape=True`` outright: ``select_autoescape`` keys on ``.html`` and would leave our
    ``.html.j2`` templates unescaped. ``StrictUndefined`` turns a misspelt view field into an
    error instead of an empty cell. The only filter that may emit markup is ``highlight``.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("claimcheck", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["highlight"] = highlight
    return env


def render_html(view: ReportView) -> str:
    """The report page for ``view``. Pure: same view, same text; the CSS is inlined."""
    return environment().get_template(TEMPLATE).render(view=view)
