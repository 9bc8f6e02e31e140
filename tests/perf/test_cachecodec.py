"""The cache's positional encoding gives back exactly the claims and documents it was given."""

from __future__ import annotations

import datetime as dt
import json
import math

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import api, cachecodec, pipeline
from claimcheck.claims.dates import DetectedDate
from claimcheck.claims.model import Claim, Evidence, Interval, Period, Quantity
from claimcheck.config import load_settings

from .corpus import REPO


def test_the_field_lists_are_the_models_own():
    for cls, names in cachecodec.FIELDS.items():
        assert tuple(f.name for f in attrs.fields(cls)) == names, cls.__name__


def test_every_claim_of_the_examples_reads_back_exactly():
    for config in sorted((REPO / "examples").glob("*/claimcheck.toml")):
        claims = api.run(load_settings(config, config.parent)).claims
        assert claims, config
        back = cachecodec.decode_claims(cachecodec.encode_claims(claims))
        assert repr(back) == repr(claims) and back == claims


_text = st.text(st.characters(codec="utf-8") | st.sampled_from(["\ud800", "\udfff", "\x00", "\u2028"]), max_size=30)
_number = st.none() | st.floats(allow_nan=False) | st.integers(-(10**18), 10**18)
_date = st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))
_interval = st.builds(Interval, _number, _number, st.booleans(), st.booleans())
_quantity = st.builds(
    Quantity, st.floats(allow_nan=False) | st.integers(0, 10**15), _text, _text, _interval, _interval, st.booleans(), _number
)
_evidence = st.builds(Evidence, _text, _text, st.integers(0, 10**6), st.integers(0, 10**6), st.integers(1, 10**5),
                      st.integers(1, 10**4), st.none() | st.integers(1, 999))
_claim = st.builds(
    Claim, _text, _text, _text, _text, _text, _text, st.none() | _text, _quantity,
    st.none() | st.builds(Period, _text, _date, _date), st.none() | _date, _evidence, st.none() | _date, st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_claim, max_size=4).map(tuple))
def test_any_claims_read_back_exactly(claims):
    back = cachecodec.decode_claims(cachecodec.encode_claims(claims))
    assert repr(back) == repr(claims)


def test_shared_intervals_keep_every_bound_as_written():
    # Decoding shares equal intervals between claims: equal values whose reprs differ must not be.
    bounds = [(1, 2), (1.0, 2.0), (1.0, 2), (-0.0, 3.0), (0.0, 3.0), (0, 3.0), (5.0, -0.0), (5.0, 0.0), (None, 1.0)]
    claims = tuple(
        Claim(f"c{i}", "s", "v", "p", "HSI", "agents", None,
              Quantity(5.0, "count", "exact", Interval(lo, hi, flag, True), Interval(lo, hi, True, flag), False, None),
              None, None, Evidence("5", "5.", 0, 1, 1, 1))
        for i, (lo, hi) in enumerate(bounds) for flag in (True, False)
    )
    for _ in range(2):  # the second time every interval has been seen
        assert repr(cachecodec.decode_claims(cachecodec.encode_claims(claims))) == repr(claims)


def test_infinite_bounds_read_back_exactly():
    q = Quantity(5.0, "count", "lower", Interval(5.0, math.inf, False, True), Interval(5.0, None), False, None)
    claim = Claim("c", "s", "v", "p", "HSI", "agents", None, q, None, None, Evidence("5", "5.", 0, 1, 1, 1))
    assert repr(cachecodec.decode_claims(cachecodec.encode_claims((claim,)))) == repr((claim,))


@settings(max_examples=100, deadline=None)
@given(_text, _text, st.none() | _date, st.integers(0, 10**6), st.lists(_text, max_size=3))
def test_any_document_reads_back_exactly(text, evidence, date, replacements, warnings):
    doc = pipeline.VersionDocument(
        "a/b.html", "html", "0" * 64, "utf-8", DetectedDate(date, "text", evidence), replacements, tuple(warnings), text
    )
    assert repr(pipeline.decode_document(pipeline.encode_document(doc))) == repr(doc)


def _one_row() -> list:
    q = Quantity(5.0, "count", "lower", Interval(5.0, None, False, True), Interval(5.0, 6.0), False, None)
    claim = Claim("c", "s", "v", "p", "HSI", "agents", None, q, Period("FY 2019", dt.date(2018, 10, 1), dt.date(2019, 9, 30)),
                  None, Evidence("5", "5.", 0, 1, 1, 1), None, True)
    return json.loads(cachecodec.encode_claims((claim,)))[0]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda r: {"claims": [r]}, id="not-a-list"),
        pytest.param(lambda r: [r[:-1]], id="claim-short"),
        pytest.param(lambda r: [r + [None]], id="claim-long"),
        pytest.param(lambda r: [[*r[:7], [*r[7][:3], r[7][3][:2], *r[7][4:]], *r[8:]]], id="interval-short"),
        pytest.param(lambda r: [[*r[:10], r[10][:6], *r[11:]]], id="evidence-short"),
        pytest.param(lambda r: [[*r[:8], [*r[8], "extra"], *r[9:]]], id="period-long"),
    ],
)
def test_a_payload_of_another_layout_raises(damage):
    row = _one_row()
    assert len(cachecodec.decode_claims(json.dumps([row]).encode())) == 1
    with pytest.raises((ValueError, TypeError)):
        cachecodec.decode_claims(json.dumps(damage(row)).encode())


def test_orjson_writes_every_code_point_as_json_does():
    # dumps_scalars hands strings to orjson on this ground (a lone surrogate orjson refuses).
    for start in range(0, 0x110000, 0x8000):
        chars = "".join(chr(c) for c in range(start, min(start + 0x8000, 0x110000)) if not 0xD800 <= c < 0xE000)
        assert cachecodec.dumps_scalars([chars]) == cachecodec.dumps([chars])
    for c in range(0x80):
        assert cachecodec.dumps_scalars([chr(c)]) == cachecodec.dumps([chr(c)])


@settings(max_examples=300, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _text,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner),
    max_leaves=12,
))  # fmt: skip
def test_dumps_scalars_is_dumps(value):
    assert cachecodec.dumps_scalars(value) == cachecodec.dumps(value)
