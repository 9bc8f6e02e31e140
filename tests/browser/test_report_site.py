"""The HTML report site in real headless Chromium: clean loads, filters, timelines, hostile text.

Debian's /usr/bin/chromium driven by Playwright's Python package (never a downloaded browser).
Pages are opened as file:// URLs, as a reader opens a report directory. Screenshots of the
overview, a group page and a source page go to tests/browser/screenshots/ (git-ignored).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from chromium import CHROMIUM, launch

from claimcheck import api
from claimcheck.config import load_settings
from claimcheck.reports import render_all
from claimcheck.reports.write import write_report

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ICE = REPO / "examples" / "ice"
SCREENSHOTS = Path(__file__).parent / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}

# A page that states the ICE budget differently for the same date: one open conflict.
BUDGET_NOTE = """# Budget note

Last Reviewed/Updated: 05/13/2020

U.S. Immigration and Customs Enforcement has an annual budget of approximately $6 billion.
"""
HOSTILE_TITLE = '"><svg onload=alert(1)><script>alert(2)</script>'
HOSTILE_TEXT = """Release Date: August 20, 2018

<script>alert(1)</script> HSI has 6,700 special agents. "><svg onload=alert(1)>
::error file=x.txt,line=1::injected workflow command
::set-output name=x::y
Visit javascript:alert(1) for more. ICE has an annual budget of approximately $8 billion.
<img src=x onerror=alert(1)> <a href="javascript:alert(1)">more than 400 offices</a>
"""
HOSTILE_HTML = """<!DOCTYPE html><html><head><title>x</title></head><body>
<p>Last Reviewed/Updated: 05/13/2020</p>
<p>&lt;script&gt;alert(3)&lt;/script&gt; HSI has 7,000 special agents &quot;&gt;&lt;svg onload=alert(4)&gt;.</p>
<p><a href="javascript:alert(5)">ICE employs more than 20,000 people</a>.</p>
</body></html>
"""
HOSTILE_MD = """# Page

Last Reviewed/Updated: 05/13/2020

[more than 9,800 employees work at HSI](javascript:alert(6)) and <script>alert(7)</script>.
"""


def _sync_playwright():
    """Playwright's sync API, or a skip (a failure when CI=true) naming what is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    problem = None
    if sync_playwright is None:
        problem = "the playwright Python package is not installed (pip install playwright; never `playwright install`)"
    elif not Path(CHROMIUM).exists():
        problem = f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {problem}")
        pytest.skip(problem)
    return sync_playwright


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _sync_playwright()
    with sync_playwright() as p:
        b = launch(p)
        try:
            yield b
        finally:
            b.close()


