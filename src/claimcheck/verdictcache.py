"""The checker's verdicts kept in the run's cache, for the next run to reuse (checker/recall.py).

One row per group and per source of a project, replaced when its digest changes: the cache keeps
one copy of each project's verdicts, however many times its pages change, rather than one per
state ever seen. A row is used only when the code that wrote it is the code running (any file of
the package: the checker's verdicts depend on more than extraction) and its digest is the one
asked for; anything else, or a row that does not decode, is worked out afresh.

Rows are positional JSON arrays, as the claims' rows are (cachecodec): a project's verdicts are
tens of thousands of findings, read back on every run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import orjson

from claimcheck.cache import Cache, Row
from claimcheck.cachecodec import dumps, loads
from claimcheck.checker.model import Change, Finding, RevisedEntry, SourceHistory, VersionPair
from claimcheck.checker.recall import GROUP, SOURCE, digest
from claimcheck.codeversion import whole_code

__all__ = ["FIELDS", "KIND", "CachedVerdicts"]

KIND = "verdicts"  # the cache's kind column
_FORMAT = 1  # the rows' shape; another is never read

# The fields each array holds, in order: what the codec assumes of the models (tested).
FIELDS = {
    Finding: ("id", "kind", "severity", "subject", "measure", "scope", "unit", "period", "claims",
              "evidence_digest", "message", "sources", "change", "status", "resolution"),
    Change: ("direction", "old", "new", "old_date", "new_date", "delta", "relative"),
    SourceHistory: ("source", "pairs"),
    VersionPair: ("old_versions", "new_versions", "old_date", "new_date", "added", "removed", "changed"),
    RevisedEntry: ("action", "subject", "measure", "scope", "period", "old_claims", "new_claims", "finding"),
}


class CachedVerdicts:
    """A verdict store over ``cache`` for the project whose config is ``config``.

    ``remember`` collects rows; ``save`` writes them in one transaction, after the checker is
    done, so that a run killed meanwhile leaves the rows of the run before it.
    """

    def __init__(self, cache: Cache, config: Path) -> None:
        self._cache = cache
        self._project = str(Path(config).resolve())
        self._code = whole_code()
        self._rows: list[Row] = []

    def recall(self, kind: str, name: str, digest: str) -> object | None:
        key = self._key(kind, name)
        raw = self._cache.get(key)
        if raw is None:
            return None
        try:
            return _decode(raw, kind, self._code, digest)
        except Exception:  # a row of another shape: dropped, never trusted
            self._cache.discard(key)
            return None

    def remember(self, kind: str, name: str, digest: str, verdicts: object) -> None:
        payload = _encode(kind, self._code, digest, verdicts)
        # Kept only when it reads back equal: a value the encoding would change is worked out
        # again next time rather than read back different.
        if _decode(payload, kind, self._code, digest) == verdicts:
            self._rows.append(Row(self._key(kind, name), KIND, payload))

    def save(self) -> None:
        """Write what was remembered (nothing when the cache is off or broken)."""
        rows, self._rows = self._rows, []
        if rows:
            self._cache.put(rows)

    def _key(self, kind: str, name: str) -> str:
        return digest(KIND, self._project, kind, name)


# --- The encoding. ---------------------------------------------------------------------------


def _encode(kind: str, code: str, digest: str, verdicts: object) -> bytes:
    if kind == GROUP:
        body = _findings(verdicts)  # type: ignore[arg-type]
    elif kind == SOURCE:
        findings, history = verdicts  # type: ignore[misc]
        body = [_findings(findings), None if history is None else _history(history)]
    else:
        raise ValueError(f"unknown kind of verdicts {kind!r}")
    row = [_FORMAT, code, digest, body]
    # orjson first (a tenth of json's time on a project's verdicts): what it writes otherwise (an
    # infinite figure as null) fails the read-back check in ``remember``, and what it refuses (a
    # lone surrogate from a damaged page) json writes.
    try:
        return orjson.dumps(row)
    except orjson.JSONEncodeError:
        return dumps(row)


def _decode(payload: bytes, kind: str, code: str, digest: str) -> object | None:
    """The verdicts in ``payload`` if it was written by ``code`` under ``digest``, else None;
    raises on a payload of another shape."""
    form, written_by, written_for, body = loads(payload)
    if form != _FORMAT or written_by != code or written_for != digest:
        return None
    if kind == GROUP:
        return _to_findings(body)
    findings, history = body
    return _to_findings(findings), None if history is None else _to_history(history)


def _findings(findings: tuple[Finding, ...]) -> list:
    # Spelled out rather than by FIELDS: this runs once per finding of the project.
    return [
        [f.id, f.kind, f.severity, f.subject, f.measure, f.scope, f.unit, f.period, f.claims, f.evidence_digest,
         f.message, f.sources, None if f.change is None else _row(f.change, _CHANGE), f.status, f.resolution]
        for f in findings
    ]


def _to_findings(rows: list) -> tuple[Finding, ...]:
    return tuple(_to_finding(r) for r in rows)


_FINDING = FIELDS[Finding]
_CHANGE = FIELDS[Change]


def _row(value: object, names: tuple[str, ...]) -> list:
    return [getattr(value, name) for name in names]  # tuples are written as arrays


def _to_finding(r: list) -> Finding:
    if len(r) != len(_FINDING):
        raise ValueError("a finding of another layout")
    (id_, kind, severity, subject, measure, scope, unit, period, claims, evidence, message, sources, change,
     status, resolution) = r
    if change is not None:
        if len(change) != len(_CHANGE):
            raise ValueError("a change of another layout")
        change = Change(*change)
    return Finding(
        id_, kind, severity, subject, measure, scope, unit, period, tuple(claims), evidence, message, tuple(sources),
        change, status, resolution,
    )


def _history(history: SourceHistory) -> list:
    return [history.source, [_pair(p) for p in history.pairs]]


def _pair(pair: VersionPair) -> list:
    return [
        pair.old_versions, pair.new_versions, pair.old_date.isoformat(), pair.new_date.isoformat(),
        *([_row(e, FIELDS[RevisedEntry]) for e in entries] for entries in (pair.added, pair.removed, pair.changed)),
    ]


def _to_history(row: list) -> SourceHistory:
    source, pairs = row
    return SourceHistory(source, tuple(_to_pair(p) for p in pairs))


def _to_pair(row: list) -> VersionPair:
    old_versions, new_versions, old_date, new_date, added, removed, changed = row
    return VersionPair(
        tuple(old_versions), tuple(new_versions), dt.date.fromisoformat(old_date), dt.date.fromisoformat(new_date),
        *(tuple(_to_entry(e) for e in entries) for entries in (added, removed, changed)),
    )


def _to_entry(row: list) -> RevisedEntry:
    if len(row) != len(FIELDS[RevisedEntry]):
        raise ValueError("a revised entry of another layout")
    action, subject, measure, scope, period, old_claims, new_claims, finding = row
    return RevisedEntry(action, subject, measure, scope, period, tuple(old_claims), tuple(new_claims), finding)

