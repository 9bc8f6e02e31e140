"""pipeline.process's round-trip check answers what comparing reprs answers, at a fifth of the cost."""

from __future__ import annotations

import datetime as dt
import enum
import math

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import cachecodec, pipeline
from claimcheck.claims.dates import DetectedDate
from claimcheck.claims.model import Claim, Evidence, Interval, Period, Quantity


class Count(enum.IntEnum):  # equals its int, reprs otherwise: never plain
    ONE = 1


class Tagged(str):  # equals its str, reprs otherwise: never plain
    def __repr__(self) -> str:
        return "Tagged(" + str.__repr__(self) + ")"


class Wide(float):
    def __repr__(self) -> str:
        return "Wide(" + float.__repr__(self) + ")"


_text = st.text(max_size=8) | st.sampled_from(["\ud800", "x\udfff"]) | st.builds(Tagged, st.text(max_size=4))
_float = st.floats() | st.sampled_from([0.0, -0.0, math.inf, -math.inf, math.nan]) | st.builds(Wide, st.floats())
_number = st.none() | _float | st.integers(-5, 5) | st.just(Count.ONE) | st.booleans()
_int = st.integers(0, 9) | st.just(Count.ONE) | st.booleans()
_date = st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)) | st.builds(dt.datetime, st.just(2020), st.just(1), st.just(2))
_interval = st.builds(Interval, _number, _number, st.booleans() | _int, st.booleans())
_quantity = st.builds(Quantity, _number, _text, _text, _interval, _interval, st.booleans() | _int, _number)
_evidence = st.builds(Evidence, _text, _text, _int, _int, _int, _int, st.none() | _int)
_claim = st.builds(
    Claim, _text, _text, _text, _text, _text, _text, st.none() | _text, _quantity,
    st.none() | st.builds(Period, _text, _date, _date), st.none() | _date, _evidence, st.none() | _date,
    st.booleans() | _int,
)  # fmt: skip


def _repr_check(decoded, original) -> bool:
    return repr(decoded) == repr(original)


@settings(max_examples=500, deadline=None)
@given(st.lists(_claim, max_size=3).map(tuple))
def test_the_claims_check_answers_as_reprs_do(claims):
    try:
        decoded = cachecodec.decode_claims(cachecodec.encode_claims(claims))
    except ValueError:  # a datetime written with its time does not read back as a date
        return
    assert pipeline._reads_back(decoded, claims, pipeline._claims_plain(claims)) == _repr_check(decoded, claims)


@settings(max_examples=300, deadline=None)
@given(_text, _text, st.none() | _date, _int, st.lists(_text, max_size=2), _text)
def test_the_document_check_answers_as_reprs_do(text, evidence, date, replacements, warnings, encoding):
    doc = pipeline.VersionDocument(
        "a/b.html", "html", "0" * 64, encoding, DetectedDate(date, "text", evidence), replacements, tuple(warnings), text
    )
    try:
        decoded = pipeline.decode_document(pipeline.encode_document(doc))
    except ValueError:
        return
    assert pipeline._reads_back(decoded, doc, pipeline._document_plain(doc)) == _repr_check(decoded, doc)


def test_both_parsers_keep_the_sign_of_zero():
    # The check's == treats 0.0 and -0.0 as equal: it holds only because the codec never swaps them.
    for payload in (b"[-0.0,0.0]", '["\ud800",-0.0,0.0]'.encode("utf-8", "surrogatepass")):
        values = cachecodec.loads(payload)[-2:]
        assert [math.copysign(1.0, v) for v in values] == [-1.0, 1.0]


def test_every_field_takes_part_in_equality():
    # A field left out of __eq__ but shown by __repr__ would let == hold where the reprs differ.
    for cls in (Claim, Quantity, Interval, Period, Evidence, pipeline.VersionDocument, DetectedDate):
        assert all(f.eq for f in attrs.fields(cls)), cls.__name__
        assert all(f.repr for f in attrs.fields(cls)), cls.__name__


def test_plain_values_are_plain():
    q = Quantity(5.0, "count", "lower", Interval(5.0, math.inf, False, True), Interval(5.0, None), False, None)
    claim = Claim("c", "s", "v", "p", "HSI", "agents", None, q, Period("2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
                  None, Evidence("5", "5.", 0, 1, 1, 1), dt.date(2020, 1, 1))  # fmt: skip
    assert pipeline._claims_plain((claim,))
    assert not pipeline._claims_plain((attrs.evolve(claim, id=Tagged("c")),))
    assert not pipeline._claims_plain([claim])
    doc = pipeline.VersionDocument("a", "html", "0", "utf-8", DetectedDate(None, "none", ""), 0, ("w",), "t")
    assert pipeline._document_plain(doc)
    assert not pipeline._document_plain(attrs.evolve(doc, replacements=Count.ONE))


def test_every_field_of_a_claim_is_looked_at():
    # _claims_plain names each field: one added to a model and left out there would let a value of
    # another type through. Each field in turn gets a value whose type is not plain.
    from claimcheck.cachecodec import FIELDS

    q = Quantity(5.0, "count", "lower", Interval(5.0, None, False, True), Interval(5.0, 6.0), False, None)
    claim = Claim("c", "s", "v", "p", "HSI", "agents", None, q, Period("2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
                  None, Evidence("5", "5.", 0, 1, 1, 1), dt.date(2020, 1, 1))  # fmt: skip
    odd = Tagged("x")
    assert pipeline._claims_plain((claim,))
    for cls, names in FIELDS.items():
        assert {f.name for f in attrs.fields(cls)} == set(names), cls.__name__
    nested = {"value", "period", "evidence", "interval", "likely"}  # models: their own fields below
    for name in set(FIELDS[Claim]) - nested:
        assert not pipeline._claims_plain((attrs.evolve(claim, **{name: odd}),)), name
    for name in set(FIELDS[Quantity]) - nested:
        assert not pipeline._claims_plain((attrs.evolve(claim, value=attrs.evolve(q, **{name: odd})),)), name
    for name in FIELDS[Interval]:
        for which in ("interval", "likely"):
            bad = attrs.evolve(q, **{which: attrs.evolve(getattr(q, which), **{name: odd})})
            assert not pipeline._claims_plain((attrs.evolve(claim, value=bad),)), (which, name)
    for name in FIELDS[Period]:
        assert not pipeline._claims_plain((attrs.evolve(claim, period=attrs.evolve(claim.period, **{name: odd})),)), name
    for name in FIELDS[Evidence]:
        assert not pipeline._claims_plain((attrs.evolve(claim, evidence=attrs.evolve(claim.evidence, **{name: odd})),)), name
