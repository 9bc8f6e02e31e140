"""The view models of the report site: every string, order, link and class is decided here."""

from __future__ import annotations

import datetime as dt
import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_fixtures import build_result
from site_fixtures import with_texts

from claimcheck.checker.model import Finding
from claimcheck.claims.model import Interval, Source
from claimcheck.reports.site import (
    FindingsPage,
    GroupPage,
    OverviewPage,
    SourcePage,
    build_site,
    page_file,
    rel,
    slug,
    split_text,
)
from claimcheck.reports.timeline import (
    MAX_TIME_TICKS,
    TimelinePoint,
    build_timeline,
    time_domain,
    time_ticks,
    value_domain,
    value_ticks,
)
from claimcheck.reports.views import (
    checked_url,
    evidence_window,
    finding_sort_key,
    format_interval,
    format_number,
    format_relative,
    quote_span,
)
from claimcheck.result import RunResult


@pytest.mark.parametrize(
    ("x", "unit", "text"),
    [
        (5.7e9, "USD", "$5.7 bn"),
        (8e9, "USD", "$8 bn"),
        (61_202_000, "USD", "$61.202 M"),
        (950_000, "USD", "$950,000"),
        (-2.5e6, "USD", "−$2.5 M"),
        (1.2e9, "EUR", "€1.2 bn"),
        (3e9, "CAD", "CAD 3 bn"),
        (9853, "count", "9,853"),
        (9852.5, "count", "9,852.5"),
        (20000, "count", "20,000"),
        (92, "percent", "92%"),
        (1.5, "percent", "1.5%"),
        (1200, "pounds", "1,200 pounds"),
        (8e9 * 1.05, "USD", "$8.4 bn"),  # float noise from interval arithmetic is dropped
        (0, "count", "0"),
        (float("inf"), "count", "∞"),
    ],
)
def test_format_number(x, unit, text):
    assert format_number(x, unit) == text


def test_format_interval_brackets_and_infinity():
    assert format_interval(Interval(5.7e9, None, False, True), "USD") == "(5.7 bn, ∞)"
    assert format_interval(Interval(5.7e9, 5.8e9, False, True), "USD") == "(5.7 bn, 5.8 bn]"
    assert format_interval(Interval(9750, 9850), "count") == "[9,750, 9,850]"
    assert format_interval(Interval(0, 5000, True, False), "count") == "[0, 5,000)"
    assert format_interval(Interval(None, 3, True, True), "percent") == "(−∞, 3]"


def test_format_relative():
    assert format_relative(2.3e9 / 5.7e9) == "+40 %"
    assert format_relative(-0.032) == "−3.2 %"
    assert format_relative(0.125) == "+13 %"  # half away from zero, as the messages round
    assert format_relative(0.0025) == "+0.3 %"
    assert format_relative(0.0) == "0 %"
    assert format_relative(None).startswith("n/a")


def test_checked_url_only_http():
    assert checked_url("https://www.ice.gov/about") == "https://www.ice.gov/about"
    assert checked_url("HTTP://example.org") == "HTTP://example.org"
    bad_urls = ("javascript:alert(1)", " javascript:alert(1)", "data:text/html,x", "//evil.example", "ftp://x", "")
    for bad in (*bad_urls, None):
        assert checked_url(bad) is None


def test_quote_span():
    assert quote_span("b c", "a b c d") == (2, 5)
    assert quote_span("B C", "a b c d") == (2, 5)  # case-insensitive fallback
    assert quote_span("zzz", "a b c") is None
    assert quote_span("", "a b c") is None



# ---------------------------------------------------------------------------------------------
# Helpers


def pages(result) -> dict[str, object]:
    return {p.chrome.path: p for p in build_site(result).pages}


def one(result, kind):
    found = [p for p in build_site(result).pages if isinstance(p, kind)]
    assert len(found) == 1, [p.chrome.path for p in found]
    return found[0]


def group_page(result, heading: str) -> GroupPage:
    matches = [p for p in build_site(result).pages if isinstance(p, GroupPage) and p.chrome.heading == heading]
    assert matches, heading
    return matches[0]


def source_page(result, title: str) -> SourcePage:
    return next(p for p in build_site(result).pages if isinstance(p, SourcePage) and p.chrome.heading == title)


# ---------------------------------------------------------------------------------------------
# Small pure helpers


