"""The package's structure, read from its source: which module imports which."""

from __future__ import annotations

import ast
from pathlib import Path

import briefing

PACKAGE_DIR = Path(briefing.__file__).parent

KNOWN_CYCLES: set[frozenset[str]] = set()  #: none: every command lives in briefing/commands/


def module_files(package_dir: Path) -> dict[str, Path]:
    """Dotted module name → file, for every module of the package (a package is its __init__)."""
    root = package_dir.parent
    modules = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imported_modules(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool,
                     modules: dict[str, Path]) -> set[str]:
    """The package's modules one import statement loads (`from a import b`: a.b when b is a
    module, else a; `import a.b.c`: the longest prefix that is a module)."""
    found: set[str] = set()
    if isinstance(node, ast.Import):
        for alias in node.names:
            name = alias.name
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
        return found
    base = node.module or ""
    if node.level:  # relative: from the importer's package, one level up per extra dot
        package = importer.split(".") if is_package else importer.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, *([node.module] if node.module else [])])
    for alias in node.names:
        if f"{base}.{alias.name}" in modules:
            found.add(f"{base}.{alias.name}")
        elif base in modules:
            found.add(base)
    return found


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """Module → the package's modules it imports. An import counts wherever it is written:
    at module level, inside a function, or under TYPE_CHECKING."""
    modules = module_files(package_dir)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        imports = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
        graph[name] = {target for node in imports
                       for target in imported_modules(node, name, path.name == "__init__.py",
                                                      modules)} - {name}
    return graph


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module `start` imports, directly or through others."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        for target in graph[stack.pop()]:
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def import_cycles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """Each group of modules that import one another, directly or in a ring."""
    reach = {module: reachable(graph, module) for module in graph}
    return {frozenset({module} | {other for other in reach[module] if module in reach[other]})
            for module in graph if module in reach[module]}


def test_the_import_graph_sees_imports_inside_functions_and_type_checking(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text("def f():\n    from pkg import b\n", encoding="utf-8")
    (package / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                  "    from . import c\n", encoding="utf-8")
    (package / "c.py").write_text("import pkg.a\nimport json\n", encoding="utf-8")
    graph = import_graph(package)
    assert graph == {"pkg": set(), "pkg.a": {"pkg.b"}, "pkg.b": {"pkg.c"}, "pkg.c": {"pkg.a"}}
    assert import_cycles(graph) == {frozenset({"pkg.a", "pkg.b", "pkg.c"})}


def test_no_import_cycle_in_the_package() -> None:
    """No module imports, through any chain, a module that imports it back: each stage and
    helper can be read, tested and loaded on its own."""
    cycles = import_cycles(import_graph(PACKAGE_DIR))
    unexpected = cycles - KNOWN_CYCLES
    assert not unexpected, "import cycles: " + "; ".join(
        " ↔ ".join(sorted(cycle)) for cycle in sorted(unexpected, key=sorted))
