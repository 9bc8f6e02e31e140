"""SARIF results written as bytes spliced from their parts are the bytes of the results' dicts.

``_Log.result_bytes`` writes a result from orjson's bytes for its parts (each claim's location
written once, ``_location_part``) instead of dumping ``_result``'s dicts. The gold files hold that
to a few ordinary findings; these hold it to ``serialize.compact_bytes`` of the dicts for values a
real run rarely has: paged and multi-line evidence, escapes, integers orjson refuses (which make
compact_bytes fall back to json for the whole result), floats json and orjson spell differently,
lone surrogates, claims a finding names twice or the run lacks, and capped locations.
"""

from __future__ import annotations

import math

import attrs
import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_fixtures import build_result

from claimcheck import serialize
from claimcheck.reports import sarif
from claimcheck.reports.views import finding_sort_key

BASE = build_result()
CLAIM, FINDING = BASE.claims[0], next(f for f in BASE.findings if f.kind == "conflict")

# Mostly what a run holds, so that most results take the spliced path; now and then (one draw
# in 16) a lone surrogate (orjson refuses it; json's text of it cannot be encoded) or an odd
# number: past 64 bits (orjson refuses it), a float json spells otherwise, an infinity or NaN.
plain = st.text(alphabet=st.sampled_from(list('ab {}[]\\"\n\r\t\x00\x1f\u2028é😀/%#?')), max_size=12)
texts = st.builds(lambda text, rare: text + "\ud800" if rare == 15 else text, plain, st.integers(0, 15))
odd = st.sampled_from(
    [2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1, 2**70, 1.0, 1.5, 1e-05, 1e16, 1.2e19, math.inf, math.nan]
)
numbers = st.integers(0, 15).flatmap(lambda rare: odd if rare == 15 else st.integers(-3, 200))
claim_ids = [f"c{i}" for i in range(6)]


@st.composite
def results(draw):
    claims = tuple(
        attrs.evolve(
            CLAIM,
            id=cid,
            source=draw(st.sampled_from([s.id for s in BASE.sources] + ["unknown-source"])),
            version=draw(texts),
            path=draw(texts),
            evidence=attrs.evolve(
                CLAIM.evidence,
                quote=draw(texts),
                line=draw(numbers),
                column=draw(numbers),
                page=draw(st.one_of(st.none(), numbers)),
            ),
        )
        for cid in claim_ids[: draw(st.integers(0, len(claim_ids)))]
    )
    findings = tuple(
        attrs.evolve(
            FINDING,
            id=f"f{i}",
            kind=draw(st.sampled_from([r.kind for r in sarif.RULES])),
            severity=draw(st.sampled_from(["error", "warning", "info", "none", "odd"])),
            status=draw(st.sampled_from(["open", "needs-re-review"])),
            subject=draw(texts),
            scope=draw(st.one_of(st.none(), texts)),
            period=draw(st.one_of(st.none(), texts)),
            message=draw(texts),
            claims=tuple(draw(st.lists(st.sampled_from([*claim_ids, "missing"]), max_size=8))),
            sources=tuple(draw(st.lists(texts, max_size=2))),
        )
        for i in range(draw(st.integers(1, 4)))
    )
    return attrs.evolve(BASE, claims=claims, findings=findings)


def _outcome(make):
    try:
        return make()
    except Exception as e:  # the same failure counts as the same outcome (orjson's is a TypeError)
        return TypeError if isinstance(e, TypeError) else type(e)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(results(), st.sampled_from([1000, 0, 1, 2, 3]))
def test_spliced_results_are_the_dumped_results(result, max_locations):
    saved = sarif.MAX_LOCATIONS
    sarif.MAX_LOCATIONS = max_locations
    try:
        log, reference = sarif._Log(result), sarif._Log(result)
        for i in range(len(log.ranked)):
            expected = _outcome(lambda: serialize.compact_bytes(reference.result_of(i))[:-1])
            assert _outcome(lambda: log.result_bytes(i)) == expected
        for c in result.claims:
            # Where orjson refuses a location both raise, and the result is dumped whole (above).
            expected = _outcome(lambda: orjson.dumps(sarif._location(c, log.titles), sarif._refuse, sarif._PART_OPTIONS)[1:])
            assert _outcome(lambda: sarif._location_part(c, log.titles, {})) == expected
        for keep in range(len(log.ranked) + 1):
            assert log.order(keep) == sorted(range(keep), key=lambda i: finding_sort_key(log.ranked[i]))
    finally:
        sarif.MAX_LOCATIONS = saved
