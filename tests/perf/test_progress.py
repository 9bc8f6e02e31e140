"""The progress bar: drawn in place on a terminal for long runs, silent otherwise."""

from __future__ import annotations

import io

import pytest

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


def test_each_phase_of_a_long_run_has_its_label_and_draws_at_once():
    clock, stream = _Clock(), _Terminal()
    bar = ProgressBar(stream, clock=clock)
    bar.start(4, "versions")
    clock.now += 2
    bar.advance(4)
    bar.finish()
    # A later phase of a run already this long draws on its first step, not after half a second.
    bar.start(3, "report")
    bar.advance()
    assert stream.getvalue().endswith("report 1/3 [" + "#" * 13 + "-" * 27 + "]  33% 0 s")
    bar.show("checking 1,234 claims")
    assert stream.getvalue().endswith("\rchecking 1,234 claims …")
    bar.finish()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_a_phase_without_a_count_stays_silent_in_a_short_run():
    clock, stream = _Clock(), _Terminal()
    bar = ProgressBar(stream, clock=clock)
    bar.show("checking 12 claims")
    bar.finish()
    assert stream.getvalue() == ""


class _Recorder:
    """A progress display that writes down what it is told (as the Progress protocol says)."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.done = 0

    def start(self, total, label=None):
        self.done = 0
        self.calls.append(("start", total, label))

    def show(self, label):
        self.calls.append(("show", label))

    def advance(self, n=1):
        self.done += n

    def advance_to(self, done):
        self.done = max(self.done, done)

    def finish(self):
        self.calls.append(("finish", self.done))


def test_a_run_reports_every_phase_in_order(master_corpus):
    from claimcheck import api, pipeline
    from claimcheck.config import load_settings

    settings = load_settings(master_corpus / "claimcheck.toml", master_corpus)
    recorder = _Recorder()
    result = api.run(settings, execution=pipeline.Execution(progress=recorder))
    versions = sum(len(s.versions) for s in settings.sources)
    assert recorder.calls == [
        ("start", versions, "versions"),
        ("finish", versions),
        ("start", len(settings.sources), "sources"),
        ("show", f"checking {len(result.claims):,} claims"),
        ("finish", len(settings.sources)),  # one step a source, then the checker
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_writing_a_report_counts_its_units(master_corpus, tmp_path, monkeypatch, jobs):
    from claimcheck import api
    from claimcheck.config import load_settings
    from claimcheck import forking
    from claimcheck.reports import files as files_module
    from claimcheck.reports import render_all
    from claimcheck.reports.write import write_report

    files = render_all(api.run(load_settings(master_corpus / "claimcheck.toml", master_corpus)))
    monkeypatch.setattr(files_module, "PARALLEL_MIN_COST", 0 if jobs == 2 else 10**12)
    monkeypatch.setattr(forking, "cores", lambda: 2)
    recorder = _Recorder()
    write_report(tmp_path / "r", files, progress=recorder)
    units = len(files.units())
    assert recorder.calls == [("show", "report: planning the pages"), ("start", units, "report"), ("finish", units)]