def test_evidence_window_keeps_short_sentences_and_cuts_long_ones():
    assert evidence_window("short one", 0, 5) == ("short one", 0, 5)
    sentence = "word " * 200 + "more than 400 offices " + "word " * 200
    start = sentence.index("more than 400")
    text, a, b = evidence_window(sentence, start, start + len("more than 400"))
    assert text[a:b] == "more than 400"
    assert text.startswith("…") and text.endswith("…") and len(text) < 480


def test_rel_links_between_the_root_and_one_folder_down():
    assert rel("index.html", "groups/a.html#x") == "groups/a.html#x"
    assert rel("groups/a.html", "groups/a.html#x") == "#x"
    assert rel("groups/a.html", "groups/a-p2.html#x") == "a-p2.html#x"
    assert rel("groups/a.html", "sources/b.html#c") == "../sources/b.html#c"
    assert rel("groups/a.html", "index.html") == "../index.html"
    assert rel("findings.html", "findings.html#f") == "#f"
    assert page_file("groups/x", 0) == "groups/x.html" and page_file("groups/x", 2) == "groups/x-p3.html"


def test_slugs_are_safe_short_and_distinct():
    raws = ['a"b', "a b", "a-b", "../../etc/passwd", "<script>", "", "CON", "ünïcødé", "x" * 300]
    slugs = [slug("source", r) for r in raws]
    assert len(set(slugs)) == len(slugs)
    for s in slugs:
        assert re.fullmatch(r"[a-z0-9-]+", s) and len(s) <= 51 and not s.startswith("-")
    assert slug("source", "ice-who-we-are") == slug("source", "ice-who-we-are")
    assert slug("source", "x") != slug("group", "x")


def test_split_text_never_cuts_a_span_and_covers_the_text():
    text = ("line of text with 1,234 in it\n" * 5000) + "x" * 30_000
    spans = [(m.start(), m.end()) for m in re.finditer(r"\d,\d{3}", text)]
    pieces = split_text(text, spans, limit=10_000)
    assert len(pieces) > 10
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a < b for a, b in pieces) and all(pieces[i][1] == pieces[i + 1][0] for i in range(len(pieces) - 1))
    cuts = {b for _, b in pieces[:-1]}
    assert not any(s < cut < e for s, e in spans for cut in cuts)
    # Where the text has lines, every cut falls just after a line break.
    lines_end = 5000 * len("line of text with 1,234 in it\n")
    assert all(text[b - 1] == "\n" for _, b in pieces[:-1] if b <= lines_end)


def test_split_text_splits_again_when_escaping_makes_a_piece_too_big():
    text = "<" * 300_000
    pieces = split_text(text, [], limit=200_000)
    assert len(pieces) >= 2 and pieces[-1][1] == len(text)


# ---------------------------------------------------------------------------------------------
# Timeline geometry


def point(start, end, low, high, bound="exact", value=None, css="src-0", conflict=False, likely=None):
    interval = Interval(low, high)
    return TimelinePoint(css, "label", bound, value if value is not None else (low or high), interval,
                         likely or interval, start, end, conflict)


def test_value_domain_and_ticks():
    pts = [point(dt.date(2020, 1, 1), dt.date(2020, 1, 1), 7.5e9, 8.5e9), point(None, None, 5.7e9, None, "lower")]
    low, high = value_domain(pts)
    assert low < 5.7e9 and high > 8.5e9
    ticks = value_ticks(low, high)
    assert 3 <= len(ticks) <= 8 and all(low <= t <= high for t in ticks)
    assert value_domain([point(None, None, 0, 10)])[0] == 0  # never below zero for non-negative figures


def test_time_ticks_are_years_or_months():
    first, last = dt.date(2009, 10, 1).toordinal(), dt.date(2020, 6, 1).toordinal()
    labels = [label for _, label in time_ticks(first, last)]
    assert labels and all(re.fullmatch(r"\d{4}", x) for x in labels) and len(labels) <= 8
    short = [label for _, label in time_ticks(dt.date(2020, 1, 1).toordinal(), dt.date(2020, 7, 1).toordinal())]
    assert short and all(re.fullmatch(r"\d{4}-\d{2}", x) for x in short)


def build(points):
    return build_timeline(points, title="t", desc="d", id_prefix="tl", y_axis_label="y", format_value=str)


