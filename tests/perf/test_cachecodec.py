"""The cache's positional encoding gives back exactly the claims and documents it was given."""

from __future__ import annotations

import datetime as dt
import math

import attrs
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
