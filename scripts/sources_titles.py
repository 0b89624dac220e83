"""How many LongTail records the sources stage skips with their titles and with their titles removed (issue 13).

    python scripts/sources_titles.py [--data DIR] [--split dev|test|all]

Writes the records of ../shared/data/longtail-gva/articles.jsonl twice to a temporary folder, as JSON Lines a dump
would hold ({url, title, published, text} and {url, published, text}), reads both with `ois.sources.read` and
prints a Markdown table of the articles and skipped records by reason, plus the records skipped only in one of the
two. Nothing is written to the repository; the numbers go in docs/sources.md.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections import Counter
from pathlib import Path

from ois.evaluation import default_data_dir, require
from ois.evaluation.longtail import is_dev
from ois.models import Skipped
from ois.settings import Settings
from ois.sources import read

_KIND = re.compile(r"^line \d+: ([^:(;]+)")  # "line 12: too short: 30 ..." -> "too short"


def _records(data_dir: Path, split: str) -> list[dict]:
    path = require(data_dir / "longtail-gva" / "articles.jsonl", "longtail articles")
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    if split != "all":
        rows = [row for row in rows if is_dev(str(row["incident_uri"])) == (split == "dev")]
    return [
        {"url": r.get("uri"), "title": r.get("title"), "published": r.get("dct"), "text": r.get("content")}
        for r in rows
    ]


def _skipped(records: list[dict], folder: Path, name: str, settings: Settings) -> dict[int, str]:
    """Line number -> kind of reason, for the records the sources stage skips."""
    path = folder / name
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    out = {}
    for result in read(str(path), settings):
        if isinstance(result, Skipped):
            match = _KIND.match(result.reason)
            out[int(result.source.rsplit("#", 1)[1])] = match.group(1).strip() if match else result.reason
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="folder holding longtail-gva/")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    args = parser.parse_args()
    records = _records(args.data or default_data_dir(), args.split)
    settings = Settings(env={})
    with tempfile.TemporaryDirectory() as tmp:
        titled = _skipped(records, Path(tmp), "titled.jsonl", settings)
        untitled = _skipped(
            [{k: v for k, v in r.items() if k != "title"} for r in records], Path(tmp), "bare.jsonl", settings
        )
    print(f"LongTail {args.split}: {len(records):,} records\n")
    print("| | with titles | titles removed |\n|---|--:|--:|")
    print(f"| articles | {len(records) - len(titled):,} | {len(records) - len(untitled):,} |")
    print(f"| skipped | {len(titled):,} | {len(untitled):,} |")
    kinds = Counter(titled.values()), Counter(untitled.values())
    for kind in sorted(set(kinds[0]) | set(kinds[1])):
        print(f"| skipped: {kind} | {kinds[0][kind]:,} | {kinds[1][kind]:,} |")
    print(
        f"\nskipped only with titles: {len(titled.keys() - untitled.keys())}; "
        f"only without: {len(untitled.keys() - titled.keys())}"
    )


if __name__ == "__main__":
    main()
