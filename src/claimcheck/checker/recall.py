"""Verdicts carried over from an earlier run: what an incremental run need not work out again.

A group's verdicts depend only on its members and the settings; a source's revisions only on its
versions and their claims. Each version's claims are in turn fully determined by a digest the
pipeline already computes (the extraction cache's key: the file's bytes, the code, the settings
and the version's context). So a group is digested by the versions that state it, and a source
by its own, without reading a single claim: when one page of ten thousand changed, the checker
classifies the few groups that page speaks of and diffs one source, and takes everything else
from the store.

The store is the caller's (the run's cache, a dict in tests): this module stays pure.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Protocol

import attrs

from claimcheck.checker.group import GroupKey
from claimcheck.checker.model import CheckerSettings, Finding, SourceHistory
from claimcheck.claims.model import Claim, Source

__all__ = ["GROUP", "SOURCE", "Recall", "VerdictStore", "digest", "group_verdicts", "source_verdicts"]

GROUP = "group"  # a group's verdicts: tuple[Finding, ...]
SOURCE = "source"  # a source's revisions: (tuple[Finding, ...], SourceHistory | None)


class VerdictStore(Protocol):
    """Where verdicts are looked up by name and digest, and remembered."""

    def recall(self, kind: str, name: str, digest: str) -> object | None:
        """What was remembered for ``name`` under exactly ``digest``, or None."""

    def remember(self, kind: str, name: str, digest: str, verdicts: object) -> None:
        """Keep ``verdicts`` for ``name``, replacing what was kept under another digest."""


@attrs.frozen
class Recall:
    """An incremental run's link to earlier verdicts.

    ``versions`` maps (source id, version label) to a digest that changes whenever that version's
    claims may (the extraction cache's key). A claim whose version is missing from it makes its
    group (or source) be worked out afresh and not remembered.
    """

    versions: Mapping[tuple[str, str], str]
    store: VerdictStore

    def group_digest(self, key: GroupKey, members: Iterable[Claim], settings: CheckerSettings) -> str | None:
        """The digest of a group: its key, the settings, and the versions its members come from.

        The versions' digests determine their claims, and the key picks the group's out of them,
        so the same versions mean the same members; a version that stops stating the figure
        leaves the set, one that starts joins it.
        """
        versions = self.versions
        digests = set()
        for claim in members:
            found = versions.get((claim.source, claim.version))
            if found is None:
                return None
            digests.add(found)
        return digest(GROUP, repr(settings), repr(key), *sorted(digests))

    def source_digest(self, source: Source) -> str | None:
        """The digest of a source's revisions: the source as configured and read (its versions'
        labels, dates and files) and the digests of its versions' claims."""
        digests = []
        for version in source.versions:
            found = self.versions.get((source.id, version.version))
            if found is None:
                return None
            digests.append(found)
        return digest(SOURCE, repr(source), *digests)


def digest(*parts: str) -> str:
    """sha256 of the parts joined by NUL: a key that no other list of parts gives."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def group_verdicts(found: object) -> tuple[Finding, ...] | None:
    """``found`` when it has the shape of a group's verdicts, else None (a store is never trusted)."""
    if type(found) is tuple and all(type(f) is Finding for f in found):
        return found
    return None


def source_verdicts(found: object) -> tuple[tuple[Finding, ...], SourceHistory | None] | None:
    """``found`` when it has the shape of a source's revisions, else None."""
    if type(found) is not tuple or len(found) != 2:
        return None
    findings, history = found
    if group_verdicts(findings) is None or not (history is None or type(history) is SourceHistory):
        return None
    return findings, history
