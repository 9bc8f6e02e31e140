"""The machine-readable reports: claims.json and findings.json (formats.md)."""

from __future__ import annotations

from typing import Any

from claimcheck import serialize
from claimcheck.reports import jsonfast
from claimcheck.result import RunResult


def render_claims_json(result: RunResult) -> str:
    """``claims.json``: the sources with their versions and every claim, in canonical JSON."""
    return claims_json_bytes(result).decode("utf-8")


def claims_json_bytes(result: RunResult) -> bytes:
    """``claims.json`` as the bytes written."""
    try:
        return jsonfast.claims_json_bytes(result.sources, result.claims)
    except Exception:
        # Whatever the fast path does not know (jsonfast.Unexpected) or trips on, the converter's
        # path writes, or fails on in its own words.
        return claims_json_bytes_by_converter(result)


def claims_json_bytes_by_converter(result: RunResult) -> bytes:
    """``claims.json`` made the general way, through the converter: the bytes the fast path
    (reports/jsonfast.py) must equal, and takes when it cannot."""
    return serialize.dumps_bytes(serialize.claims_document(result.sources, result.claims))


def render_findings_json(result: RunResult) -> str:
    """``findings.json``: every finding, the versions the run could not read, and unused resolutions."""
    return findings_json_bytes(result).decode("utf-8")


def findings_json_bytes(result: RunResult) -> bytes:
    """``findings.json`` as the bytes written.

    ``unreadable`` and ``unused_resolutions`` are always present (possibly empty) so readers need
    not test for the keys.
    """
    extra = _extra(result)
    try:
        return jsonfast.findings_json_bytes(result.findings, extra)
    except Exception:  # as in claims_json_bytes
        return serialize.dumps_bytes(serialize.findings_document(result.findings, extra=extra))


def findings_json_bytes_by_converter(result: RunResult) -> bytes:
    """``findings.json`` made the general way, through the converter: the bytes the fast path
    must equal, and takes when it cannot."""
    return serialize.dumps_bytes(serialize.findings_document(result.findings, extra=_extra(result)))


def _extra(result: RunResult) -> dict[str, Any]:
    # A few entries: the converter's own plain values, for both paths.
    unreadable = serialize.converter.unstructure(
        sorted(result.unreadable, key=lambda u: (u.source, u.path, u.reason))
    )
    unused = serialize.converter.unstructure(list(result.unused_resolutions))
    return {"unreadable": unreadable, "unused_resolutions": unused}
