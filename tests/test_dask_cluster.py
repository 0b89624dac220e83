"""`ois ingest --dask tcp://...` on a real distributed cluster: a `dask scheduler` and a `dask worker` started on
127.0.0.1 (the recipe in docs/performance.md), the same database as a plain ingest, stored articles skipped."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ois import pipeline
from ois.cli import app
from ois.settings import Settings
from ois.store import Store

from .test_dask_runner import _rows, folder  # noqa: F401  (folder: the fixture of three articles + an empty file)

pytest.importorskip("distributed")

HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory) -> str:
    """A scheduler and one worker process (one thread), both listening on loopback only; stopped afterwards."""
    work = tmp_path_factory.mktemp("dask")
    address = f"tcp://{HOST}:{_free_port()}"
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", HOST, "--port", address.rsplit(":")[-1]]
            + ["--no-dashboard"],
            cwd=work,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        started.append(
            subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", address, "--host", HOST, "--nworkers", "1"]
                + ["--nthreads", "1", "--no-dashboard", "--local-directory", str(work)],
                cwd=work,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        from distributed import Client

        deadline = time.monotonic() + 60
        with Client(address, timeout=60) as client:
            while not client.scheduler_info()["workers"]:
                if time.monotonic() > deadline:
                    pytest.fail("the dask worker did not join the scheduler within 60 s")
                time.sleep(0.2)
        yield address
    finally:
        for process in reversed(started):
            _stop(process)


def test_ingest_through_a_tcp_scheduler_matches_the_plain_path(folder, tmp_path: Path, scheduler: str):  # noqa: F811
    local = Store(tmp_path / "local.db")
    pipeline.ingest([folder], local, Settings(env={}), progress=False)
    db = tmp_path / "cluster.db"
    runner = CliRunner()
    done = runner.invoke(app, ["--db", str(db), "ingest", "--quiet", "--dask", scheduler, str(folder)])
    assert done.exit_code == 0, done.output
    assert "3 new articles" in done.output
    clustered = Store(db)
    assert _rows(clustered) == _rows(local)
    again = runner.invoke(app, ["--db", str(db), "ingest", "--quiet", "--dask", scheduler, str(folder)])
    assert again.exit_code == 0 and "0 new articles" in again.output and "3 already stored" in again.output
    assert _rows(Store(db)) == _rows(local)


def test_an_unreachable_scheduler_is_reported_not_a_traceback(folder, tmp_path: Path):  # noqa: F811
    closed = f"tcp://{HOST}:{_free_port()}"  # nothing listens there
    done = CliRunner().invoke(
        app,
        ["--db", str(tmp_path / "x.db"), "--set", "dask_connect_timeout_s=2", "ingest", "--dask", closed, str(folder)],
    )
    assert done.exit_code != 0
    assert "Traceback" not in done.output and "scheduler" in done.output.lower()
