"""Bring a corpus as you have it: CSV, TSV, JSON Lines, Parquet or saved web pages.

:func:`import_corpus` turns the files a researcher has into the suite's corpus format (a
folder of UTF-8 ``.txt`` articles, ``metadata.csv`` and ``SHA256SUMS``, see
:mod:`helpers.corpus`); everything else in the suite reads that folder.

* **Tables** (``.csv``, ``.tsv``, ``.jsonl``/``.ndjson``, ``.parquet``, and ``.json``: a
  list of objects, or an object holding one such as NewsAPI's ``articles``): one article per
  row, from a text column and optional id, outlet, date, headline and url columns, named
  by the options or found among common names (:data:`COLUMN_NAMES`: ``body``,
  ``publish_date``, ``media_name``, ``title``, ``source.name`` …). Every other column is
  kept in the metadata. Rows are streamed, never held whole: csv rows one by one, JSON
  Lines line by line, Parquet in record batches.
* **Saved web pages** (``.html``, ``.htm``): the main text, title, date and site are
  extracted by trafilatura from the file alone (no URL is ever fetched). The page itself
  is kept beside the import, under ``html/``, as the evidence of what was extracted.
* **Plain text** (``.txt``) is taken as one article.
* **A folder** mixing these is walked in path order (hidden files skipped; the
  stylesheets, scripts and images a browser saves beside a page are counted, not read).

Each article's provenance (source file, row or line, the columns used) is in the
``evidence`` column of ``metadata.csv`` and in ``source_file``/``source_row``; the options
and the counts per source are in ``import_log.json``. A row that cannot be imported (empty
text, a text over the size limit, bytes that are not UTF-8, a NUL byte, a duplicate id,
a page with no main text) stops the import with its file and row (``on_error="raise"``),
or is listed with its reason in ``import_rejected.csv`` (``on_error="skip"``); none is
dropped silently. The folder is written under a temporary name and renamed when
complete, so a failed import never leaves a corpus that looks whole.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import os
import re
import shutil
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from .corpus import (
    CHECKSUM_FILE,
    MAX_BYTES,
    METADATA_FILE,
    RECORD_COLUMNS,
    CorpusError,
    decode_article,
)

FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
           ".parquet": "parquet", ".html": "html", ".htm": "html", ".xhtml": "html",
           ".shtml": "html", ".json": "json", ".txt": "txt"}
# what a browser's "save page" leaves beside a page (its *_files folder): not articles,
# counted in the import log instead of rejected
PAGE_RESOURCES = frozenset({".css", ".js", ".mjs", ".map", ".png", ".jpg", ".jpeg", ".gif",
                            ".webp", ".svg", ".ico", ".bmp", ".avif", ".woff", ".woff2",
                            ".ttf", ".otf", ".eot", ".mp4", ".webm", ".mp3"})
# where a JSON document keeps its list of articles (NewsAPI: "articles")
JSON_LISTS = ("articles", "data", "results", "items", "stories", "documents", "records")
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)

# the names a column is looked for under, in order of preference (compared lower-cased)
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "full_text", "fulltext", "article_text",
             "article_body", "articlebody", "story_text", "main_text", "maintext", "article",
             "story"),
    "id": ("doc_id", "id", "article_id", "stories_id", "story_id", "guid", "uuid"),
    "outlet": ("outlet", "media_name", "source.name", "source_name", "publisher",
               "publication", "newspaper", "site_name", "sitename", "site", "media",
               "source", "source_domain", "domain"),
    "date": ("date", "publish_date", "published", "published_at", "publishedat",
             "published_date", "date_published", "datepublished", "pub_date", "pubdate",
             "publication_date", "datetime"),
    "headline": ("headline", "title", "heading"),
    "url": ("url", "link", "canonical_url", "article_url", "source_url", "permalink"),
}
ROLES = tuple(COLUMN_NAMES)
REJECTED_FILE = "import_rejected.csv"
LOG_FILE = "import_log.json"
HTML_DIR = "html"
_SAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")


class CorpusImportError(CorpusError):
    """A source cannot be imported as asked; the message names the file and row."""


@dataclass
class ImportReport:
    """What :func:`import_corpus` did: the corpus ``folder``, the ``imported`` count, and
    the ``rejected`` rows (``source, row, reason``) with the counts per ``sources``."""

    folder: Path
    imported: int
    rejected: pd.DataFrame
    sources: list[dict] = field(default_factory=list)

    def _repr_markdown_(self) -> str:
        n = len(self.rejected)
        lines = [f"**{self.imported} articles imported into `{self.folder}`**, "
                 f"{n} {'row' if n == 1 else 'rows'} rejected.", "",
                 "| source | format | rows | imported | rejected |", "|---|---|---|---|---|"]
        lines += [f"| `{s['source']}` | {s['format']} | {s['rows']} | {s['imported']} | "
                  f"{s['rejected']} |" for s in self.sources]
        return "\n".join(lines)


@dataclass
class _Record:
    """One article candidate: where it comes from and its fields."""

    source: str  # the source file, relative to the import's root
    row: str  # "row 3", "line 7", "page"
    number: int  # row or line number (1-based; 0 for a page or text file)
    fields: dict[str, object]
    text: object = None  # the text field (str or bytes)
    html: Path | None = None  # the saved page, for html sources


def _columns(names: list[str], given: Mapping[str, str | None], label: str) -> dict[str, str]:
    """The column of each role: as given, or found among :data:`COLUMN_NAMES`."""
    lower = {n.lower(): n for n in names}
    chosen: dict[str, str] = {}
    for role in ROLES:
        want = given.get(role)
        if want:
            if want not in names:
                raise CorpusImportError(f"{label}: no column {want!r} for the {role} "
                                  f"(columns: {names})")
            chosen[role] = want
            continue
        for candidate in COLUMN_NAMES[role]:
            if candidate in lower and lower[candidate] not in chosen.values():
                chosen[role] = lower[candidate]
                break
        else:
            if role == "url":  # article_source_link, page_url …
                linked = [n for n in names if re.search(r"url|link", n, re.I)
                          and n not in chosen.values()]
                if linked:
                    chosen[role] = linked[0]
    if "text" not in chosen:
        raise CorpusImportError(f"{label}: no text column found among {names}; name it with "
                          f"text=… (make import TEXT=…); looked for {list(COLUMN_NAMES['text'])}")
    return chosen


def _flatten(record: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    """Nested JSON objects as dotted keys (``{"source": {"name": "X"}}`` →
    ``source.name``); lists are kept as JSON text."""
    out: dict[str, object] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flatten(value, name + "."))
        elif isinstance(value, list):
            out[name] = json.dumps(value, ensure_ascii=False)
        else:
            out[name] = value
    return out


def _has_surrogates(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def _codec(encoding: str, first: bool = True) -> str:
    """The codec to read a file in ``encoding``: UTF-8 drops a byte-order mark at the start."""
    utf8 = codecs.lookup(encoding).name == "utf-8"
    return ("utf-8-sig" if first else "utf-8") if utf8 else encoding


def _json_lines(path: Path, encoding: str = "utf-8") -> Iterator[tuple[int, object]]:
    """``(line number, object)`` of each line of a JSON Lines file, streamed; a line that
    cannot be read gives a :class:`ValueError` with its reason instead of the object."""
    with path.open("rb") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line.decode(_codec(encoding, number == 1)))
            except UnicodeDecodeError as err:
                yield number, ValueError(f"not valid UTF-8 at byte offset {err.start} of the "
                                         f"line ({err.reason})")
            except json.JSONDecodeError as err:
                yield number, ValueError(f"not a JSON object ({err.msg})")


def _json_items(path: Path, label: str, encoding: str = "utf-8") -> list:
    """The list of articles of a JSON document: the document itself, or the list it holds
    (:data:`JSON_LISTS` first)."""
    try:
        document = json.loads(path.read_bytes().decode(_codec(encoding)))
    except UnicodeDecodeError as err:
        raise CorpusImportError(f"{label}: not valid UTF-8 at byte offset {err.start} "
                                f"({err.reason})") from None
    except json.JSONDecodeError as err:
        raise CorpusImportError(f"{label}: not valid JSON ({err.msg}, line {err.lineno})"
                                ) from None
    if isinstance(document, Mapping):
        keys = [k for k in JSON_LISTS if isinstance(document.get(k), list)] or [
            k for k, v in document.items() if isinstance(v, list)]
        if not keys:
            raise CorpusImportError(f"{label}: no list of articles in the JSON document "
                                    f"(keys: {list(document)[:10]})")
        document = document[keys[0]]
    if not isinstance(document, list):
        raise CorpusImportError(f"{label}: a JSON document of articles is a list, or an "
                                "object holding one")
    return document


def _json_records(items, rel: str, unit: str, given: Mapping[str, str | None], roles: dict,
                  label: str) -> Iterator[_Record]:
    """Records from ``(number, object)`` pairs: nested objects flattened, the columns found
    from the first object's keys, anything but an object rejected with its reason."""
    names = None
    for number, data in items:
        where = f"{unit} {number}"
        if isinstance(data, ValueError):
            yield _Record(rel, where, number, {}, text=data)
            continue
        if not isinstance(data, Mapping):
            yield _Record(rel, where, number, {}, text=ValueError("not a JSON object"))
            continue
        fields = _flatten(data)
        if names is None:
            names = list(fields)
            roles.update(_columns(names, given, label))
        yield _Record(rel, where, number, fields)


