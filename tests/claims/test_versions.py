"""Tests for claims/versions.py and the `versions` forms of the config: globs, folders, git."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimcheck import api
from claimcheck.claims.versions import GitError, folder_files, git_history, parse_entry
from claimcheck.config import load_settings, parse_size, settings_from_dict
from claimcheck.errors import ConfigError

from .gitrepo import commit, git, init, needs_git

PAGE = "<html><body><h1>Who We Are</h1><p>ICE has more than {n} employees.</p></body></html>"


def _settings(root: Path, source: dict, **kwargs):
    return settings_from_dict({"source": [{"id": "page", "subject": "ICE", **source}]}, root / "claimcheck.toml", **kwargs)


def test_parse_entry():
    assert parse_entry("git:a/b.html") == ("git", "a/b.html")
    assert parse_entry("folder:who/") == ("folder", "who/")
    assert parse_entry("who/*.html") == ("path", "who/*.html")
    assert parse_entry("C:/x.html") == ("path", "C:/x.html")


# --------------------------------------------------------------------------------------------
# folders
# --------------------------------------------------------------------------------------------


def _folder(root: Path) -> Path:
    folder = root / "who-we-are"
    folder.mkdir(parents=True)
    (folder / "2020-05-13.html").write_text(PAGE.format(n="20,000") + "<p>Last Updated: 01/01/2019</p>")
    (folder / "2018-01-03.html").write_text(PAGE.format(n="19,000"))
    (folder / "capture.html").write_text(PAGE.format(n="21,000") + "<p>Last Updated: 06/01/2021</p>")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "old").mkdir()
    (folder / "old" / "2010-01-01.html").write_text(PAGE.format(n="1"))
    return folder


def test_folder_files_skips_hidden_files_and_subfolders(tmp_path):
    folder = _folder(tmp_path)
    assert [p.name for p in folder_files(folder)] == ["2018-01-03.html", "2020-05-13.html", "capture.html"]


@pytest.mark.parametrize("entry", ["folder:who-we-are/", "folder:who-we-are", "who-we-are", "who-we-are/"])
def test_folder_versions_are_dated_by_their_file_names(tmp_path, entry):
    _folder(tmp_path)
    for versions in (entry, [entry]):
        settings = _settings(tmp_path, {"versions": versions})
        specs = settings.sources[0].versions
        assert [s.display for s in specs] == [
            "who-we-are/2018-01-03.html", "who-we-are/2020-05-13.html", "who-we-are/capture.html",
        ]
        assert [(s.date, s.date_origin) for s in specs[:2]] == [
            (dt.date(2018, 1, 3), "filename"), (dt.date(2020, 5, 13), "filename"),
        ]
        assert specs[2].date is None  # no date in its name: detected from the text
    result = api.run(settings)
    versions = result.sources[0].versions
    # The file name wins over "Last Updated: 01/01/2019" in the 2020-05-13 capture.
    assert [(v.version, v.date_origin) for v in versions] == [
        ("2018-01-03", "filename"), ("2020-05-13", "filename"), ("2021-06-01", "text"),
    ]
    assert sorted(c.value.stated for c in result.claims) == [19000, 20000, 21000]


def test_empty_or_missing_folder_is_a_config_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match=r"versions entry 'folder:empty': the folder holds no files"):
        _settings(tmp_path, {"versions": "folder:empty"})
    with pytest.raises(ConfigError, match=r"versions entry 'folder:nope/': no such folder"):
        _settings(tmp_path, {"versions": "folder:nope/"})


def test_versions_must_be_strings(tmp_path):
    with pytest.raises(ConfigError, match="expected a string or a list of strings"):
        _settings(tmp_path, {"versions": 3})


def test_globs_and_tables_still_work(tmp_path):
    (tmp_path / "a.html").write_text(PAGE.format(n="1,000"))
    (tmp_path / "b.html").write_text(PAGE.format(n="2,000"))
    with pytest.raises(ConfigError, match="lists 'a.html' twice"):
        _settings(tmp_path, {"versions": ["*.html"], "version": [{"path": "a.html", "date": "none"}]})
    settings = _settings(
        tmp_path, {"versions": ["b.html"], "version": [{"path": "a.html", "date": dt.date(2019, 1, 1)}]}
    )
    specs = settings.sources[0].versions
    assert [(s.display, s.date, s.date_origin) for s in specs] == [
        ("b.html", None, "config"), ("a.html", dt.date(2019, 1, 1), "config"),
    ]
    with pytest.raises(ConfigError, match=r"version\[0\].path 'c.html': file not found"):
        _settings(tmp_path, {"version": [{"path": "c.html"}]})
    with pytest.raises(ConfigError, match="versions entry 'c.html' matches no file"):
        _settings(tmp_path, {"versions": "c.html"})


def test_a_table_naming_a_folder_is_an_unreadable_version(tmp_path):
    (tmp_path / "a.html").write_text(PAGE.format(n="1,000"))
    (tmp_path / "dir.html").mkdir()
    result = api.run(_settings(tmp_path, {"versions": ["a.html"], "version": [{"path": "dir.html"}]}))
    assert [(u.path, u.reason) for u in result.unreadable] == [("dir.html", "cannot read: is a directory")]


# --------------------------------------------------------------------------------------------
# the project root
# --------------------------------------------------------------------------------------------


def test_paths_outside_the_project_root_need_the_flag(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "outside.html").write_text(PAGE.format(n="5"))
    for source in (
        {"versions": ["../outside.html"]},
        {"versions": ["../*.html"]},
        {"version": [{"path": "../outside.html"}]},
        {"versions": "folder:.."},
        {"versions": [str(tmp_path / "outside.html")]},
    ):
        with pytest.raises(ConfigError, match="outside the project folder .*--allow-outside-root"):
            _settings(root, source)
    settings = _settings(root, {"versions": ["../outside.html"]}, allow_outside_root=True)
    assert settings.sources[0].versions[0].display == "../tmp_path/outside.html".replace("tmp_path", tmp_path.name)
    allowed = settings_from_dict(
        {"input": {"allow_outside_root": True}, "source": [{"id": "p", "versions": ["../outside.html"]}]},
        root / "claimcheck.toml",
    )
    assert allowed.input.allow_outside_root and len(allowed.sources[0].versions) == 1


def test_a_named_link_out_of_the_root_is_a_config_error(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("ICE has 5 offices.")
    (root / "page.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(ConfigError, match="'page.txt' is outside the project folder"):
        _settings(root, {"versions": ["page.txt"]})


def test_a_link_found_in_a_folder_is_an_unreadable_version(tmp_path):
    root = tmp_path / "project"
    (root / "pages").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("ICE has 5 offices.")
    (root / "pages" / "2020-01-01.txt").write_text("ICE has 6 offices.")
    (root / "pages" / "2021-01-01.txt").symlink_to(tmp_path / "secret.txt")
    result = api.run(_settings(root, {"versions": "pages"}))
    assert [c.value.stated for c in result.claims] == [6]
    (bad,) = result.unreadable
    assert bad.path == "pages/2021-01-01.txt"
    assert bad.reason.startswith("refused: a link to a file outside the project folder")
    allowed = api.run(_settings(root, {"versions": "pages"}, allow_outside_root=True))
    assert sorted(c.value.stated for c in allowed.claims) == [5, 6] and allowed.unreadable == ()


def test_load_settings_flag(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "outside.txt").write_text("x")
    (root / "claimcheck.toml").write_text('[[source]]\nid = "a"\nversions = ["../outside.txt"]\n')
    with pytest.raises(ConfigError):
        load_settings(root / "claimcheck.toml", root)
    assert load_settings(root / "claimcheck.toml", root, allow_outside_root=True).input.allow_outside_root


# --------------------------------------------------------------------------------------------
# the size cap
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "size"),
    [("50MiB", 50 * 2**20), ("50 MB", 50 * 10**6), ("500KB", 500_000), ("1.5 GiB", int(1.5 * 2**30)),
     ("2k", 2048), ("100", 100), (4096, 4096), ("10 bytes", 10)],
)
def test_parse_size(value, size):
    assert parse_size(value) == size


@pytest.mark.parametrize("value", ["", "lots", "-5MB", "0", 0, "5 TB", True, 1.5])
def test_parse_size_rejects(value):
    with pytest.raises(ConfigError, match="input.max_file_size|size"):
        parse_size(value, None, "input.max_file_size")


def test_size_cap_from_the_config(tmp_path):
    (tmp_path / "big.txt").write_text("ICE has 5 offices. " + "x" * 2000)
    (tmp_path / "small.txt").write_text("ICE has 6 offices.")
    settings = settings_from_dict(
        {"input": {"max_file_size": "1KiB"}, "source": [{"id": "p", "subject": "ICE", "versions": ["*.txt"]}]},
        tmp_path / "claimcheck.toml",
    )
    assert settings.input.max_file_size == 1024
    result = api.run(settings)
    assert [u.reason for u in result.unreadable] == [
        "too large: 2 KiB (2019 bytes), over the 1 KiB limit ([input] max_file_size)"
    ]
    assert [c.value.stated for c in result.claims] == [6]


def test_unknown_input_key_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="unknown key 'input.max_size'"):
        settings_from_dict({"input": {"max_size": "1MB"}, "source": [{"id": "p"}]}, tmp_path / "c.toml")


# --------------------------------------------------------------------------------------------
# git
# --------------------------------------------------------------------------------------------


@needs_git
def test_git_history_follows_renames_and_skips_unchanged_content(tmp_path):
    repo = init(tmp_path / "repo")
    body = "\n".join(f"Line {k} of a page long enough for rename detection." for k in range(10))
    first = commit(repo, {"old name.html": body + "\nICE has 1 office."}, "2020-01-01T10:00:00+00:00")
    second = commit(repo, {"old name.html": body + "\nICE has 2 offices."}, "2020-01-01T23:30:00+00:00")
    (repo / "pages").mkdir()
    git(repo, "mv", "old name.html", "pages/new.html")
    commit(repo, {}, "2021-03-01T00:00:00+00:00", "rename only")
    fourth = commit(repo, {"pages/new.html": body + "\nICE has 3 offices."}, "2021-04-01T12:00:00-07:00")
    revs = git_history(repo / "pages" / "new.html")
    assert [r.commit for r in revs] == [first, second, fourth]
    assert [r.path for r in revs] == ["old name.html", "old name.html", "pages/new.html"]
    # Committer dates in UTC: 12:00 at UTC-7 is 19:00 UTC, the same day.
    assert [r.date.isoformat() for r in revs] == ["2020-01-01", "2020-01-01", "2021-04-01"]


@needs_git
def test_git_versions_share_a_date_with_a_short_sha(tmp_path):
    repo = init(tmp_path)
    a = commit(repo, {"page.html": PAGE.format(n="1,000")}, "2020-01-01T08:00:00+00:00")
    b = commit(repo, {"page.html": PAGE.format(n="2,000")}, "2020-01-01T20:00:00+00:00")
    settings = _settings(repo, {"versions": "git:page.html"})
    result = api.run(settings)
    versions = result.sources[0].versions
    assert [v.version for v in versions] == [f"2020-01-01 ({a[:7]})", f"2020-01-01 ({b[:7]})"]
    assert {v.date_origin for v in versions} == {"git"}
    assert versions[0].date_evidence == f"commit {a} committed 2020-01-01T08:00:00Z"
    assert [c.value.stated for c in result.claims] == [1000, 2000]


@needs_git
def test_a_deleted_file_still_has_its_history(tmp_path):
    repo = init(tmp_path)
    commit(repo, {"page.html": PAGE.format(n="1,000"), "keep.txt": "x"}, "2020-01-01T08:00:00+00:00")
    git(repo, "rm", "-q", "page.html")
    commit(repo, {}, "2020-02-01T08:00:00+00:00", "delete")
    result = api.run(_settings(repo, {"versions": "git:page.html"}))
    assert [v.version for v in result.sources[0].versions] == ["2020-01-01"]


@needs_git
def test_git_errors_are_config_errors_naming_the_file(tmp_path):
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "page.html").write_text("x")
    with pytest.raises(ConfigError, match=r"versions entry 'git:page.html': not in a git repository") as info:
        _settings(plain, {"versions": "git:page.html"})
    assert str(plain / "claimcheck.toml") in str(info.value)
    repo = init(tmp_path / "repo")
    commit(repo, {"other.html": "x"}, "2020-01-01T00:00:00+00:00")
    (repo / "new.html").write_text("not committed")
    with pytest.raises(ConfigError, match=r"'git:new.html': 'new.html' has never been committed"):
        _settings(repo, {"versions": "git:new.html"})
    with pytest.raises(ConfigError, match="names no file"):
        _settings(repo, {"versions": "git:"})
    (repo / "sub").mkdir()
    with pytest.raises(ConfigError, match="outside the project folder"):
        _settings(repo / "sub", {"versions": "git:../other.html"})


@needs_git
def test_git_over_the_size_cap_is_unreadable(tmp_path):
    repo = init(tmp_path)
    sha = commit(repo, {"page.txt": "ICE has 5 offices. " * 100}, "2020-01-01T00:00:00+00:00")
    settings = settings_from_dict(
        {"input": {"max_file_size": 100}, "source": [{"id": "p", "versions": "git:page.txt"}]}, repo / "claimcheck.toml"
    )
    (bad,) = api.run(settings).unreadable
    assert bad.path == f"page.txt@{sha[:7]}" and bad.reason.startswith("too large: 1.9 KiB (1900 bytes)")


def test_git_missing_binary_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git anywhere on it
    (tmp_path / "page.html").write_text("x")
    with pytest.raises(GitError, match="git is not installed"):
        git_history(tmp_path / "page.html")


@needs_git
def test_nothing_from_the_environment_redirects_git(tmp_path, monkeypatch):
    # GIT_DIR in the caller's environment must not make us read another repository.
    repo = init(tmp_path / "repo")
    sha = commit(repo, {"page.html": "x"}, "2020-01-01T00:00:00+00:00")
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere.git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(tmp_path))
    assert [r.commit for r in git_history(repo / "page.html")] == [sha]
