"""Laws of extraction, end to end through text.extract_* and extract_claims: markup, white space and unrelated
paragraphs never change the claims of a passage."""

from __future__ import annotations

import datetime as dt
import html

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.claims.extract import VersionContext, extract_claims
from claimcheck.claims.text import extract_html, extract_markdown, extract_plain
from claimcheck.config import ExtractionSettings, SubjectSpec

SETTINGS = ExtractionSettings(
    subjects=(
        SubjectSpec("NTA", ("Northbridge Transit Authority",)),
        SubjectSpec("HSI", ("Homeland Security Investigations",)),
    ),
    measures=(("employees", ("staff", "personnel")),),
)
CTX = VersionContext("s", "v", "p", dt.date(2023, 10, 30))

NAMES = ["NTA", "HSI", "The Northbridge Transit Authority", "Homeland Security Investigations"]
VERBS = ["has", "runs", "employs", "operates", "reported", "counted"]
HEDGES = ["", "more than ", "about ", "nearly ", "at least ", "up to ", "over ", "roughly "]
NOUNS = ["buses", "employees", "offices", "special agents", "rail cars", "stations", "ferries"]
PERIODS = ["", " in FY 2019", " in 2022", " as of June 30, 2023", " in the first nine months of 2023"]
FILLER = [
    "The board meets in public and publishes its minutes.",
    "Riders can send comments through the website or by mail.",
    "Service changes are announced on the agency's social media pages.",
    "Questions about accessibility are answered by the customer service team.",
]


@st.composite
def figures(draw):
    n = draw(st.one_of(st.integers(2, 999), st.integers(1000, 999_999).map(lambda x: f"{x:,}")))
    money = draw(st.booleans())
    if money:
        return f"{draw(st.sampled_from(HEDGES))}${draw(st.integers(1, 99))}.{draw(st.integers(1, 9))} million"
    return f"{draw(st.sampled_from(HEDGES))}{n} {draw(st.sampled_from(NOUNS))}"


@st.composite
def passages(draw):
    """One or two paragraphs about a named subject, as sentences (each a list of words)."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 2))):
        sentences = []
        name = draw(st.sampled_from(NAMES))
        sentences.append(f"{name} {draw(st.sampled_from(VERBS))} {draw(figures())}{draw(st.sampled_from(PERIODS))}.")
        for _ in range(draw(st.integers(0, 2))):
            if draw(st.booleans()):
                sentences.append(f"It {draw(st.sampled_from(VERBS))} {draw(figures())}.")
            else:
                sentences.append(draw(st.sampled_from(FILLER)))
        paragraphs.append(sentences)
    return paragraphs


def key(claims) -> list[tuple]:
    return [
        (
            c.subject,
            c.measure,
            c.scope,
            c.value.stated,
            c.value.unit,
            c.value.bound,
            c.period.label if c.period else None,
            " ".join(c.evidence.quote.split()),
        )
        for c in claims
    ]


def plain(paragraphs) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


def claims_of(doc):
    return key(extract_claims(doc, CTX, SETTINGS))


@st.composite
def marked_up(draw, paragraphs):
    """The same passage as HTML with inline markup, attributes holding numbers, comments, a script and a style,
    and white space that HTML collapses."""
    out = ['<html><head><meta charset="utf-8"><style>.x{width:300px}</style>',
           "<script>var count = 5000;</script></head><body>"]
    for sentences in paragraphs:
        words_out = []
        for sentence in sentences:
            for word in sentence.split(" "):
                w = html.escape(word, quote=False)
                style = draw(st.sampled_from(["", "b", "em", "span", "nl", "sp"]))
                if style == "nl":
                    words_out.append(w + "\n   ")
                elif style == "sp":
                    words_out.append(w + "  \t")
                elif style and not any(ch.isdigit() for ch in word) and "$" not in word:
                    words_out.append(f'<{style} data-n="42">{w}</{style}> ')
                else:
                    words_out.append(w + " ")
        out.append(f'<p class="p1">{"".join(words_out).strip()}</p><!-- 2024 -->')
    out.append("</body></html>")
    return "\n".join(out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_markup_and_white_space_never_change_the_claims(data):
    paragraphs = data.draw(passages())
    expected = claims_of(extract_plain(plain(paragraphs)))
    assert claims_of(extract_html(data.draw(marked_up(paragraphs)))) == expected
    md = "\n\n".join(" ".join(f"**{w}**" if w.isalpha() and len(w) > 4 else w for w in " ".join(p).split()) for p in paragraphs)
    assert claims_of(extract_markdown(md + "\n")) == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(passages(), st.lists(st.sampled_from(FILLER), min_size=1, max_size=3), st.booleans())
def test_unrelated_paragraphs_never_change_the_claims(paragraphs, filler, before):
    expected = claims_of(extract_plain(plain(paragraphs)))
    extra = [[f] for f in filler]
    changed = extra + paragraphs if before else paragraphs + extra
    assert claims_of(extract_plain(plain(changed))) == expected


@settings(max_examples=40, deadline=None)
@given(passages(), st.sampled_from(["  ", " \t ", "\u00a0"]))
def test_spaces_between_words_never_change_the_claims(paragraphs, space):
    expected = claims_of(extract_plain(plain(paragraphs)))
    spaced = [[s.replace(" ", space, 1) for s in p] for p in paragraphs]
    if space == "\u00a0":
        return  # a no-break space is a thousands separator inside figures, so it is not mere spacing
    assert claims_of(extract_plain(plain(spaced))) == expected
