"""Data-driven checker cases: tests/cases/checker/*.yaml, one case per file.

A case file holds ``claims`` (a mapping from a short name to the compact fields of
``factory.make_claim``), optional ``defaults`` merged into every claim, optional ``settings`` and
``expect``: the complete list of findings, each with its ``kind`` and member ``claims`` (names, in
the finding's order), and optionally ``period``, ``message``, ``sources``, ``severity``,
``direction`` and ``id_of`` (the name of another expected entry whose id must be equal, or
``not_id_of`` for one that must differ).

``settings`` takes ``same_period_window`` and ``stale_after`` (days as a number, or a duration such
as "2y"), ``fiscal_year_start`` ("MM-DD"), ``agreement_tolerance`` and ``tolerance`` (measure →
share). A claim's ``period`` may be a label: "FY2019" is resolved with the case's
``fiscal_year_start``, "2019" is the calendar year. The claims run through
:func:`claimcheck.checker.check.analyse`, with one source per source id and one version per
version date the claims name, so revisions are verdicts like the others. To add a case, add a file;
nothing here changes.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import re

import pytest
import yaml

from claimcheck.checker.check import analyse
from claimcheck.checker.model import CheckerSettings, Duration
from claimcheck.claims.model import Source, Version
from claimcheck.claims.periods import calendar_year, fiscal_year

from .factory import make_claim

CASES = pathlib.Path(__file__).resolve().parent.parent / "cases" / "checker"
CASE_FILES = sorted(CASES.glob("*.yaml"))
OPTIONAL_FIELDS = ("period", "message", "sources", "severity")


def _duration(value) -> Duration:
    return Duration(days=value) if isinstance(value, int) else Duration.parse(str(value))


def case_settings(raw: dict) -> CheckerSettings:
    month, day = (int(x) for x in str(raw.get("fiscal_year_start", "10-01")).split("-"))
    return CheckerSettings(
        same_period_window=_duration(raw.get("same_period_window", 180)),
        stale_after=_duration(raw.get("stale_after", "2y")),
        fiscal_year_start=(month, day),
        agreement_tolerance=raw.get("agreement_tolerance", 0.0),
        tolerance=raw.get("tolerance", {}),
    )


def _period(spec, settings: CheckerSettings):
    # "FY2019" and "2019" are resolved as extraction would; lists and mappings are explicit.
    if isinstance(spec, (str, int)):
        text = str(spec)
        if m := re.fullmatch(r"FY\s?(\d{4})", text):
            return fiscal_year(int(m.group(1)), settings.fiscal_year_start)
        if re.fullmatch(r"\d{4}", text):
            return calendar_year(int(text))
        raise ValueError(f"period {spec!r}: write FY2019, 2019 or [label, start, end]")
    return spec


def sources_of(claims) -> list[Source]:
    """One source per source id, one version per version label the claims name (dated ones by date)."""
    versions: dict[str, dict[str, dt.date | None]] = {}
    for claim in claims:
        versions.setdefault(claim.source, {})[claim.version] = claim.version_date
    return [
        Source(
            source,
            versions=tuple(
                Version(label, date, "config" if date else "none", f"{source}/{label}.html", "")
                for label, date in sorted(labels.items(), key=lambda kv: (kv[1] is None, kv[1] or dt.date.min, kv[0]))
            ),
        )
        for source, labels in sorted(versions.items())
    ]


def load_case(path: pathlib.Path):
    """(claims, settings, expected findings) from one case file."""
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    settings = case_settings(case.get("settings", {}))
    defaults = case.get("defaults", {})
    claims = []
    for index, (name, fields) in enumerate(case["claims"].items()):
        spec = {**defaults, **(fields or {})}
        # Offsets only make claims distinct; they must not matter to any verdict.
        spec.setdefault("start", 100 * index)
        if "period" in spec:
            spec["period"] = _period(spec["period"], settings)
        claims.append(make_claim(name, **spec))
    return claims, settings, case.get("expect") or []


def run_case(path: pathlib.Path):
    claims, settings, expected = load_case(path)
    return list(analyse(sources_of(claims), claims, settings).findings), expected


def _signature(kind: str, claims) -> tuple:
    return kind, tuple(claims)


def _matches(finding, entry) -> bool:
    names = [c.removeprefix("c-") for c in finding.claims]
    if _signature(finding.kind, names) != _signature(entry["kind"], entry["claims"]):
        return False
    for field in OPTIONAL_FIELDS:
        if field in entry:
            # YAML reads an unquoted 2020-05-13 as a date; periods are compared as text.
            want = tuple(entry[field]) if field == "sources" else str(entry[field])
            if getattr(finding, field) != want:
                return False
    if "direction" in entry and (finding.change is None or finding.change.direction != entry["direction"]):
        return False
    return True


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case(path: pathlib.Path) -> None:
    findings, expected = run_case(path)
    actual = sorted(_signature(f.kind, [c.removeprefix("c-") for c in f.claims]) for f in findings)
    assert actual == sorted(_signature(e["kind"], e["claims"]) for e in expected), [f.message for f in findings]
    # Each expected entry must match its own finding, field by field.
    unmatched = list(findings)
    matched = {}
    for entry in expected:
        found = next((f for f in unmatched if _matches(f, entry)), None)
        assert found is not None, (entry, findings)
        unmatched.remove(found)
        if "name" in entry:
            matched[entry["name"]] = found
    for entry in expected:
        if "id_of" in entry:
            assert matched[entry["name"]].id == matched[entry["id_of"]].id, entry
        if "not_id_of" in entry:
            assert matched[entry["name"]].id != matched[entry["not_id_of"]].id, entry


def test_cases_exist() -> None:
    assert len(CASE_FILES) >= 12


def test_every_kind_has_a_case() -> None:
    kinds = set()
    for path in CASE_FILES:
        kinds |= {entry["kind"] for entry in load_case(path)[2]}
    assert kinds == {"conflict", "change", "stale", "undated-discrepancy", "agreement", "revision"}
