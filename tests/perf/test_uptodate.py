"""A run whose inputs have not changed since it wrote the report does nothing but say so again;
any change that could change the report makes it a real run."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import attrs
import pytest

from claimcheck import api, uptodate
from claimcheck.cache import FILE_NAME, Cache, Row
from claimcheck.codeversion import extraction_code

from .corpus import REPO, cli, read_tree

EXTRA = """
[[source]]
id = "captures"
title = "Captures"
subject = "HSI"
versions = "folder:captures"
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(REPO / "examples" / "ice", target, ignore=shutil.ignore_patterns(".claimcheck-cache"))
    (target / "captures").mkdir()
    (target / "captures" / "2018-01-01.txt").write_text("HSI has more than 5,800 special agents.\n", encoding="utf-8")
    (target / "captures" / "2019-01-01.txt").write_text("HSI has more than 6,000 special agents.\n", encoding="utf-8")
    with open(target / "claimcheck.toml", "a", encoding="utf-8") as fh:
        fh.write(EXTRA)
    _age(target)
    return target


def _age(folder: Path) -> None:
    """Date every file a minute back, as files are that nobody has just written (not racy)."""
    for path in folder.rglob("*"):
        if path.is_file():
            st = path.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 60_000_000_000))


class Runs:
    """Counts the real runs (api.run calls) made through the command line."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = api.run

        def counting(*args, **kwargs):
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(api, "run", counting)


def _run(corpus: Path, out: Path, *extra: str):
    result = cli(["run", "--jobs", "1", "--out", str(out), *extra], corpus)
    return result.exit_code, result.stdout, result.stderr


def test_nothing_changed_replays_the_run_without_doing_it(corpus, tmp_path, monkeypatch):
    runs = Runs(monkeypatch)
    out = tmp_path / "report"
    first = _run(corpus, out)
    report = read_tree(out)
    again = _run(corpus, out)
    assert runs.count == 1
    assert again == first and " claims from 7 versions: " in first[1]
    assert read_tree(out) == report


def test_a_touched_file_with_the_same_bytes_is_still_up_to_date(corpus, tmp_path, monkeypatch):
    runs = Runs(monkeypatch)
    out = tmp_path / "report"
    _run(corpus, out)
    (corpus / "offices.html").write_bytes((corpus / "offices.html").read_bytes())
    _run(corpus, out)
    assert runs.count == 1


def test_new_bytes_behind_an_unchanged_size_and_mtime_are_seen(corpus, tmp_path, monkeypatch):
    runs = Runs(monkeypatch)
    out = tmp_path / "report"
    _run(corpus, out)
    page = corpus / "captures" / "2019-01-01.txt"
    before = page.stat()
    page.write_text("HSI has more than 7,000 special agents.\n", encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size and page.stat().st_mtime_ns == before.st_mtime_ns
    _run(corpus, out)
    assert runs.count == 2
    assert b"7000" in (out / "claims.json").read_bytes()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda c, out: (c / "captures" / "2020-01-01.txt").write_text("HSI has 6,100 special agents.\n"), id="new-capture"),
        pytest.param(lambda c, out: (c / "captures" / "2019-01-01.txt").unlink(), id="capture-removed"),
        pytest.param(lambda c, out: (c / "what-is-ice.md").write_text("ICE has 20,000 employees.\n"), id="page-edited"),
        pytest.param(lambda c, out: _append(c / "claimcheck.toml", "\n# a comment\n"), id="config-edited"),
        pytest.param(lambda c, out: (c / "claimcheck-resolutions.toml").write_text("# nothing yet\n"), id="resolutions-file"),
        pytest.param(lambda c, out: (out / "summary.md").write_text("edited by hand\n"), id="report-file-edited"),
        pytest.param(lambda c, out: (out / "junit.xml").unlink(), id="report-file-removed"),
        pytest.param(lambda c, out: (out / "notes.txt").write_text("left in the report\n"), id="report-file-added"),
        pytest.param(lambda c, out: shutil.rmtree(out), id="report-removed"),
    ],
)
def test_any_change_makes_a_real_run(corpus, tmp_path, monkeypatch, change):
    out = tmp_path / "report"
    _set_resolutions(corpus)
    _run(corpus, out)
    runs = Runs(monkeypatch)
    change(corpus, out)
    code, stdout, stderr = _run(corpus, out)
    assert runs.count == 1
    fresh = tmp_path / "fresh"
    assert _run(corpus, fresh, "--no-cache") == (code, stdout.replace(str(out), str(fresh)), stderr)
    assert read_tree(out) == read_tree(fresh)


def test_options_are_part_of_what_a_run_depends_on(corpus, tmp_path, monkeypatch):
    runs = Runs(monkeypatch)
    out = tmp_path / "report"
    assert _run(corpus, out)[0] == 0
    assert _run(corpus, out, "--fail-on", "change")[0] == 1
    assert _run(corpus, out, "--fail-on", "change", "--format", "json")[0] == 1
    assert sorted(p.name for p in out.iterdir()) == ["claims.json", "findings.json"]
    quiet = _run(corpus, out, "--fail-on", "change", "--format", "json", "--quiet")
    assert quiet == (1, "", "")
    assert runs.count == 4
    assert _run(corpus, out, "--fail-on", "change", "--format", "json", "--quiet") == quiet
    assert runs.count == 4


def test_no_cache_always_runs(corpus, tmp_path, monkeypatch):
    runs = Runs(monkeypatch)
    out = tmp_path / "report"
    _run(corpus, out, "--no-cache")
    _run(corpus, out, "--no-cache")
    assert runs.count == 2


def test_the_step_summary_is_appended_again_in_github_actions(corpus, tmp_path, monkeypatch):
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    runs = Runs(monkeypatch)
    out = tmp_path / "report"
    first = _run(corpus, out, "--fail-on", "change")
    once = summary.read_text(encoding="utf-8")
    second = _run(corpus, out, "--fail-on", "change")
    assert runs.count == 1 and second == first
    assert "::error" in first[1]
    assert summary.read_text(encoding="utf-8") == once + once


def test_a_damaged_memo_is_dropped_not_trusted(corpus, tmp_path, monkeypatch):
    runs = Runs(monkeypatch)
    out = tmp_path / "report"
    _run(corpus, out)
    with Cache.open(corpus / ".claimcheck-cache", extraction_code()) as cache:
        key = uptodate._key(out)
        assert cache.get(key) is not None
        cache.put([Row(key, "report", b'{"format": 1, "key": 3}')])
    first = _run(corpus, out)
    assert runs.count == 2 and first[0] == 0
    assert (corpus / ".claimcheck-cache" / FILE_NAME).is_file()


def _append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(text)


def _set_resolutions(corpus: Path) -> None:
    """Name a resolutions file that does not exist yet, so creating it is a change."""
    text = (corpus / "claimcheck.toml").read_text(encoding="utf-8")
    if "resolutions =" not in text:
        (corpus / "claimcheck.toml").write_text('resolutions = "claimcheck-resolutions.toml"\n' + text, encoding="utf-8")
        _age(corpus)


def test_a_racy_file_is_compared_by_content_even_when_its_stat_says_nothing_changed(corpus, tmp_path, monkeypatch):
    # A coarse clock can leave size and times unchanged across an edit; such a file, modified
    # shortly before the run looked, must be read again.
    real = uptodate._stamp

    def coarse(path, now):
        s = real(path, now)
        return s if s.stat is None else attrs.evolve(s, stat=(s.stat[0], s.stat[1], 0, 0, s.stat[4]))

    monkeypatch.setattr(uptodate, "_stamp", coarse)
    page = corpus / "captures" / "2019-01-01.txt"
    page.write_text("HSI has more than 6,000 special agents.\n", encoding="utf-8")  # just now: racy
    out = tmp_path / "report"
    runs = Runs(monkeypatch)
    first = _run(corpus, out)
    assert _run(corpus, out) == first and runs.count == 1  # racy, read again, same bytes
    before = page.stat()
    page.write_text("HSI has more than 7,000 special agents.\n", encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    _run(corpus, out)
    assert runs.count == 2
    assert b"7000" in (out / "claims.json").read_bytes()


def test_a_file_read_twice_with_different_bytes_is_vouched_for_by_neither():
    spec = SimpleNamespace(display="page.html", path=Path("/corpus/page.html"), git=None)
    settings = SimpleNamespace(sources=[SimpleNamespace(versions=[spec]), SimpleNamespace(versions=[spec])])

    def read(*shas):
        return [SimpleNamespace(versions=[SimpleNamespace(path="page.html", sha256=sha)]) for sha in shas]

    assert uptodate.digests_read(settings, read("a", "a")) == {"/corpus/page.html": "a"}
    assert uptodate.digests_read(settings, read("a", "b")) == {}


def test_a_file_that_became_a_fifo_is_changed_and_never_opened(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("HSI has 6,000 special agents.\n", encoding="utf-8")
    then = attrs.evolve(uptodate._stamp(str(path), 0), sha256="0" * 64)
    path.unlink()
    os.mkfifo(path)  # opening it for reading would wait for a writer forever
    now = uptodate._stamp(str(path), time.time_ns())
    assert now.racy
    assert not uptodate._unchanged(then, now)


def test_a_report_another_run_swapped_in_meanwhile_is_not_vouched_for(corpus, tmp_path, monkeypatch):
    # Two runs writing one report folder: the one that records its memo last may not be the one
    # whose report is on disk. The memo lists the report as its own run staged it, so it cannot
    # match the other run's files.
    from claimcheck.reports.write import write_report

    out = tmp_path / "report"
    real = uptodate.record

    def overtaken(*args, **kwargs):
        write_report(out, {"summary.md": "another run's report\n"})
        return real(*args, **kwargs)

    monkeypatch.setattr(uptodate, "record", overtaken)
    _run(corpus, out)
    monkeypatch.setattr(uptodate, "record", real)
    assert sorted(p.name for p in out.iterdir()) == ["summary.md"]
    runs = Runs(monkeypatch)
    _run(corpus, out)
    assert runs.count == 1
    assert (out / "claims.json").is_file()


def test_a_memo_reads_back_exactly_and_another_shape_raises():
    memo = uptodate.Memo(
        uptodate._FORMAT,
        "k" * 64,
        (uptodate.Stamp("a.html", (1, 2, 3, 4, 33188), False, "f" * 64), uptodate.Stamp("gone.html", None, False),
         uptodate.Stamp("new.html", (5, 6, 7, 8, 33188), True, None)),
        (("claims.json", 10, 11, 12, 13),),
        uptodate.Effects((("out", "3 claims"), ("err", "warning: x")), 1, "# summary\n"),
    )
    raw = uptodate._encode(memo)
    assert uptodate._decode(raw) == memo
    doc = json.loads(raw)
    for damage in (
        lambda d: d.update(format=uptodate._FORMAT - 1),
        lambda d: d["files"][0].__setitem__(1, [1, 2, 3]),
        lambda d: d["files"][0].__setitem__(2, "no"),
        lambda d: d["outputs"][0].pop(),
        lambda d: d.pop("effects"),
    ):
        bad = json.loads(raw)
        damage(bad)
        with pytest.raises((ValueError, KeyError, TypeError)):
            uptodate._decode(json.dumps(bad).encode())
    assert doc["files"][1] == ["gone.html", None, False, None]


# --- A run after a change reads only what changed (uptodate.vouched). ----------------------------


class Reads:
    """Records the files the pipeline reads (their display names).

    The corpus fixture's files had their ctime set just now (``_age``), which makes every one racy
    for two seconds: here no file is racy unless a test says so.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from claimcheck import pipeline

        self.names: list[str] = []
        real = pipeline.read_file

        def recording(path, *, display_path, **kwargs):
            self.names.append(display_path)
            return real(path, display_path=display_path, **kwargs)

        monkeypatch.setattr(pipeline, "read_file", recording)


