"""A page's git history as its versions: three commits, three dated versions, their claims and
the revisions between them, through `claimcheck run`."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from claimcheck.checker.model import KINDS
from claimcheck.cli import main

from claims.gitrepo import commit, init, needs_git  # tests/ is on sys.path: its folders are packages

PAGE = """<html><head><title>Who We Are</title></head><body>
<h1>Who We Are</h1>
<p>ICE has more than {staff} employees in more than {offices} offices.</p>
</body></html>
"""
COMMITS = [  # (committer date, staff, offices)
    ("2018-01-03T15:00:00-05:00", "20,000", "400"),
    ("2019-06-30T23:30:00-07:00", "20,000", "420"),  # 2019-07-01 06:30 UTC: the UTC date counts
    ("2020-05-13T09:00:00+02:00", "21,000", "420"),
]
CONFIG = """
[[source]]
id = "who-we-are"
title = "Who We Are"
subject = "ICE"
versions = "git:site/who-we-are.html"

[subjects.ICE]
aliases = ["Immigration and Customs Enforcement"]
"""


@needs_git
def test_three_commits_are_three_dated_versions_with_their_claims_and_revisions(tmp_path: Path):
    repo = init(tmp_path / "site-repo")
    shas = [
        commit(repo, {"site/who-we-are.html": PAGE.format(staff=staff, offices=offices)}, date)
        for date, staff, offices in COMMITS
    ]
    # The working tree moves on after the last commit: what is read is each commit's content.
    (repo / "site" / "who-we-are.html").write_text(PAGE.format(staff="99,999", offices="999"))
    (repo / "claimcheck.toml").write_text(CONFIG)

    old = os.getcwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(main, ["run", "--out", str(tmp_path / "report"), "--fail-on", "never"])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output

    claims_doc = json.loads((tmp_path / "report" / "claims.json").read_text(encoding="utf-8"))
    (source,) = claims_doc["sources"]
    versions = source["versions"]
    assert [(v["version"], v["date"], v["date_origin"]) for v in versions] == [
        ("2018-01-03", "2018-01-03", "git"),
        ("2019-07-01", "2019-07-01", "git"),
        ("2020-05-13", "2020-05-13", "git"),
    ]
    assert [v["date_evidence"].split()[1] for v in versions] == shas
    assert {v["path"] for v in versions} == {"site/who-we-are.html"}

    by_version: dict[str, list[tuple[str, float]]] = {}
    for c in claims_doc["claims"]:
        by_version.setdefault(c["version"], []).append((c["measure"], c["value"]["stated"]))
    assert {v: sorted(vals) for v, vals in by_version.items()} == {
        "2018-01-03": [("employees", 20000), ("offices", 400)],
        "2019-07-01": [("employees", 20000), ("offices", 420)],
        "2020-05-13": [("employees", 21000), ("offices", 420)],
    }

    report = json.loads((tmp_path / "report" / "findings.json").read_text(encoding="utf-8"))
    assert report["unreadable"] == []
    findings = report["findings"]
    kinds = {f["kind"] for f in findings}
    # Figures that moved between commits are reported as moving: offices 400 → 420, staff 20,000 → 21,000.
    moved = [f for f in findings if f["kind"] in ("change", "revision")]
    assert {f["measure"] for f in moved} >= {"offices", "employees"}, [f["message"] for f in findings]
    # REVISIONS (checker/diff.py, another engineer's work, landing separately): when the checker
    # produces `revision` findings, each commit that changed a figure yields exactly one, between
    # the two commits. Without checker/diff.py this part is skipped on purpose; make it
    # unconditional once diff.py is committed.
    if "revision" in kinds:
        version_of = {c["id"]: c["version"] for c in claims_doc["claims"]}
        revisions = sorted(
            (f["measure"], [version_of[i] for i in f["claims"]]) for f in findings if f["kind"] == "revision"
        )
        assert revisions == [
            ("employees", ["2019-07-01", "2020-05-13"]),
            ("offices", ["2018-01-03", "2019-07-01"]),
        ]
    else:
        assert "revision" in KINDS  # the kind is declared, so the format already allows it
