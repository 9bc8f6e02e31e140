"""Throughput of extraction on generated, realistic text: text → claims, and HTML → text with offsets.

Run from the repository root (outside the default test run):

    python3 benchmarks/extract.py                 # 24 MB of text; quantulum3 on its first 2 MB
    python3 benchmarks/extract.py --mb 4          # a smaller, faster run
    python3 benchmarks/extract.py --quantulum-mb 24   # quantulum3 on all of it (about half an hour)

The text imitates agency fact pages: paragraphs of prose with a figure every few sentences (hedges,
currencies, percentages, spelled-out numbers, ranges, lists), headings, bullet lists, dates, phone numbers
and statute names, and now and then a plain-text table. The same text is handed to quantulum3 (installed
by hand for this benchmark only: `pip install quantulum3`), and the ratio of the two throughputs is printed.
quantulum3 reads about 20 kB/s, so by default it gets the first 2 MB of the same text.
Everything runs on one core, in one process; times are CPU times (time.process_time), so other work on the
machine slows the numbers less than it would wall-clock times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from claimcheck.claims.extract import VersionContext, extract_claims  # noqa: E402
from claimcheck.claims.quantities import find_quantities  # noqa: E402
from claimcheck.claims.text import extract_html, extract_plain  # noqa: E402
from claimcheck.config import ExtractionSettings, Rename, SubjectSpec  # noqa: E402

AGENCIES = [
    ("Federal Wildland Fire Service", "FWFS"),
    ("Homeland Security Investigations", "HSI"),
    ("Enforcement and Removal Operations", "ERO"),
    ("Northbridge Transit Authority", "NTA"),
    ("Harbor City Port Authority", "HCPA"),
    ("Office of the Principal Legal Advisor", "OPLA"),
]
NOUNS = [
    "employees", "special agents", "offices", "field offices", "cases", "removal orders", "statutes", "buses",
    "rail cars", "stations", "inspections", "arrests", "grants", "schools", "branches", "volunteers",
    "cardholders", "passengers", "containers", "vessels", "investigations", "training hours", "detention beds",
]  # fmt: skip
HEDGES = ["", "", "", "more than ", "over ", "about ", "approximately ", "nearly ", "almost ", "at least ",
          "roughly ", "up to ", "fewer than ", "some ", "well over ", "just under "]  # fmt: skip
VERBS = ["has", "employs", "operates", "manages", "reported", "handled", "counted", "opened", "closed", "processed"]
PERIODS = ["", "", "in FY 2019", "in fiscal year 2021", "in 2022", "so far this fiscal year", "as of June 30, 2023",
           "in the first nine months of 2023", "last year", "in FY19"]  # fmt: skip
FILLER = [
    "The office works closely with state, local and tribal partners to protect the public.",
    "Investigators follow leads across borders and share what they learn with other agencies.",
    "The program was redesigned to make applications simpler and decisions faster.",
    "Managers track performance measures and report them to the leadership every quarter.",
    "Officers are assigned to field offices, headquarters units and joint task forces.",
    "The service publishes guidance for the public, for employers and for local governments.",
    "Its legal staff advise on contracts, ethics, personnel matters and litigation.",
    "A hotline takes reports from the public at any hour, in several languages.",
    "Training covers investigative techniques, officer safety, ethics and the law.",
    "The directorate relies on modern information systems to manage its caseload.",
    "Community outreach teams explain the agency's work at schools and public meetings.",
    "Grants help local partners buy equipment, train staff and share information.",
    "Its programs are reviewed every year by an independent board, which publishes its findings.",
    "Staff members receive training in investigative techniques, ethics and customer service.",
    "The agency coordinates with other federal departments on policy, planning and emergency response.",
    "Questions about eligibility, fees and deadlines are answered on the program's website.",
    "Regional teams respond to incidents, support local officials and keep records of every case.",
    "The directorate's mission includes prevention, enforcement, outreach and long-range planning.",
    "Partnerships with universities help the service test new equipment and methods in the field.",
]  # fmt: skip
TRAPS = [
    "For assistance call 1-800-555-0143 or (202) 555-0147.",
    "The program operates under Title 19 of U.S. Code 1401 and Section 287(g).",
    "Last Reviewed/Updated: 05/13/2020",
    "The Performance-Based National Detention Standards 2011 (PBNDS 2011) remain in force.",
    "COVID-19 guidance was updated on March 3, 2021.",
    "Visit us at 500 12th St SW, Washington, DC 20536.",
]  # fmt: skip


def _figure(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.55:
        n = rng.choice([rng.randint(2, 99), rng.randint(100, 999), rng.randint(1, 99) * 100, rng.randint(1000, 99999)])
        return f"{rng.choice(HEDGES)}{n:,} {rng.choice(NOUNS)}"
    if kind < 0.7:
        return f"{rng.choice(HEDGES)}${rng.randint(1, 99)}.{rng.randint(1, 9)} {rng.choice(['million', 'billion'])}"
    if kind < 0.8:
        return f"{rng.randint(1, 99)} percent of its {rng.choice(NOUNS)}"
    if kind < 0.88:
        return f"{rng.choice(['six', 'twelve', 'twenty-six', 'forty', 'a dozen', 'hundreds of'])} {rng.choice(NOUNS)}"
    if kind < 0.94:
        lo = rng.randint(10, 500)
        return f"between {lo} and {lo + rng.randint(5, 100)} {rng.choice(NOUNS)}"
    return f"{rng.choice(HEDGES)}{rng.randint(100, 9999):,} {rng.choice(NOUNS)}, {rng.randint(10, 999)} {rng.choice(NOUNS)} and {rng.randint(10, 999)} {rng.choice(NOUNS)}"


def _paragraph(rng: random.Random) -> str:
    sentences = []
    # About one sentence in seven carries a figure and one in twenty-five a trap (a phone number, a date, a
    # statute): the density of the agency pages claimcheck reads (the seeds: a claim every ~600 characters).
    for _ in range(rng.randint(2, 6)):
        r = rng.random()
        if r < 0.15:
            name, abbr = rng.choice(AGENCIES)
            who = rng.choice([name, abbr, "The agency", "It"])
            period = rng.choice(PERIODS)
            sentences.append(f"{who} {rng.choice(VERBS)} {_figure(rng)}{' ' + period if period else ''}.")
        elif r < 0.19:
            sentences.append(rng.choice(TRAPS))
        else:
            sentences.append(rng.choice(FILLER))
    return " ".join(sentences)


def _table(rng: random.Random) -> str:
    rows = ["  Program                 FY 2022     FY 2023"]
    for name in ("Operations", "Training", "Facilities", "Total"):
        rows.append(f"  {name:<22}{rng.randint(100, 9999):>9,}.{rng.randint(0, 9)}{rng.randint(100, 9999):>9,}.{rng.randint(0, 9)}")
    return "Spending by program (dollars in millions)\n\n" + "\n".join(rows) + "\n\n  Dollars in millions."


def generate_document(rng: random.Random, size: int = 20_000) -> str:
    """One plain-text page of about ``size`` characters."""
    name, abbr = rng.choice(AGENCIES)
    parts = [f"{name} ({abbr})", f"Last Updated: {rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/20{rng.randint(10, 23)}"]
    total = sum(len(p) for p in parts)
    while total < size:
        r = rng.random()
        if r < 0.1:
            part = rng.choice(["Who We Are", "Budget and Performance", "Workforce", "Field Operations"])
        elif r < 0.2:
            part = "\n".join(f"- {_paragraph(rng).split('. ')[0].rstrip('.')}." for _ in range(rng.randint(2, 5)))
        elif r < 0.22:
            part = _table(rng)
        else:
            part = _paragraph(rng)
        parts.append(part)
        total += len(part) + 2
    return "\n\n".join(parts) + "\n"


def to_html(doc: str) -> str:
    """The same page as HTML, with the boilerplate real pages carry."""
    body = []
    for block in doc.split("\n\n"):
        if block.startswith("- "):
            body.append("<ul>" + "".join(f"<li>{line[2:]}</li>" for line in block.splitlines()) + "</ul>")
        elif len(block) < 40 and "." not in block:
            body.append(f"<h2>{block}</h2>")
        else:
            body.append(f'<p class="body">{block}</p>')
    head = (
        '<!doctype html><html><head><meta charset="utf-8"><title>Page</title>'
        "<style>body{margin:0;font:16px/1.5 Georgia,serif}.nav a{padding:4px 8px}</style>"
        '<script>window.dataLayer=[{"page":1234,"section":"about"}];</script></head><body>'
        '<header class="nav"><a href="#">Home</a><a href="#">About</a><a href="#">Contact</a></header><main>'
    )
    return head + "\n".join(body) + "</main><footer><p>&copy; 2024 &middot; 1-800-555-0143</p></footer></body></html>"


SETTINGS = ExtractionSettings(
    subjects=tuple(SubjectSpec(abbr, (name,)) for name, abbr in AGENCIES)
    + (SubjectSpec("ERO2", (), (Rename("Detention and Removal Operations", "DRO", dt.date(2010, 6, 1)),)),),
    measures=(("employees", ("staff", "personnel")), ("annual budget", ("budget",))),
)


def _rate(nbytes: int, seconds: float) -> float:
    return nbytes / seconds / 1e6 if seconds > 0 else float("inf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=24.0, help="megabytes of text to generate (default 24)")
    parser.add_argument("--seed", type=int, default=20240209)
    parser.add_argument("--quantulum-mb", type=float, default=2.0, help="megabytes quantulum3 reads (default 2)")
    parser.add_argument("--no-quantulum", action="store_true", help="skip quantulum3")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    docs: list[str] = []
    total = 0
    while total < args.mb * 1e6:
        d = generate_document(rng)
        docs.append(d)
        total += len(d.encode("utf-8"))
    print(f"generated {len(docs)} documents, {total / 1e6:.1f} MB of text")

    # text → claims, the whole of extraction: plain-text blocks, quantities, subjects, measures, periods, tables
    ctx = VersionContext("bench", "v", "bench.txt", dt.date(2023, 10, 30))
    extracted = [extract_plain(d) for d in docs]
    t0 = time.process_time()
    n_claims = sum(len(extract_claims(x, ctx, SETTINGS)) for x in extracted)
    t_claims = time.process_time() - t0
    t0 = time.process_time()
    for d in docs:
        extract_claims(extract_plain(d), ctx, SETTINGS)
    t_text_claims = time.process_time() - t0
    t0 = time.process_time()
    n_mentions = sum(len(find_quantities(d)) for d in docs)
    t_quantities = time.process_time() - t0
    print(f"extract_claims (ExtractedText → claims): {_rate(total, t_claims):6.2f} MB/s  ({n_claims} claims)")
    print(f"plain text → claims (extract_plain too): {_rate(total, t_text_claims):6.2f} MB/s")
    print(f"find_quantities alone:                   {_rate(total, t_quantities):6.2f} MB/s  ({n_mentions} quantities)")

    html = [to_html(d) for d in docs]
    html_bytes = sum(len(h.encode("utf-8")) for h in html)
    t0 = time.process_time()
    for h in html:
        extract_html(h)
    t_html = time.process_time() - t0
    print(f"HTML → text with offsets (extract_html): {_rate(html_bytes, t_html):6.2f} MB/s  ({html_bytes / 1e6:.1f} MB)")

    if args.no_quantulum:
        return 0
    try:
        import warnings

        warnings.filterwarnings("ignore", module="quantulum3")
        from quantulum3 import parser as qparser
    except ImportError:
        print("quantulum3 is not installed (pip install quantulum3): no comparison")
        return 0
    sample, size = [], 0
    for d in docs:
        if size >= args.quantulum_mb * 1e6:
            break
        sample.append(d)
        size += len(d.encode("utf-8"))
    sample_bytes = sum(len(d.encode("utf-8")) for d in sample)
    t0 = time.process_time()
    n_q = 0
    for d in sample:
        n_q += len(qparser.parse(d))
    t_q = time.process_time() - t0
    ours = _rate(total, t_claims)
    theirs = _rate(sample_bytes, t_q)
    print(f"quantulum3 parse (the first {sample_bytes / 1e6:.1f} MB of the same text): {theirs:6.3f} MB/s  ({n_q} quantities)")
    print(f"claimcheck extract_claims / quantulum3: {ours / theirs:.0f}×  (find_quantities alone: {_rate(total, t_quantities) / theirs:.0f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