def _table_rows(path: Path, rel: str, fmt: str, given: Mapping[str, str | None],
                roles: dict, encoding: str = "utf-8") -> Iterator[_Record]:
    """Stream the rows of one CSV, TSV, JSON Lines or Parquet file."""
    label = str(path)
    if fmt in {"csv", "tsv"}:
        csv.field_size_limit(sys.maxsize)
        # bytes that are not UTF-8 survive as surrogates, so that each row can be judged
        # on its own (the row is rejected, not the file)
        with path.open(encoding=_codec(encoding), errors="surrogateescape", newline="") as f:
            reader = csv.reader(f, delimiter="\t" if fmt == "tsv" else ",")
            try:
                header = next(reader)
            except StopIteration:
                raise CorpusImportError(f"{label}: empty file, no header row") from None
            except csv.Error as err:
                raise CorpusImportError(f"{label}: not readable as {fmt.upper()} ({err})") from None
            if any(_has_surrogates(h) for h in header):
                raise CorpusImportError(f"{label}: the header row is not valid UTF-8; re-save the "
                                  "file as UTF-8")
            roles.update(_columns(header, given, label))
            number = 0
            while True:
                try:
                    values = next(reader)
                except StopIteration:
                    break
                except csv.Error as err:
                    raise CorpusImportError(f"{label}: row {number + 1}: not readable as "
                                      f"{fmt.upper()} ({err})") from None
                number += 1
                if not values:
                    continue
                if len(values) != len(header):
                    yield _Record(rel, f"row {number}", number, {},
                                  text=ValueError(f"{len(values)} fields where the header has "
                                                  f"{len(header)}"))
                    continue
                yield _Record(rel, f"row {number}", number, dict(zip(header, values,
                                                                     strict=True)))
    elif fmt == "jsonl":
        yield from _json_records(_json_lines(path, encoding), rel, "line", given, roles, label)
    elif fmt == "json":
        yield from _json_records(enumerate(_json_items(path, label, encoding), 1), rel, "item",
                                 given, roles, label)
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        try:
            parquet = pq.ParquetFile(path)
        except Exception as err:  # noqa: BLE001 - pyarrow raises several kinds
            raise CorpusImportError(f"{label}: not readable as Parquet ({err})") from None
        roles.update(_columns(parquet.schema_arrow.names, given, label))
        number = 0
        for batch in parquet.iter_batches(batch_size=4096):
            for fields in batch.to_pylist():
                number += 1
                yield _Record(rel, f"row {number}", number, fields)


