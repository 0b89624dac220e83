"""Speed benchmark on the GVDB dev texts: articles/s for screen, extract, bare spaCy NER and the full spaCy pipeline.

    python scripts/benchmark.py [--data DIR] [--limit N] [--json out.json] [--set name=value ...]

All rows time the same texts (the Article texts `ois evaluate gvdb` builds, cut to max_article_chars) in one
process, one after the other; model loading is timed separately and left out of the rates. "spaCy NER only" is
`nlp.pipe` over whole texts with parser, tagger, lemmatizer and attribute ruler disabled; "spaCy full" is the
whole pipeline, also over whole texts; "extract" is `ois.extract.extract_many` (paragraph-split parse with the full
pipeline, plus the rule extractors). Numbers go in docs/evaluation.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from ois import nlp
from ois.evaluation import DataMissing, default_data_dir
from ois.evaluation.gvdb import load_gvdb
from ois.extract import extract_many
from ois.models import Article
from ois.screen import screen
from ois.settings import Settings, parse_overrides

console = Console()


def timed(name: str, articles: list[Article], run: Callable[[], Any]) -> dict[str, Any]:
    """Wall and CPU time of one row. The machine is shared, so CPU time (this process, all threads) is the steadier
    number; wall time is what a user waits."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    n = len(articles)
    return {
        "stage": name,
        "articles": n,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "articles_per_s": round(n / wall, 1) if wall else None,
        "articles_per_cpu_s": round(n / cpu, 1) if cpu else None,
    }


def benchmark(articles: list[Article], settings: Settings) -> dict[str, Any]:
    texts = [a.text[: settings.max_article_chars] for a in articles]
    batch = settings.spacy_batch_size
    loads = {}
    for label, ner_only in (("full", False), ("ner_only", True)):
        start = time.perf_counter()
        model = nlp.load(settings.spacy_model, ner_only=ner_only)
        loads[label] = round(time.perf_counter() - start, 2)
        list(model.pipe(texts[:5]))  # warm-up: the first batch pays one-off allocation costs
    # warm-up: lexicons, compiled patterns and the gazetteer load on first use, once per process
    [screen(a, settings) for a in articles[:5]]
    list(extract_many(articles[:5], settings))
    rows = []
    rows.append(timed("screen", articles, lambda: [screen(a, settings) for a in articles]))
    rows.append(timed("extract (incl. spaCy parse)", articles, lambda: list(extract_many(articles, settings))))
    ner = nlp.load(settings.spacy_model, ner_only=True)
    rows.append(timed("spaCy NER only", articles, lambda: list(ner.pipe(texts, batch_size=batch))))
    full = nlp.load(settings.spacy_model)
    rows.append(timed("spaCy full pipeline", articles, lambda: list(full.pipe(texts, batch_size=batch))))
    # What extract parses with: paragraphs piped article by article (separates parse cost from the rules' cost).
    rows.append(timed("spaCy full, nlp.parse_many", articles, lambda: list(nlp.parse_many(full, texts, batch))))
    return {
        "model": settings.spacy_model,
        "batch_size": batch,
        "articles": len(articles),
        "mean_chars": round(sum(map(len, texts)) / max(len(texts), 1)),
        "model_load_s": loads,
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],  # other work on the machine skews wall time
        "machine": f"{platform.machine()}, {platform.processor() or '?'}",
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="shared data folder (default ../shared/data)")
    parser.add_argument("--limit", type=int, default=None, help="benchmark only the first N articles")
    parser.add_argument("--json", type=Path, default=None, help="also write the result here")
    parser.add_argument("--set", action="append", default=[], help="override a setting: name=value")
    args = parser.parse_args(argv)
    settings = Settings(parse_overrides(args.set))
    try:
        articles = [a for a, _ in load_gvdb(args.data or default_data_dir(), args.limit)]
    except DataMissing as exc:
        console.print(f"[red]No benchmark data.[/] {exc}")
        return 2
    result = benchmark(articles, settings)
    table = Table(
        title=f"{result['articles']} GVDB articles, {result['mean_chars']} chars on average, "
        f"model {result['model']}, batch {result['batch_size']}"
    )
    for column in ("stage", "wall s", "CPU s", "articles/s", "articles/CPU s"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for row in result["rows"]:
        table.add_row(
            row["stage"],
            f"{row['wall_s']:.2f}",
            f"{row['cpu_s']:.2f}",
            str(row["articles_per_s"]),
            str(row["articles_per_cpu_s"]),
        )
    console.print(table)
    console.print(f"model load (s): {result['model_load_s']}; load average {result['load_average']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
        console.print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
