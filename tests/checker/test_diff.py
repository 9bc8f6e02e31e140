"""Version diffs: revision findings and source histories."""

from __future__ import annotations

import datetime as dt
import random

import attrs
import pytest
from deepdiff import DeepDiff
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.checker.diff import _Capture, comparable, entry_key, version_diffs
from claimcheck.checker.model import SourceHistory, VersionPair

from .factory import make_claim
from .test_cases import sources_of


def claim(name, version, stated=67, **fields):
    return make_claim(name, source=fields.pop("source", "page"), version=version, stated=stated, **fields)


def test_a_changed_figure_is_one_revision_with_both_quotes_and_a_history() -> None:
    old = claim("old", "2018-08-20", 67, quote="67 offices")
    new = claim("new", "2020-05-13", 78, quote="78 offices")
    findings, histories = version_diffs(sources_of([old, new]), [old, new])
    [finding] = findings
    assert finding.kind == "revision" and finding.severity == "info"
    assert finding.claims == ("c-old", "c-new") and finding.sources == ("page",)
    assert '"67 offices"' in finding.message and '"78 offices"' in finding.message
    assert finding.change.direction == "up" and finding.change.delta == 11
    [history] = histories
    assert isinstance(history, SourceHistory) and history.source == "page"
    [pair] = history.pairs
    assert isinstance(pair, VersionPair)
    assert (pair.old_date, pair.new_date) == (dt.date(2018, 8, 20), dt.date(2020, 5, 13))
    assert pair.added == pair.removed == ()
    [entry] = pair.changed
    assert (entry.action, entry.old_claims, entry.new_claims, entry.finding) == ("changed", ("c-old",), ("c-new",), finding.id)


def test_added_and_removed_keys() -> None:
    a = claim("a", "2018-01-01", measure="employees")
    b = claim("b", "2019-01-01", measure="offices")
    findings, [history] = version_diffs(sources_of([a, b]), [a, b])
    assert sorted(f.message.split(" ")[3] for f in findings) == ["added", "removed"]
    [pair] = history.pairs
    assert [e.measure for e in pair.added] == ["offices"] and [e.measure for e in pair.removed] == ["employees"]
    assert pair.added[0].old_claims == () and pair.removed[0].new_claims == ()


def test_unchanged_reworded_or_repeated_figures_are_no_revision() -> None:
    claims = [
        claim("a", "2018-01-01", quote="67 offices"),
        claim("b", "2019-01-01", quote="sixty-seven offices abroad"),
        claim("c", "2019-01-01", quote="67 offices", start=500),  # stated twice in one capture
    ]
    findings, [history] = version_diffs(sources_of(claims), claims)
    assert findings == ()
    assert history.pairs[0].changed == history.pairs[0].added == history.pairs[0].removed == ()


def test_a_source_with_one_dated_capture_has_no_history() -> None:
    claims = [claim("a", "2018-01-01"), claim("u", None, 5)]
    assert version_diffs(sources_of(claims), claims) == ((), ())


def test_several_figures_under_one_key_compare_as_a_set() -> None:
    # One capture says 67 and 70 (a page contradicting itself), the next 70 and 67: no revision;
    # the one after that 70 only: the key changed.
    claims = [
        claim("a1", "2018-01-01", 67),
        claim("a2", "2018-01-01", 70, start=9),
        claim("b1", "2019-01-01", 70),
        claim("b2", "2019-01-01", 67, start=9),
        claim("c1", "2020-01-01", 70),
    ]
    findings, [history] = version_diffs(sources_of(claims), claims)
    assert [f.claims for f in findings] == [("c-b2", "c-b1", "c-c1")]
    assert findings[0].change is None  # two figures before, one after: no single direction
    assert [len(p.changed) for p in history.pairs] == [0, 1]


def test_revision_ids_name_the_source_the_key_and_both_dates_not_paths() -> None:
    a, b = claim("a", "2018-01-01", 67), claim("b", "2019-01-01", 78)
    [finding], _ = version_diffs(sources_of([a, b]), [a, b])
    moved = [attrs.evolve(c, path=f"renamed/{c.id}.md", evidence=attrs.evolve(c.evidence, start=900, line=40)) for c in (a, b)]
    [again], _ = version_diffs(sources_of(moved), moved)
    assert again.id == finding.id
    other = [attrs.evolve(c, source="elsewhere") for c in (a, b)]
    [elsewhere], _ = version_diffs(sources_of(other), other)
    assert elsewhere.id != finding.id


