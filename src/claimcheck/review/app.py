"""One review session: the current run (re-run when an input changes) and recording a decision."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

import attrs

from claimcheck import api
from claimcheck.checker.resolve import Resolution
from claimcheck.config import Settings, load_settings
from claimcheck.errors import ClaimcheckError
from claimcheck.reports import render_all
from claimcheck.resolutions import ConcurrentEditError, ResolutionsFile, decide, read_resolutions, write_resolution
from claimcheck.result import RunResult

MAX_NOTE = 4000
MAX_FIELD = 200


class ReviewError(Exception):
    """A request the server answers with ``status`` and a message for the reviewer."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


@attrs.define(eq=False)
class Snapshot:
    """One run of the pipeline as the review page shows it, and the inputs it was made from."""

    settings: Settings
    stamp: tuple
    resolutions: ResolutionsFile
    result: RunResult
    files: Mapping[str, str] | None = None  # the rendered report, file name → text; rendered on first use


class ReviewApp:
    """The state a review server shares between its request threads."""

    def __init__(
        self,
        config: Path | None,
        cwd: Path,
        *,
        fail_on: str = "conflict",
        reviewer: str | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.config = config
        self.cwd = cwd
        self.fail_on = fail_on
        self.reviewer = reviewer
        self.today = today
        self._lock = threading.Lock()
        self._cached: Snapshot | None = None

    def snapshot(self) -> Snapshot:
        """The current run: cached until the config, the resolutions file or a source file changes."""
        with self._lock:
            settings = load_settings(self.config, self.cwd)
            stamp = _stamp(settings)
            cached = self._cached
            if cached is not None and cached.settings == settings and cached.stamp == stamp:
                return cached
            resolutions = read_resolutions(settings.resolutions_path)
            result = api.run(settings, fail_on=self.fail_on, resolutions=resolutions)
            self._cached = Snapshot(settings, stamp, resolutions, result)
            return self._cached

    def report_files(self) -> Mapping[str, str]:
        """The report of the current run, rendered in memory (never written to the report folder)."""
        snap = self.snapshot()
        with self._lock:
            if snap.files is None:
                snap.files = render_all(snap.result)
            return snap.files

    def invalidate(self) -> None:
        with self._lock:
            self._cached = None

    def resolve(self, form: Mapping[str, str]) -> Resolution:
        """Record the decision a review form posted; the page is re-run afterwards."""
        finding_id = _field(form, "finding", required=True)
        digest = _field(form, "evidence_digest", required=True)
        decision = _field(form, "decision", required=True)
        reviewer = _field(form, "reviewer")
        note = _field(form, "note", limit=MAX_NOTE)
        prefer = _field(form, "preferred_source")
        snap = self.snapshot()
        finding = next((f for f in snap.result.findings if f.id == finding_id), None)
        if finding is None:
            raise ReviewError(404, f"There is no finding {finding_id} in the current run; reload the page.")
        if finding.evidence_digest != digest:
            raise ReviewError(
                409,
                f"The evidence of {finding_id} changed after this page was loaded; reload it and review again.",
            )
        try:
            resolution = decide(
                snap.result, finding_id, decision, reviewer=reviewer, note=note, prefer=prefer, date=self.today()
            )
            write_resolution(snap.settings.resolutions_path, resolution, snap.resolutions.text)
        except ConcurrentEditError as exc:
            raise ReviewError(409, str(exc)) from None
        except ClaimcheckError as exc:
            raise ReviewError(400, str(exc)) from None
        finally:
            self.invalidate()
        return resolution


def _field(form: Mapping[str, str], name: str, *, required: bool = False, limit: int = MAX_FIELD) -> str | None:
    value = (form.get(name) or "").strip()
    if required and not value:
        raise ReviewError(400, f"The form is missing '{name}'.")
    if len(value) > limit:
        raise ReviewError(400, f"'{name}' is longer than {limit} characters.")
    return value or None


def _stamp(settings: Settings) -> tuple:
    paths = [settings.config_path, settings.resolutions_path]
    paths += [v.path for s in settings.sources for v in s.versions]
    out = []
    for path in paths:
        if path is None:
            continue
        try:
            st = os.stat(path)
            out.append((str(path), st.st_mtime_ns, st.st_size, st.st_ino))
        except OSError:
            out.append((str(path), None))
    return tuple(out)
