"""Resolution time and memory for 10k, 100k and 1M synthetic reports (scripts/synth_reports.py).

Each size runs in its own process so peak memory is that size's alone. Generation is not timed; the timed part
is `ois.resolve.resolve` (copies, profiles, blocking, scoring, clustering, merging) with texts for MinHash.

    python scripts/bench_resolve.py                  # 10000 100000 1000000
    python scripts/bench_resolve.py 10000 50000
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
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


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
