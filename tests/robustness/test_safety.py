"""Safety: nothing a config names is imported or run, YAML is read safely, git gets no options
from file names, and paths stay in the project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck.config import settings_from_dict
from claimcheck.errors import ConfigError

from claims.gitrepo import commit, init, needs_git  # tests/ is on sys.path: its folders are packages

SRC = Path(__file__).resolve().parents[2] / "src" / "claimcheck"
SOURCES = sorted(SRC.rglob("*.py"))

FORBIDDEN = {
    r"\byaml\.(?:load|load_all|unsafe_load|full_load)\s*\(": "YAML only through yaml.safe_load",
    r"\byaml\.(?:Unsafe|Full)?Loader\b": "YAML only through yaml.safe_load",
    r"(?<![\w.])eval\s*\(": "no eval",
    r"(?<![\w.])exec\s*\(": "no exec",
    r"__import__\s*\(": "no dynamic imports",
    r"\bimportlib\.(?:import_module|util|machinery)\b|\bimport_module\s*\(": "no dynamic imports",
    r"\bpickle\.loads?\s*\(": "no unpickling",
    r"\bmarshal\b": "no marshal",
    r"shell\s*=\s*True": "subprocesses get argument lists, never a shell",
    r"\bos\.(?:system|popen|exec\w*|spawn\w*)\s*\(": "no shell commands",
}


def test_sources_exist():
    assert len(SOURCES) > 20


@pytest.mark.parametrize("pattern", sorted(FORBIDDEN))
def test_no_dangerous_calls_in_the_package(pattern):
    hits = [
        f"{path.relative_to(SRC)}:{n}: {line.strip()}"
        for path in SOURCES
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(pattern, line) and not line.lstrip().startswith("#")
    ]
    assert hits == [], FORBIDDEN[pattern]


def test_only_the_git_reader_starts_programs():
    users = {str(p.relative_to(SRC)) for p in SOURCES if "subprocess" in p.read_text(encoding="utf-8")}
    assert users <= {"claims/versions.py"}


def test_a_config_cannot_name_code(tmp_path):
    # Unknown keys are errors: there is no key through which a module, plugin or hook could be named.
    for extra in ({"plugins": ["os"]}, {"hooks": {"pre": "rm -rf /"}}, {"extraction": {"module": "os"}}):
        with pytest.raises(ConfigError, match="unknown key"):
            settings_from_dict({"source": [{"id": "a", "versions": []}], **extra}, tmp_path / "c.toml")


@needs_git
def test_a_git_path_that_looks_like_an_option_is_only_a_path(tmp_path):
    repo = init(tmp_path / "repo")
    commit(repo, {"page.html": "x"}, "2020-01-01T00:00:00+00:00")
    for name in ("--output=pwned", "-p", "--exec=touch pwned"):
        with pytest.raises(ConfigError, match="never been committed|not inside"):
            settings_from_dict({"source": [{"id": "a", "versions": f"git:{name}"}]}, repo / "claimcheck.toml")
    assert not list(repo.rglob("pwned*")) and not list(tmp_path.rglob("pwned*"))


@needs_git
def test_git_reads_blobs_without_running_filters(tmp_path):
    # A repository's attributes can name a text-conversion command; reading history must not run it.
    repo = init(tmp_path / "repo")
    marker = tmp_path / "ran"
    commit(repo, {".gitattributes": "*.html diff=evil filter=evil\n", "page.html": "ICE has 5 offices."}, "2020-01-01T00:00:00+00:00")
    config = repo / ".git" / "config"
    config.write_text(
        config.read_text()
        + f'[diff "evil"]\n\ttextconv = touch {marker}\n[filter "evil"]\n\tsmudge = touch {marker}\n\tclean = cat\n'
        + f"[core]\n\tfsmonitor = touch {marker}\n\tpager = touch {marker}\n"
    )
    from claimcheck import api

    settings = settings_from_dict(
        {"source": [{"id": "a", "subject": "ICE", "versions": "git:page.html"}]}, repo / "claimcheck.toml"
    )
    result = api.run(settings)
    assert [c.value.stated for c in result.claims] == [5]
    assert not marker.exists()
