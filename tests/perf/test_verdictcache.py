"""The checker's verdicts kept in the cache: read back exactly, reused only when nothing they
depend on changed, and never trusted when damaged."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import pipeline, verdictcache
from claimcheck.cache import FILE_NAME, Cache, Row
from claimcheck.checker.model import Change, Finding, RevisedEntry, SourceHistory, VersionPair
from claimcheck.checker.recall import GROUP, SOURCE
from claimcheck.verdictcache import CachedVerdicts

from .corpus import copy_corpus, edit_one_page, report


def _execution(folder: Path) -> pipeline.Execution:
    return pipeline.Execution(cache=Cache.open(folder, pipeline.code_fingerprint()))


class _Tally:
    """Counts what the runs' verdict stores found and missed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.hits: list[tuple[str, str]] = []
        self.misses: list[tuple[str, str]] = []
        real = CachedVerdicts.recall

        def counted(store, kind, name, digest):
            found = real(store, kind, name, digest)
            (self.misses if found is None else self.hits).append((kind, name))
            return found

        monkeypatch.setattr(CachedVerdicts, "recall", counted)

    def clear(self) -> None:
        self.hits.clear()
        self.misses.clear()


def test_the_field_lists_are_the_models_own():
    for cls, names in verdictcache.FIELDS.items():
        assert tuple(f.name for f in attrs.fields(cls)) == names, cls.__name__


_text = st.text(st.characters(codec="utf-8") | st.sampled_from(["\ud800", "\x00", "\u2028"]), max_size=12)
_opt = st.none() | _text
_ids = st.lists(_text, max_size=3).map(tuple)
# (finite: the encoding writes an infinite figure as null, and ``remember`` keeps no such row, see below)
_float = st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**12), 10**12)
_change = st.builds(Change, _text, _text, _text, _opt, _opt, _float, st.none() | _float)
_finding = st.builds(
    Finding, _text, _text, _text, _text, _text, _opt, _text, _opt, _ids, _text, _text, _ids,
    st.none() | _change, _text, st.none() | st.dictionaries(_text, st.none() | _text, max_size=2),
)
_entry = st.builds(RevisedEntry, _text, _text, _text, _opt, _opt, _ids, _ids, _text)
_entries = st.lists(_entry, max_size=2).map(tuple)
_date = st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))
_pair = st.builds(VersionPair, _ids, _ids, _date, _date, _entries, _entries, _entries)
_history = st.builds(SourceHistory, _text, st.lists(_pair, max_size=2).map(tuple))


@settings(max_examples=150, deadline=None)
@given(findings=st.lists(_finding, max_size=3).map(tuple), history=st.none() | _history)
def test_any_verdicts_read_back_exactly(findings, history):
    for kind, verdicts in ((GROUP, findings), (SOURCE, (findings, history))):
        payload = verdictcache._encode(kind, "code", "digest", verdicts)
        assert repr(verdictcache._decode(payload, kind, "code", "digest")) == repr(verdicts)
        # Another digest or other code: not these verdicts.
        assert verdictcache._decode(payload, kind, "code", "other") is None
        assert verdictcache._decode(payload, kind, "other code", "digest") is None


def test_verdicts_that_would_read_back_different_are_not_kept(tmp_path):
    change = Change("up", "1", "2", None, None, 1.0, 1.0)
    finite = Finding("f-1", "change", "info", "S", "m", None, "count", None, ("c-1",), "d", "m", ("s",), change, "open", None)
    infinite = attrs.evolve(finite, change=attrs.evolve(change, delta=float("inf")))
    with Cache.open(tmp_path / "cache", "fingerprint") as cache:
        verdicts = CachedVerdicts(cache, tmp_path / "claimcheck.toml")
        verdicts.remember(GROUP, "kept", "digest", (finite,))
        verdicts.remember(GROUP, "not kept", "digest", (infinite,))
        verdicts.save()
        assert cache.info().verdicts == 1
        assert verdicts.recall(GROUP, "kept", "digest") == (finite,)
        assert verdicts.recall(GROUP, "not kept", "digest") is None


