"""Streaming news benchmark: `ois ingest` over a realistic news mix, as JSONL and as WARC, with same-run baselines.

    python scripts/bench_ingest.py                          # 4,000 articles, JSONL + WARC, plain, --workers, --dask
    python scripts/bench_ingest.py --articles 20000 --formats jsonl --modes plain --json out.json

The mix (stated in the output): 5 % police shootings (articles labelled so by the shared data: longtail-gva
articles of incidents GVA files under "officer involved shooting", GVDB articles whose annotators said the shooting
was by or at a police officer), 25 % other gun-violence and crime news (the rest of longtail-gva and GVDB), 70 %
non-police news generated here from templates (council, schools, weather, business, sport, traffic, arts; some say
"police" without a shooting, some "shot" without police: the screen's usual traps). A mix larger than the shared
articles reuses them as lightly edited re-runs (a line appended, another URL), as wire services do. Written as
JSONL and as WARC (HTML responses, as Common Crawl's CC-NEWS stores pages) in a temp folder.

Each run ingests into a new database in one process (`--modes plain`), with `--workers 0` (one worker process per
core, `--modes workers`) or with `--dask processes` (2 workers on these 2 cores). Reported per run: articles/s
(wall), CPU seconds per article per stage (read, screen, extract, store, resolve: timed in-process, plain mode
only), peak RSS and RSS at each quarter of the run (flat = bounded
memory), and database bytes per article with the default lean storage and with `store_rejected_text=true`.
Baselines in the same run: reading the JSONL and lowercasing every text; bare spaCy NER (`nlp.pipe`, NER only) on
the police-shooting part. Speeds are also given as ratios to them (the machine is shared: compare ratios).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import psutil

from ois import nlp, pipeline, sources
from ois.evaluation import default_data_dir
from ois.evaluation.gvdb import load_gvdb
from ois.evaluation.longtail import load_longtail
from ois.models import Article
from ois.settings import Settings
from ois.store import Store

SHARES = {"ois": 0.05, "crime": 0.25, "general": 0.70}
PLACES = ("Ferncliff", "Marlow Springs", "Dunmore", "Eastbrook", "Halverton", "Pine Hollow", "Redmond Falls")
PEOPLE = ("Dana Whitfield", "Luis Okafor", "Priya Castell", "Tom Brandvold", "Mei Sorensen", "Ade Kowalczyk")
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "council": (
        ("{place} council approves {n} million budget", "{place} council delays vote on new library"),
        (
            "The {place} city council voted {a} to {b} on Tuesday to approve a {n} million budget for next year.",
            "Council member {who} said the plan keeps property taxes flat while adding {a} new bus routes.",
            "Residents filled the chamber for more than {b} hours of public comment on the proposal.",
            "The budget sets aside money for road repairs, a new fire engine and summer programs for teenagers.",
            "A final reading is scheduled for next month, when the council will also take up zoning changes.",
        ),
    ),
    "schools": (
        ("{place} schools add {a} reading specialists", "New principal named at {place} High School"),
        (
            "The {place} school board hired {a} reading specialists after test scores fell for a second year.",
            "Superintendent {who} said the district would also extend its after-school tutoring program.",
            "Parents at Monday's meeting asked about class sizes, which average {b} students in the early grades.",
            "The district expects enrollment to grow by about {n} percent as new housing opens on the east side.",
            "Teachers will receive training over the summer, and the program will be reviewed in a year.",
        ),
    ),
    "weather": (
        ("Storm brings {a} inches of rain to {place}", "Heat advisory issued for {place} through Friday"),
        (
            "Forecasters said {a} inches of rain fell on {place} overnight, flooding several low-lying streets.",
            "The weather service expects temperatures near {n} degrees by the weekend.",
            "Crews cleared fallen branches from power lines, and about {b} hundred homes lost electricity.",
            "Officials urged drivers to avoid flooded underpasses and to check on elderly neighbors.",
            "Cooler and drier air is expected to arrive early next week.",
        ),
    ),
    "business": (
        ("{place} bakery expands to a second shop", "Factory in {place} to add {n} jobs"),
        (
            "A manufacturer said it will add {n} jobs at its {place} plant after winning a new contract.",
            "Owner {who} said sales grew {a} percent last year, driven by online orders.",
            "The company plans to hire machinists, drivers and office staff over the next {b} months.",
            "Local officials said the expansion qualifies for a property tax abatement approved last spring.",
            "The chamber of commerce called the announcement good news for the regional economy.",
        ),
    ),
    "sport": (
        ("{place} Eagles win regional title", "{place} guard scores {n} in overtime win"),
        (
            "The {place} Eagles won the regional final {n} to {b} on Friday night before a sold-out crowd.",
            "Senior shooting guard {who} shot {a} of 12 from beyond the arc and added five rebounds.",
            "The team shot 48 percent from the field and pulled away in the fourth quarter.",
            "Coach {who} said the defense made the difference after a slow start.",
            "The Eagles play in the state semifinal next weekend.",
        ),
    ),
    "traffic": (
        ("Crash closes Route {a} near {place}", "Bridge repairs to close {place} lanes for {b} weeks"),
        (
            "A crash involving a truck and two cars closed Route {a} near {place} for about {b} hours on Monday.",
            "Police said one driver was taken to a hospital with injuries that were not life-threatening.",
            "State police are investigating the cause of the crash and asked witnesses to come forward.",
            "Transportation officials said the road reopened after crews cleared debris and spilled fuel.",
            "Drivers should expect delays while bridge repairs continue through the end of the month.",
        ),
    ),
    "arts": (
        ("{place} museum opens photography show", "Community theater stages spring musical in {place}"),
        (
            "The {place} art museum opened an exhibit of {n} photographs of the river valley on Saturday.",
            "Curator {who} said many of the images had never been shown in public before.",
            "Admission is free on the first Sunday of each month, and guided tours run on weekends.",
            "A photography workshop for teenagers will be offered in {b} sessions over the summer.",
            "The exhibit runs through the fall before traveling to two other museums in the state.",
        ),
    ),
}


# --- the mix ----------------------------------------------------------------------------------------------------------
def _generated(rng: random.Random, n: int, day: dt.date) -> dict[str, Any]:
    headlines, sentences = TOPICS[rng.choice(sorted(TOPICS))]
    slots = {"place": rng.choice(PLACES), "who": rng.choice(PEOPLE), "n": rng.randint(3, 90)}
    slots |= {"a": rng.randint(2, 9), "b": rng.randint(2, 9)}
    body = [rng.choice(sentences).format(**slots) for _ in range(rng.randint(8, 18))]
    paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
    return {
        "title": rng.choice(headlines).format(**slots),
        "text": "\n\n".join(paragraphs),
        "url": f"https://news.example/{day:%Y/%m/%d}/story-{n}",
        "published": day.isoformat(),
        "label": "general",
    }


def _real(data: Path) -> dict[str, list[dict[str, Any]]]:
    """The shared articles, labelled: police shooting or other crime news."""
    pools: dict[str, list[dict[str, Any]]] = {"ois": [], "crime": []}
    articles, gold, records = load_longtail(data)
    for a in articles:
        categories = " ".join(map(str, records.get(gold[a.id], {}).get("gva_categories") or [])).lower()
        row = {"title": a.title, "text": a.text, "url": a.url, "published": a.published and a.published.isoformat()}
        pools["ois" if "officer" in categories else "crime"].append(row)
    for a, g in load_gvdb(data):
        row = {"title": a.title, "text": a.text, "url": a.url, "published": a.published and a.published.isoformat()}
        pools["ois" if g.police else "crime"].append(row)
    return pools


def build_mix(data: Path, n: int, seed: int) -> list[dict[str, Any]]:
    """`n` articles in the SHARES mix, shuffled like a day's crawl (see the module doc)."""
    rng = random.Random(seed)
    pools = _real(data)
    rows: list[dict[str, Any]] = []
    start = dt.date(2016, 1, 4)
    for label, share in SHARES.items():
        want = round(n * share) if label != "general" else n - len(rows)
        for k in range(want):
            if label == "general":
                rows.append(_generated(rng, k, start + dt.timedelta(days=rng.randrange(60))))
                continue
            pool = pools[label]
            row = {**pool[k % len(pool)], "label": label}
            if k >= len(pool):  # a re-run: the same story with an added line, at another address
                row["text"] = f"{row['text']}\n\nThis story was updated at {k % 12 + 1}:{k % 60:02d} p.m. ({k})."
                row["url"] = f"https://rerun{k}.example/{k}"
            rows.append(row)
    rng.shuffle(rows)
    return rows


