"""Settings (frozen values) and the `claimcheck.toml` reader: discovery, validation, relative paths."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import attrs
import cattrs

from claimcheck.checker.model import CheckerSettings, Duration
from claimcheck.claims.load import DEFAULT_MAX_BYTES
from claimcheck.claims.versions import TableVersion, VersionSpec, expand_versions
from claimcheck.errors import ConfigError

CONFIG_NAME = "claimcheck.toml"


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


# --- The file as written: every key a config may hold, with its documentation. ---------------


@attrs.frozen
class RawVersion:
    path: str = attrs.field(metadata=_doc("File of this version, relative to the config file."))
    date: Any = attrs.field(
        default=None,
        metadata=_doc('Explicit date (TOML date or "YYYY-MM-DD"); "none" = known to be undated; absent = detect.'),
    )


@attrs.frozen
class RawSource:
    id: str = attrs.field(metadata=_doc("Required, unique. Used in findings and ids; keep it stable."))
    title: str | None = attrs.field(default=None, metadata=_doc("Human title shown in reports."))
    publisher: str | None = attrs.field(default=None, metadata=_doc("Who publishes the source."))
    url: str | None = attrs.field(default=None, metadata=_doc("http(s) address of the live page."))
    subject: str | None = attrs.field(
        default=None, metadata=_doc("Subject a claim falls back to when its text names none.")
    )
    versions: list[str] | str = attrs.field(
        factory=list,
        metadata=_doc(
            'Files or globs (each file one version, its date detected); "folder:DIR" or a folder path '
            '(every file inside, dated by a 2020-05-13-style name); "git:FILE" (every commit that changed '
            "FILE, dated by its committer date in UTC). A string or a list of them."
        ),
    )
    version: list[RawVersion] = attrs.field(factory=list, metadata=_doc("One table per version: path, date."))
    # A corpus can mix countries: these say, for this source's pages only, what [extraction] and [checker] say
    # for the corpus.
    dollar: str | None = attrs.field(
        default=None, metadata=_doc('What a bare "$" is in this source ("CAD"), overriding extraction.dollar.')
    )
    fiscal_year_start: str | None = attrs.field(
        default=None,
        metadata=_doc('First day of this source\'s fiscal year ("04-01"), overriding checker.fiscal_year_start.'),
    )
    day_first: bool | None = attrs.field(
        default=None, metadata=_doc("Read this source's 01/03/2018 as 1 March, overriding extraction.day_first.")
    )


@attrs.frozen
class RawRename:
    name: str = attrs.field(metadata=_doc("The former full name."))
    alias: str | None = attrs.field(default=None, metadata=_doc("The former short name."))
    until: Any = attrs.field(
        default=None,
        metadata=_doc(
            "Date the old name stopped being used. Up to it (and in undated pages) the old name means this "
            "subject; after it, only for figures about a period that began by then (\"In FY 2008, DRO removed …\")."
        ),
    )


@attrs.frozen
class RawSubject:
    aliases: list[str] = attrs.field(factory=list, metadata=_doc("Names that mean this subject."))
    renamed_from: list[RawRename] = attrs.field(factory=list, metadata=_doc("Former names, with the date they ended."))


@attrs.frozen
class RawChecker:
    same_period_window: str = attrs.field(
        default="180d",
        metadata=_doc(
            "Claims without a stated period whose as-of dates lie at most this far apart are the same period "
            '("180d", "4w", "6m", "1y"; months and years on the calendar).'
        ),
    )
    stale_after: str = attrs.field(
        default="2y",
        metadata=_doc(
            "A figure presented as current more than this long after its period ended is stale "
            "(exactly this long is not yet stale; calendar years and months)."
        ),
    )
    fiscal_year_start: str = attrs.field(default="10-01", metadata=_doc('First day of the fiscal year, "MM-DD".'))
    agreement_tolerance: float = attrs.field(
        default=0.0,
        metadata=_doc(
            "Share by which stated and likely intervals are widened on both sides before they are compared, so "
            "that figures this close agree instead of conflicting or changing (0: compare as stated). "
            "Hedge widths (approximately, more than) are extraction settings."
        ),
    )
    tolerance: dict[str, float] = attrs.field(
        factory=dict,
        metadata=_doc(
            'Per-measure tolerance for expected drift, overriding agreement_tolerance: {"annual budget" = 0.02} '
            "treats budgets within ±2 % as agreeing."
        ),
    )


@attrs.frozen
class RawExtraction:
    day_first: bool = attrs.field(default=False, metadata=_doc("Read 01/03/2018 as 1 March (default: January 3)."))
    default_subject: str | None = attrs.field(
        default=None, metadata=_doc("Subject for claims whose text, heading and source name none.")
    )
    approx_tolerance: float = attrs.field(default=0.05, metadata=_doc('"approximately x" covers x ± this share.'))
    likely_tolerance: float = attrs.field(
        default=0.10, metadata=_doc('"more than x" is likely at most x + this share (and "almost x" at least x − it).')
    )
    rounding_cap: float = attrs.field(default=0.025, metadata=_doc("Trailing-zero rounding is never wider than this."))
    dollar: str = attrs.field(
        default="USD",
        metadata=_doc(
            'What a bare "$" or "dollars" is, as an ISO code: "AUD" for an Australian corpus, "CAD", "NZD" '
            '(default USD). "US$", "USD" and "U.S. dollars" stay US dollars; "A$", "AUS$", "C$" name their own.'
        ),
    )


@attrs.frozen
class RawInput:
    max_file_size: Any = attrs.field(
        default="50MiB",
        metadata=_doc(
            'Larger files are not read and are listed as unreadable: "50MiB", "500KB", "2GB" '
            "(KiB/MiB/GiB count 1024s, KB/MB/GB 1000s) or a number of bytes."
        ),
    )
    allow_outside_root: bool = attrs.field(
        default=False,
        metadata=_doc("Let versions name files outside the config file's folder (symlinks resolved)."),
    )


@attrs.frozen
class RawConfig:
    source: list[RawSource] = attrs.field(factory=list, metadata=_doc("The corpus: one table per source."))
    subjects: dict[str, RawSubject] = attrs.field(factory=dict, metadata=_doc("Canonical subjects and aliases."))
    measures: dict[str, list[str]] = attrs.field(factory=dict, metadata=_doc("Measure synonyms folded into one."))
    scopes: dict[str, list[str]] = attrs.field(
        factory=dict, metadata=_doc("Scope words folded into one canonical scope (added to the built-in ones).")
    )
    checker: RawChecker = attrs.field(factory=RawChecker, metadata=_doc("Checker settings."))
    extraction: RawExtraction = attrs.field(factory=RawExtraction, metadata=_doc("Extraction settings."))
    input: RawInput = attrs.field(factory=RawInput, metadata=_doc("What may be read: size cap, project folder."))
    resolutions: str = attrs.field(
        default="claimcheck-resolutions.toml",
        metadata=_doc("Reviewers' decisions about findings (claimcheck resolve), relative to the config file."),
    )


_raw = cattrs.Converter(forbid_extra_keys=True)


def _strict(kind: type, name: str):
    def hook(value: Any, _: type) -> Any:
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise TypeError(f"expected {name}, got {type(value).__name__}")
        return value

    return hook


_raw.register_structure_hook(str, _strict(str, "a string"))
_raw.register_structure_hook(bool, _strict(bool, "true or false"))
_raw.register_structure_hook(float, lambda v, _: float(_strict((int, float), "a number")(v, _)))


def _str_or_list(value: Any, _: type) -> list[str] | str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise TypeError(f"expected a string or a list of strings, got {type(value).__name__}")


_raw.register_structure_hook(list[str] | str, _str_or_list)


# --- Settings: what the rest of the program reads. --------------------------------------------


@attrs.frozen
class SourceSpec:
    id: str
    title: str | None
    publisher: str | None
    url: str | None
    subject: str | None
    versions: tuple[VersionSpec, ...]
    extraction: ExtractionSettings | None = None  # this source's own, where it overrides the corpus's


def extraction_for(settings: Settings, source: SourceSpec) -> ExtractionSettings:
    """The extraction settings of ``source``'s pages: its own where it overrides the corpus's."""
    return source.extraction or settings.extraction


@attrs.frozen
class Rename:
    name: str
    alias: str | None
    until: dt.date | None


@attrs.frozen
class SubjectSpec:
    id: str
    aliases: tuple[str, ...]
    renamed_from: tuple[Rename, ...] = ()


@attrs.frozen
class ExtractionSettings:
    """What extraction reads from the config; part of what a claim cache would key on."""

    subjects: tuple[SubjectSpec, ...] = ()
    measures: tuple[tuple[str, tuple[str, ...]], ...] = ()
    scopes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    day_first: bool = False
    default_subject: str | None = None
    approx_tolerance: float = 0.05
    likely_tolerance: float = 0.10
    rounding_cap: float = 0.025
    fiscal_year_start: tuple[int, int] = (10, 1)
    dollar: str = "USD"  # what a bare "$" is


@attrs.frozen
class InputSettings:
    """What the loader may read."""

    max_file_size: int = DEFAULT_MAX_BYTES  # bytes; larger files are unreadable versions
    allow_outside_root: bool = False


@attrs.frozen
class Settings:
    """Everything one run needs, resolved and validated."""

    config_path: Path
    root: Path
    sources: tuple[SourceSpec, ...]
    extraction: ExtractionSettings
    checker: CheckerSettings
    resolutions_path: Path | None = None  # the resolutions file; None: no resolutions are applied
    input: InputSettings = InputSettings()


# --- Reading. ---------------------------------------------------------------------------------


def discover_config(start: Path) -> Path | None:
    """Walk up from ``start`` to the first claimcheck.toml, or pyproject.toml with [tool.claimcheck]."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return "claimcheck" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def load_settings(config: Path | None, cwd: Path, *, allow_outside_root: bool = False) -> Settings:
    """Find (when ``config`` is None), read and validate the configuration.

    ``allow_outside_root`` (the --allow-outside-root flag) lets versions leave the config's
    folder whatever the config says.
    """
    if config is None:
        found = discover_config(cwd.resolve())
        if found is None:
            raise ConfigError(cwd, f"no {CONFIG_NAME} here or in any parent folder (use --config FILE)")
        config = found
    path = Path(config)
    if not path.is_file():
        raise ConfigError(path, "config file not found")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(path, "config file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(path, f"cannot read config: {exc.strerror}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("claimcheck")
        if data is None:
            raise ConfigError(path, "no [tool.claimcheck] table")
    return settings_from_dict(data, path.resolve(), allow_outside_root=allow_outside_root)


def settings_from_dict(data: dict[str, Any], config_path: Path, *, allow_outside_root: bool = False) -> Settings:
    """Validate a parsed config; every error names the file and the key."""
    try:
        raw = _raw.structure(data, RawConfig)
    except cattrs.BaseValidationError as exc:
        messages = cattrs.transform_error(exc, path="$", format_exception=_format_exception)
        raise ConfigError(config_path, "; ".join(_humanise(m) for m in messages)) from None
    root = config_path.parent
    if not raw.source:
        raise ConfigError(config_path, "no [[source]] tables: the corpus is empty")
    fy = _month_day(raw.checker.fiscal_year_start, config_path, "checker.fiscal_year_start")
    checker = CheckerSettings(
        same_period_window=_calendar(raw.checker.same_period_window, config_path, "checker.same_period_window"),
        stale_after=_calendar(raw.checker.stale_after, config_path, "checker.stale_after"),
        fiscal_year_start=fy,
        agreement_tolerance=_share(raw.checker.agreement_tolerance, config_path, "checker.agreement_tolerance"),
        tolerance={
            measure: _share(share, config_path, f"checker.tolerance.{measure!r}")
            for measure, share in raw.checker.tolerance.items()
        },
    )
    subjects = tuple(_subject(name, s, config_path) for name, s in sorted(raw.subjects.items()))
    _one_subject_a_name(subjects, config_path)
    known = {s.id for s in subjects}
    ext = raw.extraction
    for label, value in (("extraction.default_subject", ext.default_subject),):
        if value is not None and known and value not in known:
            raise ConfigError(config_path, f"{label} = {value!r} is not one of the [subjects] tables")
    extraction = ExtractionSettings(
        subjects=subjects,
        measures=tuple((k, tuple(v)) for k, v in sorted(raw.measures.items())),
        scopes=tuple((k, tuple(v)) for k, v in sorted(raw.scopes.items())),
        day_first=ext.day_first,
        default_subject=ext.default_subject,
        approx_tolerance=_share(ext.approx_tolerance, config_path, "extraction.approx_tolerance"),
        likely_tolerance=_share(ext.likely_tolerance, config_path, "extraction.likely_tolerance"),
        rounding_cap=_share(ext.rounding_cap, config_path, "extraction.rounding_cap"),
        fiscal_year_start=fy,
        dollar=_currency_code(ext.dollar, config_path, "extraction.dollar"),
    )
    inputs = InputSettings(
        max_file_size=parse_size(raw.input.max_file_size, config_path, "input.max_file_size"),
        allow_outside_root=raw.input.allow_outside_root or allow_outside_root,
    )
    sources = tuple(_source(i, s, root, config_path, inputs, extraction) for i, s in enumerate(raw.source))
    seen: dict[str, int] = {}
    for i, s in enumerate(sources):
        if s.id in seen:
            raise ConfigError(config_path, f"source[{i}].id {s.id!r} repeats source[{seen[s.id]}].id")
        seen[s.id] = i
    if not raw.resolutions.strip():
        raise ConfigError(config_path, "resolutions = '' is empty (give a file name, relative to the config file)")
    return Settings(
        config_path=config_path,
        root=root,
        sources=sources,
        extraction=extraction,
        checker=checker,
        resolutions_path=(root / raw.resolutions).resolve(),
        input=inputs,
    )


def _format_exception(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, KeyError):
        return "required key missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown key {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, TypeError):
        return str(exc) if "expected" in str(exc) else f"wrong type (expected {getattr(type_, '__name__', type_)})"
    return cattrs.v.format_exception(exc, type_)


def _humanise(message: str) -> str:
    # "unknown key colour @ $.source[0]" → "unknown key 'source[0].colour'": the key path is what people grep for.
    text, _, where = message.partition(" @ ")
    where = where.removeprefix("$").lstrip(".")
    if text.startswith("unknown key "):
        keys = text.removeprefix("unknown key ").split(", ")
        return "; ".join(f"unknown key '{where + '.' if where else ''}{k}'" for k in keys)
    return f"{text} at '{where}'" if where else text


def _source(
    index: int, raw: RawSource, root: Path, config_path: Path, inputs: InputSettings, corpus: ExtractionSettings
) -> SourceSpec:
    where = f"source[{index}] ({raw.id!r})"
    if not raw.id.strip():
        raise ConfigError(config_path, f"source[{index}].id is empty")
    if raw.url is not None and not re.match(r"https?://", raw.url, re.IGNORECASE):
        raise ConfigError(config_path, f"{where}: url must start with http:// or https://, got {raw.url!r}")
    tables = []
    for j, v in enumerate(raw.version):
        key = f"{where}.version[{j}]"
        undated = isinstance(v.date, str) and v.date.strip().lower() == "none"
        date = None if v.date is None or undated else _date(v.date, config_path, f"{key}.date")
        tables.append(TableVersion(v.path, date, undated, key))
    entries = [raw.versions] if isinstance(raw.versions, str) else raw.versions
    versions = expand_versions(
        entries, tables, root=root, config_path=config_path, where=where,
        allow_outside_root=inputs.allow_outside_root,
    )
    if not versions:
        raise ConfigError(config_path, f"{where} has no versions (give `versions = [...]` or [[source.version]])")
    names = [v.where for v in versions]
    dupes = sorted({d for d in names if names.count(d) > 1})
    if dupes:
        raise ConfigError(config_path, f"{where} lists {dupes[0]!r} twice")
    return SourceSpec(
        raw.id, raw.title, raw.publisher, raw.url, raw.subject, tuple(versions), _own_extraction(index, raw, config_path, corpus)
    )


def _own_extraction(index: int, raw: RawSource, config_path: Path, corpus: ExtractionSettings) -> ExtractionSettings | None:
    """The corpus's extraction settings with this source's overrides; None when it has none."""
    own: dict[str, Any] = {}
    if raw.dollar is not None:
        own["dollar"] = _currency_code(raw.dollar, config_path, f"source[{index}].dollar")
    if raw.fiscal_year_start is not None:
        own["fiscal_year_start"] = _month_day(raw.fiscal_year_start, config_path, f"source[{index}].fiscal_year_start")
    if raw.day_first is not None:
        own["day_first"] = raw.day_first
    changed = attrs.evolve(corpus, **own)
    return None if changed == corpus else changed


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|bytes?|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {
    "": 1, "b": 1, "byte": 1, "bytes": 1,
    "kb": 1000, "mb": 1000**2, "gb": 1000**3,
    "k": 1024, "kib": 1024, "m": 1024**2, "mib": 1024**2, "g": 1024**3, "gib": 1024**3,
}


def parse_size(value: Any, config_path: Path | None = None, key: str = "size") -> int:
    """'50MiB', '500KB', '2GB', '1.5 GiB' or a number of bytes → bytes (KiB = 1024, KB = 1000)."""
    if isinstance(value, int) and not isinstance(value, bool):
        size = value
    else:
        m = _SIZE.match(value) if isinstance(value, str) else None
        if not m:
            raise ConfigError(config_path, f"{key} = {value!r} is not a size like \"50MiB\", \"500KB\" or a number of bytes")
        size = int(float(m.group(1)) * _SIZE_UNITS[(m.group(2) or "").lower()])
    if size <= 0:
        raise ConfigError(config_path, f"{key} = {value!r} must be more than 0 bytes")
    return size


def _date(value: Any, config_path: Path, key: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ConfigError(config_path, f"{key} = {value!r} is not a date (write 2020-05-13, or \"none\" for undated)")


def _subject(name: str, raw: RawSubject, config_path: Path) -> SubjectSpec:
    renames = tuple(
        Rename(r.name, r.alias, None if r.until is None else _date(r.until, config_path, f"subjects.{name}.until"))
        for r in raw.renamed_from
    )
    return SubjectSpec(name, tuple(raw.aliases), renames)


def _one_subject_a_name(subjects: tuple[SubjectSpec, ...], config_path: Path) -> None:
    """A current name (id or alias) means one subject: matched in a page, it could not say which of two.
    (A former name may be shared: an agency split in two hands its old name to both.)"""
    owner: dict[str, str] = {}
    for subject in subjects:
        for name in (subject.id, *subject.aliases):
            key = " ".join(name.casefold().split())  # as the matcher's case-free pass folds it
            held = owner.setdefault(key, subject.id)
            if held != subject.id:
                raise ConfigError(
                    config_path,
                    f"{name!r} names two subjects, {held!r} and {subject.id!r}: a name in a page must mean one "
                    "subject (keep it in one [subjects] table)",
                )


_DURATION = re.compile(r"^\s*(\d+)\s*(d|w|m|y)\s*$", re.IGNORECASE)
_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_duration(text: str, config_path: Path | None = None, key: str = "duration") -> dt.timedelta:
    """'180d', '4w', '6m', '2y' → a timedelta (a month is 30 days, a year 365)."""
    m = _DURATION.match(text)
    if not m:
        raise ConfigError(config_path, f"{key} = {text!r} is not a duration like \"180d\", \"6m\" or \"2y\"")
    return dt.timedelta(days=int(m.group(1)) * _DAYS[m.group(2).lower()])


def _month_day(text: str, config_path: Path, key: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{1,2})-(\d{1,2})\s*", text)
    if m:
        month, day = int(m.group(1)), int(m.group(2))
        try:
            dt.date(2001, month, day)
            return month, day
        except ValueError:
            pass
    raise ConfigError(config_path, f"{key} = {text!r} is not a month-day like \"10-01\"")


def _calendar(text: str, config_path: Path, key: str) -> Duration:
    try:
        return Duration.parse(text)
    except ValueError:
        raise ConfigError(config_path, f"{key} = {text!r} is not a duration like \"180d\", \"6m\" or \"2y\"") from None


def _currency_code(value: Any, config_path: Path, label: str) -> str:
    if not isinstance(value, str) or re.fullmatch(r"[A-Z]{3}", value) is None:
        raise ConfigError(config_path, f'{label} = {value!r} is not a three-letter ISO currency code such as "AUD"')
    return value


def _share(value: float, config_path: Path, key: str) -> float:
    if not 0 <= value < 1:
        raise ConfigError(config_path, f"{key} = {value!r} must be a share between 0 and 1")
    return value