def test_one_mark_per_claim_bars_and_points_arrows_and_conflicts():
    pts = [
        point(dt.date(2009, 10, 1), dt.date(2010, 9, 30), 5.7e9, None, "lower", likely=Interval(5.7e9, 5.8e9)),
        point(dt.date(2020, 5, 13), dt.date(2020, 5, 13), 7.5e9, 8.5e9, "approx", 8e9, css="src-1", conflict=True),
        point(None, None, 7.6e9, 8.4e9, "approx", 8e9, css="src-2"),
    ]
    t = build(pts)
    assert t.shown == t.total == 3
    bar, dot, undated = t.marks
    assert bar.css_class == "mark bar src-0" and dot.css_class == "mark point src-1 conflict"
    assert undated.css_class == "mark point src-2"
    assert bar.dark.count("Z") == 2  # the likely interval, and an arrow for the unbounded top
    assert "a4.5" in dot.dark  # the dot
    assert t.conflict_markers.count("Z") == 1
    assert any(label.text == "undated" for label in t.labels)
    # The period bar is wider than a single-date mark.
    xs = [float(x) for x in re.findall(r"[MH]([\d.]+)", bar.light)]
    assert max(xs) - min(xs) > 20


def test_marks_at_the_same_date_step_aside_and_the_chart_caps():
    day = dt.date(2020, 1, 1)
    t = build([point(day, day, 10, 20) for _ in range(5)])
    centres = {re.match(r"M([\d.]+)", m.light).group(1) for m in t.marks}
    assert len(centres) == 5
    many = build([point(day, day, i, i + 1) for i in range(1200)])
    assert many.shown == 1000 and many.total == 1200


@pytest.mark.parametrize("far", [dt.date.max, dt.date(9999, 1, 1), dt.date.min, dt.date(1, 6, 30)], ids=str)
def test_a_date_near_the_ends_of_the_calendar_is_drawn(far):
    t = build([point(dt.date(2018, 8, 20), dt.date(2018, 8, 20), 7, 9), point(far, far, 7, 9)])
    assert t.shown == 2
    ticks = time_ticks(*time_domain([point(dt.date(2018, 8, 20), dt.date(2018, 8, 20), 7, 9), point(far, far, 7, 9)]))
    assert 2 <= len(ticks) <= MAX_TIME_TICKS and all(re.fullmatch(r"\d{1,4}", label) for _, label in ticks)


def test_timeline_is_deterministic_and_all_undated_works():
    pts = [point(None, None, 1, 2), point(None, None, 3, 4)]
    assert build(pts) == build(list(pts))
    t = build(pts)
    assert t.shown == 2 and t.tick_labels and all(label.text != "date (as of, or period)" for label in t.labels)


# ---------------------------------------------------------------------------------------------
# The site


def test_site_pages_and_paths(result):
    site = pages(result)
    names = sorted(site)
    assert {"index.html", "findings.html", "groups.html", "sources.html"} <= set(names)
    assert len([n for n in names if n.startswith("groups/")]) == 2  # HSI special agents, ICE annual budget
    assert len([n for n in names if n.startswith("sources/")]) == 2
    for n in names:
        assert re.fullmatch(r"(?:(?:groups|sources)/)?[a-z0-9-]+\.html", n), n


def test_findings_in_reading_order(result):
    page = one(result, FindingsPage)
    assert [f.kind for f in page.rows] == ["conflict", "change", "agreement"]
    assert page.chrome.has_script
    assert all(f.href.startswith("groups/") for f in page.rows)


def test_order_kinds_then_resolved_last(result):
    base = result.findings[0]
    kinds = ["agreement", "revision", "change", "undated-discrepancy", "stale", "conflict"]
    findings = [attrs.evolve(base, id=f"f-{k}", kind=k) for k in kinds]
    findings.append(attrs.evolve(base, id="f-resolved-conflict", kind="conflict", status="resolved"))
    findings.append(attrs.evolve(base, id="f-b-conflict", kind="conflict", subject="AAA"))
    findings.append(attrs.evolve(base, id="f-rereview", kind="stale", status="needs-re-review"))
    assert [f.id for f in sorted(reversed(findings), key=finding_sort_key)] == [
        "f-b-conflict",  # subject AAA sorts before HSI
        "f-conflict",
        "f-rereview",
        "f-stale",
        "f-undated-discrepancy",
        "f-change",
        "f-revision",
        "f-agreement",
        "f-resolved-conflict",
    ]
    page = one(attrs.evolve(result, findings=tuple(reversed(findings))), FindingsPage)
    assert [f.id for f in page.rows][0] == "f-b-conflict" and page.rows[-1].id == "f-resolved-conflict"


