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
from claimcheck.serialize import number  # one spelling of integral floats for JSON and hashes

ID_PREFIX = "f-"
_string = json.encoder.encode_basestring  # JSON text of a str with ensure_ascii=False, as _canonical_json
ID_HEX_CHARS = 16


# Sorted keys and fixed separators: the same fields always hash to the same bytes. One encoder for
# every call is what json.dumps builds per call with these arguments.
_canonical_json = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


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
    finding concerns, plus ``extra``: the source id for stale (and, for a repeated figure, the
    figure), undated-discrepancy and revision findings. A revision's periods are its key's period
    label and the two capture dates; its unit is left out, since a changed unit is a revision.
    Nothing about where the evidence sits in a file goes in, so the id survives edits elsewhere,
    moved lines, renamed files and reordered sources.
    """
    return ID_PREFIX + _sha256(identity_text(kind, subject, measure, scope, unit, periods, extra))[:ID_HEX_CHARS]


def _identity(kind, subject, measure, scope, unit, periods, extra) -> dict:
    return {
        "kind": kind,
        "subject": subject,
        "measure": measure,
        # None and "" are the same group (group_key), so they must be the same id too.
        "scope": scope or "",
        "unit": unit,
        "periods": list(periods),
        "extra": list(extra),
    }


def identity_text(kind, subject, measure, scope, unit, periods, extra) -> str:
    """``_canonical_json(_identity(...))`` spelled out (keys in sorted order), for speed."""
    string = _string
    return (
        f'{{"extra":[{",".join(map(string, extra))}],"kind":{string(kind)},"measure":{string(measure)},'
        f'"periods":[{",".join(map(string, periods))}],"scope":{string(scope or "")},'
        f'"subject":{string(subject)},"unit":{string(unit)}}}'
    )


def identity_parts(subject: str, measure: str, scope: str | None, unit: str) -> tuple[str, str]:
    """A group's share of :func:`identity_text`: the text between kind and periods, and after periods."""
    string = _string
    return (
        f',"measure":{string(measure)},"periods":[',
        f'],"scope":{string(scope or "")},"subject":{string(subject)},"unit":{string(unit)}}}',
    )


def group_finding_id(parts: tuple[str, str], kind: str, periods: tuple[str, ...], extra: tuple[str, ...] = ()) -> str:
    """:func:`finding_id` of a finding about the group whose :func:`identity_parts` are ``parts``."""
    string = _string
    text = f'{{"extra":[{",".join(map(string, extra))}],"kind":{string(kind)}{parts[0]}{",".join(map(string, periods))}{parts[1]}'
    return ID_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:ID_HEX_CHARS]


def normalise_quote(quote: str) -> str:
    """A quote casefolded with whitespace collapsed: reflowing or recasing text is not new evidence."""
    return " ".join(quote.casefold().split())


def _evidence_item(claim: Claim) -> list:
    value = claim.value
    interval = value.interval
    return [
        claim.source,
        normalise_quote(claim.evidence.quote),
        number(value.stated),
        number(value.stated_high),
        number(interval.low),
        interval.low_inclusive,
        number(interval.high),
        interval.high_inclusive,
        value.unit,
        value.bound,
    ]


# The same canonical JSON, spelled out: a finding's digest covers every member claim, and a large
# corpus has millions of members, so building each item's text without the json machinery matters.
# tests/checker/test_fingerprint.py checks the bytes against _canonical_json(_evidence_item(...)).
_BOOL = {True: "true", False: "false"}


def _jsonnumber(x: float | None) -> str:
    if x is None:
        return "null"
    if type(x) is float or isinstance(x, float):
        if x.is_integer():
            return str(int(x))
        if not math.isfinite(x):
            raise ValueError(f"not a JSON number: {x!r}")
        return float.__repr__(x)
    return int.__repr__(x)


