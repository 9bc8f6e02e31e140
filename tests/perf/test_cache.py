"""The SQLite cache: cached output is byte-identical to uncached output, keys follow what extraction
depends on, damaged files and rows are rebuilt or dropped, and concurrent runs share one cache."""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from pathlib import Path

import attrs
import pytest

from claimcheck import codeversion, pipeline
from claimcheck.cache import FILE_NAME, SCHEMA_VERSION, Cache
from claimcheck.config import load_settings

from .corpus import REPO, copy_corpus, edit_one_page, report

BINARY = "extras/binary-2018-01-01.txt"
EXAMPLES = sorted(p.name for p in (REPO / "examples").iterdir() if (p / "claimcheck.toml").exists())


def _execution(folder: Path, **kwargs) -> pipeline.Execution:
    return pipeline.Execution(cache=Cache.open(folder, pipeline.code_fingerprint()), **kwargs)


class _Counter:
    """Counts pipeline.process calls: what was loaded and extracted rather than read from the cache."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paths: list[str] = []
        real = pipeline.process

        def counted(task: pipeline.Task, readings: pipeline.Readings | None = None) -> pipeline.Computed:
            self.paths.append(task.path)
            return real(task, readings)

        monkeypatch.setattr(pipeline, "process", counted)


def test_cold_and_warm_runs_equal_an_uncached_run_byte_for_byte(master_corpus, reference, tmp_path, monkeypatch):
    counter = _Counter(monkeypatch)
    cold = report(master_corpus, _execution(tmp_path / "cache"))
    assert cold == reference
    # Every version once, plus the one whose label its sibling decides.
    assert len(counter.paths) == 46 + 1
    counter.paths.clear()
    warm = report(master_corpus, _execution(tmp_path / "cache"))
    assert warm == reference
    assert counter.paths == [BINARY]  # only the unreadable file is tried again: failures are never cached


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_reads_back_from_the_cache_exactly(example, tmp_path):
    corpus = tmp_path / example
    shutil.copytree(REPO / "examples" / example, corpus, ignore=shutil.ignore_patterns(".claimcheck-cache"))
    plain = report(corpus)
    assert report(corpus, _execution(tmp_path / "cache")) == plain
    assert report(corpus, _execution(tmp_path / "cache")) == plain


def test_one_changed_document_is_the_only_one_extracted_again(master_corpus, tmp_path, monkeypatch):
    corpus = copy_corpus(master_corpus, tmp_path)
    report(corpus, _execution(tmp_path / "cache"))
    page = edit_one_page(corpus)
    expected = report(corpus)
    counter = _Counter(monkeypatch)
    assert report(corpus, _execution(tmp_path / "cache")) == expected
    assert sorted(counter.paths) == sorted([page.relative_to(corpus).as_posix(), BINARY])


def test_the_key_follows_the_settings_and_the_source_not_the_file_name(master_corpus, tmp_path, monkeypatch):
    corpus = copy_corpus(master_corpus, tmp_path)
    report(corpus, _execution(tmp_path / "cache"))
    config = corpus / "claimcheck.toml"
    original = config.read_text(encoding="utf-8")


    def again(text: str) -> list[str]:
        config.write_text(text, encoding="utf-8")
        expected = report(corpus)
        counter = _Counter(monkeypatch)
        assert report(corpus, _execution(tmp_path / "cache")) == expected
        monkeypatch.undo()
        return sorted({Path(p).parent.name for p in counter.paths} - {"extras"})

    # day_first changes how every date is read: everything again.
    assert len(again(original + "\n[extraction]\nday_first = true\n")) == 40 // 8
    # Claim ids are built from the source id.
    assert again(original.replace('id = "s00001"', 'id = "renamed"')) == ["s00001"]
    # A source's default subject is what extraction falls back to.
    assert again(original.replace('id = "s00003"', 'id = "s00003"\nsubject = "HSI"')) == ["s00003"]
    assert again(original) == []


def test_new_extraction_code_does_not_read_old_entries(master_corpus, tmp_path, monkeypatch):
    report(master_corpus, _execution(tmp_path / "cache"))
    pipeline.code_fingerprint()
    monkeypatch.setattr(pipeline, "code_fingerprint", lambda: "an edited extractor")
    counter = _Counter(monkeypatch)
    report(master_corpus, pipeline.Execution(cache=Cache.open(tmp_path / "cache", "an edited extractor")))
    assert len(counter.paths) == 47


def test_the_fingerprint_covers_the_extraction_source_files():
    package = Path(pipeline.__file__).parent
    covered = {p.relative_to(package).as_posix() for pattern in codeversion._EXTRACTION_FILES for p in package.glob(pattern)}
    assert {"claims/extract.py", "claims/quantities.py", "claims/text.py", "claims/load.py", "serialize.py"} <= covered
    assert pipeline.code_fingerprint() == codeversion.extraction_code()


def test_a_claim_set_that_would_not_read_back_exactly_is_used_but_not_cached(master_corpus, reference, tmp_path, monkeypatch):
    real = pipeline.encode_claims
    monkeypatch.setattr(pipeline, "encode_claims", lambda claims: real(claims[:-1] if claims else claims))
    cache = Cache.open(tmp_path / "cache", pipeline.code_fingerprint())
    assert report(master_corpus, pipeline.Execution(cache=cache)) == reference
    assert cache.info().claims == 0  # every version here has claims, so every one lost one: none stored


# --- Damaged caches. -------------------------------------------------------------------------


def _damage_file(path: Path, how: str) -> None:
    if how == "garbage":
        path.write_bytes(b"this is not a database, just some bytes " * 100)
    elif how == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif how == "schema":
        with sqlite3.connect(path) as conn:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    elif how == "foreign":
        path.unlink()
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE notes (text TEXT)")
    elif how == "empty":
        path.write_bytes(b"")


@pytest.mark.parametrize("how", ["garbage", "truncated", "schema", "foreign", "empty"])
def test_a_damaged_cache_file_is_rebuilt_not_trusted(how, master_corpus, reference, tmp_path):
    report(master_corpus, _execution(tmp_path / "cache"))
    _checkpoint(tmp_path / "cache" / FILE_NAME)
    _damage_file(tmp_path / "cache" / FILE_NAME, how)
    cache = Cache.open(tmp_path / "cache", pipeline.code_fingerprint())
    if how != "empty":  # an empty file is a new database, nothing to distrust
        assert cache.rebuilt, how
    assert cache.broken is None
    assert report(master_corpus, pipeline.Execution(cache=cache)) == reference
    assert cache.info().documents == 45
    assert report(master_corpus, _execution(tmp_path / "cache")) == reference


def _checkpoint(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_a_damaged_page_met_in_a_run_gets_the_whole_file_checked_and_rebuilt_next_time(master_corpus, reference, tmp_path):
    # Opening checks the header, not every page (that reads the whole file on every run): a page
    # SQLite cannot read fails the cache for the run that meets it, and marks the file.
    report(master_corpus, _execution(tmp_path / "cache"))
    path = tmp_path / "cache" / FILE_NAME
    _checkpoint(path)
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    pages = len(data) // page_size
    for n in range(1, pages):  # every page but the header's: the b-trees are garbage now
        data[n * page_size : (n + 1) * page_size] = bytes((n * 7 + i) % 251 for i in range(page_size))
    path.write_bytes(bytes(data))
    cache = Cache.open(tmp_path / "cache", pipeline.code_fingerprint())
    assert cache.rebuilt is None  # the header is whole
    assert report(master_corpus, pipeline.Execution(cache=cache)) == reference
    assert cache.broken and "malformed" in cache.broken
    assert (tmp_path / "cache" / "damaged").exists()
    again = Cache.open(tmp_path / "cache", pipeline.code_fingerprint())
    assert again.rebuilt and again.broken is None
    assert not (tmp_path / "cache" / "damaged").exists()
    assert report(master_corpus, pipeline.Execution(cache=again)) == reference
    assert again.info().documents == 45


@pytest.mark.parametrize("how", ["payload", "checksum", "undecodable"])
def test_a_damaged_row_is_dropped_and_computed_again(how, master_corpus, reference, tmp_path, monkeypatch):
    report(master_corpus, _execution(tmp_path / "cache"))
    with sqlite3.connect(tmp_path / "cache" / FILE_NAME) as conn:
        if how == "payload":  # bit rot: the checksum no longer matches
            conn.execute("UPDATE entries SET payload = substr(payload, 1, 40) || 'x' || substr(payload, 42)")
        elif how == "checksum":
            conn.execute("UPDATE entries SET checksum = zeroblob(16) WHERE kind = 'claims'")
        else:  # written whole, but not a shape this code reads: the checksum matches, decoding fails
            from claimcheck.cache import _checksum

            rows = conn.execute("SELECT key FROM entries WHERE kind = 'claims'").fetchall()
            for (key,) in rows:
                payload = b'[{"id": 1}]'
                conn.execute("UPDATE entries SET payload = ?, checksum = ? WHERE key = ?", (payload, _checksum(key, payload), key))
    counter = _Counter(monkeypatch)
    cache = Cache.open(tmp_path / "cache", pipeline.code_fingerprint())
    assert report(master_corpus, pipeline.Execution(cache=cache)) == reference
    assert cache.dropped >= 45 and len(counter.paths) == 47
    counter.paths.clear()
    assert report(master_corpus, _execution(tmp_path / "cache")) == reference
    assert counter.paths == [BINARY]  # and the rows were written anew


def test_a_cache_that_cannot_be_written_is_given_up_without_failing_the_run(master_corpus, reference, tmp_path):
    cache = Cache.open(tmp_path / "cache", pipeline.code_fingerprint())
    cache._conn.execute("PRAGMA query_only = ON")
    assert report(master_corpus, pipeline.Execution(cache=cache)) == reference
    assert cache.broken and "cannot write" in cache.broken


# --- Concurrent runs. ------------------------------------------------------------------------


def _run_in_child(corpus: str, cache_dir: str, queue) -> None:
    cache = Cache.open(Path(cache_dir), pipeline.code_fingerprint())
    queue.put((report(Path(corpus), pipeline.Execution(cache=cache)), cache.broken, cache.rebuilt))


def test_two_runs_filling_one_cache_at_once_both_get_the_right_report(master_corpus, reference, tmp_path):
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    children = [
        context.Process(target=_run_in_child, args=(str(master_corpus), str(tmp_path / "cache"), queue)) for _ in range(2)
    ]
    for child in children:
        child.start()
    results = [queue.get(timeout=600) for _ in children]
    for child in children:
        child.join(60)
        assert child.exitcode == 0
    for got, broken, rebuilt in results:
        assert (broken, rebuilt) == (None, None)
        assert got == reference
    facts = Cache.open(tmp_path / "cache", pipeline.code_fingerprint()).info()
    assert (facts.documents, facts.claims) == (45, 46)


def test_a_worker_running_other_code_refuses(master_corpus):
    settings = load_settings(master_corpus / "claimcheck.toml", master_corpus)
    spec = settings.sources[0]
    data, kind, path = pipeline.read_version(spec.versions[0], settings.input.max_file_size)
    task = pipeline.Task(spec.id, spec.subject, spec.versions[0], data, kind, path, settings.extraction, "other code")
    with pytest.raises(pipeline.OtherCode, match="other claimcheck code"):
        pipeline.process(task)
    assert pipeline.process(attrs.evolve(task, code=pipeline.code_fingerprint())).claims


def test_get_many_gives_the_rows_present_and_drops_damaged_ones(tmp_path):
    from claimcheck.cache import Row

    with Cache.open(tmp_path / "c", "code") as cache:
        cache.put(Row(f"k{i}", "document", f"payload {i}".encode()) for i in range(1200))
        cache._conn.execute("UPDATE entries SET payload = X'00' WHERE key = 'k7'")
        keys = [f"k{i}" for i in range(0, 1300, 1)] + ["k3", "k3"]  # past the parameter limit, repeats, absent keys
        found = cache.get_many(keys)
        assert found == {f"k{i}": f"payload {i}".encode() for i in range(1200) if i != 7}
        assert cache.dropped == 1 and cache.get("k7") is None
        assert cache.get_many([]) == {}
