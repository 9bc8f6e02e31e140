"""Periods a sentence names: fiscal years, calendar years, "as of" dates, "so far this fiscal year"."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import attrs

from claimcheck.claims.model import Period

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))


@attrs.frozen
class PeriodMention:
    start: int
    end: int
    period: Period
    explicit: bool = True  # False for periods that only make sense against a date ("this fiscal year")


def fiscal_year(year: int, start: tuple[int, int] = (10, 1)) -> Period:
    """The fiscal year named ``year``; with the US start (10-01) FY2019 is 2018-10-01 … 2019-09-30."""
    month, day = start
    if (month, day) == (1, 1):
        return Period(f"FY{year}", dt.date(year, 1, 1), dt.date(year, 12, 31))
    begin = dt.date(year - 1, month, day)
    end = dt.date(year, month, day) - dt.timedelta(days=1)
    return Period(f"FY{year}", begin, end)


def fiscal_year_of(day: dt.date, start: tuple[int, int] = (10, 1)) -> int:
    """The fiscal year a date falls in."""
    month, d = start
    if (month, d) == (1, 1):
        return day.year
    return day.year + 1 if (day.month, day.day) >= (month, d) else day.year


def calendar_year(year: int) -> Period:
    return Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))


def _year(text: str) -> int:
    y = int(text)
    if y < 100:
        y += 2000 if y < 69 else 1900
    return y


# "fiscal year FY 2017" and "Fiscal Year 2010 (FY10)" each name one period: the alternatives are ordered
# longest first so the whole phrase is one mention.
_FY = re.compile(
    r"\b(?:fiscal\s+years?\s+)?(?:FY\s?'?(?P<fy>\d{4}|\d{2})|fiscal\s+years?\s+(?P<fyl>\d{4}))"
    r"(?:\s*\(\s*FY\s?'?\d{2,4}\s*\))?(?![\w-])",
    re.IGNORECASE,
)
_CAL = re.compile(
    r"\b(?P<prep>in|during|for|throughout|calendar\s+year|in\s+calendar\s+year|CY)\s+(?P<year>(?:19|20)\d{2})\b(?![\w-])",
    re.IGNORECASE,
)
_AS_OF = re.compile(
    rf"\bas\s+of\s+(?:(?P<month>{_MONTH_RE})\.?\s+(?:(?P<day>\d{{1,2}}),?\s+)?)?(?P<year>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
_THIS_FY = re.compile(r"\b(?:so\s+far\s+)?(?:this|the\s+current)\s+fiscal\s+year(?:\s+to\s+date)?\b", re.IGNORECASE)
_THE_FY = re.compile(r"\b(?:in|during)\s+the\s+fiscal\s+year\b", re.IGNORECASE)


def find_periods(
    text: str, *, version_date: dt.date | None = None, fiscal_start: tuple[int, int] = (10, 1)
) -> list[PeriodMention]:
    """Every period ``text`` names, in text order, non-overlapping."""
    found: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], period: Period, explicit: bool = True) -> None:
        if any(m.start() < e and s < m.end() for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        found.append(PeriodMention(m.start(), m.end(), period, explicit))

    for m in _FY.finditer(text):
        add(m, fiscal_year(_year(m.group("fy") or m.group("fyl")), fiscal_start))
    for m in _AS_OF.finditer(text):
        year = int(m.group("year"))
        month = m.group("month")
        if month:
            mo = _MONTHS[month.lower()]
            last = calendar.monthrange(year, mo)[1]
            day = int(m.group("day")) if m.group("day") else last
            if not 1 <= day <= last:
                continue
            end = dt.date(year, mo, day)
            label = f"as of {end.isoformat()}" if m.group("day") else f"as of {year}-{mo:02d}"
        else:
            end, label = dt.date(year, 12, 31), f"as of {year}"
        add(m, Period(label, end, end))
    for m in _CAL.finditer(text):
        add(m, calendar_year(int(m.group("year"))))
    if version_date is not None:
        for m in _THIS_FY.finditer(text):
            fy = fiscal_year(fiscal_year_of(version_date, fiscal_start), fiscal_start)
            add(m, Period(f"{fy.label} to {version_date.isoformat()}", fy.start, version_date), explicit=False)
    found.sort(key=lambda p: p.start)
    return found


def resolve_the_fiscal_year(text: str, context: Period | None, fiscal_start: tuple[int, int]) -> Period | None:
    """"in the fiscal year" means the fiscal year of the year in context (an "In 2017" earlier in the passage)."""
    if context is None or not _THE_FY.search(text):
        return None
    if context.label.startswith("FY"):
        return context
    if re.fullmatch(r"\d{4}", context.label):
        return fiscal_year(int(context.label), fiscal_start)
    return None
