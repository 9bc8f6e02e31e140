"""A run killed while it fills the cache leaves no half-written entry: the next run's report is the
report of an uninterrupted run."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from claimcheck.cache import FILE_NAME

from .corpus import claimcheck_command, read_tree, subprocess_env


def _counts(db: Path) -> tuple[int, int]:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            rows = dict(conn.execute("SELECT kind, count(*) FROM entries GROUP BY kind").fetchall())
    except sqlite3.OperationalError:  # not created yet
        return 0, 0
    return rows.get("document", 0), rows.get("claims", 0)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_run_killed_while_filling_the_cache_changes_nothing(jobs, master_corpus, tmp_path):
    cache, db = tmp_path / "cache", tmp_path / "cache" / FILE_NAME
    base = ["run", "--jobs", jobs, "--quiet", "--cache-dir", str(cache)]
    whole = subprocess.run(
        claimcheck_command("run", "--no-cache", "--quiet", "--out", str(tmp_path / "whole")),
        cwd=master_corpus, env=subprocess_env(), capture_output=True, timeout=600,
    )
    assert whole.returncode == 1, whole.stderr

    # Each version's transaction sleeps between its two rows: the kill lands inside one.
    slow = subprocess.Popen(
        claimcheck_command(*base, "--out", str(tmp_path / "killed")),
        cwd=master_corpus, env=subprocess_env(CLAIMCHECK_TEST_CACHE_DELAY="0.25"),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while _counts(db)[0] < 5:
            assert slow.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "the run never filled the cache"
            time.sleep(0.05)
        time.sleep(0.1)
    finally:
        slow.send_signal(signal.SIGKILL)
        slow.wait(30)
    assert slow.returncode == -signal.SIGKILL
    documents, claims = _counts(db)
    assert 5 <= documents < 46
    assert documents == claims  # every document row came with its claims row, or neither was kept
    assert not (tmp_path / "killed").exists()

    again = subprocess.run(
        claimcheck_command(*base, "--out", str(tmp_path / "again")),
        cwd=master_corpus, env=subprocess_env(), capture_output=True, timeout=600,
    )
    assert again.returncode == 1, again.stderr
    assert b"rebuilt" not in again.stderr  # the cache was whole, not damaged
    assert read_tree(tmp_path / "again") == read_tree(tmp_path / "whole")
    assert _counts(db)[0] == 45
