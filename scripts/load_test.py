"""Bounded load test of `ois serve` on loopback: p50/p99 latency of the list and incident pages.

    python scripts/synth_db.py /tmp/ois-100k.db --incidents 100000      # once: 100k fictional incidents
    python scripts/load_test.py /tmp/ois-100k.db --requests 400 --concurrency 8 --workers 1 2

For each --workers value, starts `ois serve --workers N` as a child process on 127.0.0.1 and a free port, sends a
fixed number of requests per scenario with a fixed number of keep-alive client threads (stdlib http.client,
hey-style), stops at --requests or --seconds per scenario, whichever comes first, then stops the server. The first
--workers value is the same-run baseline of the others. Never leaves loopback.

    python scripts/load_test.py /tmp/ois-100k.db --server-cpu --requests 200

`--server-cpu`: no server and no client threads; the app is built in this process and each scenario's requests are
made one after another by calling it (ASGI) directly, timing the CPU of the whole process (all threads): the
server's own cost per request, free of the client's share of the cores and of queueing, which dominate the p99 of
the load runs on a shared 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

HOST = "127.0.0.1"  # loopback only, by design


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "ois", "--db", str(db), "serve", "--host", HOST, "--port", str(port)]
    proc = subprocess.Popen([*command, "--workers", str(workers)], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("server did not start within 30 s")


def run(port: int, paths: list[str], requests: int, concurrency: int, seconds: float, reconnect: bool = False) -> dict:
    """Send `requests` GETs over `concurrency` keep-alive connections; `reconnect`: a new connection per request."""
    headers = {"accept": "text/html", **({"connection": "close"} if reconnect else {})}
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        for i in counter:
            if time.monotonic() > stop_at:
                break
            t0 = time.perf_counter()
            conn.request("GET", paths[i % len(paths)], headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - t0
            with lock:
                latencies.append(elapsed)
                errors += response.status != 200
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    ms = sorted(x * 1000 for x in latencies)
    return {
        "n": len(ms),
        "errors": errors,
        "rps": len(ms) / wall,
        "p50": statistics.median(ms),
        "p99": ms[min(len(ms) - 1, int(len(ms) * 0.99))],
        "max": ms[-1],
    }


def scenarios(db: Path, rng: random.Random) -> dict[str, list[str]]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    ids = [r[0] for r in conn.execute("select id from incidents order by random() limit 2000")]
    states = [r[0] for r in conn.execute("select distinct state from incidents where state is not null")]
    towns = [r[0] for r in conn.execute("select city from incidents group by city having count(*) < 200 limit 200")]
    conn.close()
    flags = ["", "&fatal=yes", "&fatal=no", "&armed=gun", "&officer_shot=yes", "&video=no"]
    return {
        "list, front page (/incidents)": ["/incidents"],
        "list, random filters": [
            f"/incidents?state={rng.choice(states)}&date_from={rng.randint(2015, 2023)}-01-01{rng.choice(flags)}"
            for _ in range(2000)
        ],
        # narrow: a town name (what a reporter types); broad: a word in a fifth of all articles
        "list, search, narrow (a town)": [f"/incidents?q={quote(c)}" for c in towns],
        "list, search, broad (20k+ hits)": [f"/incidents?q={w}" for w in ("knife", "chase", "hospital", "pipe")],
        "list, deep page (page 500)": ["/incidents?page=500"],
        "list .json, random filters": [
            f"/incidents.json?state={rng.choice(states)}{rng.choice(flags)}" for _ in range(2000)
        ],
        "incident page": [f"/incidents/{i}" for i in ids],
        "incident .json": [f"/incidents/{i}.json" for i in ids],
    }


def server_cpu(db: Path, requests: int, seed: int) -> None:
    """CPU ms per request of each scenario, the app called in this process (warm: its last 40 paths first)."""
    from ois.web.app import create_app

    app = create_app(db)

    async def call(path: str) -> None:
        route, _, query = path.partition("?")
        scope = {
            **{"type": "http", "method": "GET", "path": route, "raw_path": route.encode()},
            **{"query_string": query.encode(), "headers": [(b"host", HOST.encode())], "http_version": "1.1"},
            **{"scheme": "http", "client": (HOST, 1), "server": (HOST, 80), "root_path": "", "app": app},
        }
        statuses: list[int] = []

        async def receive() -> dict:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        await app(scope, receive, send)
        if statuses != [200]:
            raise SystemExit(f"{path}: status {statuses}")

    async def measure() -> None:
        print("| scenario | requests | server CPU ms per request |")
        print("|---|---|---|")
        for name, paths in scenarios(db, random.Random(seed)).items():
            for path in paths[-40:]:
                await call(path)
            timed = (paths * requests)[:requests]
            started = time.process_time()
            for path in timed:
                await call(path)
            print(f"| {name} | {requests} | {(time.process_time() - started) * 1000 / requests:.2f} |", flush=True)

    asyncio.run(measure())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--requests", type=int, default=1000, help="requests per scenario (upper bound)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="server worker processes to compare")
    parser.add_argument("--seconds", type=float, default=60, help="time limit per scenario")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--server-cpu", action="store_true", help="time the app's CPU per request in-process")
    args = parser.parse_args()
    if not args.db.is_file():
        raise SystemExit(f"no database at {args.db}; build one with scripts/synth_db.py")
    if args.server_cpu:
        server_cpu(args.db, args.requests, args.seed)
        return
    print(f"{args.concurrency} concurrent clients; load average before: {os.getloadavg()[0]:.1f}")
    print("| workers | scenario | requests | errors | req/s | p50 ms | p99 ms | max ms | p99 x baseline |")
    print("|---|---|---|---|---|---|---|---|---|")
    baseline: dict[str, float] = {}
    for workers in args.workers:
        port = free_port()
        server = start_server(args.db, port, workers)
        try:
            for name, paths in scenarios(args.db, random.Random(args.seed)).items():
                # Warm-up of every worker (imports, templates, the caches of the repeated views): a keep-alive
                # connection stays with the worker that accepted it, so a new connection per request.
                warm = 20 * workers
                run(port, paths[::-1][:warm], warm * args.concurrency, args.concurrency, args.seconds, reconnect=True)
                r = run(port, paths, args.requests, args.concurrency, args.seconds)
                baseline.setdefault(name, r["p99"])
                print(
                    f"| {workers} | {name} | {r['n']} | {r['errors']} | {r['rps']:.0f} | {r['p50']:.1f} |"
                    f" {r['p99']:.1f} | {r['max']:.1f} | {r['p99'] / baseline[name]:.2f} |",
                    flush=True,
                )
        finally:
            server.send_signal(signal.SIGINT)  # `ois serve` stops its workers
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
