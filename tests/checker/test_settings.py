"""The [checker] table: every key documented, parsed into CheckerSettings, unknown keys rejected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from claimcheck.checker.model import CheckerSettings, Duration
from claimcheck.config import RawChecker, settings_from_dict
from claimcheck.errors import ConfigError

README = Path(__file__).resolve().parents[2] / "README.md"


def load(tmp_path: Path, checker: dict):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    data = {"source": [{"id": "a", "versions": ["a.txt"]}], "checker": checker}
    return settings_from_dict(data, tmp_path / "claimcheck.toml").checker


def test_defaults_are_semantics_md(tmp_path) -> None:
    settings = load(tmp_path, {})
    assert settings == CheckerSettings()
    assert settings.same_period_window == Duration(days=180)
    assert settings.stale_after == Duration(years=2)
    assert (settings.fiscal_year_start, settings.agreement_tolerance, settings.tolerance) == ((10, 1), 0.0, ())


def test_every_key_is_read(tmp_path) -> None:
    settings = load(
        tmp_path,
        {
            "same_period_window": "6m",
            "stale_after": "18m",
            "fiscal_year_start": "07-01",
            "agreement_tolerance": 0.01,
            "tolerance": {"annual budget": 0.02, "employees": 0},
        },
    )
    assert settings.same_period_window == Duration(months=6)
    assert settings.stale_after == Duration(months=18)
    assert settings.fiscal_year_start == (7, 1)
    assert settings.tolerance == (("annual budget", 0.02), ("employees", 0.0))
    assert settings.tolerance_for("annual budget") == 0.02
    assert settings.tolerance_for("employees") == 0.0  # its own entry wins over the default
    assert settings.tolerance_for("offices") == 0.01


@pytest.mark.parametrize(
    "checker, message",
    [
        ({"colour": "red"}, "unknown key 'checker.colour'"),
        ({"stale_after": "two years"}, "checker.stale_after"),
        ({"same_period_window": "180"}, "checker.same_period_window"),
        ({"agreement_tolerance": 1.5}, "checker.agreement_tolerance"),
        ({"tolerance": {"annual budget": -0.1}}, "checker.tolerance"),
        ({"tolerance": {"annual budget": "2%"}}, "checker.tolerance"),
        ({"fiscal_year_start": "13-01"}, "checker.fiscal_year_start"),
    ],
)
def test_mistakes_name_the_file_and_key(tmp_path, checker, message) -> None:
    with pytest.raises(ConfigError) as info:
        load(tmp_path, checker)
    assert message in str(info.value) and "claimcheck.toml" in str(info.value)


def test_every_key_is_documented_in_metadata_and_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for field in attrs.fields(RawChecker):
        assert field.metadata.get("doc"), field.name
        assert field.name in readme, field.name


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2y", dt.date(2019, 9, 30), dt.date(2021, 9, 30)),
        ("2y", dt.date(2020, 2, 29), dt.date(2022, 2, 28)),
        ("6m", dt.date(2019, 8, 31), dt.date(2020, 2, 29)),
        ("180d", dt.date(2019, 1, 1), dt.date(2019, 6, 30)),
        ("4w", dt.date(2019, 1, 1), dt.date(2019, 1, 29)),
    ],
)
def test_durations_count_on_the_calendar(text, start, end) -> None:
    duration = Duration.parse(text)
    assert duration.after(start) == end
    assert duration.within(start, end) and not duration.within(start, end + dt.timedelta(days=1))


def test_timedeltas_are_accepted_as_days() -> None:
    assert CheckerSettings(stale_after=dt.timedelta(days=730)).stale_after == Duration(days=730)
