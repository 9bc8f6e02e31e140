"""Work shared between this process and forked copies of it: a queue each process takes the
next unit from, and the children that run it.

Forking shares a run's state (its claims, the report's plan) without copying or pickling it; only
what a child makes travels back, through a pipe. Used by the report writer (``reports/files.py``)
and the checker (the spread ``api._spread`` gives ``analyse``); both fall back to one process
where forking or the queue's record locks are not available.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from claimcheck.errors import ReportError

try:
    import fcntl
except ImportError:  # not POSIX: no record locks, and no fork either
    fcntl = None  # type: ignore[assignment]

__all__ = ["DELAY_ENV", "Children", "SharedQueue", "can_fork", "can_share", "cores", "shared_map"]

T = TypeVar("T")
R = TypeVar("R")

# Test hook: seconds each take() sleeps while it holds the queue's lock, between reading the index
# and writing it back, so that a test can kill a process there or make a lost update likely
# (tests/reports/test_queue_death.py).
DELAY_ENV = "CLAIMCHECK_TEST_QUEUE_DELAY"


class SharedQueue:
    """Units shared by several processes: each takes the next one when it is free.

    A share fixed up front from estimated costs left one process seconds of work after the other
    had finished whenever a format's cost per item was misjudged; taking units as they come
    (costliest first, so the last ones are small) keeps every process busy to the end. Only the
    index is shared: a forked child holds the same list of units.

    The index lives in an unlinked temporary file, guarded by a POSIX record lock on it. The
    kernel drops a process's record locks when it dies, so a process killed inside ``take`` (the
    OOM killer, SIGKILL) cannot leave the others waiting forever, as a semaphore would. Record
    locks belong to a process, not to the descriptor a forked child shares (``flock``'s do), so
    they exclude processes from one another, but not the threads of one process: only one thread
    of each process may take.
    """

    def __init__(self, units: list[Any]) -> None:
        self.units = units
        self._file = tempfile.TemporaryFile(buffering=0)  # made before the fork, shared by it
        self._delay = float(os.environ.get(DELAY_ENV) or 0)

    def take(self) -> Any | None:
        """The next unit nobody has taken, or None when all are taken."""
        with self._locked():
            i = self._index()
            if self._delay:
                time.sleep(self._delay)
            if i < len(self.units):
                os.pwrite(self._file.fileno(), (i + 1).to_bytes(8, "little"), 0)
        return self.units[i] if i < len(self.units) else None

    def taken(self) -> int:
        """How many units have been taken so far, by any process."""
        with self._locked():  # a read racing a write could see half of it
            return self._index()

    def _index(self) -> int:
        return int.from_bytes(os.pread(self._file.fileno(), 8, 0) or b"\0", "little")

    @contextmanager
    def _locked(self) -> Iterator[None]:
        # pread/pwrite leave the offset alone, which the forked processes share; and no
        # descriptor of the file is ever closed while in use, which would drop the lock.
        fcntl.lockf(self._file.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.lockf(self._file.fileno(), fcntl.LOCK_UN)

    def drain(self, do: Callable[..., object], *args: object) -> None:
        """``do(unit, *args)`` for each unit this process takes, until none is left."""
        while (unit := self.take()) is not None:
            do(unit, *args)


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether this platform can fork (POSIX)."""
    return "fork" in multiprocessing.get_all_start_methods()


def can_share() -> bool:
    """Whether processes can share a queue here: it needs a temporary file and record locks on
    it, which some systems (no fcntl, no writable temp dir, no locks on its file system) lack;
    then one process renders everything."""
    if fcntl is None:
        return False
    try:
        SharedQueue([]).take()
    except OSError:
        return False
    return True


def _child(work: Callable[[], object], conn, parent: int) -> None:
    # The parent froze its objects before the fork (write_into), so the child's collector does
    # not touch, and so copy, every page of the parent's memory either.
    _exit_with(parent)
    try:
        made = work()
    except BaseException:
        conn.send(("failed", traceback.format_exc()))
    else:
        conn.send(("done", made if isinstance(made, dict) else None))
    finally:
        conn.close()


def _exit_with(parent: int) -> None:
    """End this process when ``parent`` does: a killed run must not leave a renderer writing on."""

    def watch() -> None:
        while os.getppid() == parent:  # a dead parent's children are handed to another process
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="claimcheck-watch-parent", daemon=True).start()


