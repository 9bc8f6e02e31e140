"""The end-to-end verdicts a careful reader expects, on the bundled example and on the verbatim seeds."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from claimcheck import api
from claimcheck.checker.model import CheckerSettings
from claimcheck.checker.periods import same_period
from claimcheck.config import load_settings, settings_from_dict
from claimcheck.result import RunResult

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "ice" / "claimcheck.toml"
SEEDS_CONFIG = Path(__file__).with_name("seeds.toml")
SEEDS = REPO.parent / "shared" / "seeds"


def _seeds_settings():
    """The seeds' sources with the example's subjects, measures and checker settings (one vocabulary)."""
    example = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data = tomllib.loads(SEEDS_CONFIG.read_text(encoding="utf-8"))
    for key in ("subjects", "measures", "checker"):
        data[key] = example[key]
    return settings_from_dict(data, SEEDS_CONFIG.resolve())


@pytest.fixture(scope="module", params=["example", "seeds"])
def result(request) -> RunResult:
    if request.param == "example":
        return api.run(load_settings(EXAMPLE, REPO))
    if not SEEDS.is_dir():
        pytest.skip("the verbatim seeds (../shared/seeds) are not beside this checkout")
    return api.run(_seeds_settings())


def _claims(result: RunResult, ids) -> list:
    by_id = {c.id: c for c in result.claims}
    return [by_id[i] for i in ids]


def _findings(result: RunResult, kind: str, subject: str, measure: str, scope=None):
    return [
        f
        for f in result.findings
        if f.kind == kind and f.subject == subject and f.measure == measure and f.scope == scope
    ]


def _digits(quote: str) -> str:
    return "".join(ch for ch in quote if ch.isdigit() or ch == ".")


def test_versions_are_dated_as_a_reader_would(result):
    dates = {s.id: s.versions[0].date for s in result.sources}
    origins = {s.id: s.versions[0].date_origin for s in result.sources}
    assert str(dates["ice-who-we-are"]) == "2020-05-13"
    assert str(dates["ice-fact-sheets"]) == "2018-01-03"  # month first: January 3
    assert str(dates["dhs-life-saving-missions"]) == "2018-08-20"  # the release date, not the archive's update
    assert dates["ice-offices"] is None  # "Last Modified:" followed by nothing
    assert dates["what-is-ice"] is None
    assert origins["ice-who-we-are"] == "text"


def test_budget_is_a_change_and_the_fy2010_figure_is_stale(result):
    changes = _findings(result, "change", "ICE", "annual budget")
    assert len(changes) == 1
    old, new = _claims(result, changes[0].claims)
    assert _digits(old.evidence.quote) == "5.7" and old.value.bound == "lower"
    assert old.period is not None and old.period.label == "FY2010"
    assert _digits(new.evidence.quote) == "8" and new.value.bound == "approx"
    assert str(new.as_of) == "2020-05-13"
    assert not _findings(result, "conflict", "ICE", "annual budget")
    stale = _findings(result, "stale", "ICE", "annual budget")
    assert [c.evidence.quote for f in stale for c in _claims(result, f.claims)] == [old.evidence.quote]


def test_overseas_offices_67_to_78_is_a_change(result):
    changes = _findings(result, "change", "HSI", "offices", "international")
    assert len(changes) == 1
    old, new = _claims(result, changes[0].claims)
    assert (old.value.stated, str(old.as_of)) == (67, "2018-08-20")
    assert (new.value.stated, str(new.as_of)) == (78, "2020-05-13")
    assert changes[0].change.direction == "up"


def test_hsi_employee_lower_bounds_never_conflict(result):
    employees = [c for c in result.claims if c.subject == "HSI" and c.measure == "employees" and c.scope is None]
    assert sorted(c.value.stated for c in employees) == [9800, 10000]
    for f in result.findings:
        if f.kind in ("conflict", "undated-discrepancy"):
            assert not {c.id for c in employees} & set(f.claims), f.message


def test_more_than_400_statutes_is_an_agreement_across_sources(result):
    agreements = _findings(result, "agreement", "ICE", "statutes")
    assert len(agreements) == 1
    members = _claims(result, agreements[0].claims)
    assert {c.value.stated for c in members} == {400}
    assert len(agreements[0].sources) >= 3
    assert {"what-is-ice", "dhs-life-saving-missions", "ice-fact-sheets"} <= set(agreements[0].sources)


def test_international_operations_is_never_grouped_with_hsi(result):
    agents = {c.id: c for c in result.claims if c.subject == "HSI" and c.measure == "special agents"}
    international = {i for i, c in agents.items() if c.value.stated == 180}
    domestic = {i for i, c in agents.items() if c.value.stated == 6700}
    assert international and domestic
    assert {agents[i].scope for i in international} == {"international"}
    for f in result.findings:
        assert not (international & set(f.claims) and domestic & set(f.claims)), f.message


def test_fy2017_and_fy2019_offence_counts_are_different_periods(result):
    labelled = {c.id: c.period.label for c in result.claims if c.period and c.period.label in ("FY2017", "FY2019")}
    assert "FY2017" in labelled.values() and "FY2019" in labelled.values()
    homicide = _findings(result, "change", "ERO", "homicide offenses")
    assert len(homicide) == 1 and [labelled[i] for i in homicide[0].claims] == ["FY2017", "FY2019"]
    by_id = {c.id: c for c in result.claims}
    for f in result.findings:
        members = [by_id[i] for i in f.claims if i in labelled]
        if {labelled[c.id] for c in members} == {"FY2017", "FY2019"}:
            # Held over two fiscal years (agreement) or moved (change), never one period (conflict).
            assert f.kind in ("change", "agreement"), f.message
            for a in members:
                for b in members:
                    if a.period.label != b.period.label:
                        assert not same_period(a, b, CheckerSettings())


def test_no_conflicts(result):
    # Read with care, none of these pages contradicts another for the same period.
    assert [f.message for f in result.findings if f.kind == "conflict"] == []
