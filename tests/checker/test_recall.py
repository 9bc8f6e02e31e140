"""Recalled verdicts: an incremental analysis equals a fresh one, whatever changed in between."""

from __future__ import annotations

import datetime as dt
import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.checker.check import analyse
from claimcheck.checker.model import CheckerSettings, Finding
from claimcheck.checker.recall import GROUP, SOURCE, Recall
from claimcheck.claims.model import Claim, Source, Version

from .factory import make_claim
from .test_properties import claim_specs

SETTINGS = CheckerSettings()


class MemoryStore:
    """A verdict store in a dict, counting what it was asked."""

    def __init__(self, rows: dict | None = None) -> None:
        self.rows: dict = {} if rows is None else dict(rows)
        self.hits: list[tuple[str, str]] = []
        self.misses: list[tuple[str, str]] = []

    def recall(self, kind, name, digest):
        row = self.rows.get((kind, name))
        if row is not None and row[0] == digest:
            self.hits.append((kind, name))
            return row[1]
        self.misses.append((kind, name))
        return None

    def remember(self, kind, name, digest, verdicts):
        self.rows[(kind, name)] = (digest, verdicts)


def sources_of(claims: list[Claim]) -> list[Source]:
    versions: dict[str, dict[str, Version]] = {}
    for c in claims:
        versions.setdefault(c.source, {})[c.version] = Version(c.version, c.version_date, "config", c.path, "0" * 64)
    return [
        Source(sid, sid.upper(), "", "", tuple(sorted(vs.values(), key=lambda v: (v.date or dt.date.max, v.version))))
        for sid, vs in sorted(versions.items())
    ]


def version_keys(claims: list[Claim]) -> dict[tuple[str, str], str]:
    """What the pipeline's keys stand for: a digest that changes whenever a version's claims do."""
    by_version: dict[tuple[str, str], list[str]] = {}
    for c in claims:
        by_version.setdefault((c.source, c.version), []).append(repr(c))
    return {k: hashlib.sha256("\n".join(sorted(v)).encode()).hexdigest() for k, v in by_version.items()}


def recalled(claims: list[Claim], store: MemoryStore, keys: dict | None = None):
    keys = version_keys(claims) if keys is None else keys
    return analyse(sources_of(claims), claims, SETTINGS, recall=Recall(keys, store))


def fresh(claims: list[Claim]):
    return analyse(sources_of(claims), claims, SETTINGS)


def build(specs, prefix: str) -> list[Claim]:
    return [make_claim(f"{prefix}{i}", **spec) for i, spec in enumerate(specs)]


corpora = st.lists(claim_specs(), min_size=0, max_size=10)


@settings(max_examples=150, deadline=None)
@given(before=corpora, changed=corpora, keep=st.lists(st.booleans(), min_size=10, max_size=10))
def test_an_analysis_after_any_change_equals_a_fresh_one(before, changed, keep):
    # The second corpus keeps some claims of the first and brings new ones: versions gain, lose
    # and change claims, groups appear and vanish.
    old = build(before, "a")
    new = [c for c, k in zip(old, keep) if k] + build(changed, "b")
    store = MemoryStore()
    assert repr(recalled(old, store)) == repr(fresh(old))
    assert repr(recalled(new, store)) == repr(fresh(new))


@settings(max_examples=60, deadline=None)
@given(specs=corpora)
def test_nothing_changed_means_nothing_worked_out_again(specs):
    claims = build(specs, "a")
    store = MemoryStore()
    first = recalled(claims, store)
    asked = len(store.misses)
    store.misses.clear()
    again = recalled(claims, store)
    assert repr(again) == repr(first)
    assert store.misses == [] and len(store.hits) == asked


def _two_sources() -> list[Claim]:
    return [
        make_claim("a1", source="a", version="2018-01-03", stated=60),
        make_claim("a2", source="a", version="2019-06-01", stated=67),
        make_claim("b1", source="b", version="2018-01-03", stated=60, measure="offices"),
        make_claim("b2", source="b", version="2019-06-01", stated=78, measure="offices"),
    ]


def test_a_changed_version_reworks_only_its_group_and_its_source():
    claims = _two_sources()
    store = MemoryStore()
    recalled(claims, store)
    assert {kind for kind, _ in store.rows} == {GROUP, SOURCE}
    changed = [*claims[:3], make_claim("b2", source="b", version="2019-06-01", stated=80, measure="offices")]
    store.misses.clear()
    store.hits.clear()
    assert repr(recalled(changed, store)) == repr(fresh(changed))
    assert sorted(store.misses) == [(GROUP, repr(("ICE", "offices", "", "count"))), (SOURCE, "b")]
    assert sorted(store.hits) == [(GROUP, repr(("ICE", "employees", "", "count"))), (SOURCE, "a")]


def test_other_settings_do_not_reuse_verdicts():
    claims = _two_sources()
    store = MemoryStore()
    recalled(claims, store)
    other = CheckerSettings(agreement_tolerance=0.5)
    got = analyse(sources_of(claims), claims, other, recall=Recall(version_keys(claims), store))
    assert repr(got) == repr(analyse(sources_of(claims), claims, other))
    assert not any(kind == GROUP for kind, _ in store.hits)


def test_a_version_without_a_digest_is_worked_out_and_not_remembered():
    claims = _two_sources()
    keys = version_keys(claims)
    del keys[("b", "2019-06-01")]
    store = MemoryStore()
    assert repr(recalled(claims, store, keys)) == repr(fresh(claims))
    assert set(store.rows) == {(GROUP, repr(("ICE", "employees", "", "count"))), (SOURCE, "a")}


@given(garbage=st.one_of(st.none(), st.integers(), st.text(), st.tuples(st.integers()), st.just(((1,), None))))
@settings(max_examples=40, deadline=None)
def test_a_store_answering_nonsense_is_not_believed(garbage):
    claims = _two_sources()

    class Liar(MemoryStore):
        def recall(self, kind, name, digest):
            return garbage

    assert repr(recalled(claims, Liar())) == repr(fresh(claims))


def test_verdicts_are_remembered_as_the_checker_made_them():
    claims = _two_sources()
    store = MemoryStore()
    recalled(claims, store)
    for (kind, _name), (_digest, verdicts) in store.rows.items():
        findings = verdicts if kind == GROUP else verdicts[0]
        assert all(isinstance(f, Finding) for f in findings)
