"""Extracted text in, claims out: figures with their subject, measure, scope, period and evidence."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import attrs

from claimcheck.claims import measures, periods, subjects
from claimcheck.claims.model import Claim, Evidence, Period
from claimcheck.claims.quantities import QuantityMention, QuantitySettings, find_quantities
from claimcheck.claims.sentences import sentence_spans
from claimcheck.claims.text import Block, ExtractedText
from claimcheck.config import ExtractionSettings


@attrs.frozen
class VersionContext:
    """What extraction knows about the version it reads."""

    source: str
    version: str
    path: str
    date: dt.date | None
    subject: str | None = None  # the source's default subject, if configured


@attrs.frozen
class _Focus:
    subject: str
    scope: str | None = None


@attrs.frozen
class _Frame:
    """Context a heading or list item hands down to what sits under it."""

    level: int
    focus: _Focus | None
    period: Period | None


_PRESENT = re.compile(
    r"\b(?:is|are|has|have|employs|includes|enforces|totals|manages|operates|maintains|comprises|handles|"
    r"serves|represents|oversees|numbers|stands|spans|holds|runs|now)\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b(?:was|were|had|did|continued|arrested|seized|removed|identified|made)\b", re.IGNORECASE)
_PLACES = frozenset({"international", "domestic"})
_OF_WHICH = re.compile(r"^\s+of\s+(?:which|whom|them)\s+(?:(?:were|are|was|is)\s+)?([a-z]+)", re.IGNORECASE)
# "As the principal investigative component of DHS, HSI has …": names in a leading phrase are not the
# sentence's subject.
_LEADING_PHRASE = re.compile(
    r"^(?:As|With|Through|Under|Like|Unlike|Among|Besides|Beyond|Despite|Along\s+with|Alongside|Since|In|"
    r"During|After|Before|When|While|Following|Within|From|By|To|For|At|On|Over)\b[^,]{0,160},"
)


def extract_claims(doc: ExtractedText, ctx: VersionContext, settings: ExtractionSettings) -> tuple[Claim, ...]:
    """Every claim of one version, in text order."""
    text = doc.text
    matcher = subjects.build_matcher(settings, text)
    vocab = measures.vocabulary(settings)
    qsettings = QuantitySettings(
        approx_tolerance=settings.approx_tolerance,
        likely_tolerance=settings.likely_tolerance,
        rounding_cap=settings.rounding_cap,
    )
    fallback = ctx.subject or _title_subject(doc, matcher) or settings.default_subject
    headings: list[_Frame] = []
    items: list[_Frame] = []
    focus: _Focus | None = _Focus(fallback) if fallback else None
    claims: list[Claim] = []
    seen: dict[str, int] = {}

    for block in doc.blocks:
        if block.kind == "heading":
            while headings and headings[-1].level >= block.level:
                headings.pop()
            named = matcher.find(text, block.start, block.end)
            heading_focus = _Focus(named[0].subject) if named else (headings[-1].focus if headings else None)
            found = periods.find_periods(
                text[block.start : block.end], version_date=ctx.date, fiscal_start=settings.fiscal_year_start
            )
            period = found[0].period if found else (headings[-1].period if headings else None)
            headings.append(_Frame(block.level, heading_focus, period))
            items.clear()
            if heading_focus:
                focus = heading_focus
            continue
        if block.kind == "list-item":
            while items and items[-1].level >= block.level:
                items.pop()
        else:
            items.clear()
        parent = items[-1] if items else (headings[-1] if headings else None)
        context_period = parent.period if parent else None
        mentions = find_quantities(text[block.start : block.end], qsettings)
        block_focus, block_period = focus, context_period
        for s_start, s_end in sentence_spans(text, block.start, block.end):
            in_sentence = [m for m in mentions if s_start <= block.start + m.start < s_end]
            sentence = _Sentence(text, s_start, s_end, matcher, ctx, settings, context_period)
            previous: _Read | None = None
            for mention in in_sentence:
                read = sentence.read(mention, block.start, focus, vocab, previous)
                if read is None:
                    continue
                previous = read
                claims.append(_claim(doc, ctx, sentence, read, seen))
            if sentence.grammatical_subject is not None:
                focus = sentence.grammatical_subject
            if sentence.period is not None and block.kind == "list-item":
                block_period = sentence.period
            block_focus = focus
        if block.kind == "list-item":
            items.append(_Frame(block.level, block_focus, block_period or context_period))
    return tuple(claims)


def _title_subject(doc: ExtractedText, matcher: subjects.SubjectMatcher) -> str | None:
    for block in doc.blocks:
        if block.kind == "title":
            named = matcher.find(doc.text, block.start, block.end)
            return named[0].subject if named else None
    return None


@attrs.frozen
class _Read:
    mention: QuantityMention
    start: int  # absolute offsets of the quote
    end: int
    subject: str
    measure: str
    scope: str | None
    period: Period | None
    head: str  # the counted phrase as written, for list items that leave it out


class _Sentence:
    """One sentence's subjects and periods, and how each of its figures reads."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        matcher: subjects.SubjectMatcher,
        ctx: VersionContext,
        settings: ExtractionSettings,
        context_period: Period | None,
    ) -> None:
        self.text, self.start, self.end = text, start, end
        self.named = _collapse(matcher.find(text, start, end), text)
        self.configured = matcher.configured
        leading = _LEADING_PHRASE.match(text[start:end])
        if leading:
            # Keep them only as a last resort (no other name in the sentence).
            rest = [m for m in self.named if m.start >= start + leading.end()]
            if rest:
                self.named = rest
        self.anaphors = subjects.anaphora(text, start, end)
        if leading:
            self.anaphors = [a for a in self.anaphors if a.start >= start + leading.end()]
        local = text[start:end]
        found = periods.find_periods(local, version_date=ctx.date, fiscal_start=settings.fiscal_year_start)
        self.periods = [attrs.evolve(p, start=p.start + start, end=p.end + start) for p in found]
        year_context = next((p.period for p in self.periods), None) or context_period
        the_fy = periods.resolve_the_fiscal_year(local, year_context, settings.fiscal_year_start)
        if the_fy is not None:
            self.periods = [
                attrs.evolve(p, period=the_fy) if re.fullmatch(r"\d{4}", p.period.label) else p
                for p in self.periods
            ] or [periods.PeriodMention(start, start, the_fy)]
        self.context_period = context_period
        self.period = self.periods[0].period if self.periods else None
        self.current = bool(_PRESENT.search(local)) and not _PAST.search(local)
        self.grammatical_subject: _Focus | None = None
        first_named = self.named[0] if self.named else None
        first_anaphor = self.anaphors[0] if self.anaphors else None
        if first_named and (first_anaphor is None or first_named.start < first_anaphor.start):
            self.grammatical_subject = self._with_subunit(first_named)

    def _with_subunit(self, mention: subjects.Mention) -> _Focus:
        unit = subjects.subunit_after(self.text, mention.end, self.end)
        return _Focus(mention.subject, unit[0] if unit else None)

    def subject_for(self, pos: int, focus: _Focus | None) -> _Focus | None:
        """The subject of a figure at ``pos``: the first named or pointed-to subject before it, else after it."""
        before = [m for m in self.named if m.end <= pos]
        anaphor = next((a for a in self.anaphors if a.end <= pos), None)
        if before and (anaphor is None or before[0].start < anaphor.start):
            return self._with_subunit(before[0])
        if anaphor is not None and focus is not None:
            return focus
        after = [m for m in self.named if m.start >= pos]
        if after and focus is None:
            return self._with_subunit(after[0])
        return focus or (self._with_subunit(after[0]) if after else None)

    def period_for(self, pos: int) -> Period | None:
        before = [p for p in self.periods if p.end <= pos]
        if before:
            return before[-1].period
        if self.periods:
            return self.periods[0].period
        return self.context_period

    def read(
        self,
        mention: QuantityMention,
        offset: int,
        focus: _Focus | None,
        vocab: measures.Vocabulary,
        previous: _Read | None,
    ) -> _Read | None:
        start, end = mention.start + offset, mention.end + offset
        q = mention.quantity
        if q.unit == "count" and q.bound == "exact" and q.stated < 2:
            return None  # "1 related video": a lone one is an article or a widget, not a checkable figure
        if any(m.start < end and start < m.end for m in self.named):
            return None  # digits inside a name ("MS-13" when it is a configured subject)
        phrase = measures.counted_phrase(self.text, end, self.end)
        head = phrase.text
        unit = mention.quantity.unit
        # A trailing clause narrows by kind ("aliens with criminal convictions") but its places are not a
        # scope: "offices in the United States and abroad" counts offices everywhere.
        extra_scopes = [s for s in measures.scopes_in(phrase.tail_scopes, vocab) if s not in _PLACES]
        of_which = _OF_WHICH.match(self.text[end : self.end])
        if of_which and previous is not None:
            head = previous.head
            extra_scopes.extend(measures.scopes_in((of_which.group(1).lower(),), vocab))
        if not head:
            head = measures.phrase_before(self.text, self.start, start)
        only_scopes = bool(head) and not measures.normalise(head, vocab)[0]
        if (not head or only_scopes) and previous is not None:
            if only_scopes:
                extra_scopes.extend(measures.normalise(head, vocab)[1])
            head = previous.head
        if not head:
            return None  # a figure with nothing counted is not a claim anyone can check
        raw = f"{head} {phrase.qualifier}".strip()
        measure, scopes = measures.normalise(raw, vocab)
        action = measures.action_before(self.text, self.start, start)
        if action and not measure.endswith(action):
            measure = vocab.synonyms.get(f"{measure} {action}", f"{measure} {action}")
        if unit == "percent" and not measure.startswith("share of"):
            measure = f"share of {measure}"
        inner = [m for m in self.named if end <= m.start < end + len(raw) + 8 and m.subject in self.configured]
        who = self._with_subunit(inner[0]) if inner and head.startswith(self.text[inner[0].start : inner[0].end]) else None
        who = who or self.subject_for(start, focus)
        if who is None:
            return None
        measure = re.sub(rf"^{re.escape(who.subject)}\s+", "", measure, flags=re.IGNORECASE)
        all_scopes = set(scopes) | set(extra_scopes)
        if who.scope:
            all_scopes.add(vocab.scopes.get(measures.fold(who.scope), who.scope))
        scope = "+".join(sorted(all_scopes)) or None
        return _Read(mention, start, end, who.subject, measure, scope, self.period_for(start), head)


