"""A source's own `dollar`, `fiscal_year_start` and `day_first`: a corpus that mixes countries reads each
source's "$", fiscal years and numeric dates its own way, cached or not."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
import pytest

from claimcheck import api, pipeline
from claimcheck.cache import Cache
from claimcheck.config import RawSource, extraction_for, load_settings, settings_from_dict
from claimcheck.errors import ConfigError

README = Path(__file__).resolve().parents[2] / "README.md"
CANADIAN = 'id = "parks"\ndollar = "CAD"\nfiscal_year_start = "04-01"\nday_first = true\nversions = ["parks.txt"]\n'
CONFIG = f"""
[[source]]
{CANADIAN}
[[source]]
id = "agency"
versions = ["agency.txt"]

[subjects.PC]
aliases = ["Parks Canada"]
"""
# The same page under two sources: only the source's settings differ.
PAGE = "Last updated: 03/04/2022\n\nIn 2021-22, Parks Canada spent $500 million on its sites.\n"


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("parks.txt", "agency.txt"):
        (folder / name).write_text(PAGE, encoding="utf-8")
    config = folder / "claimcheck.toml"
    config.write_text(CONFIG, encoding="utf-8")
    return config


def _read(config: Path, execution: pipeline.Execution | None = None) -> dict[str, tuple]:
    result = api.run(load_settings(config, config.parent), execution=execution)
    dates = {s.id: [v.date for v in s.versions] for s in result.sources}
    out = {}
    for c in result.claims:
        period = (c.period.label, c.period.start) if c.period else (None, None)
        out[c.source] = (c.value.unit, *period, dates[c.source])
    return out


EXPECTED = {
    # an April fiscal year 2021-22 is FY2022, April 2021 to March 2022; 03/04/2022 is 3 April
    "parks": ("CAD", "FY2022", dt.date(2021, 4, 1), [dt.date(2022, 4, 3)]),
    # the corpus defaults: US dollars, month first (4 March), and "2021-22" names no year where fiscal years
    # start in October (it could be the fiscal year 2022 or the two calendar years)
    "agency": ("USD", None, None, [dt.date(2022, 3, 4)]),
}


def test_each_source_reads_money_fiscal_years_and_dates_its_own_way(tmp_path):
    assert _read(_corpus(tmp_path)) == EXPECTED


def test_the_cache_keeps_sources_settings_apart(tmp_path, monkeypatch):
    config = _corpus(tmp_path / "corpus")
    extracted: list[str] = []
    real = pipeline.process

    def counted(task: pipeline.Task, readings: pipeline.Readings | None = None) -> pipeline.Computed:
        extracted.append(task.source)
        return real(task, readings)

    monkeypatch.setattr(pipeline, "process", counted)

    def execution() -> pipeline.Execution:
        return pipeline.Execution(cache=Cache.open(tmp_path / "cache", pipeline.code_fingerprint()))

    assert _read(config, execution()) == EXPECTED
    assert sorted(extracted) == ["agency", "parks"]
    extracted.clear()
    assert _read(config, execution()) == EXPECTED  # warm: each source's claims found under its own settings
    assert extracted == []
    # Drop the override: the parks page is read again with the corpus's settings, not taken from the cache.
    config.write_text(CONFIG.replace(CANADIAN, 'id = "parks"\nversions = ["parks.txt"]\n'), encoding="utf-8")
    assert _read(config, execution())["parks"] == EXPECTED["agency"]
    assert extracted == ["parks"]


def test_a_source_without_overrides_shares_the_corpus_settings(tmp_path):
    settings = load_settings(_corpus(tmp_path), tmp_path)
    parks, agency = sorted(settings.sources, key=lambda s: s.id != "parks")
    assert agency.extraction is None and extraction_for(settings, agency) is settings.extraction
    own = extraction_for(settings, parks)
    assert (own.dollar, own.fiscal_year_start, own.day_first) == ("CAD", (4, 1), True)
    assert attrs.evolve(own, dollar="USD", fiscal_year_start=(10, 1), day_first=False) == settings.extraction


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("dollar", "Loonie", "source[0].dollar = 'Loonie' is not a three-letter ISO currency code"),
        ("fiscal_year_start", "04-31", "source[0].fiscal_year_start"),
        ("day_first", "yes", "source[0].day_first"),
    ],
)
def test_a_wrong_override_names_the_file_and_the_key(tmp_path, key, value, message):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    data = {"source": [{"id": "a", "versions": ["a.txt"], key: value}]}
    with pytest.raises(ConfigError) as info:
        settings_from_dict(data, tmp_path / "claimcheck.toml")
    assert message in str(info.value) and "claimcheck.toml" in str(info.value)


def test_every_source_key_is_documented_in_metadata_and_readme():
    readme = README.read_text(encoding="utf-8")
    for field in attrs.fields(RawSource):
        assert field.metadata.get("doc"), field.name
        assert re.search(rf"^(?:{field.name} = |\[\[source\.{field.name}\]\])", readme, re.M), field.name


@pytest.mark.parametrize(
    "subjects",
    [
        {"USSS": {"aliases": ["the Service"]}, "IRS": {"aliases": ["the  service"]}},
        {"USSS": {"aliases": ["SSA"]}, "SSA": {}},
    ],
)
def test_a_name_of_two_subjects_is_a_config_error(tmp_path, subjects):
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(ConfigError) as info:
        settings_from_dict({"source": [{"id": "a", "versions": ["a.txt"]}], "subjects": subjects}, tmp_path / "c.toml")
    assert "c.toml" in str(info.value) and "names two subjects" in str(info.value)


def test_a_former_name_may_pass_to_two_subjects(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    former = {"renamed_from": [{"name": "Immigration and Naturalization Service", "alias": "INS"}]}
    settings = settings_from_dict(
        {"source": [{"id": "a", "versions": ["a.txt"]}], "subjects": {"ICE": former, "USCIS": former}}, tmp_path / "c.toml"
    )
    assert [s.id for s in settings.extraction.subjects] == ["ICE", "USCIS"]
