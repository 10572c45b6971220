"""`create_app(config)`: the clerk's desk as a FastAPI application (pages, JSON API, static files)."""

from __future__ import annotations

import secrets
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..store.sqlite import Store
from . import security
from .desk import Conflict, Desk, Invalid, NotFound
from .intake import Intake, UploadLimits
from .security import COOKIE, CSRF_HEADER, Guard, LoginThrottle, Session, Sessions, bearer, same_secret

HERE = Path(__file__).resolve().parent


@dataclass
class ServeConfig:
    db: Path
    host: str = "127.0.0.1"
    port: int = 8000
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    password: str | None = None
    limits: UploadLimits = field(default_factory=UploadLimits)
    workers: int = 1

    @property
    def max_body(self) -> int:
        return self.limits.max_bytes * self.limits.max_files + 1048576


class LoginRequired(Exception):
    def __init__(self, next_url: str):
        self.next_url = next_url


class Web:
    """What every route needs: the store (one connection per thread), the intake, sessions,
    templates and the checks of who is asking."""

    def __init__(self, config: ServeConfig):
        self.config = config
        self.sessions = Sessions()
        self.throttle = LoginThrottle()
        self._local = threading.local()
        self._stores: list[Store] = []
        self._stores_lock = threading.Lock()
        Store(config.db).close()  # create or upgrade the store once, before any thread opens it
        self.intake = Intake(self.desk, workers=config.workers, limits=config.limits)
        self.templates = Environment(
            loader=FileSystemLoader(str(HERE / "templates")),
            autoescape=select_autoescape(["html"], default=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        from .views import FILTERS

        self.templates.filters.update(FILTERS)

    def desk(self) -> Desk:
        desk = getattr(self._local, "desk", None)
        if desk is None:
            store = Store(self.config.db)
            with self._stores_lock:
                self._stores.append(store)
            desk = self._local.desk = Desk(store)
        return desk

    def close(self) -> None:
        with self._stores_lock:
            for store in self._stores:
                try:
                    store.close()
                except Exception:  # a connection made in another thread: left to the process end
                    pass
            self._stores.clear()

    # --- who is asking --------------------------------------------------------------------
    def session(self, request: Request) -> Session | None:
        return self.sessions.get(request.cookies.get(COOKIE))

    def page_session(self, request: Request) -> Session:
        """The page's session: made on first visit when there is no password; with a password,
        LoginRequired until the visitor signs in."""
        session = self.session(request)
        if session is None:
            session = self.sessions.new(signed_in=self.config.password is None)
            request.state.new_session = session
        if not session.signed_in:
            request.state.new_session = session
            raise LoginRequired(_local_url(request))
        return session

    def check_form(self, request: Request, csrf: str | None) -> Session:
        session = self.page_session(request)
        if not same_secret(csrf, session.csrf):
            raise HTTPException(403, "Phiên làm việc đã hết hạn hoặc yêu cầu không hợp lệ; hãy tải lại trang")
        return session

    def api_writer(self, request: Request) -> None:
        """A call that changes something: the API token, or a signed-in page session with its CSRF token."""
        if same_secret(bearer(request.headers), self.config.token):
            return
        session = self.session(request)
        if session and session.signed_in and same_secret(request.headers.get(CSRF_HEADER), session.csrf):
            return
        raise HTTPException(
            401, "Cần mã truy cập: Authorization: Bearer <mã>", headers={"WWW-Authenticate": "Bearer"}
        )

    def api_reader(self, request: Request) -> None:
        """Reading: open on a loopback server without password; otherwise as for writing, minus CSRF."""
        if self.config.password is None or same_secret(bearer(request.headers), self.config.token):
            return
        session = self.session(request)
        if session and session.signed_in:
            return
        raise HTTPException(
            401, "Cần mã truy cập: Authorization: Bearer <mã>", headers={"WWW-Authenticate": "Bearer"}
        )

    # --- rendering ------------------------------------------------------------------------
    def render(self, request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        session = getattr(request.state, "new_session", None) or self.session(request)
        context.update(
            request=request,
            csrf=session.csrf if session else "",
            signed_in=bool(session and session.signed_in),
            password=self.config.password is not None,
        )
        response = HTMLResponse(
            self.templates.get_template(template).render(**context), status_code=status_code
        )
        self.with_cookie(request, response)
        return response

    def with_cookie(self, request: Request, response: Response) -> Response:
        session = getattr(request.state, "new_session", None)
        if session is not None:
            set_session_cookie(response, session)
        return response


def set_session_cookie(response: Response, session: Session) -> None:
    response.set_cookie(
        COOKIE, session.id, httponly=True, samesite="strict", path="/", max_age=security.SESSION_SECONDS
    )


def _local_url(request: Request) -> str:
    """The path and query asked for: a place on this site to come back to after signing in."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def create_app(config: ServeConfig) -> Any:
    """The ASGI application (the FastAPI app wrapped in the request guard); `.web` and `.fastapi`
    give the parts."""
    web = Web(config)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        web.intake.start()
        try:
            yield
        finally:
            web.intake.stop()
            web.close()

    app = FastAPI(
        title="vanban-nlp — bàn làm việc văn thư",
        description=(
            "API JSON của `vanban serve`: văn bản đến, nhiệm vụ, xuất danh sách. Các lệnh thay đổi dữ liệu"
            " cần `Authorization: Bearer <mã>` (mã in ra khi khởi động hoặc lấy từ VANBAN_TOKEN)."
        ),
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = web
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        from urllib.parse import quote

        response = RedirectResponse(f"/dang-nhap?next={quote(exc.next_url, safe='')}", status_code=303)
        return web.with_cookie(request, response)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "Không tìm thấy"}, status_code=404)
        return web.render(
            request, "error.html", 404, title="Không tìm thấy", message="Không tìm thấy mục này."
        )

    @app.exception_handler(Conflict)
    async def conflict(request: Request, exc: Conflict) -> Response:
        message = "Người khác vừa sửa mục này; hãy tải lại trang để xem bản mới nhất rồi sửa lại."
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message, "version": exc.current}, status_code=409)
        return web.render(request, "error.html", 409, title="Xung đột chỉnh sửa", message=message)

    @app.exception_handler(Invalid)
    async def invalid(request: Request, exc: Invalid) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return web.render(request, "error.html", 422, title="Giá trị không hợp lệ", message=str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/") or request.url.path.startswith("/static/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return web.render(
            request, "error.html", exc.status_code, title="Không thực hiện được", message=str(exc.detail)
        )

    from .api import api_router
    from .pages import page_router

    app.include_router(api_router(web))
    app.include_router(page_router(web))
    guarded = Guard(app, config.max_body, config.host)
    guarded.web = web  # type: ignore[attr-defined]
    guarded.fastapi = app  # type: ignore[attr-defined]
    return guarded


__all__ = ["Conflict", "Markup", "ServeConfig", "Web", "create_app"]
