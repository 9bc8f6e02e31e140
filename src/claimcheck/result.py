"""What one run produced: the value every report format renders."""

from __future__ import annotations

import attrs

from claimcheck.checker.model import Finding, Lifecycle, SourceHistory
from claimcheck.checker.resolve import Resolution
from claimcheck.claims.model import Claim, Source


@attrs.frozen
class Unreadable:
    """A version that could not be read, and why; the run goes on without it."""

    source: str
    path: str
    reason: str


@attrs.frozen
class InputWarning:
    """A version that was read, but not perfectly (characters lost to decoding, PDF glyphs without
    text); its claims are in the run."""

    source: str
    path: str
    message: str


@attrs.frozen
class VersionText:
    """The extracted text of one version: what evidence offsets point into, for source pages."""

    source: str
    version: str
    text: str


@attrs.frozen
class RunResult:
    """Sources, claims and findings of one run, each in its canonical order."""

    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    unreadable: tuple[Unreadable, ...] = ()
    fail_on: str = "conflict"
    texts: tuple[VersionText, ...] = ()  # in source, version order
    unused_resolutions: tuple[Resolution, ...] = ()  # resolutions whose finding no longer exists, file order
    warnings: tuple[InputWarning, ...] = ()  # in source, path order
    histories: tuple[SourceHistory, ...] = ()  # sources with several dated captures, by source id
    lifecycles: tuple[Lifecycle, ...] = ()  # one per group, by subject, measure, scope, unit
    # (source id, version label) → the digest that version's claims and text are a function of
    # (the extraction cache's key); empty without a cache. Not part of what the run found, so
    # left out of equality: the report writer uses it to reuse unchanged pages.
    version_keys: dict[tuple[str, str], str] = attrs.field(factory=dict, eq=False, repr=False)
