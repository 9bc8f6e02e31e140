"""The step-summary Markdown: verdict, counts, evidence; inert document text; the 1 MiB cap."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import attrs
import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from report_fixtures import check_gold, HOSTILE_SCRIPT, HOSTILE_SVG, HOSTILE_URL, build_hostile_result, count, make_claim

from claimcheck.checker.model import Finding
from claimcheck.reports import markdown as md
from claimcheck.reports import render_all
from claimcheck.reports.markdown import md_block, md_escape, render_markdown

GOLD = Path(__file__).parent / "gold"
# Regenerate the gold files after an intended change:
#   CLAIMCHECK_UPDATE_GOLD=1 PYTHONPATH=src python3 -m pytest tests/reports
HOSTILE = [
    HOSTILE_SCRIPT,
    HOSTILE_SVG,
    HOSTILE_URL,
    "[click](javascript:alert(1))",
    "![img](https://example.invalid/x.png)",
    "<img src=x onerror=alert(1)>",
    "<!-- hidden",
    "::set-output name=x::y",
    "%0A::add-mask::secret",
    "a | b || c",
    "`code` and ```fence``` and ``x``",
    "**bold** _em_ ~~strike~~ $x^2$ @octocat #12 &lt;b&gt; &#60;i&#62;",
    "line one\nline two\r\n# heading\n- item\n1. one\n> quote\n    code",
    "\\<script>alert(1)</script>",
    "https://example.invalid/x) and www.example.invalid/y\\) and <https://example.invalid>",
]
# Everything our own Markdown can produce; document text must add nothing to it.
ALLOWED_TAGS = {"h1", "h2", "h3", "p", "strong", "em", "table", "thead", "tbody", "tr", "th", "td",
                "ul", "li", "blockquote", "hr", "code"}  # fmt: skip


def to_html(text: str) -> str:
    """Render as GitHub does (cmark-gfm with its extensions), raw HTML allowed: the worst case."""
    return cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.code: list[str] = []
        self.comments: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_code = tag == "code"

    def handle_endtag(self, tag):
        self._in_code = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_code:
            self.code.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def rendered(text: str) -> Page:
    page = Page()
    page.feed(to_html(text))
    page.close()
    return page


def hostile_everywhere(r):
    """Put every hostile string into each finding message, claim quote and sentence."""
    evil = " ".join(HOSTILE)
    findings = tuple(
        attrs.evolve(f, message=f"{evil} {f.message} {evil}", subject=f.subject + evil) for f in r.findings
    )
    claims = tuple(
        attrs.evolve(c, evidence=attrs.evolve(c.evidence, quote=c.evidence.quote + evil,
                                              sentence=f"{evil} {c.evidence.quote}{evil} {evil}"))
        for c in r.claims
    )
    return attrs.evolve(r, findings=findings, claims=claims)


def test_gold(result):
    check_gold("summary.md", render_markdown(result, "conflict"))


def test_render_all_uses_the_runs_fail_on(result):
    assert render_all(result, ["markdown"]) == {"summary.md": render_markdown(result, result.fail_on)}


def test_verdict_counts_and_order(result):
    text = render_markdown(result, "conflict")
    assert text.startswith("# claimcheck: fail\n")
    assert "**Failed:** 1 conflict open at or above `--fail-on conflict`, which fails the run on conflicts." in text
    assert "| Conflict | 1 | 0 | 0 | 1 |" in text and "| Agreement | 1 | 0 | 0 | 1 |" in text
    # Conflicts before changes; both quotes of each finding, in its sentence.
    assert text.index("## Conflicts") < text.index("## Changes")
    assert "“7,000 special agents”" in text and "“6,700 special agents”" in text
    assert "> HSI employs **7,000 special agents**." in text
    # Agreements are only counted.
    agreement = next(f for f in result.findings if f.kind == "agreement")
    assert md_escape(agreement.message) not in text and "## Agreements" not in text


def test_pass_says_why(result):
    text = render_markdown(result, "never")
    assert text.startswith("# claimcheck: pass\n")
    assert "nothing open at or above `--fail-on never`" in text and "2 open findings below it" in text


def test_resolved_findings_are_counted_not_listed(result):
    findings = tuple(
        attrs.evolve(f, status="resolved", resolution={"decision": "confirmed"}) if f.kind == "conflict" else f
        for f in result.findings
    )
    text = render_markdown(attrs.evolve(result, findings=findings), "conflict")
    assert text.startswith("# claimcheck: pass\n")
    assert "| Conflict | 0 | 0 | 1 | 1 |" in text and "## Conflicts" not in text


def test_renders_as_the_expected_html(result):
    page = rendered(render_markdown(result, "conflict"))
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    assert ("table", {}) in page.tags and not page.comments


@pytest.mark.parametrize("build", [build_hostile_result, lambda: hostile_everywhere(build_hostile_result())],
                         ids=["fixture", "every-trick"])
def test_hostile_text_renders_inert_and_literal(build):
    r = build()
    text = render_markdown(r, "change")
    page = rendered(text)
    tags = {tag for tag, _ in page.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS  # no script, svg, img, a, pre, del, ...
    assert not page.comments
    # The only code span is our own `--fail-on change`.
    assert page.code == ["--fail-on change"]
    plain = "".join(page.text)
    assert HOSTILE_SCRIPT in plain and HOSTILE_SVG in plain  # shown as the text it is
    # The table still has exactly its five columns in every row.
    table = to_html(text).split("<table>")[1].split("</table>")[0]
    for row in table.split("<tr>")[1:]:
        assert row.count("<td") + row.count("<th") == 5, row
    # No line of document text starts a line of the file.
    for line in text.splitlines():
        assert not line.startswith(("::", "- item", "1. one", "#  heading", "    code", "<")), line


@pytest.mark.parametrize("s", HOSTILE)
def test_each_trick_comes_back_as_its_own_text(s):
    flat = " ".join(s.split("\n"))
    for wrap in (lambda e: e, lambda e: f"| {e} | x |\n|---|---|\n| {e} | y |"):
        html = to_html(wrap(md_block(s)))
        page = Page()
        page.feed(html)
        page.close()
        assert {tag for tag, _ in page.tags} <= {"p", "table", "thead", "tbody", "tr", "th", "td"}, html
    # As a paragraph it reads exactly as the document text (line breaks become spaces).
    page = rendered(md_block(s))
    assert "".join(page.text).strip() == " ".join(flat.replace("\r", " ").split(" ")).strip()


def test_pipes_stay_inside_a_table_cell():
    html = to_html(f"| a | b |\n|---|---|\n| {md_escape('x | y || z')} | w |")
    assert "<td>x | y || z</td>" in html


def big_result(n: int, sentence_words: int = 60):
    """``n`` conflicts, each with two claims whose sentences are long."""
    filler = " ".join(["figures"] * sentence_words)
    claims, findings = [], []
    for i in range(n):
        a = make_claim(f"c-{i}-a", "src", "2020-01-01", "a.txt", f"S{i}", "staff", count(100 + i),
                       f"{100 + i} staff", f"We have {100 + i} staff and {filler}.", version_date=None, line=i + 1)
        b = make_claim(f"c-{i}-b", "src", "2020-02-01", "b.txt", f"S{i}", "staff", count(200 + i),
                       f"{200 + i} staff", f"We have {200 + i} staff and {filler}.", version_date=None, line=i + 1)
        claims += [a, b]
        findings.append(Finding(
            id=f"f-{i:05d}", kind="conflict", severity="error", subject=f"S{i}", measure="staff", scope=None,
            unit="count", period="2020", claims=(a.id, b.id), evidence_digest="d" * 64,
            message=f"S{i} staff: {100 + i} vs {200 + i}",
        ))
    return claims, findings


def test_cap_cuts_whole_findings_and_says_how_many(result):
    claims, findings = big_result(2500)
    r = attrs.evolve(result, claims=tuple(claims), findings=tuple(findings))
    text = render_markdown(r, "conflict")
    size = len(text.encode("utf-8"))
    assert size <= md.MAX_BYTES < size + 2000  # full up to the last finding that fits
    listed = text.count("\n### ")
    assert 0 < listed < 2500
    assert f"**{2500 - listed} more findings left out**" in text
    # Whole findings only: the last listed finding has both its claims.
    last = text.rsplit("\n### ", 1)[1]
    assert last.count("\n- **") == 2 and last.count("\n  > ") == 2


def test_cap_with_a_small_budget(result, monkeypatch):
    monkeypatch.setattr(md, "MAX_BYTES", len(render_markdown(result, "conflict").encode()) - 1)
    text = render_markdown(result, "conflict")
    assert len(text.encode()) <= md.MAX_BYTES
    assert "**1 more finding left out**" in text and "## Conflicts" in text and "## Changes" not in text


def test_under_the_cap_nothing_is_left_out(result):
    assert "left out" not in render_markdown(result, "conflict")


def test_only_email_addresses_stay_links():
    # cmark-gfm links e-mail addresses after escapes are resolved; mailto: is all they can be.
    page = rendered(md_block("write to someone@example.invalid, not https://example.invalid"))
    assert [(t, a.get("href")) for t, a in page.tags if t == "a"] == [("a", "mailto:someone@example.invalid")]
