"""group_key and the canonical order of claims."""

from __future__ import annotations

from claimcheck.checker.group import group_claims, group_key, sort_claims

from .factory import make_claim


def test_group_key_fields() -> None:
    claim = make_claim("x", subject="HSI", measure="special agents", scope="international operations", unit="count")
    assert group_key(claim) == ("HSI", "special agents", "international operations", "count")


def test_no_scope_and_empty_scope_are_one_group() -> None:
    assert group_key(make_claim("a", scope=None)) == group_key(make_claim("b", scope=""))


def test_groups_never_mix_subject_measure_scope_or_unit() -> None:
    claims = [
        make_claim("a"),
        make_claim("b", subject="HSI"),
        make_claim("c", measure="special agents"),
        make_claim("d", scope="overseas"),
        make_claim("e", unit="USD"),
    ]
    groups = group_claims(claims)
    assert len(groups) == 5
    assert all(len(members) == 1 for members in groups.values())
    assert list(groups) == sorted(groups)


def test_canonical_order_as_of_then_source_version_offset_undated_last() -> None:
    undated = make_claim("undated", version=None, source="a")
    late = make_claim("late", version="2020-05-13", source="a")
    early_b = make_claim("early-b", version="2018-01-03", source="b")
    early_a_second = make_claim("early-a-2", version="2018-01-03", source="a", start=50)
    early_a_first = make_claim("early-a-1", version="2018-01-03", source="a", start=10)
    fy = make_claim("fy", version="2020-05-13", period=["FY2017", "2016-10-01", "2017-09-30"])
    ordered = sort_claims([undated, late, early_b, early_a_second, early_a_first, fy])
    assert [c.id for c in ordered] == ["c-fy", "c-early-a-1", "c-early-a-2", "c-early-b", "c-late", "c-undated"]


def test_explicit_period_first_among_equal_as_of_dates() -> None:
    # The cluster label comes from its first claim; offsets must not decide it.
    plain = make_claim("plain", version="2019-09-30", start=0)
    fiscal = make_claim("fiscal", version="2020-01-01", period=["FY2019", "2018-10-01", "2019-09-30"], start=999)
    assert [c.id for c in sort_claims([plain, fiscal])] == ["c-fiscal", "c-plain"]
