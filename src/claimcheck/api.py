"""The one orchestrator: settings in, a RunResult out. Only the loader touches files."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path

import attrs

from claimcheck import forking, pipeline
from claimcheck.checker.check import analyse
from claimcheck.checker.recall import Recall
from claimcheck.checker.resolve import apply_resolutions
from claimcheck.claims.extract import VersionContext
from claimcheck.claims.load import LoadError
from claimcheck.claims.model import Claim, Source, Version
from claimcheck.config import Settings, SourceSpec, VersionSpec
from claimcheck.execution import Progress, Silent
from claimcheck.gcpause import collector_paused
from claimcheck.resolutions import ResolutionsError, ResolutionsFile, display_path, read_resolutions
from claimcheck.result import InputWarning, RunResult, Unreadable, VersionText
from claimcheck.verdictcache import CachedVerdicts


@attrs.frozen
class _Loaded:
    spec: VersionSpec
    document: pipeline.VersionDocument
    version: Version


def run(
    settings: Settings,
    fail_on: str = "conflict",
    resolutions: ResolutionsFile | None = None,
    *,
    execution: pipeline.Execution | None = None,
) -> RunResult:
    """Load every version, extract its claims, check them and apply the reviewers' resolutions.

    ``resolutions`` is the resolutions file as the caller already read it (so a writer decides on
    exactly the text it will later compare against); by default the settings' file is read.
    ``execution`` says where the per-version work runs and which cache it uses (default: here,
    uncached); the result is the same whatever it says.
    """
    execution = execution or pipeline.Execution()
    progress = execution.progress or Silent()
    # Decoding every version's claims and checking them take seconds on a large corpus: the bar
    # says so (the report writer shows its own).
    try:
        with collector_paused():
            work = pipeline.prepare(settings, execution)
            sources, claims, unreadable, texts, warnings, keys = _collect(settings, work, progress)
        progress.show(f"checking {len(claims):,} claims")
        store = None if execution.cache is None else CachedVerdicts(execution.cache, settings.config_path)
        analysis = analyse(
            sources, claims, settings.checker, recall=None if store is None else Recall(keys, store), spread=_spread(execution)
        )
        if store is not None:
            store.save()
    finally:
        progress.finish()
    findings = analysis.findings
    if resolutions is None:
        resolutions = _read_resolutions(settings)
    applied = apply_resolutions(findings, claims, resolutions.resolutions)
    if applied.problems:
        raise ResolutionsError(
            display_path(resolutions.path),
            "; ".join(f"resolution[{index}].{field} {problem}" for index, field, problem in applied.problems),
        )
    return RunResult(
        sources=tuple(sources),
        claims=tuple(claims),
        findings=applied.findings,
        unreadable=tuple(sorted(unreadable, key=lambda u: (u.source, u.path))),
        fail_on=fail_on,
        texts=tuple(texts),
        unused_resolutions=applied.unused,
        warnings=tuple(sorted(warnings, key=lambda w: (w.source, w.path, w.message))),
        histories=analysis.histories,
        lifecycles=analysis.lifecycles,
        version_keys=keys,
    )


def _spread(execution: pipeline.Execution) -> Callable | None:
    """How the checker shares its work out: with a forked second process when the run may use two
    cores (the checker decides whether its work is large enough), else in this process (None)."""
    if execution.executor == "serial" or execution.jobs < 2 or forking.cores() < 2:
        return None
    return functools.partial(
        forking.shared_map, doing="checking the claims", kind="checker", error=pipeline.ExecutorError
    )


def _collect(settings: Settings, work: pipeline.Prepared, progress: Progress) -> tuple[
    list[Source], list[Claim], list[Unreadable], list[VersionText], list[InputWarning], dict[tuple[str, str], str]
]:
    """Every source's readable versions, their claims and texts, what could not be read, the
    inputs' warnings, and the digest each version's claims are a function of (when the run has a
    cache), one source at a time."""
    progress.start(len(settings.sources), "sources")
    sources: list[Source] = []
    claims: list[Claim] = []
    unreadable: list[Unreadable] = []
    texts: list[VersionText] = []
    warnings: list[InputWarning] = []
    keys: dict[tuple[str, str], str] = {}
    for spec in sorted(settings.sources, key=lambda s: s.id):
        loaded, failed = _load_source(spec, settings, functools.partial(work.document, spec.id))
        unreadable.extend(failed)
        kept = []
        for item in loaded:
            ctx = VersionContext(
                source=spec.id,
                version=item.version.version,
                path=item.version.path,
                date=item.version.date,
                subject=spec.subject,
                publisher=spec.publisher,
                title=spec.title,
            )
            try:
                found, key = work.claims(spec.id, item.spec, ctx)
            except pipeline.ExtractionFailed as exc:  # an extractor bug on one file must not sink the run
                unreadable.append(Unreadable(spec.id, item.spec.where, exc.reason))
                continue
            if key is not None:
                keys[(spec.id, item.version.version)] = key
            kept.append(item)
            claims.extend(found)
            texts.append(VersionText(spec.id, item.version.version, item.document.text))
            warnings.extend(InputWarning(spec.id, item.spec.where, w) for w in item.document.warnings)
        sources.append(Source(spec.id, spec.title, spec.publisher, spec.url, tuple(x.version for x in kept)))
        progress.advance()
    return sources, claims, unreadable, texts, warnings, keys


def _read_resolutions(settings: Settings) -> ResolutionsFile:
    if settings.resolutions_path is None:
        return ResolutionsFile(settings.config_path.parent, None)
    return read_resolutions(settings.resolutions_path)


def _load_source(
    spec: SourceSpec, settings: Settings, read: Callable[[VersionSpec], pipeline.VersionDocument]
) -> tuple[list[_Loaded], list[Unreadable]]:
    loaded: list[tuple[VersionSpec, pipeline.VersionDocument]] = []
    failed: list[Unreadable] = []
    for v in spec.versions:
        try:
            doc = read(v)
        except LoadError as exc:
            failed.append(Unreadable(spec.id, v.where, exc.reason))
            continue
        loaded.append((v, doc))
    dated = []
    for v, doc in loaded:
        if v.date is not None:
            date, origin, evidence = v.date, v.date_origin, v.date_evidence
        elif v.undated:
            date, origin, evidence = None, "config", ""
        else:
            found = doc.detected_date
            date, origin, evidence = found.date, found.origin, found.evidence
        dated.append((v, doc, date, origin, evidence))
    # Oldest first, undated last; the path breaks ties so the order never depends on the config's.
    dated.sort(key=lambda t: (t[2] is None, t[2] or dt.date.min, t[0].display, t[0].git.timestamp if t[0].git else 0))
    labels: set[str] = set()
    out = []
    for v, doc, date, origin, evidence in dated:
        label = v.label or (date.isoformat() if date else Path(v.display).stem)
        if label in labels:
            label = f"{label} ({v.display})"
        labels.add(label)
        version = Version(
            version=label,
            date=date,
            date_origin=origin,
            path=v.display,
            sha256=doc.sha256,
            date_evidence=evidence,
            kind=doc.kind,
            encoding=doc.encoding,
            replacements=doc.replacements,
        )
        out.append(_Loaded(v, doc, version))
    return out, failed

