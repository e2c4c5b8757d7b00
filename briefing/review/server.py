"""The review page: a small Starlette app over one project's articles and corrections file.

    create_app(project) -> Starlette      GET /, GET|POST /figures/{id}, POST /sources,
                                          POST /rebuild
    serve(app, host, port)                uvicorn on host (127.0.0.1 unless told), a free port
                                          unless one is given

Article text is untrusted: every page is a jinja2 template with autoescaping, served with a
Content-Security-Policy that allows only this server's own script and style. Every POST
carries the page's CSRF token; the Host header must name this server (DNS rebinding); a
request body is at most MAX_BODY bytes; a malformed request gets a 4xx and a message, never a
traceback. Figures and sources are looked up by id and file name among the articles read, never
opened as paths; the only file written is the corrections file (briefing.consolidate.corrections).
"""

from __future__ import annotations

import datetime as _dt
import hmac
import logging
import re
import secrets
import socket
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import jinja2
import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from briefing.consolidate.corrections import (
    MAX_VALUE,
    Correction,
    correction_problems,
    load_corrections,
    replace_correction,
)
from briefing.errors import BriefingError
from briefing.parallel import use_executor
from briefing.review.items import (
    Item,
    ReviewPage,
    Snapshot,
    decision_of,
    folder_state,
    load_project_figures,
    review_items,
)
from briefing.review.project import ReviewProject
from briefing.review.rebuild import RebuildResult, rebuild

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024  #: bytes; a decision is a few hundred
MAX_FIELD = 500  #: characters of one form field
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
DECISIONS = ("confirm", "correct", "reject", "clear")
_FIGURE_ID = re.compile(r"^[0-9a-f]{12}$")
_PERIOD = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
#: What the page lets a reviewer correct on a figure, and the longest value of each.
FIGURE_FIELDS = {"subject": MAX_VALUE, "period": 20, "metric": MAX_VALUE, "unit": 32,
                 "value": 40}
SOURCE_FIELDS = {"title": 300, "outlet": 200, "date": 10}
_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("briefing.review", "templates"),
    autoescape=True,  # every value is escaped, whatever the file's name
    undefined=jinja2.StrictUndefined,
    trim_blocks=True, lstrip_blocks=True,
)


class RequestTooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(413, f"request body over {MAX_BODY:,} bytes")


# --------------------------------------------------------------------------- state


class ReviewState:
    """What the server holds: the articles as last read, the CSRF token, the write lock."""

    def __init__(self, project: ReviewProject, snapshot: Snapshot | None = None):
        self.project = project
        self.csrf = secrets.token_urlsafe(32)
        self._snapshot = snapshot or load_project_figures(project.articles, project.cache_dir)
        self._read_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self.rebuilding = threading.Lock()
        self.last_rebuild: RebuildResult | None = None
        self._html: tuple[object, str] | None = None

    def snapshot(self) -> Snapshot:
        """The articles as the build reads them; read again when the folder changed."""
        with self._read_lock:
            if folder_state(self.project.articles) != self._snapshot.state:
                self._snapshot = self._reload()
            return self._snapshot

    def reload(self) -> None:
        """Read the folder again (after a rebuild: from the fresh cache)."""
        with self._read_lock:
            self._snapshot = self._reload()

    def _reload(self) -> Snapshot:
        # in this thread: a fork pool must not start from a server's worker thread
        with ThreadPoolExecutor(max_workers=1) as executor, use_executor(executor):
            return load_project_figures(self.project.articles, self.project.cache_dir)

    def corrections(self) -> tuple[Correction, ...]:
        """The decisions so far (none before the first one made the file)."""
        if not self.project.corrections.exists():
            return ()
        return load_corrections(self.project.corrections)

    def page(self) -> ReviewPage:
        return review_items(self.snapshot(), self.corrections())

    def page_html(self) -> str:
        """The whole page, rendered again only when the articles, the corrections file or the
        last rebuild changed (a thousand figures take a fifth of a second to render)."""
        snapshot = self.snapshot()
        try:
            info = self.project.corrections.stat()
            corrections: tuple[int, int] = (info.st_mtime_ns, info.st_size)
        except OSError:
            corrections = (0, -1)
        key = (id(snapshot), corrections, id(self.last_rebuild))
        if self._html is None or self._html[0] != key:
            view = review_items(snapshot, self.corrections())
            self._html = (key, _TEMPLATES.get_template("review.html.j2").render(
                page=view, csrf=self.csrf, project=self.project, last=self.last_rebuild,
                editing=False))
        return self._html[1]

    def record(self, key: str, correction: Correction | None) -> None:
        """Replace (or, with None, remove) the whole decision about one figure or source; the
        others stay as they are, in their place, with the file's comments."""
        with self._write_lock:
            replace_correction(self.project.corrections, key, correction)
            self._html = None  # the file's time may not have moved within one clock tick