def write_jsonl(rows: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps({k: v for k, v in r.items() if k != "label"}) + "\n")


def write_warc(rows: list[dict[str, Any]], path: Path) -> None:
    """One HTTP response record (an HTML page) per article."""
    with path.open("wb") as out:
        for n, r in enumerate(rows):
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in r["text"].split("\n\n")[1:] or [r["text"]])
            html = (
                f"<!doctype html><html><head><title>{escape(r['title'] or '')}</title>"
                f'<meta property="article:published_time" content="{r["published"] or ""}"></head>'
                f"<body><article><h1>{escape(r['title'] or '')}</h1>{paragraphs}</article></body></html>"
            ).encode()
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
            url = r["url"] or f"https://news.example/page/{n}"
            head = (
                f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2016-01-20T00:00:00Z\r\n"
                f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
                f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
            ).encode()
            out.write(head + http + b"\r\n\r\n")


# --- measuring ----------------------------------------------------------------------------------------------------
@dataclass
class StageClock:
    """CPU seconds spent in each stage of an in-process ingest (wrappers around the pipeline's calls)."""

    cpu: dict[str, float] = field(default_factory=dict)

    def function(self, stage: str, fn: Callable) -> Callable:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.cpu[stage] = self.cpu.get(stage, 0.0) + time.process_time() - started

        return timed

    def generator(self, stage: str, fn: Callable) -> Callable:
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            items = iter(fn(*args, **kwargs))
            while True:
                started = time.process_time()
                try:
                    item = next(items)
                except StopIteration:
                    return
                finally:
                    self.cpu[stage] = self.cpu.get(stage, 0.0) + time.process_time() - started
                yield item

        return timed


