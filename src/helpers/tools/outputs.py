"""An output folder written as one transaction: ``make figures`` replaces it whole or not at
all.

* :func:`check_target` refuses, before any work, a target that cannot be written or that
  is not an output folder (the project, the notebooks, a corpus), with a one-line reason.
* :class:`OutputLock` lets one run at a time write into a folder; a second run is refused
  with a message naming the one at work. The lock is the kernel's (``flock``): it ends with
  the process, however the process ends, so no stale lock blocks the next run.
* :class:`Transaction` gives each run a staging folder of its own beside the target. When
  every notebook has succeeded, the staged folder, with its ``manifest.json``, takes the
  target's place in one ``rename`` exchange (Linux's ``renameat2``; elsewhere two renames
  a moment apart): readers see the old file set or the new one, never a mix. A failure or
  an interrupt removes the staging folder and leaves the target as it was; folders left
  by a run that was killed outright are removed by the next run into the same target.

``manifest.json`` lists the corpus the outputs come from (its folder and the digest of its
articles), each notebook's files and every file's SHA-256; it holds no time or machine
name, so that the same run writes the same bytes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from .. import paths

MANIFEST = "manifest.json"
# what an output folder of the suite may hold (anything else: not ours to replace)
OUTPUT_SUFFIXES = {".png", ".svg", ".csv", ".parquet", ".md", ".json", ".ipynb"}


class OutputError(RuntimeError):
    """An output folder that cannot be written, or is written by another run."""


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_target(target: Path, corpus: Path | None = None) -> None:
    """Raise :class:`OutputError` unless ``target`` can be replaced by a run's outputs.

    The target must be a folder or not exist yet; its parent (or nearest existing
    ancestor) must be a writable folder; every folder inside it must be writable (its old
    files are removed); and it may hold only output files (:data:`OUTPUT_SUFFIXES`), so
    that the project, the notebooks or a corpus folder are never taken for one. Nothing is
    created.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: exists and is not a folder")
    resolved = target.resolve()
    for folder in [paths.PROJECT_ROOT, paths.NOTEBOOKS, paths.SEEDS, paths.PACKAGE_DIR,
                   *([Path(corpus)] if corpus is not None else [])]:
        folder = folder.resolve()
        if folder.is_relative_to(resolved):
            raise OutputError(f"{target}: would replace {folder}; choose an output folder "
                              "of its own")
    if corpus is not None and resolved.is_relative_to(Path(corpus).resolve()):
        raise OutputError(f"{target}: lies inside the corpus folder {corpus}; raw data stays "
                          "apart from outputs")
    base = _nearest_existing(resolved.parent)
    if not base.is_dir():
        raise OutputError(f"{target}: cannot be created ({base} is not a folder)")
    if not os.access(base, os.W_OK | os.X_OK):
        raise OutputError(f"{target}: cannot be created ({base} is not writable)")
    if not target.is_dir():
        return
    for root, dirs, files in os.walk(target):
        if not os.access(root, os.W_OK | os.X_OK):
            raise OutputError(f"{target}: {root} is not writable, so its old files could "
                              "not be replaced")
        for name in files:
            if Path(name).suffix.lower() not in OUTPUT_SUFFIXES:
                raise OutputError(f"{target}: holds {Path(root, name)}, which no run wrote; "
                                  "choose an empty or new output folder")
        dirs[:] = [d for d in dirs if not d.startswith(".")]


class OutputLock:
    """An exclusive lock on writing into ``target``, held until :meth:`release` or the end
    of the process. The lock file lives in ``build/locks/``, never beside the target."""

    def __init__(self, target: Path, corpus: str):
        from ..engine.fingerprint import digest

        self.target = Path(target).resolve()
        self.file = paths.BUILD / "locks" / f"{digest([str(self.target)])[:24]}.lock"
        self.corpus = corpus
        self._fd: int | None = None

    def acquire(self) -> OutputLock:
        import fcntl

        self.file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.file, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            holder = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip()
            os.close(fd)
            if err.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            holder = holder or "a run that is starting"
            raise OutputError(f"{self.target}: another run is writing into it ({holder}); "
                              "wait for it to end, or choose another output folder") from None
        started = time.strftime("%Y-%m-%d %H:%M:%S")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {started}, corpus {self.corpus}"
                  .encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); ``False`` when
    the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if done != 0:
        err = ctypes.get_errno()
        if err in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
            return False  # a file system without the exchange
        raise OSError(err, os.strerror(err), str(b))
    return True


def replace_folder(staged: Path, target: Path) -> None:
    """Put the folder ``staged`` in the place of ``target`` (absent or a folder) and remove
    the old one; readers see one or the other, whole."""
    if not target.exists():
        os.rename(staged, target)
        return
    if _exchange(staged, target):
        # ``staged`` now holds the old folder; the new one is in place whatever happens
        # next, and a copy that cannot be removed now is removed by the next run
        shutil.rmtree(staged, ignore_errors=True)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rename(target, old / target.name)
    os.rename(staged, target)
    shutil.rmtree(old, ignore_errors=True)


def read_manifest(folder: Path) -> dict | None:
    """``folder``'s ``manifest.json``, or ``None`` when it has none (or an unreadable one)."""
    try:
        return json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def manifest_text(corpus: dict, notebooks: dict[str, list[str]], folder: Path) -> str:
    """The manifest of the output ``folder``: ``corpus`` (``folder``, ``digest``), the files
    each notebook wrote, and every file's SHA-256."""
    from ..engine.fingerprint import file_digest

    files = {rel: file_digest(folder / rel) for rels in notebooks.values() for rel in rels}
    body = {"corpus": corpus, "notebooks": {k: sorted(v) for k, v in notebooks.items()},
            "files": dict(sorted(files.items()))}
    return json.dumps(body, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


class Transaction:
    """The staging folders of one run into ``target``: ``self.folder`` (beside the target,
    on its file system) gathers the new file set; :meth:`commit` swaps it in, :meth:`abort`
    removes it. Stale staging folders of killed runs are removed at the start (the caller
    holds the :class:`OutputLock`)."""

    def __init__(self, target: Path):
        self.target = Path(target).resolve()
        parent = self.target.parent
        parent.mkdir(parents=True, exist_ok=True)
        for stale in [*parent.glob(f".{self.target.name}.partial-*"),
                      *parent.glob(f".{self.target.name}.old-*")]:
            shutil.rmtree(stale, ignore_errors=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.partial-",
                                            dir=parent))

    def commit(self) -> None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.folder, 0o777 & ~umask)  # mkdtemp made it private
        replace_folder(self.folder, self.target)

    def abort(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
