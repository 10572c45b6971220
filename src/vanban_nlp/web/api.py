"""The JSON API (documented at /docs and in the README)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Query, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from ..export import tasks as task_export
from .desk import TaskFilters, parse_date
from .intake import Accepted, is_archive

Status = Literal["open", "in_progress", "done"]
Period = Literal["P1D", "P1W", "P1M", "P3M", "P6M", "P1Y"]
WAIT_SECONDS = 300
EXPORTS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", task_export.to_xlsx),
    "csv": ("text/csv; charset=utf-8", task_export.to_csv),
    "ics": ("text/calendar; charset=utf-8", task_export.to_ics),
}


class TaskPatch(BaseModel):
    """Any of the fields; `version` (from a read) makes a stale edit fail with 409."""

    status: Status | None = None
    deadline: str | None = Field(None, description="YYYY-MM-DD (hoặc YYYY-MM); null xoá hạn")
    actors: list[str] | None = Field(None, description="Đơn vị chủ trì")
    collaborators: list[str] | None = Field(None, description="Đơn vị phối hợp")
    text: str | None = Field(None, description="Nội dung nhiệm vụ")
    recurrence: list[Period] | None = Field(None, description="Định kỳ (ISO 8601)")
    rejected: bool | None = Field(None, description="true: loại bỏ nhiệm vụ máy đề xuất sai")
    version: int | None = Field(None, description="Phiên bản đã đọc; khác phiên bản hiện tại thì trả 409")


class NewTask(BaseModel):
    start: int = Field(description="Vị trí đầu đoạn văn bản (ký tự của `document.text`)")
    end: int = Field(description="Vị trí cuối đoạn văn bản (không tính)")
    actors: list[str] = []
    collaborators: list[str] = []
    text: str | None = Field(None, description="Nội dung; mặc định là đoạn văn bản đã chọn")
    deadline: str | None = None
    recurrence: list[Period] = []


class HeaderPatch(BaseModel):
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: str | None = None
    subject: str | None = None
    version: int | None = None


class Confirm(BaseModel):
    version: int | None = None


def task_filters(
    actor: str | None = Query(
        None, description="Một phần tên đơn vị chủ trì (không phân biệt hoa thường, dấu)"
    ),
    status: Status | None = Query(None),
    overdue: bool = Query(False, description="Chưa xong và đã quá hạn"),
    due_before: date | None = Query(None, description="Hạn trước ngày này (YYYY-MM-DD)"),
    document: str | None = Query(None, description="Mã văn bản trong kho, hoặc số/ký hiệu"),
) -> TaskFilters:
    return TaskFilters(
        actor=actor,
        status=status,
        document=document,
        due_before=due_before.isoformat() if due_before else None,
        overdue=overdue,
    )


def api_router(web: Any) -> APIRouter:  # noqa: C901 (a list of routes)
    router = APIRouter(prefix="/api", tags=["API"])
    reader = [Depends(web.api_reader)]
    writer = [Depends(web.api_writer)]

    def upload_json(rows: list[dict]) -> list[dict]:
        return [
            {
                k: row[k]
                for k in (
                    "id",
                    "name",
                    "size",
                    "state",
                    "document_id",
                    "tasks",
                    "number",
                    "reason",
                    "message",
                )
            }
            for row in rows
        ]

    def read_upload(file: UploadFile) -> tuple[str, bytes | None]:
        data = file.file.read(web.config.limits.max_bytes + 1)
        return file.filename or "", (data if len(data) <= web.config.limits.max_bytes else None)

    def accept(file: UploadFile, archives: bool = True) -> list[Accepted]:
        name, data = read_upload(file)
        if data is None:
            limit = web.config.limits.max_bytes // 1048576
            return [web.intake.refuse(name, "limit-exceeded", f"Tệp lớn hơn giới hạn {limit} MB")]
        if not archives and is_archive(data):
            raise HTTPException(
                422, "Tệp ZIP: hãy gửi tới /api/uploads (mỗi văn bản trong ZIP là một lần tải lên)"
            )
        return web.intake.accept(name, data)

    @router.post(
        "/documents",
        dependencies=writer,
        status_code=201,
        summary="Tải lên một văn bản và chờ đọc xong",
        responses={
            200: {"description": "Văn bản trùng với văn bản đã có"},
            422: {"description": "Không đọc được"},
        },
    )
    def post_document(file: UploadFile = File(..., description="TXT, DOCX, PDF hoặc HTML")) -> Response:
        [item] = accept(file, archives=False)
        if item.job is not None and not item.job.done.wait(WAIT_SECONDS):
            raise HTTPException(504, "Chưa đọc xong; xem /api/uploads?ids=" + str(item.upload_id))
        desk = web.desk()
        upload = desk.uploads(ids=[item.upload_id])[0]
        if upload["state"] == "failed":
            return JSONResponse(
                {"detail": upload["message"], "reason": upload["reason"], "upload_id": item.upload_id},
                status_code=422,
            )
        doc_id = upload["document_id"]
        body = {
            "id": doc_id,
            "upload_id": item.upload_id,
            "duplicate": upload["state"] == "duplicate",
            "document": desk.document_json(doc_id),
            "tasks": [t.to_api() for t in desk.document_tasks(doc_id) if not t.rejected],
        }
        return JSONResponse(body, status_code=200 if body["duplicate"] else 201)

    @router.post(
        "/uploads", dependencies=writer, status_code=202, summary="Tải lên nhiều tệp (cả ZIP), đọc dần"
    )
    def post_uploads(
        file: list[UploadFile] = File(..., description="Một hay nhiều tệp, cùng tên trường `file`"),
    ) -> Any:
        if len(file) > web.config.limits.max_files:
            raise HTTPException(413, f"Mỗi lần tải lên tối đa {web.config.limits.max_files} tệp")
        ids = [item.upload_id for one in file for item in accept(one)]
        return {"uploads": upload_json(web.desk().uploads(ids=ids, limit=len(ids) or 1))}

    @router.get("/uploads", dependencies=reader, summary="Tiến độ các lần tải lên")
    def get_uploads(ids: str = Query("", description="Mã các lần tải lên, cách nhau bởi dấu phẩy")) -> Any:
        wanted = [int(i) for i in ids.split(",") if i.strip().isdigit()][:500]
        rows = web.desk().uploads(ids=wanted or None, limit=max(20, len(wanted)))
        return {"uploads": upload_json(rows), "pending": web.intake.pending()}

    @router.get("/documents", dependencies=reader, summary="Danh sách văn bản, hoặc tìm kiếm")
    def list_documents(
        q: str | None = Query(None, description="Số/ký hiệu hoặc các từ cần tìm"),
        limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0),
    ) -> Any:
        desk = web.desk()
        if q and q.strip():
            return {"documents": desk.search(q, limit=limit)}
        return {"documents": desk.list_documents(limit=limit, offset=offset), "total": desk.count_documents()}

    @router.get(
        "/documents/{doc_id}",
        dependencies=reader,
        summary="Một văn bản: kết quả máy đọc, hiệu chỉnh, nhiệm vụ",
    )
    def get_document(doc_id: int) -> Any:
        desk = web.desk()
        document = desk.document_json(doc_id)
        review = desk.review(doc_id)
        return {
            "id": doc_id,
            "document": document,
            "header": desk.header(doc_id),
            "review": {
                "header": review.header,
                "confirmed_at": review.confirmed_at,
                "version": review.version,
            },
            "tasks": [t.to_api() for t in desk.document_tasks(doc_id)],
            "cited_by": [d["id"] for d in desk.citing(document["header"]["number"])],
        }

    @router.patch("/documents/{doc_id}", dependencies=writer, summary="Sửa thông tin văn bản (phần đầu)")
    def patch_document(doc_id: int, patch: HeaderPatch) -> Any:
        changes = patch.model_dump(exclude_unset=True)
        version = changes.pop("version", None)
        review = web.desk().edit_header(doc_id, changes, version)
        return {
            "header": web.desk().header(doc_id),
            "version": review.version,
            "confirmed_at": review.confirmed_at,
        }

    @router.post(
        "/documents/{doc_id}/tasks",
        dependencies=writer,
        status_code=201,
        summary="Thêm nhiệm vụ từ đoạn văn bản",
    )
    def add_task(doc_id: int, new: NewTask) -> Any:
        changes: dict[str, Any] = {
            "actors": new.actors,
            "collaborators": new.collaborators,
            "recurrence": list(new.recurrence),
            "deadline": parse_date(new.deadline, "Hạn xử lý", month_ok=True),
        }
        if new.text:
            changes["content"] = new.text
        return web.desk().add_task(doc_id, new.start, new.end, changes).to_api()

    @router.post("/documents/{doc_id}/confirm", dependencies=writer, summary="Xác nhận danh sách nhiệm vụ")
    def confirm(doc_id: int, body: Confirm | None = None) -> Any:
        review = web.desk().confirm(doc_id, body.version if body else None)
        return {"confirmed_at": review.confirmed_at, "version": review.version}

    @router.get("/tasks", dependencies=reader, summary="Danh sách nhiệm vụ theo bộ lọc")
    def get_tasks(filters: TaskFilters = Depends(task_filters)) -> Any:
        return [t.to_api() for t in web.desk().find_tasks(filters)]

    def export(fmt: str, filters: TaskFilters) -> Response:
        media_type, render = EXPORTS[fmt]
        tasks = [t.task for t in web.desk().find_tasks(filters)]
        return Response(
            render(tasks),
            media_type=media_type,
            headers={"Content-Disposition": f'attachment; filename="nhiem-vu.{fmt}"'},
        )

    @router.get("/tasks.xlsx", dependencies=reader, summary="Xuất danh sách nhiệm vụ (Excel)")
    def tasks_xlsx(filters: TaskFilters = Depends(task_filters)) -> Response:
        return export("xlsx", filters)

    @router.get("/tasks.csv", dependencies=reader, summary="Xuất danh sách nhiệm vụ (CSV)")
    def tasks_csv(filters: TaskFilters = Depends(task_filters)) -> Response:
        return export("csv", filters)

    @router.get("/tasks.ics", dependencies=reader, summary="Xuất danh sách nhiệm vụ (lịch ICS)")
    def tasks_ics(filters: TaskFilters = Depends(task_filters)) -> Response:
        return export("ics", filters)

    @router.get("/tasks/{task_id:path}", dependencies=reader, summary="Một nhiệm vụ")
    def get_task(task_id: str) -> Any:
        return web.desk().get_task(task_id).to_api()

    @router.patch("/tasks/{task_id:path}", dependencies=writer, summary="Sửa một nhiệm vụ")
    def patch_task(task_id: str, patch: TaskPatch) -> Any:
        changes = patch.model_dump(exclude_unset=True)
        version = changes.pop("version", None)
        if "text" in changes:
            changes["content"] = changes.pop("text")
        return web.desk().edit_task(task_id, changes, version).to_api()

    return router