def _collapse(named: list[subjects.Mention], text: str) -> list[subjects.Mention]:
    """"ICE ERO", "ICE's HSI", "Homeland Security Investigations (HSI)": adjacent names are one mention."""
    out: list[subjects.Mention] = []
    for m in named:
        if out:
            gap = text[out[-1].end : m.start]
            if re.fullmatch(r"\s*(?:'s|’s)?\s*\(?", gap):
                # The later name is the more specific one, unless it only repeats the first in brackets.
                keep = out[-1] if m.subject == out[-1].subject else m
                out[-1] = attrs.evolve(keep, start=out[-1].start, end=max(m.end, out[-1].end))
                continue
        out.append(m)
    return out


def _claim(doc: ExtractedText, ctx: VersionContext, sentence: _Sentence, read: _Read, seen: dict[str, int]) -> Claim:
    text = doc.text
    quote = text[read.start : read.end]
    period = read.period
    # An undated version's claims cannot be placed on the time line, even when they name a period.
    as_of = None if ctx.date is None else (period.end if period is not None else ctx.date)
    key = [ctx.source, ctx.version, read.subject, read.measure, read.scope, " ".join(quote.split()).casefold()]
    key.append(period.label if period else None)
    base = json.dumps(key, ensure_ascii=False)
    n = seen.get(base, 0)
    seen[base] = n + 1
    digest = hashlib.sha256(f"{base}#{n}".encode()).hexdigest()[:16]
    line, column = doc.source_position(read.start)
    return Claim(
        id=f"c-{digest}",
        source=ctx.source,
        version=ctx.version,
        path=ctx.path,
        subject=read.subject,
        measure=read.measure,
        scope=read.scope,
        value=read.mention.quantity,
        period=period,
        as_of=as_of,
        evidence=Evidence(
            quote=quote,
            sentence=text[sentence.start : sentence.end],
            start=read.start,
            end=read.end,
            line=line,
            column=column,
        ),
        version_date=ctx.date,
        current=sentence.current,
    )


__all__ = ["Block", "VersionContext", "extract_claims"]