def evidence_item_text(claim: Claim) -> str:
    """One member's canonical JSON text: ``_canonical_json(_evidence_item(claim))``, faster."""
    value = claim.value
    interval = value.interval
    return (
        f"[{_string(claim.source)},{_string(normalise_quote(claim.evidence.quote))},"
        f"{_jsonnumber(value.stated)},{_jsonnumber(value.stated_high)},"
        f"{_jsonnumber(interval.low)},{_BOOL[interval.low_inclusive]},"
        f"{_jsonnumber(interval.high)},{_BOOL[interval.high_inclusive]},"
        f"{_string(value.unit)},{_string(value.bound)}]"
    )


def _value_text(value) -> str:
    # The figure's part of an item: everything after the source and the quote.
    interval = value.interval
    return (
        f"{_jsonnumber(value.stated)},{_jsonnumber(value.stated_high)},"
        f"{_jsonnumber(interval.low)},{_BOOL[interval.low_inclusive]},"
        f"{_jsonnumber(interval.high)},{_BOOL[interval.high_inclusive]},"
        f"{_string(value.unit)},{_string(value.bound)}]"
    )


class EvidenceTexts:
    """Members' item texts, and those texts as JSON strings, assembled from parts built once per run.

    A corpus repeats its sources, quotes and figures on many claims, and a claim sits in several
    findings (its group's verdicts, its source's revisions), so each part is built once: JSON
    escaping works character by character, so the escaped item is the escaped parts joined.
    Figures are keyed by id() of their quantity, valid while the claims stay alive (one run). Each
    table is emptied when it reaches LIMIT entries, so memory stays bounded whatever the corpus.
    """

    __slots__ = ("_sources", "_quotes", "_values")
    LIMIT = 1 << 17

    def __init__(self) -> None:
        self._sources: dict[str, tuple[str, str]] = {}
        self._quotes: dict[str, tuple[str, str]] = {}
        self._values: dict[int, tuple[str, str]] = {}

    def item(self, claim: Claim) -> tuple[str, str]:
        """(item text, item text as a JSON string) of ``claim``."""
        source = self._sources.get(claim.source)
        if source is None:
            source = self._part(self._sources, claim.source, "[" + _string(claim.source) + ",")
        quote = claim.evidence.quote
        said = self._quotes.get(quote)
        if said is None:
            said = self._part(self._quotes, quote, _string(normalise_quote(quote)) + ",")
        value = self._values.get(id(claim.value))
        if value is None:
            value = self._part(self._values, id(claim.value), _value_text(claim.value))
        return source[0] + said[0] + value[0], '"' + source[1] + said[1] + value[1] + '"'

    def _part(self, table: dict, key, text: str) -> tuple[str, str]:
        if len(table) >= self.LIMIT:
            table.clear()
        found = table[key] = (text, _string(text)[1:-1])
        return found

    def digest(self, claims: Iterable[Claim]) -> str:
        """:func:`evidence_digest` of ``claims``, from the parts built so far."""
        sources, quotes, values = self._sources, self._quotes, self._values
        pairs = []
        for claim in claims:
            # item(), inline for the usual case where every part is known already.
            source = sources.get(claim.source)
            said = quotes.get(claim.evidence.quote)
            value = values.get(id(claim.value))
            if source is None or said is None or value is None:
                pairs.append(self.item(claim))
            else:
                pairs.append((source[0] + said[0] + value[0], '"' + source[1] + said[1] + value[1] + '"'))
        pairs.sort()
        return hashlib.sha256(("[" + ",".join([escaped for _, escaped in pairs]) + "]").encode()).hexdigest()


def evidence_digest(claims: Iterable[Claim], cache: EvidenceTexts | None = None) -> str:
    """64 hex chars of a sha256 over what the member claims say, in a sorted order.

    Each member contributes its source id, normalised quote, stated figure, stated interval (ends
    and inclusivity), unit and bound. The digest changes when the evidence changes and not when it
    merely moves. ``cache`` may be shared by the findings of one run whose claims stay alive
    meanwhile: a claim is a member of several findings.
    """
    if cache is None:
        items = sorted(evidence_item_text(claim) for claim in claims)
        return _sha256("[" + ",".join(map(_string, items)) + "]")
    return cache.digest(claims)
