"""`claimcheck review` in real Chromium: resolve a finding in the page; it re-opens when its evidence changes."""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from chromium import CHROMIUM, launch

import claimcheck
from claimcheck import api
from claimcheck.config import load_settings
from claimcheck.resolutions import read_resolutions

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SRC = Path(claimcheck.__file__).resolve().parents[1]  # subprocesses run the claimcheck under test

BUDGET_NOTE = """# Budget note

Last Reviewed/Updated: 05/13/2020

U.S. Immigration and Customs Enforcement has an annual budget of approximately {figure}.
"""
HEADER_COMMENT = "# Decisions about the ICE example corpus (hand-written; this comment must survive)."


def _browser_or_skip():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    missing = "the playwright package" if sync_playwright is None else None
    if missing is None and not Path(CHROMIUM).exists():
        missing = CHROMIUM
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser test needs {missing} (CI=true: not skipping)")
        pytest.skip(f"browser test needs {missing}")
    return sync_playwright


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop("CLAIMCHECK_REVIEWER", None)
    env.pop("CLAIMCHECK_TEST_PAUSE", None)
    return env


def _claimcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimcheck", *args], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=300
    )


def _corpus(tmp_path: Path) -> Path:
    """examples/ice plus a page that contradicts its budget (one open conflict), and a hand-made resolutions file."""
    corpus = tmp_path / "ice"
    shutil.copytree(REPO / "examples" / "ice", corpus)
    (corpus / "budget-note.md").write_text(BUDGET_NOTE.format(figure="$6 billion"), encoding="utf-8")
    with open(corpus / "claimcheck.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[[source]]\nid = "budget-note"\ntitle = "Budget note"\nversions = ["budget-note.md"]\n')
    result = api.run(load_settings(corpus / "claimcheck.toml", corpus))
    change = next(f for f in result.findings if f.kind == "change")
    (corpus / "claimcheck-resolutions.toml").write_text(
        f"{HEADER_COMMENT}\n\n[[resolution]]\nfinding = \"{change.id}\"  # hand-written entry\n"
        f'decision = "expected-change"\nreviewer = "hand"\ndate = 2026-11-01\n'
        f'evidence_digest = "{change.evidence_digest}"\n',
        encoding="utf-8",
    )
    return corpus


def _start_review(corpus: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimcheck", "review", "--config", str(corpus / "claimcheck.toml")],
        cwd=corpus, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    line = ""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 1.0)
        if ready:
            line = proc.stdout.readline()
            match = re.search(r"(http://\S+)", line)
            if match:
                return proc, match.group(1)
        if proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError(f"claimcheck review printed no URL: {line!r} {proc.stderr.read()}")


def test_resolve_in_the_page_then_changed_evidence_reopens_it(tmp_path: Path):
    sync_playwright = _browser_or_skip()
    corpus = _corpus(tmp_path)
    path = corpus / "claimcheck-resolutions.toml"
    before = path.read_text(encoding="utf-8")
    result = api.run(load_settings(corpus / "claimcheck.toml", corpus))
    conflict = next(f for f in result.findings if f.kind == "conflict")
    assert _claimcheck("run", "--out", str(tmp_path / "r0"), cwd=corpus).returncode == 1

    proc, url = _start_review(corpus)
    try:
        assert url.startswith("http://127.0.0.1:"), url  # loopback by default
        with sync_playwright() as p:
            browser = launch(p)
            try:
                page = browser.new_page()
                errors: list[str] = []
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                page.goto(url)
                article = page.locator(f'article[data-finding="{conflict.id}"]')
                assert article.locator("[data-status]").inner_text() == "open"
                article.locator("select[name=decision]").select_option("source-preferred")
                article.locator("select[name=preferred_source]").select_option("ice-who-we-are")
                article.locator("input[name=reviewer]").fill("Browser Reviewer")
                article.locator("textarea[name=note]").fill("who-we-are.html states the FY2020 appropriation")
                with page.expect_navigation():
                    article.locator("button[type=submit]").click()
                article = page.locator(f'article[data-finding="{conflict.id}"]')
                assert article.locator("[data-status]").inner_text() == "resolved"
                assert "approximately $8 billion" in article.inner_text()  # the accepted value
                assert page.locator(".notice").count() == 1
                assert not [e for e in errors if "Content Security Policy" in e], errors

                # The served report shows the new status too, rendered in memory.
                response = page.goto(url + "report/findings.json")
                assert {f["id"]: f["status"] for f in json.loads(response.text())["findings"]}[conflict.id] == "resolved"

                # The file gained the entry; the comment and the hand-made entry are kept byte for byte.
                after = path.read_text(encoding="utf-8")
                assert after.startswith(before)
                assert HEADER_COMMENT in after and "# hand-written entry" in after
                entries = read_resolutions(path).resolutions
                assert len(entries) == 2
                assert (entries[1].finding, entries[1].decision, entries[1].preferred_source, entries[1].reviewer) == (
                    conflict.id, "source-preferred", "ice-who-we-are", "Browser Reviewer",
                )  # fmt: skip
                assert entries[1].evidence_digest == conflict.evidence_digest
                assert not (corpus / "claimcheck-report").exists()  # the server never wrote a report folder

                ran = _claimcheck("run", "--out", str(tmp_path / "r1"), cwd=corpus)
                assert ran.returncode == 0, ran.stdout + ran.stderr

                # The quoted figure changes: the decision no longer covers the evidence.
                (corpus / "budget-note.md").write_text(BUDGET_NOTE.format(figure="$5 billion"), encoding="utf-8")
                ran = _claimcheck("run", "--out", str(tmp_path / "r2"), cwd=corpus)
                assert ran.returncode == 1, ran.stdout + ran.stderr
                findings = {f["id"]: f for f in json.loads((tmp_path / "r2" / "findings.json").read_text())["findings"]}
                assert findings[conflict.id]["status"] == "needs-re-review"
                resolution = findings[conflict.id]["resolution"]
                assert resolution["recorded_evidence"][0] == "budget-note.md: approximately $6 billion"
                assert resolution["current_evidence"][0] == "budget-note.md: approximately $5 billion"

                # The review page picks up the edit and shows what changed since the decision.
                page.goto(url)
                article = page.locator(f'article[data-finding="{conflict.id}"]')
                assert article.locator("[data-status]").inner_text() == "needs re-review"
                changed = article.locator(".changed").inner_text()
                assert "approximately $6 billion" in changed and "approximately $5 billion" in changed
            finally:
                browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
