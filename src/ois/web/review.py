"""Review mode (`ois serve --review`): editors log in and correct incidents with plain HTML forms (no script: the
page CSP stays script-free). Registered by `create_app` only when review mode is on; without it the app has no
route that writes.

Security model (docs/web.md "Review mode"):
- Login: name + password (scrypt, `ois.review.auth`), throttled per name and per client; the login form carries
  a token matching a SameSite=Strict cookie (no login CSRF).
- Session: a random token in an HttpOnly, SameSite=Strict cookie (Secure over https); the database keeps its hash.
- Every POST needs the session (else 401) and the session's CSRF token in the form, from a page of this origin
  (else 403); nothing is read from the form before both checks pass.
- Writes go through the `Store` (one transaction each; merges, splits and article rejections re-resolve through
  the injected `resolver`, which holds the writer lock). Reads stay on the read-only database.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from fastapi import APIRouter, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from ois.review import actions, auth
from ois.review.actions import ActionError, Editor, Resolver
from ois.settings import Settings
from ois.store import Store

SESSION_COOKIE, LOGIN_COOKIE = "ois_session", "ois_login"
MAX_FORM_BYTES = 64_000  # the largest form (add a person, with a sentence) is a few KB
router = APIRouter(include_in_schema=False)


@dataclass
class ReviewConfig:
    """What review mode needs: the database to write, and how to re-resolve (`pipeline.add_overrides`)."""

    store_path: Path
    resolver: Resolver
    settings: Settings = field(default_factory=Settings)
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def store(self) -> Store:
        """This thread's writing connection."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.store_path, busy_timeout_s=self.settings.db_busy_timeout_s)
        return store


@dataclass(frozen=True)
class Context:
    """What a page needs to know about review mode (`review_of(request)` in templates)."""

    editor: str | None = None
    csrf: str | None = None


def install(app: FastAPI, config: ReviewConfig) -> None:
    """Turn on review mode: the session middleware and the login, logout and action routes."""
    settings = config.settings
    app.state.review = config
    app.state.templates.env.globals.update(
        review_fields={"incident": actions.INCIDENT_FIELDS, "person": actions.PERSON_FIELDS},
        review_choices=actions.CHOICES,
    )
    app.state.throttle = auth.Throttle(
        settings.login_max_failures, settings.login_window_s, settings.login_failure_delay_ms / 1000
    )

    @app.middleware("http")
    async def review_session(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        session = auth.session(request.app.state.db.conn(), request.cookies.get(SESSION_COOKIE))
        request.state.review = Context(session.editor, session.csrf) if session else Context()
        response = await call_next(request)
        if session:  # pages carrying a CSRF token are never cached
            response.headers["cache-control"] = "no-store"
        # Browsers send a form's true Origin only to its own site (no-referrer would make it "null"), so the
        # Origin check below can tell this site's forms from any other's; other sites still get no referrer.
        response.headers["referrer-policy"] = "same-origin"
        return response

    app.include_router(router)


def _config(request: Request) -> ReviewConfig:
    return request.app.state.review


async def _form(request: Request) -> dict[str, str]:
    """The url-encoded form of a POST (at most MAX_FORM_BYTES)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(415, "Send the form as application/x-www-form-urlencoded (an HTML form).")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise HTTPException(413, f"The form is larger than {MAX_FORM_BYTES:,} bytes.")
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=100))


def _same_origin(request: Request) -> bool:
    """A browser's Origin (or Referer) header, when sent, must name this server."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    return not origin or urlsplit(origin).netloc == request.headers.get("host", "")


def _session(request: Request, form: dict[str, str]) -> auth.Session:
    """The editor's session, or 401 (no session) / 403 (no or wrong CSRF token, or another site's form)."""
    session = auth.session(request.app.state.db.conn(), request.cookies.get(SESSION_COOKIE))
    if session is None:
        raise HTTPException(401, "Editing needs a login: sign in at /login (review mode).")
    if not _same_origin(request) or not auth.csrf_ok(session, form.get("csrf")):
        raise HTTPException(403, "The form's security token is missing or stale: reload the page and try again.")
    return session


def _render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context, status_code=status)


def _safe_next(target: str | None) -> str:
    """Only a path of this site (never //host or a scheme): no open redirect after login."""
    target = target or "/incidents"
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/incidents"


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    token = secrets.token_urlsafe(24)
    response = _render(request, "login.html", {"token": token, "next": _safe_next(next), "error": ""})
    _cookie(request, response, LOGIN_COOKIE, token, 3600)
    return response


def _cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="strict", secure=request.url.scheme == "https", path="/"
    )


