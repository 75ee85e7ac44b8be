"""The window's helpers are handed the narrow parts they use (desktop/ui/window_parts.py), never the
window as an untyped bag: every constructor parameter has a type, and no helper sets attributes on
the window from outside (as the menus once set `win.recent_menu` and `win.link_action`)."""
from __future__ import annotations

import ast
from pathlib import Path

import desktop.ui

HELPERS = ("codebook_actions", "demo_actions", "entity_actions", "keyboard", "library_actions", "linking", "menus",
           "reading", "revision_view", "tagging", "team")


def _problems(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name == "__init__":
            params = node.args.args[1:] + node.args.kwonlyargs
            found += [f"line {node.lineno}: {a.arg} has no type" for a in params if a.annotation is None]
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found += [f"line {node.lineno}: sets {t.value.id}.{t.attr}" for t in targets
                      if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "win"]
    return found


def test_the_helpers_take_typed_parts_and_set_nothing_on_the_window():
    folder = Path(desktop.ui.__file__).parent
    problems = {name: _problems((folder / f"{name}.py").read_text()) for name in HELPERS}
    assert {name: found for name, found in problems.items() if found} == {}


def test_the_check_sees_an_untyped_window_and_an_attribute_set_on_it():
    before = "class Linking:\n    def __init__(self, win) -> None:\n        win.link_action = None\n"
    assert _problems(before) == ["line 2: win has no type", "line 3: sets win.link_action"]
