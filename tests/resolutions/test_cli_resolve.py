"""`claimcheck resolve`, `claimcheck resolutions` and resolutions in `claimcheck run`, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.checker.outcome import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from claimcheck.resolutions import read_resolutions

from .corpus import cli, finding_of_kind, ice_copy, ice_with_conflict, run_api, set_budget_figure

NO_REVIEWER = {"CLAIMCHECK_REVIEWER": None}


def _resolve(corpus: Path, finding: str, *extra: str, reviewer: str | None = "alice"):
    args = ["resolve", finding, *extra, "--date", "2026-11-25"]
    if reviewer:
        args += ["--reviewer", reviewer]
    return cli(args, corpus, env=NO_REVIEWER)


def test_resolve_then_run_passes_and_a_changed_figure_fails_again(tmp_path: Path):
    corpus = ice_with_conflict(tmp_path)
    conflict = finding_of_kind(run_api(corpus), "conflict")
    assert cli(["run", "--out", str(tmp_path / "r0")], corpus).exit_code == EXIT_FINDINGS

    got = _resolve(
        corpus, conflict.id, "--decision", "source-preferred", "--prefer", "ice-who-we-are", "--note", "the FY2020 figure"
    )
    assert got.exit_code == EXIT_OK, got.output
    assert f"added {conflict.id}: source-preferred in claimcheck-resolutions.toml" in got.output
    (entry,) = read_resolutions(corpus / "claimcheck-resolutions.toml").resolutions
    assert entry.evidence_digest == conflict.evidence_digest
    assert entry.evidence == ("budget-note.md: approximately $6 billion", "who-we-are.html: approximately $8 billion")
    assert (entry.reviewer, entry.date.isoformat(), entry.preferred_source) == ("alice", "2026-11-25", "ice-who-we-are")

    ran = cli(["run", "--out", str(tmp_path / "r1")], corpus)
    assert ran.exit_code == EXIT_OK, ran.output
    findings = {f["id"]: f for f in json.loads((tmp_path / "r1" / "findings.json").read_text())["findings"]}
    assert findings[conflict.id]["status"] == "resolved"
    assert findings[conflict.id]["resolution"]["accepted_value"] == "approximately $8 billion"
    assert findings[conflict.id]["resolution"]["preferred_source"] == "ice-who-we-are"

    set_budget_figure(corpus, "$5 billion")
    ran = cli(["run", "--out", str(tmp_path / "r2")], corpus)
    assert ran.exit_code == EXIT_FINDINGS, ran.output
    assert f"[{conflict.id}] (needs re-review" in ran.output
    again = {f["id"]: f for f in json.loads((tmp_path / "r2" / "findings.json").read_text())["findings"]}[conflict.id]
    assert again["status"] == "needs-re-review"
    assert again["resolution"]["recorded_evidence"] == list(entry.evidence)
    assert again["resolution"]["current_evidence"] == [
        "budget-note.md: approximately $5 billion",
        "who-we-are.html: approximately $8 billion",
    ]
    assert "accepted_value" not in again["resolution"]  # never carried over to evidence it was not chosen on


def test_resolving_again_replaces_the_entry_in_place(tmp_path: Path):
    corpus = ice_copy(tmp_path)
    path = corpus / "claimcheck-resolutions.toml"
    path.write_text("# ours\n\n[[resolution]]\nfinding = \"f-gone\"\ndecision = \"wont-fix\"\n", encoding="utf-8")
    change = finding_of_kind(run_api(corpus), "change")
    assert _resolve(corpus, change.id, "--decision", "expected-change", "--note", "first").exit_code == EXIT_OK
    got = _resolve(corpus, change.id, "--decision", "false-positive")
    assert got.exit_code == EXIT_OK and f"updated {change.id}" in got.output
    entries = read_resolutions(path).resolutions
    assert [(r.finding, r.decision, r.note) for r in entries] == [
        ("f-gone", "wont-fix", None),
        (change.id, "false-positive", None),
    ]
    assert path.read_text(encoding="utf-8").startswith("# ours\n")


def test_an_unknown_finding_is_an_error_that_suggests_close_ids(tmp_path: Path):
    corpus = ice_copy(tmp_path)
    change = finding_of_kind(run_api(corpus), "change")
    got = _resolve(corpus, change.id[:-2], "--decision", "wont-fix")
    assert got.exit_code == EXIT_ERROR
    assert f"no finding '{change.id[:-2]}' in this run; did you mean {change.id}" in got.output
    got = _resolve(corpus, "f-0000000000000000", "--decision", "wont-fix")
    assert got.exit_code == EXIT_ERROR and "no finding 'f-0000000000000000'" in got.output
    assert not (corpus / "claimcheck-resolutions.toml").exists()


def test_preferred_source_is_checked_against_the_finding(tmp_path: Path):
    corpus = ice_with_conflict(tmp_path)
    conflict = finding_of_kind(run_api(corpus), "conflict")
    got = _resolve(corpus, conflict.id, "--decision", "source-preferred", "--prefer", "what-is-ice")
    assert got.exit_code == EXIT_ERROR
    assert "'what-is-ice' is not a source of" in got.output and "budget-note, ice-who-we-are" in got.output
    got = _resolve(corpus, conflict.id, "--decision", "source-preferred")
    assert got.exit_code == EXIT_ERROR and "needs the preferred source" in got.output
    got = _resolve(corpus, conflict.id, "--decision", "wont-fix", "--prefer", "budget-note")
    assert got.exit_code == EXIT_ERROR and "only meaningful" in got.output


def test_the_reviewer_is_required_or_taken_from_the_environment(tmp_path: Path):
    corpus = ice_copy(tmp_path)
    change = finding_of_kind(run_api(corpus), "change")
    got = _resolve(corpus, change.id, "--decision", "wont-fix", reviewer=None)
    assert got.exit_code == EXIT_ERROR and "--reviewer" in got.output
    got = cli(["resolve", change.id, "--decision", "wont-fix"], corpus, env={"CLAIMCHECK_REVIEWER": "ci-bot"})
    assert got.exit_code == EXIT_OK, got.output
    assert read_resolutions(corpus / "claimcheck-resolutions.toml").resolutions[0].reviewer == "ci-bot"


def test_a_bad_resolutions_file_fails_the_run_with_exit_2_naming_file_and_entry(tmp_path: Path):
    corpus = ice_copy(tmp_path)
    (corpus / "claimcheck-resolutions.toml").write_text(
        '[[resolution]]\nfinding = "f-1"\ndecision = "wont-fix"\n\n[[resolution]]\nfinding = "f-2"\ndecision = "maybe"\n',
        encoding="utf-8",
    )
    got = cli(["run", "--out", str(tmp_path / "r")], corpus)
    assert got.exit_code == EXIT_ERROR
    expected = "claimcheck: claimcheck-resolutions.toml: resolution[1].decision 'maybe' is not one of confirmed,"
    assert expected in got.output


def test_a_preferred_source_that_never_was_the_findings_is_exit_2(tmp_path: Path):
    corpus = ice_with_conflict(tmp_path)
    conflict = finding_of_kind(run_api(corpus), "conflict")
    (corpus / "claimcheck-resolutions.toml").write_text(
        f'[[resolution]]\nfinding = "{conflict.id}"\ndecision = "source-preferred"\npreferred_source = "what-is-ice"\n'
        f'evidence_digest = "{conflict.evidence_digest}"\n',
        encoding="utf-8",
    )
    got = cli(["run", "--out", str(tmp_path / "r")], corpus)
    assert got.exit_code == EXIT_ERROR
    expected = "claimcheck-resolutions.toml: resolution[0].preferred_source 'what-is-ice' is not a source of finding"
    assert expected in got.output


def test_unused_resolutions_are_printed_by_run_and_listed(tmp_path: Path):
    corpus = ice_with_conflict(tmp_path)
    result = run_api(corpus)
    conflict, change = finding_of_kind(result, "conflict"), finding_of_kind(result, "change")
    assert _resolve(corpus, conflict.id, "--decision", "confirmed").exit_code == EXIT_OK
    assert _resolve(corpus, change.id, "--decision", "expected-change").exit_code == EXIT_OK
    with open(corpus / "claimcheck-resolutions.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[[resolution]]\nfinding = "f-0123456789abcdef"\ndecision = "wont-fix"\nreviewer = "zed"\n')
    set_budget_figure(corpus, "$5 billion")

    ran = cli(["run", "--out", str(tmp_path / "r")], corpus)
    assert ran.exit_code == EXIT_FINDINGS
    assert "unused resolution: f-0123456789abcdef (wont-fix): no such finding in this run" in ran.output

    listed = cli(["resolutions"], corpus)
    assert listed.exit_code == EXIT_OK
    lines = listed.output.splitlines()
    assert lines[0].startswith(f"needs-re-review  {conflict.id}  confirmed")
    assert "    - was: budget-note.md: approximately $6 billion" in lines
    assert "    + now: budget-note.md: approximately $5 billion" in lines
    assert any(line.startswith(f"applied          {change.id}  expected-change   alice 2026-11-25") for line in lines)
    unused_line = "unused           f-0123456789abcdef  wont-fix          zed  no such finding"
    assert any(line.startswith(unused_line) for line in lines)
    assert lines[-1] == "3 resolutions in claimcheck-resolutions.toml: 1 applied, 1 needs-re-review, 1 unused"

    unused = cli(["resolutions", "--unused"], corpus).output.splitlines()
    assert [line.split()[1] for line in unused[:-1]] == ["f-0123456789abcdef"]
    review = cli(["resolutions", "--needs-review"], corpus).output.splitlines()
    assert review[0].split()[1] == conflict.id and not any(line.startswith(("applied", "unused")) for line in review)


def test_the_config_names_the_resolutions_file_relative_to_itself(tmp_path: Path):
    corpus = ice_copy(tmp_path)
    config = corpus / "claimcheck.toml"
    config.write_text('resolutions = "review/decisions.toml"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "review").mkdir()
    change = finding_of_kind(run_api(corpus), "change")
    got = cli(["resolve", change.id, "--decision", "wont-fix", "--reviewer", "a", "--config", str(config)], tmp_path)
    assert got.exit_code == EXIT_OK, got.output
    assert [r.finding for r in read_resolutions(corpus / "review" / "decisions.toml").resolutions] == [change.id]
    assert not (corpus / "claimcheck-resolutions.toml").exists()
    assert finding_of_kind(run_api(corpus), "change").status == "resolved"


def test_findings_json_lists_unused_resolutions(tmp_path: Path):
    corpus = ice_copy(tmp_path)
    (corpus / "claimcheck-resolutions.toml").write_text(
        '[[resolution]]\nfinding = "f-0123456789abcdef"\ndecision = "wont-fix"\n', encoding="utf-8"
    )
    assert cli(["run", "--out", str(tmp_path / "r")], corpus).exit_code == EXIT_OK
    doc = json.loads((tmp_path / "r" / "findings.json").read_text())
    assert doc["unused_resolutions"] == [
        {"finding": "f-0123456789abcdef", "decision": "wont-fix", "preferred_source": None, "note": None,
         "reviewer": None, "date": None, "evidence_digest": None, "evidence": []}
    ]  # fmt: skip
