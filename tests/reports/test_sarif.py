"""SARIF 2.1.0: schema-valid, stable rules and fingerprints, locations that point at the evidence."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_fixtures import check_gold, build_hostile_result, build_result

from claimcheck import api
from claimcheck.checker.model import KINDS
from claimcheck.claims.model import Evidence
from claimcheck.config import load_settings
from claimcheck.reports import render_all
from claimcheck.reports.sarif import FINGERPRINT_KEY, RULES, message_text, render_sarif

HERE = Path(__file__).parent
GOLD = HERE / "gold"
SCHEMA = HERE / "schemas" / "sarif-schema-2.1.0.json"
EXAMPLE = HERE.parents[1] / "examples" / "ice"
# Regenerate the gold files after an intended change:
#   CLAIMCHECK_UPDATE_GOLD=1 PYTHONPATH=src python3 -m pytest tests/reports
# RFC 3986 characters; jsonschema checks "uri-reference" only with an extra package installed.
URI_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid(validator, text: str) -> dict:
    doc = json.loads(text)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    for run in doc["runs"]:
        for res in run["results"]:
            for loc in res.get("locations", []) + res.get("relatedLocations", []):
                uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                assert URI_CHARS.fullmatch(uri), uri
    return doc


def test_gold(result):
    check_gold("results.sarif", render_sarif(result))


def test_render_all_writes_the_same_sarif(result):
    assert render_all(result, ["sarif"]) == {"results.sarif": render_sarif(result)}


def test_schema_is_the_oasis_one():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_the_schema_rejects_a_broken_log(validator):
    # The validator is live: a log missing the required driver name fails.
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": []}]}
    assert list(validator.iter_errors(broken))


@pytest.mark.parametrize("build", [build_result, build_hostile_result], ids=["plain", "hostile"])
def test_valid_against_the_schema(validator, build):
    assert_valid(validator, render_sarif(build()))


def test_empty_run_is_valid(validator, result):
    doc = assert_valid(validator, render_sarif(attrs.evolve(result, findings=(), claims=())))
    assert doc["runs"][0]["results"] == []
    assert len(doc["runs"][0]["tool"]["driver"]["rules"]) == len(RULES)


def test_log_shape(result):
    doc = json.loads(render_sarif(result))
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "claimcheck" and driver["version"]
    for rule in driver["rules"]:
        assert {"id", "name", "shortDescription", "fullDescription", "defaultConfiguration", "help"} <= set(rule)
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")


def test_rule_ids_are_a_stable_contract():
    assert {r.kind: r.id for r in RULES} == {
        "conflict": "CC001",
        "stale": "CC002",
        "undated-discrepancy": "CC003",
        "change": "CC004",
        "revision": "CC005",
    }
    # Every finding kind but agreement has a rule: a new kind must get one, not vanish from CI.
    assert {r.kind for r in RULES} == set(KINDS) - {"agreement"}


def test_results_are_open_problems_only(result):
    doc = json.loads(render_sarif(result))
    results = doc["runs"][0]["results"]
    # The fixture has a conflict, a change and an agreement: agreements are not problems.
    assert [r["ruleId"] for r in results] == ["CC001", "CC004"]
    assert [r["level"] for r in results] == ["error", "note"]
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]


def test_resolved_findings_are_left_out_and_needs_re_review_kept(result):
    findings = tuple(
        attrs.evolve(f, status="resolved", resolution={"decision": "confirmed"}) if f.kind == "conflict"
        else attrs.evolve(f, status="needs-re-review") if f.kind == "change"
        else f
        for f in result.findings
    )
    results = json.loads(render_sarif(attrs.evolve(result, findings=findings)))["runs"][0]["results"]
    assert [(r["ruleId"], r["properties"]["status"]) for r in results] == [("CC004", "needs-re-review")]
    assert all("suppressions" not in r for r in results)


def test_fingerprint_message_and_properties(result):
    conflict = next(f for f in result.findings if f.kind == "conflict")
    res = json.loads(render_sarif(result))["runs"][0]["results"][0]
    assert res["partialFingerprints"] == {FINGERPRINT_KEY: conflict.id}
    assert res["message"]["text"] == conflict.message
    props = res["properties"]
    assert (props["kind"], props["subject"], props["measure"], props["scope"], props["period"]) == (
        "conflict", "HSI", "special agents", None, "2020-05-13",
    )
    assert props["evidence_digest"] == conflict.evidence_digest


def test_locations_point_at_the_member_claims(result):
    res = json.loads(render_sarif(result))["runs"][0]["results"][0]
    (primary,) = res["locations"]
    (related,) = res["relatedLocations"]
    loc = primary["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "who-we-are/2020.html", "uriBaseId": "%SRCROOT%"}
    # "HSI employs 7,000 special agents." — the quote starts at column 13 of line 30.
    assert loc["region"] == {
        "startLine": 30, "startColumn": 13, "endColumn": 13 + len("7,000 special agents"),
        "snippet": {"text": "7,000 special agents"},
    }
    assert related["id"] == 1
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "fact-sheets.txt"
    assert related["physicalLocation"]["region"]["startLine"] == 3
    assert "Fact Sheets" in related["message"]["text"]


def test_multi_line_quote_has_no_end_column(result):
    def split(c):
        return attrs.evolve(c, evidence=attrs.evolve(c.evidence, quote="7,000\nspecial agents"))

    claims = tuple(split(c) if c.id == "c-agents-who" else c for c in result.claims)
    res = json.loads(render_sarif(attrs.evolve(result, claims=claims)))["runs"][0]["results"][0]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert "endColumn" not in region and region["startColumn"] == 13


def test_paths_become_uri_references(validator, result):
    claims = tuple(attrs.evolve(c, path=f"dir with space/ü#{c.path}") for c in result.claims)
    doc = assert_valid(validator, render_sarif(attrs.evolve(result, claims=claims)))
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "dir%20with%20space/%C3%BC%23who-we-are/2020.html"


@pytest.mark.skipif("page" not in attrs.fields_dict(Evidence), reason="Evidence has no page yet")
def test_paged_documents_name_the_page_not_a_file_region(validator, result):
    claims = tuple(attrs.evolve(c, evidence=attrs.evolve(c.evidence, page=4)) for c in result.claims)
    doc = assert_valid(validator, render_sarif(attrs.evolve(result, claims=claims)))
    loc = doc["runs"][0]["results"][0]["locations"][0]
    assert "region" not in loc["physicalLocation"]
    assert loc["properties"]["page"] == 4 and "page 4" in loc["message"]["text"]


def test_message_text_cannot_form_links_or_placeholders():
    assert message_text("see [here](javascript:alert(1)) {0}") == "see \\[here\\](javascript:alert(1)) {{0}}"
    assert message_text("a\\b") == "a\\\\b"


_ESCAPES = str.maketrans({"{": "{{", "}": "}}", "\\": "\\\\", "[": "\\[", "]": "\\]"})


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab{}[]\\ é"))))
def test_message_text_escapes_each_character_on_its_own(text):
    # Each special character is replaced by its escape independently of its neighbours.
    assert message_text(text) == text.translate(_ESCAPES)


def test_hostile_text_is_data(hostile_result):
    doc = json.loads(render_sarif(hostile_result))
    res = doc["runs"][0]["results"][0]
    conflict = next(f for f in hostile_result.findings if f.kind == "conflict")
    assert res["message"]["text"] == conflict.message  # no brackets or braces: kept verbatim
    assert "<script>" in res["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]


def test_same_bytes_whatever_the_input_order(result):
    text = render_sarif(result)
    rng = random.Random(5)
    for _ in range(5):
        claims, findings = list(result.claims), list(result.findings)
        rng.shuffle(claims)
        rng.shuffle(findings)
        assert render_sarif(attrs.evolve(result, claims=tuple(claims), findings=tuple(findings))) == text
    assert text.endswith("}\n") and text == render_sarif(build_result())


def test_example_corpus_gives_valid_sarif_pointing_at_the_quotes(validator):
    config = EXAMPLE / "claimcheck.toml"
    result = api.run(load_settings(config, EXAMPLE))
    doc = assert_valid(validator, render_sarif(result))
    results = doc["runs"][0]["results"]
    expected = [f for f in result.findings if f.kind != "agreement" and f.status != "resolved"]
    assert len(results) == len(expected) > 0
    for res in results:
        for loc in res["locations"] + res.get("relatedLocations", []):
            phys = loc["physicalLocation"]
            path = EXAMPLE / phys["artifactLocation"]["uri"]
            region = phys["region"]
            line = path.read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
            quote = region["snippet"]["text"]
            # Columns count code points, as run.columnKind says; the region covers the quote.
            assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == quote


def test_unreadable_versions_are_tool_notifications(result):
    assert result.unreadable
    run = json.loads(render_sarif(result))["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    uris = [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes]
    assert len(notes) == len(result.unreadable)
    assert all(n["level"] == "warning" for n in notes)
    assert sorted(u.path for u in result.unreadable) == sorted(uris)
    assert all(u.reason in n["message"]["text"] for u, n in zip(sorted(result.unreadable, key=lambda u: (u.source, u.path, u.reason)), notes))


def test_a_log_too_large_for_code_scanning_keeps_the_most_severe_results(validator, result, monkeypatch):
    from claimcheck.reports import sarif

    full = json.loads(render_sarif(result))["runs"][0]["results"]
    assert [r["level"] for r in full] == ["error", "note"]
    monkeypatch.setattr(sarif, "MAX_RESULTS", 1)
    doc = assert_valid(validator, render_sarif(result))
    run = doc["runs"][0]
    assert run["results"] == full[:1]  # the error stays, the note goes
    (note,) = run["invocations"][0]["toolExecutionNotifications"][len(result.unreadable):]
    assert note["level"] == "warning"
    assert note["message"]["text"].startswith("1 of 2 open findings are left out of this log")
    # Severity decides, not the kind order: a change raised to error outranks a conflict made a warning.
    findings = tuple(
        attrs.evolve(f, severity="warning") if f.kind == "conflict" else attrs.evolve(f, severity="error") if f.kind == "change" else f
        for f in result.findings
    )
    (kept,) = json.loads(render_sarif(attrs.evolve(result, findings=findings)))["runs"][0]["results"]
    assert kept["ruleId"] == "CC004"


def test_locations_are_capped_per_result_and_the_rest_counted(validator, result, monkeypatch):
    from claimcheck.reports import sarif

    conflict = next(f for f in result.findings if f.kind == "conflict")
    first = next(c for c in result.claims if c.id == conflict.claims[0])
    copies = tuple(attrs.evolve(first, id=f"c-copy{i:04d}") for i in range(5))
    big = attrs.evolve(conflict, claims=(*conflict.claims, *(c.id for c in copies)))
    grown = attrs.evolve(result, claims=(*result.claims, *copies), findings=tuple(big if f is conflict else f for f in result.findings))
    monkeypatch.setattr(sarif, "MAX_LOCATIONS", 3)
    res = assert_valid(validator, render_sarif(grown))["runs"][0]["results"][0]
    assert len(res["locations"]) + len(res["relatedLocations"]) == 3
    assert [r["id"] for r in res["relatedLocations"]] == [1, 2]
    assert res["properties"]["locations_left_out"] == len(big.claims) - 3
    assert res["properties"]["claims"] == list(big.claims)


def _many_findings(result, n: int):
    """``result`` with ``n`` open findings cycling through every reported kind and severity."""
    base = [f for f in result.findings if f.kind in {r.kind for r in RULES}]
    severities = ("error", "warning", "info")
    findings = tuple(
        attrs.evolve(base[i % len(base)], id=f"f{i:05d}", status="open", severity=severities[i % 3], message=f"finding {i} {'x' * (i % 50)}")
        for i in range(n)
    )
    return attrs.evolve(result, findings=findings)


def test_a_log_over_the_upload_size_keeps_the_most_severe_results_that_fit(validator, result, monkeypatch):
    import zlib

    from claimcheck.reports import sarif

    big = _many_findings(result, 600)
    full = json.loads(render_sarif(big))["runs"][0]["results"]
    assert len(full) == 600
    budget = len(zlib.compress(render_sarif(big).encode("utf-8"))) // 3
    monkeypatch.setattr(sarif, "UPLOAD_BUDGET", budget)
    text = render_sarif(big)
    assert len(zlib.compress(text.encode("utf-8"))) <= budget
    doc = assert_valid(validator, text)
    run = doc["runs"][0]
    kept = {r["partialFingerprints"][FINGERPRINT_KEY] for r in run["results"]}
    assert 0 < len(kept) < 600
    rank = {"error": 0, "warning": 1, "info": 2}
    severity = {f.id: rank[f.severity] for f in big.findings}
    assert max(severity[i] for i in kept) <= min(severity[f.id] for f in big.findings if f.id not in kept)
    assert [r["partialFingerprints"][FINGERPRINT_KEY] for r in run["results"]] == [
        r["partialFingerprints"][FINGERPRINT_KEY] for r in full if r["partialFingerprints"][FINGERPRINT_KEY] in kept
    ]  # report order, as in the uncut log
    (note,) = run["invocations"][0]["toolExecutionNotifications"][len(big.unreadable):]
    assert note["message"]["text"].startswith(f"{600 - len(kept)} of 600 open findings are left out of this log")
    assert "10 MB gzipped" in note["message"]["text"]
    # Not cut much more than the size asks: a tenth more of the most severe would not fit.
    monkeypatch.setattr(sarif, "UPLOAD_BUDGET", 10**9)
    monkeypatch.setattr(sarif, "MAX_RESULTS", len(kept) * 11 // 10 + 1)
    assert len(zlib.compress(render_sarif(big).encode("utf-8"))) > budget


def test_a_budget_no_result_fits_gives_an_empty_valid_log(validator, result, monkeypatch):
    from claimcheck.reports import sarif

    monkeypatch.setattr(sarif, "UPLOAD_BUDGET", 10)
    doc = assert_valid(validator, render_sarif(_many_findings(result, 30)))
    assert doc["runs"][0]["results"] == []
    assert doc["runs"][0]["invocations"][0]["toolExecutionNotifications"][-1]["message"]["text"].startswith("30 of 30 ")


def test_a_large_log_is_compact_json_of_the_same_content(validator, result, monkeypatch):
    from claimcheck.reports import sarif

    big = _many_findings(result, 50)
    indented = render_sarif(big)
    assert indented.count("\n") > 50
    monkeypatch.setattr(sarif, "INDENT_LIMIT", len(indented) // 4)
    compact = render_sarif(big)
    assert compact.endswith("}\n") and compact.count("\n") == 1
    assert len(compact) < len(indented) / 1.5
    assert assert_valid(validator, compact) == json.loads(indented)


def test_a_compact_log_spliced_from_its_results_is_the_log_dumped_whole(result, monkeypatch):
    from claimcheck import serialize
    from claimcheck.reports import sarif

    monkeypatch.setattr(sarif, "INDENT_LIMIT", 0)
    big = _many_findings(attrs.evolve(result, unreadable=result.unreadable * 3), 120)
    log = sarif._Log(big)
    for keep in (0, 1, 2, 57, 120):
        assert log.encode(keep) == serialize.compact_bytes(log.document(keep))
        assert log.compact_size(keep) == len(log.encode(keep))


@pytest.mark.parametrize("share", [2, 4])
def test_the_estimated_cut_is_near_the_cut_the_budget_asks_and_checked(result, monkeypatch, share):
    import zlib

    from claimcheck.reports import sarif

    n = 3000
    big = _many_findings(result, n)
    monkeypatch.setattr(sarif, "INDENT_LIMIT", 0)
    # Flushes about as far apart, for this small log, as the real spacing is for the real budget.
    monkeypatch.setattr(sarif, "FLUSH_EVERY", 16384)
    budget = len(zlib.compress(sarif._Log(big).encode(n))) // share
    monkeypatch.setattr(sarif, "UPLOAD_BUDGET", budget)
    log = sarif._Log(big)
    low, high = 0, n  # the most results that fit, by bisection
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if len(zlib.compress(log.encode(mid))) <= budget else (low, mid - 1)
    # An estimate (severity order compresses a little differently from report order)...
    assert 0.75 * low <= log.fitting(n) <= 1.25 * low
    # ...that the log is checked against: what is written fits, and holds nearly all that fits.
    written = sarif.sarif_bytes(big)
    assert len(zlib.compress(written)) <= budget
    assert low * 0.9 <= written.count(b'"ruleIndex"') <= low


def test_unreadable_notifications_are_capped_and_the_rest_counted(validator, result, monkeypatch):
    from claimcheck.reports import sarif
    from claimcheck.result import Unreadable

    many = attrs.evolve(result, unreadable=tuple(Unreadable("s", f"broken-{i:02d}.pdf", "not UTF-8 text") for i in range(30)))
    monkeypatch.setattr(sarif, "MAX_NOTIFICATIONS", 5)
    notes = assert_valid(validator, render_sarif(many))["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    listed = [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes if "locations" in n]
    assert listed == [f"broken-{i:02d}.pdf" for i in range(5)]
    assert notes[5]["message"]["text"].startswith("25 more unreadable versions are not listed here")
    assert len(notes) == 6


def test_compact_bytes_takes_what_dumps_takes():
    import datetime as dt

    from claimcheck import serialize

    value = {"b": [1, 2**70, "é"], "a": None}
    assert json.loads(serialize.compact_bytes(value)) == json.loads(serialize.dumps_bytes(value)) == value
    assert serialize.compact_bytes(value) == b'{"a":null,"b":[1,1180591620717411303424,"\xc3\xa9"]}\n'
    for refused in (dt.date(2020, 1, 2), {1, 2}):
        with pytest.raises(TypeError):
            serialize.dumps_bytes(refused)
        with pytest.raises(TypeError):
            serialize.compact_bytes(refused)
