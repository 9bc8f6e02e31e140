"""Synthetic corpora for the performance benchmarks: N sources × V dated versions of ~5 KB HTML pages.

    python3 benchmarks/corpus.py OUT --documents 10000 [--versions 10] [--seed 1]
    python3 benchmarks/corpus.py OUT --change-one      # edit one figure in one page (the "one changed" run)

The pages imitate agency "about us" pages captured by an archive over the years: a file per
capture, named by its date, in one folder per source (``versions = "folder:pages/s00042"``).
Behind them is one world: a dozen agencies whose figures (staff, budget, offices, …) move every
year or so. Each source states a handful of them, so sources agree with each other; a page is
revised now and then and otherwise recaptured unchanged (stale repeats: byte-identical files under
new dates), it lags behind the world (changes over time, stale figures), and a few sources state
a figure that is simply wrong for its period (conflicts). Each page carries the boilerplate real
pages do (head, styles, script, navigation, footer), so files are about 5 KB and a little under
half of the bytes are text.

Deterministic for a seed. Not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

AGENCIES = (
    ("Federal Wildland Fire Service", "FWFS"),
    ("Homeland Security Investigations", "HSI"),
    ("Enforcement and Removal Operations", "ERO"),
    ("Northbridge Transit Authority", "NTA"),
    ("Harbor City Port Authority", "HCPA"),
    ("Office of the Principal Legal Advisor", "OPLA"),
    ("National Seed Bank Service", "NSBS"),
    ("Coastal Survey Administration", "CSA"),
    ("Rural Broadband Office", "RBO"),
    ("State Archives Bureau", "SAB"),
    ("Metropolitan Water Board", "MWB"),
    ("Bureau of Mine Safety", "BMS"),
)
# measure, how a sentence states it, base value, yearly drift
MEASURES = (
    ("employees", "{who} employs {v} people", 9_000, 0.06),
    ("annual budget", "{who} has an annual budget of {v}", 5.7e9, 0.08),
    ("offices", "{who} operates {v} offices", 220, 0.04),
    ("vehicles", "{who} maintains a fleet of {v} vehicles", 1_400, 0.05),
    ("volunteers", "{who} is supported by {v} volunteers", 3_200, 0.10),
    ("inspections", "{who} completed {v} inspections", 41_000, 0.07),
    ("grants", "{who} awarded {v} grants", 650, 0.09),
    ("countries", "{who} has staff in {v} countries", 48, 0.03),
)
MEASURE_SYNONYMS = {"employees": ["personnel", "staff", "people"], "annual budget": ["budget"]}
HEDGES = ("", "", "", "more than ", "about ", "approximately ", "nearly ", "over ")
FILLER = (
    "The office works closely with state, local and tribal partners to protect the public.",
    "Its programs are reviewed every year by an independent board, which publishes its findings.",
    "Staff members receive training in investigative techniques, ethics and customer service.",
    "The agency coordinates with other federal departments on policy, planning and emergency response.",
    "Questions about eligibility, fees and deadlines are answered on the program's website.",
    "Regional teams respond to incidents, support local officials and keep records of every case.",
    "The directorate's mission includes prevention, enforcement, outreach and long-range planning.",
    "Partnerships with universities help the service test new equipment and methods in the field.",
    "Public meetings are announced on this page at least two weeks in advance.",
    "Reports and data sets are published under an open licence and may be reused with attribution.",
    "The leadership team sets priorities each spring after consulting employees and stakeholders.",
    "Applications are reviewed in the order in which they are received.",
    "Accessibility requests can be made by e-mail or by telephone during business hours.",
    "Historic records are kept in the reading room and may be consulted by appointment.",
    "A strategic plan guides investments in people, technology and facilities.",
    "Field guides, maps and checklists are available for download in several languages.",
    "Volunteers help with outreach events, school visits and the yearly open day at headquarters.",
    "The inspector general audits contracts and reports to the oversight committees of both chambers.",
    "New employees spend their first weeks shadowing experienced colleagues before they work alone.",
    "Complaints are acknowledged within five working days and answered in writing.",
    "Procurement rules favour small businesses and suppliers from the communities the agency serves.",
    "The advisory council brings together scientists, local officials and members of the public.",
    "Safety briefings are held before every field season and after every serious incident.",
    "Data on the agency's work is released each quarter, together with notes on how it was collected.",
    "Most services can now be requested online, and paper forms remain available at every office.",
    "The agency's records schedule says how long each kind of document is kept and when it is destroyed.",
    "Interns from community colleges join the regional teams every summer.",
    "Emergency contacts are listed on the back of every permit and on the agency's mobile application.",
    "Each district keeps a public calendar of hearings, site visits and community listening sessions.",
    "The agency answers requests under the Freedom of Information Act through an online portal.",
    "Environmental reviews are completed before any new building or road is approved.",
    "Grant recipients report on their progress twice a year and publish their results.",
    "The training academy offers courses in leadership, negotiation and incident command.",
    "Maps of the agency's facilities, with opening hours and directions, are updated every month.",
)  # fmt: skip
NEWS = (
    "The agency published its annual report.",
    "A new regional office opened to the public.",
    "The director testified before the appropriations subcommittee.",
    "Updated guidance for applicants was released.",
    "The agency launched a redesigned website.",
    "A partnership agreement was signed with the state university.",
)
HEADINGS = ("Who We Are", "Our Mission", "Workforce", "Budget and Performance", "Field Operations", "Contact Us")
HEAD = (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    "<style>body{{margin:0;font:16px/1.5 Georgia,serif;color:#222}}.nav a{{padding:4px 8px;color:#036}}"
    ".nav{{background:#eef}}main{{max-width:44em;margin:auto}}footer{{font-size:small;color:#555}}</style>\n"
    '<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"page":"{sid}","section":"about",'
    '"template":"agency-profile-v3"}});</script>\n</head><body>\n'
    '<header class="nav"><a href="/">Home</a><a href="/about">About</a><a href="/news">News</a>'
    '<a href="/data">Data</a><a href="/careers">Careers</a><a href="/contact">Contact</a></header>\n<main>\n'
)
FOOT = (
    "</main>\n<footer><p>&copy; {year} {name} &middot; 1-800-555-0143 &middot; "
    '<a href="/privacy">Privacy</a> &middot; <a href="/foia">FOIA</a> &middot; '
    '<a href="/accessibility">Accessibility</a></p></footer>\n</body></html>\n'
)
START = dt.date(2015, 1, 1)


def _truth(rng: random.Random) -> dict[tuple[str, str], list[float]]:
    """Each agency's figure for each measure in each year 2014..2026 (index 0 = 2014)."""
    world = {}
    for _, abbr in AGENCIES:
        for measure, _, base, drift in MEASURES:
            value = base * rng.uniform(0.4, 2.5)
            series = []
            for _ in range(13):
                if rng.random() < 0.6:  # figures move most years
                    value *= 1 + rng.uniform(-drift, 2 * drift)
                series.append(value)
            world[(abbr, measure)] = series
    return world


