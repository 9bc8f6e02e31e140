"""build_report_view and its number helpers: every printed string is decided here."""

from __future__ import annotations

import attrs
import pytest
from report_fixtures import build_result

from claimcheck.claims.model import Interval, Source
from claimcheck.result import RunResult
from claimcheck.reports.views import (
    build_report_view,
    checked_url,
    format_interval,
    format_number,
    format_relative,
    quote_span,
)


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


def test_findings_in_reading_order(result):
    view = build_report_view(result)
    assert [f.kind for f in view.findings] == ["conflict", "change", "agreement"]


def test_order_kinds_then_resolved_last(result):
    base = result.findings[0]
    kinds = ["agreement", "revision", "change", "undated-discrepancy", "stale", "conflict"]
    findings = [attrs.evolve(base, id=f"f-{k}", kind=k) for k in kinds]
    findings.append(attrs.evolve(base, id="f-resolved-conflict", kind="conflict", status="resolved"))
    findings.append(attrs.evolve(base, id="f-b-conflict", kind="conflict", subject="AAA"))
    findings.append(attrs.evolve(base, id="f-rereview", kind="stale", status="needs-re-review"))
    view = build_report_view(attrs.evolve(result, findings=tuple(reversed(findings))))
    assert [f.id for f in view.findings] == [
        "f-b-conflict",  # subject AAA sorts before ICE
        "f-conflict",
        "f-rereview",
        "f-stale",
        "f-undated-discrepancy",
        "f-change",
        "f-revision",
        "f-agreement",
        "f-resolved-conflict",
    ]


def test_counts(result):
    view = build_report_view(result)
    by_kind = {c.key: c.count for c in view.counts_by_kind}
    assert by_kind == {"conflict": 1, "stale": 0, "undated-discrepancy": 0, "change": 1, "revision": 0, "agreement": 1}
    assert [c.key for c in view.counts_by_kind][0] == "conflict"
    assert {c.key: c.count for c in view.counts_by_status} == {"open": 3, "needs-re-review": 0, "resolved": 0}
    assert {c.key: c.row_class for c in view.counts_by_kind}["stale"] == "zero"


def test_claim_views_of_the_change(result):
    change = next(f for f in build_report_view(result).findings if f.kind == "change")
    old, new = change.claims
    assert old.figure == "more than $5.7 billion"
    assert old.stated_interval == "(5.7 bn, ∞)"
    assert old.likely_interval == "(5.7 bn, 5.8 bn]"
    assert old.period_label == "FY2010" and old.period_range == "2009-10-01 – 2010-09-30"
    assert old.source_title == "Who We Are" and old.date_text == "2010-03-01" and old.date_origin == "text"
    assert old.sentence[old.quote_start : old.quote_end] == "more than $5.7 billion"
    assert new.figure == "approximately $8 billion"
    assert new.stated_interval == "[7.5 bn, 8.5 bn]"
    assert change.change.arrow == "↑" and change.change.relative == "+40 %"
    assert change.change.old == "more than $5.7 billion" and change.change.new_date == "2020-05-13"


def test_undated_claim_view(result):
    agreement = next(f for f in build_report_view(result).findings if f.kind == "agreement")
    undated = agreement.claims[-1]
    assert undated.date_text == "undated" and undated.date_origin == "none"
    assert undated.as_of_text == "not placed in time"


def test_quote_missing_from_sentence_is_shown_on_its_own(result):
    c = result.claims[0]
    c = attrs.evolve(c, evidence=attrs.evolve(c.evidence, sentence="A sentence without it."))
    view = build_report_view(attrs.evolve(result, claims=(c, *result.claims[1:])))
    cv = view.sources[0].versions[0].claims[0]
    assert not cv.quote_found
    assert cv.highlight_text == c.evidence.quote and cv.highlight_end == len(c.evidence.quote)
    assert cv.unmatched_sentence == "A sentence without it."


def test_sources_versions_and_claims_in_text_order(result):
    view = build_report_view(result)
    who, sheets = view.sources
    assert who.url == "https://www.ice.gov/about" and who.unlinked_url is None
    assert sheets.url is None and sheets.unlinked_url is None and sheets.publisher is None
    assert [v.version for v in who.versions] == ["2010-03-01", "2020-05-13"]
    # c-agents-who starts at offset 90, c-budget-2020 at 400+: text order, not result order.
    assert [c.id for c in who.versions[1].claims] == ["c-agents-who", "c-budget-2020"]
    assert who.versions[0].sha256_short == "a" * 12
    assert sheets.versions[1].date_text == "undated" and "undated" in sheets.versions[1].css_class
    assert [r.label for r in who.versions[1].claims[1].findings] == ["Change", "Agreement"]


def test_corpus_summary(result):
    corpus = build_report_view(result).corpus
    assert (corpus.source_count, corpus.version_count, corpus.claim_count) == (2, 4, 5)
    assert corpus.dated_range == "2010-03-01 – 2020-06-01"
    assert [(v.source_id, v.version) for v in corpus.undated] == [("ice-fact-sheets", "what-is-ice")]
    assert [(u.path, u.reason) for u in corpus.unreadable] == [("broken.pdf", "not UTF-8 text")]


def test_non_http_url_is_never_a_link(result):
    who = attrs.evolve(result.sources[0], url="javascript:alert(1)")
    view = build_report_view(attrs.evolve(result, sources=(who, result.sources[1])))
    assert view.sources[0].url is None
    assert view.sources[0].unlinked_url == "javascript:alert(1)"


def test_anchors_are_safe_and_unique():
    result = RunResult(
        sources=(Source(id='a"b'), Source(id="a b"), Source(id="a-b")),
        claims=(),
        findings=(),
    )
    anchors = [s.anchor for s in build_report_view(result).sources]
    assert len(set(anchors)) == 3
    assert all(a.replace("-", "").replace("_", "").isalnum() for a in anchors)


def test_empty_result():
    view = build_report_view(RunResult(sources=(), claims=(), findings=()))
    assert view.findings == () and view.sources == ()
    assert view.corpus.dated_range == "—"


def test_missing_and_unplaced_claims_do_not_crash(result):
    stray = attrs.evolve(result.claims[0], id="c-stray", version="gone")
    finding = attrs.evolve(result.findings[0], claims=("c-unknown", *result.findings[0].claims))
    view = build_report_view(attrs.evolve(result, claims=(*result.claims, stray), findings=(finding,)))
    assert view.findings[0].missing_claims == ("c-unknown",)
    assert [c.id for c in view.unplaced_claims] == ["c-stray"]


def test_view_is_pure(result):
    assert build_report_view(result) == build_report_view(build_result())
    # The view does not depend on the order findings arrive in.
    shuffled = attrs.evolve(result, findings=tuple(reversed(result.findings)))
    assert build_report_view(shuffled) == build_report_view(result)


def test_period_of_undated_finding(result):
    agreement = next(f for f in build_report_view(result).findings if f.kind == "agreement")
    assert agreement.period == "—"
    assert agreement.sources == "Fact Sheets, Who We Are"