# --------------------------------------------------------------------------- requests


async def read_form(request: Request) -> FormData:
    """The POSTed form, after checking its CSRF token (403 without the right one)."""
    state: ReviewState = request.app.state.review
    try:
        form = await request.form(max_files=0, max_fields=40, max_part_size=MAX_BODY)
    except (KeyError, ValueError) as exc:
        raise HTTPException(400, f"malformed form ({exc})") from None
    if not hmac.compare_digest(str(form.get("csrf", "")).encode(), state.csrf.encode()):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page")
    return form


def field(form: FormData, name: str, limit: int = MAX_FIELD) -> str:
    """A text field, stripped; 400 when it is a file or longer than `limit`."""
    value = form.get(name, "")
    if not isinstance(value, str):
        raise HTTPException(400, f"{name}: a text field, not a file")
    value = value.strip()
    if len(value) > limit:
        raise HTTPException(400, f"{name}: at most {limit} characters")
    return value


def who_when(form: FormData) -> dict[str, str]:
    """reviewer and at, when the page was given a name."""
    reviewer = field(form, "reviewer", 80)
    if not reviewer:
        return {}
    return {"reviewer": reviewer,
            "at": _dt.datetime.now().astimezone().isoformat(timespec="seconds")}


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


async def page(request: Request) -> Response:
    state: ReviewState = request.app.state.review
    return HTMLResponse(await run_in_threadpool(state.page_html))


async def figure_page(request: Request) -> Response:
    """One figure with the form that corrects it (the page without its script links here)."""
    state: ReviewState = request.app.state.review
    item = await find_item(request)
    html = _TEMPLATES.get_template("figure.html.j2").render(it=item, csrf=state.csrf,
                                                            editing=True)
    return HTMLResponse(html)


async def find_item(request: Request) -> Item:
    """The figure the path names, among the current articles (404 otherwise)."""
    state: ReviewState = request.app.state.review
    fid = request.path_params["fid"]
    if not _FIGURE_ID.match(fid):
        raise HTTPException(404, "not a figure id (12 hexadecimal digits)")
    view = await run_in_threadpool(state.page)
    item = next((i for i in view.items if i.id == fid), None)
    if item is None:
        raise HTTPException(404, f"no figure {fid} among the current articles")
    return item


async def decide(request: Request) -> Response:
    """Confirm, correct, reject a figure, or clear the decision about it."""
    state: ReviewState = request.app.state.review
    form = await read_form(request)
    item = await find_item(request)
    fid = item.id
    decision = field(form, "decision", 10)
    if decision not in DECISIONS:
        raise HTTPException(400, f"decision must be one of {', '.join(DECISIONS)}")
    note = field(form, "note")
    extra = {"note": note, **who_when(form)}
    correction: Correction | None
    if decision == "clear":
        correction = None
    elif decision == "reject":
        correction = Correction(fid, wrong=True, **extra)
    else:  # a correction is also a confirmation: the reviewer read the sentence
        changes = corrected_fields(form, {f.name: f.value for f in item.found})
        correction = Correction(fid, confirm=True, **changes, **extra)
    await run_in_threadpool(state.record, fid, checked(correction))
    result = {"id": fid, "decision": decision_of(correction),
              "corrected": correction.changes() if correction else {},
              "reviewer": extra.get("reviewer", ""), "at": extra.get("at", "")}
    if wants_json(request):
        return JSONResponse(result)
    return RedirectResponse(f"/#f-{fid}", status_code=303)


def checked(correction: Correction | None) -> Correction | None:
    """`correction`, when the corrections file can hold it (400 naming what it cannot: an
    invisible character, a value too long …): a build must be able to read what is written."""
    problems = correction_problems(correction) if correction is not None else []
    if problems:
        raise HTTPException(400, "; ".join(problems))
    return correction


def corrected_fields(form: FormData, extracted: dict[str, str]) -> dict[str, Any]:
    """The fields the form changes from what was extracted, checked (400 when malformed)."""
    out: dict[str, Any] = {}
    for name, limit in FIGURE_FIELDS.items():
        value = field(form, name, limit)
        if not value or value == extracted.get(name, ""):
            continue
        if name == "period" and not _PERIOD.match(value):
            raise HTTPException(400, f"period: YYYY or YYYY-MM, got {value!r}")
        if name == "value":
            try:
                out[name] = float(value.replace(",", ""))
            except ValueError:
                raise HTTPException(400, f"value: a number, got {value!r}") from None
            if out[name] != out[name] or out[name] in (float("inf"), float("-inf")):
                raise HTTPException(400, f"value: a finite number, got {value!r}")
            continue
        out[name] = value
    return out


