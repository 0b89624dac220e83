"""Fit `src/ois/data/resolve_terms.json`: how common each word is in news, for resolution's salient terms.

    python scripts/fit_resolve_terms.py [--data DIR] [--min-documents 10]

Resolution weighs the words two reports share by how rare they are (tf-idf). The idf used to come from the batch
being resolved, so adding one report changed every profile and nothing could be resolved incrementally. Now it
comes from this fixed table: the document frequency of every term found in at least `--min-documents` of the
longtail-gva dev split's articles (the same dev split the resolution weights were tuned on; the test split is
not read). Words rarer than that (names, streets, misspellings) are "rare" and get the table's `absent_df`.
Only word counts are written, no text. Deterministic for a given data set.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from ois import boilerplate
from ois.evaluation import default_data_dir
from ois.evaluation.longtail import is_dev, load_longtail
from ois.resolve.features import term_counts

OUT = Path(__file__).resolve().parents[1] / "src" / "ois" / "data" / "resolve_terms.json"


def fit(data_dir: Path, min_documents: int) -> dict:
    articles, gold, _ = load_longtail(data_dir)
    dev = [a for a in articles if is_dev(gold[a.id])]
    df: Counter[str] = Counter()
    for article in dev:
        df.update(term_counts(boilerplate.strip(article.text)).keys())
    table = {t: n for t, n in sorted(df.items()) if n >= min_documents}
    return {
        "_doc": (
            "Document frequency of terms (ois.resolve.features) in the longtail-gva dev split, for resolution's "
            "idf; terms in fewer than min_documents articles are absent and count as absent_df. Made by "
            "scripts/fit_resolve_terms.py; refit only with a re-check of `ois evaluate longtail`."
        ),
        "documents": len(dev),
        "min_documents": min_documents,
        # half the table's floor: a term missing from the table is rarer than every term in it
        "absent_df": min_documents / 2,
        "df": table,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--min-documents", type=int, default=10)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    fitted = fit(args.data, args.min_documents)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(fitted, indent=0, ensure_ascii=True) + "\n", encoding="utf-8")
    tmp.replace(args.out)
    print(f"{len(fitted['df'])} terms from {fitted['documents']} articles -> {args.out}")


if __name__ == "__main__":
    main()
