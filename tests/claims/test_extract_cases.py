"""Data-driven extraction cases (tests/cases/extraction/*.yaml): text in, every claim out, as a careful reader
would read it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from claimcheck.claims.extract import VersionContext, extract_claims
from claimcheck.claims.text import extract_html, extract_markdown, extract_plain
from claimcheck.config import ExtractionSettings, Rename, SubjectSpec

CASES_DIR = Path(__file__).resolve().parents[1] / "cases" / "extraction"
READERS = {"plain": extract_plain, "markdown": extract_markdown, "html": extract_html}
KEYS = ("quote", "subject", "measure", "scope", "value", "high", "unit", "bound", "period")


def settings_of(config: dict | None) -> ExtractionSettings:
    """ExtractionSettings from the [subjects] and [measures] tables (and fiscal_year_start, dollar) of a config, as
    YAML."""
    config = config or {}
    subjects = []
    for sid, spec in sorted((config.get("subjects") or {}).items()):
        renames = tuple(
            Rename(r["name"], r.get("alias"), r.get("until")) for r in (spec.get("renamed_from") or [])
        )
        subjects.append(SubjectSpec(sid, tuple(spec.get("aliases") or ()), renames))
    measures = tuple((k, tuple(v)) for k, v in sorted((config.get("measures") or {}).items()))
    # fiscal_year_start as in claimcheck.toml: "07-01"
    month, day = (int(x) for x in config.get("fiscal_year_start", "10-01").split("-"))
    return ExtractionSettings(
        subjects=tuple(subjects), measures=measures, fiscal_year_start=(month, day), dollar=config.get("dollar", "USD")
    )


def read(case: dict, settings: ExtractionSettings) -> list[dict]:
    doc = READERS[case.get("format", "plain")](case["text"])
    date = case.get("date")
    # source_subject: the source's configured subject, the publisher "we" and "our" speak for; source_publisher and
    # source_title: the source's configured publisher and title
    ctx = VersionContext(
        "case",
        "v",
        "case",
        date if isinstance(date, dt.date) else None,
        case.get("source_subject"),
        publisher=case.get("source_publisher"),
        title=case.get("source_title"),
    )
    out = []
    for c in extract_claims(doc, ctx, settings):
        out.append(
            {
                "quote": c.evidence.quote,
                "subject": c.subject,
                "measure": c.measure,
                "scope": c.scope,
                "value": c.value.stated,
                "high": c.value.stated_high,
                "unit": c.value.unit,
                "bound": c.value.bound,
                "period": c.period.label if c.period else None,
            }
        )
    return out


def load_cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        settings = settings_of(data.get("config"))
        for i, case in enumerate(data["cases"]):
            yield pytest.param(case, settings, id=f"{path.stem}-{i}")


@pytest.mark.parametrize("case, settings", list(load_cases()))
def test_case(case, settings):
    got = read(case, settings)
    want = case["claims"]
    shown = [{k: g[k] for k in ("quote", "subject", "measure", "scope", "value", "bound", "period")} for g in got]
    assert len(got) == len(want), f"{len(got)} claims, want {len(want)}: {shown}"
    for g, w in zip(got, want):
        for key in KEYS:
            if key in w:
                expected = w[key]
                if key in ("value", "high") and expected is not None:
                    assert g[key] == pytest.approx(float(expected)), (key, g, w)
                else:
                    assert g[key] == (str(expected) if key == "period" and expected is not None else expected), (
                        key,
                        g,
                        w,
                    )


def test_case_files_exist():
    assert len(list(CASES_DIR.glob("*.yaml"))) >= 5
