"""Atomic report writes: the whole report directory appears at once, or the old one stays whole."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath

from claimcheck.errors import ReportError
from claimcheck.execution import Progress
from claimcheck.pagememo import Reused, identity_of

# Where os.sync exists (POSIX; it waits for the writes on Linux) one call makes a whole report
# durable; elsewhere each file is fsynced as it is written.
_SYNC_ALL = hasattr(os, "sync") and os.name == "posix"
# A directory holding any of these was written by claimcheck and may be replaced as a whole.
REPORT_MARKERS = ("claims.json", "findings.json", "index.html", "results.sarif", "junit.xml", "summary.md")


class ReportDirError(ReportError):
    """The output directory exists but does not look like a claimcheck report: never replaced."""


def write_report(
    out_dir: Path,
    files: Mapping[str, str | bytes],
    *,
    staged: Callable[[Path], object] | None = None,
    progress: Progress | None = None,
) -> None:
    """Replace ``out_dir`` with exactly ``files`` (relative name → text or bytes), atomically.

    ``files`` may be a ``ReportFiles`` (``render_all``), which renders and writes each file in
    turn, on two cores for a large report, so no report is held whole in memory.

    The files go into a fresh sibling temp directory, are fsynced, and then swapped in with
    renames; the previous report is removed only after the new one is in place. On any error
    the temp directory is removed and the previous report is left as it was. Text is written
    as UTF-8 bytes, unchanged (no newline translation). ``staged`` is called with the temp
    directory when every file is on disk, just before the swap. ``progress`` (a ``ReportFiles``
    only) is told how the writing goes.

    Raises ``ReportDirError`` when ``out_dir`` exists and is not a directory, or is a non-empty
    directory without any of ``claims.json``, ``findings.json``, ``index.html``: it is then
    someone else's directory, and deleting it would lose their files.
    """
    out_dir = Path(out_dir)
    if out_dir.is_symlink():
        # Replace the directory the link points at and keep the user's link intact.
        out_dir = out_dir.resolve()
    _check_replaceable(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _sweep_stale(out_dir)
    tmp = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f"{_staging_prefix(out_dir)}{os.getpid()}-"))
    try:
        # mkdtemp makes a 0700 directory; a report is meant to be shared like any other output.
        os.chmod(tmp, _dir_mode(out_dir, tmp))
        write_into = getattr(files, "write_into", None)
        if write_into is not None:
            # A ReportFiles (reports/files.py): each file is rendered and written in turn, so the
            # report is never held whole in memory.
            write_into(lambda name, content: _write_file(tmp, name, content), progress=progress)
        else:
            for name, content in sorted(files.items()):
                _write_file(tmp, name, content)
        if _SYNC_ALL:
            # One sync for every file instead of an fsync each: thousands of fsyncs (~5 ms each
            # on ext4) cost half a minute, one sync a fraction of a second; either way every byte
            # is on disk before the swap below makes the report visible.
            os.sync()
        _fsync_dir(tmp)
        if staged is not None:
            staged(tmp)
        _swap(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 so readers see the old file or the new, never half.

    The text goes to a temp file in the same directory (so the final rename stays on one file
    system), is fsynced, and then replaces ``path`` with ``os.replace``.
    """
    path = Path(path)
    data = text.encode("utf-8")
    tmp, fd = _create_temp_file(path)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if path.exists():
            # Keep the mode a user gave the file (e.g. a group-writable resolutions file).
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


# ---------------------------------------------------------------------------------------------


def _check_replaceable(out_dir: Path) -> None:
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise ReportDirError(out_dir, "exists and is not a directory; refusing to replace it with a report")
    entries = {p.name for p in out_dir.iterdir()}
    if entries and not entries.intersection(REPORT_MARKERS):
        raise ReportDirError(
            out_dir,
            "is not empty and does not look like a claimcheck report "
            f"(none of {', '.join(REPORT_MARKERS)}); refusing to replace it. "
            "Choose another output directory or empty this one.",
        )


def _staging_prefix(out_dir: Path) -> str:
    # The host and the process id name the run a staging folder belongs to, so that a later run
    # can tell one left by a killed run from one a live run is still writing.
    host = re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname())[:64] or "host"
    return f".{out_dir.name}.tmp-{host}-"


