"""claims.json and findings.json carry every field formats.md promises."""

from __future__ import annotations

import json

from claimcheck import serialize
from claimcheck.reports.json import render_claims_json, render_findings_json

CLAIM_FIELDS = {
    "id", "source", "version", "path", "subject", "measure", "scope", "value", "period", "as_of", "evidence",
}
VALUE_FIELDS = {
    "stated", "unit", "bound", "low", "high", "low_inclusive", "high_inclusive",
    "likely_low", "likely_high", "inherited_hedge",
}
EVIDENCE_FIELDS = {"quote", "sentence", "start", "end", "line", "column"}
SOURCE_FIELDS = {"id", "title", "publisher", "url", "versions"}
VERSION_FIELDS = {"version", "date", "date_origin", "path", "sha256"}
FINDING_FIELDS = {
    "id", "kind", "severity", "subject", "measure", "scope", "period", "claims",
    "evidence_digest", "message", "status", "resolution",
}


def test_claims_json_fields(result):
    text = render_claims_json(result)
    doc = json.loads(text)
    assert doc["format_version"] == serialize.FORMAT_VERSION
    assert set(doc) == {"format_version", "sources", "claims"}
    assert len(doc["sources"]) == 2 and len(doc["claims"]) == 5
    for s in doc["sources"]:
        assert SOURCE_FIELDS <= set(s)
        for v in s["versions"]:
            assert VERSION_FIELDS <= set(v)
    for c in doc["claims"]:
        assert CLAIM_FIELDS <= set(c)
        assert VALUE_FIELDS <= set(c["value"])
        assert EVIDENCE_FIELDS <= set(c["evidence"])
    first = doc["claims"][0]
    assert first["value"]["stated"] == 5700000000 and first["value"]["high"] is None
    assert first["value"]["low_inclusive"] is False and first["value"]["likely_high"] == 5800000000
    assert first["period"] == {"label": "FY2010", "start": "2009-10-01", "end": "2010-09-30"}
    assert first["as_of"] == "2010-09-30"
    undated = next(v for s in doc["sources"] for v in s["versions"] if v["version"] == "what-is-ice")
    assert undated["date"] is None and undated["date_origin"] == "none"


def test_findings_json_fields(result):
    doc = json.loads(render_findings_json(result))
    assert doc["format_version"] == serialize.FORMAT_VERSION
    assert len(doc["findings"]) == 3
    for f in doc["findings"]:
        assert FINDING_FIELDS <= set(f)
    change = next(f for f in doc["findings"] if f["kind"] == "change")
    assert change["claims"] == ["c-budget-2010", "c-budget-2020"]
    assert change["status"] == "open" and change["resolution"] is None
    assert doc["unreadable"] == [{"source": "ice-fact-sheets", "path": "broken.pdf", "reason": "not UTF-8 text"}]


def test_canonical_json_text(result):
    for text in (render_claims_json(result), render_findings_json(result)):
        assert text.endswith("}\n")
        assert text == serialize.dumps(json.loads(text))  # sorted keys, 2-space indent


def test_round_trip(result):
    sources, claims = serialize.claims_from_document(json.loads(render_claims_json(result)))
    assert sources == result.sources and claims == result.claims
    assert serialize.findings_from_document(json.loads(render_findings_json(result))) == result.findings


def test_hostile_text_survives_verbatim_in_json(hostile_result):
    # JSON is data, not markup: it must carry the source text unchanged, for other tools.
    doc = json.loads(render_claims_json(hostile_result))
    assert doc["claims"][0]["evidence"]["quote"] == hostile_result.claims[0].evidence.quote


def test_empty_unreadable_is_an_empty_list(result):
    import attrs

    doc = json.loads(render_findings_json(attrs.evolve(result, unreadable=())))
    assert doc["unreadable"] == []
