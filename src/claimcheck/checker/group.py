"""Which claims are comparable, and the one order they are always listed in."""

from __future__ import annotations

import datetime as dt
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
    """The canonical order: as-of date, then source, version and evidence start; undated last.

    Among claims with the same as-of date, one with an explicit period comes first (then by its
    period), so the label a cluster takes from its first claim never depends on offsets in a file.
    The id and the full repr close every remaining tie, so the order is total and the result never
    depends on the order claims arrive in.
    """
    period = claim.period
    return (
        claim.as_of is None,
        claim.as_of or dt.date.min,
        period is None,
        (period.start, period.end, period.label) if period is not None else (dt.date.min, dt.date.min, ""),
        claim.source,
        claim.version,
        claim.evidence.start,
        claim.evidence.end,
        claim.id,
        repr(claim),
    )


def sort_claims(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """``claims`` in the canonical order (see :func:`claim_order_key`)."""
    return tuple(sorted(claims, key=claim_order_key))


def group_claims(claims: Iterable[Claim]) -> dict[GroupKey, tuple[Claim, ...]]:
    """Claims split by :func:`group_key`; keys in sorted order, claims in the canonical order."""
    groups: dict[GroupKey, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(group_key(claim), []).append(claim)
    return {key: sort_claims(groups[key]) for key in sorted(groups)}
