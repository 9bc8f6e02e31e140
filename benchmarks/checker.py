"""Benchmark: the checker (every verdict, version diffs and lifecycles) on generated claims.

    python3 benchmarks/checker.py --claims 1000000 --runs 3
    python3 benchmarks/checker.py --scaling            # 100k and 1M, each in its own process
    python3 benchmarks/checker.py --jobs 2             # shared with a forked process, as `claimcheck run`

The corpus is generated, deterministic for a seed, and shaped like the real thing: pages (sources)
captured several times over a decade, each stating figures about a handful of topics (groups) whose
popularity is heavily skewed, so a few groups are stated by thousands of pages; figures move every
year or two and pages lag behind them; mixed hedges (exact, approximately, more than, almost,
ranges), some fiscal-year periods, some undated captures, rare mistakes. Timing covers
``claimcheck.checker.check.analyse`` only, not the generation; peak memory is the process's
maximum resident set size (``resource.getrusage``, so generation included), measured in a fresh
process per size.

Not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import functools
import datetime as dt
import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from claimcheck import forking  # noqa: E402
from claimcheck.checker.check import analyse  # noqa: E402
from claimcheck.checker.model import CheckerSettings  # noqa: E402
from claimcheck.claims.model import Claim, Evidence, Interval, Period, Quantity, Source, Version  # noqa: E402

SUBJECTS = ("ICE", "HSI", "ERO", "OPLA", "FPS", "CBP", "USCIS", "TSA", "FEMA", "USSS")
MEASURES = (
    "employees", "annual budget", "special agents", "offices", "countries", "statutes", "arrests",
    "removals", "detention beds", "vehicles", "cases", "seizures", "officers", "attorneys", "grants",
)  # fmt: skip
SCOPES = (None, None, None, "international", "domestic", "criminal")
BOUNDS = ("exact",) * 45 + ("approx",) * 20 + ("lower",) * 25 + ("upper",) * 5 + ("range",) * 5
EPOCH = dt.date(2008, 1, 1)


def _round(x: float, digits: int) -> float:
    if x <= 0:
        return 0.0
    scale = 10 ** (math.floor(math.log10(x)) - digits + 1)
    return round(x / scale) * scale


def _quantity(x: float, bound: str, unit: str) -> Quantity:
    # The intervals semantics.md derives, roughly: ± half a unit of the last digit, hedges as listed.
    r = max(0.5, 10 ** (math.floor(math.log10(x)) - 2) / 2) if x > 0 else 0.5
    if bound == "exact":
        iv = Interval(x - r, x + r)
        return Quantity(x, unit, bound, iv, iv)
    if bound == "approx":
        iv = Interval(x - max(r, 0.05 * x), x + max(r, 0.05 * x))
        return Quantity(x, unit, bound, iv, iv)
    u = 2 * r
    if bound == "lower":
        return Quantity(x, unit, bound, Interval(x, None, False, True), Interval(x, x + min(u, 0.1 * x), False, True))
    if bound == "upper":
        return Quantity(x, unit, bound, Interval(x * 0.9, x, True, False), Interval(x - min(u, 0.1 * x), x, True, False))
    high = _round(x * 1.2, 2)
    iv = Interval(x, high)
    return Quantity(x, unit, bound, iv, iv, stated_high=high)


def _subject(index: int) -> str:
    return SUBJECTS[index % len(SUBJECTS)] + ("" if index < len(SUBJECTS) else f"-{index // len(SUBJECTS)}")


def _fiscal_year(year: int) -> Period:
    return Period(f"FY{year}", dt.date(year - 1, 10, 1), dt.date(year, 9, 30))


class _Topic:
    """One group: a figure that drifts every year or two, and now and then jumps."""

    def __init__(self, rng: random.Random, subject: str) -> None:
        self.subject = subject
        self.measure = MEASURES[rng.randrange(len(MEASURES))]
        self.scope = SCOPES[rng.randrange(len(SCOPES))]
        self.unit = "USD" if self.measure in ("annual budget", "grants") else "count"
        base = 10 ** rng.uniform(1.5, 9.5)
        self.changes: list[tuple[int, float]] = []  # (day, value) from EPOCH, ascending
        day = 0
        value = base
        while day < 7000:
            self.changes.append((day, value))
            # Most figures drift a few percent a year or two; now and then one jumps.
            day += rng.randrange(300, 1100)
            value *= 1 + (rng.uniform(-0.3, 0.4) if rng.random() < 0.1 else rng.uniform(-0.04, 0.08))

    def value_at(self, day: int) -> float:
        value = self.changes[0][1]
        for start, v in self.changes:
            if start > day:
                break
            value = v
        return value


PROFILES = {
    # Like the verbatim seeds (five pages, one capture each, three quarters of the figures stated
    # once): most pages captured once, some a few times, a few often; most figures are a page's
    # own, some are shared, a few are on thousands of pages.
    "corpus": {"versions": (1,) * 12 + (2,) * 3 + (3,) * 2 + (5, 8, 12), "own_topics": 0.7},
    # A web archive: every page captured 1–20 times, every figure shared by several pages.
    "archive": {"versions": (1, 1, 2, 3, 5, 8, 12, 20), "own_topics": 0.0},
}


def generate(n_claims: int, seed: int = 1, profile: str = "corpus") -> tuple[list[Source], list[Claim]]:
    """About ``n_claims`` claims from pages captured once or several times; deterministic for ``seed``."""
    rng = random.Random(seed)
    shape = PROFILES[profile]
    n_topics = max(10, n_claims // 10)
    topics = [_Topic(rng, _subject(i)) for i in range(n_topics)]
    sources: list[Source] = []
    claims: list[Claim] = []
    counter = 0
    s = 0
    shared: dict = {}
    while len(claims) < n_claims:
        source_id = f"site-{s:06d}"
        s += 1
        n_versions = rng.choice(shape["versions"])
        day = rng.randrange(0, 4000)
        days = []
        for _ in range(n_versions):
            days.append(day)
            # Captured every few weeks to every two years.
            day += rng.randrange(30, 200) if rng.random() < 0.5 else rng.randrange(200, 800)
        undated = rng.random() < 0.05
        # Most figures are stated by one or a few pages; a few are on thousands (Zipf-like head).
        own = set()
        for _ in range(rng.randrange(4, 30)):
            r = rng.random()
            if r < shape["own_topics"]:
                own.add(len(topics))
                # this page's own figure: a field office, a program, a local count
                topics.append(_Topic(rng, f"{_subject(rng.randrange(n_topics))} office {len(topics)}"))
            elif r < shape["own_topics"] + 0.15 * (1 - shape["own_topics"]):
                own.add(min(n_topics - 1, int(rng.paretovariate(1.2)) - 1))
            else:
                own.add(rng.randrange(n_topics))
        plan = []
        for t in sorted(own):
            first = rng.randrange(n_versions) if rng.random() < 0.2 else 0
            last = rng.randrange(first, n_versions) if rng.random() < 0.15 else n_versions - 1
            # How this page states this topic, fixed across its captures: hedge, precision, whether
            # it names a fiscal year (8 %), how far behind the real figure it runs, whether it is
            # presented as current (90 %), whether the page is static and keeps the figure it was
            # first written with (75 %), and whether it is simply wrong (1 %, off by 30 %).
            style = (
                BOUNDS[rng.randrange(len(BOUNDS))],
                rng.choice((2, 2, 3)),
                rng.random() < 0.08,
                rng.randrange(0, 1100) if rng.random() < 0.15 else 0,
                rng.random() < 0.9,
                rng.random() < 0.75,
                rng.choice((0.7, 1.3)) if rng.random() < 0.01 else 1.0,
            )
            plan.append((topics[t], first, last, style))
        versions = []
        for v, vday in enumerate(days + ([None] if undated else [])):
            date = None if vday is None else EPOCH + dt.timedelta(days=vday)
            label = date.isoformat() if date else "undated"
            path = f"{source_id}/{label}.html"
            versions.append(Version(label, date, "text" if date else "none", path, ""))
            for topic, first, last, (bound, digits, periodic, lag, current, static, error) in plan:
                if vday is not None and not first <= v <= last:
                    continue
                when = (days[first] if static else vday if vday is not None else days[-1]) - lag
                period = None
                if periodic:
                    fy = (EPOCH + dt.timedelta(days=when)).year - 1
                    period = shared.get(fy) or shared.setdefault(fy, _fiscal_year(fy))
                    when = (period.end - EPOCH).days
                value = _round(topic.value_at(when) * error, digits)
                # Equal figures share one Quantity and equal quotes one string, as values a loader
                # cached would; it keeps the generated corpus itself well under a gigabyte.
                key = (value, bound, topic.unit)
                quantity = shared.get(key) or shared.setdefault(key, _quantity(value, bound, topic.unit))
                as_of = None if date is None else (period.end if period else date)
                quote = f"{'more than ' if bound == 'lower' else ''}{value:,.0f} {topic.measure}"
                quote, sentence = shared.get(quote) or shared.setdefault(quote, (quote, f"The page says {quote}."))
                for repeat in range(1 if rng.random() < 0.9 else 2):
                    counter += 1
                    start = rng.randrange(0, 20000)
                    claims.append(
                        Claim(
                            id=f"c-{counter:010x}",
                            source=source_id,
                            version=label,
                            path=path,
                            subject=topic.subject,
                            measure=topic.measure,
                            scope=topic.scope,
                            value=quantity,
                            period=period,
                            as_of=as_of,
                            evidence=Evidence(quote, sentence, start, start + len(quote), 1 + start // 80, 1),
                            version_date=date,
                            current=current,
                        )
                    )
        sources.append(Source(source_id, versions=tuple(versions)))
    return sources, claims[:n_claims]


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def measure(n_claims: int, runs: int, seed: int, profile: str, jobs: int = 1) -> dict:
    started = time.perf_counter()
    sources, claims = generate(n_claims, seed, profile)
    generated = time.perf_counter() - started
    rss_after_generation = _peak_rss_mib()
    settings = CheckerSettings()
    # As `claimcheck run --jobs 2` (api._spread) shares the work with a forked process.
    spread = None if jobs < 2 else functools.partial(forking.shared_map, doing="checking", kind="checker", error=RuntimeError)
    times = []
    cpu = []
    summary = {}
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = analyse(sources, claims, settings, spread=spread)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        kinds: dict[str, int] = {}
        for f in result.findings:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
        summary = {"findings": kinds, "histories": len(result.histories), "lifecycles": len(result.lifecycles)}
        del result
    return {
        "claims": len(claims),
        "sources": len(sources),
        "jobs": jobs,
        "generation_s": round(generated, 2),
        "runs_s": [round(t, 3) for t in times],
        "median_s": round(statistics.median(times), 3),
        "median_cpu_s": round(statistics.median(cpu), 3),
        "load_average": round(os.getloadavg()[0], 2),
        "peak_rss_mib": round(_peak_rss_mib(), 1),
        "rss_after_generation_mib": round(rss_after_generation, 1),
        **summary,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="number of generated claims")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (the median is reported)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", choices=sorted(PROFILES), default="corpus", help="shape of the generated corpus")
    parser.add_argument("--scaling", action="store_true", help="run 100k and 1M in fresh processes, print the ratio")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--jobs", type=int, default=1, help="2: share the work with a forked process (CPU covers this one only)")
    args = parser.parse_args()
    if args.scaling:
        results = {}
        for n, runs in ((100_000, max(5, args.runs)), (1_000_000, args.runs)):
            out = subprocess.run(
                [sys.executable, __file__, "--claims", str(n), "--runs", str(runs), "--seed", str(args.seed),
                 "--profile", args.profile, "--jobs", str(args.jobs), "--json"],  # fmt: skip
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results[n] = json.loads(out)
            print(_line(results[n]))
        wall = results[1_000_000]["median_s"] / results[100_000]["median_s"]
        cpu = results[1_000_000]["median_cpu_s"] / results[100_000]["median_cpu_s"]
        print(f"time(1M) / time(100k) = {wall:.2f} (wall), {cpu:.2f} (CPU)")
        return
    result = measure(args.claims, args.runs, args.seed, args.profile, args.jobs)
    print(json.dumps(result) if args.json else _line(result))


def _line(r: dict) -> str:
    return (
        f"{r['claims']:>9,} claims, {r['sources']:,} sources, jobs {r['jobs']}: median {r['median_s']:.2f} s wall, "
        f"{r['median_cpu_s']:.2f} s CPU (runs {', '.join(f'{t:.2f}' for t in r['runs_s'])}; load average "
        f"{r['load_average']}), peak RSS {r['peak_rss_mib']:.0f} MiB "
        f"({r['rss_after_generation_mib']:.0f} MiB after generation); findings {r['findings']}, "
        f"{r['histories']} histories, {r['lifecycles']} lifecycles"
    )


if __name__ == "__main__":
    main()
