"""The machine-readable reports: claims.json and findings.json (formats.md)."""

from __future__ import annotations

from claimcheck import serialize
from claimcheck.result import RunResult


def render_claims_json(result: RunResult) -> str:
    """``claims.json``: the sources with their versions and every claim, in canonical JSON."""
    return serialize.dumps(serialize.claims_document(result.sources, result.claims))


def render_findings_json(result: RunResult) -> str:
    """``findings.json``: every finding, plus the versions the run could not read.

    ``unreadable`` is always present (possibly empty) so readers need not test for the key.
    """
    unreadable = serialize.converter.unstructure(
        sorted(result.unreadable, key=lambda u: (u.source, u.path, u.reason))
    )
    return serialize.dumps(serialize.findings_document(result.findings, extra={"unreadable": unreadable}))
