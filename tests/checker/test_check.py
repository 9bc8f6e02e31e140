"""check(): grouping, ordering and unique ids."""

from __future__ import annotations

import attrs

from claimcheck.checker.check import _unique_ids, check, finding_order_key
from claimcheck.checker.model import Finding

from .factory import make_claim


def test_check_orders_by_severity_kind_subject_measure_scope_period_id() -> None:
    claims = [
        # agreement (none) about ICE employees
        make_claim("e1", source="a", version="2018-01-01", stated=100),
        make_claim("e2", source="b", version="2018-02-01", stated=100),
        # conflict (error) about HSI agents
        make_claim("h1", subject="HSI", measure="agents", source="a", version="2018-01-01", stated=1),
        make_claim("h2", subject="HSI", measure="agents", source="b", version="2018-02-01", stated=2),
        # change (info) about ERO officers
        make_claim("o1", subject="ERO", measure="officers", source="a", version="2016-01-01", stated=5),
        make_claim("o2", subject="ERO", measure="officers", source="a", version="2018-01-01", stated=6),
    ]
    findings = check(claims)
    assert [f.kind for f in findings] == ["conflict", "change", "agreement"]
    assert list(findings) == sorted(findings, key=finding_order_key)
    assert isinstance(findings, tuple)


def test_check_accepts_any_iterable() -> None:
    claims = (make_claim(n, version="2018-01-01", stated=1, source=n) for n in "ab")
    assert [f.kind for f in check(claims)] == ["agreement"]


def _finding(fid: str, digest: str, message: str = "m") -> Finding:
    return Finding(id=fid, kind="stale", severity="warning", subject="ICE", measure="m", scope=None, unit="count",
                   period="p", claims=("c",), evidence_digest=digest, message=message)


def test_duplicate_ids_get_the_digest_appended() -> None:
    a = _finding("f-1", "aaaaaaaa" + "0" * 56)
    b = _finding("f-1", "bbbbbbbb" + "0" * 56)
    c = _finding("f-2", "cccccccc" + "0" * 56)
    result = {f.id for f in _unique_ids([b, c, a])}
    assert result == {"f-1-aaaaaaaa", "f-1-bbbbbbbb", "f-2"}
    assert {f.id for f in _unique_ids([a, b, c])} == result


def test_duplicate_ids_with_equal_digests_stay_unique() -> None:
    a = _finding("f-1", "a" * 64, "one")
    b = attrs.evolve(a, message="two")
    assert sorted(f.id for f in _unique_ids([b, a])) == ["f-1-aaaaaaaa", "f-1-aaaaaaaa-1"]


def test_analyse_leaves_the_collector_as_it_found_it() -> None:
    import gc

    from claimcheck.checker.check import analyse

    claims = [make_claim(n, source=n, version=v, stated=1) for n, v in (("a", "2018-01-01"), ("b", "2019-06-01"))]
    frozen_before = gc.get_freeze_count()
    assert gc.isenabled()
    assert len(analyse((), claims).findings) == 1
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen_before
    gc.disable()
    try:
        analyse((), claims)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_analyse_keeps_what_the_caller_froze_frozen() -> None:
    import gc

    from claimcheck.checker.check import analyse

    claims = [make_claim(n, source=n, version=v, stated=1) for n, v in (("a", "2018-01-01"), ("b", "2019-06-01"))]
    gc.freeze()  # as a server does before forking workers
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        analyse((), claims)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
