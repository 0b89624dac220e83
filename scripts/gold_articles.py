"""List or print the articles of the development gold set (docs/annotation.md), read from ../shared/data.

    python scripts/gold_articles.py candidates            # one "dataset doc split" line per candidate article
    python scripts/gold_articles.py show longtail lt00012  # the article as the pipeline sees it, for annotating
    python scripts/gold_articles.py show gvdb 2175

Candidates (chosen once, 2026-11-26; the list is what eval/gold/*.jsonl annotates): from longtail-gva every
article whose GVA incident is tagged officer_involved_shootings, or that the screener of the time accepted, or
that matches a broad police-and-shooting pattern; from GVDB dev every article the annotators marked as a shooting
by or at police, or that the screener accepted, or that matches the pattern. The split is a stable hash of
"dataset:doc" (held-out when the first 8 hex digits mod 5 < 2, about 40 %).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

from ois.evaluation import DataMissing, default_data_dir
from ois.evaluation.gvdb import load_gvdb
from ois.evaluation.longtail import load_longtail
from ois.models import Article
from ois.screen import screen
from ois.settings import Settings

BROAD = re.compile(
    r"(?:officer|deputy|trooper|police|agent)s?[- ]involved shooting"
    r"|(?:shot|killed|wounded) by (?:police|an? (?:officer|deputy|trooper|agent))"
    r"|(?:officers?|deput(?:y|ies)|troopers?|police|agents?) (?:shot|fired|opened fire|returned fire|killed)"
    r"|(?:shot|fired|opened fire) (?:at|on) (?:an? )?(?:officers?|deput(?:y|ies)|troopers?|police)"
    r"|(?:officer|deputy|trooper) (?:was )?(?:shot|wounded|killed)",
    re.IGNORECASE,
)


def split_of(dataset: str, doc: str) -> str:
    """ "heldout" for about 40 % of the gold articles (stable hash), else "tune"."""
    digest = hashlib.sha256(f"{dataset}:{doc}".encode()).hexdigest()
    return "heldout" if int(digest[:8], 16) % 5 < 2 else "tune"


def articles(data_dir: Path) -> dict[tuple[str, str], tuple[Article, bool]]:
    """(dataset, doc) -> (article, whether the dataset itself calls it a police shooting), for both datasets."""
    out: dict[tuple[str, str], tuple[Article, bool]] = {}
    items, gold, _ = load_longtail(data_dir)
    tagged = set()
    with (data_dir / "longtail-gva" / "incidents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if "officer_involved_shootings" in (row.get("gva_categories") or []):
                tagged.add(str(row["incident_uri"]))
    for article in items:
        out[("longtail", article.id)] = (article, gold[article.id] in tagged)
    for article, record in load_gvdb(data_dir):
        out[("gvdb", article.source.rsplit("#", 1)[-1])] = (article, record.police)
    return out


def candidates(data_dir: Path) -> list[tuple[str, str]]:
    settings = Settings(env={})
    return [
        key
        for key, (article, police) in articles(data_dir).items()
        if police or BROAD.search(article.text) or screen(article, settings).is_ois
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("candidates", "show"))
    parser.add_argument("dataset", nargs="?")
    parser.add_argument("doc", nargs="?")
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        data_dir = args.data or default_data_dir()
        if args.command == "candidates":
            for dataset, doc in candidates(data_dir):
                print(dataset, doc, split_of(dataset, doc))
            return 0
        article, _ = articles(data_dir)[(args.dataset, args.doc)]
    except DataMissing as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyError:
        print(f"no article {args.dataset} {args.doc}", file=sys.stderr)
        return 2
    print(f"dataset: {args.dataset}  doc: {args.doc}  published: {article.published or 'unknown'}")
    print(f"url: {article.url or '-'}\n")
    print(article.text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
