"""Fingerprints: short, stable digests of what a stage depends on.

* :func:`digest` hashes any JSON-able value (settings, lists of other digests);
* :func:`file_digest` hashes one file's bytes (``"absent"`` when it does not exist);
* :func:`files_digest` hashes many files (a corpus folder) by path and content. It keeps
  a cache of ``(path, size, mtime) → sha256`` so that an unchanged folder of 100,000
  articles is fingerprinted from ``stat`` calls alone; any file whose size or time
  changed is read and hashed again;
* :func:`code_digest` hashes source files (the code version of the analysis).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from stat import S_ISREG
from typing import Any

import pandas as pd


def digest(value: Any) -> str:
    """SHA-256 (hex, 20 characters) of ``value`` as canonical JSON."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def file_digest(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes (read 1 MiB at a time), or ``"absent"``."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except FileNotFoundError:
        return "absent"
    return h.hexdigest()


def files_digest(folder: Path, files: Sequence[Path], cache: Path | None = None) -> str:
    """One digest of ``files`` (paths relative to ``folder``, and their bytes).

    ``cache`` (a Parquet file) remembers each file's size, modification time and hash;
    only files that are new or whose size or time changed are read again.
    """
    from .artefacts import read_parquet, write_parquet

    known: dict[str, tuple[int, int, str]] = {}
    if cache is not None and cache.is_file():
        try:
            old = read_parquet(cache)
            known = {p: (int(s), int(t), h) for p, s, t, h in zip(
                old["path"], old["size"], old["mtime_ns"], old["sha256"], strict=True)}
        except Exception:  # a damaged cache is rebuilt, never trusted
            known = {}
    rows, changed = [], False
    prefix = str(folder) + os.sep
    for path in files:
        text = str(path)  # string slicing: pathlib's relative_to is slow on 100,000 files
        rel = (text[len(prefix):].replace(os.sep, "/") if text.startswith(prefix)
               else path.relative_to(folder).as_posix())
        try:
            stat = path.stat()
        except OSError:  # a broken link: the loader names it; its name is its fingerprint
            rows.append((rel, -1, -1, "unreadable"))
            continue
        if not S_ISREG(stat.st_mode):  # a FIFO or device is never read (it may block)
            rows.append((rel, -1, -1, "not a regular file"))
            continue
        seen = known.get(rel)
        if seen and seen[0] == stat.st_size and seen[1] == stat.st_mtime_ns:
            sha = seen[2]
        else:
            sha, changed = file_digest(path), True
        rows.append((rel, stat.st_size, stat.st_mtime_ns, sha))
    if cache is not None and (changed or len(rows) != len(known)):
        write_parquet(pd.DataFrame(rows, columns=["path", "size", "mtime_ns", "sha256"]), cache)
    whole = hashlib.sha256()
    for rel, _size, _time, sha in rows:
        whole.update(f"{rel}\0{sha}\n".encode())
    return whole.hexdigest()[:20]


def code_digest(files: Iterable[Path], root: Path) -> str:
    """Digest of source files by path (relative to ``root``) and content."""
    whole = hashlib.sha256()
    for path in sorted(files):
        whole.update(f"{path.relative_to(root).as_posix()}\0{file_digest(path)}\n".encode())
    return whole.hexdigest()[:20]
