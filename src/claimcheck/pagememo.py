"""Which pages of the report on disk a run may take instead of rendering them again.

A run remembers, in the cache, the digest of every group's and source's pages it wrote
(``reports/pagedigest.py``) with each file as it stood once the report was in place: size,
mtime, ctime and inode. The next run into the same folder takes a page whose family has the same
digest and whose file still stands exactly so (nobody edited or replaced it): the writer links it
into the new report instead of rendering it (``reports/write.py``), and checks after linking
that it linked that very file. A digest names everything the page shows, so the bytes are those
a fresh render would write.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

import attrs
import orjson

from claimcheck.cache import Cache, Row
from claimcheck.codeversion import whole_code

__all__ = ["KIND", "PriorPages", "Reused", "identity_of", "load", "record"]

KIND = "pages"
_FORMAT = 1  # the payload's shape; another is never read

Identity = tuple[int, int, int, int]  # (size, mtime_ns, ctime_ns, inode)


@attrs.frozen
class Reused:
    """Report content meaning "link this file of the previous report", if it is still ``identity``."""

    path: Path
    identity: Identity


def identity_of(st: os.stat_result) -> Identity:
    """A file's identity as remembered: size, mtime, ctime, inode."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@attrs.frozen
class PriorPages:
    """The pages of the report in ``out_dir`` as the run that wrote them left them."""

    out_dir: Path
    entries: Mapping[str, tuple[str, Identity]]  # page path → (family digest, file identity)

    def reuse(self, paths: tuple[str, ...], digest: str) -> list[Reused] | None:
        """What to link for a family of ``paths`` whose pages have ``digest`` now, or None when
        any of them was not written with that digest or has changed on disk since."""
        out = []
        for path in paths:
            found = self.entries.get(path)
            if found is None or found[0] != digest:
                return None
            target = self.out_dir.joinpath(*path.split("/"))
            try:
                st = os.lstat(target)
            except OSError:
                return None
            if identity_of(st) != found[1]:
                return None
            out.append(Reused(target, found[1]))
        return out


def load(cache: Cache | None, out_dir: Path) -> PriorPages | None:
    """The pages remembered for ``out_dir``, or None (no cache, nothing remembered, another code)."""
    if cache is None:
        return None
    raw = cache.get(_key(out_dir))
    if raw is None:
        return None
    try:
        doc = orjson.loads(raw)
        if doc["format"] != _FORMAT or doc["code"] != whole_code():
            return None
        entries = {
            str(path): (str(digest), (int(size), int(mtime), int(ctime), int(ino)))
            for path, digest, size, mtime, ctime, ino in doc["pages"]
        }
    except Exception:  # another shape, or damaged: never trusted
        cache.discard(_key(out_dir))
        return None
    return PriorPages(Path(out_dir).resolve(), entries)


def record(
    cache: Cache | None,
    out_dir: Path,
    digests: Mapping[str, str],
    listing: tuple[tuple[str, int, int, int, int], ...],
) -> None:
    """Remember each page of ``digests`` (path → family digest) as ``listing`` (``uptodate.listing``
    of the report in place) shows it; a family with a page missing from it is forgotten."""
    if cache is None:
        return
    stats = {path: (size, mtime, ctime, ino) for path, size, mtime, ctime, ino in listing}
    families: dict[str, list[str]] = {}
    for path, digest in digests.items():
        families.setdefault(digest, []).append(path)
    pages = [
        [path, digest, *stats[path]]
        for digest, paths in families.items()
        if all(p in stats for p in paths)
        for path in paths
    ]
    pages.sort()
    doc = {"format": _FORMAT, "code": whole_code(), "pages": pages}
    cache.put((Row(_key(out_dir), KIND, orjson.dumps(doc)),))


def _key(out_dir: Path) -> str:
    return "pages\0" + hashlib.sha256(os.fsencode(Path(out_dir).resolve())).hexdigest()
