"""`claimcheck cache info|clear`, and the cache a default `claimcheck run` keeps beside its config."""

from __future__ import annotations

from claimcheck import api
from claimcheck.cache import DEFAULT_DIR, FILE_NAME
from claimcheck.checker.diff import may_have_history
from claimcheck.checker.group import group_claims
from claimcheck.config import load_settings

from .corpus import cli, copy_corpus


def _verdict_rows(corpus) -> int:
    """One row of checker verdicts per group of two or more claims and per source with a history."""
    result = api.run(load_settings(corpus / "claimcheck.toml", corpus))
    return sum(len(m) > 1 for m in group_claims(result.claims).values()) + sum(map(may_have_history, result.sources))


def test_run_keeps_its_cache_beside_the_config_and_git_ignores_it(master_corpus, tmp_path):
    corpus = copy_corpus(master_corpus, tmp_path)
    assert cli(["run", "--jobs", "1", "--quiet", "--out", str(tmp_path / "r")], tmp_path / "corpus").exit_code == 1
    folder = corpus / DEFAULT_DIR
    assert (folder / FILE_NAME).is_file()
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_info_then_clear(master_corpus, tmp_path):
    corpus = copy_corpus(master_corpus, tmp_path)
    before = cli(["cache", "info"], corpus)
    assert before.exit_code == 0 and "no cache file yet" in before.output
    cli(["run", "--jobs", "1", "--quiet", "--out", str(tmp_path / "r")], corpus)
    info = cli(["cache", "info"], corpus)
    assert info.exit_code == 0, info.output
    assert f"cache: {corpus / DEFAULT_DIR / FILE_NAME}" in info.output
    assert "documents: 45\n" in info.output and "claim sets: 46\n" in info.output
    assert "remembered runs: 1\n" in info.output  # the run's report folder (claimcheck.uptodate)
    verdicts = _verdict_rows(corpus)
    assert f"checker verdicts: {verdicts}\n" in info.output
    assert "remembered report pages: 1\n" in info.output  # the run's report folder (claimcheck.pagememo)
    assert f"written by this code: {93 + verdicts} of {93 + verdicts} entries" in info.output
    cleared = cli(["cache", "clear", "--config", str(corpus / "claimcheck.toml")], tmp_path)
    assert cleared.exit_code == 0 and "cleared" in cleared.output
    assert "documents: 0\n" in cli(["cache", "info"], corpus).output


def test_cache_dir_wins_and_no_cache_writes_nothing(master_corpus, tmp_path):
    corpus = copy_corpus(master_corpus, tmp_path)
    cli(["run", "--jobs", "1", "--quiet", "--no-cache", "--out", str(tmp_path / "r")], corpus)
    assert not (corpus / DEFAULT_DIR).exists()
    cli(["run", "--jobs", "1", "--quiet", "--cache-dir", str(tmp_path / "elsewhere"), "--out", str(tmp_path / "r")], corpus)
    assert not (corpus / DEFAULT_DIR).exists()
    assert "documents: 45" in cli(["cache", "info", "--cache-dir", str(tmp_path / "elsewhere")], tmp_path).output


def test_a_damaged_cache_is_reported_and_rebuilt(master_corpus, tmp_path):
    corpus = copy_corpus(master_corpus, tmp_path)
    (corpus / DEFAULT_DIR).mkdir()
    (corpus / DEFAULT_DIR / FILE_NAME).write_bytes(b"garbage " * 1000)
    result = cli(["run", "--jobs", "1", "--out", str(tmp_path / "r")], corpus)
    assert result.exit_code == 1
    assert "could not be trusted" in result.output and "rebuilt" in result.output
    assert "documents: 45" in cli(["cache", "info"], corpus).output


def test_cache_without_a_config_names_the_problem(tmp_path):
    result = cli(["cache", "info"], tmp_path)
    assert result.exit_code == 2
    assert "no claimcheck.toml" in result.output


def test_prune_deletes_only_what_other_code_wrote(master_corpus, tmp_path):
    from claimcheck.cache import Cache, Row
    from claimcheck.codeversion import extraction_code

    corpus = copy_corpus(master_corpus, tmp_path)
    assert cli(["run", "--jobs", "1", "--quiet", "--out", str(tmp_path / "r")], corpus).exit_code == 1
    with Cache.open(corpus / DEFAULT_DIR, "an older claimcheck") as old:
        old.put([Row(f"old-{i}", "claims", b"x" * 50_000) for i in range(40)])
    info = cli(["cache", "info"], corpus).output
    current = 93 + _verdict_rows(corpus)  # 45 documents, 46 claim sets, the run, its pages
    assert f"written by this code: {current} of {current + 40} entries" in info
    assert "`claimcheck cache prune` deletes the 40 entries" in info
    pruned = cli(["cache", "prune"], corpus)
    assert pruned.exit_code == 0, pruned.output
    assert "deleted 40 entries of other code" in pruned.output
    info = cli(["cache", "info"], corpus).output
    assert f"written by this code: {current} of {current} entries" in info and "cache prune" not in info
    with Cache.open(corpus / DEFAULT_DIR, extraction_code()) as current:
        assert current.get("old-0") is None
    assert "deleted 0 entries" in cli(["cache", "prune"], corpus).output


def test_prune_and_clear_of_a_locked_cache_say_so_without_a_traceback(master_corpus, tmp_path, monkeypatch):
    import sqlite3

    from claimcheck import cache as cache_mod

    corpus = copy_corpus(master_corpus, tmp_path)
    cli(["run", "--jobs", "1", "--quiet", "--out", str(tmp_path / "r")], corpus)
    monkeypatch.setattr(cache_mod, "_BUSY_MS", 50)  # do not wait a minute for the lock below
    holder = sqlite3.connect(corpus / DEFAULT_DIR / FILE_NAME)
    holder.execute("BEGIN IMMEDIATE")  # another run writing
    try:
        for command, what in (("prune", "could not prune"), ("clear", "could not clear")):
            result = cli(["cache", command], corpus)
            assert result.exit_code == 1, result.output
            assert what in result.output and "database is locked" in result.output
            assert "another claimcheck may be using the cache" in result.output
            assert "Traceback" not in result.output
    finally:
        holder.rollback()
        holder.close()
    assert "documents: 45\n" in cli(["cache", "info"], corpus).output  # nothing was deleted


def test_prune_says_when_it_found_the_cache_damaged(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / FILE_NAME).write_bytes(b"garbage " * 1000)
    result = cli(["cache", "prune", "--cache-dir", str(folder)], tmp_path)
    assert result.exit_code == 0, result.output
    assert "rebuilt: it could not be trusted" in result.output and "deleted 0 entries" in result.output
