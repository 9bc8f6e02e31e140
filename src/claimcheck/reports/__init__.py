"""Report formats: view models, HTML and JSON renderers, and the atomic report writer."""

from __future__ import annotations

from claimcheck.result import RunResult


def render_all(result: RunResult) -> dict[str, str]:
    """Every report file of a run, rendered in memory: file name → text, in name order."""
    # Imported here so `import claimcheck.reports.write` does not pull in Jinja.
    from claimcheck.reports.html import render_html
    from claimcheck.reports.json import render_claims_json, render_findings_json
    from claimcheck.reports.views import build_report_view

    return {
        "claims.json": render_claims_json(result),
        "findings.json": render_findings_json(result),
        "index.html": render_html(build_report_view(result)),
    }


__all__ = ["render_all"]
