"""The incremental cache: one SQLite file of loaded documents and their claims, keyed by content."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

__all__ = ["DEFAULT_DIR", "FILE_NAME", "SCHEMA_VERSION", "Cache", "CacheInfo", "Row", "cache_dir_for"]

DEFAULT_DIR = ".claimcheck-cache"  # next to the config file
FILE_NAME = "cache.sqlite3"
# The table layout and the payload shapes. A file of another version is rebuilt, never read.
SCHEMA_VERSION = 1
_APPLICATION_ID = 0x436C4368  # "ClCh" in the file header: this file is a claimcheck cache
_BUSY_MS = 60_000  # another run holds the write lock: wait this long before giving the cache up
# Test hook: seconds to sleep inside each version's transaction, between its two rows, so a test
# can kill a run while it fills the cache (tests/perf/test_cache_kill.py).
_DELAY_ENV = "CLAIMCHECK_TEST_CACHE_DELAY"
# Keys looked up by one query (get_many): SQLite before 3.32 allows 999 parameters a statement.
_KEYS_A_QUERY = 500
# Left in the cache folder when a run met a damaged page: the next run checks every page of the
# file (and rebuilds it) instead of only its header. Checking every page on every open would read
# the whole file each run: seconds for a large cache restored cold in CI, most of a warm run.
_SUSPECT = "damaged"

_SCHEMA = """
CREATE TABLE entries (
    key TEXT PRIMARY KEY,      -- hex digest of everything the payload depends on
    kind TEXT NOT NULL,        -- "document" | "claims" | "report" | "verdicts" | "pages"
    code TEXT NOT NULL,        -- the code fingerprint that wrote it (for `cache info`)
    payload BLOB NOT NULL,     -- JSON, UTF-8
    checksum BLOB NOT NULL     -- blake2b of key and payload: a damaged row is dropped, not read
);
"""
_IGNORE = "# Created by claimcheck: this folder is a cache and is never committed.\n*\n"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# claimcheck cache: https://bford.info/cachedir/\n"


def cache_dir_for(config_path: Path) -> Path:
    """The default cache folder: ``.claimcheck-cache/`` beside the config file."""
    return config_path.parent / DEFAULT_DIR


@attrs.frozen
class Row:
    """One cache entry to write."""

    key: str
    kind: str
    payload: bytes


@attrs.frozen
class CacheInfo:
    """What `claimcheck cache info` prints."""

    path: Path
    exists: bool
    schema: int
    documents: int = 0
    claims: int = 0
    current: int = 0  # entries written by the code that is running now
    size: int = 0  # bytes on disk, the write-ahead log included
    reports: int = 0  # remembered runs (claimcheck.uptodate), one per report folder
    verdicts: int = 0  # the checker's verdicts (claimcheck.verdictcache), one per group and source of a project
    pages: int = 0  # the pages of reports on disk (claimcheck.pagememo), one per report folder


class _Damaged(Exception):
    """The file is not a cache this code can trust."""


class Cache:
    """An open cache. Every failure of the file disables it for the run (``broken`` says why);
    a run never fails, and never reads a wrong result, because of its cache."""

    def __init__(self, directory: Path, code: str) -> None:
        self.directory = Path(directory)
        self.path = self.directory / FILE_NAME
        self.code = code
        self.rebuilt: str | None = None  # why the file was found damaged and started afresh
        self.broken: str | None = None  # why the cache stopped being used during this run
        self.dropped = 0  # rows that failed their checksum or could not be decoded
        self._delay = float(os.environ.get(_DELAY_ENV) or 0)
        self._conn: sqlite3.Connection | None = None

    # --- Opening. ---------------------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path, code: str) -> Cache:
        """Open (creating or rebuilding) the cache in ``directory``; ``code`` is the fingerprint
        of the code that reads and writes it."""
        cache = cls(directory, code)
        try:
            cache.directory.mkdir(parents=True, exist_ok=True)
            _marker(cache.directory / ".gitignore", _IGNORE)
            _marker(cache.directory / "CACHEDIR.TAG", _TAG)
            with _locked(cache.directory / "lock"):
                cache._connect()
        except (OSError, sqlite3.Error) as exc:
            cache._give_up(f"cannot open {cache.path}: {exc}")
        return cache

    def _connect(self) -> None:
        suspect = self.directory / _SUSPECT
        try:
            self._conn = _check(self.path, every_page=suspect.exists())
        except (_Damaged, sqlite3.DatabaseError) as exc:
            # Garbage, truncated, another schema or a failed integrity check: start afresh.
            self.rebuilt = str(exc) or type(exc).__name__
            _remove(self.path)
            self._conn = _check(self.path, every_page=False)
        suspect.unlink(missing_ok=True)

    # --- Reading and writing. ---------------------------------------------------------------

    def get(self, key: str) -> bytes | None:
        """The payload stored under ``key``, or None (absent, damaged, or the cache is off)."""
        if self._conn is None:
            return None
        try:
            row = self._conn.execute("SELECT payload, checksum FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._give_up(f"cannot read {self.path}: {exc}", exc)
            return None
        if row is None:
            return None
        payload, checksum = row
        if not isinstance(payload, bytes) or not isinstance(checksum, bytes) or _checksum(key, payload) != checksum:
            self.discard(key)
            return None
        return payload

    def get_many(self, keys: Iterable[str]) -> dict[str, bytes]:
        """``get`` for many keys in one query: key → payload for those present and undamaged."""
        keys = list(dict.fromkeys(keys))
        if self._conn is None or not keys:
            return {}
        rows = []
        try:
            for at in range(0, len(keys), _KEYS_A_QUERY):
                part = keys[at : at + _KEYS_A_QUERY]
                rows += self._conn.execute(
                    f"SELECT key, payload, checksum FROM entries WHERE key IN ({','.join('?' * len(part))})", part
                ).fetchall()
        except sqlite3.Error as exc:
            self._give_up(f"cannot read {self.path}: {exc}", exc)
            return {}
        found = {}
        for key, payload, checksum in rows:
            if isinstance(payload, bytes) and isinstance(checksum, bytes) and _checksum(key, payload) == checksum:
                found[key] = payload
            else:
                self.discard(key)
        return found

    def discard(self, key: str) -> None:
        """Forget one entry (its payload was damaged or could not be decoded)."""
        self.dropped += 1
        if self._conn is None:
            return
        try:
            self._conn.execute("DELETE FROM entries WHERE key = ?", (key,))
        except sqlite3.Error as exc:
            self._give_up(f"cannot write {self.path}: {exc}", exc)

    def put(self, rows: Iterable[Row]) -> None:
        """Store the rows of one version in one transaction: all of them or none."""
        if self._conn is None:
            return
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for i, row in enumerate(rows):
                    if i and self._delay:
                        time.sleep(self._delay)
                    conn.execute(
                        "INSERT OR REPLACE INTO entries (key, kind, code, payload, checksum) VALUES (?, ?, ?, ?, ?)",
                        (row.key, row.kind, self.code, row.payload, _checksum(row.key, row.payload)),
                    )
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            self._give_up(f"cannot write {self.path}: {exc}", exc)

    # --- Housekeeping. ----------------------------------------------------------------------

    def info(self) -> CacheInfo:
        """Counts and size, for `claimcheck cache info`."""
        size = sum(p.stat().st_size for p in _files(self.path) if p.exists())
        if self._conn is None:
            return CacheInfo(self.path, self.path.exists(), SCHEMA_VERSION, size=size)
        counts = dict(self._conn.execute("SELECT kind, count(*) FROM entries GROUP BY kind").fetchall())
        (current,) = self._conn.execute("SELECT count(*) FROM entries WHERE code = ?", (self.code,)).fetchone()
        return CacheInfo(
            self.path, True, SCHEMA_VERSION, counts.get("document", 0), counts.get("claims", 0), current, size,
            counts.get("report", 0), counts.get("verdicts", 0), counts.get("pages", 0),
        )

    def clear(self) -> None:
        """Delete every entry (``compact`` gives the space back)."""
        if self._conn is None:
            return
        self._conn.execute("DELETE FROM entries")

    def prune(self) -> int:
        """Delete the entries other code wrote; the number deleted (``compact`` gives the space back).

        Document and claim-set keys digest the code that computed them (pipeline.document_key),
        and a remembered run is only replayed for the same code (uptodate.stat_inputs), so after
        an upgrade those entries are dead weight that no run reads or replaces.
        """
        if self._conn is None:
            return 0
        return self._conn.execute("DELETE FROM entries WHERE code != ?", (self.code,)).rowcount

    def compact(self) -> None:
        """Give the space of deleted entries back to the file system (SQLite's VACUUM).

        It needs about the file's size again in free space, and another run reading the cache
        at the same time keeps the write-ahead log from shrinking until it is done.
        """
        if self._conn is None:
            return
        self._conn.execute("VACUUM")
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _give_up(self, reason: str, exc: BaseException | None = None) -> None:
        self.broken = self.broken or reason
        self.close()
        if _is_damage(exc):
            with contextlib.suppress(OSError):
                (self.directory / _SUSPECT).touch()


def _is_damage(exc: BaseException | None) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _check(path: Path, every_page: bool) -> sqlite3.Connection:
    """Connect, create an empty cache, or prove the file is one this code wrote: header ids,
    schema version, a file as long as its header says, and with ``every_page`` SQLite's own
    integrity check of every page. _Damaged or DatabaseError otherwise.

    A damaged page the header check misses costs no wrong result: every row carries a checksum
    of its key and payload, and a page SQLite cannot read fails the run's cache (marking the file
    for the full check next time), never the run."""
    conn = sqlite3.connect(path, timeout=_BUSY_MS / 1000, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        (app,) = conn.execute("PRAGMA application_id").fetchone()
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        if app == 0 and version == 0 and not tables:
            _create(conn)
        elif app != _APPLICATION_ID:
            raise _Damaged("not a claimcheck cache")
        elif version != SCHEMA_VERSION:
            raise _Damaged(f"cache schema {version}, this claimcheck uses {SCHEMA_VERSION}")
        _check_length(path)
        if every_page:
            (verdict,) = conn.execute("PRAGMA quick_check(1)").fetchone()
            if verdict != "ok":
                raise _Damaged(f"integrity check failed: {verdict}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL: an application crash loses nothing committed
        return conn
    except BaseException:
        conn.close()
        raise


def _check_length(path: Path) -> None:
    """_Damaged when the file is shorter than the page count its header vouches for (a cut copy)."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        return  # a run may be checkpointing: the header can be ahead of the file for a moment
    with open(path, "rb") as fh:
        header = fh.read(100)
        size = os.fstat(fh.fileno()).st_size
    if len(header) < 100:
        return  # new and still empty: SQLite has written no header yet
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count is valid when "version-valid-for" equals the change counter (SQLite file format §1.3.7).
    if header[92:96] == header[24:28] and pages * page_size > size:
        raise _Damaged(f"file cut short: {size} bytes, its header counts {pages} pages of {page_size}")


def _create(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another run may have created it since we looked: then there is nothing to do.
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            conn.execute(_SCHEMA)
            conn.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _checksum(key: str, payload: bytes) -> bytes:
    h = hashlib.blake2b(key.encode(), digest_size=16)
    h.update(payload)
    return h.digest()


def _files(path: Path) -> tuple[Path, ...]:
    return (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))


def _remove(path: Path) -> None:
    for p in _files(path):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _marker(path: Path, text: str) -> None:
    if not path.exists():
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock while a run checks (and maybe rebuilds) the file, so two runs never
    rebuild it at once. Without fcntl (Windows) SQLite's own locking has to do."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    with open(path, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
