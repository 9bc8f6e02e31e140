"""Scoring on a small corpus: matching by document, value and overlapping text; attribution, bounds, units,
optional claims, traps, expected findings and false conflicts; and the command's exit codes and JSON."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.checker.outcome import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from claimcheck.cli import main
from claimcheck.evaluate.gold import GoldError
from claimcheck.evaluate.report import render_text, to_json
from claimcheck.evaluate.run import run_eval

CONFIG = """\
[[source]]
id = "a"
[[source.version]]
path = "a.md"
date = 2019-06-01

[[source]]
id = "b"
[[source.version]]
path = "b.md"
date = 2021-06-01

[subjects.NTA]
aliases = ["Northbridge Transit Authority"]
"""
PAGE_A = """\
# Northbridge Transit Authority

The Northbridge Transit Authority runs more than 1,800 buses and about 90 ferries. Call 555-010-2288.
Its budget is $4.9 billion.
"""
PAGE_B = """\
# Northbridge Transit Authority

The Northbridge Transit Authority runs more than 1,900 buses and 95 ferries.
"""


def _corpus(tmp_path: Path, gold: str) -> Path:
    (tmp_path / "claimcheck.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "a.md").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "b.md").write_text(PAGE_B, encoding="utf-8")
    path = tmp_path / "gold.yaml"
    path.write_text(textwrap.dedent(gold), encoding="utf-8")
    return path


GOLD = """\
config: claimcheck.toml
documents:
  - file: a.md
    date: 2019-06-01
    claims:
      - {subject: NTA, measure: buses, value: 1800, bound: lower, text: "more than 1,800 buses"}
      - {subject: NTA, measure: [ferries], value: 90, bound: exact, text: "about 90 ferries"}
      - {subject: NTA, measure: [budget], value: 4900000000, unit: USD, text: "$4.9 billion", optional: true}
    not_claims: ["555-010-2288"]
  - file: b.md
    claims:
      - {subject: [nta], measure: buses, value: 1900, bound: lower, text: "more than 1,900 buses"}
      - {subject: NTA, measure: ferries, value: 95, text: "95 ferries"}
      - {subject: NTA, measure: garages, value: 35, text: "1,900 buses"}
findings:
  - {kind: change, subject: NTA, measure: buses,
     from: {file: a.md, text: "more than 1,800 buses"}, to: {file: b.md, text: "more than 1,900 buses"}}
  - {kind: conflict, subject: NTA, measure: buses,
     claims: [{file: a.md, text: "1,800 buses"}, {file: b.md, text: "1,900 buses"}]}
false_conflicts:
  - {a: {file: a.md, text: "about 90 ferries"}, b: {file: b.md, text: "95 ferries"}}
