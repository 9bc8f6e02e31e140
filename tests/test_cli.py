"""`claimcheck run` through click's CliRunner: outputs, determinism, exit codes and error messages."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.checker.outcome import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from claimcheck.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "ice"

CLAIM_FIELDS = {"id", "source", "version", "path", "subject", "measure", "scope", "value", "period", "as_of", "evidence"}
VALUE_FIELDS = {
    "stated", "unit", "bound", "low", "high", "low_inclusive", "high_inclusive",
    "likely_low", "likely_high", "inherited_hedge",
}  # fmt: skip
EVIDENCE_FIELDS = {"quote", "sentence", "start", "end", "line", "column"}
VERSION_FIELDS = {"version", "date", "date_origin", "path", "sha256"}
FINDING_FIELDS = {
    "id", "kind", "severity", "subject", "measure", "scope", "period", "claims",
    "evidence_digest", "message", "status", "resolution",
}  # fmt: skip


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A private copy of the example corpus, so tests may edit it."""
    target = tmp_path / "ice"
    shutil.copytree(EXAMPLE, target)
    return target


def _run(args: list[str], cwd: Path):
    """Invoke the CLI as if started in ``cwd`` (config discovery and --out are relative to it)."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def test_run_writes_the_report_and_two_runs_are_byte_identical(corpus: Path, tmp_path: Path):
    first = _run(["run", "--out", str(tmp_path / "a")], corpus)
    second = _run(["run", "--config", str(corpus / "claimcheck.toml"), "--out", str(tmp_path / "b")], tmp_path)
    assert first.exit_code == EXIT_OK, first.output
    assert second.exit_code == EXIT_OK, second.output
    for name in ("index.html", "claims.json", "findings.json"):
        a = (tmp_path / "a" / name).read_bytes()
        assert a == (tmp_path / "b" / name).read_bytes(), name
        assert a.endswith(b"\n")


def test_json_files_carry_every_listed_field(corpus: Path, tmp_path: Path):
    result = _run(["run", "--out", str(tmp_path / "r")], corpus)
    assert result.exit_code == EXIT_OK, result.output
    claims = json.loads((tmp_path / "r" / "claims.json").read_text(encoding="utf-8"))
    findings = json.loads((tmp_path / "r" / "findings.json").read_text(encoding="utf-8"))
    assert claims["format_version"] == 1 and findings["format_version"] == 1
    assert len(claims["sources"]) == 5 and claims["claims"]
    for source in claims["sources"]:
        assert {"id", "title", "publisher", "url", "versions"} <= source.keys()
        for version in source["versions"]:
            assert VERSION_FIELDS <= version.keys()
            assert not Path(version["path"]).is_absolute()
    for claim in claims["claims"]:
        assert CLAIM_FIELDS <= claim.keys()
        assert VALUE_FIELDS <= claim["value"].keys()
        assert EVIDENCE_FIELDS <= claim["evidence"].keys()
        assert claim["value"]["bound"] in {"exact", "approx", "lower", "upper", "range"}
        assert claim["period"] is None or {"label", "start", "end"} <= claim["period"].keys()
        assert claim["evidence"]["line"] >= 1 and claim["evidence"]["column"] >= 1
    assert findings["findings"]
    ids = {c["id"] for c in claims["claims"]}
    for finding in findings["findings"]:
        assert FINDING_FIELDS <= finding.keys()
        assert set(finding["claims"]) <= ids
        assert finding["status"] == "open"
    # Canonical JSON: what json.dumps(sort_keys, indent=2) would write.
    text = (tmp_path / "r" / "claims.json").read_text(encoding="utf-8")
    assert text == json.dumps(claims, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_evidence_line_and_column_point_into_the_original_file(corpus: Path, tmp_path: Path):
    _run(["run", "--out", str(tmp_path / "r")], corpus)
    claims = json.loads((tmp_path / "r" / "claims.json").read_text(encoding="utf-8"))["claims"]
    checked = 0
    for claim in claims:
        lines = (corpus / claim["path"]).read_text(encoding="utf-8").splitlines()
        ev = claim["evidence"]
        at = lines[ev["line"] - 1][ev["column"] - 1 :]
        first_word = ev["quote"].split()[0]
        if "&" in at[: len(first_word) + 8]:
            continue  # an entity in the source: the quote holds the decoded character
        assert at.startswith(first_word), (claim["path"], ev)
        checked += 1
    assert checked > 20


def test_fail_on_change_exits_1_and_never_exits_0(corpus: Path, tmp_path: Path):
    assert _run(["run", "--fail-on", "change", "--out", str(tmp_path / "r")], corpus).exit_code == EXIT_FINDINGS
    assert _run(["run", "--fail-on", "stale", "--out", str(tmp_path / "r")], corpus).exit_code == EXIT_FINDINGS
    assert _run(["run", "--fail-on", "never", "--out", str(tmp_path / "r")], corpus).exit_code == EXIT_OK


def test_a_same_period_contradiction_fails_the_run(corpus: Path, tmp_path: Path):
    page = corpus / "contradiction.md"
    page.write_text(
        "# HSI\n\nLast Updated: 05/20/2020\n\nHSI employs 7,500 employees across the country.\n",
        encoding="utf-8",
    )
    config = corpus / "claimcheck.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[[source]]\nid = "contradiction"\nversions = ["contradiction.md"]\n',
        encoding="utf-8",
    )
    result = _run(["run", "--out", str(tmp_path / "r")], corpus)
    assert result.exit_code == EXIT_FINDINGS, result.output
    assert "conflict: HSI employees" in result.output


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda t: t + "\n[checker]\ncolour = 1\n" if "[checker]" not in t else t.replace("[checker]", "[checker]\ncolour = 1"),
         "unknown key 'checker.colour'"),
        (lambda t: t.replace('versions = ["offices.html"]', 'versions = ["missing.html"]'),
         "versions entry 'missing.html' matches no file"),
        (lambda t: t.replace('date = "none"', 'date = "2018-02-30"'), "is not a date"),
        (lambda t: t.replace('id = "ice-offices"', 'id = "ice-who-we-are"'), "repeats source"),
        (lambda t: t + "\n[[source\n", "invalid TOML"),
        (lambda t: t + '\n[extraction]\ndollar = "Aussie"\n' if "[extraction]" not in t
         else t.replace("[extraction]", '[extraction]\ndollar = "Aussie"'),
         "extraction.dollar = 'Aussie' is not a three-letter ISO currency code"),
    ],
    ids=["unknown-key", "missing-file", "malformed-date", "duplicate-id", "bad-toml", "bad-dollar"],
)  # fmt: skip
def test_bad_config_exits_2_with_one_line_naming_file_and_problem(corpus: Path, tmp_path: Path, edit, expected):
    config = corpus / "claimcheck.toml"
    config.write_text(edit(config.read_text(encoding="utf-8")), encoding="utf-8")
    result = _run(["run", "--out", str(tmp_path / "r")], corpus)
    assert result.exit_code == EXIT_ERROR
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert str(config) in lines[0] and expected in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "r").exists()


def test_missing_config_file_exits_2(tmp_path: Path):
    result = _run(["run", "--config", str(tmp_path / "nope.toml")], tmp_path)
    assert result.exit_code == EXIT_ERROR
    assert "nope.toml: config file not found" in result.output


def test_no_config_found_exits_2(tmp_path: Path):
    result = _run(["run"], tmp_path)
    assert result.exit_code == EXIT_ERROR
    assert "no claimcheck.toml" in result.output


def test_unknown_fail_on_is_a_usage_error(corpus: Path):
    assert _run(["run", "--fail-on", "sometimes"], corpus).exit_code == 2


def test_python_dash_m_runs(corpus: Path, tmp_path: Path):
    import subprocess
    import sys

    out = tmp_path / "r"
    proc = subprocess.run(
        [sys.executable, "-m", "claimcheck", "run", "--quiet", "--out", str(out)],
        cwd=corpus,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == EXIT_OK, proc.stderr
    assert (out / "index.html").is_file()
