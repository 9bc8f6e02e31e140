"""Render benchmark: the whole report of 10,000 findings over 100,000 claims, median of 3 runs.

Run from the repository root (outside the default test run):

    PYTHONPATH=src python3 benchmarks/render.py            # all formats, written as `claimcheck run` does
    PYTHONPATH=src python3 benchmarks/render.py --html     # the HTML site only
    PYTHONPATH=src python3 benchmarks/render.py --memory   # into memory, one process (dict(render_all(...)))

The target is under 5 s. ``build_big_result`` is also what tests/reports/test_report_html.py
uses to check that no page of a large report exceeds 1.5 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from claimcheck.checker.model import DEFAULT_SEVERITY, Change, Finding
from claimcheck.claims.model import Claim, Evidence, Interval, Period, Quantity, Source, Version
from claimcheck.result import RunResult, VersionText

MEASURES = tuple(f"measure {i:02d}" for i in range(50))
KINDS = ("conflict", "change", "stale", "agreement", "undated-discrepancy", "revision")
HEDGES = (("exact", ""), ("approx", "approximately "), ("lower", "more than "), ("upper", "up to "), ("range", "between "))
FILLER = "Background paragraph with no figures: a < b & c > d, \"quoted\" and 'single' text.\n"


def _quantity(bound: str, x: float) -> Quantity:
    if bound == "exact":
        return Quantity(x, "count", bound, Interval(x - 0.5, x + 0.5), Interval(x - 0.5, x + 0.5))
    if bound == "approx":
        return Quantity(x, "count", bound, Interval(x * 0.95, x * 1.05), Interval(x * 0.95, x * 1.05))
    if bound == "lower":
        return Quantity(x, "count", bound, Interval(x, None, False, True), Interval(x, x * 1.1, False, True))
    if bound == "upper":
        return Quantity(x, "count", bound, Interval(0, x), Interval(x * 0.9, x))
    return Quantity(x, "count", bound, Interval(x, x * 1.2), Interval(x, x * 1.2), stated_high=x * 1.2)


def build_big_result(
    sources: int = 100,
    versions: int = 10,
    claims_per_version: int = 100,
    findings: int = 10_000,
    filler_bytes: int = 3_000_000,
) -> RunResult:
    """A synthetic run: ``sources × versions × claims_per_version`` claims, ``findings`` findings.

    Groups hold about 20 claims from 10 sources each; the last source's claims all fall in one
    group (a group too large for one page); the first version carries ``filler_bytes`` of text full
    of characters that escaping lengthens (a text too large for one page); one source's last
    version is undated.
    """
    all_sources: list[Source] = []
    claims: list[Claim] = []
    texts: list[VersionText] = []
    for s in range(sources):
        sid = f"src-{s:03d}"
        vs = []
        for v in range(versions):
            undated = s == 7 and v == versions - 1
            date = None if undated else dt.date(2011 + v, 1 + s % 12, 1 + s % 28)
            label = f"v{v}" if undated else date.isoformat()
            vs.append(Version(label, date, "none" if undated else "text", f"{sid}/{label}.html", f"{s:04d}{v:04d}" * 8,
                              "" if undated else f"Last updated: {date.isoformat()}", "html"))
            parts: list[str] = []
            at = 0
            if s == 0 and v == 0:
                parts.append(FILLER * (filler_bytes // len(FILLER)))
                at = len(parts[0])
            for j in range(claims_per_version):
                if s == sources - 1:
                    subject, measure = "Agency big", "widgets"
                else:
                    subject, measure = f"Agency {(s + v) % (sources - 1)}", MEASURES[j % len(MEASURES)]
                bound, hedge = HEDGES[(s + j) % len(HEDGES)]
                x = float(1000 + 10 * j + 37 * v + (s % 7))
                number = f"{int(x):,}"
                quote = f"{hedge}{number} and {int(x * 1.2):,}" if bound == "range" else f"{hedge}{number}"
                period = Period(f"FY{2011 + v}", dt.date(2010 + v, 10, 1), dt.date(2011 + v, 9, 30)) if j % 3 == 0 else None
                lead = f"In FY{2011 + v}, " if period else "Today "
                sentence = f"{lead}{subject} reported {quote} {measure} across its offices."
                start = at + sentence.index(quote)
                parts.append(sentence + (" " if j % 5 else "\n\n"))
                at += len(parts[-1])
                claims.append(
                    Claim(
                        id=f"c-{s:03d}-{v:02d}-{j:03d}",
                        source=sid,
                        version=label,
                        path=f"{sid}/{label}.html",
                        subject=subject,
                        measure=measure,
                        scope=None,
                        value=_quantity(bound, x),
                        period=period,
                        as_of=period.end if period else date,
                        evidence=Evidence(quote, sentence, start, start + len(quote), 10 + j, 1 + sentence.index(quote)),
                        version_date=date,
                    )
                )
            texts.append(VersionText(sid, label, "".join(parts)))
        all_sources.append(Source(sid, f"Source {s}", f"Publisher {s % 10}", f"https://example.org/{sid}", tuple(vs)))

    groups: dict[tuple[str, str], list[Claim]] = {}
    for c in claims:
        groups.setdefault((c.subject, c.measure), []).append(c)
    keys = sorted(groups)
    out: list[Finding] = []
    i = 0
    while len(out) < findings:
        key = keys[i % len(keys)]
        members = groups[key]
        kind = KINDS[i % len(KINDS)]
        k = i // len(keys)
        chosen = tuple(c.id for c in members[k % 3 : k % 3 + 2 + i % 3])
        srcs = tuple(sorted({c.source for c in members if c.id in chosen}))
        out.append(
            Finding(
                id=f"f-{i:06d}",
                kind=kind,
                severity=DEFAULT_SEVERITY[kind],
                subject=key[0],
                measure=key[1],
                scope=None,
                unit="count",
                period=f"FY{2011 + i % 10}",
                claims=chosen,
                evidence_digest=f"{i:064d}",
                message=f"{key[0]} {key[1]}: synthetic {kind} number {i} over {len(chosen)} claims",
                sources=srcs[:1] if kind == "revision" else srcs,
                change=Change("up", "1,000", "1,100", "FY2011", "FY2012", 100.0, 0.1) if kind == "change" else None,
                status=("open", "open", "resolved", "needs-re-review")[i % 4],
            )
        )
        i += 1
    return RunResult(sources=tuple(all_sources), claims=tuple(claims), findings=tuple(out), texts=tuple(texts))


def _cpu() -> tuple[float, float]:
    # This process, and the waited-for children (write_report renders on a second process).
    t = os.times()
    return t.user + t.system, t.children_user + t.children_system


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", action="store_true", help="render only the HTML site")
    parser.add_argument("--memory", action="store_true",
                        help="render into memory (dict(render_all(...))) instead of writing the report to a temp directory")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    from claimcheck.reports import ALL, render_all
    from claimcheck.reports.write import write_report

    formats = ("html",) if args.html else ALL
    t0 = time.perf_counter()
    result = build_big_result()
    print(f"built {len(result.findings):,} findings over {len(result.claims):,} claims in {time.perf_counter() - t0:.1f} s")
    times, cpu, split = [], [], []
    with tempfile.TemporaryDirectory(prefix="claimcheck-render-") as tmp:
        out = Path(tmp) / "report"
        for _ in range(args.runs):
            t, c = time.perf_counter(), _cpu()
            if args.memory:
                files = dict(render_all(result, formats))
            else:
                write_report(out, render_all(result, formats))  # as `claimcheck run` does
            times.append(time.perf_counter() - t)
            here, there = (a - b for a, b in zip(_cpu(), c))
            cpu.append(here + there)
            split.append((here, there))
        if args.memory:
            sizes = {k: len(v.encode("utf-8")) for k, v in files.items()}
        else:
            sizes = {str(f.relative_to(out)): f.stat().st_size for f in out.rglob("*") if f.is_file()}
    largest = max(sizes, key=sizes.__getitem__)
    print(f"{'html' if args.html else 'all formats'} {'in memory' if args.memory else 'written'}: {len(sizes):,} files, "
          f"{sum(sizes.values()) / 1e6:.1f} MB; largest {largest} {sizes[largest] / 1e6:.2f} MB; "
          f"largest page {max(v for k, v in sizes.items() if k.endswith('.html')) / 1e6:.2f} MB")
    print(f"render times: {', '.join(f'{t:.2f}' for t in times)} s; median {statistics.median(times):.2f} s "
          f"(CPU median {statistics.median(cpu):.2f} s, this process and its children; "
          f"per run here/children: {', '.join(f'{a:.1f}/{b:.1f}' for a, b in split)} s)")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (this process), "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB (largest child)")
    # A fixed pure-Python loop, to compare machines (and a busy machine with an idle one).
    t = time.process_time()
    total = 0
    for i in range(10_000_000):
        total += i
    print(f"machine: {platform.machine()} · {os.cpu_count()} CPUs · Python {platform.python_version()} · "
          f"{platform.system()}; 10M-addition loop {time.process_time() - t:.2f} s CPU")
    return 0 if statistics.median(times) < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
