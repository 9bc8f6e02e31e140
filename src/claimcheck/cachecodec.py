"""The cache's encoding of a version's claims: positional JSON arrays, not the converter's objects.

claims.json is written for people and other tools (field names, formats.md); the cache is read
back by this code alone, tens of thousands of claims per run, so it stores each claim as arrays
in field order and builds the attrs objects by position. ``pipeline.process`` checks that every
claim set reads back exactly before it is stored, and tests/perf/test_cachecodec.py that the
field lists below are the models' own.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

import orjson

from claimcheck.claims.model import Claim, Evidence, Interval, Period, Quantity

__all__ = ["FIELDS", "decode_claims", "dumps", "dumps_scalars", "encode_claims", "loads"]

# The fields each array holds, in order: what the codec assumes of the models.
FIELDS = {
    Claim: ("id", "source", "version", "path", "subject", "measure", "scope", "value", "period", "as_of",
            "evidence", "version_date", "current"),
    Quantity: ("stated", "unit", "bound", "interval", "likely", "inherited_hedge", "stated_high"),
    Interval: ("low", "high", "low_inclusive", "high_inclusive"),
    Period: ("label", "start", "end"),
    Evidence: ("quote", "sentence", "start", "end", "line", "column", "page"),
}


def encode_claims(claims: tuple[Claim, ...]) -> bytes:
    """A version's claims as compact UTF-8 JSON (lone surrogates from a damaged page kept)."""
    return dumps([_claim(c) for c in claims])


def decode_claims(payload: bytes) -> tuple[Claim, ...]:
    """The claims ``encode_claims`` stored; raises on any other shape (the caller drops the row).

    Shapes, not types, are checked: rows are read only under the code digest that wrote them, and
    the cache's checksum catches damaged bytes, so what remains to catch is a payload of another
    layout, which always differs in some array's length.
    """
    rows = loads(payload)
    if type(rows) is not list:
        raise ValueError("claims payload is not a list")
    return tuple(_to_claim(row) for row in rows)


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON of a payload, lone surrogates and infinite bounds kept (json's
    ``Infinity``: orjson would write null)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


# Values orjson writes byte for byte as ``dumps`` does: strings (the same escapes: tests/perf
# test it for every code point), ints as digits, true, false, null. A float it may write otherwise
# ("1e16" for "1e+16", null for Infinity); a lone surrogate or an int past 64 bits it refuses.
_SCALARS = frozenset({str, int, bool, type(None)})


def dumps_scalars(value: Any) -> bytes:
    """``dumps(value)``, by orjson (a sixth of the time) when ``value`` is made of lists and the
    scalars above alone, each of its exact type, and orjson accepts it."""
    if _only_scalars(value):
        try:
            return orjson.dumps(value)
        except orjson.JSONEncodeError:
            pass
    return dumps(value)


def _only_scalars(value: Any) -> bool:
    if type(value) is list:
        return all(map(_only_scalars, value))
    return type(value) in _SCALARS


def loads(payload: bytes) -> Any:
    """A payload's JSON value: orjson's parse (three times json's speed, the same values), or
    json's when the bytes hold what orjson refuses: the lone surrogates a damaged page can leave,
    an infinite bound. One difference: orjson reads an integer beyond 64 bits as a float.
    Payloads hold none: their integers are offsets, line and column numbers and counts, and
    figures are floats (Quantity)."""
    try:
        return orjson.loads(payload)
    except orjson.JSONDecodeError:
        return json.loads(payload.decode("utf-8", "surrogatepass"))


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _interval(i: Interval) -> list:
    return [i.low, i.high, i.low_inclusive, i.high_inclusive]


def _claim(c: Claim) -> list:
    q, e, p = c.value, c.evidence, c.period
    return [
        c.id, c.source, c.version, c.path, c.subject, c.measure, c.scope,
        [q.stated, q.unit, q.bound, _interval(q.interval), _interval(q.likely), q.inherited_hedge, q.stated_high],
        None if p is None else [p.label, p.start.isoformat(), p.end.isoformat()],
        _iso(c.as_of),
        [e.quote, e.sentence, e.start, e.end, e.line, e.column, e.page],
        _iso(c.version_date),
        c.current,
    ]


# A corpus states a few figures many times: tens of thousands of claims have a few thousand
# distinct intervals, and sharing them (they are frozen) saves both building and holding them.
# typed: 1 and 1.0, True and 1 are equal keys whose reprs (and so reports) differ.
_shared_interval = functools.lru_cache(maxsize=8192, typed=True)(Interval)
_fromiso = dt.date.fromisoformat


def _interval_of(low: Any, high: Any, low_inclusive: Any, high_inclusive: Any) -> Interval:
    # 0.0 and -0.0 are equal floats with different reprs: a zero bound is never shared.
    if low == 0 or high == 0:
        return Interval(low, high, low_inclusive, high_inclusive)
    return _shared_interval(low, high, low_inclusive, high_inclusive)


def _to_claim(r: list) -> Claim:
    id_, source, version, path, subject, measure, scope, q, p, as_of, e, version_date, current = r
    stated, unit, bound, interval, likely, inherited, stated_high = q
    if len(interval) != 4 or len(likely) != 4 or len(e) != 7 or (p is not None and len(p) != 3):
        raise ValueError("claims payload of another layout")
    return Claim(
        id_, source, version, path, subject, measure, scope,
        Quantity(stated, unit, bound, _interval_of(*interval), _interval_of(*likely), inherited, stated_high),
        None if p is None else Period(p[0], _fromiso(p[1]), _fromiso(p[2])),
        None if as_of is None else _fromiso(as_of),
        Evidence(*e),
        None if version_date is None else _fromiso(version_date),
        current,
    )

