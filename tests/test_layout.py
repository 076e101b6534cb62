"""The package's layout: one sub-package per pipeline stage, no import circles, and the early
stages free of RDF libraries.

Every import is counted, including those inside functions and under ``TYPE_CHECKING``: a
lazy import still ties two modules together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "graphkit"
STAGES = ("read", "extract", "graph", "store", "check", "ask", "share", "cli")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The graphkit modules that `path` imports (a `from pkg import mod` counts as `pkg.mod`)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names)
    return {m for m in found if m in known and m != name}


def _import_graph() -> nx.DiGraph:
    mods = _modules()
    g = nx.DiGraph()
    g.add_nodes_from(mods)
    for name, path in mods.items():
        for target in _imports(path, name, set(mods)):
            # a package's __init__ importing its own modules is how it registers or re-exports
            # them, not a dependency of the stage on itself
            if not target.startswith(name + "."):
                g.add_edge(name, target)
    return g


def test_no_import_cycles() -> None:
    cycles = list(nx.simple_cycles(_import_graph()))
    assert not cycles, "import circles inside graphkit: " + "; ".join(" -> ".join(c + c[:1]) for c in cycles)


def test_one_subpackage_per_stage() -> None:
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), f"graphkit/{stage}/ is not a package"
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert doc, f"graphkit/{stage}/__init__.py says nothing of its stage"
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert loose == [
        "__init__.py",
        "__main__.py",
        "errors.py",
        "model.py",
        "pipeline.py",
        "resolve.py",
        "resources.py",
    ], loose


@pytest.mark.parametrize("stage", ["model", "read", "extract"])
def test_early_stages_know_no_rdf(stage: str) -> None:
    paths = [PACKAGE / "model.py"] if stage == "model" else sorted((PACKAGE / stage).rglob("*.py"))
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            bad = [n for n in names if n.split(".")[0] in {"rdflib", "pyoxigraph", "pyshacl"}]
            assert not bad, f"{path.relative_to(PACKAGE.parent)} imports {bad}"


def test_early_stages_and_the_cli_stand_apart() -> None:
    """read and extract use nothing of the later stages (they make typed records only), and no
    module outside the command line imports it."""
    wrong = []
    for src, dst in _import_graph().edges:
        stage, target = src.split(".")[1:2], dst.split(".")[1:2]
        if (
            stage
            and stage[0] in {"read", "extract"}
            and target
            and target[0] not in {"read", "extract", "model", "errors", "resources", "resolve"}
        ):
            wrong.append(f"{src} -> {dst}")
        if target == ["cli"] and stage[:1] != ["cli"] and src != "graphkit.__main__":
            wrong.append(f"{src} -> {dst}")
    assert not wrong, "a stage reaches where it should not: " + ", ".join(wrong)