def test_overview_counts_conflicts_and_corpus(result):
    page = one(result, OverviewPage)
    assert {c.key: c.count for c in page.counts_by_kind} == {
        "conflict": 1, "stale": 0, "undated-discrepancy": 0, "change": 1, "revision": 0, "agreement": 1,
    }
    assert {c.key: c.count for c in page.counts_by_status} == {"open": 3, "needs-re-review": 0, "resolved": 0}
    assert [f.id for f in page.open_conflicts] == ["f-conflict"]
    assert page.open_conflicts[0].href.startswith("groups/hsi-special-agents-")
    corpus = page.corpus
    assert (corpus.source_count, corpus.version_count, corpus.claim_count, corpus.group_count) == (2, 4, 5, 2)
    assert corpus.dated_range == "2010-03-01 – 2020-06-01"
    assert [(v.source_title, v.version, v.reason) for v in corpus.undated] == [
        ("Fact Sheets", "what-is-ice", "no date found in the text, the HTML meta tags or the file name")
    ]
    assert [(u.path, u.reason) for u in corpus.unreadable] == [("broken.pdf", "not UTF-8 text")]
    assert [p.href for p in page.pages] == ["findings.html", "groups.html", "sources.html"]
    assert page.chrome.has_script is False


def test_resolved_conflicts_leave_the_overview(result):
    resolved = tuple(attrs.evolve(f, status="resolved") if f.kind == "conflict" else f for f in result.findings)
    page = one(attrs.evolve(result, findings=resolved), OverviewPage)
    assert page.open_conflicts == ()


def test_group_page_of_the_budget(result):
    page = group_page(result, "ICE · annual budget")
    assert [f.kind for f in page.findings] == ["change", "agreement"]
    old, new, undated = page.claims
    assert old.figure == "more than $5.7 billion" and old.stated_interval == "(5.7 bn, ∞)"
    assert old.likely_interval == "(5.7 bn, 5.8 bn]"
    assert old.period_label == "FY2010" and old.period_range == "2009-10-01 – 2010-09-30"
    assert old.highlight_text[old.highlight_start : old.highlight_end] == "more than $5.7 billion"
    assert new.figure == "approximately $8 billion" and new.stated_interval == "[7.5 bn, 8.5 bn]"
    assert undated.date_text == "undated" and undated.as_of_text == "not placed in time" and "undated" in undated.row_class
    assert old.source_href == "../" + next(p for p in pages(result) if p.startswith("sources/ice-who-we-are"))
    assert [r.label for r in new.findings] == ["Change", "Agreement"]
    assert all(r.href.startswith("#finding-") for r in new.findings)
    change = page.findings[0]
    assert change.change.arrow == "↑" and change.change.relative == "+40 %"
    assert [m.href for m in change.members] == ["#claim-c-budget-2010", "#claim-c-budget-2020"]
    # The chart: one mark per claim, the undated one in its lane; legend by source.
    assert page.timeline.shown == 3
    assert [item.label for item in page.legend] == ["Fact Sheets", "Who We Are"]
    assert "1 undated" in page.timeline.desc and "The table below lists the same data" in page.timeline.desc


def test_conflicting_claims_are_marked(result):
    page = group_page(result, "HSI · special agents")
    assert all("conflict" in m.css_class for m in page.timeline.marks)
    assert page.timeline.conflict_markers.count("Z") == 2


def test_quote_missing_from_sentence_is_shown_on_its_own(result):
    c = result.claims[0]
    c = attrs.evolve(c, evidence=attrs.evolve(c.evidence, sentence="A sentence without it."))
    page = group_page(attrs.evolve(result, claims=(c, *result.claims[1:])), "ICE · annual budget")
    cv = next(x for x in page.claims if x.id == c.id)
    assert cv.highlight_text == c.evidence.quote and cv.highlight_end == len(c.evidence.quote)
    assert cv.unmatched_sentence == "A sentence without it."


def test_source_page_without_texts_lists_claims(result):
    page = source_page(result, "Who We Are")
    assert page.url == "https://www.ice.gov/about" and page.unlinked_url is None
    assert [v.version for v in page.versions] == ["2010-03-01", "2020-05-13"]
    assert [b.heading for b in page.blocks] == ["Version 2010-03-01", "Version 2020-05-13"]
    assert not any(b.has_text for b in page.blocks)
    # Text order, not result order: c-agents-who starts at offset 90, c-budget-2020 at 400+.
    assert [c.anchor for c in page.blocks[1].fallback] == ["claim-c-agents-who", "claim-c-budget-2020"]