def _round(measure: str, value: float) -> float:
    if measure == "annual budget":
        return round(value / 1e8) * 1e8
    digits = len(str(int(value)))
    step = 10 ** max(0, digits - 2)
    return round(value / step) * step


def _say(measure: str, value: float, hedge: str) -> str:
    if measure == "annual budget":
        billions = value / 1e9
        return f"{hedge}${billions:.1f} billion"
    return f"{hedge}{int(value):,}"


class _Page:
    """One source: which agency, which facts, how often it is revised, whether it errs."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        self.sid = f"s{index:05d}"
        self.name, self.abbr = rng.choice(AGENCIES)
        self.facts = rng.sample([m for m, *_ in MEASURES], rng.randint(5, 7))
        self.hedges = {m: rng.choice(HEDGES) for m in self.facts}
        self.fy_fact = rng.choice(self.facts)  # stated with its fiscal year: changes and stale figures
        self.revise = rng.uniform(0.25, 0.7)  # chance a capture shows a revised page
        self.wrong = rng.random() < 0.08  # this source gets one figure wrong: conflicts
        self.filler = rng.sample(FILLER, 26)
        self.body: str | None = None

    def capture(self, date: dt.date, world: dict) -> str:
        """The page as captured on ``date``: the last revision, or a new one."""
        if self.body is None or self.rng.random() < self.revise:
            self.body = self._revision(date, world)
        return self.body

    def _revision(self, date: dt.date, world: dict) -> str:
        rng = self.rng
        year = min(date.year, 2026) - rng.choice((0, 0, 0, 1, 2))  # pages lag behind the world
        sentences = []
        for measure in self.facts:
            template = next(t for m, t, *_ in MEASURES if m == measure)
            value = _round(measure, world[(self.abbr, measure)][year - 2014])
            if self.wrong and measure == self.facts[0]:
                value = _round(measure, value * 1.6)
            who = rng.choice((self.name, self.abbr, f"Today {self.abbr}"))
            text = template.format(who=who, v=_say(measure, value, self.hedges[measure]))
            if measure == self.fy_fact:
                text = f"In fiscal year {year - 1}, " + text[0].lower() + text[1:] if who != self.name else text
            sentences.append(text + ".")
        paragraphs = [
            f"{self.name} ({self.abbr}) is a federal agency. " + " ".join(self.filler[:2]),
            sentences[0] + " " + self.filler[2] + " " + sentences[1],
            " ".join(self.filler[3:5]) + " " + sentences[2],
        ]
        items = sentences[3:]
        closing = [" ".join(self.filler[k : k + 4]) for k in range(5, 26, 4)]
        news = []
        for k in range(3):
            day = date - dt.timedelta(days=rng.randint(30, 700))
            news.append(f"<li><time>{day:%B} {day.day}, {day.year}</time> \u2014 {rng.choice(NEWS)}</li>\n")
        updated = date - dt.timedelta(days=rng.randint(0, 40))
        parts = [HEAD.format(title=f"About {self.name}", sid=self.sid), f"<h1>About {self.name}</h1>\n"]
        parts.append(f"<p class=\"meta\">Last Updated: {updated:%B} {updated.day}, {updated.year}</p>\n")
        parts.append(f"<h2>{HEADINGS[0]}</h2>\n")
        parts.extend(f"<p>{p}</p>\n" for p in paragraphs)
        parts.append(f"<h2>{rng.choice(HEADINGS[1:5])}</h2>\n<ul>\n")
        parts.extend(f"<li>{s}</li>\n" for s in items)
        parts.append("</ul>\n")
        parts.append(f"<h2>{HEADINGS[5]}</h2>\n")
        parts.extend(f"<p>{p}</p>\n" for p in closing)
        parts.append("<h2>Recent News</h2>\n<ul class=\"news\">\n" + "".join(sorted(news, reverse=True)) + "</ul>\n")
        parts.append(FOOT.format(year=updated.year, name=self.name))
        return "".join(parts)


def generate(out: Path, documents: int, versions: int = 10, seed: int = 1) -> int:
    """Write ``documents`` pages (``versions`` per source) and claimcheck.toml under ``out``; the byte total."""
    rng = random.Random(seed)
    world = _truth(rng)
    sources = max(1, documents // versions)
    config = ['resolutions = "claimcheck-resolutions.toml"', ""]
    for name, abbr in AGENCIES:
        config += [f"[subjects.{abbr}]", f'aliases = ["{name}"]', ""]
    config += ["[measures]"] + [f'"{m}" = {v!r}'.replace("'", '"') for m, v in MEASURE_SYNONYMS.items()] + [""]
    total = written = 0
    for i in range(sources):
        page = _Page(rng, i)
        folder = out / "pages" / page.sid
        folder.mkdir(parents=True, exist_ok=True)
        n = versions if i < sources - 1 else documents - written  # the last source takes the remainder
        day = START + dt.timedelta(days=rng.randint(0, 400))
        for _ in range(n):
            data = page.capture(day, world).encode("utf-8")
            (folder / f"{day.isoformat()}.html").write_bytes(data)
            total += len(data)
            day += dt.timedelta(days=rng.randint(120, 260))
        written += n
        config += [
            "[[source]]",
            f'id = "{page.sid}"',
            f'title = "About {page.name}"',
            f'url = "https://example.gov/{page.sid}/about"',
            f'versions = "folder:pages/{page.sid}"',
            "",
        ]
    (out / "claimcheck.toml").write_text("\n".join(config), encoding="utf-8")
    return total


def change_one(out: Path, sentence: str = "In 2024 the agency opened 17 new field offices. ") -> Path:
    """Add ``sentence`` (a figure) to one page (the middle source's latest capture); the file changed."""
    folders = sorted(p for p in (out / "pages").iterdir() if p.is_dir())
    target = sorted(folders[len(folders) // 2].glob("*.html"))[-1]
    text = target.read_text(encoding="utf-8")
    marker = "<li>"
    at = text.index(marker) + len(marker)
    target.write_text(text[:at] + sentence + text[at:], encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (created)")
    parser.add_argument("--documents", type=int, default=1000, help="number of pages (default 1000)")
    parser.add_argument("--versions", type=int, default=10, help="versions per source (default 10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--change-one", action="store_true", help="edit one page of an existing corpus")
    args = parser.parse_args(argv)
    if args.change_one:
        print(f"changed {change_one(args.out)}")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    total = generate(args.out, args.documents, args.versions, args.seed)
    print(f"{args.documents:,} documents, {total / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