class RssSampler(threading.Thread):
    """Resident memory of this process and its children, every `every_s` seconds: RSS summed (a page forked
    workers share with this process counts once per process) and PSS (each shared page split between its
    processes: what the machine really spends)."""

    def __init__(self, every_s: float = 0.5):
        super().__init__(daemon=True)
        self.samples: list[tuple[float, int]] = []
        self.pss: list[int] = []
        self.every_s, self._stop_event = every_s, threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        while not self._stop_event.is_set():
            try:
                processes = [me, *me.children(recursive=True)]
                rss = sum(p.memory_info().rss for p in processes)
                self.pss.append(sum(p.memory_full_info().pss for p in processes))
            except psutil.Error:
                rss = 0
            self.samples.append((time.perf_counter(), rss))
            self._stop_event.wait(self.every_s)

    def stop(self) -> dict[str, float]:
        self._stop_event.set()
        self.join()
        if not self.samples:
            return {}
        quarters = [self.samples[min(len(self.samples) - 1, len(self.samples) * q // 4)][1] for q in (1, 2, 3, 4)]
        peaks = {"peak_mb": max(r for _, r in self.samples) / 2**20, "peak_pss_mb": max(self.pss, default=0) / 2**20}
        return {**peaks, "quarters_mb": [q / 2**20 for q in quarters]}


def _db_bytes(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
        conn.execute("vacuum")
    return path.stat().st_size


def ingest_once(source: Path, work: Path, mode: str, settings: Settings) -> dict[str, Any]:
    db = work / f"{source.suffix[1:]}-{mode}.db"
    clock = StageClock()
    originals = {
        "screen": pipeline.screen,
        "extract_many": pipeline.extract_many,
        "reresolve": pipeline.reresolve,
        "read": sources.read,
        "add_processed": Store.add_processed,
    }
    if mode == "plain":
        pipeline.screen = clock.function("screen", pipeline.screen)
        pipeline.extract_many = clock.generator("extract", pipeline.extract_many)
        pipeline.reresolve = clock.function("resolve", pipeline.reresolve)
        sources.read = clock.generator("read", sources.read)
        Store.add_processed = clock.function("store", Store.add_processed)  # type: ignore[method-assign]
    sampler = RssSampler()
    sampler.start()
    store = Store(db)
    wall, cpu = time.perf_counter(), time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        if mode in ("plain", "workers"):
            chosen = settings.replace(ingest_workers=0 if mode == "workers" else 1)
            summary = pipeline.ingest([source], store, chosen, progress=False)
        else:
            from ois.dask_runner import ingest_dask

            summary = ingest_dask([source], store, settings, scheduler="processes", progress=False)
    finally:
        pipeline.screen, pipeline.extract_many, pipeline.reresolve = (
            originals["screen"],
            originals["extract_many"],
            originals["reresolve"],
        )
        sources.read, Store.add_processed = originals["read"], originals["add_processed"]  # type: ignore[method-assign]
        store.close()
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - cpu + (after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime)
    memory = sampler.stop()
    n = summary.read
    return {
        "input": source.suffix[1:],
        "mode": mode,
        "articles": n,
        "ois": summary.ois,
        "reports": summary.reports,
        "incidents": summary.incidents,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "articles_per_s": round(n / wall, 1),
        "cpu_ms_per_article": {k: round(v / n * 1000, 3) for k, v in sorted(clock.cpu.items())},
        **{k: [round(x) for x in v] if isinstance(v, list) else round(v) for k, v in memory.items()},
        "db": str(db),
    }


def storage(db: Path, rows: list[dict[str, Any]], work: Path) -> dict[str, float]:
    """Bytes per article of the lean database, and of the same database with every screened-out text kept (what
    `store_rejected_text=true` stores: the texts put back, full-text index included)."""
    kept = work / "kept.db"
    shutil.copy(db, kept)
    by_url = {r["url"]: r["text"] for r in rows if r["url"]}
    by_title = {r["title"]: r["text"] for r in rows}
    with sqlite3.connect(kept) as conn:
        missing = conn.execute("select id, url, title from articles where text is null").fetchall()
        filled = [(by_url.get(u) or by_title.get(t, ""), i) for i, u, t in missing]
        conn.executemany("update articles set text = ? where id = ?", filled)
    n = len(rows)
    return {"lean_bytes_per_article": round(_db_bytes(db) / n), "kept_bytes_per_article": round(_db_bytes(kept) / n)}


def baselines(source: Path, rows: list[dict[str, Any]], settings: Settings) -> dict[str, float]:
    wall = time.perf_counter()
    with source.open(encoding="utf-8") as lines:
        chars = sum(len(json.loads(line)["text"].lower()) for line in lines)
    read_s = time.perf_counter() - wall
    ner = nlp.load(settings.spacy_model, ner_only=True)
    texts = [r["text"][: settings.max_article_chars] for r in rows if r["label"] == "ois"]
    list(ner.pipe(texts[:5]))  # warm-up
    wall = time.perf_counter()
    list(ner.pipe(texts, batch_size=settings.spacy_batch_size))
    ner_s = time.perf_counter() - wall
    return {
        "read_lowercase_articles_per_s": round(len(rows) / read_s),
        "chars": chars,
        "ner_ois_articles": len(texts),
        "ner_ois_articles_per_s": round(len(texts) / ner_s, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=4000)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--formats", nargs="+", default=["jsonl", "warc"], choices=["jsonl", "warc"])
    modes = ["plain", "workers", "dask"]
    parser.add_argument("--modes", nargs="+", default=modes, choices=modes)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--keep", type=Path, default=None, help="keep the inputs and databases in this folder")
    args = parser.parse_args()
    settings = Settings()
    work = args.keep or Path(tempfile.mkdtemp(prefix="ois-bench-ingest-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = build_mix(args.data, args.articles, args.seed)
    counts = {label: sum(r["label"] == label for r in rows) for label in SHARES}
    paths = {"jsonl": work / "news.jsonl", "warc": work / "news.warc"}
    write_jsonl(rows, paths["jsonl"])
    write_warc(rows, paths["warc"])
    print(f"mix: {len(rows)} articles {counts}; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}", flush=True)
    base = baselines(paths["jsonl"], rows, settings)
    print(f"baselines: {base}", flush=True)
    # warm-up (not timed): lexicons, the gazetteer, the spaCy pipeline and what extraction loads on first use
    warm = [Article(Article.make_id(r["text"], r["url"]), r["title"], r["text"], r["url"]) for r in rows[:50]]
    [pipeline.screen(a, settings) for a in warm]
    ois = [a for a, r in zip(warm, rows[:50], strict=True) if r["label"] == "ois"]
    list(pipeline.extract_many(ois[:3] or warm[:1], settings))
    runs = []
    for fmt in args.formats:
        for mode in args.modes:
            run = ingest_once(paths[fmt], work, mode, settings)
            run["x_read_lowercase"] = round(run["articles_per_s"] / base["read_lowercase_articles_per_s"], 4)
            extract_ms = run["cpu_ms_per_article"].get("extract")
            if extract_ms:
                per_ois = extract_ms * run["articles"] / max(run["ois"], 1) / 1000
                run["extract_x_bare_ner"] = round(1 / per_ois / base["ner_ois_articles_per_s"], 2)
            if mode == "plain" and fmt == "jsonl":
                run.update(storage(Path(run["db"]), rows, work))
            runs.append(run)
            print(json.dumps(run), flush=True)
    result = {"mix": counts, "baselines": base, "runs": runs, "load_average": os.getloadavg()}
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
