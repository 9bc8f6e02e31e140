"""`claimcheck run`: read the corpus, check it, write the report, exit with the verdict."""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import attrs
import click

from claimcheck import pagememo, uptodate
from claimcheck.checker.outcome import EXIT_ERROR, FAIL_ON, exit_code, failing
from claimcheck.cli.cache import execution_for, execution_options
from claimcheck.cli.common import clean_errors, main
from claimcheck.config import load_settings
from claimcheck.reports import ALL, FORMATS
from claimcheck.result import RunResult


@main.command()
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), help="claimcheck.toml to use.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("claimcheck-report"),
    show_default=True,
    help="Report directory (replaced atomically).",
)
@click.option(
    "--fail-on",
    type=click.Choice(list(FAIL_ON)),
    default="conflict",
    show_default=True,
    help="Exit 1 when an open finding this severe (or worse) remains.",
)
@click.option(
    "--format",
    "formats",
    type=click.Choice(list(FORMATS)),
    multiple=True,
    help="Report format to write; repeat for several. Default: all "
    "(html: index.html, json: claims.json + findings.json, sarif: results.sarif, "
    "junit: junit.xml, markdown: summary.md).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 2 when any version could not be read (by default the run goes on and the report lists them).",
)
@click.option(
    "--allow-outside-root",
    is_flag=True,
    help="Let versions name files outside the config file's folder (symlinks resolved).",
)
@execution_options
@clean_errors
def run(
    config: Path | None,
    out: Path,
    fail_on: str,
    formats: tuple[str, ...],
    quiet: bool,
    strict: bool,
    allow_outside_root: bool,
    **execution: object,
) -> None:
    """Read the corpus, extract claims, check them and write the report."""
    settings = load_settings(config, Path.cwd(), allow_outside_root=allow_outside_root)
    formats = formats or ALL
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY") if github else None
    options = {
        "out": [str(out), str(out.resolve())], "fail_on": fail_on, "formats": sorted(formats), "quiet": quiet,
        "strict": strict, "github": github, "step_summary": summary_path is not None,
    }
    with execution_for(settings, quiet=quiet, **execution) as how:
        # Nothing changed since the run that wrote this report: say again what it said, and stop.
        inputs = uptodate.stat_inputs(settings, options) if how.cache is not None else None
        memo = uptodate.remembered(how.cache, out)
        effects = uptodate.replay(memo, inputs, out) if inputs is not None else None
        if effects is None:
            from claimcheck import api  # not imported when there is nothing to do
            from claimcheck.reports import render_all
            from claimcheck.reports.write import write_report

            if inputs is not None:
                # The files that did not change since that run need not be read again.
                how = attrs.evolve(how, vouched=uptodate.vouched(memo, inputs))
            result = api.run(settings, fail_on=fail_on, execution=how)
            staged: list[tuple] = []
            files = render_all(result, formats, pagememo.load(how.cache, out))
            write_report(
                out,
                files,
                staged=lambda folder: staged.append(uptodate.listing(folder)),
                progress=how.progress,
            )
            effects = _effects(result, out, formats, quiet, strict, github, summary_path is not None)
            if how.cache is not None:
                written = uptodate.settled(staged[0], out)
                pagememo.record(how.cache, out, files.page_digests, written)
            if inputs is not None:
                read = uptodate.digests_read(settings, result.sources)
                uptodate.record(how.cache, inputs, read, out, written, effects)
    _perform(effects, summary_path)
    sys.exit(effects.exit_code)


def _effects(
    result: RunResult, out: Path, formats: tuple[str, ...], quiet: bool, strict: bool, github: bool, summary: bool
) -> uptodate.Effects:
    """What the run prints, appends to the step summary and exits with, decided before any of it is done."""
    lines: list[tuple[str, str]] = []
    fail_on = result.fail_on
    if github:
        from claimcheck.reports.annotations import github_annotations

        lines.extend(("out", a) for a in github_annotations(result, fail_on))
    code = exit_code(result.findings, fail_on)
    if not quiet:
        counts: dict[str, int] = {}
        for f in result.findings:
            counts[f.kind] = counts.get(f.kind, 0) + 1
        summary_line = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no findings"
        versions = sum(len(s.versions) for s in result.sources)
        lines.append(("out", f"{len(result.claims)} claims from {versions} versions: {summary_line}"))
        lines.extend(("err", f"unreadable: {_one_line(u.path)}: {_one_line(u.reason)}") for u in result.unreadable)
        lines.extend(("err", f"warning: {_one_line(w.path)}: {_one_line(w.message)}") for w in result.warnings)
        for f in failing(result.findings, fail_on):
            again = " (needs re-review: its evidence changed since the decision)" if f.status == "needs-re-review" else ""
            lines.append(("out", f"{f.kind}: {_one_line(f.message)} [{f.id}]{again}"))
        lines.extend(
            ("out", f"unused resolution: {r.finding} ({r.decision}): no such finding in this run")
            for r in result.unused_resolutions
        )
        lines.append(("out", f"report: {out / 'index.html' if 'html' in formats else out}"))
    failure = _input_failure(result, strict)
    if failure:
        lines.append(("err", f"claimcheck: {failure}"))
        code = EXIT_ERROR
    markdown = None
    if summary:
        from claimcheck.reports.markdown import render_markdown

        markdown = render_markdown(result, fail_on)
    return uptodate.Effects(tuple(lines), code, markdown)


def _perform(effects: uptodate.Effects, summary_path: str | None) -> None:
    """Print, and append the step summary (in GitHub Actions, where earlier steps' summaries share the file)."""
    for stream, run in itertools.groupby(effects.lines, key=lambda line: line[0]):
        click.echo("".join(f"{text}\n" for _, text in run), nl=False, err=stream == "err")
    if effects.summary is None or not summary_path:
        return
    try:
        with open(summary_path, "a", encoding="utf-8") as fh:
            fh.write(effects.summary)
    except OSError as exc:
        # The report and the exit code still stand; a missing summary is not worth failing for.
        click.echo(f"claimcheck: {summary_path}: cannot append the step summary: {exc.strerror}", err=True)


def _input_failure(result: RunResult, strict: bool) -> str | None:
    """Why unreadable versions fail the run: always when nothing could be read, else with --strict."""
    if not result.unreadable:
        return None
    names = "; ".join(f"{_one_line(u.path)} ({_one_line(u.reason)})" for u in result.unreadable)
    if not any(s.versions for s in result.sources):
        return f"nothing could be read: {names}"
    if strict:
        n = len(result.unreadable)
        return f"--strict: {n} version{'s' if n != 1 else ''} could not be read: {names}"
    return None


def _one_line(text: str) -> str:
    # Text from documents is printed one line per item: a line break in it could start a line
    # that CI runners read as a command (GitHub's "::…").
    return " ".join(text.split())
