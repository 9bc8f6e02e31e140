"""The resolutions file: read and validate it, and rewrite one entry under a lock, atomically, comments kept."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import os
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import tomlkit
import tomlkit.exceptions
from tomlkit.items import AoT, Array, InlineTable, Table

from claimcheck.checker.model import Finding
from claimcheck.checker.resolve import DECISIONS, SOURCE_PREFERRED, Resolution, evidence_lines
from claimcheck.errors import ClaimcheckError
from claimcheck.result import RunResult

FORMAT_VERSION = 1
LOCK_TIMEOUT = 30.0  # seconds a writer waits for another before giving up

# Test hook: "point=seconds[,point=seconds]" makes a writer sleep at a named point, so tests can
# widen race windows and kill a writer mid-write. Points: "locked" (lock taken, file not yet
# read) and "before-replace" (temp file written and fsynced, not yet renamed over the file).
TEST_PAUSE_ENV = "CLAIMCHECK_TEST_PAUSE"

_FIELDS = ("finding", "decision", "preferred_source", "note", "reviewer", "date", "evidence_digest", "evidence")
_DIGEST = re.compile(r"^[0-9a-f]{64}$")
_HEADER = (
    "# claimcheck resolutions: one [[resolution]] per reviewed finding (see `claimcheck resolutions`).\n"
    "# Edit by hand or with `claimcheck resolve`; comments and order are kept.\n"
    "\n"
    f"format_version = {FORMAT_VERSION}\n"
)


class ResolutionsError(ClaimcheckError):
    """The resolutions file is malformed, names something wrong, or could not be written safely."""


class ConcurrentEditError(ResolutionsError):
    """The file changed while a decision was being made, in a way a merge would undo: nothing written."""


@attrs.frozen
class ResolutionsFile:
    """A resolutions file as read: its path, its exact text (None when absent) and its entries in file order."""

    path: Path
    text: str | None
    resolutions: tuple[Resolution, ...] = ()


@attrs.frozen
class WriteOutcome:
    """What a locked write did: replaced an entry (else appended one), merged with a concurrent edit."""

    replaced: bool
    merged: bool


def display_path(path: Path) -> str:
    """The path as messages print it: relative to the working directory when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


# --- Reading and validating. ------------------------------------------------------------------


def read_resolutions(path: Path) -> ResolutionsFile:
    """Read and validate ``path``; a missing file is an empty one."""
    path = Path(path)
    text = _read_text(path)
    return ResolutionsFile(path, text, parse_resolutions(text, path) if text is not None else ())


