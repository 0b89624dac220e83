"""Crash test: interrupt `ois ingest` at random points of every phase, resume it, and compare with one clean run.

    python scripts/crash_test.py [INPUT] [--points 20] [--timed 0] [--seed 9] [--work DIR] [--markdown]

INPUT defaults to ../shared/data/longtail-gva/articles.jsonl (read in place, never copied). One clean run gives the
reference database. Then, for each point, a fresh `ois ingest` runs in a subprocess with the test-only hook
OIS_TEST_KILL_AT=PHASE:N:SIGNAL (`ois.pipeline.checkpoint`), which makes it send itself SIGKILL or SIGINT at the
N-th checkpoint of a phase (reading, screening, extraction, storing, resolution; N drawn at random within what
the clean run did); `--timed K` adds K points killed from outside at a random time instead. The interrupted run is
then re-run to completion, and its database compared with the clean one: articles (id and text), screenings,
reports (their JSON), incidents (ids and members) and skip records; lost, duplicated and extra rows are counted,
`PRAGMA integrity_check` must say ok, and no report may be left out of the incidents.

tests/test_crash.py runs a small version of this (fictional articles, three points) in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ois.workers import count as worker_count

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "longtail-gva" / "articles.jsonl"
PHASES = ("reading", "screening", "extraction", "storing", "resolution")
SIGNALS = ("KILL", "INT")
TABLES = ("articles", "screenings", "reports", "incidents", "skipped")


SOURCES: list[str] = []  # --src: run this copy of the ois sources instead of the installed one
WORKERS = ["1"]  # --workers: the hook's phases count in the process that runs them, so one process by default


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "OIS_TEST_KILL_AT"}
    env["OIS_INGEST_WORKERS"] = WORKERS[0]
    if SOURCES:
        env["PYTHONPATH"] = os.pathsep.join([*SOURCES, *filter(None, [env.get("PYTHONPATH")])])
    return env


def _interruptible() -> None:
    """Ctrl-C reaches the child even when this script runs in the background (where SIGINT starts ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def ois(db: Path, inputs: list[str], kill_at: str | None = None, timeout_s: float = 3600) -> tuple[int, str, float]:
    """Run `ois --db DB ingest --quiet INPUTS` (with the crash hook when `kill_at`); exit code, output, seconds."""
    env = _env()
    if kill_at:
        env["OIS_TEST_KILL_AT"] = kill_at
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "ois", "--db", str(db), "ingest", "--quiet", *inputs],
        env=env,
        preexec_fn=_interruptible,
        capture_output=True,
        text=True,
        timeout=timeout_s,
    )
    return done.returncode, done.stdout + done.stderr, time.perf_counter() - started


