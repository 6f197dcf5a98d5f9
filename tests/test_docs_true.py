"""The docs a newcomer reads first stay true to the code: every module in the architecture, every command and
option in the README."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from explorer.cli import main

REPO_DIR = Path(__file__).resolve().parents[1]
PACKAGE_DIR = REPO_DIR / "explorer"


def modules() -> list[str]:
    """Every module of the package as its path below ``explorer/`` (``core/store/writer.py``)."""
    return sorted(
        path.relative_to(PACKAGE_DIR).as_posix()
        for path in PACKAGE_DIR.rglob("*.py")
        if path.name not in {"__init__.py", "__main__.py"}
    )


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command below ``group`` with its path of names, groups included."""
    found = []
    for name, command in group.commands.items():
        path = (*prefix, name)
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(commands(command, path))
    return found


def options(command: click.Command) -> list[list[str]]:
    """Each option's names (``["-o", "--output"]``), help left out."""
    return [
        [*parameter.opts, *parameter.secondary_opts]
        for parameter in command.params
        if isinstance(parameter, click.Option) and "--help" not in parameter.opts
    ]


def unnamed(command: click.Command, readme: str) -> list[str]:
    """The options of ``command`` the README names in none of their spellings."""
    return sorted(names[-1] for names in options(command) if not any(re.search(rf"{name}\b", readme) for name in names))


def shown(path: tuple[str, ...], readme: str) -> bool:
    """Whether a README line shows ``knowledge-explorer`` then the command's words, where ``a|b``
    stands for either."""
    for line in readme.splitlines():
        words = line.partition("knowledge-explorer ")[2].split()
        if len(words) >= len(path) and all(name in word.split("|") for name, word in zip(path, words, strict=False)):
            return True
    return False


def named_in_trees(text: str) -> set[str]:
    """The modules the doc's code blocks draw as trees: ``explorer/core/`` then, indented below it,
    ``store/`` and ``writer.py``; other ``name.py`` on a line (or its continuation lines) belong to
    the folder that line is in, or is."""
    named: set[str] = set()
    stack: list[tuple[int, str]] = []
    folder = ""
    for block in re.findall(r"```\n(.*?)```", text, flags=re.S):
        stack, folder = [], ""
        for line in block.splitlines():
            match = re.match(r"( *)(\S+)", line)
            if not match:
                continue
            indent, first = len(match.group(1)), match.group(2)
            if first.endswith("/") or first.endswith(".py"):
                while stack and stack[-1][0] >= indent:
                    stack.pop()
                parent = "/".join(part for _indent, part in stack)
                if first.endswith("/"):
                    stack.append((indent, first.rstrip("/")))
                    folder = "/".join(part for _indent, part in stack)
                else:
                    folder = parent
            files = re.findall(r"[\w/]+\.py", line)
            named.update(f"{folder}/{name}" for name in files if not name.startswith("explorer"))
    return {name.removeprefix("explorer/") for name in named}


def test_architecture_names_every_module() -> None:
    named = named_in_trees((REPO_DIR / "docs" / "architecture.md").read_text(encoding="utf-8"))
    missing = [module for module in modules() if module not in named]
    assert not missing, f"docs/architecture.md does not name: {', '.join(missing)}"


def test_trees_are_read_by_indentation() -> None:
    text = "```\nexplorer/core/   core\n  store/\n    writer.py   x, see paths.py\n  model.py\n```\n"
    assert named_in_trees(text) == {"core/store/writer.py", "core/store/paths.py", "core/model.py"}


def test_modules_are_found() -> None:
    assert "core/store/schema.py" in modules()
    assert not any(module.endswith("__init__.py") for module in modules())


@pytest.mark.parametrize(
    ("path", "command"), [pytest.param(path, command, id=" ".join(path)) for path, command in commands(main)]
)
def test_readme_names_every_command_and_option(path: tuple[str, ...], command: click.Command) -> None:
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    assert shown(path, readme), f"README has no example of `{' '.join(path)}`"
    missing = unnamed(command, readme)
    assert not missing, f"README does not name {', '.join(missing)} of `{' '.join(path)}`"


def test_readme_names_the_top_level_options() -> None:
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    missing = unnamed(main, readme)
    assert not missing, f"README does not name {', '.join(missing)}"


def test_alternatives_stand_for_each_command() -> None:
    readme = "knowledge-explorer article star|unstar ID…"
    assert shown(("article", "unstar"), readme) and not shown(("article", "tag"), readme)
