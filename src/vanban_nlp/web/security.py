"""Who may do what: the API token, page sessions with CSRF tokens, the password, and a guard on
every request (Host header, body size, security headers).

- The JSON API takes `Authorization: Bearer <token>` for every call that changes something; pages
  use a session cookie (HttpOnly, SameSite=Strict) and send the session's CSRF token with every
  form and script request.
- Without a password (loopback only) a browser gets a session on its first page; with one, the
  pages ask for it first and API reads need the token or a signed-in session too.
- Requests whose Host header is not the loopback name the server was bound to are refused
  (DNS rebinding), request bodies are cut off past the upload limit, and every response carries a
  Content-Security-Policy that allows only the app's own scripts and styles.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
COOKIE = "vanban_session"
CSRF_HEADER = "x-csrf-token"
SESSION_SECONDS = 12 * 3600
MAX_SESSIONS = 2000
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def same_secret(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison; nothing matches a missing secret."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def bearer(headers: Any) -> str | None:
    value = headers.get("authorization") or ""
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


@dataclass
class Session:
    id: str
    csrf: str
    signed_in: bool
    seen: float = field(default_factory=time.monotonic)


class Sessions:
    """Page sessions, kept in memory (a restart signs everyone out)."""

    def __init__(self) -> None:
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def new(self, signed_in: bool) -> Session:
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), signed_in)
        with self._lock:
            if len(self._sessions) >= MAX_SESSIONS:
                oldest = sorted(self._sessions.values(), key=lambda s: s.seen)[: MAX_SESSIONS // 4]
                for stale in oldest:
                    self._sessions.pop(stale.id, None)
            self._sessions[session.id] = session
        return session

    def get(self, session_id: str | None) -> Session | None:
        if not session_id:
            return None
        with self._lock:
            session = self._sessions.get(session_id)
            if session is None:
                return None
            if time.monotonic() - session.seen > SESSION_SECONDS:
                del self._sessions[session_id]
                return None
            session.seen = time.monotonic()
            return session

    def drop(self, session_id: str | None) -> None:
        with self._lock:
            self._sessions.pop(session_id or "", None)


class LoginThrottle:
    """Wrong passwords slow the next try down (1 s, 2 s, 4 s … up to 30 s) for everyone."""

    def __init__(self) -> None:
        self.failures = 0
        self.until = 0.0
        self._lock = threading.Lock()

    def wait_seconds(self) -> float:
        return max(0.0, self.until - time.monotonic())

    def failed(self) -> None:
        with self._lock:
            self.failures += 1
            self.until = time.monotonic() + min(30.0, 2.0 ** (self.failures - 1))

    def succeeded(self) -> None:
        with self._lock:
            self.failures, self.until = 0, 0.0


class BodyTooLarge(Exception):
    pass


class Guard:
    """ASGI middleware: Host check, body size limit, security headers."""

    def __init__(self, app: Any, max_body: int, bound_host: str):
        self.app = app
        self.max_body = max_body
        # bound to loopback: only loopback names may be asked for (a rebinding page cannot reach us)
        self.allowed_hosts = (
            LOOPBACK_NAMES | {bound_host.strip("[]").lower()} if is_loopback(bound_host) else None
        )

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.allowed_hosts is not None and _hostname(headers.get("host", "")) not in self.allowed_hosts:
            await _plain(send, 400, "Tên máy chủ (Host) không hợp lệ")
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _plain(send, 413, "Dữ liệu gửi lên vượt quá giới hạn")
            return
        received = 0
        started = False

        async def limited_receive() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge
            return message

        async def secured_send(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = dict(message)
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except BodyTooLarge:
            if not started:
                await _plain(send, 413, "Dữ liệu gửi lên vượt quá giới hạn")


def _hostname(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def _plain(send: Any, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ]
            + SECURITY_HEADERS,
        }
    )
    await send({"type": "http.response.body", "body": body})
