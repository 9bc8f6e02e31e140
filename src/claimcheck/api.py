"""The one orchestrator: settings in, a RunResult out. Only the loader touches files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from claimcheck.checker.check import check
from claimcheck.claims.extract import VersionContext, extract_claims
from claimcheck.claims.load import LoadedDocument, LoadError, load_document
from claimcheck.claims.model import Claim, Source, Version
from claimcheck.config import Settings, SourceSpec, VersionSpec
from claimcheck.result import RunResult, Unreadable, VersionText


@attrs.frozen
class _Loaded:
    spec: VersionSpec
    document: LoadedDocument
    version: Version


def run(settings: Settings, fail_on: str = "conflict") -> RunResult:
    """Load every version, extract its claims and check them."""
    sources: list[Source] = []
    claims: list[Claim] = []
    unreadable: list[Unreadable] = []
    texts: list[VersionText] = []
    for spec in sorted(settings.sources, key=lambda s: s.id):
        loaded, failed = _load_source(spec, settings)
        unreadable.extend(failed)
        sources.append(Source(spec.id, spec.title, spec.publisher, spec.url, tuple(x.version for x in loaded)))
        for item in loaded:
            ctx = VersionContext(
                source=spec.id,
                version=item.version.version,
                path=item.version.path,
                date=item.version.date,
                subject=spec.subject,
            )
            claims.extend(extract_claims(item.document.extracted, ctx, settings.extraction))
            texts.append(VersionText(spec.id, item.version.version, item.document.extracted.text))
    findings = check(claims, settings.checker)
    return RunResult(
        sources=tuple(sources),
        claims=tuple(claims),
        findings=findings,
        unreadable=tuple(sorted(unreadable, key=lambda u: (u.source, u.path))),
        fail_on=fail_on,
        texts=tuple(texts),
    )


def _load_source(spec: SourceSpec, settings: Settings) -> tuple[list[_Loaded], list[Unreadable]]:
    loaded: list[tuple[VersionSpec, LoadedDocument]] = []
    failed: list[Unreadable] = []
    for v in spec.versions:
        try:
            doc = load_document(Path(v.path), display_path=v.display, day_first=settings.extraction.day_first)
        except LoadError as exc:
            failed.append(Unreadable(spec.id, v.display, exc.reason))
            continue
        loaded.append((v, doc))
    dated = []
    for v, doc in loaded:
        if v.date is not None:
            date, origin, evidence = v.date, "config", ""
        elif v.undated:
            date, origin, evidence = None, "config", ""
        else:
            found = doc.detected_date
            date, origin, evidence = found.date, found.origin, found.evidence
        dated.append((v, doc, date, origin, evidence))
    # Oldest first, undated last; the path breaks ties so the order never depends on the config's.
    dated.sort(key=lambda t: (t[2] is None, t[2] or dt.date.min, t[0].display))
    labels: set[str] = set()
    out = []
    for v, doc, date, origin, evidence in dated:
        label = date.isoformat() if date else Path(v.display).stem
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
        )
        out.append(_Loaded(v, doc, version))
    return out, failed
