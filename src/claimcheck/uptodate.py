"""Is the report already what this run would write? Then a run does nothing but say so again.

A run is remembered, in the cache, by everything its output depends on: the code, the config,
the options, the resolutions file, and every input file as it was when the run read it. The
next run with the same out directory compares: it stats every input file (reading and hashing
only those whose stat changed, as git's index does), and lists the report's files. If nothing
differs, the report on disk is byte for byte what a full run would write, and the run replays
what the remembered one printed and exits with its code.

Racy files (modified within two seconds of the stat, where a coarse clock could hide a second
edit) are always compared by content.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Iterable
from pathlib import Path

import attrs

from claimcheck.cache import Cache, Row
from claimcheck.claims.model import Source
from claimcheck.codeversion import whole_code
from claimcheck.config import Settings
from claimcheck.serialize import converter

__all__ = [
    "Effects", "Inputs", "Memo", "digests_read", "listing", "record", "remembered", "replay", "settled", "stat_inputs",
    "vouched",
]

_KIND = "report"
_RACY_NS = 2_000_000_000
_FORMAT = 3  # the payload's shape; another is never read


@attrs.frozen
class Effects:
    """What a run shows besides its report files: replayed as they are when nothing changed."""

    lines: tuple[tuple[str, str], ...]  # ("out" | "err", text) in the order they are printed
    exit_code: int
    summary: str | None = None  # appended to $GITHUB_STEP_SUMMARY


@attrs.frozen
class Stamp:
    """One input file as the run found it."""

    path: str
    stat: tuple[int, ...] | None  # (size, mtime_ns, ctime_ns, inode, mode) before reading; None: missing
    racy: bool  # modified too shortly before the stat for the stat to vouch for its content
    sha256: str | None = None  # of the bytes the run read; None: not read (the stat alone decides)


@attrs.frozen
class Inputs:
    """Everything a run's output depends on: a digest of the non-file inputs, and the files."""

    key: str
    files: tuple[Stamp, ...]


@attrs.frozen
class Memo:
    """A run as the cache remembers it."""

    format: int
    key: str
    files: tuple[Stamp, ...]
    outputs: tuple[tuple[str, int, int, int, int], ...]  # (path in the report, size, mtime_ns, ctime_ns, inode)
    effects: Effects


def _encode(memo: Memo) -> bytes:
    # Positional rows for the files and outputs: a memo lists every input file, 100,000 of them
    # for a large corpus, and the converter's per-object structuring cost seconds to read back.
    doc = {
        "format": memo.format,
        "key": memo.key,
        "files": [[s.path, s.stat, s.racy, s.sha256] for s in memo.files],
        "outputs": memo.outputs,
        "effects": converter.unstructure(memo.effects),
    }
    return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()


def _decode(raw: bytes) -> Memo:
    """The memo ``_encode`` wrote; raises on any other shape."""
    doc = json.loads(raw)
    if doc["format"] != _FORMAT:
        raise ValueError(f"memo format {doc['format']!r}")
    files = []
    for path, stat_, racy, sha in doc["files"]:
        if not (type(path) is str and type(racy) is bool and (sha is None or type(sha) is str)):
            raise ValueError("memo file row of another shape")
        if stat_ is not None and not (len(stat_) == 5 and all(type(x) is int for x in stat_)):
            raise ValueError("memo stat of another shape")
        files.append(Stamp(path, None if stat_ is None else tuple(stat_), racy, sha))
    outputs = []
    for row in doc["outputs"]:
        if len(row) != 5 or type(row[0]) is not str or not all(type(x) is int for x in row[1:]):
            raise ValueError("memo output row of another shape")
        outputs.append(tuple(row))
    effects = converter.structure(doc["effects"], Effects)
    return Memo(doc["format"], doc["key"], tuple(files), tuple(outputs), effects)


def stat_inputs(settings: Settings, options: dict[str, object]) -> Inputs:
    """The run's inputs before it reads any of them; ``options`` are the command's own (out, formats…)."""
    h = hashlib.sha256()
    for part in (
        whole_code(),
        _file_digest(settings.config_path),
        repr(settings),
        _file_digest(settings.resolutions_path) if settings.resolutions_path else "no resolutions",
        json.dumps(options, sort_keys=True, default=str),
    ):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    paths = sorted({os.fspath(v.path) for s in settings.sources for v in s.versions if v.git is None and v.problem is None})
    now = time.time_ns()
    return Inputs(h.hexdigest(), tuple(_stamp(p, now) for p in paths))


def remembered(cache: Cache | None, out_dir: Path) -> Memo | None:
    """What the cache remembers of the last run that wrote ``out_dir``, or None."""
    if cache is None:
        return None
    raw = cache.get(_key(out_dir))
    if raw is None:
        return None
    try:
        return _decode(raw)
    except Exception:  # another shape, or damaged: never trusted
        cache.discard(_key(out_dir))
        return None


