"""Per-version work (read, load, extract) through the cache, on one core, a process pool or a Dask cluster."""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import functools
import hashlib
import itertools
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from claimcheck import cachecodec
from claimcheck.cache import Cache, Row
from claimcheck.codeversion import EXTRACTOR_VERSION, extraction_code
from claimcheck.execution import EXECUTORS, Execution, Progress, Silent, Vouched, default_jobs
from claimcheck.claims.dates import DetectedDate
from claimcheck.claims.extract import Reading, VersionContext, read_claims
from claimcheck.claims.redate import redate
from claimcheck.claims.load import (
    LoadedDocument,
    LoadError,
    kind_for_path,
    parse_document,
    parser_failure,
    read_file,
    under_name,
)
from claimcheck.claims.model import Claim, Evidence, Interval, Period, Quantity
from claimcheck.claims.versions import GitError, VersionSpec, read_git_blob
from claimcheck.config import ExtractionSettings, Settings, SourceSpec, extraction_for
from claimcheck.errors import ClaimcheckError

__all__ = [
    "EXECUTORS",
    "EXTRACTOR_VERSION",
    "Execution",
    "ExecutorError",
    "ExtractionFailed",
    "OtherCode",
    "Prepared",
    "Progress",
    "VersionDocument",
    "code_fingerprint",
    "default_jobs",
    "prepare",
    "process_chunk",
]

# Fewer documents than this to extract are done in this process: starting workers costs more
# than it saves (a warm run, one changed document).
PARALLEL_MIN = 24


class ExecutorError(ClaimcheckError):
    """The pool or the cluster could not run the work (dask missing, scheduler unreachable, a worker died)."""


class OtherCode(RuntimeError):
    """A worker runs other loading or extraction code than the client: its results would not be the
    client's (the pool falls back to the client; a Dask run stops)."""


class ExtractionFailed(Exception):
    """Extraction raised on one version: the reason is what the report lists as unreadable."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@attrs.frozen
class VersionDocument:
    """A loaded version as a run keeps it: what ``LoadedDocument`` says about the file, and its text."""

    path: str
    kind: str
    sha256: str
    encoding: str
    detected_date: DetectedDate
    replacements: int
    warnings: tuple[str, ...]
    text: str


# --- The picklable unit of work. ---------------------------------------------------------------


@attrs.frozen
class Task:
    """One version to load and extract, with everything a worker needs (no file access)."""

    source: str
    subject: str | None  # the source's default subject
    spec: VersionSpec
    data: bytes
    kind: str
    path: str  # the name the loader gives the file (dates in it are detected)
    settings: ExtractionSettings
    code: str  # the client's code fingerprint: a worker running other code refuses
    context: VersionContext | None = None  # given: extract with it; None: the expected one
    publisher: str | None = None  # the source's publisher (who "we" are)
    title: str | None = None  # the source's configured title (what the page is about, when it does not say)


@attrs.frozen
class Computed:
    """A worker's answer for one task, in the cache's encoding so the client decodes fresh and
    cached results alike."""

    problem: str | None = None  # the document could not be loaded
    document: bytes | None = None
    context: VersionContext | None = None
    claims: bytes | None = None
    failure: str | None = None  # extraction raised
    exact: tuple[Claim, ...] | None = None  # set when the encoding would not give these claims back exactly


def process_chunk(tasks: list[Task]) -> list[Computed]:
    """Load and extract a list of versions: what a pool worker or a Dask task runs."""
    readings = Readings()
    return [process(t, readings) for t in tasks]


class Readings:
    """What a worker read of a source's versions, for the source's later versions with the same bytes:
    archives recapture unchanged pages, and a recapture is neither parsed nor read again (its claims
    are re-dated, claims/redate.py, unless its date could read differently)."""

    def __init__(self) -> None:
        self._source: str | None = None
        self._documents: dict[tuple[str, str, bool], LoadedDocument] = {}
        self._readings: dict[tuple[str, str, bool], tuple[ExtractionSettings, VersionContext, Reading]] = {}

    def _twin(self, task: Task, digest: str) -> tuple[str, str, bool]:
        if task.source != self._source:  # a source's versions come together: keep only the current source's
            self._source, self._documents, self._readings = task.source, {}, {}
        return digest, task.kind, task.settings.day_first

    def document(self, task: Task, isolate_pdf: bool) -> LoadedDocument:
        """The version's file, parsed; LoadError naming it when it cannot be."""
        key = self._twin(task, hashlib.sha256(task.data).hexdigest())
        twin = self._documents.get(key)
        if twin is not None:
            return under_name(twin, task.path)
        doc = parse_document(
            task.data, path=task.path, kind=task.kind, day_first=task.settings.day_first, isolate_pdf=isolate_pdf
        )
        self._documents[key] = doc
        return doc

    def claims(self, task: Task, doc: LoadedDocument, context: VersionContext) -> tuple[Claim, ...]:
        """The version's claims: its twin's, re-dated, when it has one and the dates read alike; else read."""
        key = self._twin(task, doc.sha256)
        twin = self._readings.get(key)
        if twin is not None and twin[0] == task.settings:
            claims = redate(twin[2], doc.extracted, twin[1], context, task.settings)
            if claims is not None:
                return claims
        reading = read_claims(doc.extracted, context, task.settings)
        self._readings[key] = (task.settings, context, reading)
        return reading.claims


