"""GitHub workflow-command annotations: levels, escaping, per-step caps, no command injection."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from report_fixtures import check_gold, HOSTILE_SCRIPT, HOSTILE_SVG, build_result

from claimcheck.checker.model import Finding
from claimcheck.cli import main
from claimcheck.reports.annotations import PER_LEVEL, escape_data, escape_property, github_annotations

GOLD = Path(__file__).parent / "gold"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ice"
# Regenerate the gold files after an intended change:
#   CLAIMCHECK_UPDATE_GOLD=1 PYTHONPATH=src python3 -m pytest tests/reports
# One command per line: "::level key=value,key=value::message"; values hold no ":" or ",".
COMMAND = re.compile(r"::(error|warning|notice) ([A-Za-z]+=[^:,\r\n]*)(,[A-Za-z]+=[^:,\r\n]*)*::[^\r\n]*")
INJECTIONS = [
    "\n::set-output name=pwned::1",
    "\r::add-mask::secret",
    "\r\n::stop-commands::token",
    "%0A::error::fake",
    "%0D%0A::warning file=x::fake",
    "\u2028::notice::fake",
    "\x85::debug::fake",
    "\x0b::group::fake",
    "::endgroup::",
    "50% done, col=9: title=x::y",
]


def unescape(value: str) -> str:
    """What the Actions runner does to a command's data and property values."""
    return (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))  # fmt: skip


def parse(line: str) -> tuple[str, dict[str, str], str]:
    assert COMMAND.fullmatch(line), line
    level, rest = line[2:].split(" ", 1)
    props, data = rest.split("::", 1)
    return level, {k: unescape(v) for k, v in (p.split("=", 1) for p in props.split(","))}, unescape(data)


def assert_safe(lines: list[str]) -> None:
    for line in lines:
        # The runner reads a command only at the start of a line; no line break survives here.
        assert line.splitlines() == [line], repr(line)
        assert COMMAND.fullmatch(line), line


def test_gold(result):
    check_gold("annotations.txt", "\n".join(github_annotations(result, "conflict")) + "\n")


def test_levels_follow_fail_on(result):
    assert [parse(x)[0] for x in github_annotations(result, "conflict")] == ["error", "notice"]
    assert [parse(x)[0] for x in github_annotations(result, "change")] == ["error", "error"]
    # Nothing fails the run: the conflict is still a problem, but only a warning.
    assert [parse(x)[0] for x in github_annotations(result, "never")] == ["warning", "notice"]


def test_location_title_and_message(result):
    level, props, data = parse(github_annotations(result, "conflict")[0])
    assert props == {
        "file": "who-we-are/2020.html", "line": "30", "col": "13", "endColumn": "33",
        "title": "claimcheck conflict: HSI special agents",
    }
    conflict = next(f for f in result.findings if f.kind == "conflict")
    assert data.splitlines()[0] == conflict.message
    assert "fact-sheets.txt:3:9 (ice-fact-sheets 2020-06-01): “6,700 special agents”" in data
    assert data.splitlines()[-1] == "finding f-conflict (error, open)"


def test_agreements_and_resolved_findings_get_no_line(result):
    findings = tuple(
        attrs.evolve(f, status="resolved") if f.kind == "conflict" else f for f in result.findings
    )
    lines = github_annotations(attrs.evolve(result, findings=findings), "conflict")
    assert [parse(x)[2].split(":")[0] for x in lines] == ["ICE annual budget"]


def test_escaping_rules():
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_data("x\u2028y\x0bz\x00") == "x y z "


@pytest.mark.parametrize("payload", INJECTIONS)
def test_document_text_cannot_inject_a_command(result, payload):
    findings = tuple(
        attrs.evolve(f, message=payload + f.message + payload, subject=payload, measure=payload)
        for f in result.findings
    )
    claims = tuple(
        attrs.evolve(c, path=payload + c.path, evidence=attrs.evolve(c.evidence, quote=payload + c.evidence.quote))
        for c in result.claims
    )
    hostile = attrs.evolve(result, findings=findings, claims=claims)
    for fail_on in ("conflict", "never"):
        lines = github_annotations(hostile, fail_on)
        assert len(lines) == 2
        assert_safe(lines)
        for line in lines:
            _, props, data = parse(line)
            # \r and \n come back as themselves after the runner unescapes; other breaks as spaces.
            kept = payload.replace("\u2028", " ").replace("\x85", " ").replace("\x0b", " ")
            assert data.startswith(kept)
            assert props["file"].startswith(kept)