"""


def test_scores(tmp_path):
    e = run_eval(_corpus(tmp_path, GOLD), cwd=tmp_path)
    t = e.totals
    # a.md: buses found; "about 90 ferries" found but its bound is approx (gold says exact); budget optional.
    # b.md: buses and ferries found; the garages claim (value 35 at "1,900 buses") is a miss.
    assert (t.gold, t.predicted, t.true_positives) == (5, 4, 4)
    assert (t.false_positives, t.false_negatives) == (0, 1)
    assert t.precision == 1.0 and t.recall == pytest.approx(0.8)
    assert t.bound == pytest.approx(3 / 4)
    assert t.attribution == 1.0 and t.unit == 1.0
    assert t.trap_hits == 0
    [miss] = [m for d in e.documents for m in d.misses]
    assert miss.gold.measures == ("garages",) and [p.value for p in miss.near] == [1900]
    assert [(f.expected.kind, f.reported) for f in e.findings] == [("change", True), ("conflict", False)]
    assert e.false_conflicts_violated == 0
    assert [d.date_ok for d in e.documents] == [True, None]


def test_a_claim_that_overlaps_a_trap_is_a_hit(tmp_path):
    gold = GOLD.replace('not_claims: ["555-010-2288"]', 'not_claims: ["more than 1,800"]')
    e = run_eval(_corpus(tmp_path, gold), cwd=tmp_path)
    assert e.totals.trap_hits == 1
    assert [h.claim.value for d in e.documents for h in d.trap_hits] == [1800]


def test_a_wrong_unit_is_a_miss_and_a_false_claim(tmp_path):
    gold = GOLD.replace("value: 1800, bound: lower,", "value: 1800, bound: lower, unit: USD,")
    e = run_eval(_corpus(tmp_path, gold), cwd=tmp_path)
    assert e.totals.unit == pytest.approx(3 / 4)  # four gold claims stated where found; one in the wrong unit
    assert e.totals.true_positives == 3 and e.totals.false_positives == 1


def test_a_text_that_is_nowhere_is_a_gold_error(tmp_path):
    gold = GOLD.replace('text: "95 ferries"', 'text: "96 ferries"')
    with pytest.raises(GoldError, match=r"documents\[1\]\.claims\[1\]\.text: '96 ferries' does not occur in b\.md"):
        run_eval(_corpus(tmp_path, gold), cwd=tmp_path)


def test_a_text_copied_with_its_markup_is_found_in_the_extracted_text(tmp_path):
    # A gold writer copies from the file: a Markdown table row with its bars, or HTML with its tags.
    table = "\n\n| Year | Buses |\n|---|---|\n| 2019 | 1,850 |\n"
    gold = GOLD.replace('text: "more than 1,800 buses"}\n', 'text: "more than 1,800 buses"}\n      - {subject: NTA, measure: buses, '
                        'value: 1850, period: "2019", text: "| 2019 | 1,850 |"}\n', 1)
    path = _corpus(tmp_path, gold)
    (tmp_path / "a.md").write_text(PAGE_A + table, encoding="utf-8")
    e = run_eval(path, cwd=tmp_path)
    [doc] = [d for d in e.documents if d.file == "a.md"]
    assert not [m for m in doc.misses if m.gold.value == 1850]  # located in the table's extracted cells, and found


def test_an_unknown_document_is_a_gold_error(tmp_path):
    gold = GOLD.replace("file: b.md\n    claims", "file: c.md\n    claims")
    with pytest.raises(GoldError, match=r"documents\[1\]\.file 'c\.md' is not a version of the corpus"):
        run_eval(_corpus(tmp_path, gold), cwd=tmp_path)


def test_text_and_json_reports(tmp_path):
    e = run_eval(_corpus(tmp_path, GOLD), cwd=tmp_path)
    text = render_text(e)
    assert "misses (1):" in text and "MISS conflict NTA buses" in text and "wrong bound (1):" in text
    doc = to_json(e)
    assert doc["format_version"] == 1 and doc["totals"]["findings_reported"] == 1
    assert doc["documents"][1]["misses"][0]["gold"]["text"] == "1,900 buses"


def _cli(args: list[str], cwd: Path):
    import os

    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def test_cli_exit_codes_and_canonical_json(tmp_path):
    gold = _corpus(tmp_path, GOLD)
    ok = _cli(["eval", str(gold), "--json", str(tmp_path / "a.json")], tmp_path)
    assert ok.exit_code == EXIT_OK, ok.output
    assert "findings: 1 of 2 reported" in ok.output
    again = _cli(["eval", str(gold), "--json", str(tmp_path / "b.json"), "-q"], tmp_path)
    assert again.exit_code == EXIT_OK
    first = (tmp_path / "a.json").read_bytes()
    assert first == (tmp_path / "b.json").read_bytes() and first.endswith(b"}\n")
    assert json.loads(first)["totals"]["f1"] == pytest.approx(0.8889, abs=1e-4)
    low = _cli(["eval", str(gold), "--min-f1", "0.95", "-q"], tmp_path)
    assert low.exit_code == EXIT_FINDINGS
    assert "below --min-f1" in low.output


def test_cli_bad_gold_file_exits_2_naming_file_and_field(tmp_path):
    gold = _corpus(tmp_path, GOLD.replace("value: 95,", "value: ninety-five,"))
    result = CliRunner().invoke(main, ["eval", str(gold)])
    assert result.exit_code == EXIT_ERROR
    assert "gold.yaml" in result.output and "documents[1].claims[1].value: expected a number" in result.output


def test_config_option_wins_over_the_gold_file(tmp_path):
    gold = _corpus(tmp_path, GOLD.replace("config: claimcheck.toml\n", "config: missing.toml\n"))
    result = CliRunner().invoke(main, ["eval", str(gold), "--config", str(tmp_path / "claimcheck.toml"), "-q"])
    assert result.exit_code == EXIT_OK, result.output


def test_an_expected_change_accepts_the_same_statement_made_elsewhere(tmp_path):
    # Both pages state 2020's ridership; the change to 2021 cites one of the two statements (the later page's),
    # and the gold names the other: the same figure for the same period, so the change counts as reported.
    (tmp_path / "claimcheck.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "a.md").write_text("# Northbridge Transit Authority\n\nIn 2020 it carried 5.1 million riders.\n")
    (tmp_path / "b.md").write_text(
        "# Northbridge Transit Authority\n\nIn 2020 it carried 5.1 million riders. In 2021 it carried 6.4 million riders.\n"
    )
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        textwrap.dedent(
            """\
            config: claimcheck.toml
            documents:
              - file: a.md
                claims:
                  - {subject: NTA, measure: riders, value: 5100000, period: "2020", text: "5.1 million riders"}
              - file: b.md
                claims:
                  - {subject: NTA, measure: riders, value: 5100000, period: "2020", text: "5.1 million riders"}
                  - {subject: NTA, measure: riders, value: 6400000, period: "2021", text: "6.4 million riders"}
            findings:
              - {kind: change, subject: NTA, measure: riders,
                 from: {file: a.md, text: "5.1 million riders"}, to: {file: b.md, text: "6.4 million riders"}}
            """
        ),
        encoding="utf-8",
    )
    e = run_eval(gold, cwd=tmp_path)
    assert [f.reported for f in e.findings] == [True]


def test_a_gold_phrase_is_found_whole_figures_only():
    from claimcheck.evaluate.locate import spans

    text = "Page 3 of 9. We run 300 stations, 2.3 km apart, at 3.5 m; $2 and $20; people protectedabout 68,000\n   3\n"
    # (a page number's "3" is not the 3 of 300, 2.3 or 3.5; "$2" is not "$20"; a word glued to the one before is found)
    assert [text[s:e] for s, e in spans(text, "         3\n")] == ["3", "3"]
    assert [text[s:e] for s, e in spans(text, "$2")] == ["$2"]
    assert [text[s:e] for s, e in spans(text, "about 68,000")] == ["about 68,000"]
    assert [text[s:e] for s, e in spans(text, "2.3 km")] == ["2.3 km"]
    # (a figure found only inside a longer one, a footnote's number glued on, is still found)
    glued = "a total of 38,920.1 awards"
    assert [glued[s:e] for s, e in spans(glued, "38,920")] == ["38,920"]
