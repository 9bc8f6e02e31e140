"""A report process that dies at any moment fails the run promptly: it never hangs the others."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from claimcheck import forking
from claimcheck.errors import ReportError

TESTS = Path(__file__).parent
# Far above what any run here takes: reaching it means a process waits for a dead one.
HARD_TIMEOUT = 60


def _run(script: str, *args: str, delay: float = 0) -> dict:
    """Run ``script`` in a fresh interpreter, failing (not hanging) past the hard timeout."""
    env = {**os.environ, forking.DELAY_ENV: str(delay)}
    try:
        done = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(script), str(TESTS), *args],
            capture_output=True, text=True, env=env, timeout=HARD_TIMEOUT,
        )
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"hung for {HARD_TIMEOUT} s: {e.stdout!r} {e.stderr!r}")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_child_killed_holding_the_queue_lock_leaves_the_queue_to_the_others():
    # take() sleeps 2 s holding the lock (the test hook): the child is killed 0.3 s into it,
    # before it wrote the index back. A lock that outlived it (a semaphore) would hang here.
    out = _run(
        """
        import json, os, signal, sys, time
        from claimcheck import forking
        from claimcheck.errors import ReportError

        queue = forking.SharedQueue([("file", "only")])
        entering, entered = os.pipe()

        def work():
            os.write(entered, b"x")
            queue.drain(lambda unit, _write: None, None)

        got, error = [], None
        with forking.Children() as children:
            child = children.start(work, "the doomed")
            os.read(entering, 1)
            time.sleep(0.3)
            os.kill(child.pid, signal.SIGKILL)
            start = time.monotonic()
            queue.drain(lambda unit, _write: got.append(unit[1]), None)
            waited = time.monotonic() - start
            try:
                children.wait()
            except ReportError as e:
                error = str(e)
        print(json.dumps({"got": got, "error": error, "pid": child.pid, "waited": waited}))
        """,
        delay=2,
    )
    assert out["got"] == ["only"]  # killed before it took the unit: nothing lost
    # Two takes of 2 s each (the unit, then None), with room for a loaded machine.
    assert out["waited"] < 2 * 2 + 4
    assert f"the report process {out['pid']} (the doomed) was killed by signal SIGKILL" in out["error"]


_END_TO_END = """
    import json, os, signal, sys, threading, time
    sys.path.insert(0, sys.argv[1])
    from report_fixtures import build_result
    from site_fixtures import with_texts
    from claimcheck import forking
    from claimcheck.errors import ReportError
    from claimcheck.reports import files, render_all
    from claimcheck.reports.write import write_report

    out, moment = sys.argv[2], sys.argv[3]
    files.PARALLEL_MIN_COST = 0
    forking.cores = lambda: 2  # forked even on a one-core runner
    parent = os.getpid()
    real_do, real_drain = files.ReportFiles._do, forking.SharedQueue.drain

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    def do(self, unit, write):
        if os.getpid() == parent:
            time.sleep(1.0)  # the parent is slow: it would render on for over ten seconds after a death
        elif moment == "writing":
            def half(name, content):
                write(name, content[: len(content) // 2])
                die()
            return real_do(self, unit, half)
        elif moment == "taking":
            # Dies 0.1 s into the next take(), which holds the lock 0.5 s (the test hook).
            threading.Timer(0.1, die).start()
        return real_do(self, unit, write)

    def drain(self, do, write):
        real_drain(self, do, write)
        if os.getpid() != parent:
            die()  # its work done, before it says so

    files.ReportFiles._do = do
    if moment == "reporting":
        forking.SharedQueue.drain = drain
    write_report(out, {"claims.json": "old\\n"})
    start = time.monotonic()
    try:
        write_report(out, render_all(with_texts(build_result())))
        error = None
    except ReportError as e:
        error = str(e)
    print(json.dumps({"error": error, "took": time.monotonic() - start}))
"""


@pytest.mark.parametrize("moment", ["taking", "writing", "reporting"])
def test_a_child_dying_at_any_moment_fails_the_run_promptly_and_keeps_the_old_report(tmp_path, moment):
    out = _run(_END_TO_END, str(tmp_path / "report"), moment, delay=0.5 if moment == "taking" else 0)
    assert out["error"] is not None, "a run whose renderer died succeeded"
    assert "rendering the report in a forked process failed" in out["error"]
    assert "was killed by signal SIGKILL" in out["error"]
    # Not after the parent's other units (1 s each, and 0.5 s more to take one when taking): the
    # report has nine families of pages and five other files. The bound leaves room for a loaded
    # machine; rendering on would take over ten seconds.
    assert out["took"] < 7
    assert [p.name for p in tmp_path.iterdir()] == ["report"]  # no half-written staging folder
    assert [p.name for p in (tmp_path / "report").iterdir()] == ["claims.json"]
    assert (tmp_path / "report" / "claims.json").read_text() == "old\n"


@pytest.mark.parametrize("processes", [1, 2, 4])
@pytest.mark.parametrize("count", [0, 1, 30])
def test_every_unit_is_taken_exactly_once_whatever_the_processes(tmp_path, monkeypatch, processes, count):
    # A pause between reading the index and writing it back (the test hook): two processes
    # not excluded from one another would both take the same unit.
    monkeypatch.setenv(forking.DELAY_ENV, "0.002")
    units = [("file", f"u{i:03d}") for i in range(count)]
    queue = forking.SharedQueue(units)

    def record(unit, _write):
        with open(tmp_path / f"{os.getpid()}.txt", "a") as f:
            f.write(f"{unit[1]}\n")

    with forking.Children() as children:
        for _ in range(processes - 1):
            children.start(lambda: queue.drain(record, None))
        queue.drain(record, None)
        children.wait()
    taken = [u for p in tmp_path.iterdir() for u in p.read_text().split()]
    assert sorted(taken) == [name for _kind, name in units]
    assert queue.taken() == count
    assert queue.take() is None


def test_a_failure_names_the_process_and_how_it_ended():
    with forking.Children() as children:
        child = children.start(lambda: os._exit(3), "pages")
        with pytest.raises(ReportError) as raised:
            children.wait()
    assert f"the report process {child.pid} (pages) exited with code 3 before reporting" in str(raised.value)


def test_a_dead_child_is_reported_without_waiting_for_the_others():
    with forking.Children() as children:
        children.start(lambda: time.sleep(60), "slow")
        dead = children.start(lambda: os._exit(3), "dead")
        dead.join()
        start = time.monotonic()
        with pytest.raises(ReportError, match=r"\(dead\) exited with code 3"):
            children.raise_if_failed()
        assert time.monotonic() - start < 5
    # Leaving the block ended the slow one.


def test_without_record_locks_or_a_temp_file_one_process_renders(monkeypatch):
    assert forking.can_share()
    monkeypatch.setattr(forking, "fcntl", None)
    assert not forking.can_share()
    monkeypatch.undo()

    def no_temp_dir(*_args, **_kwargs):
        raise FileNotFoundError("No usable temporary directory found")

    monkeypatch.setattr(forking.tempfile, "TemporaryFile", no_temp_dir)
    assert not forking.can_share()