def process(task: Task, readings: Readings | None = None) -> Computed:
    """Load and extract one version, as the serial path and every worker do (``readings``: of the
    versions before it, to re-date rather than read again a recapture of the same bytes)."""
    if task.code != code_fingerprint():
        raise OtherCode(
            f"this worker runs other claimcheck code (fingerprint {code_fingerprint()[:12]}, the client's "
            f"{task.code[:12]}): install the same version everywhere"
        )
    readings = readings or Readings()
    # A daemonic worker (Dask's) may not start the child process a PDF is read in; it reads it itself.
    isolate = not multiprocessing.current_process().daemon
    try:
        doc = readings.document(task, isolate)
    except LoadError as exc:
        return Computed(problem=exc.reason)
    document = VersionDocument(
        doc.path, doc.kind, doc.sha256, doc.encoding, doc.detected_date, doc.replacements, doc.warnings, doc.extracted.text
    )
    context = task.context or expected_context(
        task.source, task.subject, task.spec, doc.detected_date, publisher=task.publisher, title=task.title
    )
    document_payload = encode_document(document)
    try:
        claims = readings.claims(task, doc, context)
    except Exception as exc:  # an extractor bug on one file must not sink the run
        return Computed(document=document_payload, context=context, failure=parser_failure(exc))
    payload = encode_claims(claims)
    # Cached output must be byte-identical to fresh output: check the round trip here, where it
    # costs a worker a little, and carry the values themselves when it does not hold.
    if not (
        _reads_back(decode_claims(payload), claims, _claims_plain(claims))
        and _reads_back(decode_document(document_payload), document, _document_plain(document))
    ):
        return Computed(document=document_payload, context=context, exact=claims)
    return Computed(document=document_payload, context=context, claims=payload)


# --- The round-trip check. ---------------------------------------------------------------------
#
# What must hold is repr(decoded) == repr(original): the report is written from the values' reprs
# (and str). Comparing with == first is a fifth of its cost (no reprs of every claim and of the
# page's text, twice), and gives the same answer whenever == holds:
# - the models are attrs classes whose __eq__ compares the fields in order, and only objects of the
#   very same class (a subclass, whose repr would name it, is never equal);
# - every leaf of the original is of a plain type, exactly (no subclass: an IntEnum equals its int
#   and reprs otherwise): str, int, bool, float, None, date. For these, equal values of one type
#   have equal reprs, and the codec gives back the type it was given (an int is written as digits
#   and read as an int, a float always with a '.', an 'e', or as Infinity or NaN, and read as a
#   float; True is true), so an equal leaf is the same type with the same repr. The one exception
#   is a float zero, which equals the other zero: both parsers keep the sign of -0.0
#   (tests/perf/test_cachecodec.py holds them to it), so it comes back as it went.
# When == does not hold (a NaN, which equals nothing, or a real difference) or a leaf is of another
# type, the reprs decide, as they always did.

