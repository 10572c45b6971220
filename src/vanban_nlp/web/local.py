"""`vanban serve` in a child process on a free loopback port, for the browser tests, the README
screenshots and the load benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def local_desk(db: Path, token: str, *options: str, startup_seconds: float = 60) -> Iterator[str]:
    """Run `vanban serve --db DB OPTIONS…` on 127.0.0.1 until the block ends; yields its base URL."""
    import httpx

    port = free_port()
    env = {**os.environ, "VANBAN_TOKEN": token}
    env.pop("VANBAN_PASSWORD", None)
    command = [
        sys.executable,
        "-m",
        "vanban_nlp.cli",
        "serve",
        "--db",
        str(db),
        "--port",
        str(port),
        *options,
    ]
    log = tempfile.TemporaryFile()  # a file, not a pipe: a talkative server never blocks on it
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError("vanban serve stopped: " + log.read().decode("utf-8", "replace"))
            try:
                httpx.get(base + "/api/uploads", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError("vanban serve did not answer in time") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
