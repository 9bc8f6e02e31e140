"""Data-driven checker cases: tests/cases/checker/*.yaml, one case per file.

A case file holds ``claims`` (a mapping from a short name to the compact fields of
``factory.make_claim``), optional ``defaults`` merged into every claim, optional ``settings``
(``same_period_window`` and ``stale_after`` in days) and ``expect``: the complete list of
findings, each with its ``kind`` and member ``claims`` (names, in the finding's order), and
optionally ``period``, ``message``, ``sources``, ``severity`` and ``direction``. To add a case,
add a file; nothing here changes.
"""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest
import yaml

from claimcheck.checker.check import check
from claimcheck.checker.model import CheckerSettings

from .factory import make_claim

CASES = pathlib.Path(__file__).resolve().parent.parent / "cases" / "checker"
CASE_FILES = sorted(CASES.glob("*.yaml"))
OPTIONAL_FIELDS = ("period", "message", "sources", "severity")


def load_case(path: pathlib.Path):
    """(claims, settings, expected findings) from one case file."""
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    defaults = case.get("defaults", {})
    claims = []
    for index, (name, fields) in enumerate(case["claims"].items()):
        spec = {**defaults, **(fields or {})}
        # Offsets only make claims distinct; they must not matter to any verdict.
        spec.setdefault("start", 100 * index)
        claims.append(make_claim(name, **spec))
    raw = case.get("settings", {})
    settings = CheckerSettings(
        same_period_window=dt.timedelta(days=raw.get("same_period_window", 180)),
        stale_after=dt.timedelta(days=raw.get("stale_after", 730)),
    )
    return claims, settings, case.get("expect") or []


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
    claims, settings, expected = load_case(path)
    findings = list(check(claims, settings))
    actual = sorted(_signature(f.kind, [c.removeprefix("c-") for c in f.claims]) for f in findings)
    assert actual == sorted(_signature(e["kind"], e["claims"]) for e in expected), [f.message for f in findings]
    # Each expected entry must match its own finding, field by field.
    unmatched = list(findings)
    for entry in expected:
        found = next((f for f in unmatched if _matches(f, entry)), None)
        assert found is not None, (entry, findings)
        unmatched.remove(found)


def test_cases_exist() -> None:
    assert len(CASE_FILES) >= 12
