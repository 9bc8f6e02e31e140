"""serialize.dumps writes exactly json.dumps's canonical text (sorted keys, 2-space indent), made by orjson."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimcheck import serialize

EDGE_FLOATS = [1e16, 1e-5, -1e-5, 1e-7, 0.0001, 0.00001234, -0.0, 0.0, 5e-324, 1e22, 1.5e300, 123456789.123, 1e15, 2.5e-05]
FLOATS = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(EDGE_FLOATS)
SCALARS = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | FLOATS | st.text(max_size=12)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


def canonical(obj) -> str:
    return json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


@settings(max_examples=500, deadline=None)
@given(TREES)
@example([1e-05, {"x": 1e16}, "e-5,\n", " 0.00001,\n"])  # strings that look like the odd floats
@example({"a": -1e-05, "b": [0.00001, "text e12"]})
@example(1e-05)
@example(-0.00001)
def test_dumps_is_json_dumps(obj):
    assert serialize.dumps(obj) == canonical(obj)


@pytest.mark.parametrize("x", EDGE_FLOATS)
def test_each_odd_float_alone_and_in_a_document(x):
    for obj in (x, [x], {"v": x, "w": [x, "x"]}, {"text": "a long string with e and 0.0000 in it", "v": x}):
        assert serialize.dumps(obj) == canonical(obj)
