"""Load a corpus: a folder of UTF-8 ``.txt`` articles with optional ``metadata.csv``.

Layout of a corpus folder::

    my_corpus/
        metadata.csv      optional: doc_id, outlet, origin, relation, date, headline, ...
        SHA256SUMS        optional: ``<sha256>  <relative path>`` per article, checked on load
        actors.csv        optional: name variants and sides (see ``helpers.names``)
        outlet_a/001.txt  subfolders are allowed
        002.txt

``doc_id`` is the path relative to the folder, in POSIX form, without ``.txt``.
Without metadata, ``outlet`` is the first subfolder's name, or the ``doc_id``
for files at the top.

Bad input raises :class:`CorpusError` naming the file and the problem.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import paths

MAX_BYTES = 5_000_000
METADATA_FILE = "metadata.csv"
CHECKSUM_FILE = "SHA256SUMS"
CORPUS_COLUMNS = ["doc_id", "outlet", "origin", "relation", "date", "headline", "text", "n_words"]
RECORD_COLUMNS = ["path", "has_bom", "line_endings", "n_bytes"]
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


class CorpusError(ValueError):
    """A corpus file or folder that cannot be loaded; the message names the file."""


@dataclass
class CorpusLoad:
    """The result of :func:`read_corpus`: the articles and what was skipped, with why."""

    articles: pd.DataFrame
    skipped: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["path", "problem"])
    )


def count_words(text: str) -> int:
    """Number of word tokens (letters/digits, with inner apostrophes and hyphens)."""
    return len(_WORD.findall(text))


def doc_id_for(path: Path, folder: Path) -> str:
    """``doc_id`` of an article: its path relative to ``folder``, POSIX, without ``.txt``."""
    rel = path.relative_to(folder).as_posix()
    return rel[: -len(".txt")] if rel.lower().endswith(".txt") else rel


def find_articles(folder: Path) -> list[Path]:
    """All ``.txt`` files below ``folder`` (hidden files and folders excluded), sorted.

    Symbolic links to folders are not walked; they are listed as they are, so that the
    loader reports them (:func:`read_article_bytes`) instead of passing them over."""
    found: list[tuple[str, str]] = []  # (path relative to folder, POSIX; full path)
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(root, folder).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found += [(prefix + d, os.path.join(root, d)) for d in dirs
                  if os.path.islink(os.path.join(root, d))]
        found += [(prefix + name, os.path.join(root, name)) for name in files
                  if name.lower().endswith(".txt") and not name.startswith(".")]
    found.sort()  # by relative path: string work, as pathlib is slow on 100,000 files
    return [Path(full) for _rel, full in found]


def read_article_bytes(path: Path, root: Path) -> bytes:
    """The bytes of one article file, or :class:`CorpusError` naming the problem.

    Only regular files are read: a FIFO, socket or device (which could block the loader or
    never end) is refused, and so is a symbolic link that is dangling, loops, or leads out
    of the corpus folder ``root`` (its text is not the corpus's to export). A link to a
    file inside the folder is followed.
    """
    import stat

    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError) as err:
        kind = "broken symbolic link" if path.is_symlink() else "unreadable path"
        reason = getattr(err, "strerror", None) or str(err)
        raise CorpusError(f"{path}: {kind} ({reason})") from None
    if path.is_symlink() and not target.is_relative_to(root.resolve()):
        raise CorpusError(f"{path}: symbolic link leads out of the corpus folder (to {target}); "
                          "copy the file into the folder instead")
    try:
        mode = target.stat().st_mode
    except OSError as err:
        raise CorpusError(f"{path}: cannot be read ({err.strerror or err})") from None
    if not stat.S_ISREG(mode):
        raise CorpusError(f"{path}: not a regular file (a FIFO, socket or device); "
                          "only plain .txt files are articles")
    try:
        return target.read_bytes()
    except OSError as err:
        raise CorpusError(f"{path}: cannot be read ({err.strerror or err})") from None


def decode_article(data: bytes, label: str, max_bytes: int = MAX_BYTES) -> tuple[str, dict]:
    """Decode one article's bytes strictly as UTF-8, or raise :class:`CorpusError`.

    A UTF-8 byte-order mark is removed and recorded; line endings are kept and
    recorded (``LF``, ``CRLF``, ``CR`` or ``mixed``). Returns ``(text, record)``.
    """
    if len(data) > max_bytes:
        raise CorpusError(
            f"{label}: file is {len(data):,} bytes, over the limit of {max_bytes:,} "
            "(raise max_bytes if this is really one article)"
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CorpusError(f"{label}: contains a NUL byte at byte offset {nul} (binary file?)")
    has_bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if has_bom else data
    try:
        text = body.decode("utf-8", errors="strict")
    except UnicodeDecodeError as err:
        offset = err.start + (3 if has_bom else 0)
        raise CorpusError(
            f"{label}: not valid UTF-8 at byte offset {offset} ({err.reason}); "
            "re-save the file as UTF-8"
        ) from None
    if not text.strip():
        raise CorpusError(f"{label}: file is empty or whitespace only")
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lone_lf = text.count("\n") - crlf
    kinds = [k for k, n in (("CRLF", crlf), ("CR", lone_cr), ("LF", lone_lf)) if n]
    endings = kinds[0] if len(kinds) == 1 else ("mixed" if kinds else "none")
    return text, {"has_bom": has_bom, "line_endings": endings, "n_bytes": len(data)}


def read_checksums(folder: Path) -> dict[str, str] | None:
    """``{relative path: sha256}`` from ``SHA256SUMS``, or ``None`` when the file is absent."""
    sums_path = folder / CHECKSUM_FILE
    if not sums_path.is_file():
        return None
    sums: dict[str, str] = {}
    try:
        lines = sums_path.read_bytes().decode("utf-8").splitlines()
    except UnicodeDecodeError as err:
        raise CorpusError(f"{sums_path}: not valid UTF-8 at byte offset {err.start} "
                          f"({err.reason}); write it again with `sha256sum`") from None
    except OSError as err:
        raise CorpusError(f"{sums_path}: cannot be read ({err.strerror or err})") from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        match = re.fullmatch(r"([0-9a-fA-F]{64}) [ *](.+)", line.strip())
        if not match:
            raise CorpusError(f"{sums_path}: line {lineno} is not '<sha256>  <path>'")
        sums[match.group(2).strip()] = match.group(1).lower()
    return sums


def read_metadata(folder: Path) -> pd.DataFrame | None:
    """``metadata.csv`` as strings (empty cells as ``""``), or ``None`` when absent."""
    meta_path = folder / METADATA_FILE
    if not meta_path.is_file():
        return None
    from .io import read_user_table

    meta = read_user_table(meta_path, CorpusError)
    if "doc_id" not in meta.columns:
        raise CorpusError(f"{meta_path}: has no 'doc_id' column (columns: {list(meta.columns)})")
    meta["doc_id"] = meta["doc_id"].str.strip()
    if (meta["doc_id"] == "").any():
        row = int((meta["doc_id"] == "").to_numpy().argmax()) + 2
        raise CorpusError(f"{meta_path}: empty doc_id on line {row}")
    dup = meta["doc_id"][meta["doc_id"].duplicated()]
    if len(dup):
        raise CorpusError(f"{meta_path}: duplicate doc_id {sorted(set(dup))}")
    return meta


def _default_outlet(doc_id: str) -> str:
    return doc_id.split("/", 1)[0] if "/" in doc_id else doc_id


def read_corpus(
    folder: str | os.PathLike[str] | None = None,
    *,
    on_error: str = "raise",
    max_bytes: int = MAX_BYTES,
    verify_checksums: bool = True,
) -> CorpusLoad:
    """Load every article below ``folder`` (default: the seeds).

    ``on_error="raise"`` (the default) stops at the first bad file with a
    :class:`CorpusError`. ``on_error="skip"`` loads what it can and lists each
    skipped file with its problem in ``CorpusLoad.skipped``; folder-level
    problems (missing folder, no articles, unreadable metadata) always raise.

    The articles table has one row per article sorted by ``doc_id``, with columns
    ``doc_id, outlet, origin, relation, date, headline, text, n_words``, then any
    other metadata columns, then ``path, has_bom, line_endings, n_bytes``.
    ``text`` is the raw text as decoded (a BOM removed, line endings kept).
    """
    if on_error not in {"raise", "skip"}:
        raise ValueError("on_error must be 'raise' or 'skip'")
    root = paths.corpus_dir(folder)
    if not root.is_dir():
        raise CorpusError(f"{root}: corpus folder does not exist")
    files = find_articles(root)
    if not files:
        raise CorpusError(f"{root}: corpus folder has no .txt articles")
    sums = read_checksums(root) if verify_checksums else None
    meta = read_metadata(root)

    rows: list[dict] = []
    skipped: list[dict] = []
    seen: dict[str, Path] = {}

    def fail(path: Path | str, problem: str) -> None:
        if on_error == "raise":
            raise CorpusError(problem)
        skipped.append({"path": str(path), "problem": problem})

    for path in files:
        rel = path.relative_to(root).as_posix()
        doc_id = doc_id_for(path, root)
        key = doc_id.casefold()
        if key in seen:
            fail(path, f"{path}: duplicate doc_id '{doc_id}' (also {seen[key]})")
            continue
        seen[key] = path
        try:
            data = read_article_bytes(path, root)
        except CorpusError as err:
            fail(path, str(err))
            continue
        if sums is not None:
            expected = sums.get(rel)
            if expected is None:
                fail(path, f"{path}: not listed in {root / CHECKSUM_FILE}; add its sha256 "
                           "line (sha256sum) or delete SHA256SUMS")
                continue
            actual = hashlib.sha256(data).hexdigest()
            if actual != expected:
                fail(path, f"{path}: checksum mismatch: SHA256SUMS says {expected[:12]}…, "
                           f"the file is {actual[:12]}… (the article was edited; raw data "
                           "is immutable)")
                continue
        try:
            text, record = decode_article(data, str(path), max_bytes)
        except CorpusError as err:
            fail(path, str(err))
            continue
        rows.append({"doc_id": doc_id, "text": text, "path": rel, **record})

    if sums is not None:
        present = {p.relative_to(root).as_posix() for p in files}
        for rel in sorted(set(sums) - present):
            fail(root / rel, f"{root / rel}: listed in SHA256SUMS but missing")

    articles = pd.DataFrame(rows, columns=["doc_id", "text", *RECORD_COLUMNS])
    if meta is not None:
        missing = sorted(set(meta["doc_id"]) - {doc_id_for(p, root) for p in files})
        for doc_id in missing:
            fail(root / METADATA_FILE,
                 f"{root / METADATA_FILE}: metadata row for '{doc_id}', but there is no "
                 f"file {doc_id}.txt")
        reserved = sorted(set(meta.columns) & {"text", "n_words", *RECORD_COLUMNS})
        if reserved:
            raise CorpusError(f"{root / METADATA_FILE}: column(s) {reserved} are computed by "
                              "the loader; rename them")
        articles = articles.merge(meta, on="doc_id", how="left")
    for col in ["outlet", "origin", "relation", "date", "headline"]:
        if col not in articles.columns:
            articles[col] = ""
        articles[col] = articles[col].fillna("").astype(str)
    no_outlet = articles["outlet"].str.strip() == ""
    articles.loc[no_outlet, "outlet"] = articles.loc[no_outlet, "doc_id"].map(_default_outlet)
    articles["n_words"] = articles["text"].map(count_words).astype("int64")
    others = [c for c in articles.columns if c not in CORPUS_COLUMNS + RECORD_COLUMNS]
    articles = articles[CORPUS_COLUMNS + others + RECORD_COLUMNS]
    articles = articles.sort_values("doc_id", kind="stable").reset_index(drop=True)
    if articles.empty:
        raise CorpusError(f"{root}: no article could be loaded ({len(skipped)} skipped)")
    return CorpusLoad(articles, pd.DataFrame(skipped, columns=["path", "problem"]))


def load_corpus(
    folder: str | os.PathLike[str] | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    verify_checksums: bool = True,
) -> pd.DataFrame:
    """Load a corpus strictly: one row per article, sorted by ``doc_id``.

    Raises :class:`CorpusError` on the first bad file. For a large, messy folder
    use ``read_corpus(folder, on_error="skip")``, which lists what it skipped.
    """
    return read_corpus(folder, max_bytes=max_bytes, verify_checksums=verify_checksums).articles


def write_checksums(folder: str | os.PathLike[str]) -> Path:
    """(Re)write ``SHA256SUMS`` for every article below ``folder``."""
    from .io import write_text

    root = Path(folder)
    lines = [
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(root).as_posix()}\n"
        for p in find_articles(root)
    ]
    return write_text(root / CHECKSUM_FILE, "".join(lines))
