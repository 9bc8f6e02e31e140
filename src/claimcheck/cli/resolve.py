"""`claimcheck resolve` records a reviewer's decision; `claimcheck resolutions` lists them with their status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from claimcheck.checker.resolve import DECISIONS, NEEDS_RE_REVIEW, RESOLVED
from claimcheck.cli.common import clean_errors, main
from claimcheck.config import load_settings

_CONFIG = click.option(
    "--config", "config", type=click.Path(dir_okay=False, path_type=Path), help="claimcheck.toml to use."
)


@main.command()
@click.argument("finding_id")
@click.option("--decision", required=True, type=click.Choice(DECISIONS), help="What the finding means.")
@click.option("--note", help="Why; shown in the report.")
@click.option(
    "--reviewer",
    envvar="CLAIMCHECK_REVIEWER",
    required=True,
    help="Who decided (or set CLAIMCHECK_REVIEWER). Required: a decision in the repository names its reviewer.",
)
@click.option("--prefer", metavar="SOURCE", help="With source-preferred: the id of the source whose figure is right.")
@click.option(
    "--date",
    "date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Date of the decision (default: today).",
)
@_CONFIG
@clean_errors
def resolve(
    finding_id: str,
    decision: str,
    note: str | None,
    reviewer: str,
    prefer: str | None,
    date: dt.datetime | None,
    config: Path | None,
) -> None:
    """Record a decision about FINDING_ID in the resolutions file, with the evidence it was made on."""
    settings = load_settings(config, Path.cwd())
    from claimcheck import api
    from claimcheck.resolutions import decide, display_path, read_resolutions, write_resolution

    before = read_resolutions(settings.resolutions_path)
    result = api.run(settings, resolutions=before)
    day = date.date() if date else dt.date.today()
    resolution = decide(result, finding_id, decision, reviewer=reviewer, note=note, prefer=prefer, date=day)
    outcome = write_resolution(settings.resolutions_path, resolution, before.text)
    verb = "updated" if outcome.replaced else "added"
    merged = " (merged with an edit made meanwhile)" if outcome.merged else ""
    click.echo(f"{verb} {resolution.finding}: {decision} in {display_path(settings.resolutions_path)}{merged}")


@main.command()
@click.option("--unused", is_flag=True, help="Only resolutions whose finding no longer exists.")
@click.option("--needs-review", "needs_review", is_flag=True, help="Only resolutions whose evidence changed.")
@_CONFIG
@clean_errors
def resolutions(unused: bool, needs_review: bool, config: Path | None) -> None:
    """List the resolutions with their status: applied, needs-re-review or unused."""
    settings = load_settings(config, Path.cwd())
    from claimcheck import api
    from claimcheck.resolutions import display_path, read_resolutions

    current = read_resolutions(settings.resolutions_path)
    result = api.run(settings, resolutions=current)
    by_id = {f.id: f for f in result.findings}
    wanted = {s for s, flag in (("unused", unused), (NEEDS_RE_REVIEW, needs_review)) if flag}
    counts: dict[str, int] = {}
    for r in current.resolutions:
        finding = by_id.get(r.finding)
        status = "unused" if finding is None else ("applied" if finding.status == RESOLVED else finding.status)
        counts[status] = counts.get(status, 0) + 1
        if wanted and status not in wanted:
            continue
        about = finding.message if finding else "no such finding in this run"
        who = " ".join(x for x in (r.reviewer, r.date.isoformat() if r.date else None) if x)
        click.echo(f"{status:<15}  {r.finding}  {r.decision:<16}  {who}  {about}".rstrip())
        if finding is not None and finding.status == NEEDS_RE_REVIEW:
            details = finding.resolution or {}
            for line in details.get("evidence_removed", []):
                click.echo(f"    - was: {line}")
            for line in details.get("evidence_added", []):
                click.echo(f"    + now: {line}")
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "none"
    click.echo(f"{len(current.resolutions)} resolutions in {display_path(settings.resolutions_path)}: {summary}")
