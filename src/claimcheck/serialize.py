"""The one cattrs converter: every persisted JSON shape, with its format version."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

import cattrs
import orjson
from cattrs.gen import make_dict_unstructure_fn

from claimcheck.checker.model import Finding
from claimcheck.claims.model import Claim, Interval, Quantity, Source

FORMAT_VERSION = 1

converter = cattrs.Converter(forbid_extra_keys=True)

converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())
converter.register_structure_hook(dt.date, lambda v, _: v if isinstance(v, dt.date) else dt.date.fromisoformat(v))


def number(x: float | None) -> int | float | None:
    """A JSON number: integral values as ints so 8e9 prints as 8000000000."""
    if x is None:
        return None
    if isinstance(x, float) and math.isfinite(x) and x.is_integer():
        return int(x)
    return x


def _unstructure_quantity(q: Quantity) -> dict[str, Any]:
    return {
        "stated": number(q.stated),
        "stated_high": number(q.stated_high),
        "unit": q.unit,
        "bound": q.bound,
        "low": number(q.interval.low),
        "high": number(q.interval.high),
        "low_inclusive": q.interval.low_inclusive,
        "high_inclusive": q.interval.high_inclusive,
        "likely_low": number(q.likely.low),
        "likely_high": number(q.likely.high),
        "likely_low_inclusive": q.likely.low_inclusive,
        "likely_high_inclusive": q.likely.high_inclusive,
        "inherited_hedge": q.inherited_hedge,
    }


def _float(x: Any) -> float | None:
    return None if x is None else float(x)


def _structure_quantity(d: dict[str, Any], _: type) -> Quantity:
    return Quantity(
        stated=float(d["stated"]),
        stated_high=_float(d.get("stated_high")),
        unit=d["unit"],
        bound=d["bound"],
        interval=Interval(_float(d["low"]), _float(d["high"]), d["low_inclusive"], d["high_inclusive"]),
        likely=Interval(
            _float(d["likely_low"]),
            _float(d["likely_high"]),
            d.get("likely_low_inclusive", True),
            d.get("likely_high_inclusive", True),
        ),
        inherited_hedge=d.get("inherited_hedge", False),
    )


converter.register_unstructure_hook(Quantity, _unstructure_quantity)
converter.register_structure_hook(Quantity, _structure_quantity)


# cattrs' generated function for Finding's fields, as the converter would make it: its generic
# unstructure_attrs_asdict looks every field's hook up again for every finding (35 µs a finding).
_finding_fields = make_dict_unstructure_fn(Finding, converter)


def _finding_number_fields(f: Finding) -> dict[str, Any]:
    d = _finding_fields(f)
    if d["change"] is not None:
        d["change"]["delta"] = number(d["change"]["delta"])
    return d


converter.register_unstructure_hook(Finding, _finding_number_fields)


_ORJSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
_COMPACT_OPTIONS = _ORJSON_OPTIONS & ~orjson.OPT_INDENT_2
# orjson and json agree on every byte of that layout except the spelling of some floats: where
# json (float repr) writes 1e-05 or 1e+16, orjson writes 0.00001 or 1e16. Numbers are the only
# tokens that end a line after a space without a quote, bracket or letter, so these patterns
# find exactly those numbers without looking inside strings. The searches start with a literal,
# which the re module scans for quickly: a 100 MB claims.json costs a fraction of a second.
_EXPONENT_HINT = re.compile(rb"e-?[0-9]+,?\n")
# Indented JSON starts most lines with spaces, so a pattern opening with " 0.0000" is tried at
# nearly every byte; the plain substring test (a C search) comes first and is almost always false.
_SMALL_HINTS = (re.compile(rb" 0\.0000[0-9]*,?\n"), re.compile(rb" -0\.0000[0-9]*,?\n"))
_ODD_FLOAT = re.compile(rb"(?:(?<= )|\A)-?(?:0\.0000[0-9]*|[0-9][0-9.]*e[-+]?[0-9]+)(?=,?\n)")


def _refuse(obj: Any) -> Any:
    # json.dumps raises TypeError for what it cannot encode; so do we, and then let json say why.
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def _float_as_python(match: re.Match[bytes]) -> bytes:
    return repr(float(match.group())).encode("ascii")


def dumps(obj: Any) -> str:
    """Canonical JSON text: sorted keys, 2-space indent, UTF-8 characters kept, trailing newline.

    Exactly the text of ``json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False,
    allow_nan=False) + "\\n"``, made by orjson: json's indenting encoder is pure Python and ten
    times slower, which a report of 100,000 claims feels. Whatever orjson will not take (integers
    beyond 64 bits, non-string keys, other types) goes to json itself, with its errors. One
    difference: a NaN or infinity becomes null where json would raise ValueError; report values
    are finite (serialize.number and the checker's intervals use None for unbounded).
    """
    return dumps_bytes(obj).decode("utf-8")


def dumps_bytes(obj: Any) -> bytes:
    """``dumps(obj)`` encoded as UTF-8, without making the text: what a file writer wants."""
    try:
        data = orjson.dumps(obj, default=_refuse, option=_ORJSON_OPTIONS)
    except TypeError:
        return (json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")
    if (
        data.lstrip(b"-").startswith(b"0.0000")
        or _EXPONENT_HINT.search(data)
        or (b"0.0000" in data and any(hint.search(data) for hint in _SMALL_HINTS))
    ):
        data = _ODD_FLOAT.sub(_float_as_python, data)
    return data


def compact_bytes(obj: Any) -> bytes:
    """Compact canonical JSON as UTF-8: sorted keys, no whitespace, a trailing newline.

    For outputs too large to be read by people (a big SARIF log). Floats are spelled the
    shortest way that reads back exactly, orjson's (``0.00001`` where json writes ``1e-05``),
    except in what orjson refuses and json writes (integers beyond 64 bits).
    """
    try:
        return orjson.dumps(obj, default=_refuse, option=_COMPACT_OPTIONS)
    except TypeError:  # as dumps_bytes: what orjson will not take goes to json, with its errors
        text = json.dumps(obj, sort_keys=True, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return (text + "\n").encode("utf-8")


def claims_document(sources: tuple[Source, ...], claims: tuple[Claim, ...]) -> dict[str, Any]:
    """The `claims.json` shape of formats.md."""
    return {
        "format_version": FORMAT_VERSION,
        "sources": converter.unstructure(list(sources)),
        "claims": converter.unstructure(list(claims)),
    }


def findings_document(findings: tuple[Finding, ...], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `findings.json` shape of formats.md."""
    doc = {"format_version": FORMAT_VERSION, "findings": converter.unstructure(list(findings))}
    if extra:
        doc.update(extra)
    return doc


def claims_from_document(doc: dict[str, Any]) -> tuple[tuple[Source, ...], tuple[Claim, ...]]:
    """Read a `claims.json` document back into values."""
    sources = tuple(converter.structure(doc["sources"], list[Source]))
    claims = tuple(converter.structure(doc["claims"], list[Claim]))
    return sources, claims


def findings_from_document(doc: dict[str, Any]) -> tuple[Finding, ...]:
    """Read a `findings.json` document back into values."""
    return tuple(converter.structure(doc["findings"], list[Finding]))
