"""finding_id and evidence_digest: the recipe, and what must and must not change them."""

from __future__ import annotations

import re

import attrs
import pytest

from claimcheck.checker.fingerprint import evidence_digest, finding_id, normalise_quote

from .factory import make_claim

BASE = dict(
    kind="change", subject="ICE", measure="annual budget", scope=None, unit="USD", periods=("FY2010", "2020-05-13")
)


def test_id_shape_and_determinism() -> None:
    fid = finding_id(**BASE)
    assert re.fullmatch(r"f-[0-9a-f]{16}", fid)
    assert finding_id(**BASE) == fid


def test_id_is_pinned() -> None:
    # The recipe is a public contract (style.md, habit 7): if this changes, stored resolutions
    # stop matching. Update only together with a format-version note.
    assert finding_id(**BASE) == "f-0d8787ab45d9ffba"


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "conflict"},
        {"subject": "HSI"},
        {"measure": "budget"},
        {"scope": "overseas"},
        {"unit": "EUR"},
        {"periods": ("FY2010", "2020-05-14")},
        {"periods": ("2020-05-13", "FY2010")},
        {"extra": ("ice-fact-sheets",)},
    ],
)
def test_each_identity_field_matters(change) -> None:
    assert finding_id(**{**BASE, **change}) != finding_id(**BASE)


def test_no_scope_is_empty_scope() -> None:
    assert finding_id(**{**BASE, "scope": ""}) == finding_id(**BASE)


def test_normalise_quote() -> None:
    assert normalise_quote("  More than\n$5.7   BILLION ") == "more than $5.7 billion"


def claim(name="x", **fields):
    return make_claim(name, **{"stated": 67, "quote": "67 offices", **fields})


def test_digest_shape_and_order_independence() -> None:
    a, b = claim("a", source="s1"), claim("b", source="s2", stated=78, quote="78 offices")
    assert re.fullmatch(r"[0-9a-f]{64}", evidence_digest([a, b]))
    assert evidence_digest([a, b]) == evidence_digest([b, a])


def test_digest_ignores_where_the_evidence_sits() -> None:
    a = claim()
    moved = attrs.evolve(
        a,
        id="c-other",
        version="renamed",
        path="elsewhere/file.md",
        evidence=attrs.evolve(a.evidence, start=999, end=1010, line=77, column=3, quote=" 67\n OFFICES "),
    )
    assert evidence_digest([moved]) == evidence_digest([a])


def test_digest_int_and_float_figures_are_the_same() -> None:
    a = claim()
    as_int = attrs.evolve(a, value=attrs.evolve(a.value, stated=67))
    assert evidence_digest([as_int]) == evidence_digest([a])


@pytest.mark.parametrize(
    "fields",
    [
        {"stated": 68},
        {"quote": "68 offices"},
        {"source": "other"},
        {"interval": "[66, 67]"},
        {"interval": "(67, 67]"},
        {"unit": "pounds"},
        {"bound": "approx"},
    ],
)
def test_digest_follows_the_evidence(fields) -> None:
    base = {"stated": 67, "quote": "67 offices", "interval": "[67, 67]"}
    assert evidence_digest([make_claim("x", **{**base, **fields})]) != evidence_digest([make_claim("x", **base)])


# --- the fast spellings of the canonical JSON are byte for byte the recipe ------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from claimcheck.checker.fingerprint import (  # noqa: E402
    _canonical_json,
    _evidence_item,
    _identity,
    _sha256,
    evidence_item_text,
    identity_text,
)

numbers = st.one_of(st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False, width=64))


@settings(max_examples=300, deadline=None)
@given(
    quote=st.text(max_size=40),
    source=st.text(min_size=1, max_size=10),
    stated=numbers,
    low=st.one_of(st.none(), numbers),
    high=st.one_of(st.none(), numbers),
    bounds=st.tuples(st.booleans(), st.booleans()),
)
def test_evidence_item_text_is_the_canonical_json(quote, source, stated, low, high, bounds) -> None:
    c = make_claim("x", source=source, quote=quote, stated=0)
    value = attrs.evolve(c.value, stated=stated, interval=attrs.evolve(c.value.interval, low=low, high=high,
                         low_inclusive=bounds[0], high_inclusive=bounds[1]))  # fmt: skip
    c = attrs.evolve(c, value=value)
    assert evidence_item_text(c) == _canonical_json(_evidence_item(c))
    assert evidence_digest([c, make_claim("y")]) == _sha256(
        _canonical_json(sorted(_canonical_json(_evidence_item(m)) for m in (c, make_claim("y"))))
    )


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.text(max_size=12), min_size=5, max_size=5), periods=st.lists(st.text(max_size=8), max_size=3),
       extra=st.lists(st.text(max_size=8), max_size=2), no_scope=st.booleans())  # fmt: skip
def test_identity_text_is_the_canonical_json(parts, periods, extra, no_scope) -> None:
    kind, subject, measure, scope, unit = parts
    args = (kind, subject, measure, None if no_scope else scope, unit, tuple(periods), tuple(extra))
    assert identity_text(*args) == _canonical_json(_identity(*args))


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.text(max_size=12), min_size=5, max_size=5), periods=st.lists(st.text(max_size=8), max_size=3),
       extra=st.lists(st.text(max_size=8), max_size=2), no_scope=st.booleans())  # fmt: skip
def test_group_finding_id_is_finding_id(parts, periods, extra, no_scope) -> None:
    from claimcheck.checker.fingerprint import group_finding_id, identity_parts

    kind, subject, measure, scope, unit = parts
    scope = None if no_scope else scope
    expected = finding_id(kind, subject, measure, scope, unit, tuple(periods), tuple(extra))
    assert group_finding_id(identity_parts(subject, measure, scope, unit), kind, tuple(periods), tuple(extra)) == expected


@settings(max_examples=200, deadline=None)
@given(quotes=st.lists(st.text(max_size=20), min_size=1, max_size=6), sources=st.lists(st.text(max_size=6), min_size=1,
       max_size=6), stated=st.lists(numbers, min_size=1, max_size=6))  # fmt: skip
def test_evidence_texts_give_the_recipe_digest(quotes, sources, stated) -> None:
    from claimcheck.checker.fingerprint import EvidenceTexts

    claims = []
    for i, quote in enumerate(quotes):
        c = make_claim(f"x{i}", source=sources[i % len(sources)] or "s", quote=quote, stated=0)
        claims.append(attrs.evolve(c, value=attrs.evolve(c.value, stated=stated[i % len(stated)])))
    texts = EvidenceTexts()
    # Twice: once building the parts, once from them.
    assert texts.digest(claims) == evidence_digest(claims)
    assert texts.digest(claims[::-1]) == evidence_digest(claims)