def _html_page(path: Path, rel: str) -> _Record:
    """The main text and metadata of one saved page, by trafilatura, offline. The page's
    address comes from the page itself (its canonical link, or the "saved from url" note a
    browser writes); it is recorded, never fetched."""
    import trafilatura

    data = path.read_bytes()
    saved = _SAVED_FROM.search(data[:4096])
    saved_url = saved.group(1).decode("ascii", "replace") if saved else None
    doc = trafilatura.bare_extraction(data, url=saved_url, with_metadata=True,
                                      include_comments=False, include_tables=False,
                                      deduplicate=False)
    if doc is None or not (doc.text or "").strip():
        return _Record(rel, "page", 0, {}, text=ValueError("no main text found in the page"),
                       html=path)
    folder = rel.rsplit("/", 2)[-2] if "/" in rel else ""
    fields = {"headline": doc.title or "", "date": doc.date or "",
              "url": doc.url or saved_url or "",
              "outlet": doc.sitename or doc.hostname or folder, "author": doc.author or ""}
    return _Record(rel, "page", 0, fields, text=doc.text, html=path)


def _sources(source: Path) -> list[tuple[Path, str]]:
    """``(file, format)`` of every importable file at ``source`` (a file or a folder)."""
    if source.is_file():
        fmt = FORMATS.get(source.suffix.lower())
        if fmt is None:
            raise CorpusImportError(f"{source}: unknown format {source.suffix!r}; one of "
                              f"{sorted(FORMATS)}")
        return [(source, fmt)]
    if not source.is_dir():
        raise CorpusImportError(f"{source}: no such file or folder")
    found = []
    for root, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                found.append(Path(root) / name)
    found.sort(key=lambda p: p.relative_to(source).as_posix())
    return [(p, FORMATS.get(p.suffix.lower(), "resource" if p.suffix.lower() in
                            PAGE_RESOURCES else "")) for p in found]


