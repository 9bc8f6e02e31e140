"""Corpora and runners shared by the resolutions tests."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from click.testing import CliRunner

import claimcheck
from claimcheck import api
from claimcheck.cli import main
from claimcheck.config import load_settings
from claimcheck.result import RunResult

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "ice"
# Subprocesses must run the claimcheck these tests imported, whatever is installed.
SRC = Path(claimcheck.__file__).resolve().parents[1]

BUDGET_NOTE = """# Budget note

Last Reviewed/Updated: 05/13/2020

U.S. Immigration and Customs Enforcement has an annual budget of approximately {figure}.
"""
BUDGET_SOURCE = """
[[source]]
id = "budget-note"
title = "Budget note"
versions = ["budget-note.md"]
"""


def ice_copy(tmp_path: Path) -> Path:
    """A private copy of examples/ice (no open conflicts: `run` exits 0 by default)."""
    target = tmp_path / "ice"
    shutil.copytree(EXAMPLE, target)
    return target


def ice_with_conflict(tmp_path: Path, figure: str = "$6 billion") -> Path:
    """examples/ice plus a page dated like who-we-are.html that states another budget: one open conflict."""
    corpus = ice_copy(tmp_path)
    (corpus / "budget-note.md").write_text(BUDGET_NOTE.format(figure=figure), encoding="utf-8")
    with open(corpus / "claimcheck.toml", "a", encoding="utf-8") as fh:
        fh.write(BUDGET_SOURCE)
    return corpus


def set_budget_figure(corpus: Path, figure: str) -> None:
    (corpus / "budget-note.md").write_text(BUDGET_NOTE.format(figure=figure), encoding="utf-8")


def run_api(corpus: Path, fail_on: str = "conflict") -> RunResult:
    return api.run(load_settings(corpus / "claimcheck.toml", corpus), fail_on=fail_on)


def finding_of_kind(result: RunResult, kind: str):
    found = [f for f in result.findings if f.kind == kind]
    assert found, f"no {kind} finding"
    return found[0]


def cli(args: list[str], cwd: Path, env: dict[str, str] | None = None):
    """Invoke the CLI as if started in ``cwd``."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False, env=env)
    finally:
        os.chdir(old)


def subprocess_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop("CLAIMCHECK_TEST_PAUSE", None)
    env.pop("CLAIMCHECK_REVIEWER", None)
    env.update(extra)
    return env


def claimcheck_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimcheck", *args]
