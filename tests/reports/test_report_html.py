"""The HTML page: content, self-containment, escaping of hostile text, determinism, gold file."""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_fixtures import HOSTILE_SCRIPT, HOSTILE_SVG, build_hostile_result, build_result

from claimcheck.reports import render_all
from claimcheck.reports.html import environment, render_html
from claimcheck.reports.views import build_report_view

GOLD = Path(__file__).parent / "gold"
# Regenerate the gold files after an intended change:
#   CLAIMCHECK_UPDATE_GOLD=1 PYTHONPATH=src python3 -m pytest tests/reports
UPDATE_GOLD = os.environ.get("CLAIMCHECK_UPDATE_GOLD") == "1"
CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src 'unsafe-inline'; img-src data:; script-src 'none'\">"
)


class Elements(HTMLParser):
    """Every start tag with its attributes, plus the text of <mark> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[str] = []
        self._in_mark = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._in_mark += 1
            self.marks.append("")

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark -= 1

    def handle_data(self, data):
        if self._in_mark:
            self.marks[-1] += data


def parse(page: str) -> Elements:
    p = Elements()
    p.feed(page)
    p.close()
    return p


def page_of(result) -> str:
    return render_html(build_report_view(result))


def test_environment_escapes_everything():
    env = environment()
    assert env.autoescape is True
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_contains_every_message_and_the_csp(result):
    page = page_of(result)
    for f in result.findings:
        assert f.message.replace("'", "&#39;") in page
    assert CSP in page
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert '<meta charset="utf-8">' in page
    assert "prefers-color-scheme: dark" in page and "@media print" in page


def test_change_quotes_are_highlighted(result):
    marks = parse(page_of(result)).marks
    assert "more than $5.7 billion" in marks
    assert "approximately $8 billion" in marks


def test_findings_open_conflict_first(result):
    page = page_of(result)
    at = [page.index(f'id="finding-f-{k}"') for k in ("conflict", "change", "agreement")]
    assert at == sorted(at)


def test_member_claim_table_has_headers(result):
    page = page_of(result)
    for header in ("Source", "Version date", "Figure", "Stated interval", "Likely interval", "Period", "Evidence"):
        assert f'<th scope="col">{header}</th>' in page
    assert "(5.7 bn, ∞)" in page


def test_no_external_resources(result):
    page = page_of(result)
    tags = parse(page).tags
    for tag, attrs in tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed", "base", "form")
        assert "src" not in attrs and "srcset" not in attrs
        assert not any(name.startswith("on") for name in attrs)
        assert "style" not in attrs
        href = attrs.get("href")
        if href is None:
            continue
        if href.startswith("#"):
            continue
        # The only outside links are source urls, and they never send a referrer or opener.
        assert href.startswith(("http://", "https://"))
        assert attrs.get("rel") == "noopener noreferrer"
    assert [a["href"] for t, a in tags if t == "a" and not a["href"].startswith("#")] == ["https://www.ice.gov/about"]
    assert "@import" not in page and "url(" not in page


def test_internal_links_point_at_existing_ids(result):
    tags = parse(page_of(result)).tags
    ids = [a["id"] for _, a in tags if "id" in a]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for _, a in tags:
        if a.get("href", "").startswith("#"):
            assert a["href"][1:] in ids


def test_hostile_text_is_escaped(hostile_result):
    page = page_of(hostile_result)
    parsed = parse(page)
    assert HOSTILE_SCRIPT not in page and HOSTILE_SVG not in page and "<svg" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;svg onload=alert(1)&gt;" in page
    for tag, attrs in parsed.tags:
        assert tag not in ("script", "svg", "img")
        assert not any(name.startswith("on") for name in attrs)
        assert not (attrs.get("href") or "").strip().lower().startswith("javascript:")
    # The javascript: url is shown as text, never linked.
    assert "javascript:alert(1)" in page
    assert not any(a.get("href") and "javascript" in a["href"] for _, a in parsed.tags)
    # The hostile quote is still highlighted, as text.
    assert any(HOSTILE_SCRIPT in m for m in parsed.marks)


def test_same_bytes_twice(result):
    first = render_all(result)
    second = render_all(build_result())
    assert first == second
    assert {k: v.encode() for k, v in first.items()} == {k: v.encode() for k, v in second.items()}
    hostile = build_hostile_result()
    assert render_all(hostile) == render_all(build_hostile_result())


def test_render_all_names(result):
    assert sorted(render_all(result)) == ["claims.json", "findings.json", "index.html"]


def test_strict_undefined_catches_a_missing_field():
    import jinja2

    with pytest.raises(jinja2.UndefinedError):
        environment().from_string("{{ view.nope }}").render(view=build_report_view(build_result()))


@pytest.mark.parametrize("name", ["index.html", "claims.json", "findings.json"])
def test_gold(result, name):
    text = render_all(result)[name]
    gold = GOLD / name
    if UPDATE_GOLD:
        gold.parent.mkdir(exist_ok=True)
        gold.write_bytes(text.encode("utf-8"))
    assert gold.exists(), f"no gold file; run with CLAIMCHECK_UPDATE_GOLD=1 to create {gold}"
    assert text == gold.read_bytes().decode("utf-8"), (
        f"{name} differs from {gold}; if the change is intended, regenerate with CLAIMCHECK_UPDATE_GOLD=1"
    )
