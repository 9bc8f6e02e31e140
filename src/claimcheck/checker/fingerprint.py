"""Finding ids and evidence digests: stable hashes that survive moved lines and renamed files.

The recipe is a public contract (style.md, habit 7): changing what goes into either hash changes
every stored resolution, so it is a format change.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable

from claimcheck.claims.model import Claim

ID_PREFIX = "f-"
ID_HEX_CHARS = 16


def _canonical_json(value: object) -> str:
    # Sorted keys and fixed separators: the same fields always hash to the same bytes.
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def finding_id(
    kind: str,
    subject: str,
    measure: str,
    scope: str | None,
    unit: str,
    periods: tuple[str, ...],
    extra: tuple[str, ...] = (),
) -> str:
    """``"f-"`` + 16 hex chars of a sha256 over the finding's identity.

    The identity is the kind, the group (subject, measure, scope, unit) and the period label(s) the
    finding concerns, plus ``extra`` (a source id for stale, undated-discrepancy and revision
    findings). Nothing about where the evidence sits in a file goes in, so the id survives edits
    elsewhere, moved lines, renamed files and reordered sources.
    """
    identity = {
        "kind": kind,
        "subject": subject,
        "measure": measure,
        # None and "" are the same group (group_key), so they must be the same id too.
        "scope": scope or "",
        "unit": unit,
        "periods": list(periods),
        "extra": list(extra),
    }
    return ID_PREFIX + _sha256(_canonical_json(identity))[:ID_HEX_CHARS]


def normalise_quote(quote: str) -> str:
    """A quote casefolded with whitespace collapsed: reflowing or recasing text is not new evidence."""
    return " ".join(quote.casefold().split())


def _number(x: float | None) -> float | int | None:
    # 8000000000 and 8000000000.0 are the same figure; JSON would spell them differently.
    if x is None:
        return None
    if isinstance(x, float) and math.isfinite(x) and x.is_integer():
        return int(x)
    return x


def _evidence_item(claim: Claim) -> list:
    value = claim.value
    interval = value.interval
    return [
        claim.source,
        normalise_quote(claim.evidence.quote),
        _number(value.stated),
        _number(value.stated_high),
        _number(interval.low),
        interval.low_inclusive,
        _number(interval.high),
        interval.high_inclusive,
        value.unit,
        value.bound,
    ]


def evidence_digest(claims: Iterable[Claim]) -> str:
    """64 hex chars of a sha256 over what the member claims say, in a sorted order.

    Each member contributes its source id, normalised quote, stated figure, stated interval (ends
    and inclusivity), unit and bound. The digest changes when the evidence changes and not when it
    merely moves.
    """
    items = sorted(_canonical_json(_evidence_item(claim)) for claim in claims)
    return _sha256(_canonical_json(items))
