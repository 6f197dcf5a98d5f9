"""``python -m tests.reliability.at_once [--places-only] BARRIER ARGS…``: ``knowledge-explorer
ARGS…`` started the moment the file BARRIER appears, so that several processes, already loaded,
begin together; each first writes ``BARRIER.PID.ready`` to say it is loaded. ``--places-only``
imports with a stand-in for spaCy (a few known place names), so that dozens of processes need no
model.

``ForkServer`` starts such processes by the dozen: one process loads the program once and forks a
child per command (a real process of its own, with its own connection to the library), so that a
round costs a fork, not a Python start-up and every import again.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import explorer.core.ops.pipeline as pipeline
from explorer.cli import main
from explorer.core.model import Span

PLACES = ("Norway", "Kenya", "Peru", "Japan")
BARRIER_WAIT_S = 120.0


class PlacesExtractor:
    """Every known place name is a GPE span; nothing to load. A few milliseconds an article, so
    that an import lasts while something else happens."""

    def __init__(self, model: str = "") -> None:
        pass

    def use_gazetteer(self, entries) -> None:
        """Gazetteers are the real extractor's business."""

    def pipe(self, items, *, n_process: int = 1, batch_size: int = 64):
        for text, context in items:
            time.sleep(0.005)
            yield [Span(m.start(), m.end(), "GPE") for m in re.finditer("|".join(PLACES), text)], context


def _wait_and_run(barrier: Path, args: list[str]) -> int:
    barrier.with_name(f"{barrier.name}.{os.getpid()}.ready").touch()
    deadline = time.monotonic() + BARRIER_WAIT_S
    while not barrier.exists():
        if time.monotonic() > deadline:  # the test that was to start it failed: do not linger
            print(f"{barrier} never appeared", file=sys.stderr)
            return 1
        time.sleep(0.001)
    try:
        main(args, prog_name="knowledge-explorer")
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return 0


def _beside(out: Path, suffix: str) -> Path:
    return out.with_name(out.name + suffix)


def _child(request: dict) -> None:
    """In the forked child: its output to files, then the command; never returns."""
    out = Path(request["out"])
    code = 1
    try:
        for fd, suffix in ((1, ".out"), (2, ".err")):
            file = os.open(_beside(out, suffix), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(file, fd)
            os.close(file)
        sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115 (the child's own stdout, closed by _exit)
        sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
        code = _wait_and_run(Path(request["barrier"]), request["args"])
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        _beside(out, ".code.tmp").write_text(str(code))
        _beside(out, ".code.tmp").rename(_beside(out, ".code"))
        os._exit(code)


def _serve() -> None:
    """Fork a child for each request line (JSON: barrier, args, out) read on stdin."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped as they end
    for line in sys.stdin:
        request = json.loads(line)
        if os.fork() == 0:
            _child(request)
        print("forked", flush=True)


class Forked:
    """A command run by the fork server, waited for like a ``subprocess.Popen``."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and _beside(self.out, ".code").exists():
            self.returncode = int(_beside(self.out, ".code").read_text())
        return self.returncode

    def wait(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.out} still running after {timeout} s")
            time.sleep(0.01)
        assert self.returncode is not None
        return self.returncode

    def communicate(self) -> tuple[str, str]:
        return tuple(_beside(self.out, suffix).read_text(errors="replace") for suffix in (".out", ".err"))  # type: ignore[return-value]


class ForkServer:
    """One loaded program that forks ``knowledge-explorer`` commands on request (``--places-only``)."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.at_once", "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=cwd,
        )
        self.started = 0

    def start(self, barrier: Path, args: list[str]) -> Forked:
        """``knowledge-explorer ARGS…`` in a new process that waits for ``barrier``."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.started += 1
        out = barrier.with_name(f"{barrier.name}-command{self.started}")
        self.process.stdin.write(json.dumps({"barrier": str(barrier), "args": args, "out": str(out)}) + "\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline() == "forked\n"
        return Forked(out)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[0] == "--serve":
        pipeline.Extractor = PlacesExtractor
        _serve()
        sys.exit(0)
    if arguments[0] == "--places-only":
        pipeline.Extractor = PlacesExtractor
        arguments = arguments[1:]
    sys.exit(_wait_and_run(Path(arguments[0]), arguments[1:]))
