"""Resolution speed: full resolution of 10k..1M synthetic reports, and the cost of each ingest batch as a store grows.

    python scripts/bench_resolve.py                        # full: 10000 100000 1000000 reports
    python scripts/bench_resolve.py 10000 50000
    python scripts/bench_resolve.py --batches 10 --batch-size 2000 [--db /tmp/bench.db] [--reference]

Reports come from scripts/synth_reports.py (fictional incidents told by 1-6 articles: copies, rewrites,
follow-ups, sparse reports). Full mode: each size in its own process so peak memory is that size's alone;
generation is not timed; the timed part is `ois.resolve.resolve` with texts for MinHash.

Batch mode: the reports, in publication order (a news stream), are stored in a new database batch by batch, and
after each batch `pipeline.reresolve` brings the incidents up to date: the first batch with a full resolution
(it builds the resolution index), every later one incrementally. The same run then times one full resolution of
the whole final database (the baseline the batches are compared with). CPU seconds, this process.
`--reference` first loads a fictional WaPo file listing most synthetic people killed (as scripts/synth_db.py
writes one), so the reference relinking after each resolution links people to rows, not only rebuilds the
people view.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def run_one(n: int) -> dict:
    from synth_reports import generate

    from ois.evaluation.longtail import b_cubed
    from ois.resolve import resolve
    from ois.settings import Settings

    reports, texts, gold = generate(n)
    started, cpu_started = time.perf_counter(), time.process_time()
    resolution = resolve(reports, texts, Settings(env={}))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    ours = {r: inc.id for inc in resolution.incidents for r in inc.report_ids}
    return {
        "reports": n,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),  # the machine is shared: CPU time is the fairer measure
        "peak_rss_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2),
        "incidents_true": len(set(gold.values())),
        "incidents": len(resolution.incidents),
        "copies": len(resolution.copies),
        "b3_f1": round(b_cubed(gold, ours)["f1"], 3),
    }


def main(sizes: list[int]) -> None:
    rows = []
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print(
        f"{'reports':>9} {'wall s':>7} {'cpu s':>7} {'us/report':>9} {'x cpu':>6} {'peak GB':>8} {'incidents':>10} "
        f"{'true':>8} {'copies':>7} {'B3 F1':>6}"
    )
    base = rows[0]
    for row in rows:
        per = row["cpu_seconds"] / row["reports"] * 1e6
        growth = row["cpu_seconds"] / base["cpu_seconds"] if base["cpu_seconds"] else float("nan")
        print(
            f"{row['reports']:>9} {row['seconds']:>7.1f} {row['cpu_seconds']:>7.1f} {per:>9.0f} {growth:>6.1f} "
            f"{row['peak_rss_gb']:>8.2f} {row['incidents']:>10} {row['incidents_true']:>8} {row['copies']:>7} "
            f"{row['b3_f1']:>6.3f}"
        )


def _timed(call) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return time.perf_counter() - wall, time.process_time() - cpu


def reference_rows(reports: list, gold: dict[str, str]) -> list[dict[str, object]]:
    """Fictional WaPo rows for the synthetic incidents (`generate` order: an incident's first report is its
    original, with date, place and name): the subject of most incidents whose first report says killed (a day
    off now and then), and a few deaths no report tells."""
    from synth_db import REFERENCE_EXTRA, REFERENCE_LISTED

    rng = random.Random(11)
    first: dict[str, object] = {}
    for report in reports:
        first.setdefault(gold[report.article_id], report)
    rows: list[dict[str, object]] = []
    for report in first.values():
        subject, date = report.people[0], report.incident_date.value
        if subject.outcome.value == "killed" and rng.random() < REFERENCE_LISTED:
            day = date + dt.timedelta(days=rng.choice((0, 0, 0, 1)))
            rows.append({"date": day, "name": subject.name.value, "age": subject.age.value, "gender": "male"})
            rows[-1] |= {"city": report.city.value, "state": report.state.value}
        if rng.random() < REFERENCE_EXTRA:
            day = date + dt.timedelta(days=rng.randrange(-200, 200))
            rows.append({"date": day, "name": f"Extra {len(rows)} Person", "state": report.state.value})
    return rows


def batches(count: int, size: int, db: Path, with_reference: bool = False) -> None:
    from synth_reports import generate

    from ois import pipeline
    from ois.models import Article, Screening
    from ois.settings import Settings
    from ois.store import Store

    settings = Settings(env={})
    relinking = [0.0]
    relink = pipeline.reference.relink

    def timed_relink(*args, **kwargs):  # the reference linking step after each resolution, timed apart
        started = time.process_time()
        try:
            return relink(*args, **kwargs)
        finally:
            relinking[0] += time.process_time() - started

    pipeline.reference.relink = timed_relink
    reports, texts, gold = generate(count * size)
    listed = reference_rows(reports, gold) if with_reference else []  # before sorting: an incident's first report
    reports.sort(key=lambda r: r.published)  # news arrives in publication order
    store = Store(db)
    if listed:
        from synth_db import load_reference

        load_reference(store, listed)
    print(
        "| batch | reports in DB | store s | resolve CPU s | resolve wall s | ms/report (CPU) | + reference relink"
        " CPU s | incidents |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for k in range(count):
        chunk = reports[k * size : (k + 1) * size]

        def add(chunk=chunk) -> None:
            for r in chunk:
                article = Article(r.article_id, f"Report {r.article_id}", texts[r.article_id], None, r.published)
                store.add_processed(article, Screening(r.article_id, True, 3.0, reason="synthetic"), r)

        stored, _ = _timed(add)
        relinking[0] = 0.0
        wall, cpu = _timed(lambda: pipeline.reresolve(store, settings))
        cpu -= relinking[0]
        incidents = store.counts()["incidents"]
        print(
            f"| {k + 1}{' (full)' if k == 0 else ''} | {(k + 1) * size:,} | {stored:.1f} | {cpu:.2f} | {wall:.2f} |"
            f" {cpu / len(chunk) * 1000:.2f} | {relinking[0]:.2f} | {incidents:,} |",
            flush=True,
        )
    store.db.execute("delete from meta where key = 'resolve_index'")  # forces the next resolution to be full
    store.db.conn.commit()
    relinking[0] = 0.0
    wall, cpu = _timed(lambda: pipeline.reresolve(store, settings))
    print(
        f"| full re-resolution of all {count * size:,} | | | {cpu - relinking[0]:.2f} | {wall:.2f} |"
        f" {(cpu - relinking[0]) / (count * size) * 1000:.2f} | {relinking[0]:.2f} | {store.counts()['incidents']:,} |"
    )
    print(f"database: {db} ({db.stat().st_size / 2**20:.0f} MB)")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
    elif "--batches" in sys.argv:
        parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
        parser.add_argument("--batches", type=int, default=10)
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--db", type=Path, default=None, help="a new database file (default: a temp file)")
        parser.add_argument("--reference", action="store_true", help="load a fictional WaPo file first")
        args = parser.parse_args()
        path = args.db or Path(tempfile.mkdtemp()) / "bench_resolve.db"
        if path.exists():
            raise SystemExit(f"{path} exists; pick a new path")
        batches(args.batches, args.batch_size, path, args.reference)
    else:
        main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
