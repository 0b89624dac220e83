"""The rules of docs/architecture.md, asserted on the source: imports between layers, and the commands docs name."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest
import typer.main

from ois.cli import app

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "ois"
STAGES = ("sources", "screen", "extract", "resolve", "store")
SHARED_HELPERS = ("models", "settings", "nlp", "geo", "names", "data", "boilerplate", "workers")
READERS = ("web", "query", "export")  # read the database; never run the pipeline
PIPELINE = ("pipeline", "dask_runner", "sources", "screen", "extract", "resolve")
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every `ois.*` module the file imports (relative imports resolved; `from ois import x` gives ois.x)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "ois" or name.startswith("ois.")}


def _part(module: str) -> str:
    """The top-level part of the package a module belongs to: ois.extract.people -> extract."""
    return module.split(".")[1] if module.count(".") else ""


def _existing(modules: set[str]) -> set[str]:
    """Only names that are modules or packages of ois (`from ois.x import func` also yields ois.x.func)."""
    return {m for m in modules if _path(m).with_suffix(".py").exists() or _path(m).is_dir()}


def _path(module: str) -> Path:
    return PACKAGE.parent.joinpath(*module.split("."))


SOURCES = sorted(PACKAGE.rglob("*.py"))
GRAPH = {_module_name(p): {_part(m) for m in _existing(_imports(p))} for p in SOURCES}


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if _part(m) in STAGES))
def test_no_stage_imports_another(module):
    own = _part(module)
    assert not {p for p in GRAPH[module] if p in STAGES and p != own}, f"{module} imports {GRAPH[module]}"


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if _part(m) in READERS))
def test_read_side_never_imports_the_pipeline(module):
    assert not GRAPH[module] & set(PIPELINE), f"{module} imports {GRAPH[module] & set(PIPELINE)}"


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if _part(m) in SHARED_HELPERS))
def test_shared_helpers_import_no_stage(module):
    assert not GRAPH[module] & {*STAGES, *PIPELINE, *READERS, "commands", "cli"}, GRAPH[module]


def test_only_the_pipeline_knows_the_order():
    """Besides the pipeline and its Dask runner, only the CLI, evaluation and the commands may import stages
    together; nothing imports the pipeline except those."""
    users = {m for m, parts in GRAPH.items() if "pipeline" in parts and _part(m) != "pipeline"}
    assert {_part(m) for m in users} <= {"dask_runner", "commands", "evaluation"}, users


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_are_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def _commands(group: click.Group, prefix: str = "") -> set[str]:
    out = set()
    for name, command in group.commands.items():
        out.add(prefix + name)
        if isinstance(command, click.Group):
            out |= _commands(command, f"{prefix}{name} ")
    return out


# `ois word` in inline code or at the start of a line in a code block; `ois.module` (Python names) is not a command.
_COMMAND_IN_DOCS = re.compile(r"(?:`|^\s*(?:\$\s+)?)ois ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)?)", re.MULTILINE)


def test_every_command_named_in_the_docs_exists():
    commands = _commands(typer.main.get_command(app))
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    missing = set()
    for doc in docs:
        for match in _COMMAND_IN_DOCS.finditer(doc.read_text(encoding="utf-8")):
            words = match.group(1)
            first, *rest = words.split()
            group = any(c.startswith(f"{first} ") for c in commands)  # then its subcommand must exist too
            if first not in commands or (rest and group and words not in commands):
                missing.add(f"{doc.name}: ois {words if group else first}")
    assert not missing, sorted(missing)