def _doc_id(record: _Record, roles: Mapping[str, str], stem: str) -> str:
    column = roles.get("id")
    value = record.fields.get(column) if column else None
    if value is not None and str(value).strip():
        cleaned = _SAFE_ID.sub("_", str(value).strip()).strip("._") or "id"
        return cleaned[:120]
    if record.number:
        return f"{stem}_{record.number:06d}"
    return stem


def _text_of(value: object) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    if isinstance(value, float) and value != value:  # NaN from a table
        return None
    text = str(value)
    return text.encode("utf-8", errors="surrogateescape")


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    if _has_surrogates(text):
        text = text.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")
    return text


def import_corpus(source: str | os.PathLike[str], out: str | os.PathLike[str], *,
                  text: str | None = None, id: str | None = None,  # noqa: A002
                  outlet: str | None = None, date: str | None = None,
                  headline: str | None = None, url: str | None = None,
                  on_error: str = "raise", max_bytes: int = MAX_BYTES,
                  encoding: str = "utf-8", replace: bool = False) -> ImportReport:
    """Import the file or folder ``source`` into a new corpus folder ``out``.

    ``text``, ``id``, ``outlet``, ``date``, ``headline`` and ``url`` name the columns of a
    table (default: found among :data:`COLUMN_NAMES`). ``encoding`` is that of the CSV, TSV
    and JSON files (default UTF-8; the articles are written as UTF-8 whatever it is; saved
    pages declare their own). ``on_error="raise"`` stops at the
    first row that cannot be imported; ``"skip"`` imports the rest and lists each rejected
    row with its reason. ``out`` must not exist or be empty, unless ``replace`` and it is
    an earlier import (it has ``import_log.json``): then the new import takes its place
    once complete. Returns an :class:`ImportReport`; the folder opens with
    ``helpers.open_corpus(out)``.
    """
    if on_error not in {"raise", "skip"}:
        raise ValueError("on_error must be 'raise' or 'skip'")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise CorpusImportError(f"unknown encoding {encoding!r} (e.g. utf-8, cp1252, "
                                "latin-1)") from None
    source, out = Path(source), Path(out)
    earlier = replace and out.is_dir() and (out / LOG_FILE).is_file()
    if out.exists() and not earlier and (not out.is_dir() or any(out.iterdir())):
        raise CorpusImportError(f"{out}: exists and is not empty; import into a new folder"
                                + ("" if not replace else " (replace=True replaces an "
                                   "earlier import only, a folder with import_log.json)"))
    given = {"text": text, "id": id, "outlet": outlet, "date": date, "headline": headline,
             "url": url}
    files = _sources(source)
    root = source if source.is_dir() else source.parent
    work = out.parent / f".{out.name}.importing-{os.getpid()}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    try:
        report = _import(files, root, work, given, on_error, max_bytes, encoding)
        old = out.parent / f".{out.name}.replaced-{os.getpid()}"
        if earlier:
            out.rename(old)
        elif out.exists():
            out.rmdir()
        work.rename(out)
        if earlier:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    report.folder = out
    return report


def _metadata_row(record: _Record, roles: Mapping[str, str], fmt: str, doc_id: str,
                  fallback_outlet: str) -> dict[str, object]:
    """The ``metadata.csv`` row of one imported article: its roles, its provenance
    (``evidence``, ``source_file``, ``source_row``, ``html_file``) and every other field."""
    used = {r: c for r, c in roles.items() if c}
    row: dict[str, object] = {"doc_id": doc_id}
    for role in ("outlet", "date", "headline", "url"):
        column = used.get(role)
        row[role] = _cell(record.fields.get(column)) if column else ""
    outlet_from = ""
    if not row["outlet"] and row["url"]:
        row["outlet"] = (urlsplit(str(row["url"])).hostname or "").removeprefix("www.")
        outlet_from = "; outlet from the url's host" if row["outlet"] else ""
    if not row["outlet"]:
        row["outlet"] = fallback_outlet
        outlet_from = "; outlet from the file name"
    where = (f"{record.source} {record.row}" if record.row != "page" else
             f"{record.source} (saved page; text by trafilatura)")
    columns = ", ".join(f"{r} column {c!r}" for r, c in used.items()
                        if fmt not in {"html", "txt"})
    row["source_file"] = record.source
    row["source_row"] = record.number
    row["evidence"] = (f"imported from {where}" + (f"; {columns}" if columns else "")
                       + outlet_from)
    if record.html is not None:
        row["html_file"] = f"{HTML_DIR}/{doc_id}.html"
    for name, value in record.fields.items():
        if name in used.values():
            continue
        taken = name in {"doc_id", "text", "n_words", *row, *RECORD_COLUMNS}
        row[f"source_{name}" if taken else name] = _cell(value)
    return row


