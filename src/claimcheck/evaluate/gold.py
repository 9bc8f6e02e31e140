"""Gold files (formats.md): read with a safe YAML loader, validated with cattrs; errors name the file and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import cattrs
import yaml
from cattrs.gen import make_dict_structure_fn, override

from claimcheck.checker.model import KINDS
from claimcheck.claims.model import BOUNDS
from claimcheck.errors import ClaimcheckError

__all__ = [
    "ExpectedFinding",
    "FalseConflict",
    "Gold",
    "GoldClaim",
    "GoldDocument",
    "GoldError",
    "Ref",
    "load_gold",
    "parse_gold",
]


class GoldError(ClaimcheckError):
    """The gold file cannot be used: not YAML, a missing or mistyped field, a text not in its document."""


# --- The values the scorer reads. -------------------------------------------------------------


@attrs.frozen
class Ref:
    """A phrase in one document, standing for the claims whose evidence overlaps it."""

    file: str
    text: str
    where: str  # the field path in the gold file, for messages


@attrs.frozen
class GoldClaim:
    """One figure a careful reader extracts, with every name they would accept for it."""

    subjects: tuple[str, ...]  # accepted subject ids (compared case-insensitively)
    measures: tuple[str, ...]  # accepted measures (compared case-insensitively)
    value: float  # stated value in base units ("$8 billion" → 8e9; a range's lower end)
    text: str  # the phrase in the document that carries the claim
    where: str  # field path, for messages
    bounds: tuple[str, ...] = BOUNDS  # accepted bounds; all when the gold file gives none
    unit: str = "count"
    high: float | None = None  # a range's upper end, when given
    check_period: bool = False  # the gold file says what the period is (possibly "none")
    period: str | None = None
    check_scope: bool = False
    scopes: tuple[str | None, ...] = ()  # accepted scopes; None stands for "no scope"
    optional: bool = False  # neither a miss when absent nor a false claim when found


@attrs.frozen
class GoldDocument:
    file: str  # as written in the gold file
    claims: tuple[GoldClaim, ...]
    not_claims: tuple[str, ...]
    where: str
    check_date: bool = False
    date: dt.date | None = None


@attrs.frozen
class ExpectedFinding:
    """A verdict the checker should report: its kind, what it is about and the claims it names."""

    kind: str
    where: str
    subjects: tuple[str, ...] = ()  # empty: any
    measures: tuple[str, ...] = ()
    # Every slot must be among the finding's claims; a slot lists alternatives, any one of which will do
    # (two sources state the same FY 2008 figure and the checker names one of them).
    refs: tuple[tuple[Ref, ...], ...] = ()
    ordered: bool = False  # change: refs are (from, to), oldest first
    note: str | None = None


@attrs.frozen
class FalseConflict:
    """Two claims that must never be reported together as a conflict or an undated discrepancy."""

    a: Ref
    b: Ref
    where: str
    note: str | None = None


@attrs.frozen
class Gold:
    path: Path  # the gold file, resolved
    documents: tuple[GoldDocument, ...]
    findings: tuple[ExpectedFinding, ...] = ()
    false_conflicts: tuple[FalseConflict, ...] = ()
    config: Path | None = None  # the corpus config, resolved against the gold file
    vocabulary: Path | None = None  # a config whose subjects, measures, scopes and checker tables are used
    description: str | None = None


# --- The file as written. ---------------------------------------------------------------------

_ABSENT: Any = object()


class Names(tuple):
    """One name or a list of accepted names."""


@attrs.frozen
class _RawRef:
    file: str
    text: str


@attrs.frozen
class _RawClaim:
    subject: Names
    measure: Names
    value: float
    text: str
    bound: Names = Names()
    unit: str = "count"
    high: float | None = None
    period: Any = _ABSENT
    scope: Any = _ABSENT
    optional: bool = False
    note: str | None = None


@attrs.frozen
class _RawDocument:
    file: str
    claims: list[_RawClaim] = attrs.Factory(list)
    not_claims: list[str] = attrs.Factory(list)
    date: Any = _ABSENT
    note: str | None = None


class Refs(tuple):
    """One reference, or a list of alternatives."""


@attrs.frozen
class _RawFinding:
    kind: str
    subject: Names = Names()
    measure: Names = Names()
    from_: Refs | None = None
    to: Refs | None = None
    claim: Refs | None = None
    claims: list[Refs] = attrs.Factory(list)
    note: str | None = None


@attrs.frozen
class _RawFalseConflict:
    a: _RawRef
    b: _RawRef
    note: str | None = None


@attrs.frozen
class _RawGold:
    documents: list[_RawDocument]
    findings: list[_RawFinding] = attrs.Factory(list)
    false_conflicts: list[_RawFalseConflict] = attrs.Factory(list)
    config: str | None = None
    vocabulary: str | None = None
    description: str | None = None


_conv = cattrs.Converter(forbid_extra_keys=True)


def _strict(kind: type | tuple[type, ...], name: str):
    def hook(value: Any, _: type) -> Any:
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise TypeError(f"expected {name}, got {_type_name(value)}")
        return value

    return hook


def _type_name(value: Any) -> str:
    return {type(None): "null", dict: "a mapping", list: "a list"}.get(type(value), type(value).__name__)


def _names(value: Any, _: type) -> Names:
    if isinstance(value, str) and value.strip():
        return Names((value,))
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return Names(value)
    raise TypeError(f"expected a name or a list of names, got {_type_name(value)}")


_conv.register_structure_hook(str, _strict(str, "a string"))
_conv.register_structure_hook(bool, _strict(bool, "true or false"))
_conv.register_structure_hook(float, lambda v, t: float(_strict((int, float), "a number")(v, t)))
_conv.register_structure_hook(Names, _names)


def _refs(value: Any, _: type) -> Refs:
    items = value if isinstance(value, list) else [value]
    if not items:
        raise TypeError("expected {file, text} or a list of them, got an empty list")
    return Refs(_conv.structure(v, _RawRef) for v in items)


_conv.register_structure_hook(Refs, _refs)
_conv.register_structure_hook(
    _RawFinding, make_dict_structure_fn(_RawFinding, _conv, _cattrs_forbid_extra_keys=True, from_=override(rename="from"))
)


def load_gold(path: Path) -> Gold:
    """Read and validate a gold file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldError(path, "gold file not found") from None
    except UnicodeDecodeError:
        raise GoldError(path, "gold file is not UTF-8 text") from None
    except OSError as exc:
        raise GoldError(path, f"cannot read gold file: {exc.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise GoldError(path, f"invalid YAML: {exc}".replace("\n", " ")) from None
    return parse_gold(data, Path(path).resolve())


def parse_gold(data: Any, path: Path) -> Gold:
    """Validate a parsed gold file; every error names the file and the field."""
    if not isinstance(data, dict):
        raise GoldError(path, f"expected a mapping with a 'documents' list at the top, got {_type_name(data)}")
    try:
        raw = _conv.structure(data, _RawGold)
    except cattrs.BaseValidationError as exc:
        messages = cattrs.transform_error(exc, path="$", format_exception=_format_exception)
        raise GoldError(path, "; ".join(_humanise(m) for m in messages)) from None
    base = path.parent
    documents = tuple(_document(i, d, path) for i, d in enumerate(raw.documents))
    files = [d.file for d in documents]
    for i, f in enumerate(files):
        if f in files[:i]:
            raise GoldError(path, f"documents[{i}].file {f!r} repeats documents[{files.index(f)}].file")
    findings = tuple(_finding(i, f, path) for i, f in enumerate(raw.findings))
    false_conflicts = tuple(
        FalseConflict(
            _ref(fc.a, f"false_conflicts[{i}].a", path),
            _ref(fc.b, f"false_conflicts[{i}].b", path),
            f"false_conflicts[{i}]",
            fc.note,
        )
        for i, fc in enumerate(raw.false_conflicts)
    )
    return Gold(
        path=path,
        documents=documents,
        findings=findings,
        false_conflicts=false_conflicts,
        config=(base / raw.config).resolve() if raw.config else None,
        vocabulary=(base / raw.vocabulary).resolve() if raw.vocabulary else None,
        description=raw.description,
    )


def _document(i: int, raw: _RawDocument, path: Path) -> GoldDocument:
    where = f"documents[{i}]"
    if not raw.file.strip():
        raise GoldError(path, f"{where}.file is empty")
    check_date, date = False, None
    if raw.date is not _ABSENT:
        check_date = True
        if isinstance(raw.date, dt.datetime):
            date = raw.date.date()
        elif isinstance(raw.date, dt.date):
            date = raw.date
        elif raw.date is None or (isinstance(raw.date, str) and raw.date.strip().lower() == "none"):
            date = None
        elif isinstance(raw.date, str):
            try:
                date = dt.date.fromisoformat(raw.date.strip())
            except ValueError:
                raise GoldError(path, f"{where}.date = {raw.date!r} is not a date (2020-05-13, or null)") from None
        else:
            raise GoldError(path, f"{where}.date: expected a date or null, got {_type_name(raw.date)}")
    claims = tuple(_claim(f"{where}.claims[{j}]", c, path) for j, c in enumerate(raw.claims))
    for j, t in enumerate(raw.not_claims):
        if not t.strip():
            raise GoldError(path, f"{where}.not_claims[{j}] is empty")
    return GoldDocument(raw.file, claims, tuple(raw.not_claims), where, check_date, date)


def _claim(where: str, raw: _RawClaim, path: Path) -> GoldClaim:
    if not raw.text.strip():
        raise GoldError(path, f"{where}.text is empty")
    for b in raw.bound:
        if b not in BOUNDS:
            raise GoldError(path, f"{where}.bound: {b!r} is not one of {', '.join(BOUNDS)}")
    if raw.value < 0:
        raise GoldError(path, f"{where}.value: quantities are magnitudes, got {raw.value!r}")
    check_period, period = False, None
    if raw.period is not _ABSENT:
        check_period = True
        if raw.period is not None and not isinstance(raw.period, str):
            period = str(raw.period)  # "period: 2017" reads as an int in YAML
        else:
            period = raw.period
    check_scope, scopes = False, ()
    if raw.scope is not _ABSENT:
        check_scope = True
        values = raw.scope if isinstance(raw.scope, list) else [raw.scope]
        if not all(v is None or isinstance(v, str) for v in values) or not values:
            raise GoldError(path, f"{where}.scope: expected a scope, a list of scopes or null")
        scopes = tuple(values)
    return GoldClaim(
        subjects=tuple(raw.subject),
        measures=tuple(raw.measure),
        value=raw.value,
        text=raw.text,
        where=where,
        bounds=tuple(raw.bound) or BOUNDS,
        unit=raw.unit,
        high=raw.high,
        check_period=check_period,
        period=period,
        check_scope=check_scope,
        scopes=scopes,
        optional=raw.optional,
    )


def _ref(raw: _RawRef, where: str, path: Path) -> Ref:
    if not raw.text.strip() or not raw.file.strip():
        raise GoldError(path, f"{where}: file and text must not be empty")
    return Ref(raw.file, raw.text, where)


def _slot(raw: Refs, where: str, path: Path) -> tuple[Ref, ...]:
    if len(raw) == 1:
        return (_ref(raw[0], where, path),)
    return tuple(_ref(r, f"{where}[{i}]", path) for i, r in enumerate(raw))


def _finding(i: int, raw: _RawFinding, path: Path) -> ExpectedFinding:
    where = f"findings[{i}]"
    if raw.kind not in KINDS:
        raise GoldError(path, f"{where}.kind: {raw.kind!r} is not one of {', '.join(KINDS)}")
    refs: list[tuple[Ref, ...]] = []
    ordered = False
    if raw.kind == "change":
        if raw.from_ is None or raw.to is None:
            raise GoldError(path, f"{where}: a change needs 'from' and 'to'")
        refs = [_slot(raw.from_, f"{where}.from", path), _slot(raw.to, f"{where}.to", path)]
        ordered = True
    elif raw.claim is not None:
        refs = [_slot(raw.claim, f"{where}.claim", path)]
    refs.extend(_slot(r, f"{where}.claims[{j}]", path) for j, r in enumerate(raw.claims))
    if raw.kind != "change" and (raw.from_ is not None or raw.to is not None):
        raise GoldError(path, f"{where}: 'from' and 'to' belong to a change, not a {raw.kind}")
    if not refs:
        raise GoldError(path, f"{where}: name the claims ('claim', 'claims', or 'from' and 'to')")
    return ExpectedFinding(
        kind=raw.kind,
        where=where,
        subjects=tuple(raw.subject),
        measures=tuple(raw.measure),
        refs=tuple(refs),
        ordered=ordered,
        note=raw.note,
    )


def _format_exception(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        # (a YAML key need not be a string: "{£60,000: …}" in a flow mapping makes a key 0)
        return f"unknown field {', '.join(sorted(map(str, exc.extra_fields)))}"
    if isinstance(exc, TypeError):
        text = str(exc)
        return text if text.startswith("expected") else f"wrong type (expected {getattr(type_, '__name__', type_)})"
    return cattrs.v.format_exception(exc, type_)


def _humanise(message: str) -> str:
    # "unknown field colour @ $.documents[0]" → "documents[0].colour: unknown field"
    text, _, where = message.partition(" @ ")
    where = where.removeprefix("$").lstrip(".").replace(".from_", ".from")
    if text.startswith("unknown field "):
        keys = text.removeprefix("unknown field ").split(", ")
        return "; ".join(f"{where + '.' if where else ''}{k}: unknown field" for k in keys)
    return f"{where}: {text}" if where else text