_PLAIN_LEAVES = frozenset({str, int, bool, float, type(None), dt.date})
_CLAIM_TYPES = _PLAIN_LEAVES | {Claim, Quantity, Interval, Period, Evidence}
_DOCUMENT_TYPES = _PLAIN_LEAVES | {VersionDocument, DetectedDate, tuple}


def _reads_back(decoded: Any, original: Any, plain: bool) -> bool:
    """Whether ``decoded`` and ``original`` have the same repr; ``plain``: ``original`` holds only
    the types above, for which == implies it (see above)."""
    return (plain and decoded == original) or repr(decoded) == repr(original)


def _claims_plain(claims: tuple[Claim, ...]) -> bool:
    """Whether a claim tuple holds only its models and plain leaves, each of its exact type."""
    if type(claims) is not tuple:
        return False
    for c in claims:
        q, p, e = c.value, c.period, c.evidence
        i, k = q.interval, q.likely
        types = {
            type(c), type(c.id), type(c.source), type(c.version), type(c.path), type(c.subject),
            type(c.measure), type(c.scope), type(q), type(p), type(c.as_of), type(e), type(c.version_date),
            type(c.current), type(q.stated), type(q.unit), type(q.bound), type(i), type(k),
            type(q.inherited_hedge), type(q.stated_high), type(i.low), type(i.high), type(i.low_inclusive),
            type(i.high_inclusive), type(k.low), type(k.high), type(k.low_inclusive), type(k.high_inclusive),
            type(e.quote), type(e.sentence), type(e.start), type(e.end), type(e.line), type(e.column),
            type(e.page),
        }  # fmt: skip
        if p is not None:
            types.update((type(p.label), type(p.start), type(p.end)))
        if not types <= _CLAIM_TYPES:
            return False
    return True


def _document_plain(document: VersionDocument) -> bool:
    """Whether a document holds only plain leaves (and a tuple of them), each of its exact type."""
    d = document.detected_date
    types = {
        type(document), type(document.path), type(document.kind), type(document.sha256), type(document.encoding),
        type(d), type(d.date), type(d.origin), type(d.evidence), type(document.replacements),
        type(document.warnings), type(document.text), *map(type, document.warnings),
    }  # fmt: skip
    return types <= _DOCUMENT_TYPES


def expected_context(
    source: str,
    subject: str | None,
    v: VersionSpec,
    detected: DetectedDate,
    *,
    publisher: str | None = None,
    title: str | None = None,
) -> VersionContext:
    """The context ``api._load_source`` gives a version whose label no sibling shares.

    Workers extract with it before the run has dated every version; the client checks it against
    the real one and extracts again when they differ (two versions of a source on one date).
    """
    if v.date is not None:
        date = v.date
    elif v.undated:
        date = None
    else:
        date = detected.date
    label = v.label or (date.isoformat() if date else Path(v.display).stem)
    return VersionContext(
        source=source, version=label, path=v.display, date=date, subject=subject, publisher=publisher, title=title
    )


# --- Encoding (positional arrays: see cachecodec) and keys. -----------------------------------


def encode_document(document: VersionDocument) -> bytes:
    d = document.detected_date
    row = [
        document.path, document.kind, document.sha256, document.encoding,
        [None if d.date is None else d.date.isoformat(), d.origin, d.evidence],
        document.replacements, list(document.warnings), document.text,
    ]
    return cachecodec.dumps_scalars(row)  # strings, an int and a None: no float to write otherwise


def decode_document(payload: bytes) -> VersionDocument:
    path, kind, sha256, encoding, (date, origin, evidence), replacements, warnings, text = cachecodec.loads(payload)
    detected = DetectedDate(None if date is None else dt.date.fromisoformat(date), origin, evidence)
    return VersionDocument(path, kind, sha256, encoding, detected, replacements, tuple(warnings), text)


def encode_claims(claims: tuple[Claim, ...]) -> bytes:
    return cachecodec.encode_claims(claims)


