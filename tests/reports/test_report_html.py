"""The HTML site: every page self-contained, escaped, linked, deterministic; gold files; size limits."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import attrs
import pytest
from report_fixtures import HOSTILE_SCRIPT, HOSTILE_SVG, build_hostile_result, build_result
from site_fixtures import build_big_result, with_texts

from claimcheck.reports import render_all
from claimcheck.reports.html import content_security_policy, environment, render_html, script_text, stylesheet_text
from claimcheck.reports.write import write_report

GOLD = Path(__file__).parent / "gold"
# Regenerate the gold files after an intended change:
#   CLAIMCHECK_UPDATE_GOLD=1 PYTHONPATH=src python3 -m pytest tests/reports
UPDATE_GOLD = os.environ.get("CLAIMCHECK_UPDATE_GOLD") == "1"
PAGE_LIMIT = 1_500_000  # bytes: no page of a report may be larger
CSP_NO_SCRIPT = "default-src 'none'; style-src 'self'; img-src data:; script-src 'none'"
HOSTILE_COMMAND = "::error file=x::injected"


class Page(HTMLParser):
    """Start tags with attributes, ids, inline scripts and the text of <mark> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[str] = []
        self.scripts: list[str] = []
        self._mark_depth = 0
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._mark_depth += 1
            self.marks.append("")
        if tag == "script":
            self._script = []

    def handle_endtag(self, tag):
        if tag == "mark":
            self._mark_depth -= 1
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        if self._mark_depth:
            self.marks[-1] += data

    @property
    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if a.get("id")}

    def csp(self) -> str:
        return next(a["content"] for t, a in self.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")


def parse(text: str) -> Page:
    p = Page()
    p.feed(text)
    p.close()
    return p


def html_files(files: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in files.items() if k.endswith(".html")}


@pytest.fixture
def site(result) -> dict[str, str]:
    return html_files(render_html(with_texts(result)))


@pytest.fixture
def hostile_site(hostile_result) -> dict[str, str]:
    r = with_texts(hostile_result)
    # Text no tag can come from, and a line a CI log would take for a workflow command.
    texts = tuple(attrs.evolve(t, text=f"{HOSTILE_COMMAND}\n{t.text}\n{HOSTILE_SCRIPT}") for t in r.texts)
    return html_files(render_html(attrs.evolve(r, texts=texts)))


# ---------------------------------------------------------------------------------------------
# Environment and policy


def test_environment_escapes_everything():
    env = environment()
    assert env.autoescape is True and env.auto_reload is False
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_script_is_allowed_by_its_hash_and_only_there():
    script = script_text()
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert content_security_policy(True).endswith(f"script-src 'sha256-{digest}'")
    assert content_security_policy(False) == CSP_NO_SCRIPT
    assert "unsafe-inline" not in content_security_policy(True).split("script-src")[1]
    # The script builds no markup from data and loads nothing.
    for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "fetch(", "XMLHttpRequest", "import("):
        assert banned not in script


# ---------------------------------------------------------------------------------------------
# Every page


def test_render_all_holds_the_site_next_to_the_other_formats(result):
    names = sorted(render_all(result))
    assert {"index.html", "findings.html", "groups.html", "sources.html", "claims.json", "findings.json"} <= set(names)
    assert sum(n.startswith("groups/") for n in names) == 2 and sum(n.startswith("sources/") for n in names) == 2
    assert names == sorted(names)


