"""Fit the link weights (src/ois/data/link_weights.json) on the fitting half of MPV's rows with a WaPo id.

For every MPV row of the fitting half (`ois.evaluation.linking.in_fit_half`) whose WaPo id is in WaPo v2, every
WaPo row the blocking proposes is a pair: a true link when it is MPV's WaPo id, else not. For each compared field,
m(level) = share of true links at that level and u(level) = share of other pairs at it (add-one smoothing). Our
values are extracted from news and sometimes wrong, so a true link reaches a level with m' = (1 - e) m + e u (e: the
field's extraction error rate, ERROR_RATES); the weight is log2(m'/u), and the prior is log2 of the odds that a
blocked pair is a link. "missing" levels weigh 0: an
unknown value is no evidence. This is the supervised form of what splink's EM estimates without labels.

    python scripts/fit_linking.py [--data ../shared/data] [--write]
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path

from ois import names
from ois.evaluation import default_data_dir
from ois.evaluation.linking import as_person, in_fit_half, mpv_rows, wapo_rows
from ois.reference.compare import LEVELS, levels
from ois.reference.link import Index
from ois.settings import Settings

OUT = Path(__file__).resolve().parents[1] / "src" / "ois" / "data" / "link_weights.json"
# How often a value we extract from news is wrong when we give one, measured on GVDB dev (docs/evaluation.md):
# incident_date 69 wrong of 170 given, city 56 of 330, ages ~0.4 (precision 0.59, ages of other people included);
# names 0.01: a wrong name is mostly another person's (a victim's), exactly what a link must not accept; agency
# and gender are not measured there: the city's rate and a small prior. MPV and WaPo, both curated, fit m and u.
ERROR_RATES = {"name": 0.01, "date": 0.4, "place": 0.17, "age": 0.4, "gender": 0.05, "agency": 0.17}


def fit(data_dir: Path, settings: Settings) -> dict:
    refs = wapo_rows(data_dir)
    index = Index(refs)
    known = {r.id for r in refs}
    rule = names.rule(settings)
    m = {f: Counter() for f in LEVELS}
    u = {f: Counter() for f in LEVELS}
    people = matches = pairs = 0
    for row in mpv_rows(data_dir):
        if not (row.wapo_id in known and in_fit_half(row.id)):
            continue
        people += 1
        who = as_person(row)
        for ref in index.candidates(who, settings.link_window_days, settings.link_name_window_days):
            counts = m if ref.id == row.wapo_id else u
            matches += ref.id == row.wapo_id
            pairs += 1
            for name, level in levels(who, ref, rule, settings.link_name_similar_ratio).items():
                counts[name][level] += 1
    fields = {}
    for name, order in LEVELS.items():
        n_m, n_u = sum(m[name].values()), sum(u[name].values())
        fields[name] = {}
        for level in order:
            m_level = (m[name][level] + 1) / (n_m + len(order))
            u_level = (u[name][level] + 1) / (n_u + len(order))
            # Our value is an extraction: with probability ERROR_RATES[name] it is wrong, i.e. drawn like any
            # other candidate's (u), so a true link reaches this level with (1 - e) m + e u.
            error = ERROR_RATES[name]
            weight = math.log2(((1 - error) * m_level + error * u_level) / u_level)
            fields[name][level] = 0.0 if level == "missing" else round(weight, 3)
    return {
        "_about": (
            f"Fitted by scripts/fit_linking.py on the fitting half of MPV 2021-04 dev rows with a WaPo v2 id "
            f"({people} people, {pairs} blocked pairs, {matches} true links): weight = log2(m'/u) per level with "
            "add-one smoothing, m' = (1 - e) m + e u for the extraction error rate e of each field (ERROR_RATES in "
            "the script); missing = 0. See docs/linking.md."
        ),
        "prior_log2": round(math.log2(matches / (pairs - matches)), 3),
        "error_rates": ERROR_RATES,
        "fields": fields,
        "counts": {name: {"m": dict(m[name]), "u": dict(u[name])} for name in LEVELS},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name} (else print)")
    args = parser.parse_args()
    table = fit(args.data, Settings())
    text = json.dumps(table, indent=1) + "\n"
    if args.write:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT}")
    else:
        print(text)


if __name__ == "__main__":
    main()