@router.post("/login")
async def login(request: Request) -> Response:
    form = await _form(request)
    expected = request.cookies.get(LOGIN_COOKIE) or ""
    given = form.get("csrf", "")
    if not expected or not hmac.compare_digest(expected.encode(), given.encode()) or not _same_origin(request):
        raise HTTPException(403, "The login form expired: open /login again.")
    name, target = form.get("name", "").strip(), _safe_next(form.get("next"))
    throttle: auth.Throttle = request.app.state.throttle
    keys = (f"name:{name.lower()}", f"client:{request.client.host if request.client else '?'}")
    wait = throttle.retry_after_s(*keys)
    context = {"token": expected, "next": target, "error": ""}
    if wait:
        context["error"] = f"Too many failed logins: try again in {int(wait) // 60 + 1} minutes."
        response = _render(request, "login.html", context, 429)
        response.headers["retry-after"] = str(int(wait) + 1)
        return response
    config = _config(request)
    hours = config.settings.review_session_hours
    password = form.get("password", "")
    done = await run_in_threadpool(lambda: auth.login(config.store(), name, password, hours))
    if done is None:
        await run_in_threadpool(throttle.failed, *keys)
        return _render(request, "login.html", {**context, "error": "Wrong name or password."}, 401)
    throttle.succeeded(*keys)
    response = RedirectResponse(target, 303)
    _cookie(request, response, SESSION_COOKIE, done[0], int(hours * 3600))
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    _session(request, await _form(request))
    token = request.cookies.get(SESSION_COOKIE)
    await run_in_threadpool(lambda: auth.logout(_config(request).store(), token))
    response = RedirectResponse("/incidents", 303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# --- actions: each takes (config, incident or article id, form, editor) and returns where to go next -------------
def _page(incident_id: str) -> str:
    return f"/incidents/{incident_id}#review-history"


def _where(store: Store, report_id: str) -> str:
    """The page of the incident a report belongs to now (after a re-resolution)."""
    incident_id = store.previous_assignments().get(report_id)
    return _page(incident_id) if incident_id else "/incidents"


def _limits(config: ReviewConfig) -> tuple[int, int]:
    return config.settings.implausible_date_years, config.settings.implausible_date_after_days


def _person(form: dict[str, str]) -> str | None:
    return form.get("person") or None


def _value(config: ReviewConfig, incident_id: str, form: dict[str, str], editor: Editor) -> str:
    done = actions.set_value(
        config.store(), incident_id, form.get("field", ""), form.get("value"), editor, _person(form), _limits(config)
    )
    return _page(done.id)


def _revert(config: ReviewConfig, incident_id: str, form: dict[str, str], editor: Editor) -> str:
    done = actions.revert_value(
        config.store(), incident_id, form.get("field", ""), editor, _person(form), _limits(config)
    )
    return _page(done.id)


def _status(config: ReviewConfig, incident_id: str, form: dict[str, str], editor: Editor) -> str:
    store, person, status = config.store(), form.get("person", ""), form.get("status", "")
    return _page(actions.set_person_status(store, incident_id, person, status, editor, _limits(config)).id)


def _add_person(config: ReviewConfig, incident_id: str, form: dict[str, str], editor: Editor) -> str:
    values = {k: v for k, v in form.items() if k in actions.PERSON_FIELDS}
    return _page(actions.add_person(config.store(), incident_id, values, editor, _limits(config)).id)


def _state(config: ReviewConfig, incident_id: str, form: dict[str, str], editor: Editor) -> str:
    flag = form.get("flag") == "yes"
    return _page(actions.set_state(config.store(), incident_id, form.get("kind", ""), flag, editor, _limits(config)).id)


def _merge(config: ReviewConfig, incident_id: str, form: dict[str, str], editor: Editor) -> str:
    store = config.store()
    anchor = actions.incident(store, incident_id).report_ids[0]
    other = form.get("other", "").strip()
    actions.merge(store, incident_id, other, editor, config.resolver)
    return _where(store, anchor)


def _split(config: ReviewConfig, incident_id: str, form: dict[str, str], editor: Editor) -> str:
    store = config.store()
    found = actions.incident(store, incident_id)
    report = form.get("report", "")
    actions.split(store, incident_id, report, editor, config.resolver)
    return _where(store, next((r for r in found.report_ids if r != report), report))


def _link(config: ReviewConfig, incident_id: str, form: dict[str, str], editor: Editor) -> str:
    """Confirm or reject a link to a reference database row (`ois.reference`, docs/linking.md)."""
    from ois.reference.relink import LinkError, decide_link

    if not form.get("person", "").isdigit():
        raise ActionError("person must be the person's number in the incident")
    source, ref_id, person, decision = (
        form.get("source", ""),
        form.get("ref", ""),
        int(form["person"]),
        form.get("decision", ""),
    )
    try:
        decide_link(
            config.store(), source, ref_id, incident_id, person, decision, editor.name, editor.reason, config.settings
        )
    except LinkError as exc:
        raise ActionError(str(exc)) from None
    return f"/incidents/{incident_id}#ref-{source}"


INCIDENT_ACTIONS: dict[str, Callable[[ReviewConfig, str, dict[str, str], Editor], str]] = {
    "value": _value,
    "revert": _revert,
    "person": _status,
    "add-person": _add_person,
    "state": _state,
    "merge": _merge,
    "split": _split,
    "link": _link,
}


async def _act(request: Request, run: Callable[[dict[str, str], Editor], str]) -> Response:
    form = await _form(request)
    session = _session(request, form)
    editor = Editor(session.editor, form.get("reason", ""), form.get("evidence", ""))
    try:
        target = await run_in_threadpool(run, form, editor)
    except ActionError as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse(target, 303)


@router.post("/review/incidents/{incident_id}/{action}")
async def incident_action(request: Request, incident_id: str, action: str) -> Response:
    handler = INCIDENT_ACTIONS.get(action)
    if handler is None:
        raise HTTPException(404, f"No review action {action[:40]!r}; actions: {', '.join(INCIDENT_ACTIONS)}.")
    return await _act(request, lambda form, editor: handler(_config(request), incident_id, form, editor))


@router.post("/review/articles/{article_id}/not-ois")
async def article_not_ois(request: Request, article_id: str) -> Response:
    def run(form: dict[str, str], editor: Editor) -> str:
        """Back to the incident the form was on (where its other reports went), else to the article."""
        config = _config(request)
        store = config.store()
        came_from = store.incident(form.get("incident", "")) if form.get("incident") else None
        actions.set_article_not_ois(store, article_id, form.get("flag") == "yes", editor, config.resolver)
        others = [r for r in came_from.report_ids if r != article_id] if came_from else []
        return _where(store, others[0] if others else article_id) if came_from else f"/articles/{article_id}"

    return await _act(request, run)
