"""The command line: parse, build settings, call the library, map the outcome to an exit code."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from claimcheck import __version__, api
from claimcheck.checker.outcome import EXIT_ERROR, FAIL_ON, exit_code, failing
from claimcheck.config import load_settings
from claimcheck.errors import ClaimcheckError
from claimcheck.reports import render_all
from claimcheck.reports.write import ReportDirError, write_report


def clean_errors(command):
    """Expected errors become one line on stderr and exit code 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (ClaimcheckError, ReportDirError) as exc:
            click.echo(f"claimcheck: {exc}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper


@click.group()
@click.version_option(__version__, prog_name="claimcheck")
def main() -> None:
    """Check the figures a corpus of dated sources states, against each other and over time."""


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
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@clean_errors
def run(config: Path | None, out: Path, fail_on: str, quiet: bool) -> None:
    """Read the corpus, extract claims, check them and write the report."""
    settings = load_settings(config, Path.cwd())
    result = api.run(settings, fail_on=fail_on)
    write_report(out, render_all(result))
    code = exit_code(result.findings, fail_on)
    if not quiet:
        counts: dict[str, int] = {}
        for f in result.findings:
            counts[f.kind] = counts.get(f.kind, 0) + 1
        summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no findings"
        click.echo(f"{len(result.claims)} claims from {sum(len(s.versions) for s in result.sources)} versions: {summary}")
        for u in result.unreadable:
            click.echo(f"unreadable: {u.path}: {u.reason}", err=True)
        for f in failing(result.findings, fail_on):
            click.echo(f"{f.kind}: {f.message} [{f.id}]")
        click.echo(f"report: {out / 'index.html'}")
    sys.exit(code)
