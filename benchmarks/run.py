"""Whole-run benchmark: `claimcheck run` cold, warm and with one document changed; peak memory; scaling.

Run from the repository root (outside the default test run):

    python3 benchmarks/run.py                          # 1,000 and 10,000 documents, --jobs 2
    python3 benchmarks/run.py --documents 1000 --jobs 1 2
    python3 benchmarks/run.py --documents 10000 --phases   # and where a one-page change spends its time

Each size gets a synthetic corpus (benchmarks/corpus.py, ~5 KB HTML pages, 10 versions per
source), generated once into --work (default /tmp/claimcheck-bench) and reused. Every timing is
one real `claimcheck run --quiet` in a fresh process, as a user types it: interpreter start,
imports, config, reading every file, cache, extraction, checker, every report format, atomic
write. Cold = empty cache; warm = the same run again (nothing changed: the run finds its report
up to date, claimcheck.uptodate); one changed = one page edited, then the run
again (the page is restored afterwards). Peak memory is the largest sum of resident memory over
the run's whole process tree (the run, the fork server, the pool's workers), sampled every 50 ms;
CPU is user + system time of that tree. ``--phases`` times the parts of a run with one page
changed (another edit than the one-changed run's, so the page and the checker's verdicts for what
it states are worked out again) in one process.
The runs use a snapshot of src/ taken at the start, so an edit made meanwhile (the cache keys on
the extraction code) cannot turn a warm run into a cold one.

Not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (benchmarks/corpus.py)

_SRC = HERE.parent / "src"  # replaced by the snapshot in main()
_TICK = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


def _sample(pid: int) -> tuple[int, float]:
    """(resident bytes, CPU seconds) of one process; (0, 0) when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
    except OSError:
        return 0, 0.0
    return int(fields[21]) * _PAGE, (int(fields[11]) + int(fields[12])) / _TICK


def measure(args: list[str], cwd: Path) -> dict:
    """Run one command; its wall time, exit code, peak tree RSS and the tree's CPU time."""
    env = _env()
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, cpu = 0, {}
    while proc.poll() is None:
        total = 0
        for pid in _tree(proc.pid):
            rss, seconds = _sample(pid)
            total += rss
            cpu[pid] = max(cpu.get(pid, 0.0), seconds)
        peak = max(peak, total)
        time.sleep(0.05)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{stderr}")
    return {"seconds": round(wall, 2), "cpu_seconds": round(sum(cpu.values()), 1), "peak_mib": round(peak / 2**20)}