def replay(memo: Memo | None, inputs: Inputs, out_dir: Path) -> Effects | None:
    """``memo``'s effects if the report in ``out_dir`` is its run's output and no input changed."""
    if memo is None or memo.format != _FORMAT or memo.key != inputs.key or len(memo.files) != len(inputs.files):
        return None
    for then, now in zip(memo.files, inputs.files):
        if then.path != now.path or not _unchanged(then, now):
            return None
    if listing(_real(out_dir)) != memo.outputs:
        return None
    return memo.effects


def vouched(memo: Memo | None, inputs: Inputs) -> dict[str, tuple[str, int]]:
    """The input files ``memo``'s run read whose stat has not changed since: path → (sha256 of
    the bytes it read, size) (execution.Vouched).

    Only the stat vouches here, never a hash: a file is left out unless it is stat-identical to
    a stat that was not racy, so its bytes are the ones that run read (an edit after that stat
    changes its mtime or ctime; the run read it after the stat). Whatever else changed since
    (code, config, options) does not matter: this is about the files' bytes alone.
    """
    if memo is None:
        return {}
    then = {s.path: s for s in memo.files}
    out = {}
    for now in inputs.files:
        s = then.get(now.path)
        if s is not None and s.sha256 is not None and not s.racy and s.stat is not None and s.stat == now.stat:
            out[now.path] = (s.sha256, s.stat[0])
    return out


def record(
    cache: Cache | None,
    inputs: Inputs,
    read: dict[str, str],
    out_dir: Path,
    outputs: tuple[tuple[str, int, int, int, int], ...],
    effects: Effects,
) -> None:
    """Remember this run: ``read`` maps each input file's path to the sha256 of the bytes it read,
    ``outputs`` is the ``listing`` of the report as this run staged it (before the swap)."""
    if cache is None:
        return
    files = tuple(attrs.evolve(s, sha256=read.get(s.path)) for s in inputs.files)
    cache.put((Row(_key(out_dir), _KIND, _encode(Memo(_FORMAT, inputs.key, files, outputs, effects))),))


def digests_read(settings: Settings, sources: Iterable[Source]) -> dict[str, str]:
    """Each input file's path → the sha256 of the bytes the run read from it (``record``'s ``read``)."""
    specs = [v for s in settings.sources for v in s.versions]
    # A file also read at a commit shows under the same name: which bytes were whose is then unknown.
    shared = {v.display for v in specs if v.git is not None}
    paths = {v.display: os.fspath(v.path) for v in specs if v.git is None and v.display not in shared}
    seen: dict[str, set[str]] = {}
    for s in sources:
        for v in s.versions:
            if v.path in paths and v.sha256:
                seen.setdefault(paths[v.path], set()).add(v.sha256)
    # A file read twice (two sources name it) that changed in between: neither digest vouches for it.
    return {path: next(iter(shas)) for path, shas in seen.items() if len(shas) == 1}


def _key(out_dir: Path) -> str:
    return "report\0" + hashlib.sha256(os.fsencode(_real(out_dir))).hexdigest()


def _real(out_dir: Path) -> Path:
    return Path(out_dir).resolve()


def _stamp(path: str, now: int) -> Stamp:
    try:
        st = os.stat(path)
    except OSError:
        return Stamp(path, None, False)
    stat = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_mode)
    return Stamp(path, stat, max(st.st_mtime_ns, st.st_ctime_ns) >= now - _RACY_NS)


def _unchanged(then: Stamp, now: Stamp) -> bool:
    if then.stat == now.stat and not then.racy:
        return True
    if then.sha256 is None or now.stat is None:
        return False  # never read (unreadable), or gone: only an identical stat vouches for it
    if not stat.S_ISREG(now.stat[4]):
        return False  # a FIFO or a device: opening it could block, and it was a file before
    try:
        with open(now.path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest() == then.sha256
    except OSError:
        return False


def _file_digest(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError as exc:
        return f"unreadable: {exc.errno}"


def listing(root: Path) -> tuple[tuple[str, int, int, int, int], ...]:
    """Every file under ``root``: (relative path, size, mtime_ns, ctime_ns, inode), sorted.

    Taken of the staging folder just before the swap, it is the listing of the report this run
    wrote; the swap renames the folder, which changes no file's times or inode. A concurrent run
    that swapped its own report in afterwards leaves a different listing, so this run's memo
    never vouches for another run's report.
    """
    found = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            found.append((os.path.relpath(path, root), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    return tuple(sorted(found))


def settled(staged: tuple[tuple[str, int, int, int, int], ...], out_dir: Path) -> tuple[tuple[str, int, int, int, int], ...]:
    """The listing of the report in ``out_dir`` once the swap is over, if it is the one ``staged``.

    A page linked from the previous report (pagememo) had its ctime changed again when the old
    report's name for it went away with the swap; the staged listing would then never match.
    The files are this run's when every one has the staged size, mtime and inode; if another
    run's report has replaced this one meanwhile, the staged listing is kept (and will not match).
    """
    now = listing(_real(out_dir))
    same = len(now) == len(staged) and all(
        (a[0], a[1], a[2], a[4]) == (b[0], b[1], b[2], b[4]) for a, b in zip(now, staged)
    )
    return now if same else staged