def decode_claims(payload: bytes) -> tuple[Claim, ...]:
    return cachecodec.decode_claims(payload)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def document_key(code: str, task: Task) -> str:
    """What a loaded document depends on: the code, the bytes, the name and kind, day_first."""
    return _document_key(code, hashlib.sha256(task.data).hexdigest(), task.path, task.kind, task.settings)


def _document_key(code: str, content: str, path: str, kind: str, settings: ExtractionSettings) -> str:
    return _digest("document", code, content, path, kind, repr(settings.day_first))


def claims_key(document: str, settings: ExtractionSettings, context: VersionContext) -> str:
    """What a version's claims depend on besides its document: the extraction settings and the
    context (source id, version label, path, date, default subject: claim ids are built from them)."""
    return _digest("claims", document, _settings_digest(settings), repr(context))


@functools.lru_cache(maxsize=64)  # a corpus's settings and its sources' own
def _settings_digest(settings: ExtractionSettings) -> str:
    return _digest(repr(settings))  # once per run, not once per version: the repr is long


def code_fingerprint() -> str:
    """A digest of the code and versions that decide what loading and extraction produce: an
    edit to any of them invalidates every cache entry. Taken when this module was imported, just
    after the extraction modules it imports: the digest of the code this process runs, even if
    the files are edited later (a long-lived process keeps the code it loaded)."""
    return _FINGERPRINT


_FINGERPRINT = extraction_code()


# --- Reading (the client's only file access). -----------------------------------------------


def read_version(v: VersionSpec, max_bytes: int) -> tuple[bytes, str, str]:
    """One version's bytes, its kind and the name the loader gives it; LoadError naming it otherwise."""
    if v.problem is not None:
        raise LoadError(v.where, v.problem)
    if v.git is not None:
        try:
            data = read_git_blob(v.git, display_path=v.where, max_bytes=max_bytes)
        except GitError as exc:
            raise LoadError(v.where, f"cannot read from git: {exc}") from None
        return data, kind_for_path(v.git.path), v.where
    data = read_file(v.path, display_path=v.display, max_bytes=max_bytes)
    return data, kind_for_path(os.fspath(v.path)), v.display


# --- The run's side: read, look up, compute what is missing, store. ------------------------------


@attrs.frozen
class _Outcome:
    problem: str | None = None
    document: VersionDocument | None = None
    context: VersionContext | None = None
    claims: tuple[Claim, ...] = ()
    failure: str | None = None
    key: str | None = None  # claims_key: what the claims are a function of (None: no cache, not computed)


class Prepared:
    """Every version of a run, loaded and extracted; ``api.run`` asks it for documents and claims."""

    def __init__(self, settings: Settings, execution: Execution, code: str, outcomes: dict) -> None:
        self._settings = settings
        self._execution = execution
        self._code = code
        self._outcomes: dict[tuple[str, VersionSpec], _Outcome] = outcomes

    def document(self, source: str, v: VersionSpec) -> VersionDocument:
        """The loaded version; LoadError (naming it) when it could not be read."""
        outcome = self._outcomes[(source, v)]
        if outcome.problem is not None:
            raise LoadError(v.where, outcome.problem)
        assert outcome.document is not None
        return outcome.document

    def claims(self, source: str, v: VersionSpec, context: VersionContext) -> tuple[tuple[Claim, ...], str | None]:
        """The version's claims in ``context`` and the digest they are a function of (the cache's
        key; None when the run has no cache); ExtractionFailed when extraction raised."""
        outcome = self._outcomes[(source, v)]
        if outcome.context != context:
            # Not the context the worker expected (a label shared with a sibling): extract again here.
            outcome = self._again(source, v, context)
        if outcome.failure is not None:
            raise ExtractionFailed(outcome.failure)
        return outcome.claims, outcome.key

    def _again(self, source: str, v: VersionSpec, context: VersionContext) -> _Outcome:
        spec = next(s for s in self._settings.sources if s.id == source)
        cache, code = self._execution.cache, self._code
        try:
            want = _want(spec, v, self._settings.input.max_file_size, {})
        except LoadError as exc:  # the file went away under the run
            raise ExtractionFailed(exc.reason) from None
        task = want.task(self._settings, code, context)
        outcome = _lookup_many(cache, code, self._settings, [want], context)[0] or _accept(
            cache, code, task, process(task)
        )
        if outcome.problem is not None:  # the file changed under the run
            raise ExtractionFailed(outcome.problem)
        return outcome


