"""Where versions come from: files and globs, a folder of dated files, or a file's git history."""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

import attrs

from claimcheck.claims.dates import filename_date
from claimcheck.claims.load import LoadedDocument, LoadError, kind_for_path, parse_document, too_large
from claimcheck.errors import ConfigError

__all__ = [
    "GitError",
    "GitRevision",
    "TableVersion",
    "VersionSpec",
    "expand_versions",
    "folder_files",
    "git_history",
    "load_git_version",
    "parse_entry",
    "read_git_blob",
]


@attrs.frozen
class GitRevision:
    """One commit that changed a file: where to read the file's content at that commit."""

    repo: Path  # the repository's top level (absolute)
    commit: str  # full object name
    path: str  # the file's path inside the repository at that commit (POSIX; renames followed)
    timestamp: int  # committer time, seconds since the epoch
    blob: str  # the content's object name

    @property
    def short(self) -> str:
        return self.commit[:7]

    @property
    def date(self) -> dt.date:
        """The commit's committer date in UTC."""
        return dt.datetime.fromtimestamp(self.timestamp, dt.timezone.utc).date()

    @property
    def committed(self) -> str:
        """The committer time as an ISO 8601 UTC timestamp, for a version's date evidence."""
        return dt.datetime.fromtimestamp(self.timestamp, dt.timezone.utc).isoformat().replace("+00:00", "Z")


@attrs.frozen
class VersionSpec:
    """One version of a source as the config names it: a file, or a file at a git commit."""

    path: Path  # absolute, symlinks resolved: what is read (for git: the file in the work tree)
    display: str  # POSIX, relative to the project root: what reports show
    date: dt.date | None = None  # given by the config, a dated file name in a folder, or a commit
    undated: bool = False  # "none": do not detect
    date_origin: str = "config"  # where ``date`` came from: config | filename | git
    date_evidence: str = ""
    git: GitRevision | None = None  # read from this commit rather than from the work tree
    label: str | None = None  # the version label, when the source of versions decides it
    problem: str | None = None  # refused before reading (a link out of the project): unreadable

    @property
    def where(self) -> str:
        """The name a report gives this version's file: its path, plus "@commit" for git."""
        return f"{self.display}@{self.git.short}" if self.git else self.display


@attrs.frozen
class TableVersion:
    """A [[source.version]] table, its date already parsed."""

    path: str
    date: dt.date | None
    undated: bool
    key: str  # "source[0] ('id').version[1]", for messages


# A `versions` entry is one of: "git:<file>" (its history), "folder:<dir>" or an existing
# directory (every file inside), else a file or a glob.
_PREFIX_RE = re.compile(r"^(git|folder):(.*)$", re.S)


def parse_entry(entry: str) -> tuple[str, str]:
    """("git" | "folder" | "path", the rest) for one `versions` entry."""
    m = _PREFIX_RE.match(entry)
    if m:
        return m.group(1), m.group(2)
    return "path", entry


def folder_files(folder: Path) -> list[Path]:
    """The files directly inside ``folder``, in name order; hidden files (".DS_Store") left out.

    Subfolders are left out too: a folder is one source's captures, side by side. Entries that
    are neither files nor folders (broken links, pipes) are kept, so the loader names them.
    """
    return [Path(folder, name) for name, _ in _folder_entries(folder)]


def _folder_entries(folder: Path) -> list[tuple[str, bool]]:
    """(name, is a link) of the files ``folder_files`` lists, in name order."""
    found = []
    for entry in os.scandir(folder):
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                continue
        except OSError:
            pass
        try:
            link = entry.is_symlink()
        except OSError:
            link = True  # resolve it the slow way, which names the problem
        found.append((entry.name, link))
    found.sort()
    return found


# --------------------------------------------------------------------------------------------
# git
# --------------------------------------------------------------------------------------------


class GitError(Exception):
    """git could not list a file's history; the message says why."""