def ois_killed_after(db: Path, inputs: list[str], delay_s: float, sig: signal.Signals) -> tuple[int, str, float]:
    """Run the ingest and send it `sig` from outside after `delay_s` seconds (if it is still running)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "ois", "--db", str(db), "ingest", "--quiet", *inputs],
        env=_env(),
        preexec_fn=_interruptible,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        child.wait(timeout=delay_s)
    except subprocess.TimeoutExpired:
        child.send_signal(sig)
    output, _ = child.communicate()
    return child.returncode, output, time.perf_counter() - started


def snapshot(db: Path) -> dict[str, Counter]:
    """Every stored fact that matters, as multisets (a duplicate shows as a count of 2)."""
    with sqlite3.connect(db) as conn:
        rows = {
            "articles": conn.execute("select id, text_hash, version from articles"),
            "screenings": conn.execute("select article_id, is_ois, score from screenings"),
            "reports": conn.execute("select article_id, json from reports"),
            "incidents": (
                (i, tuple(sorted(json.loads(doc)["report_ids"])))
                for i, doc in conn.execute("select id, json from incidents")
            ),
            "skipped": conn.execute("select source, stage, reason, coalesce(article_id, '') from skipped"),
        }
        return {table: Counter(tuple(r) for r in found) for table, found in rows.items()}


def health(db: Path) -> dict[str, object]:
    with sqlite3.connect(db) as conn:
        return {
            "integrity": conn.execute("pragma integrity_check").fetchone()[0],
            "unresolved": conn.execute("select count(*) from reports where incident_id is null").fetchone()[0],
            "unfinished": conn.execute("select count(*) from articles where state != 'done'").fetchone()[0],
        }


@dataclass
class Comparison:
    lost: dict[str, int] = field(default_factory=dict)
    duplicated: dict[str, int] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.lost.values()) and not any(self.duplicated.values()) and not any(self.extra.values())


def compare(clean: dict[str, Counter], got: dict[str, Counter]) -> Comparison:
    out = Comparison()
    for table in TABLES:
        want, have = clean[table], got[table]
        out.lost[table] = len(set(want) - set(have))
        out.extra[table] = len(set(have) - set(want))
        out.duplicated[table] = sum(n - 1 for n in have.values() if n > 1)
    return out


def phase_sizes(db: Path, processes: int = 1) -> dict[str, int]:
    """How many checkpoints of each phase a clean run passes in one process (the range a kill point is drawn
    from): with worker processes, each worker counts its own screenings and extractions, about 1/`processes` of
    them."""
    with sqlite3.connect(db) as conn:
        articles = conn.execute("select count(*) from articles").fetchone()[0]
        extracted = conn.execute("select count(*) from screenings where is_ois").fetchone()[0]
        return {
            "reading": articles,
            "screening": max(1, articles // processes),
            "extraction": max(1, extracted // processes),
            "storing": articles,
            "resolution": 1 + conn.execute("select count(*) from incidents").fetchone()[0],
        }


@dataclass
class Point:
    number: int
    how: str  # "storing:1234:KILL" or "after 12.3 s: INT"
    exit_code: int
    stored_before: str  # "articles/reports/incidents" when the run stopped
    rerun_exit: int
    rerun_s: float
    comparison: Comparison
    health: dict[str, object]
    said_how_to_resume: bool

    @property
    def stopped_as_asked(self) -> bool:
        """SIGKILL killed it; SIGINT made it stop with exit code 130 and say how to finish (a timed signal may
        also come after the run finished: exit 0)."""
        if self.how.startswith("after") and self.exit_code == 0:
            return True
        if self.how.endswith("KILL"):
            return self.exit_code == -signal.SIGKILL
        return self.exit_code == 130 and self.said_how_to_resume

    @property
    def ok(self) -> bool:
        return (
            self.stopped_as_asked
            and self.rerun_exit == 0
            and self.comparison.ok
            and self.health == {"integrity": "ok", "unresolved": 0, "unfinished": 0}
        )


def counts(db: Path) -> str:
    if not db.exists():
        return "no database"
    with sqlite3.connect(db) as conn:
        try:
            values = [conn.execute(f"select count(*) from {t}").fetchone()[0] for t in ("articles", "reports")]
            values.append(conn.execute("select count(*) from incidents").fetchone()[0])
        except sqlite3.OperationalError:  # killed before the schema was complete
            return "no tables"
    return "/".join(map(str, values))


def run_point(number: int, work: Path, inputs: list[str], clean: dict[str, Counter], how: str, timed: float) -> Point:
    db = work / f"point{number:02d}.db"
    for leftover in work.glob(f"{db.name}*"):
        leftover.unlink()
    if timed:
        sig = signal.Signals[f"SIG{how}"]
        code, output, _ = ois_killed_after(db, inputs, timed, sig)
        how = f"after {timed:.1f} s: {how}"
    else:
        code, output, _ = ois(db, inputs, kill_at=how)
    stored = counts(db)
    words = " ".join(output.split())
    said = "Interrupted." in words and "again" in words and "Traceback" not in words
    rerun_exit, rerun_output, rerun_s = ois(db, inputs)
    if rerun_exit:
        print(rerun_output[-2000:], file=sys.stderr)
    return Point(number, how, code, stored, rerun_exit, rerun_s, compare(clean, snapshot(db)), health(db), said)


def table(points: list[Point]) -> str:
    lines = [
        "| # | interrupted at (phase:N:signal) | exit | stored when stopped (articles/reports/incidents) "
        "| re-run exit, s | lost | duplicated | extra | integrity | ok |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for p in points:
        lost, dup, extra = (sum(getattr(p.comparison, k).values()) for k in ("lost", "duplicated", "extra"))
        lines.append(
            f"| {p.number} | {p.how} | {p.exit_code} | {p.stored_before} | {p.rerun_exit}, {p.rerun_s:.0f} "
            f"| {lost} | {dup} | {extra} | {p.health['integrity']} | {'yes' if p.ok else 'NO'} |"
        )
    return "\n".join(lines)


def plan(points: int, timed: int, sizes: dict[str, int], clean_s: float, rng: random.Random) -> list[tuple[str, float]]:
    """`points` hook points cycling through the phases (each phase gets both signals), then `timed` points."""
    chosen = []
    for i in range(points):
        phase = PHASES[i % len(PHASES)]
        sig = SIGNALS[(i // len(PHASES)) % len(SIGNALS)]
        chosen.append((f"{phase}:{rng.randint(1, max(1, sizes[phase]))}:{sig}", 0.0))
    chosen += [(rng.choice(SIGNALS), round(rng.uniform(2.0, clean_s), 1)) for _ in range(timed)]
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", nargs="*", default=[str(DEFAULT_INPUT)], help="What `ois ingest` reads.")
    parser.add_argument("--points", type=int, default=20, help="Kill points through the test hook.")
    parser.add_argument("--timed", type=int, default=0, help="Extra points killed from outside at a random time.")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ois-crash-test"), help="Folder for the databases.")
    parser.add_argument(
        "--src", type=Path, help="Run the ois package under this folder (a frozen copy of src/), not the installed one."
    )
    parser.add_argument(
        "--workers",
        default="1",
        help="`ingest_workers` of every run (0: one per core; a kill point in screening or extraction then kills a "
        "worker, whose chunks the main process takes over).",
    )
    args = parser.parse_args()
    WORKERS[0] = args.workers
    if args.src:
        SOURCES.append(str(args.src.resolve()))
    missing = [i for i in args.input if not Path(i).exists()]
    if missing:
        print(f"input not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    args.work.mkdir(parents=True, exist_ok=True)
    clean_db = args.work / "clean.db"
    for leftover in args.work.glob("clean.db*"):
        leftover.unlink()
    code, output, clean_s = ois(clean_db, args.input)
    if code:
        print(output, file=sys.stderr)
        return 1
    clean = snapshot(clean_db)
    print(f"clean run: {clean_s:.0f} s, {counts(clean_db)} articles/reports/incidents, " + output.strip())
    rng = random.Random(args.seed)
    results = []
    sizes = phase_sizes(clean_db, worker_count(int(args.workers)))
    for number, (how, delay) in enumerate(plan(args.points, args.timed, sizes, clean_s, rng), 1):
        point = run_point(number, args.work, args.input, clean, how, delay)
        results.append(point)
        print(table([point]).splitlines()[-1], flush=True)
    print()
    print(table(results))
    good = sum(p.ok for p in results)
    print(f"\n{good} of {len(results)} points: nothing lost, nothing duplicated, integrity ok")
    return 0 if good == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