def check_page(name: str, text: str, files: dict[str, str], parsed: dict[str, Page]) -> None:
    """Self-contained, policy-bound, and every internal link leads to a page and id that exist."""
    assert text.startswith("<!DOCTYPE html>\n<html lang=\"en\">") and text.endswith("</html>\n"), name
    page = parsed[name]
    assert sum(t == "meta" and a.get("charset") == "utf-8" for t, a in page.tags) == 1
    csp = page.csp()
    if page.scripts:
        assert len(page.scripts) == 1 and page.scripts[0] == script_text()
        assert csp == content_security_policy(True)
    else:
        assert csp == CSP_NO_SCRIPT
    # The one thing a page loads: the report's own stylesheet, beside index.html.
    links = [a for t, a in page.tags if t == "link"]
    assert links == [{"rel": "stylesheet", "href": "../report.css" if "/" in name else "report.css"}], (name, links)
    for tag, attributes in page.tags:
        if tag == "link":
            continue
        assert tag not in ("link", "img", "iframe", "object", "embed", "base", "form", "frame", "audio", "video"), name
        assert "src" not in attributes and "srcset" not in attributes and "style" not in attributes, (name, tag)
        assert not any(a.startswith("on") for a in attributes), (name, tag, attributes)
        if tag == "script":
            assert attributes == {}, name
        href = attributes.get("href")
        if href is None:
            continue
        if href.startswith(("http://", "https://")):
            # Only a source's own address, and it never sends a referrer or gets an opener.
            assert attributes.get("rel") == "noopener noreferrer", (name, href)
            continue
        assert not re.match(r"[a-z][a-z0-9+.-]*:", href, re.I), (name, href)
        path, _, fragment = href.partition("#")
        target = str(PurePosixPath(name).parent / path) if path else name
        target = os.path.normpath(target).replace(os.sep, "/")
        assert target in files, (name, href)
        if fragment:
            assert fragment in parsed[target].ids, (name, href)
    ids = [a["id"] for _, a in page.tags if a.get("id")]
    assert len(ids) == len(set(ids)), f"duplicate ids in {name}"


def test_the_stylesheet_is_one_file_beside_the_pages(result):
    files = render_html(with_texts(result))
    assert files["report.css"] == stylesheet_text() and "<" not in stylesheet_text()
    assert [n for n in files if not n.endswith(".html")] == ["report.css"]


def test_every_page_is_self_contained_and_every_link_resolves(site):
    parsed = {k: parse(v) for k, v in site.items()}
    for name, text in site.items():
        check_page(name, text, site, parsed)
    # The findings list carries the script; nothing else does.
    assert [n for n, p in parsed.items() if p.scripts] == ["findings.html"]
    outside = sorted({a["href"] for p in parsed.values() for t, a in p.tags if t == "a" and a.get("href", "").startswith("http")})
    assert outside == ["https://www.ice.gov/about"]


def test_pages_are_accessible_documents(site):
    for name, text in site.items():
        page = parse(text)
        tags = [t for t, _ in page.tags]
        assert tags.count("main") == 1 and tags.count("h1") == 1 and "header" in tags and "footer" in tags, name
        assert any(t == "nav" and a.get("aria-label") for t, a in page.tags), name
        for t, a in page.tags:
            if t == "th":
                assert a.get("scope") in ("col", "row"), (name, a)
        assert "<table" not in text or "<caption>" in text, name
    css = environment().get_template("report.css").render()
    assert "prefers-color-scheme: dark" in css and "@media print" in css and ":focus-visible" in css


def test_group_page_has_timeline_table_and_highlighted_evidence(site):
    name = next(n for n in site if n.startswith("groups/ice-annual-budget-usd-"))
    text = site[name]
    page = parse(text)
    svg = next(a for t, a in page.tags if t == "svg")
    assert svg["role"] == "img" and svg["aria-labelledby"] == "timeline-title timeline-desc"
    assert '<title id="timeline-title">ICE · annual budget over time</title>' in text
    assert sum(t == "g" and "mark" in (a.get("class") or "").split() for t, a in page.tags) == 3
    assert "more than $5.7 billion" in page.marks and "approximately $8 billion" in page.marks
    for header in ("Source", "Version date", "Figure", "Stated interval", "Likely interval", "Period", "Evidence"):
        assert f'<th scope="col">{header}</th>' in text
    assert "(5.7 bn, ∞)" in text
    # Evidence links to the claim in its source's text.
    context = [a["href"] for t, a in page.tags if t == "a" and "#claim-c-budget-2020" in a.get("href", "") and "sources/" in a["href"]]
    assert context and context[0].startswith("../sources/ice-who-we-are-")


