"""Known gaps between the checker and semantics.md, pinned so that fixing one turns its test red.

Each test states what the contract asks for and is marked ``xfail(strict=True)``: it must fail
today, and it fails the run the day the checker meets the contract (then drop the marker).
"""

from __future__ import annotations

import pytest

from claimcheck.checker.check import check

from .factory import make_claim


def _verdicts(*claims):
    return sorted((f.kind, tuple(f.claims)) for f in check(claims) if f.kind != "revision")


def test_two_pages_92_days_apart_with_incompatible_figures_conflict():
    may = make_claim("may", source="src-b", version="2020-05-01", stated=100)
    august = make_claim("aug", source="src-c", version="2020-08-01", stated=150)
    assert ("conflict", ("c-may", "c-aug")) in _verdicts(may, august)


@pytest.mark.xfail(
    strict=True,
    reason=(
        "semantics.md: two claims whose as-of dates lie within same_period_window are in the same "
        "period, and incompatible figures in one period conflict. The checker cuts the time line "
        "into clusters whose members are pairwise in the same period (checker/clusters.py), so an "
        "older agreeing page (January) that keeps August out of May's cluster turns the May/August "
        "conflict into a January -> August change: a missed error-severity finding."
    ),
)
def test_an_older_agreeing_page_does_not_hide_the_conflict():
    january = make_claim("jan", source="src-a", version="2020-01-01", stated=100)
    may = make_claim("may", source="src-b", version="2020-05-01", stated=100)
    august = make_claim("aug", source="src-c", version="2020-08-01", stated=150)
    assert any(kind == "conflict" and "c-aug" in members for kind, members in _verdicts(january, may, august))
