"""The CLI fuzzer (``benchmarks/fuzz_cli.py``): it reaches every command of ``--help``, its
reproducers are exact, and a minute of it with a fixed seed finds nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.fuzz_cli import SKIPPED, _shell_word, leaf_commands
from explorer.cli import main
from tests.reliability.conftest import REPO_DIR


def _commands_in_help(args: tuple[str, ...] = ()) -> set[str]:
    """Every leaf command, found by reading ``--help`` recursively as a user would."""
    text = CliRunner().invoke(main, [*args, "--help"]).output
    if "Commands:" not in text:
        return {" ".join(args)}
    listed = re.findall(r"^  (\S+)", text.split("Commands:")[1], flags=re.M)
    return set().union(*(_commands_in_help((*args, name)) for name in listed))


def test_the_fuzzer_runs_every_command_in_help():
    assert set(leaf_commands()) == _commands_in_help() - SKIPPED


# what a shell argument can carry: no NUL, no lone surrogate
ARGUMENT_CHARACTERS = st.characters(exclude_characters="\x00", exclude_categories=("Cs",))


@settings(max_examples=60, deadline=None)
@given(
    arg=st.one_of(
        st.text(ARGUMENT_CHARACTERS, max_size=40),
        st.builds(lambda c, n: c * n, ARGUMENT_CHARACTERS, st.integers(101, 3000)),
    )
)
def test_a_reproducer_gives_the_shell_back_each_argument_exactly(arg):
    shell = shutil.which("bash") or pytest.skip("needs bash")
    printed = subprocess.run([shell, "-c", f"printf %s {_shell_word(arg)}"], capture_output=True, timeout=30)
    assert printed.stdout.decode("utf-8", "surrogateescape") == arg


def test_a_minute_of_fuzzing_finds_nothing():
    result = subprocess.run(
        [sys.executable, "benchmarks/fuzz_cli.py", "--minutes", "1", "--seed", "7"],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=REPO_DIR,
        errors="replace",
    )
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 0 and "\n0 findings" in result.stdout, result.stdout[-5000:]
