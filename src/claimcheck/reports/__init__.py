"""Report formats: view models, HTML, JSON, SARIF, JUnit and Markdown renderers, and the atomic writer."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from claimcheck.result import RunResult

if TYPE_CHECKING:
    from claimcheck.pagememo import PriorPages


def _json(result: RunResult) -> dict[str, str]:
    from claimcheck.reports.json import render_claims_json, render_findings_json

    return {"claims.json": render_claims_json(result), "findings.json": render_findings_json(result)}


def _html(result: RunResult) -> dict[str, str]:
    # Imported here so `import claimcheck.reports.write` does not pull in Jinja.
    from claimcheck.reports.html import render_html

    return render_html(result)  # index.html, findings*.html, groups*.html, groups/, sources*.html, sources/


def _sarif(result: RunResult) -> dict[str, str]:
    from claimcheck.reports.sarif import render_sarif

    return {"results.sarif": render_sarif(result)}


def _junit(result: RunResult) -> dict[str, str]:
    from claimcheck.reports.junit import render_junit

    return {"junit.xml": render_junit(result, result.fail_on)}


def _markdown(result: RunResult) -> dict[str, str]:
    from claimcheck.reports.markdown import render_markdown

    return {"summary.md": render_markdown(result, result.fail_on)}


# `--format` name → renderer of that format's files. JUnit and Markdown judge pass/fail with the
# run's own --fail-on, which the RunResult carries (api.run(settings, fail_on=...)).
FORMATS: dict[str, Callable[[RunResult], dict[str, str]]] = {
    "html": _html,
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
    "markdown": _markdown,
}
ALL: tuple[str, ...] = tuple(FORMATS)


def render_all(result: RunResult, formats: Iterable[str] = ALL, prior: PriorPages | None = None) -> Mapping[str, str]:
    """The report files of the selected formats: file name → text, in name order.

    The mapping (reports/files.py) renders a file when it is read (the HTML site's names come
    from its plan, made when first asked for), so a large report is never held whole in memory; ``write_report`` writes it a family of pages
    at a time. ``dict(render_all(...))`` renders everything. ``formats`` names keys of
    ``FORMATS``; an unknown name is a ``ValueError`` (the CLI offers only known ones). ``prior``
    (``pagememo.load``) lets the writer link the pages of the report on disk that would come
    out the same instead of rendering them; the mapping's texts are always rendered.
    """
    from claimcheck.reports.files import ReportFiles

    chosen = set(formats)
    unknown = sorted(chosen - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown report format(s): {', '.join(unknown)}; known: {', '.join(FORMATS)}")
    return ReportFiles(result, sorted(chosen), prior)


__all__ = ["ALL", "FORMATS", "render_all"]