def prepare(settings: Settings, execution: Execution) -> Prepared:
    """Read every version, take what the cache holds, and load and extract the rest with the
    chosen executor; every fresh result is stored, one transaction per version.

    A file the execution vouches for (unchanged since a run read it) is not read when the cache
    holds its document and claims."""
    if execution.executor not in EXECUTORS:
        raise ExecutorError(None, f"unknown executor {execution.executor!r} (choose from {', '.join(EXECUTORS)})")
    if execution.executor == "dask":
        _import_distributed()  # missing dask is an error even when nothing needs extracting
    code = code_fingerprint()
    cache = execution.cache
    progress = execution.progress or Silent()
    versions = [(spec, v) for spec in sorted(settings.sources, key=lambda s: s.id) for v in spec.versions]
    outcomes: dict[tuple[str, VersionSpec], _Outcome] = {}
    progress.start(len(versions), "versions")

    def wanted() -> Iterator[_Wanted]:
        for spec, v in versions:
            try:
                yield _want(spec, v, settings.input.max_file_size, execution.vouched)
            except LoadError as exc:
                outcomes[(spec.id, v)] = _Outcome(problem=exc.reason)
                progress.advance()

    def missing() -> Iterator[Task]:
        for batch in _lookup_batches(wanted()):
            for want, found in zip(batch, _lookup_many(cache, code, settings, batch)):
                key = (want.source.id, want.version)
                if found is not None:
                    outcomes[key] = found
                    progress.advance()
                    continue
                try:
                    yield want.task(settings, code)
                except LoadError as exc:  # vouched for, not in the cache, and now unreadable
                    outcomes[key] = _Outcome(problem=exc.reason)
                    progress.advance()

    try:
        chunk = max(1, min(32, len(versions) // max(1, execution.jobs * 8)))
        for task, computed in _execute(missing(), execution, chunk):
            outcomes[(task.source, task.spec)] = _accept(cache, code, task, computed)
            progress.advance()
    finally:
        progress.finish()
    return Prepared(settings, execution, code, outcomes)


# Versions are looked up in the cache this many at a time, one query for their documents and one
# for their claims (two queries a version cost half a second on a 10,000-version corpus), and at
# most this many bytes of them held while they are (files can be large).
LOOKUP_BATCH = 256
LOOKUP_BATCH_BYTES = 16 << 20


@attrs.frozen
class _Wanted:
    """A version to look up in the cache: the digest of its bytes, and the bytes if they were read."""

    source: SourceSpec
    version: VersionSpec
    kind: str
    path: str  # the name the loader gives the file
    content: str  # sha256 of its bytes
    data: bytes | None  # None: vouched for, not read

    def task(self, settings: Settings, code: str, context: VersionContext | None = None) -> Task:
        """The version as work for a worker, its bytes read now if they were not; LoadError else."""
        data = self.data
        if data is None:
            data, _kind, _path = read_version(self.version, settings.input.max_file_size)
        s = self.source
        return Task(
            s.id, s.subject, self.version, data, self.kind, self.path, extraction_for(settings, s), code, context, s.publisher,
            s.title,
        )


def _want(spec: SourceSpec, v: VersionSpec, max_bytes: int, vouched: Vouched) -> _Wanted:
    """``v`` to look up: read and hashed, unless ``vouched`` knows its digest; LoadError naming it else."""
    if v.git is None and v.problem is None:
        known = vouched.get(os.fspath(v.path))
        if known is not None and known[1] <= max_bytes:
            return _Wanted(spec, v, kind_for_path(os.fspath(v.path)), v.display, known[0], None)
    data, kind, path = read_version(v, max_bytes)
    return _Wanted(spec, v, kind, path, hashlib.sha256(data).hexdigest(), data)


def _lookup_batches(wanted: Iterable[_Wanted]) -> Iterator[list[_Wanted]]:
    batch: list[_Wanted] = []
    held = 0
    for want in wanted:
        batch.append(want)
        held += len(want.data or b"")
        if len(batch) >= LOOKUP_BATCH or held >= LOOKUP_BATCH_BYTES:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _lookup_many(
    cache: Cache | None, code: str, run: Settings, wanted: list[_Wanted], context: VersionContext | None = None
) -> list[_Outcome | None]:
    """The cached outcome of each wanted version (in ``context``, or the one expected from its
    document), or None; a row that does not decode is dropped, never trusted."""
    if cache is None:
        return [None] * len(wanted)
    extraction = [extraction_for(run, w.source) for w in wanted]
    doc_keys = [_document_key(code, w.content, w.path, w.kind, s) for w, s in zip(wanted, extraction)]
    rows = cache.get_many(doc_keys)
    documents: list[VersionDocument | None] = []
    for key in doc_keys:
        document = None
        if (raw := rows.get(key)) is not None:
            try:
                document = decode_document(raw)
            except Exception:
                cache.discard(key)
        documents.append(document)
    contexts = [
        None
        if d is None
        else context
        or expected_context(
            w.source.id, w.source.subject, w.version, d.detected_date, publisher=w.source.publisher, title=w.source.title
        )
        for w, d in zip(wanted, documents)
    ]
    keys = [None if c is None else claims_key(k, s, c) for k, s, c in zip(doc_keys, extraction, contexts)]
    rows = cache.get_many(k for k in keys if k is not None)
    out: list[_Outcome | None] = []
    for document, ctx, key in zip(documents, contexts, keys):
        found = None
        if key is not None and (raw := rows.get(key)) is not None:
            try:
                found = _Outcome(document=document, context=ctx, claims=decode_claims(raw), key=key)
            except Exception:
                cache.discard(key)
        out.append(found)
    return out


def _accept(cache: Cache | None, code: str, task: Task, computed: Computed) -> _Outcome:
    """Decode a worker's answer the way a cache hit is decoded, and store it when it is whole."""
    if computed.problem is not None:
        return _Outcome(problem=computed.problem)
    assert computed.document is not None and computed.context is not None
    document = decode_document(computed.document)
    if computed.failure is not None:
        return _Outcome(document=document, context=computed.context, failure=computed.failure)
    doc_key = None if cache is None else document_key(code, task)
    key = None if doc_key is None else claims_key(doc_key, task.settings, computed.context)
    if computed.exact is not None:
        return _Outcome(document=document, context=computed.context, claims=computed.exact, key=key)
    assert computed.claims is not None
    claims = decode_claims(computed.claims)
    if cache is not None:
        cache.put((Row(doc_key, "document", computed.document), Row(key, "claims", computed.claims)))
    return _Outcome(document=document, context=computed.context, claims=claims, key=key)


# --- Executors. ------------------------------------------------------------------------------


def _execute(tasks: Iterator[Task], execution: Execution, chunk: int) -> Iterator[tuple[Task, Computed]]:
    """Run the tasks; a handful run here, more go to the pool or the cluster as they are read."""
    head = list(itertools.islice(tasks, PARALLEL_MIN))
    if execution.executor == "serial" or execution.jobs < 1 or len(head) < PARALLEL_MIN or (
        execution.executor == "process" and execution.jobs == 1
    ):
        readings = Readings()
        for task in itertools.chain(head, tasks):
            yield task, process(task, readings)
        return
    chunks = _chunks(itertools.chain(head, tasks), chunk)
    if execution.executor == "process":
        yield from _on_pool(chunks, execution.jobs)
    else:
        yield from _on_dask(chunks, execution)


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    """Batches of ``size`` tasks, grown up to twice that to end where a source does (a worker re-dates a
    source's recaptured versions only within one batch)."""
    batch: list[Task] = []
    for task in tasks:
        if len(batch) >= size and (task.source != batch[-1].source or len(batch) >= 2 * size):
            yield batch
            batch = []
        batch.append(task)
    if batch:
        yield batch


def _bounded(
    chunks: Iterator[list[Task]],
    submit: Callable[[list[Task]], Any],
    wait: Callable[[], Any],
    collect: Callable[[Any, list[Task]], list[Computed]],
    limit: int,
) -> Iterator[tuple[Task, Computed]]:
    """Keep at most ``limit`` chunks in flight (so the client never holds the whole corpus's bytes)
    and yield results as chunks complete: ``wait`` gives a finished future, ``collect`` its results."""
    pending: dict[Any, list[Task]] = {}
    for batch in chunks:
        pending[submit(batch)] = batch
        while len(pending) >= limit:
            done = wait()
            batch = pending.pop(done)
            yield from zip(batch, collect(done, batch))
    while pending:
        done = wait()
        batch = pending.pop(done)
        yield from zip(batch, collect(done, batch))


def _on_pool(chunks: Iterator[list[Task]], jobs: int) -> Iterator[tuple[Task, Computed]]:
    methods = multiprocessing.get_all_start_methods()
    # Not fork: the client may hold threads and locks (SQLite, Dask, a test runner) a fork would copy.
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["claimcheck.pipeline"])  # import once, fork workers ready to go
    pool = cf.ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_watch_client, initargs=(os.getpid(),)
    )
    running: set[cf.Future] = set()

    def submit(batch: list[Task]) -> cf.Future:
        future = pool.submit(process_chunk, batch)
        running.add(future)
        return future

    def wait() -> cf.Future:
        done = next(iter(cf.wait(running, return_when=cf.FIRST_COMPLETED).done))
        running.discard(done)
        return done

    def collect(done: cf.Future, batch: list[Task]) -> list[Computed]:
        try:
            return done.result()
        except OtherCode:
            # The extraction code was edited since this run started (the workers imported the new
            # files): the run's own code decides, so these are done here.
            return [process(t) for t in batch]
        except cf.process.BrokenProcessPool:
            raise ExecutorError(None, "a worker process died (out of memory, or killed); rerun with --jobs 1") from None
        except Exception as exc:  # per-document failures are caught in the worker: this is the pool itself
            raise ExecutorError(None, f"a worker failed: {type(exc).__name__}: {exc}") from exc

    try:
        yield from _bounded(chunks, submit, wait, collect, jobs * 3)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _watch_client(pid: int) -> None:
    """In a pool worker: exit when the run that started it is gone (killed, say). A worker's parent
    is the fork server, and its queues hold both ends of their pipes, so nothing else tells it."""

    def watch() -> None:
        while True:
            time.sleep(0.5)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # alive, owned by someone else: cannot be ours, but do not guess
                pass

    threading.Thread(target=watch, name="claimcheck-watch-client", daemon=True).start()


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise ExecutorError(
            None, "--executor dask needs dask.distributed: pip install 'claimcheck[dask]'"
        ) from None
    return distributed


