"""Which claims are comparable, and the one order they are always listed in."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from claimcheck.claims.model import Claim

GroupKey = tuple[str, str, str, str]


def unit_dimension(unit: str) -> str:
    """The dimension a unit measures; for now every unit is its own dimension.

    Kept as a function so that converting units (pounds and kilograms, USD and EUR) later changes
    one place.
    """
    return unit


def group_key(claim: Claim) -> GroupKey:
    """``(subject, measure, scope or "", unit dimension)``: claims with equal keys are comparable."""
    return (claim.subject, claim.measure, claim.scope or "", unit_dimension(claim.value.unit))


def claim_order_key(claim: Claim) -> tuple:
    """The canonical order: as-of date, then source, version, figure, quote and offsets; undated last.

    Among claims with the same as-of date, one with an explicit period comes first (then by its
    period), so the label a cluster takes from its first claim never depends on offsets in a file.
    The figure and the quote come before the offsets, so that moving a paragraph reorders two
    claims of one version only when they say the same thing in the same words.
    """
    period = claim.period
    value = claim.value
    evidence = claim.evidence
    return (
        claim.as_of is None,
        claim.as_of or _MIN_DATE,
        period is None,
        (period.start, period.end, period.label) if period is not None else _NO_PERIOD,
        claim.source,
        claim.version,
        value.bound,
        value.stated,
        _NO_HIGH if value.stated_high is None else value.stated_high,
        evidence.quote,
        evidence.start,
        evidence.end,
        claim.id,
    )


_MIN_DATE = dt.date.min
_NO_PERIOD = (dt.date.min, dt.date.min, "")
_NO_HIGH = -math.inf


def sort_claims(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """``claims`` in the canonical order (see :func:`claim_order_key`).

    The key ends with the claim id, which extraction makes unique; should two different claims
    still tie, their full repr decides, so the order never depends on the order claims arrive in.
    """
    claims = list(claims)
    keys = list(map(claim_order_key, claims))
    keyed = sorted(zip(keys, claims), key=_first)
    out = [c for _, c in keyed]
    for i in range(1, len(keyed)):
        if keyed[i][0] == keyed[i - 1][0]:
            return tuple(sorted(out, key=lambda c: (claim_order_key(c), repr(c))))
    return tuple(out)


def _first(pair: tuple) -> tuple:
    return pair[0]


def group_claims(claims: Iterable[Claim]) -> dict[GroupKey, tuple[Claim, ...]]:
    """Claims split by :func:`group_key`; keys in sorted order, claims in the canonical order."""
    groups: dict[GroupKey, list[Claim]] = {}
    for claim in claims:
        # group_key, inline: this runs once per claim of the corpus.
        key = (claim.subject, claim.measure, claim.scope or "", unit_dimension(claim.value.unit))
        members = groups.get(key)
        if members is None:
            groups[key] = [claim]
        else:
            members.append(claim)
    # Half the groups of a large corpus hold one claim: nothing to order.
    return {key: (groups[key][0],) if len(groups[key]) == 1 else sort_claims(groups[key]) for key in sorted(groups)}
