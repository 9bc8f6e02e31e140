"""claims.json and findings.json built without the converter: the same bytes in half the time.

``serialize.claims_document`` and ``findings_document`` ask cattrs for each claim's plain form:
a generic dispatch per claim, then a hook call per nested value and per optional field (about
10 µs a claim, two thirds of claims.json's time), and ``serialize.dumps_bytes`` then scans the
whole text for the few floats that orjson spells otherwise than json (a quarter of a second per
100 MB). Here each claim and finding is made into the very dicts the converter makes, by hand,
keys already sorted, while noting whether any number is one of those floats; when none is,
orjson's bytes are already the canonical text and need no scan. What remains is about half
making the dicts and half orjson writing them.

The shapes are the converter's, field for field: tests/reports/test_json_fast.py compares the
plain values (types included) with ``serialize.converter.unstructure`` and the bytes with the
converter-and-``dumps_bytes`` path on awkward and generated inputs. Anything outside the shapes
this module knows (a subclass of a model, a field not of its declared type) raises ``Unexpected``
and the caller takes the converter's path, so the bytes are the same in every case, errors
included.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson

from claimcheck import serialize
from claimcheck.checker.model import Change, Finding
from claimcheck.claims.model import Claim, Source, Version
from claimcheck.gcpause import collector_paused

__all__ = ["Unexpected", "claim_dicts", "claims_json_bytes", "finding_dicts", "findings_json_bytes"]


class Unexpected(Exception):
    """A value outside the shapes the fast path knows; the converter's path must handle it."""


# What serialize.dumps_bytes gives orjson: the canonical layout. Its float check is the part done
# here while building (see _figure); everything else must stay exactly what dumps_bytes does.
_OPTIONS = serialize._ORJSON_OPTIONS
# Every dict made here is made with its keys in sorted order (and those the converter makes are
# copied so, see _sorted_copy), so orjson need not sort them again: a quarter of its time.
_PRESORTED = _OPTIONS & ~orjson.OPT_SORT_KEYS
_refuse = serialize._refuse
_number = serialize.number
# The converter's hook for a finding's resolution (a ``dict | None`` field): the one it applies.
_RESOLUTION_HOOK = serialize.converter.get_unstructure_hook(dict)

# A float whose shortest spelling orjson and json (repr) agree on: neither exponent notation
# (repr uses it from 1e16 up and below 1e-4) nor orjson's 0.0000… for small ones. Zero is
# "0.0" in both. NaN and the infinities fail both tests and so count as odd.
_LOW, _HIGH = 1e-4, 1e16
_INTS = (int, int, int, int)
_BOOLS = (bool, bool, bool, bool, bool, bool)


def _plain_float(x: float) -> bool:
    return x == 0.0 or _LOW <= abs(x) < _HIGH


def claims_json_bytes(sources: tuple[Source, ...], claims: tuple[Claim, ...]) -> bytes:
    """``dumps_bytes(claims_document(sources, claims))``, byte for byte.

    Raises ``Unexpected`` for input outside the known shapes (the caller then takes that path).
    """
    # A document of 100,000 claims is 400,000 dicts, all alive until orjson has written them,
    # and none in a reference cycle: the collector would walk them (and the whole run) for nothing.
    with collector_paused():
        source_list, odd = _source_dicts(sources)
        claim_list, odd_claims = claim_dicts(claims)
        doc = {"claims": claim_list, "format_version": serialize.FORMAT_VERSION, "sources": source_list}
        return _dumps(doc, odd or odd_claims)


def findings_json_bytes(findings: tuple[Finding, ...], extra: dict[str, Any]) -> bytes:
    """``dumps_bytes(findings_document(findings, extra))``, byte for byte, for a non-empty
    ``extra`` of plain values (as ``converter.unstructure`` makes them).

    Raises ``Unexpected`` for input outside the known shapes (the caller then takes that path).
    """
    with collector_paused():  # as in claims_json_bytes
        finding_list, odd = finding_dicts(findings)
        doc = {"format_version": serialize.FORMAT_VERSION, "findings": finding_list}
        doc.update(extra)
        odd = odd or _any_odd(extra)
        # Made here, the findings are sorted already; whatever came in ``extra`` is copied so.
        doc = {key: doc[key] if doc[key] is finding_list else _sorted_copy(doc[key]) for key in _sorted_keys(doc)}
        return _dumps(doc, odd)


def _dumps(doc: dict[str, Any], odd: bool) -> bytes:
    if odd:
        return serialize.dumps_bytes(doc)  # the scan and respelling, done the one way
    try:
        return orjson.dumps(doc, default=_refuse, option=_PRESORTED)
    except TypeError:
        # What orjson refuses (an integer past 64 bits): dumps_bytes hands it to json, with its errors.
        return serialize.dumps_bytes(doc)


