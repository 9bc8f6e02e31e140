"""The review server's HTTP side: routing, and the checks every request passes (Host, token, Origin).

Every URL carries the session token as its first path segment (``/TOKEN/``), so neither the
pages (which hold the token in their forms) nor the report can be read without it, and relative
links inside the report keep working. Every POST also carries the token in a form field or the
``X-Claimcheck-Token`` header, and a browser's ``Origin`` must be this server's own. The Host
header must name this server, so a DNS-rebinding page cannot talk to it under another name.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
import sys
import traceback
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from claimcheck.errors import ClaimcheckError
from claimcheck.resolutions import display_path
from claimcheck.review.app import ReviewApp, ReviewError
from claimcheck.review.page import build_review_page, render_error_page, render_review_page

MAX_BODY = 64 * 1024
TOKEN_HEADER = "X-Claimcheck-Token"
# form-action 'self': the review forms post here and nowhere else; nothing may frame the pages.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
# The report's pages carry their own Content-Security-Policy (a meta tag); served here they only
# get the directives a meta tag cannot set, so the report's own rules stay in charge of the rest.
REPORT_CSP = "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".sarif": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
_WILDCARDS = {"", "0.0.0.0", "::"}


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class ReviewServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that knows its session: the app, the token and the host names it answers to."""

    daemon_threads = True

    def __init__(self, app: ReviewApp, host: str, port: int, token: str) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.app = app
        self.token = token
        self.bind_host = host
        super().__init__((host, port), ReviewHandler)
        self.port = self.server_address[1]
        self.allowed_hosts = _allowed_hosts(host, self.port)

    @property
    def base(self) -> str:
        return f"/{self.token}/"

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.bind_host in _WILDCARDS else self.bind_host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}{self.base}"


def _allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    if host in _WILDCARDS:
        return None  # every interface: any name may reach it; the token still guards every request
    names = {host, f"[{host}]"} if ":" in host else {host}
    if is_loopback(host):
        names |= {"localhost", "127.0.0.1", "[::1]"}
    return frozenset(f"{name.lower()}:{port}" for name in names)