def test_hostile_markup_is_plain_data(hostile_result):
    lines = github_annotations(hostile_result, "change")
    assert_safe(lines)
    data = parse(lines[0])[2]
    assert HOSTILE_SCRIPT in data and HOSTILE_SVG in data


def many(result, kind: str, severity: str, n: int) -> tuple[Finding, ...]:
    template = next(f for f in result.findings if f.kind == "conflict")
    return tuple(
        attrs.evolve(template, id=f"f-{kind}-{i:03d}", kind=kind, severity=severity, subject=f"S{i:03d}")
        for i in range(n)
    )


def test_caps_per_level_with_a_final_notice(result):
    findings = (
        many(result, "conflict", "error", 25) + many(result, "stale", "warning", 25) + many(result, "change", "info", 25)
    )
    lines = github_annotations(attrs.evolve(result, findings=findings), "conflict")
    assert_safe(lines)
    levels = [parse(x)[0] for x in lines]
    assert levels.count("error") == PER_LEVEL == 10
    assert levels.count("warning") == PER_LEVEL
    assert levels.count("notice") == PER_LEVEL  # 9 findings and the note: GitHub shows 10 per step
    level, props, data = parse(lines[-1])
    assert props == {"title": "claimcheck: annotations left out"}
    assert data.startswith(f"{75 - 29} more findings not annotated")
    # Most urgent first within a level: the kept errors are the first ten by subject.
    assert [parse(x)[1]["title"] for x in lines[:2]] == [
        "claimcheck conflict: S000 special agents", "claimcheck conflict: S001 special agents",
    ]


def test_overflow_of_one_level_only(result):
    lines = github_annotations(attrs.evolve(result, findings=many(result, "conflict", "error", 11)), "conflict")
    assert [parse(x)[0] for x in lines] == ["error"] * 10 + ["notice"]
    assert parse(lines[-1])[2].startswith("1 more finding not annotated")


def test_exactly_at_the_cap_needs_no_note(result):
    lines = github_annotations(attrs.evolve(result, findings=many(result, "change", "info", 10)), "conflict")
    assert [parse(x)[0] for x in lines] == ["notice"] * 10


def test_deterministic(result):
    assert github_annotations(result, "stale") == github_annotations(build_result(), "stale")


# ---------------------------------------------------------------------------------------------
# The CLI edge: annotations and the step summary only inside GitHub Actions.


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "ice"
    shutil.copytree(EXAMPLE, target)
    return target


def invoke(corpus: Path, out: Path, env: dict[str, str], *extra: str):
    args = ["run", "--config", str(corpus / "claimcheck.toml"), "--out", str(out), *extra]
    return CliRunner().invoke(main, args, env=env, catch_exceptions=False)


def test_cli_in_github_actions_prints_annotations_and_appends_the_summary(corpus, tmp_path):
    summary = tmp_path / "step_summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    res = invoke(corpus, tmp_path / "r", {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert res.exit_code == 0, res.output
    commands = [line for line in res.output.splitlines() if line.startswith("::")]
    assert commands and all(COMMAND.fullmatch(line) for line in commands)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n# claimcheck: pass\n")
    assert text[len("earlier step\n"):] == (tmp_path / "r" / "summary.md").read_text(encoding="utf-8")


def test_cli_outside_github_actions_prints_no_commands(corpus, tmp_path):
    summary = tmp_path / "step_summary.md"
    res = invoke(corpus, tmp_path / "r", {"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": str(summary)})
    assert res.exit_code == 0, res.output
    assert not [line for line in res.output.splitlines() if line.startswith("::")]
    assert not summary.exists()


def test_cli_format_selection(corpus, tmp_path):
    res = invoke(corpus, tmp_path / "r", {"GITHUB_ACTIONS": ""}, "--format", "sarif", "--format", "junit", "-q")
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["junit.xml", "results.sarif"]
    res = invoke(corpus, tmp_path / "all", {"GITHUB_ACTIONS": ""}, "-q")
    # All formats by default (the HTML site may add pages beside index.html).
    names = {p.name for p in (tmp_path / "all").iterdir()}
    assert {"claims.json", "findings.json", "index.html", "junit.xml", "results.sarif", "summary.md"} <= names


def test_cli_rewrites_a_report_of_machine_formats_only(corpus, tmp_path):
    for _ in range(2):
        res = invoke(corpus, tmp_path / "r", {"GITHUB_ACTIONS": ""}, "--format", "sarif", "-q")
        assert res.exit_code == 0, res.output
