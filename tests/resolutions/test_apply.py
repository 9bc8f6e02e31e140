"""Applying resolutions (checker/resolve.py): statuses, what changed, accepted values, unused entries, idempotence."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.checker.check import check
from claimcheck.checker.outcome import EXIT_FINDINGS, EXIT_OK, exit_code
from claimcheck.checker.resolve import Resolution, apply_resolutions, evidence_lines
from claimcheck.claims.model import Claim, Evidence, Interval, Quantity


def claim(name: str, source: str, date: dt.date, stated: float, *, measure: str = "employees") -> Claim:
    quote = f"{stated:,.0f} {measure}"
    return Claim(
        id=f"c-{name}",
        source=source,
        version=date.isoformat(),
        path=f"{source}.html",
        subject="ICE",
        measure=measure,
        scope=None,
        value=Quantity(stated, "count", "exact", Interval(stated, stated), Interval(stated, stated)),
        period=None,
        as_of=date,
        evidence=Evidence(quote, f"ICE has {quote}.", 0, len(quote), 1, 1),
        version_date=date,
    )


DAY = dt.date(2020, 5, 13)
# a and b conflict (same day, 100 vs 200 employees); c and d agree on offices.
CLAIMS = (
    claim("a", "src-a", DAY, 100),
    claim("b", "src-b", DAY, 200),
    claim("c", "src-a", DAY, 5, measure="offices"),
    claim("d", "src-c", DAY, 5, measure="offices"),
)


def findings(claims=CLAIMS):
    return check(claims)


def conflict(fs):
    return next(f for f in fs if f.kind == "conflict")


def decision_for(f, claims=CLAIMS, **kw) -> Resolution:
    kw.setdefault("decision", "expected-change")
    kw.setdefault("reviewer", "alice")
    kw.setdefault("date", dt.date(2026, 11, 25))
    by_id = {c.id: c for c in claims}
    return Resolution(f.id, evidence_digest=f.evidence_digest, evidence=evidence_lines(f, by_id), **kw)


def test_a_matching_digest_resolves_and_stops_counting():
    fs = findings()
    assert exit_code(fs, "conflict") == EXIT_FINDINGS
    applied = apply_resolutions(fs, CLAIMS, [decision_for(conflict(fs), note="known")])
    got = conflict(applied.findings)
    assert got.status == "resolved"
    assert got.resolution == {
        "decision": "expected-change",
        "reviewer": "alice",
        "note": "known",
        "date": "2026-11-25",
        "evidence_digest": conflict(fs).evidence_digest,
        "recorded_evidence": ["src-a.html: 100 employees", "src-b.html: 200 employees"],
    }
    assert exit_code(applied.findings, "conflict") == EXIT_OK
    assert applied.unused == () and applied.problems == ()
    assert all(f.status == "open" for f in applied.findings if f.kind != "conflict")


def test_changed_evidence_needs_re_review_and_says_what_changed():
    fs = findings()
    recorded = decision_for(conflict(fs))
    changed = (CLAIMS[0], claim("b", "src-b", DAY, 300), *CLAIMS[2:])
    now = findings(changed)
    assert conflict(now).id == conflict(fs).id  # same finding …
    assert conflict(now).evidence_digest != recorded.evidence_digest  # … on other evidence
    got = conflict(apply_resolutions(now, changed, [recorded]).findings)
    assert got.status == "needs-re-review"
    assert got.resolution["recorded_evidence"] == ["src-a.html: 100 employees", "src-b.html: 200 employees"]
    assert got.resolution["current_evidence"] == ["src-a.html: 100 employees", "src-b.html: 300 employees"]
    assert got.resolution["evidence_removed"] == ["src-b.html: 200 employees"]
    assert got.resolution["evidence_added"] == ["src-b.html: 300 employees"]
    assert got.resolution["reason"] == "the evidence changed since the decision"
    assert exit_code(apply_resolutions(now, changed, [recorded]).findings, "conflict") == EXIT_FINDINGS


def test_a_resolution_without_a_digest_is_never_silently_applied():
    fs = findings()
    bare = Resolution(conflict(fs).id, "wont-fix")
    got = conflict(apply_resolutions(fs, CLAIMS, [bare]).findings)
    assert got.status == "needs-re-review"
    assert got.resolution["reason"] == "no evidence digest was recorded with the decision"


def test_source_preferred_carries_the_accepted_value():
    fs = findings()
    r = decision_for(conflict(fs), decision="source-preferred", preferred_source="src-b")
    got = conflict(apply_resolutions(fs, CLAIMS, [r]).findings)
    assert got.status == "resolved"
    assert got.resolution["preferred_source"] == "src-b"
    assert got.resolution["accepted_value"] == "200"
    assert got.resolution["accepted_claim"] == "c-b"


def test_a_preferred_source_outside_the_finding_is_a_problem_of_that_entry():
    fs = findings()
    wrong = decision_for(conflict(fs), decision="source-preferred", preferred_source="src-c")
    entries = [Resolution("f-unused", "wont-fix"), wrong]
    applied = apply_resolutions(fs, CLAIMS, entries)
    problem = f"'src-c' is not a source of finding {conflict(fs).id} (its sources: src-a, src-b)"
    assert applied.problems == ((1, "preferred_source", problem),)


def test_resolutions_naming_no_finding_are_unused_in_file_order():
    fs = findings()
    entries = [Resolution("f-zzz", "wont-fix"), decision_for(conflict(fs)), Resolution("f-aaa", "confirmed")]
    applied = apply_resolutions(fs, CLAIMS, entries)
    assert [r.finding for r in applied.unused] == ["f-zzz", "f-aaa"]


def test_a_finding_whose_resolution_is_gone_is_open_again():
    fs = findings()
    once = apply_resolutions(fs, CLAIMS, [decision_for(conflict(fs))]).findings
    assert conflict(apply_resolutions(once, CLAIMS, []).findings).status == "open"
    assert conflict(apply_resolutions(once, CLAIMS, []).findings).resolution is None


# --- the law: applying the same resolutions twice changes nothing -----------------------------

DATES = [dt.date(2018, 1, 3), dt.date(2018, 8, 20), dt.date(2020, 5, 13), dt.date(2020, 6, 1)]


@st.composite
def corpora(draw):
    n = draw(st.integers(min_value=1, max_value=7))
    claims = []
    for i in range(n):
        claims.append(
            claim(
                f"x{i}",
                draw(st.sampled_from(["s1", "s2", "s3"])),
                draw(st.sampled_from(DATES)),
                draw(st.sampled_from([100, 150, 200, 5000])),
                measure=draw(st.sampled_from(["employees", "offices"])),
            )
        )
    return tuple(claims)


@st.composite
def corpus_and_resolutions(draw):
    claims = draw(corpora())
    fs = check(claims)
    by_id = {c.id: c for c in claims}
    entries = []
    for f in fs:
        kind = draw(st.sampled_from(["none", "match", "stale-digest", "no-digest", "prefer"]))
        if kind == "none":
            continue
        decision = draw(st.sampled_from(["confirmed", "wont-fix", "false-positive"]))
        if kind == "prefer":
            decision = "source-preferred"
        digest = {"stale-digest": "0" * 64, "no-digest": None}.get(kind, f.evidence_digest)
        entries.append(
            Resolution(
                f.id,
                decision,
                preferred_source=f.sources[0] if kind == "prefer" else None,
                reviewer=draw(st.sampled_from([None, "alice"])),
                evidence_digest=digest,
                evidence=evidence_lines(f, by_id),
            )
        )
    entries += [Resolution(f"f-gone{i}", "wont-fix") for i in range(draw(st.integers(0, 2)))]
    return claims, fs, draw(st.permutations(entries))


@settings(max_examples=150, deadline=None)
@given(corpus_and_resolutions())
def test_applying_twice_equals_applying_once(case):
    claims, fs, entries = case
    once = apply_resolutions(fs, claims, entries)
    twice = apply_resolutions(once.findings, claims, entries)
    assert twice == once
    # Every finding is open, resolved or needs-re-review, and every entry is used or unused, never both.
    assert {f.status for f in once.findings} <= {"open", "resolved", "needs-re-review"}
    used = {f.id for f in once.findings if f.resolution is not None}
    assert used.isdisjoint(r.finding for r in once.unused)
    assert used | {r.finding for r in once.unused} == {r.finding for r in entries}


@settings(max_examples=100, deadline=None)
@given(corpus_and_resolutions(), st.randoms(use_true_random=False))
def test_claim_order_does_not_matter(case, rnd):
    claims, fs, entries = case
    shuffled = list(claims)
    rnd.shuffle(shuffled)
    assert apply_resolutions(check(shuffled), shuffled, entries) == apply_resolutions(fs, claims, entries)
