// vanban desk: uploads with progress, background parsing status, adding a task from a selection.
// Plain JavaScript shipped with the package (no CDN); text from the server is set with textContent.
"use strict";

(function () {
  const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  const STATES = {
    queued: "Đang chờ đọc",
    parsing: "Đang đọc",
    done: "Đã đọc xong",
    duplicate: "Trùng văn bản đã có",
    failed: "Không đọc được",
  };

  // --- inbox: upload ------------------------------------------------------------------------
  const form = document.getElementById("upload-form");
  if (form) {
    const input = document.getElementById("file-input");
    const progress = document.getElementById("upload-progress");
    const bar = progress.querySelector(".bar");
    const label = progress.querySelector(".label");
    const table = document.getElementById("uploads");
    const body = table.querySelector("tbody");

    const rowFor = (upload) => {
      let row = body.querySelector('tr[data-upload="' + upload.id + '"]');
      if (!row) {
        row = document.createElement("tr");
        row.dataset.upload = String(upload.id);
        for (let i = 0; i < 3; i++) row.appendChild(document.createElement("td"));
        body.insertBefore(row, body.firstChild);
      }
      return row;
    };

    const show = (upload) => {
      const row = rowFor(upload);
      row.dataset.state = upload.state;
      const [name, state, result] = row.children;
      name.textContent = upload.name;
      state.className = "state state-" + upload.state;
      state.textContent = (STATES[upload.state] || upload.state) + (upload.message ? ": " + upload.message : "");
      result.textContent = "";
      if (upload.document_id) {
        const link = document.createElement("a");
        link.href = "/documents/" + upload.document_id;
        link.textContent = upload.number || "Văn bản";
        result.appendChild(link);
        result.appendChild(document.createTextNode(" — " + upload.tasks + " nhiệm vụ"));
      }
      table.hidden = false;
    };

    const unfinished = () =>
      Array.from(body.querySelectorAll("tr[data-upload]"))
        .filter((row) => row.dataset.state === "queued" || row.dataset.state === "parsing")
        .map((row) => row.dataset.upload);

    let polling = false;
    const poll = () => {
      const ids = unfinished();
      if (!ids.length) {
        polling = false;
        if (form.dataset.reloadWhenDone) window.location.reload();
        return;
      }
      polling = true;
      fetch("/api/uploads?ids=" + ids.join(","), { credentials: "same-origin" })
        .then((response) => response.json())
        .then((data) => (data.uploads || []).forEach(show))
        .catch(() => {})
        .finally(() => setTimeout(poll, 600));
    };

    const send = (files) => {
      if (!files || !files.length) return;
      const data = new FormData();
      Array.from(files).forEach((file) => data.append("file", file, file.name));
      const request = new XMLHttpRequest();
      request.open("POST", "/api/uploads");
      request.setRequestHeader("X-CSRF-Token", csrf);
      progress.hidden = false;
      label.textContent = "Đang tải lên…";
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) {
          const percent = Math.round((100 * event.loaded) / event.total);
          bar.style.width = percent + "%";
          label.textContent = "Đang tải lên " + percent + "%";
        }
      };
      request.onload = () => {
        bar.style.width = "100%";
        let answer = {};
        try { answer = JSON.parse(request.responseText); } catch (e) { answer = {}; }
        if (request.status >= 400) {
          label.textContent = "Không tải lên được: " + (answer.detail || request.status);
          return;
        }
        label.textContent = "Đã tải lên " + files.length + " tệp; đang đọc văn bản…";
        (answer.uploads || []).forEach(show);
        form.dataset.reloadWhenDone = "1";
        if (!polling) poll();
      };
      request.onerror = () => { label.textContent = "Mất kết nối khi tải lên"; };
      request.send(data);
      input.value = "";
    };

    form.addEventListener("submit", (event) => { event.preventDefault(); send(input.files); });
    input.addEventListener("change", () => send(input.files));
    ["dragenter", "dragover"].forEach((name) =>
      form.addEventListener(name, (event) => { event.preventDefault(); form.classList.add("over"); }));
    ["dragleave", "drop"].forEach((name) =>
      form.addEventListener(name, (event) => { event.preventDefault(); form.classList.remove("over"); }));
    form.addEventListener("drop", (event) => send(event.dataTransfer && event.dataTransfer.files));
    if (unfinished().length) poll();
  }

  // --- document page: a task from the selected passage --------------------------------------
  const text = document.getElementById("doc-text");
  const adder = document.getElementById("add-task");
  if (text && adder) {
    const button = document.getElementById("add-task-button");
    const hint = document.getElementById("selection-hint");
    const offsetOf = (container, offset) => {
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(container, offset);
      return range.toString().length;
    };
    const pick = () => {
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
      const range = selection.getRangeAt(0);
      if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
      const start = offsetOf(range.startContainer, range.startOffset);
      const end = offsetOf(range.endContainer, range.endOffset);
      const passage = range.toString();
      if (end <= start || !passage.trim()) return;
      adder.elements.start.value = String(start);
      adder.elements.end.value = String(end);
      adder.elements.content.value = passage.replace(/\s+/g, " ").trim();
      hint.textContent = "Đã chọn " + (end - start) + " ký tự. Điền đơn vị, hạn xử lý rồi bấm «Thêm nhiệm vụ».";
      button.disabled = false;
    };
    text.addEventListener("mouseup", pick);
    text.addEventListener("keyup", pick);
    document.addEventListener("selectionchange", () => {
      const selection = window.getSelection();
      if (selection && !selection.isCollapsed && selection.rangeCount && text.contains(selection.getRangeAt(0).startContainer)) pick();
    });
  }
})();