def test_source_page_shows_the_text_with_claims_in_place(site):
    name = next(n for n in site if n.startswith("sources/ice-who-we-are-"))
    page = parse(site[name])
    assert {"claim-c-budget-2010", "claim-c-budget-2020", "claim-c-agents-who"} <= page.ids
    assert "approximately $8 billion" in page.marks and "7,000 special agents" in page.marks
    assert '<div class="doc-text">' in site[name]


def test_findings_list_has_filters_rows_and_a_link_per_finding(site):
    page = parse(site["findings.html"])
    rows = [a for t, a in page.tags if t == "tr" and a.get("data-kind")]
    assert [r["data-kind"] for r in rows] == ["conflict", "change", "agreement"]
    assert all(r["data-status"] == "open" for r in rows)
    selects = [a["id"] for t, a in page.tags if t == "select"]
    assert selects == ["filter-kind", "filter-status", "filter-severity", "filter-subject", "filter-sources"]
    panel = next(a for t, a in page.tags if a.get("id") == "findings-filter")
    assert "hidden" in panel  # shown by the script; without it every row is simply there


def test_overview_lists_conflicts_corpus_and_pages(site):
    text = site["index.html"]
    assert "HSI special agents: 7,000" in text
    assert "no date found in the text" in text and "broken.pdf" in text and "not UTF-8 text" in text
    assert text.index("Open conflicts") < text.index("Corpus") < text.index("All pages")


