"""Claim lifecycles: first seen, last seen, and which sources stopped stating a figure."""

from __future__ import annotations

import datetime as dt

from claimcheck.checker.lifecycle import latest_captures, lifecycles
from claimcheck.claims.model import Source, Version

from .factory import make_claim
from .test_cases import sources_of


def test_first_last_and_disappeared_across_versions_and_sources() -> None:
    claims = [
        make_claim("a1", source="a", version="2017-01-01", stated=67),
        make_claim("a2", source="a", version="2018-01-01", stated=67),
        # a's 2019 capture states something else only: the offices figure disappeared from a
        make_claim("a3", source="a", version="2019-01-01", measure="countries", stated=52),
        make_claim("b1", source="b", version="2018-06-01", stated=78),
        make_claim("b2", source="b", version="2020-05-13", stated=78),
    ]
    [countries, offices] = lifecycles(sources_of(claims), claims)
    assert (offices.measure, offices.first_seen, offices.first_source) == ("employees", dt.date(2017, 1, 1), "a")
    assert (offices.last_seen, offices.last_source) == (dt.date(2020, 5, 13), "b")
    assert offices.disappeared == ("a",) and offices.current
    span_a, span_b = offices.sources
    assert (span_a.first_version, span_a.last_version, span_a.latest_version) == ("2017-01-01", "2018-01-01", "2019-01-01")
    assert span_a.disappeared and span_a.claims == ("c-a1", "c-a2")
    assert not span_b.disappeared and span_b.last_seen == dt.date(2020, 5, 13)
    assert countries.measure == "countries" and countries.disappeared == () and countries.current


def test_a_figure_every_source_dropped_is_no_longer_current() -> None:
    claims = [
        make_claim("a1", source="a", version="2017-01-01"),
        make_claim("a2", source="a", version="2018-01-01", measure="other"),
    ]
    lifecycle = next(lc for lc in lifecycles(sources_of(claims), claims) if lc.measure == "employees")
    assert lifecycle.disappeared == ("a",) and not lifecycle.current


def test_undated_versions_state_a_figure_but_cannot_date_it() -> None:
    claims = [make_claim("u", source="leaflet", version=None), make_claim("d", source="site", version="2019-01-01")]
    [lifecycle] = lifecycles(sources_of(claims), claims)
    leaflet, site = lifecycle.sources
    assert leaflet.first_seen is None and leaflet.latest_version is None and not leaflet.disappeared
    assert (lifecycle.first_seen, lifecycle.last_seen) == (dt.date(2019, 1, 1), dt.date(2019, 1, 1))
    assert lifecycle.current


def test_latest_capture_comes_from_the_source_not_its_claims() -> None:
    source = Source("a", versions=(Version("2018-01-01", dt.date(2018, 1, 1), "text", "a1", ""),
                                   Version("2021-01-01", dt.date(2021, 1, 1), "text", "a2", "")))
    assert latest_captures([source]) == {"a": (dt.date(2021, 1, 1), "2021-01-01")}
    # Claims of a source not given fall back to their own latest version.
    orphan = make_claim("x", source="b", version="2019-05-01")
    assert latest_captures([source], [orphan])["b"] == (dt.date(2019, 5, 1), "2019-05-01")


def test_lifecycles_ignore_input_order() -> None:
    claims = [make_claim(f"c{i}", source="ab"[i % 2], version=f"201{i}-01-01", stated=i % 3) for i in range(8)]
    sources = sources_of(claims)
    assert lifecycles(sources[::-1], claims[::-1]) == lifecycles(sources, claims)
