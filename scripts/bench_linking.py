"""Benchmark linking MPV rows (../shared/data/mpv) to WaPo v2 (../shared/data/wapo/v2): ours against baselines
measured in the same run (the machine is shared: compare ratios, not seconds).

- ois: blocking (state + date window, name sound) and the fitted Fellegi-Sunter scorer (`ois.reference.link`).
- naive: rapidfuzz all pairs (every MPV name against every WaPo name, `process.cdist`, one worker), best name at
  ratio >= 90 within 7 days in the same state.
- splink (optional): splink 5 on DuckDB with one thread: name, date, city, age, gender comparisons; blocking on
  state + 7 days or surname; u by random sampling, m by EM; the best prediction >= 0.9 per MPV row. splink is not a
  dependency of ois: install it in a separate environment and pass `--splink-python ENV/bin/python`.

Precision and recall are scored like `ois evaluate linking`: on MPV rows whose WaPo id WaPo v2 has.

    python scripts/bench_linking.py [--data ../shared/data] [--repeat 3] [--splink-python /tmp/splink-venv/bin/python]
    python scripts/bench_linking.py --store /tmp/ois-10k.db    # relinking's share of a resolution
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

MPV = "mpv/mpv-2021-04-dev.csv"
WAPO = "wapo/v2/fatal-police-shootings-data.csv"


def score(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Precision and recall of predicted links (MPV row -> WaPo id) on the rows MPV links."""
    linked = [key for key in gold if key in predicted]
    right = sum(predicted[k] == gold[k] for k in linked)
    return {"precision": right / len(linked) if linked else 0.0, "recall": right / len(gold) if gold else 0.0}


def run_ois(data: Path) -> tuple[float, dict[str, str], dict[str, str]]:
    from ois.evaluation.linking import as_person, mpv_rows, wapo_rows
    from ois.reference.link import Index, decide, scored
    from ois.settings import Settings

    settings = Settings(env={})
    refs, rows = wapo_rows(data), mpv_rows(data)  # reading the CSVs is not timed (nor for the baselines)
    started = time.process_time()
    index = Index(refs)
    whos = [as_person(r) for r in rows]
    links = decide(whos, scored(whos, index, settings), index, "wapo", settings)
    seconds = time.process_time() - started
    known = {r.id for r in refs}
    pairs = zip(whos, links, strict=True)
    predicted = {w.key: link.candidates[0].ref.id for w, link in pairs if link.status == "known"}
    gold = {r.id: r.wapo_id for r in rows if r.wapo_id in known}
    return seconds, predicted, gold


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run_naive(data: Path, gold: dict[str, str]) -> tuple[float, dict[str, str]]:
    import datetime as dt

    from rapidfuzz import fuzz, process

    wapo, mpv = _rows(data / WAPO), _rows(data / MPV)
    started = time.process_time()
    names = [(w["name"] or "").lower() for w in wapo]
    queries = [(m["Victim's name"] or "").lower() for m in mpv]
    matrix = process.cdist(queries, names, scorer=fuzz.ratio, workers=1, dtype="uint8")
    predicted = {}
    for i, row in enumerate(mpv):
        day = dt.date.fromisoformat(row["Date of Incident (month/day/year)"])
        best = None
        for j in matrix[i].argsort()[::-1][:20]:
            if matrix[i][j] < 90:
                break
            w = wapo[j]
            if w["state"] == row["State"] and abs((dt.date.fromisoformat(w["date"]) - day).days) <= 7:
                best = w["id"]
                break
        if best:
            predicted[row["MPV ID"]] = best
    return time.process_time() - started, predicted


