"""write_report / atomic_write_text: all or nothing, and never someone else's directory."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from claimcheck import forking
from claimcheck.errors import ReportError
from claimcheck.reports import write as write_mod
from claimcheck.reports.write import ReportDirError, atomic_write_text, write_report

FIRST = {"index.html": "<p>first</p>\n", "claims.json": "{}\n", "findings.json": "{}\n", "extra.txt": "old"}
SECOND = {"index.html": "<p>second — ünïcode</p>\n", "claims.json": '{"a": 1}\n', "findings.json": b"{}\r\n"}


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


class ExplodingMapping(Mapping):
    """A files mapping whose items() fails half-way, like a render that raises."""

    def __init__(self, good: dict[str, str]) -> None:
        self.good = good

    def __getitem__(self, key):
        return self.good[key]

    def __len__(self):
        return len(self.good) + 1

    def __iter__(self) -> Iterator[str]:
        return iter(self.good)

    def items(self):
        raise RuntimeError("render failed")


def test_first_write_creates_the_directory(tmp_path):
    out = tmp_path / "nested" / "report"
    write_report(out, FIRST)
    assert snapshot(out) == {k: v.encode() for k, v in FIRST.items()}
    assert leftovers(out.parent) == []


def test_second_write_replaces_everything(tmp_path):
    out = tmp_path / "report"
    write_report(out, FIRST)
    write_report(out, SECOND)
    assert snapshot(out) == {
        "index.html": SECOND["index.html"].encode("utf-8"),
        "claims.json": b'{"a": 1}\n',
        "findings.json": b"{}\r\n",  # bytes kept as given, no newline translation
    }
    assert not (out / "extra.txt").exists()
    assert leftovers(tmp_path) == []


def test_failing_render_leaves_previous_report_whole(tmp_path):
    out = tmp_path / "report"
    write_report(out, FIRST)
    before = snapshot(out)
    with pytest.raises(RuntimeError, match="render failed"):
        write_report(out, ExplodingMapping(dict(SECOND)))
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


def test_failing_write_midway_leaves_previous_report_whole(tmp_path, monkeypatch):
    out = tmp_path / "report"
    write_report(out, FIRST)
    before = snapshot(out)
    real = write_mod._write_file
    calls = []

    def flaky(root, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(root, name, content)

    monkeypatch.setattr(write_mod, "_write_file", flaky)
    with pytest.raises(OSError, match="No space"):
        write_report(out, SECOND)
    assert len(calls) == 2
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


def test_failing_swap_restores_previous_report(tmp_path, monkeypatch):
    out = tmp_path / "report"
    write_report(out, FIRST)
    before = snapshot(out)
    real_rename = os.rename
    calls = []

    def rename(src, dst):
        calls.append((Path(src).name, Path(dst).name))
        if len(calls) == 2:  # the old report is aside; moving the new one in fails
            raise OSError(5, "I/O error")
        real_rename(src, dst)

    monkeypatch.setattr(write_mod.os, "rename", rename)
    with pytest.raises(OSError, match="I/O error"):
        write_report(out, SECOND)
    monkeypatch.undo()
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


def test_refuses_a_directory_of_user_files(tmp_path):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work")
    with pytest.raises(ReportDirError) as info:
        write_report(out, FIRST)
    assert str(out) in str(info.value)
    assert isinstance(info.value, ReportError)
    assert (out / "thesis.tex").read_text() == "years of work"
    assert leftovers(tmp_path) == []


def test_refuses_a_file_in_the_way(tmp_path):
    out = tmp_path / "report"
    out.write_text("not a directory")
    with pytest.raises(ReportDirError):
        write_report(out, FIRST)
    assert out.read_text() == "not a directory"


def test_empty_directory_is_fine(tmp_path):
    out = tmp_path / "report"
    out.mkdir()
    write_report(out, FIRST)
    assert (out / "index.html").exists()


def test_symlinked_report_dir_keeps_the_link(tmp_path):
    real = tmp_path / "real"
    write_report(real, FIRST)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    write_report(link, SECOND)
    assert link.is_symlink()
    assert (link / "index.html").read_text(encoding="utf-8") == SECOND["index.html"]
    assert not (real / "extra.txt").exists()


@pytest.mark.parametrize("bad", ["../escape.txt", "/abs.txt", "a/../../b", "", "a\\b", "./x"])
def test_names_must_stay_inside(tmp_path, bad):
    out = tmp_path / "report"
    with pytest.raises(ReportError):
        write_report(out, {bad: "x"})
    assert not out.exists()
    assert not (tmp_path / "escape.txt").exists()
    assert leftovers(tmp_path) == []


def test_subdirectories_are_allowed(tmp_path):
    out = tmp_path / "report"
    write_report(out, {"index.html": "x", "assets/app.css": "y"})
    assert (out / "assets" / "app.css").read_text() == "y"


def test_new_report_is_not_private(tmp_path):
    out = tmp_path / "report"
    old = os.umask(0o022)
    try:
        write_report(out, FIRST)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert stat.S_IMODE((out / "index.html").stat().st_mode) == 0o644


def test_atomic_write_text(tmp_path):
    path = tmp_path / "claimcheck-resolutions.toml"
    atomic_write_text(path, "a = 1\n")
    assert path.read_bytes() == b"a = 1\n"
    path.chmod(0o664)
    atomic_write_text(path, "a = 2 # ü\r\n")
    assert path.read_bytes() == "a = 2 # ü\r\n".encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_atomic_write_text_failure_keeps_old_file(tmp_path, monkeypatch):
    path = tmp_path / "f.txt"
    atomic_write_text(path, "old")

    def boom(src, dst):
        raise OSError(5, "I/O error")

    monkeypatch.setattr(write_mod.os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write_text(path, "new")
    monkeypatch.undo()
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


# ---------------------------------------------------------------------------------------------
# A report rendered as it is written (render_all → ReportFiles), on one process or two


def _report_files():
    from report_fixtures import build_result
    from site_fixtures import with_texts

    from claimcheck.reports import render_all

    return render_all(with_texts(build_result()))


def test_rendered_as_written_on_two_processes_gives_the_same_bytes(tmp_path, monkeypatch):
    from claimcheck.reports import files as files_mod

    files = _report_files()
    in_memory = {k: v.encode("utf-8") for k, v in dict(files).items()}
    write_report(tmp_path / "one", files)  # small: one process
    monkeypatch.setattr(files_mod, "PARALLEL_MIN_COST", 0)
    monkeypatch.setattr(forking, "cores", lambda: 2)  # forked even on a one-core runner
    write_report(tmp_path / "two", files)  # now forked: machine formats and pages in children
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two") == in_memory
    # Parallel or not, nothing is written but the report.
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["file", "html"])
@pytest.mark.parametrize("where", ["child", "parent"])
def test_a_failure_in_any_process_leaves_previous_report_whole(tmp_path, monkeypatch, where, kind):
    from claimcheck.reports import files as files_mod

    out = tmp_path / "report"
    write_report(out, FIRST)
    before = snapshot(out)
    files = _report_files()
    parent = os.getpid()
    real = files._do

    def failing(unit, write):
        in_child = os.getpid() != parent
        if in_child == (where == "child") and unit[0] == kind:
            raise RuntimeError("render failed")
        # Units go to whichever process is free, so the others are slowed down until the doomed
        # one surely takes a unit of that kind: this process takes files only when the first
        # child is slow with them, and the second child starts (and takes pages) only when the
        # first is done while this one is still busy with pages.
        if in_child and where == "parent" and kind == "file":
            time.sleep(0.5)
        if not in_child and where == "child" and kind == "html":
            time.sleep(0.05)
        real(unit, write)

    monkeypatch.setattr(files, "_do", failing)
    monkeypatch.setattr(files_mod, "PARALLEL_MIN_COST", 0)
    monkeypatch.setattr(forking, "cores", lambda: 2)
    with pytest.raises((RuntimeError, ReportError), match="render failed"):
        write_report(out, files)
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


def _written_by(tmp_path, files, jobs):
    """Render ``files`` with ``write_into``: name → bytes, and name → pid of the process that wrote it."""
    log = tmp_path / f"log-{jobs}"
    log.mkdir()

    def write(name, content):
        data = content.encode("utf-8") if isinstance(content, str) else content
        (log / name.replace("/", "%")).write_bytes(data)
        with open(tmp_path / f"pids-{jobs}.txt", "a") as f:
            f.write(f"{os.getpid()} {name}\n")

    files.write_into(write, jobs=jobs)
    made = {p.name.replace("%", "/"): p.read_bytes() for p in log.iterdir()}
    lines = (tmp_path / f"pids-{jobs}.txt").read_text().splitlines()
    pids = {name: int(pid) for pid, name in map(str.split, lines)}
    assert len(lines) == len(pids) == len(made)  # every file written once, by one process
    return made, pids


@pytest.mark.parametrize("formats", [("html",), ("json", "sarif"), ("html", "json", "junit", "markdown", "sarif")])
def test_two_jobs_give_the_bytes_of_one_whatever_the_formats(tmp_path, formats):
    from report_fixtures import build_result
    from site_fixtures import with_texts

    from claimcheck.reports import render_all

    files = render_all(with_texts(build_result()), formats)
    one, one_pids = _written_by(tmp_path, files, 1)
    parent = os.getpid()
    real = files._do

    def slow_here(unit, write):
        if os.getpid() == parent:
            time.sleep(0.05)  # so that the forked processes surely take some units
        real(unit, write)

    files._do = slow_here
    two, two_pids = _written_by(tmp_path, files, 2)
    assert two == one and set(one) == set(files)
    assert set(one_pids.values()) == {os.getpid()}
    assert set(two_pids.values()) - {os.getpid()}  # a forked process wrote some of them


def test_the_second_page_process_starts_once_the_machine_formats_are_done(tmp_path, monkeypatch):
    from report_fixtures import build_result
    from site_fixtures import with_texts

    from claimcheck.reports import render_all

    files = render_all(with_texts(build_result()))
    parent = os.getpid()
    real = files._do

    def slow_here(unit, write):
        if os.getpid() == parent:
            time.sleep(0.05)  # this process is still busy with pages when the first child ends
        real(unit, write)

    monkeypatch.setattr(files, "_do", slow_here)
    _made, pids = _written_by(tmp_path, files, 2)
    page_writers = {pid for name, pid in pids.items() if name.endswith(".html")}
    file_writers = {pid for name, pid in pids.items() if not name.endswith((".html", ".css"))}
    assert len(file_writers) == 1 and parent not in file_writers
    assert parent in page_writers and len(page_writers) == 2
    assert page_writers.isdisjoint(file_writers)  # the page child is a second child, not the first


def test_without_a_shareable_queue_one_process_writes_everything(tmp_path, monkeypatch):
    from report_fixtures import build_result
    from site_fixtures import with_texts

    from claimcheck.reports import files as files_mod
    from claimcheck.reports import render_all

    monkeypatch.setattr(forking, "can_share", lambda: False)
    _made, pids = _written_by(tmp_path, render_all(with_texts(build_result())), 2)
    assert set(pids.values()) == {os.getpid()}


def test_the_shared_queue_hands_every_unit_to_exactly_one_process(tmp_path):
    # This process and two children, as write_into may run them.
    from claimcheck.reports import files as files_mod

    units = [("file", f"u{i:03d}") for i in range(300)]
    queue = forking.SharedQueue(units)

    def record(unit, _write):
        with open(tmp_path / f"{os.getpid()}.txt", "a") as f:
            f.write(f"{unit[1]}\n")
        time.sleep(0.001)

    with forking.Children() as children:
        children.start(lambda: queue.drain(record, None))
        children.start(lambda: queue.drain(record, None))
        queue.drain(record, None)
        children.wait()
    taken = {p.name: p.read_text().split() for p in tmp_path.iterdir()}
    assert len(taken) == 3  # every process took work
    everything = [u for share in taken.values() for u in share]
    assert sorted(everything) == [name for _kind, name in units]
    # Each process takes its units in queue order.
    assert all(share == sorted(share) for share in taken.values())


def test_staging_folders_of_killed_runs_are_swept_and_live_ones_kept(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "report"
    prefix = write_mod._staging_prefix(out)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        for name in (f"{prefix}{dead.stdout.strip()}-abc", f"{prefix}{live.pid}-def", ".report.tmp-otherhost-1-x"):
            (tmp_path / name).mkdir()
            (tmp_path / name / "claims.json").write_text("{}\n")
        write_report(out, FIRST)
        assert leftovers(tmp_path) == sorted([f"{prefix}{live.pid}-def", ".report.tmp-otherhost-1-x"])
        assert snapshot(out) == {k: v.encode() for k, v in FIRST.items()}
    finally:
        live.kill()
        live.wait()


def test_a_killed_run_takes_its_second_renderer_with_it(tmp_path):
    # The forked renderer must not go on writing hundreds of megabytes for a run that is gone.
    import signal
    import subprocess
    import sys
    import textwrap
    import time

    script = textwrap.dedent(
        """
        import os, sys, time
        sys.path.insert(0, sys.argv[2])
        from report_fixtures import build_result
        import claimcheck.reports.files as files
        from claimcheck.reports import render_all
        from claimcheck.reports.write import write_report
        files.PARALLEL_MIN_COST = 0
        import claimcheck.forking
        claimcheck.forking.cores = lambda: 2
        real = files.ReportFiles._do
        def slow(self, unit, write):
            print("unit", os.getpid(), flush=True)
            time.sleep(4)
            return real(self, unit, write)
        files.ReportFiles._do = slow
        write_report(sys.argv[1], render_all(build_result()))
        """
    )
    run = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "report"), str(Path(__file__).parent)],
        stdout=subprocess.PIPE, text=True,
    )
    pids = set()
    while len(pids) < 2:
        line = run.stdout.readline()
        assert line, "the run ended before both renderers started"
        pids.add(int(line.split()[1]))
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    (child,) = pids - {run.pid}
    deadline = time.monotonic() + 2  # it would sleep 4 s more, then render on
    while time.monotonic() < deadline and _running(child):
        time.sleep(0.1)
    assert not _running(child)


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def test_writing_leaves_objects_a_caller_froze_frozen(tmp_path):
    import gc

    from report_fixtures import build_result

    from claimcheck.reports import render_all

    gc.freeze()  # as a server does before forking workers
    try:
        frozen = gc.get_freeze_count()
        write_report(tmp_path / "report", render_all(build_result()))
        # Not all of them: a frozen object still goes when its last reference does.
        assert gc.get_freeze_count() > frozen // 2
    finally:
        gc.unfreeze()