# Nothing in the repository's own configuration may run a program while we read it: no pager,
# no external diff or text conversion, no fsmonitor hook; no prompt ever waits for a terminal.
_GIT_SAFE = (
    "--no-pager", "-c", "core.fsmonitor=false", "-c", "core.pager=cat", "-c", "diff.external=",
    "-c", "core.quotePath=false", "-c", "log.showSignature=false",
)
_GIT_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "GIT_PAGER": "cat", "LC_ALL": "C"}
_GIT_TIMEOUT = 120  # seconds; a history listing or a blob read never takes this long


def _git(args: list[str], cwd: Path, *, binary: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, **_GIT_ENV}
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        env.pop(key, None)  # the repository is the one holding the file, whatever the caller's shell says
    try:
        return subprocess.run(
            ["git", *_GIT_SAFE, *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=not binary,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (needed for git: versions)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took more than {_GIT_TIMEOUT} s") from None
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from None


def _first_line(stderr: str | bytes) -> str:
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return lines[0] if lines else "no message"


def git_history(file: Path) -> list[GitRevision]:
    """Every commit that added or changed ``file`` (renames followed), oldest first.

    Raises GitError when ``file``'s folder is not in a git repository or the file was never
    committed. Deletions are left out (there is no content to read at them), and so are commits
    that left the content as it was (a rename, a mode change).
    """
    folder = file.parent
    if not folder.is_dir():
        raise GitError(f"folder {folder.name!r} does not exist")
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise GitError(f"not in a git repository ({_first_line(top.stderr)})")
    repo = Path(top.stdout.strip()).resolve()
    try:
        rel = file.resolve().relative_to(repo).as_posix()
    except ValueError:
        raise GitError(f"the file is not inside the repository at {repo.name!r}") from None
    # One record per commit: NUL, sha and committer time, then a raw diff line
    # ":mode mode old-blob new-blob status<TAB>path[<TAB>new path]" for the file.
    log = _git(
        ["log", "--follow", "--diff-filter=d", "--no-color", "--format=%x00%H %ct", "--raw", "--no-abbrev", "--", rel],
        repo,
    )
    if log.returncode != 0:
        raise GitError(f"git log failed ({_first_line(log.stderr)})")
    found = []
    for record in log.stdout.split("\x00")[1:]:
        lines = [line for line in record.splitlines() if line.strip()]
        raw = [line for line in lines[1:] if line.startswith(":")]
        if not lines or not raw:
            continue
        sha, _, stamp = lines[0].partition(" ")
        meta, *names = raw[-1].split("\t")
        blob = meta.split()[3]
        found.append(GitRevision(repo, sha, _unquote(names[-1]) if names else rel, int(stamp), blob))
    if not found:
        raise GitError(f"{rel!r} has never been committed")
    found.sort(key=lambda r: (r.timestamp, r.commit))
    # A commit that only renamed the file or changed its mode leaves the content as it was.
    revisions = [r for k, r in enumerate(found) if k == 0 or r.blob != found[k - 1].blob]
    return revisions


def _unquote(name: str) -> str:
    # git quotes unusual names ("caf\303\251.html") unless core.quotePath is off.
    if len(name) >= 2 and name[0] == name[-1] == '"':
        body = name[1:-1]
        return body.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8", "replace")
    return name


def read_git_blob(rev: GitRevision, *, display_path: str, max_bytes: int) -> bytes:
    """The file's bytes at ``rev``; LoadError naming ``display_path`` when git cannot give them.

    ``git cat-file blob`` rather than ``git show``: it gives the committed bytes exactly, with no
    text conversion or filter a repository's attributes could name.
    """
    spec = rev.blob
    size = _git(["cat-file", "-s", spec], rev.repo)
    if size.returncode != 0:
        raise LoadError(display_path, f"cannot read from git: {_first_line(size.stderr)}")
    try:
        n = int(size.stdout.strip())
    except ValueError:
        raise LoadError(display_path, f"cannot read from git: unexpected size {size.stdout.strip()!r}") from None
    if n > max_bytes:
        raise too_large(display_path, n, max_bytes)
    try:
        blob = _git(["cat-file", "blob", spec], rev.repo, binary=True)
    except GitError as exc:
        raise LoadError(display_path, f"cannot read from git: {exc}") from None
    if blob.returncode != 0:
        raise LoadError(display_path, f"cannot read from git: {_first_line(blob.stderr)}")
    return blob.stdout


def load_git_version(
    rev: GitRevision, *, display_path: str, day_first: bool = False, max_bytes: int
) -> LoadedDocument:
    """Read and parse a file as it was at one commit."""
    try:
        data = read_git_blob(rev, display_path=display_path, max_bytes=max_bytes)
    except GitError as exc:
        raise LoadError(display_path, f"cannot read from git: {exc}") from None
    return parse_document(data, path=display_path, kind=kind_for_path(rev.path), day_first=day_first, isolate_pdf=True)


# --------------------------------------------------------------------------------------------
# From config entries to versions
# --------------------------------------------------------------------------------------------


def _outside(path: Path, root: Path) -> bool:
    return not path.is_relative_to(root)


def _lexical(root: Path, entry: str) -> Path:
    """``root / entry`` with "." and ".." folded but links not followed."""
    return Path(os.path.normpath(root / entry))


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        # Outside the project root (allowed by the flag): a stable name, never an absolute path.
        return Path("..", *path.parts[-2:]).as_posix() if len(path.parts) >= 2 else path.name


_ALLOW_HINT = "pass --allow-outside-root or set [input] allow_outside_root = true"


class _Expander:
    def __init__(self, root: Path, config_path: Path, where: str, allow_outside_root: bool) -> None:
        self.root = root.resolve()
        self.config_path = config_path
        self.where = where
        self.allow = allow_outside_root

    def error(self, problem: str) -> ConfigError:
        return ConfigError(self.config_path, f"{self.where}: {problem}")

    def check_named(self, entry: str, lexical: Path, resolved: Path) -> None:
        """A path written in the config must stay in the project root, links resolved."""
        if not self.allow and (_outside(lexical, self.root) or _outside(resolved, self.root)):
            raise self.error(f"{entry!r} is outside the project folder ({_ALLOW_HINT})")

    def found(self, lexical: Path, **kwargs) -> VersionSpec:
        """A file found by a glob or in a folder: a link out of the project is refused, not fatal."""
        resolved = lexical.resolve()
        display = _display(lexical, self.root)
        problem = None
        if not self.allow and _outside(resolved, self.root):
            problem = f"refused: a link to a file outside the project folder ({_ALLOW_HINT})"
        return VersionSpec(resolved, display, problem=problem, **kwargs)

    def entry(self, entry: str) -> list[VersionSpec]:
        kind, rest = parse_entry(entry)
        if kind == "git":
            return self.git(entry, rest)
        if kind == "folder":
            return self.folder(entry, rest)
        if glob.has_magic(rest):
            return self.glob(entry, rest)
        lexical = _lexical(self.root, rest)
        resolved = lexical.resolve()
        if resolved.is_dir():
            return self.folder(entry, rest)
        if not os.path.lexists(lexical):
            raise self.error(f"versions entry {entry!r} matches no file")
        self.check_named(entry, lexical, resolved)
        return [VersionSpec(resolved, _display(lexical, self.root))]

    def glob(self, entry: str, pattern: str) -> list[VersionSpec]:
        matches = sorted(glob.glob(pattern, root_dir=self.root, recursive=True))
        # Folders are skipped; everything else is a version, so a broken link is reported.
        paths = [_lexical(self.root, m) for m in matches if not (self.root / m).is_dir()]
        if not paths:
            raise self.error(f"versions entry {entry!r} matches no file")
        for path in paths:
            if not self.allow and _outside(path, self.root):
                raise self.error(f"versions entry {entry!r} reaches outside the project folder ({_ALLOW_HINT})")
        return [self.found(p) for p in paths]

    def folder(self, entry: str, rest: str) -> list[VersionSpec]:
        lexical = _lexical(self.root, rest)
        resolved = lexical.resolve()
        if not resolved.is_dir():
            raise self.error(f"versions entry {entry!r}: no such folder")
        self.check_named(entry, lexical, resolved)
        try:
            files = _folder_entries(resolved)
        except OSError as exc:
            raise self.error(f"versions entry {entry!r}: cannot list the folder ({exc.strerror or exc})") from None
        if not files:
            raise self.error(f"versions entry {entry!r}: the folder holds no files")
        # Outside the root (allowed) a file's display name is not its folder's plus its own.
        fast = not _outside(lexical, self.root)
        display = _display(lexical, self.root)
        specs = []
        for name, link in files:
            # In a folder of captures the file name is the capture's date, and it wins.
            found = filename_date(name)
            dated = {"date": found.date, "date_origin": "filename", "date_evidence": found.evidence} if found else {}
            if link or not fast:
                specs.append(self.found(lexical / name, **dated))
            else:
                # A plain file in a folder already resolved and checked: nothing left to resolve
                # (resolving ten thousand captures one by one took seconds).
                specs.append(VersionSpec(resolved / name, f"{display}/{name}" if display != "." else name, **dated))
        return specs

    def git(self, entry: str, rest: str) -> list[VersionSpec]:
        if not rest.strip():
            raise self.error(f"versions entry {entry!r} names no file (write git:path/to/page.html)")
        lexical = _lexical(self.root, rest)
        resolved = _resolve_existing(lexical)
        self.check_named(entry, lexical, resolved)
        try:
            revisions = git_history(resolved)
        except GitError as exc:
            raise self.error(f"versions entry {entry!r}: {exc}") from None
        per_day: dict[dt.date, int] = {}
        for rev in revisions:
            per_day[rev.date] = per_day.get(rev.date, 0) + 1
        specs = []
        for rev in revisions:
            label = rev.date.isoformat()
            if per_day[rev.date] > 1:
                label += f" ({rev.short})"
            specs.append(
                VersionSpec(
                    resolved,
                    _display(rev.repo / rev.path, self.root),
                    date=rev.date,
                    date_origin="git",
                    date_evidence=f"commit {rev.commit} committed {rev.committed}",
                    git=rev,
                    label=label,
                )
            )
        return specs

    def table(self, t: TableVersion) -> VersionSpec:
        lexical = _lexical(self.root, t.path)
        if not os.path.lexists(lexical):
            raise self.error(f"{t.key.removeprefix(self.where + '.')}.path {t.path!r}: file not found")
        resolved = lexical.resolve()
        self.check_named(t.path, lexical, resolved)
        return VersionSpec(resolved, _display(lexical, self.root), t.date, t.undated)


def _resolve_existing(path: Path) -> Path:
    """``path`` with links resolved as far as it exists; a deleted file keeps its name."""
    tail: list[str] = []
    head = path
    while not head.exists() and head != head.parent:
        tail.append(head.name)
        head = head.parent
    return head.resolve().joinpath(*reversed(tail))


def expand_versions(
    entries: Iterable[str],
    tables: Iterable[TableVersion],
    *,
    root: Path,
    config_path: Path,
    where: str,
    allow_outside_root: bool = False,
) -> list[VersionSpec]:
    """The versions one source's config names, in the order it names them.

    ``entries`` are the `versions` strings: "git:FILE" (every commit that changed FILE),
    "folder:DIR" or a path to a folder (every file directly inside, dated by its name), or a
    file or glob. ``tables`` are the [[source.version]] tables. Paths are relative to ``root``
    and may not leave it, links resolved, unless ``allow_outside_root``: a path the config
    writes is then a ConfigError, a link found by a glob or in a folder an unreadable version.
    """
    expander = _Expander(root, config_path, where, allow_outside_root)
    specs: list[VersionSpec] = []
    for entry in entries:
        specs.extend(expander.entry(entry))
    specs.extend(expander.table(t) for t in tables)
    return specs
