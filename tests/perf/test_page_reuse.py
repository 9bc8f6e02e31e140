"""Pages linked from the previous report instead of rendered: the report is still byte for byte a fresh one.

Each step edits the corpus the way people do (a figure, a new sentence, a version gone, a source
renamed, a decision recorded, a checker setting) and runs with the cache, so that the run may
link unchanged pages of the report before it; a run without the cache into another folder is the
reference. A page digest that misses something a page shows fails here.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from claimcheck.pagememo import Reused, identity_of
from claimcheck.reports import site
from claimcheck.reports import write as write_mod

from .corpus import cli, copy_corpus, edit_one_page, read_tree


def _run(corpus: Path, out: str, *extra: str) -> None:
    result = cli(["run", "--quiet", "--out", out, "--fail-on", "never", *extra], corpus)
    assert result.exit_code == 0, result.output


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def _assert_fresh(corpus: Path) -> None:
    """The cached run's report equals a report written from scratch, file for file."""
    fresh = corpus / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    _run(corpus, "fresh", "--no-cache")
    assert read_tree(corpus / "report") == read_tree(fresh)


def _replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_page_with(corpus: Path, source: str, needle: str) -> Path:
    return next(p for p in sorted((corpus / "pages" / source).glob("*.html")) if needle in p.read_text(encoding="utf-8"))


def _edit_figure(corpus: Path) -> None:
    page = sorted((corpus / "pages" / "s00004").glob("*.html"))[-1]
    text = page.read_text(encoding="utf-8")
    digits = next(w for w in text.split() if w.rstrip(".,").isdigit() and len(w.rstrip(".,")) >= 3)
    _replace_in(page, digits, str(int(digits.rstrip(".,")) * 3) + digits[len(digits.rstrip(".,")):])


def _drop_version(corpus: Path) -> None:
    sorted((corpus / "pages" / "s00001").glob("*.html"))[0].unlink()


def _rename_source(corpus: Path) -> None:
    config = corpus / "claimcheck.toml"
    text = config.read_text(encoding="utf-8")
    start = text.index('id = "s00003"')
    title = text.index("title = ", start)
    config.write_text(text[:title] + 'title = "A renamed <source> & co"\n' + text[text.index("\n", title) + 1 :], encoding="utf-8")


def _resolve_one(corpus: Path) -> None:
    findings = json.loads((corpus / "report" / "findings.json").read_text(encoding="utf-8"))["findings"]
    target = next(f for f in findings if f["kind"] in ("conflict", "change", "stale") and f["status"] == "open")
    result = cli(["resolve", target["id"], "--decision", "wont-fix", "--note", "checked", "--reviewer", "tests",
                  "--date", "2026-01-02"], corpus)
    assert result.exit_code == 0, result.output


