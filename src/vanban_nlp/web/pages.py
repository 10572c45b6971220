"""The pages: inbox (/), document (/documents/{id}), tasks board (/tasks), sign-in, API docs."""

from __future__ import annotations

import math
import time
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from ..export.html import CATEGORIES, highlighted_text
from .desk import HEADER_FIELDS, RECURRENCES, TaskFilters
from .security import COOKIE, same_secret
from .views import HEADER_LABELS, SEARCH_REASONS, deadline_state

PAGE_SIZE = 50
BOARD_LIMIT = 500


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _safe_next(value: str | None) -> str:
    """Only a path on this site (never //host or a scheme) to go back to."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


def page_router(web: Any) -> APIRouter:  # noqa: C901 (a list of routes)
    router = APIRouter(include_in_schema=False)

    # --- inbox ----------------------------------------------------------------------------
    @router.get("/")
    def inbox(request: Request, q: str | None = Query(None), page: int = Query(1, ge=1)) -> Response:
        web.page_session(request)
        desk = web.desk()
        query = (q or "").strip()
        if query:
            documents = desk.search(query)
            total = len(documents)
        else:
            total = desk.count_documents()
            documents = desk.list_documents(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        return web.render(
            request,
            "inbox.html",
            documents=documents,
            total=total,
            query=query,
            page=page,
            pages=max(1, math.ceil(total / PAGE_SIZE)) if not query else 1,
            uploads=desk.uploads(limit=10),
            reasons=SEARCH_REASONS,
            limits=web.config.limits,
        )

    @router.post("/upload")
    def upload(request: Request, csrf: str = Form(""), file: list[UploadFile] = File(...)) -> Response:
        web.check_form(request, csrf)
        if len(file) > web.config.limits.max_files:
            raise HTTPException(413, f"Mỗi lần tải lên tối đa {web.config.limits.max_files} tệp")
        for one in file:
            data = one.file.read(web.config.limits.max_bytes + 1)
            if len(data) > web.config.limits.max_bytes:
                web.intake.refuse(one.filename or "", "limit-exceeded", "Tệp lớn hơn giới hạn")
            elif data:
                web.intake.accept(one.filename, data)
        return _see("/")

    # --- document page --------------------------------------------------------------------
    @router.get("/documents/{doc_id}")
    def document_page(request: Request, doc_id: int) -> Response:
        web.page_session(request)
        desk = web.desk()
        document = desk.document(doc_id)
        review = desk.review(doc_id)
        numbers = [r.number for r in document.references]
        linked = desk.documents_numbered(numbers)
        tasks = desk.document_tasks(doc_id)
        header = desk.header(doc_id)
        return web.render(
            request,
            "document.html",
            doc_id=doc_id,
            document=document,
            header=header,
            machine_header={k: getattr(document.header, k) for k in HEADER_FIELDS},
            header_labels=HEADER_LABELS,
            review=review,
            highlighted=Markup(highlighted_text(document)),
            categories=CATEGORIES,
            references=[(r, linked.get(r.number)) for r in document.references],
            cited_by=[d for d in desk.citing(document.header.number) if d["id"] != doc_id],
            tasks=[t for t in tasks if not t.rejected],
            rejected=[t for t in tasks if t.rejected],
            recurrences=RECURRENCES,
            today=date.today(),
            deadline_state=deadline_state,
        )

    @router.post("/documents/{doc_id}/header")
    def edit_header(
        request: Request,
        doc_id: int,
        csrf: str = Form(""),
        version: int = Form(...),
        number: str = Form(""),
        doc_type: str = Form(""),
        issuer: str = Form(""),
        place: str = Form(""),
        date_value: str = Form("", alias="date"),
        subject: str = Form(""),
    ) -> Response:
        web.check_form(request, csrf)
        changes = {
            "number": number,
            "doc_type": doc_type,
            "issuer": issuer,
            "place": place,
            "date": date_value,
            "subject": subject,
        }
        web.desk().edit_header(doc_id, changes, version)
        return _see(f"/documents/{doc_id}#thong-tin")

    @router.post("/documents/{doc_id}/confirm")
    def confirm(request: Request, doc_id: int, csrf: str = Form(""), version: int = Form(...)) -> Response:
        web.check_form(request, csrf)
        web.desk().confirm(doc_id, version)
        return _see(f"/documents/{doc_id}#nhiem-vu")

    @router.post("/documents/{doc_id}/tasks")
    def add_task(
        request: Request,
        doc_id: int,
        csrf: str = Form(""),
        start: int = Form(...),
        end: int = Form(...),
        content: str = Form(""),
        actors: str = Form(""),
        collaborators: str = Form(""),
        deadline: str = Form(""),
        recurrence: str = Form(""),
    ) -> Response:
        web.check_form(request, csrf)
        changes: dict[str, Any] = {
            "actors": actors,
            "collaborators": collaborators,
            "deadline": deadline,
            "recurrence": recurrence,
        }
        if content.strip():
            changes["content"] = content
        web.desk().add_task(doc_id, start, end, changes)
        return _see(f"/documents/{doc_id}#nhiem-vu")

    @router.post("/tasks/edit")
    def edit_task(
        request: Request,
        csrf: str = Form(""),
        task_id: str = Form(...),
        version: int = Form(...),
        action: str = Form("save"),
        back: str = Form("/"),
        content: str | None = Form(None),
        actors: str | None = Form(None),
        collaborators: str | None = Form(None),
        deadline: str | None = Form(None),
        recurrence: str | None = Form(None),
        status: str | None = Form(None),
    ) -> Response:
        web.check_form(request, csrf)
        changes: dict[str, Any] = {}
        if action == "reject":
            changes["rejected"] = True
        elif action == "restore":
            changes["rejected"] = False
        else:
            fields = {
                "content": content,
                "actors": actors,
                "collaborators": collaborators,
                "deadline": deadline,
                "recurrence": recurrence,
                "status": status,
            }
            changes = {k: v for k, v in fields.items() if v is not None}
        web.desk().edit_task(task_id, changes, version)
        return _see(_safe_next(back))

    # --- tasks board ----------------------------------------------------------------------
    @router.get("/tasks")
    def board(
        request: Request,
        actor: str | None = Query(None),
        status: str | None = Query(None),
        document: str | None = Query(None),
        due_before: str | None = Query(None),
        overdue: bool = Query(False),
    ) -> Response:
        web.page_session(request)
        desk = web.desk()
        from .desk import parse_date

        filters = TaskFilters(
            actor=(actor or "").strip() or None,
            status=status if status in ("open", "in_progress", "done") else None,
            document=(document or "").strip() or None,
            due_before=parse_date(due_before, "Hạn trước ngày"),
            overdue=overdue,
        )
        today = date.today()
        query = urlencode(filters.query_items())
        return web.render(
            request,
            "tasks.html",
            tasks=desk.find_tasks(filters, today, limit=BOARD_LIMIT),
            shown_count=desk.count_tasks(filters, today),
            limit=BOARD_LIMIT,
            counts=desk.deadline_counts(today),
            filters=filters,
            query=query,
            back="/tasks" + (f"?{query}" if query else ""),
            today=today,
            deadline_state=deadline_state,
        )

    # --- signing in -----------------------------------------------------------------------
    @router.get("/dang-nhap")
    def login_page(request: Request, next: str = Query("/")) -> Response:
        session = web.session(request)
        if session is None:
            session = web.sessions.new(signed_in=web.config.password is None)
            request.state.new_session = session
        if session.signed_in:
            return _see(_safe_next(next))
        return web.render(request, "login.html", next=_safe_next(next), wait=0)

    @router.post("/dang-nhap")
    def login(
        request: Request, csrf: str = Form(""), password: str = Form(""), next: str = Form("/")
    ) -> Response:
        session = web.session(request)
        if session is None or not same_secret(csrf, session.csrf):
            return _see("/dang-nhap")
        wait = web.throttle.wait_seconds()
        if wait > 0:
            time.sleep(min(wait, 30))
        if not same_secret(password, web.config.password):
            web.throttle.failed()
            return web.render(request, "login.html", 401, next=_safe_next(next), failed=True, wait=0)
        web.throttle.succeeded()
        web.sessions.drop(session.id)  # a new session id on signing in
        request.state.new_session = web.sessions.new(signed_in=True)
        return web.with_cookie(request, _see(_safe_next(next)))

    @router.post("/dang-xuat")
    def logout(request: Request, csrf: str = Form("")) -> Response:
        session = web.session(request)
        if session is not None and same_secret(csrf, session.csrf):
            web.sessions.drop(session.id)
        response = _see("/dang-nhap" if web.config.password else "/")
        response.delete_cookie(COOKIE, path="/")
        return response

    # --- API documentation ----------------------------------------------------------------
    @router.get("/docs")
    def docs(request: Request) -> Response:
        schema = request.app.openapi()
        operations = []
        for path, methods in schema["paths"].items():
            for method, operation in methods.items():
                operations.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": operation.get("summary", ""),
                        "parameters": operation.get("parameters", []),
                        "body": _body_fields(schema, operation),
                        "writes": method.upper() != "GET",
                    }
                )
        return web.render(
            request, "docs.html", operations=operations, description=schema["info"]["description"]
        )

    return router


def _body_fields(schema: dict, operation: dict) -> list[dict]:
    """The fields of an operation's JSON or form body, from the OpenAPI components."""
    content = operation.get("requestBody", {}).get("content", {})
    for media in ("application/json", "multipart/form-data"):
        if media not in content:
            continue
        ref = content[media]["schema"].get("$ref") or content[media]["schema"].get("anyOf", [{}])[0].get(
            "$ref"
        )
        if not ref:
            return []
        component = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]
        return [
            {"name": name, "description": field.get("description", ""), "media": media}
            for name, field in component.get("properties", {}).items()
        ]
    return []
