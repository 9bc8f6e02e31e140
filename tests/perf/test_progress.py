"""The progress bar: drawn in place on a terminal for long runs, silent otherwise."""

from __future__ import annotations

import io

from claimcheck.progress import ProgressBar, progress_bar

from .corpus import cli


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_silent_when_stderr_is_not_a_terminal_under_ci_or_quiet():
    assert progress_bar(io.StringIO(), environ={}) is None
    assert progress_bar(_Terminal(), environ={"CI": "true"}) is None
    assert progress_bar(_Terminal(), quiet=True, environ={}) is None
    assert isinstance(progress_bar(_Terminal(), environ={"CI": "false"}), ProgressBar)


def test_a_short_run_draws_nothing_and_a_long_one_draws_and_erases_its_line():
    clock, stream = _Clock(), _Terminal()
    bar = ProgressBar(stream, clock=clock)
    bar.start(10)
    bar.advance(3)
    assert stream.getvalue() == ""  # under half a second: no flicker
    clock.now += 2
    bar.advance(2)
    drawn = stream.getvalue()
    assert drawn.startswith("\r") and "versions 5/10 [" in drawn and " 50% 2 s" in drawn
    clock.now += 0.01
    bar.advance(1)
    assert stream.getvalue() == drawn  # redrawn at most ten times a second
    clock.now += 1
    bar.advance(4)
    assert "10/10" in stream.getvalue() and "100%" in stream.getvalue()
    bar.finish()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_the_bar_fits_a_narrow_terminal():
    bar = ProgressBar(_Terminal(), clock=_Clock())
    bar.start(10_000)
    bar.done = 2_500
    line = bar.line(bar._started + 3, width=60)
    assert line == "versions 2,500/10,000 [######--------------------]  25% 3 s"
    assert len(line) < 60  # the last column stays free: no wrap on any terminal


def test_run_writes_no_bar_when_stderr_is_not_a_terminal(master_corpus, tmp_path):
    result = cli(["run", "--jobs", "1", "--no-cache", "--out", str(tmp_path / "r")], master_corpus)
    assert "versions " not in result.output and "\r" not in result.output