def _env() -> dict[str, str]:
    env = dict(os.environ, CI="true")  # CI: no progress bar in the timings
    env["PYTHONPATH"] = os.pathsep.join([str(_SRC), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def snapshot(work: Path) -> Path:
    """A copy of src/claimcheck to run the benchmark with."""
    global _SRC
    target = work / "src"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(HERE.parent / "src" / "claimcheck", target / "claimcheck", ignore=shutil.ignore_patterns("__pycache__"))
    _SRC = target
    return target


def ensure_corpus(work: Path, documents: int) -> Path:
    folder = work / f"docs-{documents}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        size = corpus.generate(folder, documents)
        done.write_text(str(size), encoding="utf-8")
    return folder


def _changed_page(folder: Path) -> Path:
    """The page corpus.change_one edits (kept here to restore it afterwards)."""
    pages = sorted(p for p in (folder / "pages").iterdir() if p.is_dir())
    return sorted(pages[len(pages) // 2].glob("*.html"))[-1]


def bench(folder: Path, jobs: int, formats: list[str]) -> dict:
    cache = folder / ".claimcheck-cache"
    shutil.rmtree(cache, ignore_errors=True)
    command = [sys.executable, "-m", "claimcheck", "run", "--quiet", "--jobs", str(jobs), "--out", str(folder / "report")]
    command += [x for f in formats for x in ("--format", f)]
    results = {"cold": measure(command, folder), "warm": measure(command, folder)}
    target = _changed_page(folder)
    original = target.read_bytes()
    try:
        corpus.change_one(folder)
        results["one_changed"] = measure(command, folder)
    finally:
        target.write_bytes(original)
    claims = folder / "report" / "claims.json"
    results["claims"] = len(json.loads(claims.read_text(encoding="utf-8"))["claims"]) if claims.exists() else None
    results["cache_mib"] = round(sum(p.stat().st_size for p in cache.iterdir()) / 2**20)
    return results


_PHASES = r"""
import sys, time, json
t0 = time.perf_counter()
from pathlib import Path
from claimcheck import api, pagememo, pipeline, uptodate
from claimcheck.cache import Cache, cache_dir_for
from claimcheck.config import load_settings
from claimcheck.reports import render_all, ALL
from claimcheck.reports.write import write_report
times = {"import": time.perf_counter() - t0}

def timed(name, fn):
    def wrapper(*a, **k):
        t = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            times[name] = times.get(name, 0) + time.perf_counter() - t
    return wrapper

t = time.perf_counter()
settings = load_settings(None, Path.cwd())
times["config"] = time.perf_counter() - t
pipeline.prepare = timed("read + cache (prepare)", pipeline.prepare)
for name in ("analyse", "check"):  # whichever the orchestrator calls the checker by
    if hasattr(api, name):
        setattr(api, name, timed("checker", getattr(api, name)))
api.apply_resolutions = timed("resolutions", api.apply_resolutions)
cache = Cache.open(cache_dir_for(settings.config_path), pipeline.code_fingerprint())
t = time.perf_counter()
# As `claimcheck run` does: the files unchanged since the last run into the report are not read.
vouched = uptodate.vouched(uptodate.remembered(cache, Path(sys.argv[1])), uptodate.stat_inputs(settings, {}))
times["stat + memo"] = time.perf_counter() - t
t = time.perf_counter()
result = api.run(settings, execution=pipeline.Execution(cache=cache, vouched=vouched))
times["api.run total"] = time.perf_counter() - t
t = time.perf_counter()
# render_all gives the file set; each file is rendered as write_report writes it, and the pages
# that would come out as in the report on disk are linked from it, as `claimcheck run` does.
out = Path(sys.argv[1])
files = render_all(result, ALL, pagememo.load(cache, out))
staged = []
write_report(out, files, staged=lambda folder: staged.append(uptodate.listing(folder)))
pagememo.record(cache, out, files.page_digests, uptodate.settled(staged[0], out))
times["render + write (all formats)"] = time.perf_counter() - t
written = [p for p in Path(sys.argv[1]).rglob("*") if p.is_file()]
times["report files"] = len(written)
times["report MiB"] = sum(p.stat().st_size for p in written) / 2**20
print(json.dumps(times))
"""


def phases(folder: Path) -> dict:
    """The parts of a run with one page changed, timed in one process.

    The edit differs from bench()'s, so the page is extracted again and the checker's verdicts
    for what it states are worked out again, as in a real run after an edit; the page is restored.
    """
    env = _env()
    target = _changed_page(folder)
    original = target.read_bytes()
    try:
        corpus.change_one(folder, "In 2025 the agency closed 9 field offices. ")
        out = subprocess.run(
            [sys.executable, "-c", _PHASES, str(folder / "report")], cwd=folder, env=env, capture_output=True, text=True
        )
    finally:
        target.write_bytes(original)
    if out.returncode != 0:
        raise SystemExit(f"the phase timing failed:\n{out.stderr}")
    return {k: round(v, 2) for k, v in json.loads(out.stdout).items()}


def machine() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    mem = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), {model}, {int(mem) / 2**20:.0f} GiB RAM, load {load:.1f}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[2])
    parser.add_argument("--work", type=Path, default=Path("/tmp/claimcheck-bench"))
    parser.add_argument("--format", dest="formats", action="append", default=[],
                        help="report format to write (repeat; default: all, as `claimcheck run`)")
    parser.add_argument("--phases", action="store_true",
                        help="also time the parts of a run with one page changed, in one process")
    parser.add_argument("--json", action="store_true", help="print one JSON object per measurement")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    snapshot(args.work)
    print(f"machine: {machine()}")
    for n in args.documents:
        folder = ensure_corpus(args.work, n)
        size = int((folder / ".complete").read_text())
        for jobs in args.jobs:
            r = bench(folder, jobs, args.formats)
            if args.json:
                print(json.dumps({"documents": n, "mb": round(size / 1e6, 1), "jobs": jobs, **r}))
            else:
                print(
                    f"{n:>7,} docs {size / 1e6:5.1f} MB --jobs {jobs}: "
                    + "  ".join(f"{k} {r[k]['seconds']:.1f} s (cpu {r[k]['cpu_seconds']:.0f} s, peak {r[k]['peak_mib']} MiB)" for k in ("cold", "warm", "one_changed"))
                    + f"  [{r['claims'] or '?'} claims, cache {r['cache_mib']} MiB{', formats ' + ','.join(args.formats) if args.formats else ''}]",
                    flush=True,
                )
        if args.phases:
            print(f"{n:>7,} docs, one page changed, in one process: {json.dumps(phases(folder))}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
