"""Atheris harness: bytes → parse_document → extract_claims → check, for every document kind.

The first input byte picks the kind (html, markdown, text, pdf) and whether the version is dated;
the rest is the file. The only exception allowed out of the pipeline is LoadError, claimcheck's
own input error for a file it cannot use — and not even that when its reason is "parser
failure", the loader's safety net catching a bug in one of our parsers. One exception to that:
pdfminer.six is not hardened against malformed files and raises TypeError, KeyError and the like
on some; the loader reports them as "parser failure" (the version is listed as unreadable), and
this harness counts them rather than stopping. Anything else is a crash.

    python3 fuzz/seed_corpus.py                     # fuzz/corpus from ../shared/seeds
    python3 fuzz/fuzz_pipeline.py fuzz/corpus -atheris_runs=1000000 -max_len=512 -timeout=30
"""

from __future__ import annotations

import atexit
import collections
import datetime as dt
import os
import signal
import sys
from pathlib import Path

import atheris

# CLAIMCHECK_FUZZ_INSTRUMENT: module prefixes to instrument for coverage, comma-separated. The
# default is all of claimcheck; "claimcheck.claims.load,claimcheck.claims.encoding,…" steers a
# cheaper worker at the loader alone while the rest of the pipeline still runs uninstrumented.
INSTRUMENT = [m for m in os.environ.get("CLAIMCHECK_FUZZ_INSTRUMENT", "claimcheck").split(",") if m]

with atheris.instrument_imports(include=INSTRUMENT):
    from claimcheck.checker.check import check
    from claimcheck.checker.model import CheckerSettings
    from claimcheck.claims.extract import VersionContext, extract_claims
    from claimcheck.claims.load import LoadError, parse_document
    from claimcheck.config import load_settings

REPO = Path(__file__).resolve().parents[1]
EXTRACTION = load_settings(REPO / "examples" / "ice" / "claimcheck.toml", REPO).extraction
CHECKER = CheckerSettings()
KINDS = ("html", "markdown", "text", "pdf")
TALLY: collections.Counter[str] = collections.Counter()
PDF_SECONDS = 5  # the loader runs pdfminer in a child process with a time limit; here, an alarm


class PdfTimeout(Exception):
    """pdfminer ran past PDF_SECONDS on one input."""


def _alarm(signum, frame):
    raise PdfTimeout(f"pdfminer ran for more than {PDF_SECONDS} s")


def run_one(data: bytes) -> None:
    if not data:
        return
    kind = KINDS[data[0] % 4]
    date = dt.date(2020, 5, 13) if data[0] & 4 else None
    TALLY["inputs"] += 1
    if kind == "pdf":
        # In process, for speed and coverage; an alarm stands in for the loader's time limit.
        signal.setitimer(signal.ITIMER_REAL, PDF_SECONDS)
    try:
        doc = parse_document(data[1:], path=f"fuzz.{kind}", kind=kind)
    except LoadError as exc:
        if exc.reason.startswith("parser failure"):
            if kind != "pdf":
                raise AssertionError(f"a parser failed on a {kind} file: {exc.reason}") from exc.__cause__
            TALLY[f"pdfminer {exc.reason.split(':')[1].strip()}"] += 1
        TALLY["unreadable"] += 1
        return
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    ctx = VersionContext(source="fuzz", version="v", path=f"fuzz.{kind}", date=date or doc.detected_date.date, subject="ICE")
    claims = extract_claims(doc.extracted, ctx, EXTRACTION)
    text = doc.extracted.text
    for c in claims:
        if text[c.evidence.start : c.evidence.end] != c.evidence.quote:
            raise AssertionError(f"evidence {c.evidence.start}:{c.evidence.end} is not its quote {c.evidence.quote!r}")
    check(claims, CHECKER)
    TALLY["read"] += 1
    TALLY["claims"] += len(claims)


@atexit.register
def _report() -> None:
    print("fuzz_pipeline tally: " + ", ".join(f"{k}={v}" for k, v in sorted(TALLY.items())), file=sys.stderr)


def main() -> None:
    signal.signal(signal.SIGALRM, _alarm)
    atheris.Setup(sys.argv, run_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
