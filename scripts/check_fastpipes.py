"""The fast attribute ruler and lemmatizer (ois.fastpipes) against spaCy's own: same attributes, and CPU time.

    python scripts/check_fastpipes.py [--data DIR] [--longtail N] [--timing-texts N] [--rounds N] [--json out.json]

Identity: every GVDB dev text (gvdb/dev.tsv, column "Full text"), the LongTail articles (longtail-gva/articles.jsonl,
headline + text as `ois evaluate longtail` builds them; all unless `--longtail N`) and the seed articles
(seeds/*.txt) are parsed by `nlp.load(model, fast_pipes=False)` and `nlp.load(model)`, paragraph by paragraph
through `nlp.parse_many` (what extraction parses), and every token's ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD,
ENT_IOB, ENT_TYPE and SENT_START is compared. Exit status 1 when any token differs.

Speed: each component's CPU time (`time.process_time`) over the paragraphs of the first `--timing-texts` GVDB texts,
tokenised beforehand, one component after the other as in a pipeline. Each round loads both pipelines afresh and
times spaCy's, then ours (order alternating by round), each twice: the first pass as a new process meets the texts
(caches empty), the second over the same texts again (caches filled, as in a long ingest). Medians of `--rounds`.
Data is read from $OIS_SHARED_DATA, else ../shared/data beside the repository, and never written anywhere.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, TAG
from spacy.language import Language

from ois import nlp
from ois.settings import Settings

COMPARED = {
    "ORTH": ORTH,
    "TAG": TAG,
    "POS": POS,
    "MORPH": MORPH,
    "LEMMA": LEMMA,
    "DEP": DEP,
    "HEAD": HEAD,
    "ENT_IOB": ENT_IOB,
    "ENT_TYPE": ENT_TYPE,
    "SENT_START": SENT_START,
}
REPO = Path(__file__).resolve().parents[1]
BATCH = 50  # the batch `nlp.parse_many` pipes by default


def data_dir(given: Path | None) -> Path:
    return given or Path(os.environ.get("OIS_SHARED_DATA") or REPO.parent / "shared" / "data")


def gvdb_texts(folder: Path) -> list[str]:
    csv.field_size_limit(sys.maxsize)  # full texts exceed csv's 128 kB default
    with (folder / "gvdb" / "dev.tsv").open(encoding="utf-8", newline="") as handle:
        return [row.get("Full text") or "" for row in csv.DictReader(handle, delimiter="\t")]


def longtail_texts(folder: Path, limit: int | None) -> list[str]:
    out = []
    with (folder / "longtail-gva" / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(out) >= limit:
                break
            row = json.loads(line)
            out.append(f"{(row.get('title') or '').strip()}\n\n{row.get('content') or ''}")
    return out


def seed_texts(folder: Path) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((folder / "seeds").glob("*.txt"))]


def compare(slow: Language, fast: Language, texts: list[str]) -> dict[str, Any]:
    """Tokens compared and, per attribute, how many differ (a paragraph tokenised differently counts whole)."""
    attrs = list(COMPARED.values())
    tokens, differing, per_attr = 0, 0, Counter[str]()
    for a, b in zip(nlp.parse_many(slow, texts), nlp.parse_many(fast, texts), strict=True):
        for (_, doc_a), (_, doc_b) in zip(a.paragraphs, b.paragraphs, strict=True):
            x, y = doc_a.to_array(attrs), doc_b.to_array(attrs)
            tokens += len(x)
            if x.shape != y.shape:
                differing += max(len(x), len(y))
                per_attr["ORTH"] += max(len(x), len(y))
                continue
            unequal = x != y
            differing += int(unequal.any(axis=1).sum())
            per_attr.update({name: int(unequal[:, j].sum()) for j, name in enumerate(COMPARED)})
    return {"texts": len(texts), "tokens": tokens, "differing_tokens": differing, "by_attribute": dict(per_attr)}


def component_times(model: Language, paragraphs: list[str]) -> dict[str, float]:
    """CPU seconds per component over the paragraphs (tokenising is not timed)."""
    docs = [model.make_doc(p) for p in paragraphs]
    out = {}
    for name, component in model.pipeline:
        start = time.process_time()
        piped = component.pipe(docs, batch_size=BATCH) if hasattr(component, "pipe") else map(component, docs)
        docs = list(piped)
        out[name] = time.process_time() - start
    out["(all)"] = sum(out.values())
    return out


def timings(model_name: str, paragraphs: list[str], rounds: int) -> dict[str, dict[str, dict[str, float]]]:
    """{way: {pass: {component: median CPU s}}}, ways timed in alternating order, fresh pipelines per round."""
    runs: dict[str, dict[str, list[dict[str, float]]]] = {w: {"first": [], "again": []} for w in ("spacy", "fast")}
    for number in range(rounds):
        ways = ["spacy", "fast"] if number % 2 == 0 else ["fast", "spacy"]
        for way in ways:
            model = nlp.load.__wrapped__(model_name, fast_pipes=way == "fast")  # a fresh pipeline: caches empty
            model("Deputies in Harlow said nothing.")  # one-off allocations of a new pipeline, not timed
            for label in ("first", "again"):
                runs[way][label].append(component_times(model, paragraphs))
    return {
        way: {label: {name: statistics.median(r[name] for r in rs) for name in rs[0]} for label, rs in passes.items()}
        for way, passes in runs.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="shared data folder (default ../shared/data)")
    parser.add_argument("--longtail", type=int, default=None, help="compare only the first N LongTail articles")
    parser.add_argument("--timing-texts", type=int, default=200, help="GVDB texts timed per component (0: none)")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds (median kept)")
    parser.add_argument("--json", type=Path, default=None, help="also write the result here")
    args = parser.parse_args(argv)
    folder = data_dir(args.data)
    needed = [folder / "gvdb" / "dev.tsv", folder / "longtail-gva" / "articles.jsonl"]
    if missing := [str(p) for p in needed if not p.exists()]:
        print(f"skipped: shared data not found ({', '.join(missing)}); pass --data DIR or set OIS_SHARED_DATA")
        return 0
    model_name = Settings().spacy_model
    gvdb = gvdb_texts(folder)
    result: dict[str, Any] = {"model": model_name, "identity": {}, "cpu_s": {}}
    if args.timing_texts:
        paragraphs = [p for text in gvdb[: args.timing_texts] for _, p in nlp.paragraphs(text)]
        result["cpu_s"] = timings(model_name, paragraphs, args.rounds)
        result["timed"] = {"texts": min(args.timing_texts, len(gvdb)), "paragraphs": len(paragraphs)}
    slow, fast = nlp.load(model_name, fast_pipes=False), nlp.load(model_name)
    sets = {"gvdb dev": gvdb, "longtail": longtail_texts(folder, args.longtail), "seeds": seed_texts(folder)}
    for name, texts in sets.items():
        result["identity"][name] = compare(slow, fast, texts)
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 1 if any(r["differing_tokens"] for r in result["identity"].values()) else 0


def report(result: dict[str, Any]) -> None:
    print(f"model {result['model']}")
    for name, r in result["identity"].items():
        print(
            f"{name}: {r['texts']} texts, {r['tokens']} tokens, {r['differing_tokens']} differing {r['by_attribute']}"
        )
    if result["cpu_s"]:
        timed = result["timed"]
        print(f"CPU s per component, {timed['texts']} GVDB texts ({timed['paragraphs']} paragraphs), medians:")
        spacy_times, fast_times = result["cpu_s"]["spacy"], result["cpu_s"]["fast"]
        for label in ("first", "again"):
            print(f"  {'first pass (caches empty)' if label == 'first' else 'same texts again (caches filled)'}:")
            for name, old in spacy_times[label].items():
                new = fast_times[label][name]
                print(f"    {name:24s} spaCy {old:6.3f}  fast {new:6.3f}  ratio {old / new if new else 0:5.1f}x")


if __name__ == "__main__":
    sys.exit(main())