def _import(files: list[tuple[Path, str]], root: Path, work: Path,
            given: Mapping[str, str | None], on_error: str, max_bytes: int,
            encoding: str = "utf-8") -> ImportReport:
    from .io import write_table, write_text

    rejected: list[dict] = []
    meta: list[dict] = []
    sums: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    sources: list[dict] = []

    def reject(record_source: str, row: str, reason: str) -> None:
        if on_error == "raise":
            raise CorpusImportError(f"{root / record_source}: {row}: {reason} (to import the "
                                    "other rows and list this one: on_error='skip', or "
                                    "make import IMPORT_OPTS=--skip)")
        rejected.append({"source": record_source, "row": row, "reason": reason})

    resources = 0
    for path, fmt in files:
        rel = path.relative_to(root).as_posix()
        if fmt == "resource":  # a saved page's stylesheet, script or image: not an article
            resources += 1
            continue
        counts = {"source": rel, "format": fmt or "unknown", "rows": 0, "imported": 0,
                  "rejected": 0}
        sources.append(counts)
        before = len(rejected)
        if not fmt:
            counts["rows"] = 1
            reject(rel, "file", f"unknown format {path.suffix!r} (importable: "
                                f"{sorted(FORMATS)})")
            counts["rejected"] = len(rejected) - before
            continue
        roles: dict[str, str] = {}
        if fmt == "html":
            records: Iterator[_Record] = iter([_html_page(path, rel)])
            roles = {"outlet": "outlet", "date": "date", "headline": "headline", "url": "url"}
        elif fmt == "txt":
            records = iter([_Record(rel, "file", 0, {}, text=path.read_bytes())])
        else:
            records = _table_rows(path, rel, fmt, given, roles, encoding)
        stem = _SAFE_ID.sub("_", path.with_suffix("").relative_to(root).as_posix()
                            .replace("/", "__")).strip("._") or "source"
        for record in records:
            counts["rows"] += 1
            value = record.text if record.text is not None else record.fields.get(
                roles.get("text", ""))
            if isinstance(value, ValueError):
                reject(rel, record.row, str(value))
                continue
            data = _text_of(value)
            if data is None:
                reject(rel, record.row, "empty text")
                continue
            try:
                article, _info = decode_article(data, record.row, max_bytes)
            except CorpusError as err:
                reason = str(err).removeprefix(f"{record.row}: ")
                reject(rel, record.row, reason.replace("file is", "text is", 1)
                       .replace("re-save the file", "re-save the source"))
                continue
            doc_id = _doc_id(record, roles, stem)
            key = doc_id.casefold()
            if key in seen:
                reject(rel, record.row, f"duplicate id {doc_id!r} (first: {seen[key]})")
                continue
            seen[key] = f"{rel} {record.row}"
            raw = article.encode("utf-8")
            target = work / f"{doc_id}.txt"
            target.write_bytes(raw)
            sums.append((f"{doc_id}.txt", hashlib.sha256(raw).hexdigest()))
            row = _metadata_row(record, roles, fmt, doc_id, path.with_suffix("").name)
            if record.html is not None:
                (work / HTML_DIR).mkdir(exist_ok=True)
                shutil.copyfile(record.html, work / row["html_file"])
            meta.append(row)
            counts["imported"] += 1
        counts["rejected"] = len(rejected) - before

    if not meta:
        raise CorpusImportError(f"{root}: no article could be imported ({len(rejected)} rows "
                          "rejected)")
    table = pd.DataFrame(meta).fillna("")
    table = table.sort_values("doc_id", kind="stable").reset_index(drop=True)
    write_table(table, work / METADATA_FILE)
    write_text(work / CHECKSUM_FILE, "".join(f"{digest}  {name}\n"
                                             for name, digest in sorted(sums)))
    rejected_table = pd.DataFrame(rejected, columns=["source", "row", "reason"])
    write_table(rejected_table, work / REJECTED_FILE)
    log = {"options": {k: v for k, v in given.items() if v}, "encoding": encoding,
           "on_error": on_error,
           "max_bytes": max_bytes, "imported": len(meta), "rejected": len(rejected),
           "page_resources_ignored": resources, "sources": sources}
    write_text(work / LOG_FILE, json.dumps(log, indent=1, ensure_ascii=False) + "\n")
    return ImportReport(work, len(meta), rejected_table, sources)
