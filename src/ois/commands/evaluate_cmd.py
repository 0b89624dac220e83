"""`ois evaluate seeds|gvdb|longtail`: score the stages against labelled data and print per-field P/R/F1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from ois.commands import console, err_console, plain, settings_of


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _section_table(title: str, fields: dict[str, dict[str, Any]]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("field", no_wrap=True, min_width=max(map(len, fields), default=5))
    has_target = any(row.get("target_f1") is not None for row in fields.values())
    for column in ("right", "wrong", "missed", "spurious", "P", "R", "F1", *(("target",) if has_target else ())):
        table.add_column(column, justify="right")
    for name, row in fields.items():
        target = row.get("target_f1")
        f1 = _pct(row.get("f1"))
        if target is not None and row.get("f1") is not None:
            f1 = f"[{'green' if row['f1'] >= target else 'red'}]{f1}[/]"
        table.add_row(
            name,
            *(str(row.get(k, "")) for k in ("right", "wrong", "missed", "spurious")),
            _pct(row.get("precision")),
            _pct(row.get("recall")),
            f1,
            *(("" if target is None else f"{target:.2f}",) if has_target else ()),
        )
    return table


def _argmatch_table(argmatch: dict[str, Any]) -> Table:
    """The GVDB approximate-match roles (Ebner et al. 2020): one row per role, then the micro average."""
    table = Table(title="GVDB approximate match, 12 roles (Ebner et al. 2020)", title_justify="left")
    for column in ("role", "gold", "ours", "matched", "P", "R", "F1", "exact F1"):
        table.add_column(column, justify="left" if column == "role" else "right")
    rows = [*argmatch["roles"].items(), ("micro (all roles)", argmatch["micro"])]
    for name, row in rows:
        table.add_row(
            name,
            str(row["gold"]),
            str(row["predicted"]),
            str(row["approximate"]),
            *(_pct(row[f"approx_{k}"]) for k in ("precision", "recall", "f1")),
            _pct(row["exact_f1"]),
        )
    return table


def render(result: dict[str, Any], errors: int = 0) -> None:
    """Print an evaluation result (the dict shape documented in ois.evaluation) as rich tables."""
    console.print(f"[bold]{result.get('dataset', '?')}[/]: {result.get('articles', '?')} articles")
    sections = result.get("sections")
    if not isinstance(sections, dict):  # a result in some other shape: show it rather than fail
        console.print_json(json.dumps(result, default=str))
        return
    for title, fields in sections.items():
        console.print(_section_table(title, fields) if fields else f"{title}: nothing scored")
    if result.get("argmatch"):
        console.print(_argmatch_table(result["argmatch"]))
    resolution = result.get("resolution")
    if "resolution" in result:
        if resolution:
            pairs = resolution.get("pairs", {})
            console.print(
                f"resolution: {resolution.get('our_incidents')} incidents (gold {resolution.get('gold_incidents')}); "
                f"same-incident pairs P {_pct(pairs.get('precision'))} R {_pct(pairs.get('recall'))}"
            )
        else:
            gold = result.get("gold_incidents")
            console.print("resolution: n/a" + (f" (gold: {gold} incidents)" if gold is not None else ""))
    for note in result.get("notes", ()):
        console.print(Text.assemble(("note: ", "yellow"), plain(note)))
    skipped = result.get("skipped") or []
    if skipped:
        console.print(Text.assemble((f"{len(skipped)} skipped", "yellow"), ", e.g. ", plain(skipped[0])))
    if errors > 0:
        for name, examples in (result.get("errors") or {}).items():
            console.print(f"[bold]{name}[/]: {len(examples)} errors")
            for ex in examples[:errors]:
                times = f" x{ex['n']}" if ex.get("n", 1) > 1 else ""
                line = f"  {ex['outcome']}{times} {ex['article']}: gold={ex['gold']!r} ours={ex['ours']!r}"
                console.print(plain(line))


def register(app: typer.Typer) -> None:
    @app.command("evaluate")
    def evaluate_command(
        ctx: typer.Context,
        dataset: str = typer.Argument(..., help="seeds | gvdb | longtail | gold | linking | mpv"),
        data: Path = typer.Option(
            None,
            "--data",
            help="Folder holding seeds/, gvdb/, longtail-gva/, mpv/, wapo/ (default $OIS_SHARED_DATA, ../shared/data).",
        ),
        limit: int = typer.Option(None, "--limit", min=1, help="Evaluate only the first N articles."),
        json_out: Path = typer.Option(None, "--json", help="Also write the full result (with all errors) here."),
        errors: int = typer.Option(0, "--errors", min=0, help="Print N error examples per field."),
    ) -> None:
        """Score screening and extraction (and resolution, for seeds) against labelled data: P/R/F1 per field."""
        from ois.evaluation import DATASETS, DataMissing, default_data_dir, evaluate
        from ois.reference.load import LoadError

        if dataset not in DATASETS:
            err_console.print(plain(f"Unknown dataset {dataset!r}. Choose one of: {', '.join(DATASETS)}.", "red"))
            raise typer.Exit(2)
        data_dir = data or default_data_dir()
        try:
            result = evaluate(dataset, data_dir, settings_of(ctx), limit=limit)
        except DataMissing as exc:
            err_console.print(Text.assemble(("No evaluation data. ", "red"), plain(exc)))
            raise typer.Exit(2) from None
        except LookupError as exc:
            err_console.print(plain(exc, "red"))
            raise typer.Exit(2) from None
        except LoadError as exc:  # a reference file (MPV, WaPo) in a format we do not know
            err_console.print(Text.assemble(("Cannot read the evaluation data. ", "red"), plain(exc)))
            raise typer.Exit(2) from None
        render(result, errors)
        if json_out:
            json_out.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
            console.print(f"wrote {json_out}")