def _uncached_report(corpus: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "uncached"
    _run(corpus, out, "--no-cache")
    return read_tree(out)


@pytest.fixture
def settled(monkeypatch):
    """No file counts as racy (see Reads)."""
    monkeypatch.setattr(uptodate, "_RACY_NS", -10**12)


def test_a_run_after_an_edit_reads_only_the_edited_file(corpus, tmp_path, monkeypatch, settled):
    out = tmp_path / "report"
    _run(corpus, out)
    (corpus / "captures" / "2019-01-01.txt").write_text("HSI has more than 7,000 special agents.\n", encoding="utf-8")
    reads = Reads(monkeypatch)
    _run(corpus, out)
    assert reads.names == ["captures/2019-01-01.txt"]
    assert b"7000" in (out / "claims.json").read_bytes()
    assert read_tree(out) == _uncached_report(corpus, tmp_path)


def test_a_vouched_file_the_cache_lost_is_read(corpus, tmp_path, monkeypatch, settled):
    out = tmp_path / "report"
    _run(corpus, out)
    with Cache.open(corpus / ".claimcheck-cache", extraction_code()) as cache:
        cache._conn.execute("DELETE FROM entries WHERE kind IN ('document', 'claims')")
    _append(corpus / "captures" / "2019-01-01.txt", "It also has 90 offices.\n")
    reads = Reads(monkeypatch)
    _run(corpus, out)
    assert len(reads.names) == 7 and "offices.html" in reads.names
    assert read_tree(out) == _uncached_report(corpus, tmp_path)


def test_a_file_racy_when_the_last_run_looked_is_read_again(corpus, tmp_path, monkeypatch, settled):
    real = uptodate._stamp
    racy = str(corpus / "captures" / "2018-01-01.txt")

    def first(path, now):
        return attrs.evolve(real(path, now), racy=True) if path == racy else real(path, now)

    out = tmp_path / "report"
    with monkeypatch.context() as m:
        m.setattr(uptodate, "_stamp", first)
        _run(corpus, out)
    _append(corpus / "captures" / "2019-01-01.txt", "It also has 90 offices.\n")
    reads = Reads(monkeypatch)
    _run(corpus, out)
    assert sorted(reads.names) == ["captures/2018-01-01.txt", "captures/2019-01-01.txt"]


def test_a_vouched_file_over_a_new_size_limit_is_unreadable(corpus, tmp_path, monkeypatch, settled):
    out = tmp_path / "report"
    _run(corpus, out)
    _append(corpus / "claimcheck.toml", '\n[input]\nmax_file_size = "1 KB"\n')
    _run(corpus, out)
    unreadable = {u["path"] for u in json.loads((out / "findings.json").read_bytes())["unreadable"]}
    assert "offices.html" in unreadable and "captures/2019-01-01.txt" not in unreadable
    assert read_tree(out) == _uncached_report(corpus, tmp_path)


def test_vouched_needs_an_unchanged_stat_that_was_not_racy_and_a_digest():
    stat = (10, 1, 1, 7, 0o100644)
    then = uptodate.Memo(3, "k", (
        uptodate.Stamp("a", stat, False, "sha-a"),
        uptodate.Stamp("b", stat, True, "sha-b"),  # racy then
        uptodate.Stamp("c", stat, False, None),  # not read then
        uptodate.Stamp("d", stat, False, "sha-d"),
        uptodate.Stamp("e", None, False, None),
    ), (), uptodate.Effects((), 0))
    now = uptodate.Inputs("other key", (
        uptodate.Stamp("a", stat, False),
        uptodate.Stamp("b", stat, False),
        uptodate.Stamp("c", stat, False),
        uptodate.Stamp("d", (10, 1, 2, 7, 0o100644), False),  # ctime moved: touched since
        uptodate.Stamp("e", None, False),
        uptodate.Stamp("f", stat, False),  # new
    ))
    assert uptodate.vouched(then, now) == {"a": ("sha-a", 10)}
    assert uptodate.vouched(None, now) == {}
