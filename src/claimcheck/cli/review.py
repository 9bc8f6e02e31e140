"""`claimcheck review`: a local server showing the findings with a form to resolve each one."""

from __future__ import annotations

from pathlib import Path

import click

from claimcheck.checker.outcome import FAIL_ON
from claimcheck.cli.common import clean_errors, main


@main.command()
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), help="claimcheck.toml to use.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only by default).")
@click.option("--port", default=0, type=click.IntRange(0, 65535), help="Port to listen on (default: a free one).")
@click.option("--allow-remote", is_flag=True, help="Allow a --host other machines can reach.")
@click.option("--reviewer", envvar="CLAIMCHECK_REVIEWER", help="Name to prefill in the forms (or CLAIMCHECK_REVIEWER).")
@click.option(
    "--fail-on",
    type=click.Choice(list(FAIL_ON)),
    default="conflict",
    show_default=True,
    help="Mark the findings that would fail `claimcheck run --fail-on` this.",
)
@clean_errors
def review(config: Path | None, host: str, port: int, allow_remote: bool, reviewer: str | None, fail_on: str) -> None:
    """Serve the findings on a local page where each can be resolved; decisions go to the resolutions file."""
    from claimcheck.review import ReviewApp, make_server

    app = ReviewApp(config, Path.cwd(), fail_on=fail_on, reviewer=reviewer)
    app.snapshot()  # a broken config fails here, with exit 2, rather than on the first page view
    server = make_server(app, host, port, allow_remote=allow_remote)
    if allow_remote and not host.startswith("127.") and host not in ("localhost", "::1"):
        click.echo("claimcheck review: other machines can reach it; its URL is the only key, keep it private", err=True)
    click.echo(f"claimcheck review: {server.url}  (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