def make_server(app: ReviewApp, host: str = "127.0.0.1", port: int = 0, *, allow_remote: bool = False) -> ReviewServer:
    """Bind the review server (port 0: a free one). Anything but loopback needs ``allow_remote``."""
    if not allow_remote and not is_loopback(host):
        raise ClaimcheckError(
            None,
            f"--host {host} is not a loopback address: pass --allow-remote to let other machines reach the "
            "review server (anyone who learns its URL can then write resolutions)",
        )
    try:
        return ReviewServer(app, host, port, secrets.token_urlsafe(32))
    except OSError as exc:
        raise ClaimcheckError(None, f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


class ReviewHandler(BaseHTTPRequestHandler):
    """One request: check Host and token, then route."""

    server: ReviewServer
    server_version = "claimcheck-review"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    # --- entry points -------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        route = self._route()
        if route is None:
            return
        path, query = route
        try:
            if path == "":
                self._review_page(query)
            elif path == "report" or path == "report/":
                self._redirect(f"{self.server.base}report/index.html")
            elif path.startswith("report/"):
                self._report_file(path.removeprefix("report/"))
            else:
                self._error(HTTPStatus.NOT_FOUND, "No such page.")
        except ClaimcheckError as exc:
            # A broken config or resolutions file: say so and keep serving, so a fix shows on reload.
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
        except Exception as exc:  # a bug must not take the session down; the traceback goes to stderr
            traceback.print_exc()
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"Internal error: {type(exc).__name__}: {exc}")

    def do_POST(self) -> None:  # noqa: N802
        route = self._route()
        if route is None:
            return
        path, _ = route
        if path != "resolve":
            self._error(HTTPStatus.NOT_FOUND, "No such action.")
            return
        if not self._same_origin():
            self._error(HTTPStatus.FORBIDDEN, "Cross-origin request refused.", back=False)
            return
        form = self._form()
        if form is None:
            return
        supplied = form.get("token") or self.headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(supplied.encode(), self.server.token.encode()):
            self._error(HTTPStatus.FORBIDDEN, "Missing or wrong session token.", back=False)
            return
        try:
            resolution = self.server.app.resolve(form)
        except ReviewError as exc:
            self._error(exc.status, exc.message)
            return
        except ClaimcheckError as exc:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
            return
        except Exception as exc:
            traceback.print_exc()
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"Internal error: {type(exc).__name__}: {exc}")
            return
        saved = urllib.parse.quote(resolution.finding)
        self._redirect(f"{self.server.base}?saved={saved}#{saved}")

    def do_PUT(self) -> None:  # noqa: N802
        self._method_not_allowed()

    do_DELETE = do_PATCH = do_PUT

    # --- checks -------------------------------------------------------------------------------

    def _route(self) -> tuple[str, dict[str, list[str]]] | None:
        """The path after the token and the query, or None when the request was refused."""
        allowed = self.server.allowed_hosts
        host = (self.headers.get("Host") or "").strip().lower()
        if allowed is not None and host not in allowed:
            self._error(HTTPStatus.FORBIDDEN, "Unexpected Host header.", back=False)
            return None
        parts = urllib.parse.urlsplit(self.path)
        first, _, rest = parts.path.lstrip("/").partition("/")
        if not hmac.compare_digest(first.encode(), self.server.token.encode()):
            self._error(
                HTTPStatus.FORBIDDEN, "Missing or wrong session token: open the URL `claimcheck review` printed.",
                back=False,
            )
            return None
        return rest, urllib.parse.parse_qs(parts.query)

    def _same_origin(self) -> bool:
        # Browsers send Origin with every POST; a client that sends none still needs the token.
        if self.headers.get("Sec-Fetch-Site", "").lower() == "cross-site":
            return False
        origin = self.headers.get("Origin")
        if origin is None:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        return origin.strip().lower() == f"http://{host}"

    def _form(self) -> dict[str, str] | None:
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype != "application/x-www-form-urlencoded":
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "Post the review form (application/x-www-form-urlencoded).")
            return None
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._error(HTTPStatus.LENGTH_REQUIRED, "Content-Length required.")
            return None
        if length < 0 or length > MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "Form too large.")
            return None
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        fields = urllib.parse.parse_qs(body, keep_blank_values=True)
        return {key: values[0] for key, values in fields.items()}

    # --- responses ----------------------------------------------------------------------------

    def _review_page(self, query: dict[str, list[str]]) -> None:
        app = self.server.app
        snap = app.snapshot()
        page = build_review_page(
            snap.result,
            token=self.server.token,
            base=self.server.base,
            resolutions_file=display_path(snap.settings.resolutions_path),
            reviewer=app.reviewer,
            saved=(query.get("saved") or [None])[0],
        )
        self._send(HTTPStatus.OK, render_review_page(page), CONTENT_TYPES[".html"])

    def _report_file(self, name: str) -> None:
        files = self.server.app.report_files()
        if name not in files:
            self._error(HTTPStatus.NOT_FOUND, f"The report has no file {name!r}.")
            return
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        self._send(HTTPStatus.OK, files[name], CONTENT_TYPES.get(suffix, "text/plain; charset=utf-8"), csp=REPORT_CSP)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self._security_headers()
        self.end_headers()

    def _method_not_allowed(self) -> None:
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "Method not allowed.", back=False)

    def _error(self, status: int, message: str, *, back: bool = True) -> None:
        self.close_connection = True  # the request body may be unread: do not reuse the connection
        self._send(
            status, render_error_page(int(status), message, self.server.base if back else None), CONTENT_TYPES[".html"]
        )

    def _send(self, status: int, text: str | bytes, content_type: str, *, csp: str = CSP) -> None:
        data = text.encode("utf-8") if isinstance(text, str) else text
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self._security_headers(csp)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _security_headers(self, csp: str = CSP) -> None:
        self.send_header("Content-Security-Policy", csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        # same-origin, not no-referrer: under no-referrer a browser posts forms with "Origin: null",
        # which the Origin check must refuse; same-origin still keeps the token out of other sites' logs.
        self.send_header("Referrer-Policy", "same-origin")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's signature)
        # Requests go to stderr like http.server's, with the session token blanked out.
        line = (format % args).replace(self.server.token, "…")
        sys.stderr.write(f"{self.address_string()} {line}\n")