def _report(corpus: Path, out: Path) -> tuple[Path, dict]:
    """Run the corpus and write its report, as `claimcheck run` does; also return claims.json."""
    result = api.run(load_settings(corpus / "claimcheck.toml", corpus))
    write_report(out, render_all(result))
    return out, json.loads((out / "claims.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ice(tmp_path_factory):
    return _report(ICE, tmp_path_factory.mktemp("ice") / "report")


@pytest.fixture(scope="module")
def ice_with_conflict(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("ice-conflict") / "ice"
    shutil.copytree(ICE, corpus)
    (corpus / "budget-note.md").write_text(BUDGET_NOTE, encoding="utf-8")
    with open(corpus / "claimcheck.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[[source]]\nid = "budget-note"\ntitle = "Budget note"\nversions = ["budget-note.md"]\n')
    return _report(corpus, corpus.parent / "report")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("hostile")
    (corpus / "page.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (corpus / "page.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (corpus / "page.md").write_text(HOSTILE_MD, encoding="utf-8")
    title = json.dumps(HOSTILE_TITLE)  # a TOML basic string is a JSON string
    (corpus / "claimcheck.toml").write_text(
        f'[[source]]\nid = "evil-txt"\ntitle = {title}\npublisher = {title}\nversions = ["page.txt"]\n\n'
        f'[[source]]\nid = "evil-html"\ntitle = {title}\nurl = "https://example.org/?q=%22%3E%3Cscript%3E"\nversions = ["page.html"]\n\n'
        f'[[source]]\nid = "evil-md"\ntitle = "Markdown"\nversions = ["page.md"]\n\n'
        '[subjects.HSI]\naliases = ["Homeland Security Investigations"]\n',
        encoding="utf-8",
    )
    return _report(corpus, corpus / "report")


class Watch:
    """Everything a page does that a report must never do: requests, errors, dialogs, CSP reports."""

    def __init__(self, page, root: Path) -> None:
        self.root = root.resolve().as_uri()
        self.requests: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        # Reported to the console as an error, so a violation fails the check below.
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => "
            "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
        )

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert [m for m in self.console if m[0] in ("error", "warning")] == [], self.console
        assert not [m for m in self.console if "Content Security Policy" in m[1]], self.console
        assert self.dialogs == [], self.dialogs
        outside = [u for u in self.requests if not u.startswith(self.root + "/")]
        assert outside == [], outside


def _open(browser, root: Path, name: str, *, scheme: str = "light", javascript: bool = True):
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme, java_script_enabled=javascript)
    page = context.new_page()
    watch = Watch(page, root)
    page.goto((root / name).resolve().as_uri())
    page.wait_for_load_state("load")
    return context, page, watch


def _screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def _page_named(root: Path, folder: str, prefix: str) -> str:
    matches = sorted(p.name for p in (root / folder).glob(f"{prefix}*.html"))
    assert matches, f"no {folder}/{prefix}*.html in {sorted(p.name for p in (root / folder).iterdir())}"
    return f"{folder}/{matches[0]}"


# ---------------------------------------------------------------------------------------------


def test_every_page_of_the_ice_report_loads_clean(browser, ice):
    root, _ = ice
    names = sorted(str(p.relative_to(root)).replace(os.sep, "/") for p in root.rglob("*.html"))
    assert len(names) > 20
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    watch = Watch(page, root)
    try:
        for name in names:
            page.goto((root / name).resolve().as_uri())
            page.wait_for_load_state("load")
        watch.assert_clean()
        # Each page and the report's own stylesheet (loaded once per page or from the cache), nothing else.
        pages = [u for u in watch.requests if not u.endswith("/report.css")]
        assert len(pages) == len(names) and set(watch.requests) - set(pages) == {f"{watch.root}/report.css"}
    finally:
        context.close()


def test_overview(browser, ice):
    root, _ = ice
    for scheme in ("light", "dark"):
        context, page, watch = _open(browser, root, "index.html", scheme=scheme)
        try:
            assert page.locator("h1").inner_text() == "claimcheck report"
            assert page.get_by_role("navigation", name="Report sections").is_visible()
            assert page.locator("table.counts").count() == 2
            # report.css is loaded (CSP style-src 'self') and applied: the skip link sits off-screen.
            assert page.evaluate("getComputedStyle(document.querySelector('a.skip')).position") == "absolute"
            _screenshot(page, "overview.png" if scheme == "light" else "overview-dark.png")
            watch.assert_clean()
        finally:
            context.close()


def test_findings_filters_and_search(browser, ice_with_conflict):
    root, _ = ice_with_conflict
    context, page, watch = _open(browser, root, "findings.html")
    try:
        panel = page.locator("#findings-filter")
        assert panel.is_visible()  # revealed by the script
        rows = page.locator("#findings-table tbody tr")
        total = rows.count()
        kinds = rows.evaluate_all("rs => rs.map(r => r.dataset.kind)")
        assert {"conflict", "change", "agreement"} <= set(kinds)
        for kind in ("conflict", "change", "agreement"):
            page.select_option("#filter-kind", kind)
            visible = page.locator("#findings-table tbody tr:visible")
            assert visible.count() == kinds.count(kind) > 0, kind
            assert set(visible.evaluate_all("rs => rs.map(r => r.dataset.kind)")) == {kind}
            assert page.locator("#findings-shown").inner_text() == f"{kinds.count(kind)} of {total} findings on this page shown"
        page.select_option("#filter-kind", "")
        assert page.locator("#findings-table tbody tr:visible").count() == total

        # Status, severity, subject and source filters combine with the verdict.
        page.select_option("#filter-severity", "error")
        assert page.locator("#findings-table tbody tr:visible").count() == kinds.count("conflict")
        page.click("#filter-reset")
        subject = page.locator("#filter-subject option").nth(1).get_attribute("value")
        page.select_option("#filter-subject", subject)
        subjects = page.locator("#findings-table tbody tr:visible").evaluate_all("rs => rs.map(r => r.dataset.subject)")
        assert subjects and set(subjects) == {subject}
        page.click("#filter-reset")
        source = page.locator("#filter-sources option").nth(1).get_attribute("value")
        page.select_option("#filter-sources", source)
        shown = page.locator("#findings-table tbody tr:visible").evaluate_all("rs => rs.map(r => r.dataset.sources.split(' '))")
        assert shown and all(source in s for s in shown)
        page.click("#filter-reset")

        # The search box: every word must appear in the row.
        page.fill("#filter-search", "homicide")
        visible = page.locator("#findings-table tbody tr:visible")
        assert visible.count() >= 1
        assert all("homicide" in t.lower() for t in visible.all_inner_texts())
        page.fill("#filter-search", "budget  ICE")
        assert all("budget" in t.lower() and "ice" in t.lower() for t in page.locator("#findings-table tbody tr:visible").all_inner_texts())
        page.fill("#filter-search", "no such words anywhere")
        assert page.locator("#findings-table tbody tr:visible").count() == 0
        page.click("#filter-reset")
        assert page.locator("#findings-table tbody tr:visible").count() == total

        # Sorting by a column, both ways; the header says which.
        header = page.locator("#findings-table thead th").nth(0)
        header.locator("button").click()
        assert header.get_attribute("aria-sort") == "ascending"
        keys = page.locator("#findings-table tbody tr td:first-child").evaluate_all("cs => cs.map(c => +c.dataset.key)")
        assert keys == sorted(keys)
        header.locator("button").click()
        assert header.get_attribute("aria-sort") == "descending"
        keys = page.locator("#findings-table tbody tr td:first-child").evaluate_all("cs => cs.map(c => +c.dataset.key)")
        assert keys == sorted(keys, reverse=True)
        watch.assert_clean()
    finally:
        context.close()


def test_findings_without_javascript_show_everything(browser, ice_with_conflict):
    root, _ = ice_with_conflict
    context, page, watch = _open(browser, root, "findings.html", javascript=False)
    try:
        assert not page.locator("#findings-filter").is_visible()
        rows = page.locator("#findings-table tbody tr")
        assert rows.count() > 10 and page.locator("#findings-table tbody tr:visible").count() == rows.count()
        watch.assert_clean()
    finally:
        context.close()


def test_group_page_timeline(browser, ice):
    root, claims = ice
    budget = [c for c in claims["claims"] if (c["subject"], c["measure"], c["scope"]) == ("ICE", "annual budget", None)]
    assert len(budget) >= 2
    name = _page_named(root, "groups", "ice-annual-budget-usd-")
    for scheme in ("light", "dark"):
        context, page, watch = _open(browser, root, name, scheme=scheme)
        try:
            svg = page.locator("svg.timeline-chart")
            assert svg.is_visible() and svg.get_attribute("role") == "img"
            box = svg.bounding_box()
            assert box and box["width"] > 400 and box["height"] > 150
            assert svg.locator("title").first.text_content() == "ICE · annual budget over time"
            assert "The table below lists the same data" in svg.locator("desc").text_content()
            assert svg.locator("g.mark").count() == len(budget)
            assert page.locator("table.claims tbody tr").count() == len(budget)
            # Every mark is drawn: its paths have a real size on screen.
            for i in range(len(budget)):
                mark_box = svg.locator("g.mark").nth(i).bounding_box()
                assert mark_box and mark_box["height"] > 4
            assert page.locator("table.claims mark").count() == len(budget)
            _screenshot(page, "group.png" if scheme == "light" else "group-dark.png")
            watch.assert_clean()
        finally:
            context.close()


def test_group_page_marks_a_conflict(browser, ice_with_conflict):
    root, _ = ice_with_conflict
    name = _page_named(root, "groups", "ice-annual-budget-usd-")
    context, page, watch = _open(browser, root, name)
    try:
        assert page.locator("svg.timeline-chart g.mark.conflict").count() == 2
        assert page.locator("article.finding.kind-conflict").count() == 1
        _screenshot(page, "group-conflict.png")
        watch.assert_clean()
    finally:
        context.close()


def test_source_page_text_with_claims_in_place(browser, ice):
    root, claims = ice
    mine = [c for c in claims["claims"] if c["source"] == "ice-who-we-are"]
    name = _page_named(root, "sources", "ice-who-we-are-")
    context, page, watch = _open(browser, root, name)
    try:
        marks = page.locator(".doc-text mark")
        assert marks.count() == len(mine)
        quotes = sorted(marks.all_inner_texts())
        assert quotes == sorted(c["evidence"]["quote"] for c in mine)
        _screenshot(page, "source.png")
        # A marked claim leads to its row on its group page.
        budget = page.locator(".doc-text mark", has_text="approximately $8 billion")
        anchor = budget.get_attribute("id")
        budget.locator("a").click()
        page.wait_for_load_state("load")
        assert "/groups/ice-annual-budget-usd-" in page.url and page.url.endswith("#" + anchor)
        assert page.locator(f"tr#{anchor}").is_visible()
        # …and its "in context" link leads back into the text.
        page.locator(f"tr#{anchor} a", has_text="in context").click()
        page.wait_for_load_state("load")
        assert "/sources/ice-who-we-are-" in page.url and page.url.endswith("#" + anchor)
        watch.assert_clean()
    finally:
        context.close()


def test_hostile_corpus_is_inert(browser, hostile):
    root, claims = hostile
    assert len(claims["claims"]) >= 3  # the hostile pages did yield claims, so their text is on the pages
    names = sorted(str(p.relative_to(root)).replace(os.sep, "/") for p in root.rglob("*.html"))
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    watch = Watch(page, root)
    try:
        for name in names:
            page.goto((root / name).resolve().as_uri())
            page.wait_for_load_state("load")
            # Point at and focus everything a reader could touch: no handler may exist to fire.
            for element in page.locator("a, mark, svg g").all()[:60]:
                for event in ("mouseover", "mouseenter", "focus"):
                    element.dispatch_event(event)
            assert page.evaluate("document.querySelectorAll('svg [onload], [onerror], [onclick], [onmouseover]').length") == 0
            assert page.evaluate("[...document.scripts].filter(s => !s.textContent.includes('claimcheck findings list')).length") == 0
            hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
            assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))], (name, hrefs)
        source = _page_named(root, "sources", "evil-txt-")
        page.goto((root / source).resolve().as_uri())
        text = page.locator(".doc-text").inner_text()
        assert "<script>alert(1)</script>" in text and '"><svg onload=alert(1)>' in text
        assert "::error file=x.txt,line=1::injected workflow command" in text
        assert page.locator("h1").inner_text() == HOSTILE_TITLE
        watch.assert_clean()
    finally:
        context.close()
