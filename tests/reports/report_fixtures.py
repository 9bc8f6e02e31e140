"""Hand-built RunResults that exercise every part of the reports (a distinct module name, so
`from report_fixtures import …` never picks up another directory's conftest)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import attrs

from claimcheck.checker.model import Change, Finding
from claimcheck.claims.model import Claim, Evidence, Interval, Period, Quantity, Source, Version
from claimcheck.result import RunResult, Unreadable

D = dt.date
FY2010 = Period("FY2010", D(2009, 10, 1), D(2010, 9, 30))

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_SVG = '"><svg onload=alert(1)>'
HOSTILE_URL = "javascript:alert(1)"


def make_claim(
    cid: str,
    source: str,
    version: str,
    path: str,
    subject: str,
    measure: str,
    quantity: Quantity,
    quote: str,
    sentence: str,
    *,
    version_date: dt.date | None,
    period: Period | None = None,
    scope: str | None = None,
    start: int = 0,
    line: int = 1,
) -> Claim:
    at = sentence.find(quote)
    return Claim(
        id=cid,
        source=source,
        version=version,
        path=path,
        subject=subject,
        measure=measure,
        scope=scope,
        value=quantity,
        period=period,
        as_of=period.end if period else version_date,
        evidence=Evidence(
            quote=quote,
            sentence=sentence,
            start=start + max(at, 0),
            end=start + max(at, 0) + len(quote),
            line=line,
            column=max(at, 0) + 1,
        ),
        version_date=version_date,
    )


def more_than_5_7_bn() -> Quantity:
    return Quantity(5.7e9, "USD", "lower", Interval(5.7e9, None, False, True), Interval(5.7e9, 5.8e9, False, True))


def approx_8_bn() -> Quantity:
    return Quantity(8e9, "USD", "approx", Interval(7.5e9, 8.5e9), Interval(7.5e9, 8.5e9))


def count(x: float) -> Quantity:
    return Quantity(x, "count", "exact", Interval(x, x), Interval(x, x))


def build_result() -> RunResult:
    """2 sources, 5 claims, a conflict, a change, an agreement, an undated version, an unreadable file."""
    who = Source(
        id="ice-who-we-are",
        title="Who We Are",
        publisher="U.S. Immigration and Customs Enforcement",
        url="https://www.ice.gov/about",
        versions=(
            Version("2010-03-01", D(2010, 3, 1), "text", "who-we-are/2010.html", "a" * 64),
            Version("2020-05-13", D(2020, 5, 13), "html-meta", "who-we-are/2020.html", "b" * 64),
        ),
    )
    sheets = Source(
        id="ice-fact-sheets",
        title="Fact Sheets",
        publisher=None,
        url=None,
        versions=(
            Version("2020-06-01", D(2020, 6, 1), "config", "fact-sheets.txt", "c" * 64),
            Version("what-is-ice", None, "none", "what-is-ice.txt", "d" * 64),
        ),
    )
    c1 = make_claim(
        "c-budget-2010", who.id, "2010-03-01", "who-we-are/2010.html", "ICE", "annual budget",
        more_than_5_7_bn(), "more than $5.7 billion",
        "ICE has an annual budget of more than $5.7 billion in FY2010.",
        version_date=D(2010, 3, 1), period=FY2010, start=100, line=12,
    )
    c2 = make_claim(
        "c-budget-2020", who.id, "2020-05-13", "who-we-are/2020.html", "ICE", "annual budget",
        approx_8_bn(), "approximately $8 billion",
        "The agency has an annual budget of approximately $8 billion, mostly for operations.",
        version_date=D(2020, 5, 13), start=400, line=41,
    )
    c3 = make_claim(
        "c-agents-who", who.id, "2020-05-13", "who-we-are/2020.html", "HSI", "special agents",
        count(7000), "7,000 special agents", "HSI employs 7,000 special agents.",
        version_date=D(2020, 5, 13), start=90, line=30,
    )
    c4 = make_claim(
        "c-agents-sheets", sheets.id, "2020-06-01", "fact-sheets.txt", "HSI", "special agents",
        count(6700), "6,700 special agents", "HSI has 6,700 special agents worldwide.",
        version_date=D(2020, 6, 1), start=10, line=3,
    )
    c5 = make_claim(
        "c-budget-undated", sheets.id, "what-is-ice", "what-is-ice.txt", "ICE", "annual budget",
        Quantity(8e9, "USD", "approx", Interval(7.6e9, 8.4e9), Interval(7.6e9, 8.4e9)),
        "about $8 billion", "Its budget is about $8 billion.",
        version_date=None, start=5, line=2,
    )
    conflict = Finding(
        id="f-conflict", kind="conflict", severity="error", subject="HSI", measure="special agents",
        scope=None, unit="count", period="2020-05-13", claims=(c3.id, c4.id), evidence_digest="e1" * 32,
        message="HSI special agents: 7,000 (Who We Are, 2020-05-13) vs 6,700 (Fact Sheets, 2020-06-01)",
        sources=(sheets.id, who.id),
    )
    change = Finding(
        id="f-change", kind="change", severity="info", subject="ICE", measure="annual budget",
        scope=None, unit="USD", period="FY2010 → 2020-05-13", claims=(c1.id, c2.id),
        evidence_digest="e2" * 32,
        message="ICE annual budget: more than $5.7 billion (FY2010) → approximately $8 billion (2020-05-13), +40 %",
        sources=(who.id,),
        change=Change("up", "more than $5.7 billion", "approximately $8 billion", "FY2010", "2020-05-13",
                      2.3e9, 2.3e9 / 5.7e9),
    )
    agreement = Finding(
        id="f-agreement", kind="agreement", severity="none", subject="ICE", measure="annual budget",
        scope=None, unit="USD", period=None, claims=(c2.id, c5.id), evidence_digest="e3" * 32,
        message="ICE annual budget: approximately $8 billion confirmed by Fact Sheets (undated)",
        sources=(sheets.id, who.id),
    )
    return RunResult(
        sources=(who, sheets),
        claims=(c1, c2, c3, c4, c5),
        # Deliberately not in reading order: the view must sort.
        findings=(agreement, change, conflict),
        unreadable=(Unreadable(sheets.id, "broken.pdf", "not UTF-8 text"),),
    )


def build_hostile_result() -> RunResult:
    """The same run with attacker-controlled text in every field a page could print."""
    r = build_result()
    evil = f"{HOSTILE_SCRIPT} {HOSTILE_SVG}"
    who, sheets = r.sources
    who = attrs.evolve(who, title=f"Who {evil}", publisher=evil, url=HOSTILE_URL,
                       versions=tuple(attrs.evolve(v, path=f"{v.path}{HOSTILE_SVG}") for v in who.versions))
    sheets = attrs.evolve(sheets, id=f"sheets{HOSTILE_SVG}", url=" javascript:alert(2)")
    claims = []
    for c in r.claims:
        ev = c.evidence
        if c.source == "ice-fact-sheets":
            c = attrs.evolve(c, source=sheets.id)
        claims.append(attrs.evolve(
            c,
            subject=c.subject + HOSTILE_SCRIPT,
            scope=HOSTILE_SVG,
            evidence=attrs.evolve(ev, quote=ev.quote + HOSTILE_SCRIPT,
                                  sentence=f"{HOSTILE_SVG} {ev.quote}{HOSTILE_SCRIPT} {evil}"),
        ))
    findings = tuple(
        attrs.evolve(f, message=f.message + evil, subject=f.subject + HOSTILE_SVG,
                     resolution={"note": evil, "decision": "confirmed"} if f.kind == "conflict" else None)
        for f in r.findings
    )
    return RunResult(
        sources=(who, attrs.evolve(sheets, versions=sheets.versions)),
        claims=tuple(claims),
        findings=findings,
        unreadable=(Unreadable(sheets.id, f"x{HOSTILE_SCRIPT}.pdf", evil),),
    )


GOLD = Path(__file__).parent / "gold"
UPDATE_GOLD = os.environ.get("CLAIMCHECK_UPDATE_GOLD") == "1"


def check_gold(name: str, text: str) -> None:
    gold = GOLD / name
    if UPDATE_GOLD:
        gold.parent.mkdir(exist_ok=True)
        gold.write_bytes(text.encode("utf-8"))
    assert gold.exists(), f"no gold file; run with CLAIMCHECK_UPDATE_GOLD=1 to create {gold}"
    assert text == gold.read_bytes().decode("utf-8"), (
        f"{name} differs from {gold}; if the change is intended, regenerate with CLAIMCHECK_UPDATE_GOLD=1"
    )
