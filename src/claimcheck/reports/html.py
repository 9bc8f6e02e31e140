"""The HTML report site: every page of a SiteView rendered to text, with its Content-Security-Policy."""

from __future__ import annotations

import base64
import functools
import hashlib

import jinja2
import markupsafe

from claimcheck.reports.highlight import escape_text, highlight, highlight_spans
from claimcheck.reports.rows import claim_rows, finding_articles, finding_rows, timeline_marks
from claimcheck.reports.site import STYLESHEET, Family, Page, SitePlan, SiteView, iter_pages
from claimcheck.result import RunResult

SCRIPT_TEMPLATE = "site.js"
STYLESHEET_TEMPLATE = "report.css"
# Everything a page may load: the report's own stylesheet (one file beside the pages, fetched
# once and cached instead of repeated in each of thousands of pages), data: images, and at most
# the one inline script whose hash is given. Nothing from the network, no inline styles, no
# plugins, no frames, no forms.
CSP_BASE = "default-src 'none'; style-src 'self'; img-src data:"


class _Template(jinja2.Template):
    """A template whose ``{{ … }}`` escapes with ``escape_text`` (reports/highlight.py).

    Autoescaped output compiles to ``yield escape(value)``; markupsafe's ``escape`` makes a
    ``Markup`` of every value, and a large report prints millions of them. ``escape_text``
    escapes exactly the same characters (and passes ``__html__`` values through the same way)
    but returns the plain string the output joins anyway. Only output uses that name: block
    and macro bodies are joined and wrapped in ``Markup`` by Jinja as before.
    """

    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):  # type: ignore[no-untyped-def]
        template = super().from_code(environment, code, globals, uptodate)
        namespace = template.root_render_func.__globals__
        if namespace.get("escape") is markupsafe.escape:
            namespace["escape"] = escape_text
        return template


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja environment every report page renders in.

    ``autoescape=True`` outright: ``select_autoescape`` keys on ``.html`` and would leave our
    ``.html.j2`` templates unescaped. ``StrictUndefined`` turns a misspelt view field into an
    error instead of an empty cell. The only filters that may emit markup are ``highlight`` and
    ``highlight_spans`` (reports/highlight.py), and ``claim_rows``, ``timeline_marks``,
    ``finding_articles`` and ``finding_rows`` (reports/rows.py), which escape every value they
    print.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("claimcheck", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates are package data: never stat them again for every page of a large site.
        auto_reload=False,
    )
    env.template_class = _Template
    env.filters["highlight"] = highlight
    env.filters["highlight_spans"] = highlight_spans
    env.filters["claim_rows"] = claim_rows
    env.filters["timeline_marks"] = timeline_marks
    env.filters["finding_articles"] = finding_articles
    env.filters["finding_rows"] = finding_rows
    return env


@functools.cache
def stylesheet_text() -> str:
    """The report's stylesheet, written once as ``report.css`` and linked from every page."""
    return environment().get_template(STYLESHEET_TEMPLATE).render()


@functools.cache
def script_text() -> str:
    """The findings list's script exactly as the pages embed it (``{% include "site.js" %}``)."""
    return environment().get_template(SCRIPT_TEMPLATE).render()


def script_hash(script: str) -> str:
    """The CSP hash source of an inline script: ``'sha256-<base64 of its UTF-8 bytes>'``."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(has_script: bool) -> str:
    """The policy of one page: the script's hash when the page carries it, else no script at all."""
    script_src = script_hash(script_text()) if has_script else "'none'"
    return f"{CSP_BASE}; script-src {script_src}"


def render_page(page: Page) -> str:
    """One page of the site. Pure: same view, same text; the script (findings list) is inlined."""
    chrome = page.chrome
    template = environment().get_template(chrome.template)
    return template.render(page=page, chrome=chrome, csp=content_security_policy(chrome.has_script))


def render_site_view(site: SiteView) -> dict[str, str]:
    """Every page of ``site`` and the stylesheet: relative path → text, in path order."""
    files = {page.chrome.path: render_page(page) for page in site.pages}
    files[STYLESHEET] = stylesheet_text()
    return dict(sorted(files.items()))


def render_html(result: RunResult) -> dict[str, str]:
    """The whole HTML report of a run: ``index.html``, the findings list, group and source pages.

    Each page is rendered as soon as its view is built and the view dropped, so a large report
    never holds every page's views at once; the result is in path order all the same.
    """
    files = {page.chrome.path: render_page(page) for page in iter_pages(result)}
    files[STYLESHEET] = stylesheet_text()
    return dict(sorted(files.items()))


class HtmlSite:
    """The HTML report of a run, rendered a family of pages at a time (reports/files.py)."""

    def __init__(self, result: RunResult) -> None:
        self.plan = SitePlan(result)
        self.names_set = frozenset(self.names())
        self._last: tuple[Family | None, dict[str, str]] = (None, {})

    def names(self) -> list[str]:
        return [*self.plan.family_of, STYLESHEET]

    def render_family(self, family: Family) -> dict[str, str]:
        """The pages of one family: path → text."""
        return {page.chrome.path: render_page(page) for page in self.plan.build(family)}

    def render(self, name: str) -> str:
        """One file; its family's other pages are kept until another family is asked for, since
        a reader going through the names in order asks for them next."""
        if name == STYLESHEET:
            return stylesheet_text()
        family = self.plan.family_of[name]
        if self._last[0] != family:
            self._last = (family, self.render_family(family))
        return self._last[1][name]
