"""`ois serve --workers N` (issue 10): several uvicorn worker processes over the read-only database, on 127.0.0.1,
answering with the same settings and served names as one worker; stopped with the command."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from ois.sample import build_sample_store

HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _get(port: int, path: str, host: str = HOST) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("GET", path, headers={"host": host})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.fixture
def served(tmp_path: Path):
    db = tmp_path / "ois.db"
    build_sample_store(db)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("OIS_")}
    server = subprocess.Popen(
        [sys.executable, "-m", "ois", "--db", str(db), "--set", "page_size=1", "serve", "--port", str(port)]
        + ["--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _get(port, "/incidents.json")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("ois serve --workers 2 did not answer within 60 s: " + (server.communicate()[0] or ""))
    yield server, port
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def test_workers_serve_the_database_with_the_commands_settings(served):
    server, port = served
    workers = psutil.Process(server.pid).children(recursive=True)
    assert len([p for p in workers if "python" in p.name().lower()]) >= 2
    for _ in range(10):  # connections land on either worker: each answers the same
        status, body = _get(port, "/incidents.json")
        page = json.loads(body)
        assert status == 200 and len(page["rows"]) == 1  # --set page_size=1 reached every worker
    assert _get(port, "/incidents")[0] == 200
    assert _get(port, "/incidents.json", host="evil.example")[0] == 400  # served names reached them too


def test_stopping_the_command_stops_every_worker(served):
    server, port = served
    workers = psutil.Process(server.pid).children(recursive=True)
    server.send_signal(signal.SIGINT)
    server.wait(timeout=20)
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive
    with pytest.raises(OSError):
        _get(port, "/incidents.json")
