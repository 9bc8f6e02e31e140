"""Gold files are validated like configs: a safe YAML loader, cattrs, and errors that name the file and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimcheck.evaluate.gold import GoldError, load_gold, parse_gold

PATH = Path("/corpus/gold.yaml")


def _error(data) -> str:
    with pytest.raises(GoldError) as info:
        parse_gold(data, PATH)
    return str(info.value)


def test_a_minimal_gold_file():
    gold = parse_gold(
        {
            "config": "claimcheck.toml",
            "documents": [
                {
                    "file": "a.md",
                    "date": dt.date(2020, 5, 13),
                    "claims": [
                        {"subject": "ICE", "measure": ["annual budget", "budget"], "value": 8e9, "bound": "approx",
                         "unit": "USD", "period": None, "text": "approximately $8 billion"},
                    ],
                    "not_claims": ["05/13/2020"],
                }
            ],
        },
        PATH,
    )
    doc = gold.documents[0]
    assert gold.config == Path("/corpus/claimcheck.toml")
    assert doc.check_date and doc.date == dt.date(2020, 5, 13)
    claim = doc.claims[0]
    assert claim.subjects == ("ICE",) and claim.measures == ("annual budget", "budget")
    assert claim.bounds == ("approx",) and claim.unit == "USD"
    assert claim.check_period and claim.period is None
    assert not claim.check_scope
    assert doc.not_claims == ("05/13/2020",)


def test_defaults_accept_any_bound_and_count_unit():
    gold = parse_gold({"documents": [{"file": "a", "claims": [{"subject": "X", "measure": "m", "value": 3, "text": "3 m"}]}]}, PATH)
    claim = gold.documents[0].claims[0]
    assert claim.unit == "count" and len(claim.bounds) == 5 and not claim.check_period and not claim.optional


@pytest.mark.parametrize(
    "data, where, problem",
    [
        ({"documents": [{"file": "a", "claims": [{"subject": "X", "measure": "m", "value": "x", "text": "t"}]}]},
         "documents[0].claims[0].value", "expected a number"),
        ({"documents": [{"file": "a", "colour": 1}]}, "documents[0].colour", "unknown field"),
        ({"documents": [{"file": "a", "claims": [{"subject": "X", "measure": "m", "value": 1, "text": "t", 0: None}]}]},
         "documents[0].claims[0].0", "unknown field"),
        ({"documents": [{"file": "a", "claims": [{"subject": [], "measure": "m", "value": 1, "text": "t"}]}]},
         "documents[0].claims[0].subject", "expected a name or a list of names"),
        ({"documents": [{"file": "a", "claims": [{"measure": "m", "value": 1, "text": "t"}]}]},
         "documents[0].claims[0].subject", "required field missing"),
        ({"documents": [{"file": "a", "claims": [{"subject": "X", "measure": "m", "value": True, "text": "t"}]}]},
         "documents[0].claims[0].value", "expected a number"),
        ({"documents": [{"file": "a", "claims": [{"subject": "X", "measure": "m", "value": 1, "text": "t", "bound": "big"}]}]},
         "documents[0].claims[0].bound", "'big' is not one of"),
        ({"documents": [{"file": "a", "date": "13 May"}]}, "documents[0].date", "is not a date"),
        ({"documents": [{"file": "a"}], "findings": [{"kind": "change", "from": {"file": "a", "text": "b"}}]},
         "findings[0]", "a change needs 'from' and 'to'"),
        ({"documents": [{"file": "a"}], "findings": [{"kind": "surprise", "claim": {"file": "a", "text": "b"}}]},
         "findings[0].kind", "'surprise' is not one of"),
        ({"documents": [{"file": "a"}], "findings": [{"kind": "stale"}]}, "findings[0]", "name the claims"),
        ({"documents": [{"file": "a"}, {"file": "a"}]}, "documents[1].file", "repeats documents[0].file"),
        ({"documents": [{"file": "a"}], "false_conflicts": [{"a": {"file": "a", "text": "x"}}]},
         "false_conflicts[0].b", "required field missing"),
    ],
)
def test_errors_name_the_file_and_the_field(data, where, problem):
    message = _error(data)
    assert message.startswith(str(PATH)), message
    assert where in message and problem in message, message


def test_the_top_must_be_a_mapping():
    assert "expected a mapping" in _error(["documents"])


def test_yaml_is_read_with_a_safe_loader(tmp_path):
    bad = tmp_path / "gold.yaml"
    bad.write_text("documents: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(GoldError, match="invalid YAML"):
        load_gold(bad)


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(GoldError, match="gold file not found"):
        load_gold(tmp_path / "nope.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"documents: []\n# caf\xe9\n")
    with pytest.raises(GoldError, match="not UTF-8"):
        load_gold(latin)


def test_a_finding_slot_may_list_alternatives():
    gold = parse_gold(
        {
            "documents": [{"file": "a"}, {"file": "b"}],
            "findings": [
                {"kind": "change", "from": [{"file": "a", "text": "x"}, {"file": "b", "text": "x"}],
                 "to": {"file": "b", "text": "y"}}
            ],
        },
        PATH,
    )
    slots = gold.findings[0].refs
    assert [len(s) for s in slots] == [2, 1] and gold.findings[0].ordered