def _on_dask(chunks: Iterator[list[Task]], execution: Execution) -> Iterator[tuple[Task, Computed]]:
    distributed = _import_distributed()
    cluster = None
    try:
        if execution.scheduler is None:
            cluster = distributed.LocalCluster(
                n_workers=max(1, execution.jobs), threads_per_worker=1, dashboard_address=None
            )
        client = distributed.Client(execution.scheduler or cluster, timeout=30)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise ExecutorError(None, f"cannot reach the dask scheduler at {execution.scheduler}: {exc}") from None
    queue = distributed.as_completed()
    workers = max(1, len(client.scheduler_info().get("workers", {})))

    def submit(batch: list[Task]) -> Any:
        future = client.submit(process_chunk, batch, pure=False)
        queue.add(future)
        return future

    def collect(done: Any, batch: list[Task]) -> list[Computed]:
        try:
            return done.result()
        except OtherCode as exc:
            raise ExecutorError(None, f"the dask workers run other claimcheck code: {exc}") from None
        except Exception as exc:  # per-document failures are caught in the worker: this is the cluster
            raise ExecutorError(None, f"a dask task failed: {type(exc).__name__}: {exc}") from exc

    try:
        yield from _bounded(chunks, submit, lambda: next(queue), collect, workers * 3)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
