"""What an editor's correction costs, as ratios against a full re-resolution measured in the same run.

    python scripts/bench_review.py --incidents 2000 [--repeat 3]

Builds a synthetic store (scripts/synth_db.py, fictional), then measures, on the same machine in the same run:
- baseline: `pipeline.reresolve` (a full re-resolution: what merge, split and "article not a shooting" cost);
- one value correction through `ois.review.actions.set_value` (rewrites one incident, no resolution);
- a re-resolution that re-applies 200 corrections (the cost `ois.review.apply` adds to every resolution).
Medians of --repeat runs (the correction: of 20). The machine is shared: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ois import pipeline
from ois.review import actions
from ois.settings import Settings
from ois.store import Store


def _median_s(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        script = Path(__file__).with_name("synth_db.py")
        subprocess.run([sys.executable, str(script), str(db), "--incidents", str(args.incidents)], check=True)
        settings = Settings(env={})
        store = Store(db)
        pipeline.reresolve(store, settings)  # ids and rows as the pipeline writes them
        ids = [r[0] for r in store.db.execute("select id from incidents order by rowid")]
        full = _median_s(lambda: pipeline.reresolve(store, settings), args.repeat)
        editor = actions.Editor("bench", "benchmark")
        cycle = iter(range(10**9))
        one = _median_s(lambda: actions.set_value(store, ids[next(cycle) % len(ids)], "shots", "3", editor), 20)
        for incident_id in ids[20:200]:
            actions.set_value(store, incident_id, "agency", "Bench County Sheriff's Office", editor)
        with_corrections = _median_s(lambda: pipeline.reresolve(store, settings), args.repeat)
        kept = store.db.execute("select count(*) from incidents where corrected_fields is not null").fetchone()[0]
        store.close()
    print(f"incidents: {len(ids):,}; overrides stored: 200; incidents with corrections after re-resolution: {kept}")
    for label, seconds in (
        ("full re-resolution (baseline)", full),
        ("one value correction (no resolution)", one),
        ("re-resolution re-applying 200 corrections", with_corrections),
    ):
        print(f"{label:<42} {seconds:9.4f} s = {seconds / full:.4f} x baseline")


if __name__ == "__main__":
    main()