def _sweep_stale(out_dir: Path) -> None:
    """Remove staging folders that runs on this host left when they were killed (SIGKILL, SIGTERM)."""
    if os.name != "posix":
        return  # os.kill(pid, 0) asks about a process only on POSIX (on Windows it ends it)
    prefix = _staging_prefix(out_dir)
    try:
        names = [n for n in os.listdir(out_dir.parent) if n.startswith(prefix)]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(out_dir.parent / name, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process (PermissionError), or no way to ask: assume alive
        return True
    return True


def _safe_relative(name: str) -> PurePosixPath:
    rel = PurePosixPath(name)
    if not name or rel.is_absolute() or any(part in ("", ".", "..") for part in name.split("/")) or "\\" in name:
        raise ReportError(name, "is not a plain relative file name inside the report directory")
    return rel


def _write_file(root: Path, name: str, content: str | bytes | Reused) -> bool:
    """Write one file; for ``Reused`` content, link the previous report's file and say whether
    it was still the file remembered (if not, nothing is left behind and the caller renders)."""
    rel = _safe_relative(name)
    target = root.joinpath(*rel.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, Reused):
        return _link(content, target)
    data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    # "xb": a name given twice is a caller bug, not something to overwrite silently.
    with open(target, "xb") as fh:
        fh.write(data)
        if not _SYNC_ALL:
            fh.flush()
            os.fsync(fh.fileno())
    return True


def _link(reused: Reused, target: Path) -> bool:
    # A hard link costs nothing whatever the page's size; the old report's name for the file
    # goes with the swap, the new one stays. Where links are refused (another file system, a
    # link count at its limit) the bytes are copied.
    try:
        os.link(reused.path, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError:
        try:
            shutil.copyfile(reused.path, target, follow_symlinks=False)
        except OSError:
            target.unlink(missing_ok=True)
            return False
        return _same_bytes_as_remembered(reused, target)
    # Another run may have swapped its report in since the caller looked: the link must be the
    # very file remembered (same inode, size and mtime; linking changed its ctime).
    st = os.lstat(target)
    if (st.st_size, st.st_mtime_ns, st.st_ino) != (reused.identity[0], reused.identity[1], reused.identity[3]):
        target.unlink()
        return False
    return True


def _same_bytes_as_remembered(reused: Reused, target: Path) -> bool:
    """After a copy: whether the source was still the remembered file when it was copied."""
    try:
        st = os.lstat(reused.path)
    except OSError:
        st = None
    if st is None or identity_of(st) != reused.identity or os.lstat(target).st_size != reused.identity[0]:
        target.unlink(missing_ok=True)
        return False
    return True


def _swap(tmp: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.rename(tmp, out_dir)
        _fsync_dir(out_dir.parent)
        return
    # Two renames with a short gap, since POSIX has no portable directory exchange; if the
    # second fails the first is undone, so the old report is never lost.
    old = out_dir.parent / f".{out_dir.name}.old-{tmp.name.rsplit('-', 1)[-1]}"
    os.rename(out_dir, old)
    try:
        os.rename(tmp, out_dir)
    except BaseException:
        os.rename(old, out_dir)
        raise
    try:
        _fsync_dir(out_dir.parent)
    finally:
        # The new report is in place from here on; the old copy must not linger either way.
        shutil.rmtree(old, ignore_errors=True)


def _dir_mode(out_dir: Path, tmp: Path) -> int:
    if out_dir.is_dir():
        return out_dir.stat().st_mode & 0o7777
    # The process umask, learnt without os.umask (which changes global state): make a probe
    # directory with mode 0777 and see what the umask left.
    probe = tmp / ".mode-probe"
    os.mkdir(probe, 0o777)
    try:
        return probe.stat().st_mode & 0o777
    finally:
        os.rmdir(probe)


def _create_temp_file(path: Path) -> tuple[Path, int]:
    # Not mkstemp: its 0600 mode would end up on the final file; O_EXCL with 0666 lets the
    # umask decide, as for any file the user's tools create.
    for _ in range(100):
        tmp = path.parent / f".{path.name}.tmp-{secrets.token_hex(6)}"
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
    raise ReportError(path, "could not create a temporary file next to it")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_dir(path: Path) -> None:
    # A directory fsync makes the rename durable on POSIX; Windows cannot open directories.
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
