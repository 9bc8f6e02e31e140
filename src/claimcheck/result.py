"""What one run produced: the value every report format renders."""

from __future__ import annotations

import attrs

from claimcheck.checker.model import Finding
from claimcheck.claims.model import Claim, Source


@attrs.frozen
class Unreadable:
    """A version that could not be read, and why; the run goes on without it."""

    source: str
    path: str
    reason: str


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
