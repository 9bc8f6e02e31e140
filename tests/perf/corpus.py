"""The corpora and runners the performance tests share: a synthetic corpus with every kind of version."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

from click.testing import CliRunner

import claimcheck
from claimcheck import api, pipeline
from claimcheck.cli import main
from claimcheck.config import load_settings
from claimcheck.reports import render_all

from tests.claims.pdfs import make_pdf

REPO = Path(__file__).resolve().parents[2]
SRC = Path(claimcheck.__file__).resolve().parents[1]  # subprocesses run the claimcheck under test
DOCUMENTS = 40  # over pipeline.PARALLEL_MIN, so --jobs 2 and Dask really farm the work out


def _generator():
    spec = importlib.util.spec_from_file_location("claimcheck_bench_corpus", REPO / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXTRAS = """
[[source]]
id = "extras"
title = "Odd versions"
subject = "HSI"
versions = ["extras/*"]
"""


def make_corpus(target: Path) -> Path:
    """DOCUMENTS synthetic pages, plus versions that take the pipeline's other paths: a PDF, Markdown,
    Latin-1 text (a warning), a binary file (unreadable), and two files on one date (labels that
    only the whole source decides)."""
    _generator().generate(target, DOCUMENTS, versions=8, seed=7)
    extras = target / "extras"
    extras.mkdir()
    (extras / "report-2020-01-15.pdf").write_bytes(
        make_pdf([["Annual report", "", "Homeland Security Investigations employs 7,100 special agents."]])
    )
    (extras / "facts-2021-03-01.md").write_text(
        "# HSI facts\n\nLast Updated: March 1, 2021\n\nHSI has more than 10,400 employees in 56 countries.\n",
        encoding="utf-8",
    )
    (extras / "same-day-a.txt").write_text("Last Updated: May 5, 2022\n\nHSI operates 230 offices.\n", encoding="utf-8")
    (extras / "same-day-b.txt").write_text("Last Updated: May 5, 2022\n\nHSI operates 237 offices.\n", encoding="utf-8")
    (extras / "latin1-2019-06-01.txt").write_bytes("Caf\xe9 notes \x81\x8d: HSI has about 6,000 special agents.\n".encode("latin-1"))
    (extras / "binary-2018-01-01.txt").write_bytes(bytes(range(256)) * 8)
    with open(target / "claimcheck.toml", "a", encoding="utf-8") as fh:
        fh.write(EXTRAS)
    return target


def copy_corpus(master: Path, tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(master, target, ignore=shutil.ignore_patterns(".claimcheck-cache"))
    return target


def edit_one_page(corpus: Path) -> Path:
    """Add a figure to the latest capture of source s00002; the page edited."""
    page = sorted((corpus / "pages" / "s00002").glob("*.html"))[-1]
    page.write_text(page.read_text(encoding="utf-8").replace("<li>", "<li>It opened 17 new offices. ", 1), encoding="utf-8")
    return page


def report(corpus: Path, execution: pipeline.Execution | None = None) -> dict[str, str]:
    """Every report file of one run of the API, rendered in memory."""
    settings = load_settings(corpus / "claimcheck.toml", corpus)
    return dict(render_all(api.run(settings, execution=execution)))  # rendered now: picklable, comparable


def cli(args: list[str], cwd: Path):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def read_tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def subprocess_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop("CLAIMCHECK_TEST_CACHE_DELAY", None)
    env.update(extra)
    return env


def claimcheck_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimcheck", *args]
