"""A corpus of ugly files runs end to end through `claimcheck run`: every problem listed, no crash."""

from __future__ import annotations

import codecs
import html
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.checker.outcome import EXIT_ERROR
from claimcheck.claims import load as load_module
from claimcheck.cli import main

from claims.pdfs import make_pdf  # tests/ is on sys.path: its folders are packages

HUGE = 50 * 2**20 + 1  # one byte over the default cap of 50 MiB
SUBJECT = """
[subjects.ICE]
aliases = ["Immigration and Customs Enforcement", "the agency"]
"""


def _write(root: Path) -> dict[str, str]:
    """The ugly files; returns {path: the reason it must be listed as unreadable} for the bad ones."""
    pages = root / "pages"
    pages.mkdir()
    # Readable, however ugly:
    (pages / "cp1252.html").write_bytes(
        "<p>Last Updated: 05/13/2020</p><p>The “café” agency — ICE has an annual budget of approximately $8 billion.</p>".encode(
            "cp1252"
        )
    )
    (pages / "utf16-bom.txt").write_bytes(
        codecs.BOM_UTF16_LE + "Last Updated: 01/20/2021\n\nICE employs more than 20,000 people.\n".encode("utf-16-le")
    )
    (pages / "utf16-lone-surrogate.txt").write_bytes(
        codecs.BOM_UTF16_LE
        + "Last Updated: 02/01/2021\n\nICE has more than 400 offices".encode("utf-16-le")
        + b"\x00\xd8"  # a lone high surrogate: one character lost
        + ".\n".encode("utf-16-le")
    )
    (pages / "deep.html").write_text(
        "<div>" * 5000 + "<p>Last Updated: 03/01/2021</p><p>ICE has more than 6,000 special agents.</p>" + "</div>" * 5000
    )
    (pages / "broken tags.html").write_text(
        "<html><body><p>Last Updated: 04/01/2021<p>ICE has <b>more than 7,000 <i>special agents</p></div></span>"
        "<table><td>cell<tr><p>ok<!-- never closed <script>alert(1)"
    )
    (pages / "café budget 2020.md").write_text("# Budget\n\nLast Updated: 05/01/2021\n\nICE has a budget of $9 billion.\n")
    (pages / "report.pdf").write_bytes(
        make_pdf([["Last Updated: 06/01/2021", "", "ICE has more than 8,000 special agents."]])
    )
    # Unreadable, each for its own reason:
    bad = {
        "pages/logo.png": "binary file (PNG image)",
        "pages/empty.html": "empty file (0 bytes)",
        "pages/blank.txt": "empty file (only whitespace)",
        "pages/huge.txt": f"too large: 50 MiB ({HUGE} bytes), over the 50 MiB limit ([input] max_file_size)",
        "pages/broken.pdf": "not a valid PDF",
        "pages/scan.pdf": "no text: the PDF's 1 page(s) have no text layer (scanned pages need OCR)",
        "pages/noise.txt": "binary file (",
        "pages/parser-bug.html": "parser failure: RuntimeError: boom in the HTML parser",
        "pages/a folder.html": "cannot read: is a directory",
    }
    (pages / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (pages / "empty.html").write_bytes(b"")
    (pages / "blank.txt").write_bytes(b" \n\t\r\n ")
    with open(pages / "huge.txt", "wb") as fh:  # sparse: 50 MiB on paper, nothing on disk
        fh.seek(HUGE - 1)
        fh.write(b"x")
    (pages / "broken.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(1, 256)) * 8)
    (pages / "scan.pdf").write_bytes(make_pdf([["x"]], font=False))
    (pages / "noise.txt").write_bytes(bytes(range(1, 32)) * 20)
    (pages / "parser-bug.html").write_text("<p>TRIGGER-PARSER-BUG</p>")
    (pages / "a folder.html").mkdir()
    return bad


def _config(root: Path) -> Path:
    config = root / "claimcheck.toml"
    config.write_text(
        '[[source]]\nid = "ugly"\nsubject = "ICE"\nversions = ["pages/*"]\n'
        '[[source.version]]\npath = "pages/a folder.html"\n' + SUBJECT,
        encoding="utf-8",
    )
    return config


@pytest.fixture()
def ugly(tmp_path: Path, monkeypatch) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "corpus"
    root.mkdir()
    bad = _write(root)
    _config(root)
    real = load_module._EXTRACTORS["html"]

    def buggy(source: str):
        if "TRIGGER-PARSER-BUG" in source:
            raise RuntimeError("boom in the HTML parser")
        return real(source)

    # A parser bug on one file: it must become an unreadable version, never a traceback.
    monkeypatch.setitem(load_module._EXTRACTORS, "html", buggy)
    return root, bad


def _run(args: list[str], cwd: Path):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args)
    finally:
        os.chdir(old)


def _no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


def test_ugly_corpus_runs_to_a_complete_report(ugly, tmp_path):
    root, bad = ugly
    out = tmp_path / "report"
    result = _run(["run", "--out", str(out), "--fail-on", "never"], root)
    _no_traceback(result)
    assert result.exit_code == 0, result.output

    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    listed = {u["path"]: u["reason"] for u in findings["unreadable"]}
    assert set(listed) == set(bad), listed
    for path, reason in bad.items():
        assert listed[path].startswith(reason), (path, listed[path])
        assert f"unreadable: {path}: " in result.output  # and on stderr, one line each

    claims = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    (source,) = claims["sources"]
    versions = {Path(v["path"]).name: v for v in source["versions"]}
    assert set(versions) == {
        "cp1252.html", "utf16-bom.txt", "utf16-lone-surrogate.txt", "deep.html", "broken tags.html",
        "café budget 2020.md", "report.pdf",
    }
    assert versions["cp1252.html"]["encoding"] == "cp1252"
    assert versions["utf16-bom.txt"]["encoding"] == "utf-16-le"
    assert versions["utf16-lone-surrogate.txt"]["replacements"] == 1
    assert versions["report.pdf"]["kind"] == "pdf"
    stated = sorted(c["value"]["stated"] for c in claims["claims"])
    assert stated == [400, 6000, 7000, 8000, 20000, 8e9, 9e9]
    pdf_claim = next(c for c in claims["claims"] if c["value"]["stated"] == 8000)
    assert pdf_claim["evidence"]["page"] == 1
    assert "warning: pages/utf16-lone-surrogate.txt: 1 character could not be decoded" in result.output

    page = (out / "index.html").read_text(encoding="utf-8")
    for path in bad:
        assert html.escape(path, quote=False) in page or html.escape(path) in page, path


def test_strict_fails_after_writing_the_report_and_names_every_file(ugly, tmp_path):
    root, bad = ugly
    out = tmp_path / "report"
    result = _run(["run", "--out", str(out), "--fail-on", "never", "--strict"], root)
    _no_traceback(result)
    assert result.exit_code == EXIT_ERROR
    assert (out / "findings.json").is_file()  # the report is whole all the same
    last = result.output.strip().splitlines()[-1]
    assert last.startswith(f"claimcheck: --strict: {len(bad)} versions could not be read: ")
    for path in bad:
        assert path in last


def test_nothing_readable_is_exit_2_naming_the_files(tmp_path):
    root = tmp_path / "corpus"
    (root / "pages").mkdir(parents=True)
    (root / "pages" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "pages" / "b.html").write_bytes(b"")
    (root / "claimcheck.toml").write_text('[[source]]\nid = "x"\nversions = ["pages/*"]\n')
    result = _run(["run", "--out", str(tmp_path / "report")], root)
    _no_traceback(result)
    assert result.exit_code == EXIT_ERROR
    assert result.output.strip().splitlines()[-1] == (
        "claimcheck: nothing could be read: pages/a.png (binary file (PNG image)); pages/b.html (empty file (0 bytes))"
    )


def test_a_file_that_vanishes_after_the_config_is_read(tmp_path):
    from claimcheck import api
    from claimcheck.config import load_settings

    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text("ICE has 5 offices.")
    (root / "b.txt").write_text("ICE has 6 offices.")
    (root / "claimcheck.toml").write_text('[[source]]\nid = "x"\nsubject = "ICE"\nversions = ["*.txt"]\n')
    settings = load_settings(root / "claimcheck.toml", root)
    (root / "b.txt").unlink()
    result = api.run(settings)
    assert [(u.path, u.reason) for u in result.unreadable] == [("b.txt", "file not found")]
    assert [c.value.stated for c in result.claims] == [5]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_permission_denied_is_unreadable(tmp_path):
    from claimcheck import api
    from claimcheck.config import load_settings

    (tmp_path / "a.txt").write_text("ICE has 5 offices.")
    (tmp_path / "claimcheck.toml").write_text('[[source]]\nid = "x"\nversions = ["a.txt"]\n')
    (tmp_path / "a.txt").chmod(0)
    try:
        result = api.run(load_settings(tmp_path / "claimcheck.toml", tmp_path))
    finally:
        (tmp_path / "a.txt").chmod(0o600)
    assert [u.reason for u in result.unreadable] == ["cannot read: permission denied"]


def test_a_named_pipe_never_blocks_the_run(tmp_path):
    from claimcheck import api
    from claimcheck.config import load_settings

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    (tmp_path / "a.txt").write_text("ICE has 5 offices.")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "claimcheck.toml").write_text('[[source]]\nid = "x"\nversions = ["*.txt"]\n')
    result = api.run(load_settings(tmp_path / "claimcheck.toml", tmp_path))
    assert [(u.path, u.reason) for u in result.unreadable] == [
        ("pipe.txt", "cannot read: not a regular file (a device, pipe or socket)")
    ]