async def correct_source(request: Request) -> Response:
    """Correct an article's title, outlet or date (empty: back to what was read)."""
    state: ReviewState = request.app.state.review
    form = await read_form(request)
    name = field(form, "file", 1000)
    view = await run_in_threadpool(state.page)
    source = next((s for s in view.sources if s.file == name), None)
    if source is None:
        raise HTTPException(404, f"no article {name!r} in the articles folder")
    read = {"title": source.read_title, "outlet": source.read_outlet, "date": source.read_date}
    changes = {}
    for key, limit in SOURCE_FIELDS.items():
        value = field(form, key, limit)
        if value and value != read[key]:
            if key == "date" and not _DATE.match(value):
                raise HTTPException(400, f"date: YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
            changes[key] = value
    correction = (Correction("", source=name, note=field(form, "note"), **who_when(form),
                             **changes) if changes else None)
    await run_in_threadpool(state.record, f"source:{name}", checked(correction))
    if wants_json(request):
        return JSONResponse({"file": name, "corrected": changes})
    return RedirectResponse("/#sources", status_code=303)


async def run_rebuild(request: Request) -> Response:
    """Run the normal build (its lock respected); its messages and the issue numbers."""
    state: ReviewState = request.app.state.review
    await read_form(request)
    if not state.rebuilding.acquire(blocking=False):
        raise HTTPException(409, "a rebuild is already running")
    try:
        result = await run_in_threadpool(rebuild, state.project)
        state.last_rebuild = result
        await run_in_threadpool(state.reload)
    finally:
        state.rebuilding.release()
    if wants_json(request):
        return JSONResponse(result.as_dict())
    return RedirectResponse("/#rebuild", status_code=303)


# --------------------------------------------------------------------------- errors


async def http_error(request: Request, exc: Exception) -> Response:
    """A 4xx as a one-line message: JSON for the page's script, text otherwise."""
    assert isinstance(exc, HTTPException)
    if wants_json(request):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    return PlainTextResponse(f"{exc.status_code}: {exc.detail}\n", status_code=exc.status_code)


async def briefing_error(request: Request, exc: Exception) -> Response:
    """A broken corrections file (edited by hand) names the file and line."""
    message = f"{exc}; fix the file, then reload"
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=409)
    return PlainTextResponse(f"409: {message}\n", status_code=409)


# --------------------------------------------------------------------------- middleware


class BodyLimit:
    """Refuses a request body over `limit` bytes, by its Content-Length or as it arrives."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.limit:
            reason = "bad Content-Length" if not length.isdigit() else f"over {self.limit:,} bytes"
            await PlainTextResponse(f"413: request body {reason}\n",
                                    status_code=413 if length.isdigit() else 400)(
                scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise RequestTooLarge()
            return message

        await self.app(scope, limited, send)


class SecurityHeaders:
    """Every response: what it may load (CSP), no sniffing, no framing, no referrer."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] += [
                    (b"content-security-policy", _CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


# --------------------------------------------------------------------------- app


def create_app(project: ReviewProject, *, allowed_hosts: tuple[str, ...] = LOCAL_HOSTS,
               snapshot: Snapshot | None = None) -> Starlette:
    """The review app of one project (reads its articles now, unless given a snapshot)."""
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        HTTPException: http_error, BriefingError: briefing_error}
    app = Starlette(
        routes=[
            Route("/", page, methods=["GET"]),
            Route("/figures/{fid}", figure_page, methods=["GET"]),
            Route("/figures/{fid}", decide, methods=["POST"]),
            Route("/sources", correct_source, methods=["POST"]),
            Route("/rebuild", run_rebuild, methods=["POST"]),
            Mount("/static", StaticFiles(packages=[("briefing.review", "static")]),
                  name="static"),
        ],
        middleware=[Middleware(SecurityHeaders), Middleware(BodyLimit),
                    Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))],
        exception_handlers=handlers,
    )
    app.state.review = ReviewState(project, snapshot)
    return app


def hosts_for(host: str) -> tuple[str, ...]:
    """The Host headers the app accepts: this machine's names when it listens on loopback;
    any when the user chose another interface (the names it is reached by are unknown)."""
    return LOCAL_HOSTS if host in LOCAL_HOSTS else ("*",)


@dataclass(frozen=True)
class Listening:
    """Where the server listens."""

    host: str
    port: int
    sock: socket.socket

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


def listen(host: str, port: int | None) -> Listening:
    """A listening socket on host:port (port None: a free one the system picks)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port or 0))
    sock.listen(64)
    sock.set_inheritable(True)
    return Listening(host, sock.getsockname()[1], sock)


def serve(app: Starlette, where: Listening) -> None:
    """Serve until Ctrl-C."""
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False,
                            date_header=False)
    uvicorn.Server(config).run(sockets=[where.sock])


__all__ = ["MAX_BODY", "Listening", "ReviewState", "create_app", "hosts_for", "listen", "serve"]
