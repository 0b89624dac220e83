"""Compare two `ois evaluate ... --json` results side by side: every section and field, F1 (and P/R) before and after.

    python scripts/compare_eval.py BEFORE.json AFTER.json [--all]

Prints a Markdown table (what docs/evaluation.md quotes) of the fields whose counts changed, or of every field with
`--all`. Exit code 0; the numbers are for a person to read, not a gate.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def rows(before: dict[str, Any], after: dict[str, Any], every: bool) -> list[str]:
    out = [
        "| section | field | F1 before | F1 after | P before → after | R before → after | counts after (r/w/m/s) |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    for section, fields in after.get("sections", {}).items():
        old_fields = before.get("sections", {}).get(section, {})
        for name, new in fields.items():
            old = old_fields.get(name, {})
            counts = tuple(new.get(k) for k in ("right", "wrong", "missed", "spurious"))
            keys = ("right", "wrong", "missed", "spurious", "precision", "recall", "f1")
            if not every and all(old.get(k) == new.get(k) for k in keys):
                continue
            out.append(
                f"| {section} | {name} | {_fmt(old.get('f1'))} | {_fmt(new.get('f1'))} | "
                f"{_fmt(old.get('precision'))} → {_fmt(new.get('precision'))} | "
                f"{_fmt(old.get('recall'))} → {_fmt(new.get('recall'))} | {'/'.join(map(str, counts))} |"
            )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--all", action="store_true", help="list unchanged fields too")
    args = parser.parse_args(argv)
    before, after = (json.loads(p.read_text(encoding="utf-8")) for p in (args.before, args.after))
    lines = rows(before, after, args.all)
    print("\n".join(lines) if len(lines) > 2 else "no field changed")
    for key in ("resolution",):
        if before.get(key) != after.get(key):
            print(f"\n{key}: {json.dumps(before.get(key))} -> {json.dumps(after.get(key))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