def test_histories_are_sorted_by_source_whatever_the_input_order() -> None:
    claims = [claim(f"{s}{i}", f"201{i}-01-01", i, source=s) for s in "cab" for i in range(3)]
    sources = sources_of(claims)
    forward = version_diffs(sources, claims)
    assert [h.source for h in forward[1]] == ["a", "b", "c"]
    assert version_diffs(list(reversed(sources)), list(reversed(claims))) == forward


# --- the pre-filter equals a DeepDiff of the full claim sets -----------------------------------


def _full_deepdiff_actions(claims) -> dict:
    """What DeepDiff says about each consecutive pair's complete claim sets, key → action."""
    actions = {}
    for source in sources_of(claims):
        dated = sorted({v.date for v in source.versions if v.date})
        captures = [
            _Capture(day, (), [c for c in claims if c.source == source.id and c.version_date == day]) for day in dated
        ]
        for before, after in zip(captures, captures[1:]):
            t1 = {k: before.deepdiff_value(k) for k in before.values}
            t2 = {k: after.deepdiff_value(k) for k in after.values}
            tree = DeepDiff(t1, t2, ignore_order=True, view="tree", threshold_to_diff_deeper=0)
            for report, levels in tree.items():
                for level in levels:
                    path = level.path(output_format="list")
                    if len(path) == 1 and report == "dictionary_item_added":
                        action = "added"
                    elif len(path) == 1 and report == "dictionary_item_removed":
                        action = "removed"
                    else:
                        action = "changed"
                    actions[(source.id, before.date, after.date, path[0])] = action
    return actions


def _random_claims(rng: random.Random) -> list:
    claims = []
    for n in range(rng.randrange(1, 40)):
        bound = rng.choice(["exact", "lower", "approx"])
        claims.append(
            make_claim(
                f"r{n}",
                source=rng.choice("ab"),
                version=rng.choice(["2018-01-01", "2019-01-01", "2020-01-01", "2021-01-01", None]),
                measure=rng.choice(["employees", "offices", "agents"]),
                period=rng.choice([None, None, ["FY2019", "2018-10-01", "2019-09-30"]]),
                stated=rng.choice([67, 78]),
                bound=bound,
                unit=rng.choice(["count", "count", "percent"]),
                start=n,
            )
        )
    return claims


@pytest.mark.parametrize("seed", range(25))
def test_prefiltered_diff_equals_deepdiff_of_the_full_claim_sets(seed) -> None:
    claims = _random_claims(random.Random(seed))
    findings, histories = version_diffs(sources_of(claims), claims)
    ours = {}
    for history in histories:
        for pair in history.pairs:
            for entry in (*pair.added, *pair.removed, *pair.changed):
                key = (entry.subject, entry.measure, entry.scope or "", entry.period or "")
                ours[(history.source, pair.old_date, pair.new_date, key)] = entry.action
    assert ours == _full_deepdiff_actions(claims)
    assert len(findings) == len(ours)


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_diffs_do_not_depend_on_claim_or_source_order(seed) -> None:
    rng = random.Random(seed)
    claims = _random_claims(rng)
    sources = sources_of(claims)
    shuffled = claims[:]
    rng.shuffle(shuffled)
    assert version_diffs(sources[::-1], shuffled) == version_diffs(sources, claims)


def test_entry_key_and_comparable_leave_out_wording_and_place() -> None:
    a = claim("a", "2018-01-01", quote="67 offices", start=5)
    b = attrs.evolve(a, id="c-b", evidence=attrs.evolve(a.evidence, quote="sixty-seven offices", start=900))
    assert (entry_key(a), comparable(a)) == (entry_key(b), comparable(b))
    assert comparable(a) != comparable(attrs.evolve(a, value=attrs.evolve(a.value, bound="approx")))