def test_source_page_highlights_claims_in_their_text(result):
    r = with_texts(result)
    page = source_page(r, "Who We Are")
    block = page.blocks[1]
    assert block.has_text and block.fallback == ()
    assert [s.anchor for s in block.spans] == ["claim-c-agents-who", "claim-c-budget-2020"]
    for s in block.spans:
        claim = next(c for c in r.claims if f"claim-{c.id}" == s.anchor)
        assert block.text[s.start : s.end] == claim.evidence.quote
        assert s.href.startswith("../groups/") and s.href.endswith("#" + s.anchor)
    assert "conflict" in block.spans[0].css_class  # 7,000 special agents conflicts with 6,700
    # The group page links back into the text.
    budget = group_page(r, "ICE · annual budget")
    assert budget.claims[1].context_href.startswith("../sources/ice-who-we-are-")
    assert budget.claims[1].context_href.endswith("#claim-c-budget-2020")


def test_version_facts_and_date_evidence(result):
    who = result.sources[0]
    versions = (attrs.evolve(who.versions[0], date_evidence="Last Reviewed/Updated: 03/01/2010"), who.versions[1])
    r = attrs.evolve(result, sources=(attrs.evolve(who, versions=versions), result.sources[1]))
    page = source_page(r, "Who We Are")
    assert page.versions[0].date_evidence == "Last Reviewed/Updated: 03/01/2010"
    assert page.versions[0].date_origin_text == "from the text"
    assert page.versions[0].href == "#version-ice-who-we-are-2010-03-01"
    facts = {f.label: f.value for f in page.blocks[0].facts}
    assert facts["Date evidence"] == "Last Reviewed/Updated: 03/01/2010" and facts["Claims"] == "1"


def test_revision_findings_show_on_their_source_page(result):
    c1, c2 = result.claims[0], result.claims[1]
    revision = Finding(
        id="f-revision", kind="revision", severity="info", subject="ICE", measure="annual budget", scope=None,
        unit="USD", period="2010-03-01 → 2020-05-13", claims=(c1.id, c2.id), evidence_digest="e4" * 32,
        message="Who We Are: ICE annual budget changed from more than $5.7 billion to approximately $8 billion",
        sources=("ice-who-we-are",),
    )
    r = with_texts(attrs.evolve(result, findings=(*result.findings, revision)))
    page = source_page(r, "Who We Are")
    assert [f.id for f in page.revisions] == ["f-revision"]
    assert [m.href for m in page.revisions[0].members] == ["#claim-c-budget-2010", "#claim-c-budget-2020"]
    assert "f-revision" in [f.id for f in group_page(r, "ICE · annual budget").findings]


def test_non_http_url_is_never_a_link(result):
    who = attrs.evolve(result.sources[0], url="javascript:alert(1)")
    page = source_page(attrs.evolve(result, sources=(who, result.sources[1])), "Who We Are")
    assert page.url is None and page.unlinked_url == "javascript:alert(1)"


def test_anchors_and_slugs_of_awkward_ids_are_safe_and_unique():
    result = RunResult(sources=(Source(id='a"b'), Source(id="a b"), Source(id="a-b")), claims=(), findings=())
    paths = [p for p in pages(result) if p.startswith("sources/")]
    assert len(paths) == 3 and all(re.fullmatch(r"sources/[a-z0-9-]+\.html", p) for p in paths)


def test_empty_result():
    site = pages(RunResult(sources=(), claims=(), findings=()))
    assert sorted(site) == ["findings.html", "groups.html", "index.html", "sources.html"]
    assert site["index.html"].corpus.dated_range == "—"
    assert site["findings.html"].rows == () and not site["findings.html"].chrome.has_script


def test_missing_and_unplaced_claims_do_not_crash(result):
    stray = attrs.evolve(result.claims[0], id="c-stray", version="gone")
    finding = attrs.evolve(result.findings[0], claims=("c-unknown", *result.findings[0].claims))
    site = pages(attrs.evolve(result, claims=(*result.claims, stray), findings=(finding,)))
    budget = next(p for p in site.values() if isinstance(p, GroupPage) and p.chrome.heading == "ICE · annual budget")
    row = next(c for c in budget.claims if c.id == "c-stray")
    assert row.context_href is None and row.source_href is not None
    assert [f.missing_claims for f in budget.findings] == [("c-unknown",)]


