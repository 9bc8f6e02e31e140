"""`claimcheck cache info|prune|clear`, and the cache and executor options `claimcheck run` takes."""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import click

from claimcheck.cache import Cache, cache_dir_for
from claimcheck.codeversion import extraction_code
from claimcheck.claims.load import format_size
from claimcheck.cli.common import clean_errors, main
from claimcheck.config import CONFIG_NAME, Settings, discover_config
from claimcheck.errors import ConfigError
from claimcheck.execution import EXECUTORS, Execution, default_jobs
from claimcheck.progress import progress_bar

T = TypeVar("T")
_CACHE_DIR_HELP = "Cache folder (default: .claimcheck-cache/ beside the config file)."


def execution_options(command):
    """The options that say where `run` does its per-version work and which cache it uses."""
    options = [
        click.option(
            "--jobs", "-j", type=click.IntRange(min=1), default=None,
            help="Worker processes for loading and extraction (default: all cores; 1 = in this process); "
            "from 2, a large corpus is also checked on two cores.",
        ),
        click.option(
            "--executor", type=click.Choice(EXECUTORS), default="process", show_default=True,
            help="Where documents are loaded and extracted: here, a local process pool, or a Dask cluster.",
        ),
        click.option(
            "--scheduler", metavar="ADDRESS",
            help="Dask scheduler (tcp://host:8786) for --executor dask; without it a local cluster of --jobs workers.",
        ),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
        click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), help=_CACHE_DIR_HELP),
    ]
    return functools.reduce(lambda f, option: option(f), reversed(options), command)


@contextlib.contextmanager
def execution_for(
    settings: Settings,
    *,
    jobs: int | None,
    executor: str,
    scheduler: str | None,
    no_cache: bool,
    cache_dir: Path | None,
    quiet: bool,
) -> Iterator[Execution]:
    """The Execution the options describe, its cache open for the run; notes about the cache on stderr."""
    if scheduler is not None and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    cache = None if no_cache else Cache.open(cache_dir or cache_dir_for(settings.config_path), extraction_code())
    try:
        yield Execution(
            executor=executor,
            jobs=jobs or default_jobs(),
            scheduler=scheduler,
            cache=cache,
            progress=progress_bar(quiet=quiet),
        )
    finally:
        if cache is not None:
            cache.close()
            if not quiet:
                _notes(cache)


def _notes(cache: Cache) -> None:
    if cache.rebuilt:
        click.echo(f"claimcheck: the cache {cache.path} could not be trusted ({cache.rebuilt}); it was rebuilt", err=True)
    if cache.broken:
        click.echo(f"claimcheck: the cache was not used for the rest of the run: {cache.broken}", err=True)


@main.group()
def cache() -> None:
    """Inspect, prune or empty the cache of loaded documents and extracted claims."""


def _where(config: Path | None, cache_dir: Path | None) -> Path:
    if cache_dir is not None:
        return cache_dir
    found = config if config is not None else discover_config(Path.cwd().resolve())
    if found is None:
        raise ConfigError(Path.cwd(), f"no {CONFIG_NAME} here or in any parent folder (use --config FILE or --cache-dir DIR)")
    return cache_dir_for(Path(found).resolve())


_config_option = click.option(
    "--config", type=click.Path(dir_okay=False, path_type=Path), help="claimcheck.toml whose cache to use."
)
_dir_option = click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), help=_CACHE_DIR_HELP)


@cache.command()
@_config_option
@_dir_option
@clean_errors
def info(config: Path | None, cache_dir: Path | None) -> None:
    """Where the cache is, how many entries it holds and its size."""
    directory = _where(config, cache_dir)
    if not (directory / "cache.sqlite3").exists():
        click.echo(f"cache: {directory} (empty: no cache file yet)")
        return
    with Cache.open(directory, extraction_code()) as opened:
        facts = opened.info()
    click.echo(f"cache: {facts.path}")
    if opened.rebuilt:
        click.echo(f"rebuilt: it could not be trusted ({opened.rebuilt})")
    if opened.broken:
        raise click.ClickException(opened.broken)
    click.echo(f"schema: {facts.schema}")
    click.echo(f"documents: {facts.documents:,}")
    click.echo(f"claim sets: {facts.claims:,}")
    click.echo(f"remembered runs: {facts.reports:,}")
    click.echo(f"checker verdicts: {facts.verdicts:,}")
    click.echo(f"remembered report pages: {facts.pages:,}")
    total = facts.documents + facts.claims + facts.reports + facts.verdicts + facts.pages
    click.echo(f"written by this code: {facts.current:,} of {total:,} entries")
    click.echo(f"size: {format_size(facts.size)}")
    if facts.current < total:
        click.echo(f"`claimcheck cache prune` deletes the {total - facts.current:,} entries no run of this code can use")


@cache.command()
@_config_option
@_dir_option
@clean_errors
def prune(config: Path | None, cache_dir: Path | None) -> None:
    """Delete the entries written by other versions of claimcheck (no run of this one can use them)."""
    directory = _where(config, cache_dir)
    if not (directory / "cache.sqlite3").exists():
        click.echo(f"cache: {directory} is empty")
        return
    with _opened(directory) as opened:
        before = opened.info().size
        removed = _housekeeping(opened, opened.prune, "prune")
        _housekeeping(opened, opened.compact, f"give back the space of the {removed:,} entries deleted")
        after = opened.info().size
    click.echo(f"cache: {directory}: deleted {removed:,} entries of other code; {format_size(before)} -> {format_size(after)}")


@cache.command()
@_config_option
@_dir_option
@clean_errors
def clear(config: Path | None, cache_dir: Path | None) -> None:
    """Delete every cache entry (the next run loads and extracts everything again)."""
    directory = _where(config, cache_dir)
    if not (directory / "cache.sqlite3").exists():
        click.echo(f"cache: {directory} is already empty")
        return
    with _opened(directory) as opened:
        _housekeeping(opened, opened.clear, "clear")
        _housekeeping(opened, opened.compact, "give back the space of the entries deleted")
    click.echo(f"cache: {directory} cleared")


@contextlib.contextmanager
def _opened(directory: Path) -> Iterator[Cache]:
    """The cache, for a housekeeping command: says so when it had to be rebuilt; fails when unusable."""
    with Cache.open(directory, extraction_code()) as opened:
        if opened.rebuilt:
            click.echo(f"rebuilt: it could not be trusted ({opened.rebuilt})")
        if opened.broken:
            raise click.ClickException(opened.broken)
        yield opened


def _housekeeping(opened: Cache, step: Callable[[], T], what: str) -> T:
    """Run one step of prune or clear; a database error is one clear line, not a traceback."""
    try:
        return step()
    except sqlite3.Error as exc:
        hint = " (another claimcheck may be using the cache: try again when it has finished)" if "locked" in str(exc) else ""
        raise click.ClickException(f"could not {what} in {opened.path}: {exc}{hint}") from exc
