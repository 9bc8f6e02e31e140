"""A paged report's running headers and its numbered section titles (claims/furniture.py)."""

from claimcheck.claims.furniture import lone_titles, running_heads
from claimcheck.claims.text import extract_html, extract_plain


def _texts(doc, indices):
    return [doc.text[doc.blocks[i].start : doc.blocks[i].end] for i in sorted(indices)]


def test_a_line_on_every_page_with_its_page_number_is_a_running_header():
    pages = "\n\n".join(f"Harbor Board | Annual Report 2024   {n}\n\nText of page {n} says 40 berths." for n in (3, 4, 7))
    doc = extract_plain(pages)
    assert _texts(doc, running_heads(doc)) == [f"Harbor Board | Annual Report 2024 {n}" for n in (3, 4, 7)]
    footers = "\n\n".join(f"Text {n}.\n\nPage {n} of 12" for n in (1, 2, 3))
    assert len(running_heads(extract_plain(footers.replace("Page", "Harbor Board annual report, page")))) == 3


def test_a_repeated_line_with_the_same_number_or_no_number_is_no_running_header():
    same = "\n\n".join("Berths in service 40\n\nMore text." for _ in range(4))
    assert running_heads(extract_plain(same)) == frozenset()
    twice = "\n\n".join(f"Harbor Board | Annual Report 2024   {n}\n\nText." for n in (3, 4))
    assert running_heads(extract_plain(twice)) == frozenset()
    html = "".join(f"<p>Harbor Board | Annual Report 2024 {n}</p>" for n in (3, 4, 5))
    assert running_heads(extract_html(html)) == frozenset()


def test_a_numbered_title_alone_in_its_list_is_a_section_title():
    doc = extract_plain("2. Rail Division\n\nThe division ran 12,400 services.\n\nIts parts:\n\n- Track\n- Signals\n\nEnd.")
    assert _texts(doc, lone_titles(doc, frozenset())) == ["Rail Division"]
    figure = extract_plain("Intro text.\n\n3. Ran 12,400 services\n\nMore text.")
    assert lone_titles(figure, frozenset()) == frozenset()