def test_filter_tokens_never_carry_raw_text(hostile_result):
    page = one(hostile_result, FindingsPage)
    for f in page.rows:
        for value in attrs.astuple(f.filters):
            assert re.fullmatch(r"[a-z0-9 -]*", value), value
    for control in page.filters:
        assert all(re.fullmatch(r"[a-z0-9-]*", o.value) for o in control.options)


def test_view_is_pure_and_order_independent(result):
    assert build_site(result) == build_site(build_result())
    shuffled = attrs.evolve(result, findings=tuple(reversed(result.findings)), claims=tuple(reversed(result.claims)))
    assert build_site(shuffled) == build_site(result)


def test_big_lists_are_paginated(result):
    base = result.findings[2]
    many = tuple(attrs.evolve(base, id=f"f-{i:05d}", message=f"finding {i}") for i in range(1234))
    site = pages(attrs.evolve(result, findings=many))
    lists = sorted(p for p in site if p.startswith("findings"))
    assert lists == ["findings-p2.html", "findings-p3.html", "findings.html"]
    first = site["findings.html"]
    assert len(first.rows) == 500 and first.range_text == "Findings 1–500 of 1,234."
    assert [link.label for link in first.chrome.pager] == ["1", "2", "3"]
    assert [link.current for link in first.chrome.pager] == [True, False, False]
    assert sum(len(site[p].rows) for p in lists) == 1234


def test_split_text_survives_spans_past_the_end_and_overlapping_spans():
    text = "a" * 50_000
    pieces = split_text(text, [(10_000, 60_000), (9_000, 12_000), (-5, 3), (40_000, 40_000)], limit=5_000)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a < b for a, b in pieces) and all(pieces[i][1] == pieces[i + 1][0] for i in range(len(pieces) - 1))
    assert not any(9_000 < b < 50_000 for _, b in pieces[:-1])  # the long span runs to the end: no cut inside it


def test_a_version_without_text_lists_its_claims_across_pages(result):
    base = result.claims[1]  # Who We Are, 2020-05-13
    n = 3000
    many = tuple(attrs.evolve(base, id=f"c-{i:04d}", evidence=attrs.evolve(base.evidence, start=i, end=i + 3)) for i in range(n))
    site = build_site(attrs.evolve(result, claims=many, findings=()))
    who = [p for p in site.pages if isinstance(p, SourcePage) and p.chrome.heading == "Who We Are"]
    assert len(who) >= 2
    anchors = [c.anchor for p in who for b in p.blocks for c in b.fallback]
    assert sorted(anchors) == sorted(f"claim-c-{i:04d}" for i in range(n))
    parts = [b.part for p in who for b in p.blocks if b.heading == "Version 2020-05-13"]
    assert sorted(parts, key=lambda x: int(x.split()[1])) == [f"part {i} of 8" for i in range(1, 9)]  # 400 claims a part


def _dodge_reference(centres):
    """The definition: each mark takes the first step (0, +12, −12, …) nearer than 11.5 to no placed mark."""
    from claimcheck.reports.timeline import _STEPS, DODGE

    placed: list[float] = []
    for c in centres:
        chosen = next((c + s for s in _STEPS if all(not (-(DODGE - 0.5) < q - (c + s) < DODGE - 0.5) for q in placed)), c)
        placed.append(chosen)
    return placed


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(-50, 800, allow_nan=False), st.sampled_from([0.0, 100.0, 111.5, 123.5, 400.25])), max_size=80))
def test_dodge_is_its_definition(centres):
    from claimcheck.reports.timeline import _dodge

    assert _dodge(centres) == _dodge_reference(centres)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))) | st.text(alphabet=st.sampled_from(list("a&<>\"'é€😀\n"))))
def test_escaped_size_is_the_length_of_the_escaped_bytes(text):
    from markupsafe import escape

    from claimcheck.reports.site import _escaped_size

    assert _escaped_size(text) == len(str(escape(text)).encode("utf-8"))


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_dodge_refuses_a_centre_that_is_not_a_number(bad):
    from claimcheck.reports.timeline import _dodge

    with pytest.raises(ValueError, match="finite"):
        _dodge([5.0, 30.0, bad, 10.0])
