"""`--jobs 2` and `--executor dask` (against a LocalCluster) write the same report, byte for byte, as a
serial run; a missing dask or a stray --scheduler is a clean exit 2."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from claimcheck import pipeline
from claimcheck.checker.outcome import EXIT_ERROR

from .corpus import cli, read_tree, report


def _spy(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    """Record that pipeline.<name> (the pool or the Dask executor) ran, and how many chunks it got."""
    calls: list[int] = []
    real = getattr(pipeline, name)

    def spied(chunks, *args):
        chunks = list(chunks)
        calls.append(len(chunks))
        yield from real(iter(chunks), *args)

    monkeypatch.setattr(pipeline, name, spied)
    return calls


@pytest.fixture(scope="module")
def serial_report(master_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("serial") / "report"
    result = cli(["run", "--jobs", "1", "--no-cache", "--quiet", "--out", str(out)], master_corpus)
    assert result.exit_code == 1, result.output  # the corpus has conflicts
    return read_tree(out)


def test_jobs_2_writes_what_jobs_1_writes(master_corpus, serial_report, tmp_path, monkeypatch):
    pool = _spy(monkeypatch, "_on_pool")
    result = cli(["run", "--jobs", "2", "--no-cache", "--quiet", "--out", str(tmp_path / "report")], master_corpus)
    assert result.exit_code == 1, result.output
    assert pool and pool[0] > 1  # the work really went to the pool, in several chunks
    assert read_tree(tmp_path / "report") == serial_report


def test_jobs_2_filling_the_cache_then_reading_it_writes_the_same(master_corpus, serial_report, tmp_path):
    args = ["run", "--jobs", "2", "--cache-dir", str(tmp_path / "cache"), "--quiet"]
    assert cli([*args, "--out", str(tmp_path / "cold")], master_corpus).exit_code == 1
    assert cli([*args, "--out", str(tmp_path / "warm")], master_corpus).exit_code == 1
    assert read_tree(tmp_path / "cold") == serial_report
    assert read_tree(tmp_path / "warm") == serial_report


@pytest.fixture(scope="module")
def local_cluster():
    if os.environ.get("CI") == "true":
        import distributed  # CI installs the dask extra: this test must run there, not skip
    else:
        distributed = pytest.importorskip("distributed")
    # Two single-threaded worker processes: tasks and results really cross process boundaries.
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="1GiB"
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_on_a_local_cluster_writes_what_a_serial_run_writes(master_corpus, serial_report, local_cluster, tmp_path, monkeypatch):
    on_dask = _spy(monkeypatch, "_on_dask")
    args = ["run", "--executor", "dask", "--scheduler", local_cluster, "--quiet"]
    result = cli([*args, "--no-cache", "--out", str(tmp_path / "report")], master_corpus)
    assert result.exit_code == 1, result.output
    assert on_dask and on_dask[0] > 1
    assert read_tree(tmp_path / "report") == serial_report
    # Through the cache: the cluster fills it, a second run reads it back.
    for out in ("cold", "warm"):
        result = cli([*args, "--cache-dir", str(tmp_path / "cache"), "--out", str(tmp_path / out)], master_corpus)
        assert result.exit_code == 1, result.output
        assert read_tree(tmp_path / out) == serial_report


def test_executor_dask_without_dask_installed_is_a_clean_exit_2(master_corpus, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    result = cli(["run", "--executor", "dask", "--no-cache", "--out", str(tmp_path / "r")], master_corpus)
    assert result.exit_code == EXIT_ERROR
    assert "pip install 'claimcheck[dask]'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "r").exists()


def test_a_scheduler_without_the_dask_executor_is_a_usage_error(master_corpus, tmp_path):
    result = cli(["run", "--scheduler", "tcp://127.0.0.1:8786", "--out", str(tmp_path / "r")], master_corpus)
    assert result.exit_code == EXIT_ERROR
    assert "--scheduler needs --executor dask" in result.output


def test_jobs_must_be_at_least_one(master_corpus, tmp_path):
    result = cli(["run", "--jobs", "0", "--out", str(tmp_path / "r")], master_corpus)
    assert result.exit_code == EXIT_ERROR


def test_pool_workers_running_edited_code_leave_the_work_to_the_run(master_corpus, reference, monkeypatch):
    # The run's code differs from what its workers import (files edited since the run started):
    # the workers refuse, and the run does their work itself, with its own code.
    monkeypatch.setattr(pipeline, "code_fingerprint", lambda: "the code this run imported")
    pool = _spy(monkeypatch, "_on_pool")
    assert report(master_corpus, pipeline.Execution(executor="process", jobs=2)) == reference
    assert pool


def test_dask_workers_running_other_code_stop_the_run(master_corpus, local_cluster, monkeypatch):
    monkeypatch.setattr(pipeline, "code_fingerprint", lambda: "another claimcheck")
    with pytest.raises(pipeline.ExecutorError, match="other claimcheck code"):
        report(master_corpus, pipeline.Execution(executor="dask", scheduler=local_cluster))
