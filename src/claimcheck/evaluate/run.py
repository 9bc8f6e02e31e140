"""The I/O end of evaluation: find the corpus config, run claimcheck on it, read the files, score."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from claimcheck import api
from claimcheck.config import Settings, load_settings, settings_from_dict
from claimcheck.errors import ConfigError
from claimcheck.evaluate.gold import Gold, GoldError, load_gold
from claimcheck.evaluate.score import Evaluation, evaluate

# The tables a gold file's `vocabulary` config lends the corpus config: what extraction and the checker
# read, never the sources.
VOCABULARY_TABLES = ("subjects", "measures", "scopes", "checker", "extraction")


def settings_for(gold: Gold, config: Path | None, cwd: Path) -> Settings:
    """The corpus settings: ``--config`` wins over the gold file's `config`; a `vocabulary` config lends its
    subjects, measures, scopes, checker and extraction tables (so the verbatim seeds are read with the example's
    vocabulary without copying it)."""
    path = config or gold.config
    if path is None:
        raise GoldError(gold.path, "no corpus config: give --config, or `config:` in the gold file")
    if gold.vocabulary is None:
        return load_settings(Path(path), cwd)
    data = _toml(Path(path))
    lent = _toml(gold.vocabulary)
    for key in VOCABULARY_TABLES:
        if key in lent:
            data[key] = lent[key]
    return settings_from_dict(data, Path(path).resolve())


def _toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, "config file not found") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(path, f"invalid TOML: {exc}") from None


def run_eval(gold_path: Path, config: Path | None = None, cwd: Path | None = None) -> Evaluation:
    """Load the gold file, run extraction and the checker on its corpus, and score the run."""
    cwd = cwd or Path.cwd()
    gold = load_gold(gold_path)
    settings = settings_for(gold, config, cwd)
    result = api.run(settings)
    raw = {}
    for source in settings.sources:
        for v in source.versions:
            try:
                raw[v.display] = Path(v.path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                raw[v.display] = ""
    return evaluate(
        gold, result, settings, raw, gold_name=_shown(gold_path, cwd), config_name=_shown(settings.config_path, cwd)
    )


def _shown(path: Path, cwd: Path) -> str:
    """A path as the user would type it: relative to the working directory when that is shorter."""
    try:
        rel = os.path.relpath(Path(path).resolve(), cwd.resolve())
    except ValueError:
        return str(path)
    return Path(rel).as_posix() if len(rel) < len(str(path)) or not Path(path).is_absolute() else str(path)
