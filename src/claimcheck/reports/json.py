"""The machine-readable reports: claims.json and findings.json (formats.md)."""

from __future__ import annotations

from claimcheck import serialize
from claimcheck.result import RunResult


def render_claims_json(result: RunResult) -> str:
    """``claims.json``: the sources with their versions and every claim, in canonical JSON."""
    return claims_json_bytes(result).decode("utf-8")


def claims_json_bytes(result: RunResult) -> bytes:
    """``claims.json`` as the bytes written."""
    return serialize.dumps_bytes(serialize.claims_document(result.sources, result.claims))


def render_findings_json(result: RunResult) -> str:
    """``findings.json``: every finding, the versions the run could not read, and unused resolutions."""
    return findings_json_bytes(result).decode("utf-8")


def findings_json_bytes(result: RunResult) -> bytes:
    """``findings.json`` as the bytes written.

    ``unreadable`` and ``unused_resolutions`` are always present (possibly empty) so readers need
    not test for the keys.
    """
    unreadable = serialize.converter.unstructure(
        sorted(result.unreadable, key=lambda u: (u.source, u.path, u.reason))
    )
    unused = serialize.converter.unstructure(list(result.unused_resolutions))
    extra = {"unreadable": unreadable, "unused_resolutions": unused}
    return serialize.dumps_bytes(serialize.findings_document(result.findings, extra=extra))