def test_an_extractor_bug_becomes_an_unreadable_version(tmp_path, monkeypatch):
    from claimcheck import api
    from claimcheck.config import load_settings

    (tmp_path / "a.txt").write_text("ICE has 5 offices.")
    (tmp_path / "b.txt").write_text("ICE has 6 offices.")
    (tmp_path / "claimcheck.toml").write_text('[[source]]\nid = "x"\nsubject = "ICE"\nversions = ["*.txt"]\n')
    import importlib

    from claimcheck.claims import extract

    def buggy(real):
        def extractor(doc, ctx, settings):
            if "6" in doc.text:
                raise ZeroDivisionError("division by zero")
            return real(doc, ctx, settings)

        return extractor

    patched = 0
    for name in ("claimcheck.api", "claimcheck.pipeline"):  # wherever the run calls the extractor
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for entry in ("extract_claims", "read_claims"):
            if hasattr(module, entry):
                monkeypatch.setattr(module, entry, buggy(getattr(extract, entry)))
                patched += 1
    assert patched
    result = api.run(load_settings(tmp_path / "claimcheck.toml", tmp_path))
    assert [(u.path, u.reason) for u in result.unreadable] == [
        ("b.txt", "parser failure: ZeroDivisionError: division by zero")
    ]
    assert [v.path for v in result.sources[0].versions] == ["a.txt"]