class Children:
    """Forked processes each running a piece of work; ``wait`` raises if any of them failed.

    Leaving the ``with`` block kills whatever still runs: a child must never go on writing into a
    directory the caller is about to remove. ``doing`` and ``error`` word a failure: ``error(None,
    text)`` is raised, its text saying that ``doing`` in a forked process failed and how each
    ``kind`` process ended.
    """

    def __init__(
        self, doing: str = "rendering the report", kind: str = "report", error: Callable[[None, str], Exception] = ReportError
    ) -> None:
        self._doing, self._kind, self._error = doing, kind, error
        self._running: list[tuple[multiprocessing.process.BaseProcess, object]] = []
        self._failures: list[str] = []
        self._made: list[dict] = []  # what the children that finished their work returned

    def start(self, work: Callable[[], object], role: str = "rendering") -> multiprocessing.process.BaseProcess:
        """Fork a child running ``work``; the child is returned, to ask whether it still runs.

        ``role`` names what it renders in a failure's message.
        """
        ctx = multiprocessing.get_context("fork")
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_child, args=(work, send, os.getpid()), name=role, daemon=True)
        child.start()
        send.close()  # only the child's copy is left open: its end means a message or EOF
        self._running.append((child, receive))
        return child

    def raise_if_failed(self) -> None:
        """Raise the error now if a child has ended badly; never waits for one that runs."""
        for child, receive in list(self._running):
            # Ready means a message or the end of the pipe: the child is done or dead.
            if receive.poll():  # type: ignore[attr-defined]
                self._collect(child, receive)
        self._raise()

    def wait(self) -> list[dict]:
        """Wait for every child; raise the error with the failures of those that failed.

        Returns what each child's work returned (a dict, or nothing), in the order they ended.
        """
        for child, receive in list(self._running):
            self._collect(child, receive)
        self._raise()
        return self._made

    def _collect(self, child: multiprocessing.process.BaseProcess, receive: object) -> None:
        """Wait for ``child``'s word and its end; note its failure, if any."""
        try:
            word = receive.recv()  # type: ignore[attr-defined]
        except (EOFError, OSError):  # dead before its word, or in the middle of it
            child.join()
            failure = self._death(child, "before reporting")
        else:
            child.join()
            status, made = word
            if status == "failed":
                failure = f"the {self._kind} process {child.pid} ({child.name}) failed:\n{made}"
            elif child.exitcode != 0:
                failure = self._death(child, "after its work was done")
            else:
                failure = None
                if made is not None:
                    self._made.append(made)
        self._running.remove((child, receive))
        receive.close()  # type: ignore[attr-defined]
        if failure is not None:
            self._failures.append(failure)

    def _raise(self) -> None:
        if self._failures:
            raise self._error(None, f"{self._doing} in a forked process failed:\n" + "\n".join(self._failures))

    def __enter__(self) -> Children:
        return self

    def __exit__(self, *exc: object) -> None:
        for child, receive in self._running:
            if child.is_alive():
                child.kill()
            child.join()
            receive.close()  # type: ignore[attr-defined]

    def _death(self, child: multiprocessing.process.BaseProcess, when: str) -> str:
        """How ``child``, which has ended, ended: for a failure's message."""
        code = child.exitcode
        if code is not None and code < 0:
            try:
                how = f"was killed by signal {signal.Signals(-code).name}"
            except ValueError:
                how = f"was killed by signal {-code}"
        else:
            how = f"exited with code {code}"
        return f"the {self._kind} process {child.pid} ({child.name}) {how} {when}"


def shared_map(
    work: Callable[[T], R],
    units: Sequence[T],
    *,
    doing: str,
    kind: str,
    error: Callable[[None, str], Exception],
) -> list[R]:
    """``[work(u) for u in units]``, with one forked child taking units from the same queue.

    Give the costliest units first: each process takes the next when it is free, so the last
    ones taken should be small. The child sends what it made through its pipe once it is done
    (pickled by multiprocessing: keep results small, or quick to pickle). Falls back to this
    process alone where a queue cannot be shared. A child that fails or dies raises ``error``
    (see ``Children``).
    """
    if not (can_fork() and can_share()):
        return [work(u) for u in units]
    queue = SharedQueue(list(range(len(units))))

    def share() -> dict[int, R]:
        mine: dict[int, R] = {}
        while (i := queue.take()) is not None:
            mine[i] = work(units[i])
        return mine

    made: dict[int, R] = {}
    with Children(doing, kind, error) as children:
        children.start(share, kind)
        while (i := queue.take()) is not None:
            made[i] = work(units[i])
            children.raise_if_failed()  # a dead child fails the run now, not after the rest
        for theirs in children.wait():
            made.update(theirs)
    return [made[i] for i in range(len(units))]
