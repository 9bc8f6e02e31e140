"""The locked, atomic read-modify-write: concurrent writers lose nothing, a killed writer leaves the file whole."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import time
from subprocess import PIPE
from pathlib import Path

import pytest

from claimcheck.checker.resolve import Resolution
from claimcheck.resolutions import (
    TEST_PAUSE_ENV,
    ConcurrentEditError,
    ResolutionsError,
    lock_path,
    locked,
    parse_resolutions,
    read_resolutions,
    write_resolution,
)

from .corpus import claimcheck_command, ice_with_conflict, run_api, subprocess_env

START = """\
# Hand-written header: must survive every write.

[[resolution]]
finding = "f-1111111111111111"  # kept
decision = "wont-fix"
reviewer = "alice"
"""


def _r(finding: str, decision: str = "confirmed") -> Resolution:
    return Resolution(finding, decision, reviewer="bob", date=dt.date(2026, 11, 25), evidence_digest="b" * 64)


def _findings(path: Path) -> list[str]:
    return [r.finding for r in read_resolutions(path).resolutions]


# --- in-process: merge or refuse --------------------------------------------------------------


def test_a_concurrent_edit_of_other_entries_is_merged(tmp_path: Path):
    path = tmp_path / "claimcheck-resolutions.toml"
    path.write_text(START, encoding="utf-8")
    seen = path.read_text(encoding="utf-8")
    hand_edit = START + (
        '\n# added by hand meanwhile\n[[resolution]]\nfinding = "f-2222222222222222"\ndecision = "wont-fix"\n'
    )
    path.write_text(hand_edit, encoding="utf-8")
    outcome = write_resolution(path, _r("f-3333333333333333"), seen)
    assert outcome.merged and not outcome.replaced
    text = path.read_text(encoding="utf-8")
    assert text.startswith(hand_edit)
    assert _findings(path) == ["f-1111111111111111", "f-2222222222222222", "f-3333333333333333"]


def test_a_concurrent_edit_of_the_same_entry_is_refused(tmp_path: Path):
    path = tmp_path / "claimcheck-resolutions.toml"
    path.write_text(START, encoding="utf-8")
    seen = path.read_text(encoding="utf-8")
    hand_edit = START.replace('decision = "wont-fix"', 'decision = "false-positive"')
    path.write_text(hand_edit, encoding="utf-8")
    with pytest.raises(ConcurrentEditError, match="the entry for f-1111111111111111 was edited meanwhile"):
        write_resolution(path, _r("f-1111111111111111"), seen)
    assert path.read_text(encoding="utf-8") == hand_edit


def test_a_concurrent_edit_that_broke_the_file_is_refused(tmp_path: Path):
    path = tmp_path / "claimcheck-resolutions.toml"
    path.write_text(START, encoding="utf-8")
    seen = path.read_text(encoding="utf-8")
    path.write_text(START + "[[resolution]\n", encoding="utf-8")
    with pytest.raises(ConcurrentEditError, match="not valid now"):
        write_resolution(path, _r("f-3333333333333333"), seen)
    assert path.read_text(encoding="utf-8") == START + "[[resolution]\n"


def test_a_file_deleted_meanwhile_is_not_recreated(tmp_path: Path):
    path = tmp_path / "claimcheck-resolutions.toml"
    path.write_text(START, encoding="utf-8")
    seen = path.read_text(encoding="utf-8")
    path.unlink()
    with pytest.raises(ConcurrentEditError, match="deleted"):
        write_resolution(path, _r("f-3333333333333333"), seen)
    assert not path.exists()


def test_an_unchanged_file_is_rewritten_in_place_and_keeps_its_mode(tmp_path: Path):
    path = tmp_path / "claimcheck-resolutions.toml"
    path.write_text(START, encoding="utf-8")
    os.chmod(path, 0o664)
    outcome = write_resolution(path, _r("f-1111111111111111"), START)
    assert outcome.replaced and not outcome.merged
    assert path.stat().st_mode & 0o777 == 0o664
    assert '# Hand-written header' in path.read_text(encoding="utf-8")
    assert 'finding = "f-1111111111111111"  # kept' in path.read_text(encoding="utf-8")
    assert [r.decision for r in read_resolutions(path).resolutions] == ["confirmed"]


def test_a_held_lock_times_out_with_a_clear_message(tmp_path: Path):
    path = tmp_path / "claimcheck-resolutions.toml"
    with locked(path):
        with pytest.raises(ResolutionsError, match="another claimcheck has been writing it"):
            write_resolution(path, _r("f-1"), None, timeout=0.2)
    assert not path.exists()
    write_resolution(path, _r("f-1"), None, timeout=0.2)  # released: the lock file left behind is harmless
    assert lock_path(path).exists() and _findings(path) == ["f-1"]


# --- processes --------------------------------------------------------------------------------


def _resolve_cmd(corpus: Path, finding: str, decision: str = "wont-fix") -> list[str]:
    return claimcheck_command(
        "resolve", finding, "--decision", decision, "--reviewer", "ci", "--date", "2026-11-25",
        "--config", str(corpus / "claimcheck.toml"),
    )  # fmt: skip


def test_two_resolve_processes_at_once_lose_no_entry(tmp_path: Path):
    corpus = ice_with_conflict(tmp_path)
    path = corpus / "claimcheck-resolutions.toml"
    path.write_text(START, encoding="utf-8")
    a, b = [f.id for f in run_api(corpus).findings if f.kind == "change"][:2]
    # Each holds the lock a while, so the second one waits and then finds the file changed under it.
    env = subprocess_env(**{TEST_PAUSE_ENV: "locked=1"})
    procs = [
        subprocess.Popen(_resolve_cmd(corpus, fid), cwd=tmp_path, env=env, stdout=PIPE, stderr=PIPE, text=True)
        for fid in (a, b)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert sorted(_findings(path)) == sorted(["f-1111111111111111", a, b])
    assert path.read_text(encoding="utf-8").startswith(START)


def test_many_resolve_processes_at_once_lose_no_entry(tmp_path: Path):
    corpus = ice_with_conflict(tmp_path)
    path = corpus / "claimcheck-resolutions.toml"
    ids = [f.id for f in run_api(corpus).findings][:4]
    env = subprocess_env()
    procs = [
        subprocess.Popen(_resolve_cmd(corpus, fid), cwd=tmp_path, env=env, stdout=PIPE, stderr=PIPE, text=True)
        for fid in ids
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    assert sorted(_findings(path)) == sorted(ids)


def _wait_for(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_resolve_killed_mid_write_leaves_the_file_whole_and_no_stale_lock(tmp_path: Path):
    corpus = ice_with_conflict(tmp_path)
    path = corpus / "claimcheck-resolutions.toml"
    path.write_text(START, encoding="utf-8")
    before = path.read_bytes()
    a, b = [f.id for f in run_api(corpus).findings if f.kind == "change"][:2]
    proc = subprocess.Popen(
        _resolve_cmd(corpus, a), cwd=tmp_path, env=subprocess_env(**{TEST_PAUSE_ENV: "before-replace=120"}),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        # The new text is written and fsynced to the temp file; the process holds the lock.
        temp = _wait_for(lambda: sorted(corpus.glob(".claimcheck-resolutions.toml.tmp-*")))
        assert a in temp[0].read_text(encoding="utf-8")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert path.read_bytes() == before  # the original, whole
    assert [r.finding for r in parse_resolutions(before.decode(), path)] == ["f-1111111111111111"]
    # The next writer is not blocked by the dead one's lock and clears its temp file.
    done = subprocess.run(
        _resolve_cmd(corpus, b), cwd=tmp_path, env=subprocess_env(), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert _findings(path) == ["f-1111111111111111", b]
    assert not list(corpus.glob(".claimcheck-resolutions.toml.tmp-*"))