def _sorted_keys(d: dict[Any, Any]) -> list[str]:
    # orjson sorts str keys by their UTF-8 bytes, which is code point order, as sorted() does; keys
    # of other types it refuses (and json sorts its own way), so those are the converter's case.
    keys = list(d)
    if not all(k.__class__ is str for k in keys):
        raise Unexpected("a key that is not a str")
    keys.sort()
    return keys


def _sorted_copy(value: Any) -> Any:
    """``value`` with every dict inside it copied in sorted key order (lists copied as lists)."""
    t = value.__class__
    if t is dict:
        return {k: _sorted_copy(value[k]) for k in _sorted_keys(value)}
    if t is list or t is tuple:
        return [_sorted_copy(v) for v in value]
    return value


def claim_dicts(claims: tuple[Claim, ...]) -> tuple[list[dict[str, Any]], bool]:
    """``converter.unstructure(list(claims))`` with every dict's keys in sorted order, and whether
    any float in it is spelled otherwise by orjson than by json (then the text needs
    ``dumps_bytes``' respelling). Claims holding one period object share its dict.

    Raises ``Unexpected`` for a claim that is not exactly a ``Claim``, a figure that is not an
    int, a float or None, or another field not of its declared type.
    """
    out = []
    append = out.append
    # Claims share their figures, dates and, often, their period: each is made plain once.
    # ``figures`` maps a float to its plain value (an integral float to its int, any other
    # float to itself) once it is known not to need json's spelling; ``odd`` collects those that do.
    figures: dict[float, int | float] = {}
    odd: list[float] = []
    iso: dict[Any, str] = {}
    periods: dict[int, tuple[Any, dict[str, str]]] = {}
    F = float

    def plain(x: Any) -> Any:
        # serialize.number, each float made plain once; a figure that is neither a float, an int
        # nor None is left to the converter.
        if x.__class__ is F:
            return figures.get(x) or _figure(x, figures, odd)
        if x is not None and x.__class__ is not int:
            raise Unexpected(type(x).__name__)
        return x

    for c in claims:
        if c.__class__ is not Claim:
            raise Unexpected(type(c).__name__)
        q = c.value
        iv = q.interval
        lk = q.likely
        stated, stated_high = plain(q.stated), plain(q.stated_high)
        low, high = plain(iv.low), plain(iv.high)
        likely_low, likely_high = plain(lk.low), plain(lk.high)
        p = c.period
        if p is None:
            period = None
        else:
            # Keyed by identity (the period is held by its claim, so the id is not reused meanwhile).
            seen = periods.get(id(p))
            if seen is None:
                label = p.label
                if label.__class__ is not str:
                    raise Unexpected(type(label).__name__)
                period = {"end": _iso(p.end, iso), "label": label, "start": _iso(p.start, iso)}
                periods[id(p)] = (p, period)
            else:
                period = seen[1]  # shared, where the converter makes a copy each: the same text
        e = c.evidence
        as_of = c.as_of
        version_date = c.version_date
        # The other fields go to orjson as they are, as the converter passes them. Their declared
        # types are written alike by both paths; a float or a dict where attrs let one in would
        # not be (no respelling, no sorting here), so such a claim goes the converter's way.
        cid, source, version, path, subject, measure = c.id, c.source, c.version, c.path, c.subject, c.measure
        unit, bound, quote, sentence = q.unit, q.bound, e.quote, e.sentence
        "".join((cid, source, version, path, subject, measure, unit, bound, quote, sentence))  # str or TypeError
        scope, page = c.scope, e.page
        start, end, line, column = e.start, e.end, e.line, e.column
        current, hedge = c.current, q.inherited_hedge
        low_inclusive, high_inclusive = iv.low_inclusive, iv.high_inclusive
        likely_low_inclusive, likely_high_inclusive = lk.low_inclusive, lk.high_inclusive
        if (
            (start.__class__, end.__class__, line.__class__, column.__class__) != _INTS
            or (current.__class__, hedge.__class__, low_inclusive.__class__, high_inclusive.__class__,
                likely_low_inclusive.__class__, likely_high_inclusive.__class__) != _BOOLS
            or (scope is not None and scope.__class__ is not str)
            or (page is not None and page.__class__ is not int)
        ):
            raise Unexpected("a field of another type than declared")
        append(
            {
                "as_of": None if as_of is None else _iso(as_of, iso),
                "current": current,
                "evidence": {
                    "column": column,
                    "end": end,
                    "line": line,
                    "page": page,
                    "quote": quote,
                    "sentence": sentence,
                    "start": start,
                },
                "id": cid,
                "measure": measure,
                "path": path,
                "period": period,
                "scope": scope,
                "source": source,
                "subject": subject,
                "value": {
                    "bound": bound,
                    "high": high,
                    "high_inclusive": high_inclusive,
                    "inherited_hedge": hedge,
                    "likely_high": likely_high,
                    "likely_high_inclusive": likely_high_inclusive,
                    "likely_low": likely_low,
                    "likely_low_inclusive": likely_low_inclusive,
                    "low": low,
                    "low_inclusive": low_inclusive,
                    "stated": stated,
                    "stated_high": stated_high,
                    "unit": unit,
                },
                "version": version,
                "version_date": None if version_date is None else _iso(version_date, iso),
            }
        )
    return out, bool(odd)