def _read_text(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ResolutionsError(display_path(path), f"cannot read: {exc.strerror}") from None
    try:
        # Bytes are decoded without newline translation, so comparing texts compares files.
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ResolutionsError(display_path(path), "is not UTF-8 text") from None


def parse_resolutions(text: str, path: Path) -> tuple[Resolution, ...]:
    """The entries of a resolutions file's text; every problem names the file and the entry."""
    try:
        data = tomlkit.parse(text).unwrap()
    except tomlkit.exceptions.ParseError as exc:
        raise ResolutionsError(display_path(path), f"invalid TOML: {exc}") from None
    problems: list[str] = []
    for key in sorted(set(data) - {"format_version", "resolution"}):
        problems.append(f"unknown key '{key}' (entries go in [[resolution]] tables)")
    version = data.get("format_version", FORMAT_VERSION)
    if version != FORMAT_VERSION or isinstance(version, bool):
        problems.append(f"format_version {version!r} is not supported (this claimcheck reads {FORMAT_VERSION})")
    entries = data.get("resolution", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append("'resolution' must be an array of tables: write each entry under [[resolution]]")
        entries = []
    out: list[Resolution] = []
    first: dict[str, int] = {}
    for index, entry in enumerate(entries):
        resolution = _entry(index, entry, problems)
        if resolution is None:
            continue
        if resolution.finding in first:
            problems.append(
                f"resolution[{index}].finding {resolution.finding!r} repeats resolution[{first[resolution.finding]}]"
                " (one entry per finding)"
            )
            continue
        first[resolution.finding] = index
        out.append(resolution)
    if problems:
        raise ResolutionsError(display_path(path), "; ".join(problems))
    return tuple(out)


def _entry(index: int, entry: dict[str, Any], problems: list[str]) -> Resolution | None:
    where = f"resolution[{index}]"
    before = len(problems)
    for key in sorted(set(entry) - set(_FIELDS)):
        problems.append(f"{where}: unknown key '{key}' (known: {', '.join(_FIELDS)})")

    def text(key: str, required: bool = False) -> str | None:
        value = entry.get(key)
        if value is None:
            if required:
                problems.append(f"{where}.{key} is missing")
            return None
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{where}.{key} must be a non-empty string, got {value!r}")
            return None
        return value.strip()

    finding = text("finding", required=True)
    decision = text("decision", required=True)
    if decision is not None and decision not in DECISIONS:
        problems.append(f"{where}.decision {decision!r} is not one of {', '.join(DECISIONS)}")
    preferred = text("preferred_source")
    if decision == SOURCE_PREFERRED and preferred is None and "preferred_source" not in entry:
        problems.append(f"{where}.preferred_source is missing (decision {SOURCE_PREFERRED!r} names the source)")
    if decision in DECISIONS and decision != SOURCE_PREFERRED and preferred is not None:
        problems.append(f"{where}.preferred_source is only meaningful with decision {SOURCE_PREFERRED!r}")
    note, reviewer = text("note"), text("reviewer")
    date = _date(entry.get("date"), f"{where}.date", problems)
    digest = text("evidence_digest")
    if digest is not None and not _DIGEST.match(digest):
        problems.append(f"{where}.evidence_digest {digest!r} is not 64 lowercase hex characters")
    evidence = entry.get("evidence", [])
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        problems.append(f"{where}.evidence must be a list of strings")
        evidence = []
    if len(problems) > before or finding is None or decision is None:
        return None
    return Resolution(finding, decision, preferred, note, reviewer, date, digest, tuple(evidence))


def _date(value: Any, key: str, problems: list[str]) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.append(f"{key} {value!r} is not a date (write 2026-11-25)")
    return None


# --- Rewriting one entry, keeping everything else byte for byte. ------------------------------


def upsert_text(text: str | None, resolution: Resolution) -> str:
    """``text`` with the entry for ``resolution.finding`` replaced in place, or appended.

    Comments, blank lines, key order and the other entries are kept; a replaced entry keeps its
    own comments (those on lines that survive) and its position in the file.
    """
    doc = tomlkit.parse(text) if text else tomlkit.parse(_HEADER)
    fields = _fields(resolution)
    entries = doc.get("resolution")
    if entries is None:
        if not tomlkit.dumps(doc).endswith("\n\n"):
            doc.add(tomlkit.nl())
        doc.append("resolution", tomlkit.aot())
        entries = doc["resolution"]
    for entry in entries:
        if entry.get("finding") == resolution.finding:
            _replace_fields(entry, fields if isinstance(entry, Table) else _fields(resolution, multiline=False))
            return tomlkit.dumps(doc)
    if isinstance(entries, AoT):
        table = tomlkit.table()
        for key, value in fields.items():
            table.add(key, value)
        if len(entries) and not tomlkit.dumps(doc).endswith("\n\n"):
            entries[-1].add(tomlkit.nl())  # a blank line between entries, as people write them
        entries.append(table)
    elif isinstance(entries, Array):
        inline = tomlkit.inline_table()
        inline.update(_fields(resolution, multiline=False))
        entries.append(inline)
    else:  # parse_resolutions rejects this before anything is written
        raise TypeError(f"unexpected resolution container {type(entries).__name__}")
    return tomlkit.dumps(doc)


def _fields(resolution: Resolution, multiline: bool = True) -> dict[str, Any]:
    fields: dict[str, Any] = {"finding": resolution.finding, "decision": resolution.decision}
    for key in ("preferred_source", "note", "reviewer"):
        if getattr(resolution, key):
            fields[key] = getattr(resolution, key)
    if resolution.date is not None:
        fields["date"] = tomlkit.date(resolution.date.isoformat())
    if resolution.evidence_digest:
        fields["evidence_digest"] = resolution.evidence_digest
    if resolution.evidence:
        array = tomlkit.array()
        array.extend(resolution.evidence)
        array.multiline(multiline)  # one item per line, except inside a one-line inline table
        fields["evidence"] = array
    return fields


def _replace_fields(entry: Table | InlineTable, fields: dict[str, Any]) -> None:
    for key in [k for k in entry if k in _FIELDS and k not in fields]:
        del entry[key]
    for key, value in fields.items():
        if key in entry or isinstance(entry, InlineTable):
            entry[key] = value  # in place: the line keeps its position and its trailing comment
            continue
        # A new key goes after the entry's last key, not after the comments that open the next entry
        # (tomlkit keeps those in this table's body).
        container = entry.value
        last = [k for k, _ in container.body if k is not None]
        if last:
            container._insert_after(last[-1].key, key, tomlkit.item(value))
        else:
            entry.add(key, value)


# --- Locking and the atomic write. ------------------------------------------------------------


def lock_path(path: Path) -> Path:
    """The lock file next to the resolutions file (hidden; kept, never deleted)."""
    return path.parent / f".{path.name}.lock"


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the resolutions file's lock: an OS lock on the lock file, released by the OS when the
    holder exits or is killed, so a crashed writer never leaves a stale lock behind."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ResolutionsError(display_path(path), "its folder does not exist")
    lock = lock_path(path)
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise ResolutionsError(display_path(lock), f"cannot open the lock file: {exc.strerror}") from None
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise ResolutionsError(
                    display_path(path),
                    f"another claimcheck has been writing it for {timeout:.0f} s (lock {lock.name}); try again",
                )
            time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _temp_prefix(path: Path) -> str:
    return f".{path.name}.tmp-"


def _remove_stale_temps(path: Path) -> None:
    # Called under the lock: only lock holders create temp files, so any left over belongs to a
    # writer that died between writing it and renaming it.
    prefix = _temp_prefix(path)
    for leftover in path.parent.glob(f"{prefix}*"):
        if leftover.name.startswith(prefix) and leftover.is_file():
            leftover.unlink(missing_ok=True)


def _test_pause(point: str) -> None:
    spec = os.environ.get(TEST_PAUSE_ENV, "")
    for item in spec.split(","):
        name, _, seconds = item.partition("=")
        if name.strip() == point:
            time.sleep(float(seconds or 0))


def _atomic_write(path: Path, text: str) -> None:
    """Readers see the old file or the new, never half: temp file, fsync, ``os.replace``, fsync the folder."""
    data = text.encode("utf-8")
    tmp = path.parent / f"{_temp_prefix(path)}{secrets.token_hex(6)}"
    # 0o666 and the umask, like any file the user's tools create (mkstemp's 0600 would stick).
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)  # keep the mode the user gave the file
        _test_pause("before-replace")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if os.name == "posix":
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_resolution(
    path: Path, resolution: Resolution, expected_text: str | None, *, timeout: float = LOCK_TIMEOUT
) -> WriteOutcome:
    """Record ``resolution`` in ``path``: a locked, atomic read-modify-write.

    ``expected_text`` is the file's text when the caller decided (None: there was no file). If the
    file changed since, the change is kept and the entry merged into it, unless the change touched
    this finding's entry or left the file unreadable: then nothing is written and the error says
    why, since overwriting would silently undo someone's edit.
    """
    path = Path(path)
    with locked(path, timeout):
        _test_pause("locked")
        _remove_stale_temps(path)
        current = _read_text(path)
        merged = current != expected_text
        if merged:
            _check_mergeable(path, expected_text, current, resolution.finding)
        before = parse_resolutions(current, path) if current is not None else ()
        new_text = upsert_text(current, resolution)
        after = parse_resolutions(new_text, path)  # never write what we could not read back
        if resolution not in after:
            raise ResolutionsError(display_path(path), f"rewriting the entry for {resolution.finding} failed")
        _atomic_write(path, new_text)
    return WriteOutcome(replaced=any(r.finding == resolution.finding for r in before), merged=merged)


def _check_mergeable(path: Path, expected: str | None, current: str | None, finding: str) -> None:
    shown = display_path(path)
    if current is None:
        raise ConcurrentEditError(shown, "was deleted while the decision was being made; nothing written")
    try:
        now = [r for r in parse_resolutions(current, path) if r.finding == finding]
    except ResolutionsError as exc:
        raise ConcurrentEditError(
            shown, f"was edited meanwhile and is not valid now ({exc.problem}); nothing written — fix it and retry"
        ) from None
    then = [r for r in parse_resolutions(expected, path) if r.finding == finding] if expected is not None else []
    if now != then:
        raise ConcurrentEditError(
            shown,
            f"the entry for {finding} was edited meanwhile; nothing written — review the file and run again",
        )


# --- Making a decision about a finding of a run. ----------------------------------------------


def find_finding(findings: tuple[Finding, ...], finding_id: str) -> Finding:
    """The finding with ``finding_id``; an unknown id is an error that suggests close ones."""
    wanted = finding_id.strip()
    for finding in findings:
        if finding.id == wanted:
            return finding
    ids = sorted(f.id for f in findings)
    close = [i for i in ids if wanted and i.startswith(wanted)] or difflib.get_close_matches(wanted, ids, n=3)
    hint = f"; did you mean {', '.join(close[:3])}?" if close else " (findings.json lists the finding ids)"
    raise ClaimcheckError(None, f"no finding {wanted!r} in this run{hint}")


def decide(
    result: RunResult,
    finding_id: str,
    decision: str,
    *,
    reviewer: str | None,
    note: str | None = None,
    prefer: str | None = None,
    date: dt.date | None = None,
) -> Resolution:
    """A resolution of ``finding_id`` made on the evidence ``result`` holds now, or an error saying what is wrong."""
    finding = find_finding(result.findings, finding_id)
    if decision not in DECISIONS:
        raise ClaimcheckError(None, f"decision {decision!r} is not one of {', '.join(DECISIONS)}")
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise ClaimcheckError(None, "a resolution names its reviewer (--reviewer NAME or CLAIMCHECK_REVIEWER)")
    prefer = (prefer or "").strip() or None
    if decision == SOURCE_PREFERRED:
        if prefer is None:
            raise ClaimcheckError(
                None, f"decision {SOURCE_PREFERRED!r} needs the preferred source: one of {', '.join(finding.sources)}"
            )
        if prefer not in finding.sources:
            raise ClaimcheckError(
                None, f"{prefer!r} is not a source of {finding.id}; its sources are {', '.join(finding.sources)}"
            )
    elif prefer is not None:
        raise ClaimcheckError(None, f"a preferred source is only meaningful with decision {SOURCE_PREFERRED!r}")
    claims = {c.id: c for c in result.claims}
    return Resolution(
        finding=finding.id,
        decision=decision,
        preferred_source=prefer,
        note=(note or "").strip() or None,
        reviewer=reviewer,
        date=date,
        evidence_digest=finding.evidence_digest,
        evidence=evidence_lines(finding, claims),
    )