def _checker_setting(corpus: Path) -> None:
    with open(corpus / "claimcheck.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[checker]\nstale_after = "1y"\n')


def _grow_first_version(corpus: Path) -> None:
    """Prose without figures in the oldest version of the odd source: with small pages, the later
    versions' claims move to the source's next page, and the groups that only they are in (and
    so see no version of theirs change) must link them there."""
    path = corpus / "extras" / "latin1-2019-06-01.txt"
    path.write_bytes(path.read_bytes() + b"\nThe notes go on at length about nothing countable. " * 700)


EDITS = [_grow_first_version, edit_one_page, _edit_figure, _drop_version, _rename_source, _resolve_one, _checker_setting]


@pytest.mark.parametrize("budget", [None, 60_000], ids=["pages-as-planned", "small-pages"])
def test_reused_pages_give_the_report_a_fresh_run_writes(master_corpus: Path, tmp_path: Path, monkeypatch, budget) -> None:
    if budget is not None:
        # Small pages: groups and sources run over several pages, and an edit moves claims from
        # one page to the next, so the links into other families change while they do not.
        monkeypatch.setattr(site, "BUDGET", budget)
    corpus = copy_corpus(master_corpus, tmp_path)
    _run(corpus, "report")
    if budget is not None:
        names = _inodes(corpus / "report")
        assert any(p.startswith("groups/") and "-p2." in p for p in names)
        assert any(p.startswith("sources/") and "-p2." in p for p in names)
    reused_somewhere = False
    for edit in EDITS:
        before = _inodes(corpus / "report")
        edit(corpus)
        _run(corpus, "report")
        after = _inodes(corpus / "report")
        kept = {p for p, ino in after.items() if before.get(p) == ino}
        # Only pages are ever linked: every machine format and list is written anew.
        assert all(p.startswith(("groups/", "sources/")) for p in kept), (edit.__name__, sorted(kept)[:5])
        reused_somewhere |= bool(kept)
        _assert_fresh(corpus)
    assert reused_somewhere  # else this test proves nothing about reuse


def test_an_edited_report_page_is_rendered_again(master_corpus: Path, tmp_path: Path) -> None:
    corpus = copy_corpus(master_corpus, tmp_path)
    _run(corpus, "report")
    page = sorted((corpus / "report" / "groups").glob("*.html"))[0]
    page.write_bytes(page.read_bytes().replace(b"</main>", b"<p>tampered</p></main>"))
    edit_one_page(corpus)  # a real change too, so that the run is not skipped as up to date
    _run(corpus, "report")
    assert b"tampered" not in page.read_bytes()
    _assert_fresh(corpus)


def test_a_run_after_a_reusing_run_finds_its_report_up_to_date(master_corpus: Path, tmp_path: Path) -> None:
    """Linking a page and removing the old report change its ctime; the memo of the run must
    describe the report as it stands afterwards, or the next run would never be skipped."""
    corpus = copy_corpus(master_corpus, tmp_path)
    _run(corpus, "report")
    edit_one_page(corpus)
    # Files changed within two seconds of a run's look at them are "racy" (uptodate.py), and an
    # unreadable one (the corpus has a binary file) can then never be vouched for.
    time.sleep(2.1)
    _run(corpus, "report")
    folder = (corpus / "report").stat().st_ino
    _run(corpus, "report")
    assert (corpus / "report").stat().st_ino == folder  # not replaced: the run found nothing to do


def test_jobs_two_remembers_the_pages_of_both_processes(master_corpus: Path, tmp_path: Path, monkeypatch) -> None:
    from claimcheck.reports import files as files_mod

    monkeypatch.setattr(files_mod, "PARALLEL_MIN_COST", 0)  # fork even for this small report
    corpus = copy_corpus(master_corpus, tmp_path)
    _run(corpus, "report", "--jobs", "2")
    edit_one_page(corpus)
    before = _inodes(corpus / "report")
    _run(corpus, "report", "--jobs", "2")
    after = _inodes(corpus / "report")
    assert sum(1 for p, ino in after.items() if before.get(p) == ino) > len([p for p in after if p.startswith("groups/")]) // 2
    _assert_fresh(corpus)


def test_a_link_to_a_file_that_was_replaced_is_taken_back(tmp_path: Path) -> None:
    old = tmp_path / "old.html"
    old.write_text("remembered")
    remembered = identity_of(os.lstat(old))
    old.unlink()
    old.write_text("another run's page")  # what a concurrent run swapped in meanwhile
    root = tmp_path / "new"
    assert write_mod._write_file(root, "groups/a.html", Reused(old, remembered)) is False
    assert not (root / "groups" / "a.html").exists()


@pytest.mark.parametrize("same", [True, False])
def test_a_link_is_made_when_the_file_is_the_one_remembered(tmp_path: Path, same: bool) -> None:
    old = tmp_path / "old.html"
    old.write_text("remembered")
    remembered = identity_of(os.lstat(old))
    if not same:
        remembered = (remembered[0] + 1, *remembered[1:])
    root = tmp_path / "new"
    assert write_mod._write_file(root, "a.html", Reused(old, remembered)) is same
    assert (root / "a.html").exists() is same
