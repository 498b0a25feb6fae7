"""The package stays readable: no module over 400 lines, no function over 60 lines, and
no code outside ``simverse/world/`` assigns a World's attributes.

Benchmarks (``experiments/bench``) are outside the package and not checked.
"""

from __future__ import annotations

import ast
from pathlib import Path

import simverse

PACKAGE = Path(simverse.__file__).parent
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def long_modules(paths: list[Path], limit: int, root: Path) -> list[str]:
    """``path: lines`` of every module longer than ``limit`` lines."""
    found = []
    for path in paths:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found.append(f"{path.relative_to(root)}: {lines} lines")
    return found


def long_functions(paths: list[Path], limit: int, root: Path) -> list[str]:
    """``path:line name: lines`` of every function or method longer than ``limit`` lines
    (from ``def`` to its last line; a nested function is also measured on its own)."""
    found = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > limit:
                    found.append(f"{path.relative_to(root)}:{node.lineno} {node.name}: {lines} lines")
    return found


def test_the_package_is_measured():
    paths = modules()
    assert len(paths) > 100
    assert PACKAGE / "world" / "model.py" in paths


def test_no_module_is_over_400_lines():
    assert long_modules(modules(), MAX_MODULE_LINES, PACKAGE.parent) == []


def test_no_function_is_over_60_lines():
    assert long_functions(modules(), MAX_FUNCTION_LINES, PACKAGE.parent) == []


def test_the_checks_find_what_is_too_long(tmp_path):
    fits = "def fits():\n" + "    x = 1\n" * 58 + "    return x\n"  # 60 lines: allowed
    too_long = "class C:\n    async def too_long(self):\n" + "        x = 1\n" * 59 + "        return x\n"
    text = fits + "\n" + too_long + "\n" * 278
    module = tmp_path / "m.py"
    module.write_text(text, encoding="utf-8")
    assert len(text.splitlines()) == 401
    assert long_modules([module], MAX_MODULE_LINES, tmp_path) == ["m.py: 401 lines"]
    assert long_functions([module], MAX_FUNCTION_LINES, tmp_path) == ["m.py:63 too_long: 61 lines"]
    module.write_text(fits, encoding="utf-8")
    assert long_modules([module], MAX_MODULE_LINES, tmp_path) == []
    assert long_functions([module], MAX_FUNCTION_LINES, tmp_path) == []


WORLD_NAMES = {"world", "sim", "_world"}
"""What code outside ``simverse/world/`` calls a World it holds."""


def world_attributes() -> set[str]:
    """Every attribute a World is given: ``self.x = ...`` in world/model.py and
    ``world.x = ...`` in the world package's other modules."""
    names = set()
    for path in (PACKAGE / "world").glob("*.py"):
        holder = "self" if path.name == "model.py" else "world"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AnnAssign) else [])
            names |= {t.attr for target in targets for t in ast.walk(target)
                      if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == holder}
    return names


def world_writes(paths: list[Path], attributes: set[str], root: Path) -> list[str]:
    """``path:line name.attr`` of every assignment to a World attribute through a name that
    holds a world."""
    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else [])
            for t in targets:
                for part in ast.walk(t):
                    if (isinstance(part, ast.Attribute) and part.attr in attributes
                            and isinstance(part.value, ast.Name) and part.value.id in WORLD_NAMES):
                        found.append(f"{path.relative_to(root)}:{node.lineno} {part.value.id}.{part.attr}")
    return found


def test_nothing_outside_the_world_package_writes_a_worlds_attributes(tmp_path):
    attributes = world_attributes()
    assert {"brain", "minds", "runtime", "state", "llm"} <= attributes
    outside = [p for p in modules() if "world" not in p.relative_to(PACKAGE).parts[:1]]
    assert world_writes(outside, attributes, PACKAGE.parent) == []
    probe = tmp_path / "p.py"
    probe.write_text("world.brain = other\nsim.runtime, x = 1, 2\nworld.step_hooks.append(f)\n", encoding="utf-8")
    assert world_writes([probe], attributes, tmp_path) == ["p.py:1 world.brain", "p.py:2 sim.runtime"]