def test_a_warm_run_takes_every_verdict_from_the_cache(master_corpus, reference, tmp_path, monkeypatch):
    corpus = copy_corpus(master_corpus, tmp_path)
    tally = _Tally(monkeypatch)
    assert report(corpus, _execution(tmp_path / "cache")) == reference
    assert tally.misses and not tally.hits
    asked = sorted(tally.misses)
    tally.clear()
    assert report(corpus, _execution(tmp_path / "cache")) == reference
    assert sorted(tally.hits) == asked and not tally.misses
    assert {kind for kind, _ in asked} == {GROUP, SOURCE}


def test_one_changed_page_reworks_only_what_it_states(master_corpus, tmp_path, monkeypatch):
    corpus = copy_corpus(master_corpus, tmp_path)
    report(corpus, _execution(tmp_path / "cache"))
    edit_one_page(corpus)
    expected = report(corpus)
    tally = _Tally(monkeypatch)
    assert report(corpus, _execution(tmp_path / "cache")) == expected
    assert (SOURCE, "s00002") in tally.misses
    assert not any(kind == SOURCE and name != "s00002" for kind, name in tally.misses)
    assert len(tally.hits) > 3 * len(tally.misses)


def test_verdicts_of_other_code_are_not_used(master_corpus, reference, tmp_path, monkeypatch):
    corpus = copy_corpus(master_corpus, tmp_path)
    report(corpus, _execution(tmp_path / "cache"))
    monkeypatch.setattr(verdictcache, "whole_code", lambda: "another version of claimcheck")
    tally = _Tally(monkeypatch)
    assert report(corpus, _execution(tmp_path / "cache")) == reference
    assert tally.misses and not tally.hits


_DAMAGE = {
    "garbage": lambda row: b"not json",
    "short": lambda row: b"[1]",
    "object": lambda row: b"{}",
    # The right code and digest around a body of another shape: decoding itself must fail.
    "bad-body": lambda row: verdictcache.dumps([*row[:3], [[1, 2]]]),
    "bad-change": lambda row: verdictcache.dumps([*row[:3], [[0] * 12 + [[1]] + [0, 0]]]),
    "null-body": lambda row: verdictcache.dumps([*row[:3], None]),
}


@pytest.mark.parametrize("damage", sorted(_DAMAGE))
def test_a_verdict_row_that_does_not_decode_is_dropped_and_worked_out_again(
    damage, master_corpus, reference, tmp_path, monkeypatch
):
    corpus = copy_corpus(master_corpus, tmp_path)
    report(corpus, _execution(tmp_path / "cache"))
    # Rewrite every verdict row with a valid checksum, as a bug or another build would.
    conn = sqlite3.connect(tmp_path / "cache" / FILE_NAME)
    rows = conn.execute("SELECT key, payload FROM entries WHERE kind = 'verdicts'").fetchall()
    conn.close()
    assert rows
    with Cache.open(tmp_path / "cache", pipeline.code_fingerprint()) as cache:
        cache.put(Row(key, verdictcache.KIND, _DAMAGE[damage](verdictcache.loads(payload))) for key, payload in rows)
        assert cache.info().verdicts == len(rows)
    tally = _Tally(monkeypatch)
    assert report(corpus, _execution(tmp_path / "cache")) == reference
    assert not tally.hits
    # Worked out again and stored afresh: the next run reads them.
    tally.clear()
    assert report(corpus, _execution(tmp_path / "cache")) == reference
    assert tally.hits and not tally.misses


def test_a_run_without_a_cache_keeps_no_verdicts(master_corpus, reference, tmp_path, monkeypatch):
    tally = _Tally(monkeypatch)
    assert report(master_corpus) == reference
    assert not tally.hits and not tally.misses
