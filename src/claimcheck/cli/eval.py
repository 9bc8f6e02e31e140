"""`claimcheck eval`: score extraction and the checker against a gold file; exit 1 below --min-f1."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimcheck.checker.outcome import EXIT_FINDINGS, EXIT_OK
from claimcheck.cli.common import clean_errors, main


@main.command(name="eval")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Corpus claimcheck.toml (default: the gold file's `config`).",
)
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), help="Also write the scores as JSON here.")
@click.option("--min-f1", type=click.FloatRange(0, 1), default=None, help="Exit 1 when the claim value F1 is below this.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the verdict line.")
@clean_errors
def eval_command(gold: Path, config: Path | None, json_out: Path | None, min_f1: float | None, quiet: bool) -> None:
    """Score claims and findings against GOLD, a gold file (docs/extraction.md)."""
    from claimcheck.evaluate.report import render_text, to_json
    from claimcheck.evaluate.run import run_eval
    from claimcheck.reports.write import atomic_write_text
    from claimcheck.serialize import dumps

    evaluation = run_eval(gold, config, Path.cwd())
    if json_out is not None:
        atomic_write_text(json_out, dumps(to_json(evaluation)))
    if not quiet:
        click.echo(render_text(evaluation), nl=False)
    f1 = evaluation.totals.f1 or 0.0
    if min_f1 is not None and f1 < min_f1:
        click.echo(f"claim value F1 {f1:.3f} is below --min-f1 {min_f1:.3f}", err=True)
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)