def run_splink(data: str) -> dict:
    """Runs inside the splink environment (no ois import): returns seconds and predictions as JSON."""
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    def split(name: str) -> tuple[str | None, str | None]:
        words = [w for w in name.lower().replace(".", "").split() if w not in ("jr", "sr", "ii", "iii")]
        if not words or "withheld" in words:
            return None, None
        return words[0], words[-1]

    wapo, mpv = _rows(Path(data) / WAPO), _rows(Path(data) / MPV)
    started = time.process_time()
    con = duckdb.connect()
    con.execute("set threads to 1")
    for table, rows, keys in (
        ("wapo", wapo, ("id", "name", "date", "state", "city", "age", "gender")),
        ("mpv", mpv, ("MPV ID", "Victim's name", "Date of Incident (month/day/year)", "State", "City")),
    ):
        con.execute(
            f"create table {table} (unique_id varchar, first_name varchar, surname varchar, date date,"
            " state varchar, city varchar, age integer, gender varchar)"
        )
        values = []
        for row in rows:
            first, last = split(row[keys[1]])
            age = row.get("age") or row.get("Victim's age") or ""
            gender = (row.get("gender") or row.get("Victim's gender") or "").strip().lower() or None
            values.append(
                (row[keys[0]] or None, first, last, row[keys[2]], row[keys[3]], (row[keys[4]] or "").lower() or None)
                + (int(age) if age.isdigit() else None, gender)
            )
        con.executemany(f"insert into {table} values (?, ?, ?, ?, ?, ?, ?, ?)", values)
    db_api = DuckDBAPI(connection=con)
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.AbsoluteDateDifferenceAtThresholds(
                "date", input_is_string=False, metrics=["day", "day", "day"], thresholds=[1, 3, 7]
            ),
            cl.ExactMatch("city"),
            cl.ExactMatch("age"),
            cl.ExactMatch("gender"),
        ],
        blocking_rules_to_generate_predictions=[
            "l.state = r.state and abs(datediff('day', l.date, r.date)) <= 7",
            block_on("surname"),
        ],
    )
    linker = Linker([db_api.register("wapo"), db_api.register("mpv")], settings, log_level=40)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "date")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date", "state"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    predictions = linker.inference.predict(threshold_match_probability=0.9)
    sql = f"select unique_id_l, unique_id_r, source_dataset_l, match_probability from {predictions.physical_name}"
    best: dict[str, tuple[float, str]] = {}
    for left, right, source_left, p in con.execute(sql).fetchall():
        mpv_id, wapo_id = (left, right) if source_left == "mpv" else (right, left)
        if p > best.get(mpv_id, (0.0, ""))[0]:
            best[mpv_id] = (p, wapo_id)
    return {"seconds": time.process_time() - started, "predicted": {k: v for k, (_, v) in best.items()}}


def run_store(path: str) -> None:
    """Relinking a store against a resolution of the same store (relinking runs inside every resolution)."""
    from ois import pipeline, reference
    from ois.settings import Settings
    from ois.store import Store

    settings = Settings(env={})
    store = Store(path)
    started = time.perf_counter()
    pipeline.reresolve(store, settings)  # resolution + relinking
    whole = time.perf_counter() - started
    started = time.perf_counter()
    summary = reference.relink(store, settings)
    alone = time.perf_counter() - started
    print(f"{summary.people:,} people, {summary.linked}")
    print(f"resolution incl. relinking {whole:.2f} s; relinking alone {alone:.2f} s ({alone / whole:.0%} of it)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=None, help="shared data folder (default: $OIS_SHARED_DATA, ../shared/data)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--splink-python", default=None, help="a Python with splink installed (optional)")
    parser.add_argument("--run-splink", default=None, help=argparse.SUPPRESS)  # the splink child process
    parser.add_argument("--store", default=None, help="instead: time relinking a store against its resolution")
    args = parser.parse_args()
    if args.store:
        run_store(args.store)
        return
    if args.run_splink:
        print(json.dumps(run_splink(args.run_splink)))
        return
    from ois.evaluation import default_data_dir

    data = Path(args.data) if args.data else default_data_dir()
    runs = [run_ois(data) for _ in range(args.repeat)]
    ours = statistics.median(r[0] for r in runs)
    _, predicted, gold = runs[0]
    naive_runs = [run_naive(data, gold) for _ in range(args.repeat)]
    naive = statistics.median(r[0] for r in naive_runs)
    table = [("ois", ours, score(predicted, gold)), ("naive all pairs", naive, score(naive_runs[0][1], gold))]
    if args.splink_python:
        child = subprocess.run(
            [args.splink_python, __file__, "--run-splink", str(data)], capture_output=True, text=True, check=True
        )
        result = json.loads(child.stdout.strip().splitlines()[-1])
        table.append(("splink 5 (DuckDB, 1 thread)", result["seconds"], score(result["predicted"], gold)))
    print(f"{len(gold)} MPV rows with a WaPo id; CPU seconds, median of {args.repeat} (splink: one run)")
    for name, seconds, quality in table:
        print(
            f"{name:28} {seconds:7.2f} s  x{seconds / ours:6.1f} of ois  "
            f"P {quality['precision']:.3f}  R {quality['recall']:.3f}"
        )


if __name__ == "__main__":
    sys.exit(main())