def test_hostile_text_is_inert_everywhere(hostile_site):
    for name, text in hostile_site.items():
        page = parse(text)
        assert HOSTILE_SCRIPT not in text and HOSTILE_SVG not in text, name
        assert "<svg onload" not in text.lower()
        for tag, attributes in page.tags:
            assert tag != "script" or name.startswith("findings"), name
            assert not any(a.startswith("on") for a in attributes), (name, tag)
            assert not (attributes.get("href") or "").strip().lower().startswith("javascript:"), name
        assert [s for s in page.scripts if s != script_text()] == []
    group = next(v for k, v in hostile_site.items() if k.startswith("groups/"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in group
    assert any(HOSTILE_SCRIPT in m for m in parse(group).marks)  # the hostile quote is still highlighted, as text
    source = next(v for k, v in hostile_site.items() if k.startswith("sources/"))
    assert HOSTILE_COMMAND in source and "&lt;script&gt;" in source
    # The javascript: url is shown as text, never linked.
    assert any("javascript:alert(1)" in v for v in hostile_site.values())


def test_hostile_site_still_links_correctly(hostile_site):
    parsed = {k: parse(v) for k, v in hostile_site.items()}
    for name, text in hostile_site.items():
        check_page(name, text, hostile_site, parsed)


def test_same_bytes_twice_and_in_any_input_order(result):
    first = render_all(with_texts(result))
    assert first == render_all(with_texts(build_result()))
    shuffled = attrs.evolve(result, findings=tuple(reversed(result.findings)), claims=tuple(reversed(result.claims)))
    assert render_html(with_texts(shuffled)) == {k: v for k, v in first.items() if k.endswith((".html", ".css"))}
    assert render_html(build_hostile_result()) == render_html(build_hostile_result())


def test_written_through_the_atomic_writer(tmp_path, result):
    files = render_all(with_texts(result))
    write_report(tmp_path / "report", files)
    written = sorted(str(p.relative_to(tmp_path / "report")).replace(os.sep, "/") for p in (tmp_path / "report").rglob("*") if p.is_file())
    assert written == sorted(files)


# ---------------------------------------------------------------------------------------------
# Gold files: the whole site of the fixture run


def test_gold(site):
    gold_html = {str(p.relative_to(GOLD)).replace(os.sep, "/") for p in GOLD.rglob("*.html")}
    if UPDATE_GOLD:
        for stale in gold_html - set(site):
            (GOLD / stale).unlink()
        for name, text in site.items():
            (GOLD / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLD / name).write_bytes(text.encode("utf-8"))
        gold_html = set(site)
    assert gold_html == set(site), "the site's pages differ from tests/reports/gold; regenerate with CLAIMCHECK_UPDATE_GOLD=1"
    for name, text in site.items():
        assert text == (GOLD / name).read_bytes().decode("utf-8"), (
            f"{name} differs from its gold file; if the change is intended, regenerate with CLAIMCHECK_UPDATE_GOLD=1"
        )


# ---------------------------------------------------------------------------------------------
# A large run: 10,000 findings over 100,000 claims


@pytest.fixture(scope="module")
def big_site() -> dict[str, str]:
    return html_files(render_html(build_big_result()))


def test_no_page_of_a_large_report_exceeds_the_limit(big_site):
    sizes = {name: len(text.encode("utf-8")) for name, text in big_site.items()}
    too_big = {n: s for n, s in sizes.items() if s > PAGE_LIMIT}
    assert not too_big, too_big
    # The findings list is paginated; a huge text and a huge group are split across pages.
    assert sum(n.startswith("findings") for n in big_site) == 20
    assert sum(n.startswith("sources/src-000-") for n in big_site) >= 3
    assert sum(n.startswith("groups/agency-big-widgets-") for n in big_site) >= 3


def test_links_of_split_pages_resolve(big_site):
    names = [n for n in big_site if n.startswith(("sources/src-000-", "groups/agency-big-widgets-"))]
    names += ["index.html", "findings.html", "findings-p20.html", "groups.html"]
    parsed = {n: parse(big_site[n]) for n in names}
    targets = {
        str(PurePosixPath(n).parent / a["href"].partition("#")[0]).replace("\\", "/").removeprefix("./")
        for n in names
        for t, a in parsed[n].tags
        if t == "a" and a.get("href") and not a["href"].startswith(("#", "http"))
    }
    for target in sorted(targets):
        normal = os.path.normpath(target).replace(os.sep, "/")
        assert normal in big_site, target
        if normal not in parsed:
            parsed[normal] = parse(big_site[normal])
    for n in names:
        check_page(n, big_site[n], big_site, parsed)


# ---------------------------------------------------------------------------------------------
# Contrast: WCAG 2 ratios of the colours the stylesheet pairs, in light and in dark


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _palettes() -> dict[str, dict[str, str]]:
    css = environment().get_template("report.css").render()
    light = css[css.index(":root {") : css.index("@media (prefers-color-scheme: dark)")]
    dark = css[css.index("@media (prefers-color-scheme: dark)") : css.index("* { box-sizing")]
    parse_vars = lambda block: dict(re.findall(r"--([a-z0-9-]+):\s*(#[0-9a-f]{6})", block))  # noqa: E731
    base = parse_vars(light)
    return {"light": base, "dark": {**base, **parse_vars(dark)}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_is_at_least_4_5(scheme):
    v = _palettes()[scheme]
    text_pairs = [("fg", "bg"), ("muted", "bg"), ("link", "bg"), ("fg", "panel"), ("muted", "panel"), ("link", "panel"),
                  ("mark-fg", "mark-bg")]
    text_pairs += [(f"{k}-fg", f"{k}-bg") for k in ("error", "warn", "info", "ok", "plain")]
    for fg, bg in text_pairs:
        assert contrast(v[fg], v[bg]) >= 4.5, (scheme, fg, bg, round(contrast(v[fg], v[bg]), 2))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_colours_stand_out_from_the_background(scheme):
    v = _palettes()[scheme]
    # Graphics need 3:1 (WCAG 1.4.11): every source colour, the conflict red and the focus ring.
    for name in [f"src-{i}" for i in range(8)] + ["error-line", "focus"]:
        assert contrast(v[name], v["bg"]) >= 3, (scheme, name, round(contrast(v[name], v["bg"]), 2))
