"""The review server's guards (token, Origin, Host, loopback) and its write path, over real HTTP in-process."""

from __future__ import annotations

import datetime as dt
import http.client
import threading
import urllib.parse
from pathlib import Path

import pytest

from claimcheck.checker.outcome import EXIT_ERROR
from claimcheck.errors import ClaimcheckError
from claimcheck.resolutions import read_resolutions
from claimcheck.review import ReviewApp, make_server

from .corpus import cli, finding_of_kind, ice_with_conflict, run_api


@pytest.fixture
def served(tmp_path: Path):
    corpus = ice_with_conflict(tmp_path)
    app = ReviewApp(corpus / "claimcheck.toml", corpus, today=lambda: dt.date(2026, 11, 25))
    server = make_server(app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, corpus
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _request(server, method: str, path: str, body: dict | None = None, headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    hdrs = {"Host": f"127.0.0.1:{server.port}"}
    data = None
    if body is not None:
        data = urllib.parse.urlencode(body)
        hdrs["Content-Type"] = "application/x-www-form-urlencoded"
    hdrs.update(headers or {})
    try:
        conn.request(method, path, body=data, headers={k: v for k, v in hdrs.items() if v is not None})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8")
    finally:
        conn.close()


def _post(server, body: dict | None, headers: dict | None = None):
    return _request(server, "POST", f"/{server.token}/resolve", body, headers)


def _form(server, corpus: Path, **overrides) -> dict:
    conflict = finding_of_kind(run_api(corpus), "conflict")
    form = {
        "token": server.token,
        "finding": conflict.id,
        "evidence_digest": conflict.evidence_digest,
        "decision": "expected-change",
        "reviewer": "alice",
        "note": "checked",
        "preferred_source": "",
    }
    form.update(overrides)
    return {k: v for k, v in form.items() if v is not None}


def _origin(server) -> dict:
    return {"Origin": f"http://127.0.0.1:{server.port}"}


def test_binds_loopback_by_default_on_a_free_port(served):
    server, _ = served
    assert server.server_address[0] == "127.0.0.1"
    assert server.port > 0
    assert server.url == f"http://127.0.0.1:{server.port}/{server.token}/"
    assert len(server.token) >= 40


def test_other_addresses_need_allow_remote(tmp_path: Path):
    corpus = ice_with_conflict(tmp_path)
    app = ReviewApp(corpus / "claimcheck.toml", corpus)
    with pytest.raises(ClaimcheckError, match="--allow-remote"):
        make_server(app, "0.0.0.0")
    got = cli(["review", "--host", "0.0.0.0", "--config", str(corpus / "claimcheck.toml")], corpus)
    assert got.exit_code == EXIT_ERROR and "--allow-remote" in got.output
    server = make_server(app, "0.0.0.0", allow_remote=True)
    try:
        assert server.server_address[0] == "0.0.0.0"
    finally:
        server.server_close()


def test_every_page_needs_the_token(served):
    server, _ = served
    assert _request(server, "GET", "/")[0] == 403
    assert _request(server, "GET", "/report/index.html")[0] == 403
    assert _request(server, "GET", "/" + "x" * len(server.token) + "/")[0] == 403
    status, headers, text = _request(server, "GET", f"/{server.token}/")
    assert status == 200
    assert f'name="token" value="{server.token}"' in text
    assert "form-action 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY" and headers["Referrer-Policy"] == "same-origin"


def test_a_post_without_the_token_is_refused(served):
    server, corpus = served
    form = _form(server, corpus, token=None)
    status, _, text = _request(server, "POST", f"/{server.token}/resolve", form, _origin(server))
    assert status == 403 and "token" in text and server.token not in text
    status, _, _ = _post(server, _form(server, corpus, token="nope"), _origin(server))
    assert status == 403
    # The path token alone is not enough, and the form token without the path token neither.
    assert _request(server, "POST", "/resolve", _form(server, corpus), _origin(server))[0] == 403
    assert not (corpus / "claimcheck-resolutions.toml").exists()


def test_a_post_from_a_foreign_origin_is_refused(served):
    server, corpus = served
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": f"http://localhost:{server.port + 1}"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
    ):
        status, _, text = _request(server, "POST", f"/{server.token}/resolve", _form(server, corpus), headers)
        assert status == 403, headers
        assert "Cross-origin" in text and server.token not in text  # a refused request learns nothing
    assert not (corpus / "claimcheck-resolutions.toml").exists()


def test_a_foreign_host_header_is_refused(served):
    # DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends Host: evil.example.
    server, corpus = served
    evil = {"Host": f"evil.example:{server.port}"}
    assert _request(server, "GET", f"/{server.token}/", headers=evil)[0] == 403
    assert _request(server, "POST", f"/{server.token}/resolve", _form(server, corpus), evil)[0] == 403
    assert _request(server, "GET", f"/{server.token}/", headers={"Host": f"localhost:{server.port}"})[0] == 200


def test_a_valid_post_records_the_decision_and_the_page_shows_it(served):
    server, corpus = served
    form = _form(server, corpus)
    status, headers, _ = _request(server, "POST", f"/{server.token}/resolve", form, _origin(server))
    assert status == 303
    assert headers["Location"] == f"/{server.token}/?saved={form['finding']}#{form['finding']}"
    (entry,) = read_resolutions(corpus / "claimcheck-resolutions.toml").resolutions
    got = (entry.finding, entry.decision, entry.reviewer, entry.note)
    assert got == (form["finding"], "expected-change", "alice", "checked")
    assert entry.date == dt.date(2026, 11, 25) and entry.evidence_digest == form["evidence_digest"]
    status, _, page = _request(server, "GET", headers["Location"].split("#")[0])
    assert status == 200
    assert "Recorded the decision about" in page
    article = page.split(f'id="{form["finding"]}"', 1)[1].split("</article>", 1)[0]
    assert "<span class=\"badge status\" data-status>resolved</span>" in article
    assert finding_of_kind(run_api(corpus), "conflict").status == "resolved"


def test_the_token_may_come_in_a_header(served):
    server, corpus = served
    form = _form(server, corpus, token=None)
    status, _, _ = _request(server, "POST", f"/{server.token}/resolve", form, {"X-Claimcheck-Token": server.token})
    assert status == 303


def test_a_decision_on_evidence_that_changed_since_the_page_loaded_is_refused(served):
    server, corpus = served
    form = _form(server, corpus, evidence_digest="0" * 64)
    status, _, text = _request(server, "POST", f"/{server.token}/resolve", form, _origin(server))
    assert status == 409 and "changed after this page was loaded" in text
    assert not (corpus / "claimcheck-resolutions.toml").exists()


def test_bad_forms_are_400_and_write_nothing(served):
    server, corpus = served
    for overrides in ({"decision": "maybe"}, {"reviewer": ""}, {"decision": "source-preferred"}, {"finding": None}):
        status, _, _ = _post(server, _form(server, corpus, **overrides), _origin(server))
        assert status in (400, 404), overrides
    assert not (corpus / "claimcheck-resolutions.toml").exists()
    body = {"token": server.token}
    status, _, _ = _post(server, None, {"Content-Type": "text/plain", "Content-Length": "0"})
    assert status == 415
    assert _request(server, "PUT", f"/{server.token}/resolve", body)[0] == 405


def test_the_report_is_served_from_memory(served):
    server, corpus = served
    status, headers, text = _request(server, "GET", f"/{server.token}/report/findings.json")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert '"findings"' in text
    status, _, _ = _request(server, "GET", f"/{server.token}/report/index.html")
    assert status == 200
    assert _request(server, "GET", f"/{server.token}/report/nope.html")[0] == 404
    assert not (corpus / "claimcheck-report").exists()
