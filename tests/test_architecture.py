"""Imports run one way (ARCHITECTURE.md), and each third-party library has one importer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mla_diff"

# Layers, lowest first: a module imports only from lower layers.
LAYERS: dict[str, int] = {
    "model": 0,
    "errors": 0,
    "normalize": 1,
    "diff": 1,
    "headings": 1,
    "furniture": 1,
    "paragraphs": 1,
    "notes": 1,
    "preamble": 1,
    "parse": 2,
    "similarity": 1,
    "sequence": 1,
    "splits": 2,
    "reasons": 2,
    "pairing": 2,
    "align": 3,
    "paragraph_diff": 2,
    "rules": 3,
    "significance": 4,
    "compare": 5,
    "history": 5,
    "outline": 6,
    "redline": 5,
    "view": 6,
    "sources": 6,
    "importers": 7,
    "jsonreport": 7,
    "markdown": 6,
    "terminal": 7,
    "steps": 4,
    "terms": 6,
    "timeline": 8,
    "textdiff": 6,
    "policy": 6,
    "gitsource": 7,
    "pairs": 8,
    "gitlog": 8,
    "instruments": 8,
    "histories": 9,
    "github": 9,
    "render": 8,
    "reports": 9,
    "cli": 10,
    "__init__": 9,
    "__main__": 11,
}

# Third-party libraries and the one module allowed to import each.
SOLE_IMPORTERS = {
    "click": "cli",
    "jinja2": "render",
    "git": "gitsource",
    "fast_diff_match_patch": "diff",
    "pypdfium2": "importers",
    "pdfplumber": "importers",
    "pdfminer": "importers",
    "pypdf": "importers",
    "striprtf": "importers",
    "tomli_w": "sources",
}

# The core never touches files, git, the clock or stdout.
CORE = {
    "model",
    "errors",
    "normalize",
    "diff",
    "parse",
    "align",
    "paragraphs",
    "paragraph_diff",
    "rules",
    "significance",
    "compare",
    "history",
    "steps",
    "terms",
}
CORE_FORBIDDEN = {"subprocess", "time", "datetime", "os", "shutil", "git", "click"}


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE).with_suffix("")
    return relative.parts[0]


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            found.append((f"mla_diff.{node.module or ''}", node.lineno))
    return found


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    missing = sorted({_module_name(p) for p in _sources()} - set(LAYERS))
    assert not missing, f"add these modules to LAYERS in {__file__}: {missing}"


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_layers(path: Path) -> None:
    module = _module_name(path)
    for name, line in _imports(path):
        top = name.split(".")[0]
        if top == "mla_diff":
            target = name.split(".")[1] if "." in name else "__init__"
            assert LAYERS[target] < LAYERS[module] or target == module, (
                f"{path.name}:{line} imports {name}: {module} (layer {LAYERS[module]}) may only "
                f"import lower layers"
            )
        elif top in SOLE_IMPORTERS:
            assert SOLE_IMPORTERS[top] == module, (
                f"{path.name}:{line}: only {SOLE_IMPORTERS[top]} imports {top}"
            )
        if module in CORE:
            assert top not in CORE_FORBIDDEN, f"{path.name}:{line}: the core may not import {top}"


def test_the_checker_catches_an_upward_import(tmp_path: Path) -> None:
    """The rule above is not vacuous: parse importing render is caught."""
    bad = tmp_path / "parse.py"
    bad.write_text("from mla_diff.render import render_html\n", encoding="utf-8")
    ((name, _),) = _imports(bad)
    assert LAYERS[name.split(".")[1]] > LAYERS["parse"]
