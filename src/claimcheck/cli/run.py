"""`claimcheck run`: read the corpus, check it, write the report, exit with the verdict."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimcheck import api
from claimcheck.checker.outcome import FAIL_ON, exit_code, failing
from claimcheck.cli.common import clean_errors, main
from claimcheck.config import load_settings
from claimcheck.reports import render_all
from claimcheck.reports.write import write_report


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
