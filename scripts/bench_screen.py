"""Screening speed: the old full screen against the two-stage screen, on a realistic mix of real articles.

    python scripts/bench_screen.py [--data DIR] [--repeats N] [--ingest-mix N] [--json out.json]

Texts (from ../shared/data, read once, kept in memory):
- the news mix: every GVDB dev article and every LongTail article (ordinary gun-violence news; about 5 % OIS);
- the MPV short descriptions of police killings (one paragraph each, nearly all police shootings), timed apart
  because they are not news articles;
- with `--ingest-mix N`: the N articles `scripts/bench_ingest.py` builds (seed 1: 5 % police shootings, 25 % other
  crime news, 70 % generated general news), read as `ois ingest` reads a JSONL record (headline + text).

Rows, all on the same texts in this process, interleaved `--repeats` times (median CPU time kept; the machine is
shared, so only ratios measured in the same run mean anything):
- baseline: read each article's text and lower-case it (the floor any screen pays);
- full screen: `screen()` with `screen_prefilter=false` (sentence-level cue matching of every sentence);
- two-stage screen: `screen()` as shipped (stage 1 rejects articles without the words any cue needs; stage 2
  matches each sentence only against the cues whose words it holds);
- stage 1 alone: `Prefilter.possible` on every text.
Changed verdicts: (is_ois, police_fired, shot_at_police) of the two-stage screen vs the full screen, per dev set.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ois.evaluation import DataMissing, default_data_dir
from ois.evaluation.gold import gold_articles, load_gold
from ois.evaluation.gvdb import load_gvdb
from ois.evaluation.longtail import load_longtail
from ois.models import Article, Screening
from ois.screen import find_cues, load_lexicon, screen, sentences
from ois.screen.cues import headline_end, officer_aliases
from ois.screen.prefilter import load_prefilter
from ois.settings import Settings
from ois.sources.records import record_article

_MPV_TEXT = "A brief description of the circumstances surrounding the death"


def load_sets(data: Path) -> dict[str, list[Article]]:
    gvdb = [a for a, _ in load_gvdb(data)]
    longtail, _, _ = load_longtail(data)
    by_doc = gold_articles(data)
    gold = [by_doc[(r["dataset"], r["doc"])] for r in load_gold()]
    seeds = [
        Article(p.stem, p.read_text(encoding="utf-8").split("\n")[0], p.read_text(encoding="utf-8"))
        for p in sorted((data / "seeds").glob("*.txt"))
    ]
    csv.field_size_limit(sys.maxsize)
    with (data / "mpv" / "mpv-2021-04-dev.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row.get(_MPV_TEXT, "").strip() for row in csv.DictReader(handle)]
    mpv = [Article(f"mpv{n}", text, text) for n, text in enumerate(rows) if text]
    return {"GVDB dev": gvdb, "LongTail": longtail, "gold (tune + held-out)": gold, "seeds": seeds, "MPV": mpv}


def ingest_mix(data: Path, n: int, settings: Settings) -> list[Article]:
    """The articles of `bench_ingest.build_mix` (seed 1), as ingest reads them (records it skips are left out)."""
    from bench_ingest import build_mix  # the scripts folder is on the path when this runs as a script

    records = [{k: v for k, v in row.items() if k != "label"} for row in build_mix(data, n, seed=1)]
    return [a for a in (record_article(r, "ingest mix", settings) for r in records) if isinstance(a, Article)]


def cpu_seconds(run: Callable[[], Any]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def verdict(result: Screening) -> tuple[bool, bool | None, bool | None]:
    return result.is_ois, result.police_fired, result.shot_at_police


def time_rows(texts: list[Article], settings: Settings, repeats: int) -> dict[str, float]:
    """Median CPU seconds per row over `repeats` interleaved rounds (after one warm-up round on a slice)."""
    full = settings.replace(screen_prefilter=False)
    prefilter = load_prefilter()
    rows: dict[str, Callable[[], Any]] = {
        "baseline: read + lower-case": lambda: [a.text.lower() for a in texts],
        "full screen (old)": lambda: [screen(a, full) for a in texts],
        "two-stage screen (new)": lambda: [screen(a, settings) for a in texts],
        "stage 1 alone": lambda: [prefilter.possible(a.text[: settings.max_article_chars]) for a in texts],
    }
    warm = texts[:200]
    for article in warm:
        screen(article, full), screen(article, settings)
    samples: dict[str, list[float]] = {name: [] for name in rows}
    for _ in range(repeats):
        for name, run in rows.items():
            samples[name].append(cpu_seconds(run))
    return {name: statistics.median(values) for name, values in samples.items()}


def stage_costs(texts: list[Article], settings: Settings) -> dict[str, Any]:
    """Where the two-stage screen's time goes: CPU per article on the articles stage 1 rejects and on those it
    passes, and for the passed ones the parts of stage 2 (the rest of `find_cues` is cue matching)."""
    lexicon, prefilter, limit = load_lexicon(), load_prefilter(), settings.max_article_chars
    rejected = [a for a in texts if not prefilter.possible(a.text[:limit])]
    passed = [a for a in texts if prefilter.possible(a.text[:limit])]
    bodies = [a.text[:limit] for a in passed]
    aliases = [officer_aliases(t[headline_end(t) :], lexicon, prefilter) for t in bodies]
    seen = [
        [al.sub(lexicon.alias, s.text) if al else s.text for s in sentences(t, lexicon.abbreviations)]
        for t, al in zip(bodies, aliases, strict=True)
    ]
    per = 1e6 / max(len(passed), 1)
    parts = {
        "stage 1": cpu_seconds(lambda: [prefilter.possible(t) for t in bodies]) * per,
        "officer surnames": cpu_seconds(
            lambda: [officer_aliases(t[headline_end(t) :], lexicon, prefilter) for t in bodies]
        )
        * per,
        "sentence split": cpu_seconds(lambda: [list(sentences(t, lexicon.abbreviations)) for t in bodies]) * per,
        "candidate cues": cpu_seconds(lambda: [[prefilter.candidates(x) for x in sents] for sents in seen]) * per,
    }
    cues = cpu_seconds(lambda: [find_cues(a, lexicon, limit, prefilter) for a in passed]) * per
    parts["cue matching (rest of find_cues)"] = cues - sum(v for k, v in parts.items() if k != "stage 1")
    pairs = sum(len(prefilter.candidates(x)) for sents in seen for x in sents)
    both = [
        any(
            all(lexicon.gates[g].search(x.text) for g in ("police", "firearm"))
            for x in sentences(a.text, lexicon.abbreviations)
        )
        for a in texts
    ]
    return {
        "rejected": len(rejected),
        "passed": len(passed),
        "reject_us": cpu_seconds(lambda: [screen(a, settings) for a in rejected]) * 1e6 / max(len(rejected), 1),
        "pass_us": cpu_seconds(lambda: [screen(a, settings) for a in passed]) * per,
        "pass_parts_us": parts,
        "candidate_pairs_per_passed_article": pairs / max(len(passed), 1),
        "articles_with_police_and_firearm_sentence": sum(both),
    }


def run(data: Path, repeats: int, ingest: int) -> dict[str, Any]:
    settings = Settings()
    sets = load_sets(data)
    news = sets["GVDB dev"] + sets["LongTail"]
    ois = sum(screen(a, settings).is_ois for a in news)
    full = settings.replace(screen_prefilter=False)
    changed = {
        name: [a.id for a in arts if verdict(screen(a, settings)) != verdict(screen(a, full))]
        for name, arts in sets.items()
    }
    mixes = {"news mix (GVDB dev + LongTail)": news, "MPV descriptions": sets["MPV"]}
    if ingest:
        mixes["ingest mix (bench_ingest.py, seed 1)"] = ingest_mix(data, ingest, settings)
    timings = {name: time_rows(texts, settings, repeats) for name, texts in mixes.items()}
    return {
        "python": sys.version.split()[0],
        "repeats": repeats,
        "mixes": {
            name: {"articles": len(texts), "mean_chars": round(statistics.mean(len(a.text) for a in texts))}
            for name, texts in mixes.items()
        },
        "news_mix_ois": ois,
        "timings_cpu_s": timings,
        "stage_costs": stage_costs(news, settings),
        "changed_verdicts": {name: {"articles": len(sets[name]), "changed": ids} for name, ids in changed.items()},
    }


def table(result: dict[str, Any]) -> str:
    lines = []
    for mix, rows in result["timings_cpu_s"].items():
        n = result["mixes"][mix]["articles"]
        base = rows["baseline: read + lower-case"]
        full = rows["full screen (old)"]
        lines += [f"\n{mix}: {n} articles, {result['mixes'][mix]['mean_chars']} characters on average\n"]
        lines += [
            "| row | CPU s | articles per CPU s | x baseline time | x full screen speed |",
            "|---|--:|--:|--:|--:|",
        ]
        for name, cpu in rows.items():
            lines.append(f"| {name} | {cpu:.3f} | {n / cpu:,.0f} | {cpu / base:.0f} | {full / cpu:.2f} |")
    costs = result["stage_costs"]
    total = costs["rejected"] + costs["passed"]
    lines.append(
        f"\nStage 1 rejects {costs['rejected']} of {total} news-mix articles ({costs['reject_us']:.0f} µs each); "
        f"{costs['articles_with_police_and_firearm_sentence']} have a sentence with both a police and a firearm word. "
        f"A passed article costs {costs['pass_us']:.0f} µs, with "
        f"{costs['candidate_pairs_per_passed_article']:.1f} candidate (sentence, cue) pairs:\n"
    )
    lines += ["| part of a passed article | µs |", "|---|--:|"]
    lines += [f"| {name} | {us:.0f} |" for name, us in costs["pass_parts_us"].items()]
    lines.append("\n| dev set | articles | changed verdicts |\n|---|--:|--:|")
    for name, row in result["changed_verdicts"].items():
        lines.append(f"| {name} | {row['articles']} | {len(row['changed'])} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="shared data folder (default: ../shared/data)")
    parser.add_argument("--repeats", type=int, default=3, help="interleaved rounds per row (median kept)")
    parser.add_argument("--ingest-mix", type=int, default=0, help="also time this many articles of the ingest mix")
    parser.add_argument("--json", type=Path, default=None, help="write the whole result here")
    args = parser.parse_args()
    try:
        result = run(args.data or default_data_dir(), args.repeats, args.ingest_mix)
    except DataMissing as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"News mix: {result['news_mix_ois']} screened as OIS (two-stage screen).")
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