def _figure(x: float, figures: dict[float, int | float], odd: list[float]) -> int | float:
    # serialize.number of a float not seen before (or plain 0, which reads as false).
    if x.is_integer():
        plain = figures[x] = int(x)
        return plain
    if _LOW <= abs(x) < _HIGH:
        figures[x] = x
    else:
        odd.append(x)  # NaN, the infinities and the floats json spells with an exponent
    return x


def _iso(d: Any, cache: dict[Any, str]) -> str:
    # The converter's date hook is d.isoformat(); a datetime (a date subclass) would say more, and
    # compares equal to no date, so the cache never mixes the two.
    if d.__class__ is not dt.date:
        raise Unexpected(type(d).__name__)
    text = cache.get(d)
    if text is None:
        text = cache[d] = d.isoformat()
    return text


def finding_dicts(findings: tuple[Finding, ...]) -> tuple[list[dict[str, Any]], bool]:
    """``converter.unstructure(list(findings))`` with every dict's keys in sorted order, and
    whether any float in it needs respelling.

    Raises ``Unexpected`` for a finding that is not exactly a ``Finding``, a change that is not
    exactly a ``Change``, another field not of its declared type, or a resolution with a key that
    is not a str.
    """
    out = []
    append = out.append
    odd = False
    unstructure_resolution = _RESOLUTION_HOOK
    for f in findings:
        if f.__class__ is not Finding:
            raise Unexpected(type(f).__name__)
        # As for claims: the fields passed through must be of their declared types.
        fid, kind, severity, subject, measure, unit = f.id, f.kind, f.severity, f.subject, f.measure, f.unit
        digest, message, status, scope, period = f.evidence_digest, f.message, f.status, f.scope, f.period
        "".join((fid, kind, severity, subject, measure, unit, digest, message, status))  # str or TypeError
        "".join(f.claims)
        "".join(f.sources)
        if (scope is not None and scope.__class__ is not str) or (period is not None and period.__class__ is not str):
            raise Unexpected("a field of another type than declared")
        ch = f.change
        if ch is None:
            change = None
        else:
            if ch.__class__ is not Change:
                raise Unexpected(type(ch).__name__)
            old_date, new_date = ch.old_date, ch.new_date
            "".join((ch.direction, ch.old, ch.new))
            if (old_date is not None and old_date.__class__ is not str) or (
                new_date is not None and new_date.__class__ is not str
            ):
                raise Unexpected("a field of another type than declared")
            delta, relative = _number(ch.delta), ch.relative
            odd = odd or _any_odd(delta) or _any_odd(relative)
            change = {
                "delta": delta,
                "direction": ch.direction,
                "new": ch.new,
                "new_date": new_date,
                "old": ch.old,
                "old_date": old_date,
                "relative": relative,
            }
        resolution = f.resolution
        if resolution is not None:
            resolution = _sorted_copy(unstructure_resolution(resolution))
            odd = odd or _any_odd(resolution)
        append(
            {
                "change": change,
                "claims": list(f.claims),
                "evidence_digest": digest,
                "id": fid,
                "kind": kind,
                "measure": measure,
                "message": message,
                "period": period,
                "resolution": resolution,
                "scope": scope,
                "severity": severity,
                "sources": list(f.sources),
                "status": status,
                "subject": subject,
                "unit": unit,
            }
        )
    return out, odd


def _source_dicts(sources: tuple[Source, ...]) -> tuple[list[dict[str, Any]], bool]:
    # A few hundred at most: the converter's own output, checked for odd floats like the rest.
    for s in sources:
        if s.__class__ is not Source or any(v.__class__ is not Version for v in s.versions):
            raise Unexpected(type(s).__name__)
    plain = _sorted_copy(serialize.converter.unstructure(list(sources)))
    return plain, _any_odd(plain)


def _any_odd(value: Any) -> bool:
    """True when some float inside ``value`` (lists, scalars, and dicts made by _sorted_copy) may
    need json's spelling."""
    t = value.__class__
    if t is float:
        return not _plain_float(value)
    if t is dict:
        return any(map(_any_odd, value.values()))
    if t is list or t is tuple:
        return any(map(_any_odd, value))
    if t is str or t is int or t is bool or value is None:
        return False
    return True  # anything else (a float subclass, say): let dumps_bytes look at the text
