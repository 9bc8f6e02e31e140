"""The report files of a run as a mapping that renders on demand, and writes itself in parallel.

A 10,000-document report is over a thousand pages and hundreds of megabytes: holding every page
in memory before the atomic swap cost gigabytes. ``ReportFiles`` renders a file only when it is
read; the HTML site's names come from its plan, made when first asked for. ``write_into`` renders
and writes one family of pages at a time, on two cores when the report is large enough to pay
for a fork. Every file's bytes depend only on the run, never on which process made them.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from claimcheck import forking
from claimcheck.checker.outcome import COUNTING_STATUSES
from claimcheck.errors import ReportError
from claimcheck.execution import Progress, Silent
from claimcheck.forking import Children, SharedQueue
from claimcheck.result import RunResult

if TYPE_CHECKING:
    from claimcheck.pagememo import PriorPages
    from claimcheck.reports.html import HtmlSite
    from claimcheck.reports.pagedigest import Digester
    from claimcheck.reports.site import Family

# Forking a second process and sharing the work costs tens of milliseconds; below about this
# many estimated bytes of output one process is as fast.
PARALLEL_MIN_COST = 20_000_000
# Estimated cost of the machine formats in the same unit as the pages' (about a byte of HTML, some
# 25 ns of rendering), measured on benchmarks/render.py and on the 10,000-document run of
# benchmarks/run.py: per claim (claims.json), per finding (findings.json, junit.xml, summary.md)
# and, for SARIF, per location (a finding's member claims). The estimates decide whether a second
# process pays and the order the shared queue hands units out in (costliest first, so that the
# last units taken are small), not who renders what.
COST_PER_CLAIM = 800
COST_PER_FINDING = 800
COST_PER_JUNIT_CASE = 900
COST_PER_SUMMARY_FINDING = 500
COST_PER_SARIF_LOCATION = 640
# Whether a second process pays is decided before the site's plan exists (so that the machine
# formats can start meanwhile): the pages cost about this much per claim (its table row, its mark,
# its place in its version's text) and per finding (its article and its row in the list), plus
# the versions' texts.
HTML_COST_PER_CLAIM = 2000
HTML_COST_PER_FINDING = 3000

# Writes one file; for a ``pagememo.Reused`` it links the previous report's file and returns
# whether that was still the file remembered.
Writer = Callable[[str, object], object]
# A unit of work: ("html", family) renders a family of pages, ("file", name) one other file.
Unit = tuple[str, object]


def _renderers(result: RunResult, formats: Sequence[str]) -> dict[str, Callable[[RunResult], str | bytes]]:
    """File name → renderer, for every file of the chosen non-HTML formats.

    The large JSON files come as the bytes to write: a 100 MB text decoded only to be encoded
    again costs a few tenths of a second and a second copy in memory.
    """
    out: dict[str, Callable[[RunResult], str | bytes]] = {}
    if "json" in formats:
        from claimcheck.reports.json import claims_json_bytes, findings_json_bytes

        out["claims.json"] = claims_json_bytes
        out["findings.json"] = findings_json_bytes
    if "sarif" in formats:
        from claimcheck.reports.sarif import sarif_bytes

        out["results.sarif"] = sarif_bytes
    if "junit" in formats:
        from claimcheck.reports.junit import render_junit

        out["junit.xml"] = lambda r: render_junit(r, r.fail_on)
    if "markdown" in formats:
        from claimcheck.reports.markdown import render_markdown

        out["summary.md"] = lambda r: render_markdown(r, r.fail_on)
    return out


class ReportFiles(Mapping[str, str]):
    """File name → text for the chosen formats, in name order, each rendered when read.

    The HTML site's plan (every page's path and content, 2 s on a 100,000-claim report) is made
    when first needed, so that a writer can render the other formats meanwhile.
    """

    def __init__(self, result: RunResult, formats: Sequence[str], prior: PriorPages | None = None) -> None:
        self.result = result
        # The report on disk, whose unchanged pages the writer links instead of rendering.
        self.prior = prior
        # Page path → its family's digest (pagedigest.py), for every page written so far by any
        # of the processes: what the run remembers for the next one (pagememo.record).
        self.page_digests: dict[str, str] = {}
        self._digester: Digester | None = None
        self._files = _renderers(result, formats)
        self._wants_html = "html" in formats
        self._site_made: HtmlSite | None = None
        self._site_error: ReportError | None = None
        self._names_made: list[str] | None = None

    @property
    def _site(self) -> HtmlSite | None:
        if self._site_error is not None:
            raise self._site_error  # not the plan made again, two seconds, only to fail again
        if self._site_made is None and self._wants_html:
            # Imported here so `import claimcheck.reports` does not pull in Jinja.
            from claimcheck.reports.html import HtmlSite

            site = HtmlSite(self.result)
            names = [*self._files, *site.names()]
            if len(set(names)) != len(names):
                self._site_error = ReportError(None, "two report files have the same name")
                raise self._site_error
            self._site_made = site
        return self._site_made

    @property
    def _names(self) -> list[str]:
        if self._names_made is None:
            self._names_made = sorted([*self._files, *(self._site.names() if self._site is not None else ())])
        return self._names_made

    def __getitem__(self, name: str) -> str:
        if name in self._files:
            made = self._files[name](self.result)
            return made.decode("utf-8") if isinstance(made, bytes) else made
        if self._site is not None and name in self._site.names_set:
            return self._site.render(name)
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._files or (self._site is not None and name in self._site.names_set)

    # -- writing ---------------------------------------------------------------------------

    def file_units(self) -> list[tuple[int, Unit]]:
        """The files of the machine formats with their estimated costs, costliest first.

        Known without the site's plan: a second process can start on them at once.
        """
        r = self.result
        per_file = {
            "claims.json": COST_PER_CLAIM * len(r.claims),
            "findings.json": COST_PER_FINDING * len(r.findings),
            "results.sarif": COST_PER_SARIF_LOCATION * sum(len(f.claims) for f in r.findings if f.status in COUNTING_STATUSES),
            "junit.xml": COST_PER_JUNIT_CASE * len(r.findings),
            "summary.md": COST_PER_SUMMARY_FINDING * len(r.findings),
        }
        return _costliest_first([(per_file.get(n, 0), ("file", n)) for n in self._files])

    def html_units(self) -> list[tuple[int, Unit]]:
        """The site's families of pages and its stylesheet, costliest first (makes the plan)."""
        if self._site is None:
            return []
        out: list[tuple[int, Unit]] = [(cost, ("html", family)) for family, _paths, cost in self._site.plan.families]
        out.append((0, ("css", None)))
        return _costliest_first(out)

    def units(self) -> list[tuple[int, Unit]]:
        """Every unit of work with its estimated cost, the costliest first (ties: machine formats
        first, in the order of their renderers, then the site's families in plan order)."""
        return _costliest_first([*self.file_units(), *self.html_units()])

    def _estimated_cost(self) -> int:
        """The whole report's cost, roughly, without making the site's plan."""
        r = self.result
        html = 0
        if self._wants_html:
            html = HTML_COST_PER_CLAIM * len(r.claims) + HTML_COST_PER_FINDING * len(r.findings)
            html += sum(len(t.text) for t in r.texts)
        return sum(cost for cost, _ in self.file_units()) + html

    def _do(self, unit: Unit, write: Writer) -> None:
        kind, what = unit
        if kind == "file":
            write(str(what), self._files[str(what)](self.result))
        elif kind == "css":
            from claimcheck.reports.html import STYLESHEET, stylesheet_text

            write(STYLESHEET, stylesheet_text())
        else:
            assert self._site is not None
            family = what
            paths, digest = self._family_digest(family)  # type: ignore[arg-type]
            done: set[str] = set()
            links = self.prior.reuse(paths, digest) if self.prior is not None and digest is not None else None
            if links is not None:
                for path, link in zip(paths, links):
                    if not write(path, link):
                        break  # replaced since it was looked at: render the rest
                    done.add(path)
            if len(done) < len(paths):
                for path, text in self._site.render_family(family).items():  # type: ignore[arg-type]
                    if path not in done:
                        write(path, text)
            if digest is not None:
                self.page_digests.update(dict.fromkeys(paths, digest))

    def _family_digest(self, family: Family) -> tuple[tuple[str, ...], str | None]:
        """A family's page paths and the digest of what they show (None: never reused)."""
        assert self._site is not None
        digester = self._make_digester()
        return self._site.plan.paths_of[family], digester.family(family) if digester is not None else None

    def _make_digester(self) -> Digester | None:
        """The site's page digester (made once; None when the run has no version keys, as without
        a cache, so that nothing can be reused or remembered)."""
        if self._digester is None and self._site is not None and self.result.version_keys:
            from claimcheck.reports.pagedigest import Digester

            self._digester = Digester(self._site.plan.site, self.result.version_keys)
        return self._digester

    def _drain_pages(self, pages: SharedQueue, write: Writer) -> dict[str, str]:
        """A child's share of the pages; its word to the parent is the digests it recorded."""
        self.page_digests = {}
        pages.drain(self._do, write)
        return self.page_digests

    def write_into(self, write: Writer, jobs: int | None = None, progress: Progress | None = None) -> None:
        """Render every file and hand it to ``write(name, text)`` as soon as it is made.

        With ``jobs`` (default: 2 when this process may use two cores and the report is large)
        above 1, the work takes two cores: a process forked at once renders the machine formats
        while this one makes the site's plan and then renders pages; when the first child is
        done, a second is forked to share the pages left, each process taking the next family
        when it is free. ``write`` must therefore be safe to call from a forked child (the atomic
        writer's is: one new file per name). A failure in any process, a child's death included,
        raises here as soon as this process sees it, once every child has ended (the others are
        killed), so the caller can remove what was written. ``progress`` counts the units
        of work (a family of pages, a file) as they are taken.
        """
        progress = progress or Silent()
        if jobs is None:
            jobs = 2 if forking.cores() >= 2 and self._estimated_cost() >= PARALLEL_MIN_COST and forking.can_fork() else 1
        if jobs > 1 and not forking.can_share():
            jobs = 1
        # Rendering makes millions of short-lived objects, and each full collection would walk
        # the whole run result again (a tenth of the render time on a large report): set what
        # exists now aside from the collector until the report is written.
        # Not when the caller froze objects itself (say, before forking): unfreeze would undo that.
        freeze = not gc.get_freeze_count()
        if freeze:
            gc.freeze()
        try:
            progress.show("report: planning the pages")
            if jobs <= 1:
                units = self.units()
                progress.start(len(units), "report")
                for _cost, unit in units:
                    self._do(unit, write)
                    progress.advance()
                return
            with Children() as children:
                files = SharedQueue([unit for _cost, unit in self.file_units()])
                first = children.start(lambda: files.drain(self._do, write), "machine formats") if files.units else None
                pages = SharedQueue([unit for _cost, unit in self.html_units()])
                progress.start(len(files.units) + len(pages.units), "report")
                if freeze:
                    gc.freeze()  # the plan too, before the next fork
                # Two cores, two busy processes: the second child for pages once the first is
                # done with the machine formats (three would only share two cores, each with
                # its own memory).
                helper_started = False
                while (unit := pages.take()) is not None:
                    self._do(unit, write)
                    # Taken, not done: the children cannot say, and a bar need not be exact.
                    progress.advance_to(files.taken() + pages.taken())
                    # A dead child fails the run now, not after this process rendered the rest.
                    children.raise_if_failed()
                    if not helper_started and (first is None or not first.is_alive()):
                        helper_started = True
                        self._make_digester()  # once, here, rather than in each process
                        children.start(lambda: self._drain_pages(pages, write), "pages")
                while (unit := files.take()) is not None:  # whatever a slow or failed first child left
                    children.raise_if_failed()
                    self._do(unit, write)
                for digests in children.wait():
                    self.page_digests.update(digests)
                progress.advance_to(len(files.units) + len(pages.units))
        finally:
            progress.finish()
            if freeze:
                gc.unfreeze()


def _costliest_first(units: list[tuple[int, Unit]]) -> list[tuple[int, Unit]]:
    # A stable sort: ties keep the order they came in, so the queue is the same every run.
    return sorted(units, key=lambda u: -u[0])
