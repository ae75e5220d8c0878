"""No process outlives the run that started it.

``make figures`` starts a process that computes the stages (with its Dask workers), and
worker processes that each start a Jupyter kernel per notebook; kernels run in sessions
of their own, so a signal sent to ``make``'s process group does not reach them. The runner
therefore ends them itself, whatever ends the run:

* an interrupt (Ctrl-C), ``SIGTERM`` or ``SIGHUP`` (``timeout``, a closed terminal) becomes
  :class:`SystemExit` in the main thread (:func:`exit_on_signals`), so the run's
  ``finally`` clauses remove its staging folders and :func:`end_descendants` ends every
  process below it, kernels included;
* each direct child asks the kernel to send it ``SIGTERM`` when the runner dies
  (:func:`die_with_parent`, Linux's ``PR_SET_PDEATHSIG``), even by ``SIGKILL``, and then
  ends its own descendants in turn; Dask's worker processes end with the process that
  started them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def end_descendants(timeout: float = 5.0) -> int:
    """Terminate every process below this one (then kill those still there after
    ``timeout`` seconds); returns how many there were."""
    import psutil

    try:
        children = psutil.Process().children(recursive=True)
    except psutil.Error:
        return 0
    for child in children:
        try:
            child.terminate()
        except psutil.Error:
            continue
    _gone, alive = psutil.wait_procs(children, timeout=timeout)
    for child in alive:
        try:
            child.kill()
        except psutil.Error:
            continue
    psutil.wait_procs(alive, timeout=timeout)
    return len(children)


def _raise_exit(signum: int, _frame) -> None:
    raise SystemExit(128 + signum)


def exit_on_signals() -> None:
    """Turn ``SIGTERM`` and ``SIGHUP`` into :class:`SystemExit` in the main thread (a no-op
    when called from another thread, where Python cannot set signal handlers)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _raise_exit)


def _end_tree_and_exit(signum: int, _frame) -> None:
    end_descendants(timeout=3.0)
    os._exit(128 + signum)


def parent_death_signal() -> None:
    """Ask the kernel to send this process ``SIGTERM`` when its parent dies (Linux's
    ``PR_SET_PDEATHSIG``; kept across ``exec``, so it serves as a ``preexec_fn``). A
    no-op elsewhere: the parent's own clean-up still runs."""
    if not sys.platform.startswith("linux"):
        return
    name = ctypes.util.find_library("c")
    if name:
        ctypes.CDLL(name, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def die_with_parent() -> None:
    """In a child process: receive ``SIGTERM`` when the parent dies, and on ``SIGTERM`` or
    ``SIGHUP`` end every process below this one, then exit. Used as the process pool's
    initializer."""
    signal.signal(signal.SIGTERM, _end_tree_and_exit)
    signal.signal(signal.SIGHUP, _end_tree_and_exit)
    parent_death_signal()
