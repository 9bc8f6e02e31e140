"""Tests for claims/pdf.py and PDF loading: pages, blocks, (page, line) evidence, broken files."""

from __future__ import annotations

import pytest

from claimcheck.claims.load import LoadError, parse_document
from claimcheck.claims.pdf import PdfFailure, extract_pdf, extract_pdf_isolated, is_pdf

from .pdfs import make_pdf

REPORT = [
    [
        "Annual Report",
        "",
        "The agency employs more than 20,000 people",
        "in offices across the country.",
    ],
    [],  # an empty page still counts
    [
        "Budget",
        "",
        "ICE has an annual budget of approximately",
        "$8 billion in FY2019.",
    ],
]


def test_pages_become_blocks_and_offsets_know_their_page():
    pdf = extract_pdf(make_pdf(REPORT))
    ex = pdf.extracted
    assert pdf.pages == 3 and pdf.replacements == 0
    assert ex.text == (
        "Annual Report\n\nThe agency employs more than 20,000 people in offices across the country."
        "\n\nBudget\n\nICE has an annual budget of approximately $8 billion in FY2019."
    )
    assert [b.kind for b in ex.blocks] == ["heading", "paragraph", "heading", "paragraph"]
    staff = ex.text.index("20,000")
    budget = ex.text.index("$8 billion")
    assert ex.source_page(staff) == 1 and ex.source_position(staff) == (3, 30)
    # The second line of the box on page 3: line 4 of that page, counted from its top.
    assert ex.source_page(budget) == 3 and ex.source_position(budget) == (4, 1)
    assert ex.source_page(len(ex.text)) == 3


def test_parse_document_reads_a_pdf_by_extension_or_by_its_header():
    data = make_pdf(REPORT)
    for path in ("report.pdf", "report.txt", "report"):
        doc = parse_document(data, path=path)
        assert doc.kind == "pdf" and doc.encoding == "pdf" and doc.replacements == 0
        assert "approximately $8 billion" in doc.extracted.text


def test_pdf_evidence_carries_page_and_line(tmp_path):
    from claimcheck import api
    from claimcheck.config import settings_from_dict

    (tmp_path / "report.pdf").write_bytes(make_pdf(REPORT))
    settings = settings_from_dict(
        {"source": [{"id": "report", "subject": "ICE", "versions": ["report.pdf"]}]}, tmp_path / "claimcheck.toml"
    )
    result = api.run(settings)
    assert result.unreadable == ()
    budget = next(c for c in result.claims if c.value.stated == 8e9)
    # The quote starts at "approximately", the end of the first line of page 3's second box.
    assert budget.evidence.quote == "approximately $8 billion"
    assert (budget.evidence.page, budget.evidence.line, budget.evidence.column) == (3, 3, 29)
    staff = next(c for c in result.claims if c.value.stated == 20000)
    assert (staff.evidence.page, staff.evidence.line) == (1, 3)
    assert result.sources[0].versions[0].kind == "pdf"


def test_a_pdf_without_a_text_layer_is_unreadable():
    with pytest.raises(PdfFailure, match=r"no text: the PDF's 2 page\(s\) have no text layer"):
        extract_pdf(make_pdf([["x"], ["y"]], font=False))
    with pytest.raises(LoadError, match=r"^scan.pdf: no text"):
        parse_document(make_pdf([["x"]], font=False), path="scan.pdf")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n",  # a header and nothing else
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        make_pdf(REPORT)[:200],  # cut short
        b"%PDF-1.4\n" + bytes(range(256)) * 4,  # a header and then noise
    ],
)
def test_broken_pdfs_are_load_errors_never_crashes(data):
    with pytest.raises(LoadError) as info:
        parse_document(data, path="broken.pdf")
    assert info.value.path == "broken.pdf" and info.value.reason


def test_a_pdf_named_pdf_that_is_not_one():
    with pytest.raises(LoadError, match=r"^fake.pdf: not a valid PDF"):
        parse_document(b"<html><p>hello</p></html>", path="fake.pdf")


def test_is_pdf():
    assert is_pdf(make_pdf(REPORT)) and is_pdf(b"junk\n%PDF-1.4") and not is_pdf(b"<html>")


def test_parenthesised_text_and_windows_1252_letters_survive():
    pdf = extract_pdf(make_pdf([["Café (HSI) costs \\ about €5"]]))
    assert pdf.extracted.text == "Café (HSI) costs \\ about €5"


def _self_referencing_pdf() -> bytes:
    """The page tree object is "2 0 R", a reference to itself: stock pdfminer loops on it forever
    (found by the atheris harness, fuzz/fuzz_pipeline.py)."""
    data = make_pdf([["ICE has 5 offices."]])
    start = data.index(b"2 0 obj\n") + len(b"2 0 obj\n")
    end = data.index(b"\nendobj", start)
    return data[:start] + b"2 0 R".ljust(end - start) + data[end:]


def test_a_reference_cycle_is_a_broken_pdf_not_a_hang():
    with pytest.raises(PdfFailure, match=r"not a valid PDF \(PDFSyntaxError: object 2 refers to itself"):
        extract_pdf(_self_referencing_pdf())


def test_isolated_extraction_gives_the_same_text():
    data = make_pdf(REPORT)
    assert extract_pdf_isolated(data) == extract_pdf(data)
    with pytest.raises(PdfFailure, match="not a valid PDF"):
        extract_pdf_isolated(_self_referencing_pdf())


def test_isolated_extraction_gives_up_after_its_time_limit():
    with pytest.raises(PdfFailure, match=r"the PDF parser gave no answer in 0.001 s"):
        extract_pdf_isolated(make_pdf(REPORT * 20), timeout=0.001)


def test_a_parser_bug_in_the_child_is_a_parser_failure(monkeypatch):
    import claimcheck.claims.pdf as pdf_module

    def broken(data):
        raise KeyError("Kids")

    monkeypatch.setattr(pdf_module, "extract_pdf", broken)  # the forked child sees the patch
    with pytest.raises(PdfFailure, match=r"^parser failure: KeyError: 'Kids'$"):
        extract_pdf_isolated(make_pdf(REPORT))


def test_load_document_reads_pdfs_in_a_child_process(tmp_path, monkeypatch):
    import claimcheck.claims.load as load_module

    calls = []
    real = load_module.extract_pdf_isolated
    monkeypatch.setattr(load_module, "extract_pdf_isolated", lambda data: calls.append(1) or real(data))
    (tmp_path / "r.pdf").write_bytes(make_pdf(REPORT))
    doc = load_module.load_document(tmp_path / "r.pdf", display_path="r.pdf")
    assert calls == [1] and doc.kind == "pdf"
