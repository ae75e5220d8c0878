"""The explorer (notebook 09) in a real browser: Voilà serves it on the seeds, headless
Chromium drives it through Selenium, and every interaction asserts what the page shows.

Chromium must be installed (Debian: ``apt-get install chromium chromium-driver``; CI's
``.ci/run`` does it); without it these tests skip and say so. Every request the page makes
is recorded, and the test fails on any that leaves this machine. One screenshot per view
goes to ``build/explorer/``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers import open_corpus, paths

pytestmark = pytest.mark.browser

CHROMIUM = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(b)), None)
DRIVER = shutil.which("chromedriver")
SHOTS = paths.BUILD / "explorer"
NOTEBOOK = paths.NOTEBOOKS / "09_explore.ipynb"
TEMPLATES = paths.PACKAGE_DIR / "explorer" / "jupyter"
AP, REWRITE = "000_6c54d4c076695658", "001_dca0a1ec10f67a9e"

if CHROMIUM is None or DRIVER is None:
    pytest.skip("the browser tests need Chromium and its driver: on Debian or Ubuntu "
                "`sudo apt-get install chromium chromium-driver`, elsewhere Chrome and a "
                "matching chromedriver on PATH", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """Voilà serving notebook 09 on the seeds, with the offline template."""
    port = _free_port()
    env = {**os.environ, "JUPYTER_PATH": str(TEMPLATES)}
    env.pop("HELPERS_EXPLORE_CORPUS", None)
    log = (paths.BUILD / "explorer").resolve()
    log.mkdir(parents=True, exist_ok=True)
    with open(log / "voila.log", "w") as out:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "voila"), str(NOTEBOOK), "--no-browser",
             "--template=offline", f"--port={port}", "--Voila.ip=127.0.0.1",
             "--show_tracebacks=True"],
            cwd=paths.PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(url + "robots.txt", timeout=2)  # noqa: S310 (local)
                    break
                except urllib.error.HTTPError:  # it answers
                    break
                except OSError:
                    if proc.poll() is not None:
                        raise RuntimeError(f"Voilà stopped: see {log / 'voila.log'}") from None
                    time.sleep(0.5)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def _chrome():
    """Headless Chromium that resolves no host but this machine, logging its requests."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1500,2400",
                # nothing outside this machine resolves: a CDN request fails, and is seen
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service(DRIVER), options=options)


def _outside(driver, server: str) -> list[str]:
    """The URLs the page requested from anywhere but ``server`` (since the last call)."""
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    assert len(requests) > 10  # the log works: the page's own files are in it
    return [u for u in requests if not u.startswith((server, "data:", "blob:"))
            and not u.startswith(server.replace("http", "ws"))]


@pytest.fixture(scope="module")
def page(server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = _chrome()
    try:
        driver.get(server)
        # the first visit may compute the seed stages: minutes on a slow machine
        WebDriverWait(driver, 600).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, ".cm-tabs .cm-query input"))
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def seeds_run():
    return open_corpus(paths.SEEDS)


# -- small drivers of ipywidgets ------------------------------------------------------
def _el(d, css: str):
    from selenium.webdriver.common.by import By

    return d.find_element(By.CSS_SELECTOR, css)


def _wait(d, check, timeout: float = 60):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(d, timeout).until(lambda _: check())


def _text(d, css: str) -> str:
    return d.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", css)


def _rows(d, table: str) -> list[dict[str, str]]:
    """The rows of an explorer table: one dict per row, keyed by column."""
    return d.execute_script("""
        return Array.from(document.querySelectorAll(arguments[0] + ' tbody tr')).map(tr =>
          Object.fromEntries(Array.from(tr.children).map(td =>
            [td.className.replace('col-', ''), td.innerText])));""", table)


def _html(d, css: str) -> str:
    return d.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? e.innerHTML : '';", css)


def _type(d, css: str, text: str) -> None:
    from selenium.webdriver.common.keys import Keys

    box = _el(d, f"{css} input")
    box.clear()
    box.send_keys(text, Keys.ENTER)


def _select(d, css: str, label: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(_el(d, f"{css} select")).select_by_visible_text(label)


def _toggle(d, css: str, label: str) -> None:
    from selenium.webdriver.common.by import By

    for button in d.find_elements(By.CSS_SELECTOR, f"{css} button"):
        if button.text.strip() == label:
            button.click()
            return
    raise AssertionError(f"no button {label!r} in {css}")


def _tab(d, title: str) -> None:
    from selenium.webdriver.common.by import By

    for tab in d.find_elements(By.CSS_SELECTOR, ".cm-tabs .lm-TabBar-tab"):
        if tab.text.strip() == title:
            tab.click()
            return
    raise AssertionError(f"no tab {title!r}")


def _status(d, css: str, start: str) -> str:
    """Wait until the status ``css`` starts with ``start``; return it."""
    _wait(d, lambda: _text(d, css).startswith(start))
    return _text(d, css)


def _shot(d, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    _el(d, ".cm-tabs").screenshot(str(SHOTS / f"{name}.png"))


def index_page(run, matches, page: int):
    from helpers.explorer import SentenceIndex

    return SentenceIndex(run).page(matches, page)


# -- the interactions ----------------------------------------------------------------
def test_search_colonial_finds_exactly_the_ap_and_rewrite_sentences(page):
    _type(page, ".cm-query", "colonial")
    _status(page, ".cm-kwic-status", "2 sentences in 2 articles")
    hits = _rows(page, ".cm-hits-table")
    assert [h["outlet"] for h in hits] == ["AP", "AP rewrite"]
    assert all(h["match"] == "colonial" and h["right"].strip().startswith("agreement")
               for h in hits)
    counts = {r["outlet"]: int(r["sentences"]) for r in _rows(page, ".cm-counts-table")}
    assert counts == {"AP": 1, "AP rewrite": 1, "FT (machine translation)": 0,
                      "Kyiv Independent": 0, "Reuters-based": 0}
    # the raw column shows the text before cleaning: the rewrite's '' quotes survive there
    assert "''It’s a colonial agreement" in hits[1]["raw"]
    _shot(page, "concordance")


def test_the_word_window_is_recut_without_a_new_search(page):
    _toggle(page, ".cm-unit", "window")
    _wait(page, lambda: len(_rows(page, ".cm-hits-table")[0]["right"].split()) == 8)
    readout = _el(page, ".cm-width .widget-readout")
    page.execute_script("arguments[0].innerText = '3';", readout)
    from selenium.webdriver.common.keys import Keys

    readout.send_keys(Keys.ENTER)
    _wait(page, lambda: len(_rows(page, ".cm-hits-table")[0]["right"].split()) == 3)
    hit = _rows(page, ".cm-hits-table")[0]
    assert hit["right"] == "agreement and Zelenskyy"
    assert len(hit["left"].split()) == 3  # "¶" marks the sentence boundary it crossed
    _toggle(page, ".cm-unit", "sentence")


def test_a_phrase_filtered_by_voice_shows_only_that_voice(page, seeds_run):
    from helpers.explorer import SentenceIndex

    expected = SentenceIndex(seeds_run).find("Zelenskyy", "phrase", voice="narration")
    _select(page, ".cm-voice", "narration")
    _type(page, ".cm-query", "Zelenskyy")
    _status(page, ".cm-kwic-status", f"{len(expected.rows)} sentences in "
            f"{expected.articles} articles")
    assert {h["voice"] for h in _rows(page, ".cm-hits-table")} == {"narration"}
    _select(page, ".cm-voice", "")


def test_regex_search_and_paging(page, seeds_run):
    from helpers.explorer import SentenceIndex

    expected = SentenceIndex(seeds_run).find(r"Ukrain\w*", "regex")
    assert len(expected.rows) > 20  # more than a page on the seeds
    _toggle(page, ".cm-mode", "regex")
    _type(page, ".cm-query", r"Ukrain\w*")
    pages = -(-len(expected.rows) // 20)
    status = _status(page, ".cm-kwic-status", f"{len(expected.rows)} sentences")
    assert f"page 1/{pages}" in status
    assert all(h["match"].lower().startswith("ukrain")
               for h in _rows(page, ".cm-hits-table"))
    _el(page, ".cm-kwic-next").click()
    _wait(page, lambda: f"page 2/{pages}" in _text(page, ".cm-kwic-status"))
    second = index_page(seeds_run, expected, 1)
    assert [h["position"] for h in _rows(page, ".cm-hits-table")] == list(second["position"])
    _toggle(page, ".cm-mode", "phrase")


def test_quotes_filtered_by_side_show_only_us_speakers(page, seeds_run):
    quotes = seeds_run.quotes
    us = quotes[quotes["side"] == "United States"]
    _tab(page, "Quotes")
    _select(page, ".cm-quote-side", "United States")
    _status(page, ".cm-quotes-status", f"{len(us)} rows")
    rows = _rows(page, ".cm-quotes-table")
    assert {r["side"] for r in rows} == {"United States"}
    assert {r["speaker"] for r in rows} <= set(us["speaker"])
    assert "Zelenskyy" not in {r["speaker"] for r in rows}
    _shot(page, "quotes")


def test_quotes_sort_by_confidence_and_read_a_row_in_context(page):
    _select(page, ".cm-quote-sort", "confidence")
    page.find_element("css selector", ".cm-quote-desc input").click()
    _wait(page, lambda: float(_rows(page, ".cm-quotes-table")[0]["confidence"])
          >= float(_rows(page, ".cm-quotes-table")[-1]["confidence"]))
    values = [float(r["confidence"]) for r in _rows(page, ".cm-quotes-table")]
    assert values == sorted(values, reverse=True)
    first = _rows(page, ".cm-quotes-table")[0]
    from selenium.webdriver.support.ui import Select

    Select(_el(page, ".cm-quote-pick select")).select_by_index(0)
    _wait(page, lambda: "<mark>" in _html(page, ".cm-quote-context"))
    marked = _text(page, ".cm-quote-context mark")
    assert marked == first["quote"]


def test_the_ledger_lists_statements_across_articles(page, seeds_run):
    ledger = seeds_run.quote_ledger
    _select(page, ".cm-quote-side", "")
    _toggle(page, ".cm-quote-table", "ledger")
    # the status line and the table are two widgets: wait for both to show the ledger
    _wait(page, lambda: _text(page, ".cm-quotes-status").startswith(f"{len(ledger)} rows")
          and "statement" in _text(page, ".cm-quotes-table thead"))
    assert _text(page, ".cm-quotes-status").startswith(f"{len(ledger)} rows")
    assert "statement" in _text(page, ".cm-quotes-table thead")


def test_the_000_001_cell_shows_the_aligned_sentences(page):
    _tab(page, "Who copied whom")
    _el(page, ".cm-cell-1-0").click()  # row B = 001 (the rewrite), column A = 000 (AP)
    _wait(page, lambda: "derived" in _text(page, ".cm-verdict"))
    assert _text(page, ".cm-verdict").startswith("001 AP rewrite against 000 AP: derived")
    rows = _rows(page, ".cm-aligned-table")
    colonial = [r for r in rows if "It's a colonial agreement" in r["text_b"]]
    assert len(colonial) == 1 and colonial[0]["relation"] == "copied"
    assert "<mark>It's a colonial agreement" in _html(page, ".cm-aligned-table").replace(
        "&#x27;", "'")
    _shot(page, "copying")


def test_a_pair_with_nothing_copied_says_so(page):
    _el(page, ".cm-cell-3-2").click()  # 003 against 002: same facts, not copying
    _wait(page, lambda: "003" in _text(page, ".cm-verdict"))
    verdict = _text(page, ".cm-verdict")
    assert "derived" not in verdict
    assert {r["relation"] for r in _rows(page, ".cm-aligned-table")} <= {"same facts", "quote"}


def test_a_frame_cell_shows_its_evidence(page, seeds_run):
    from helpers.explorer import frame_grid

    grid = frame_grid(seeds_run)
    i, j = list(grid.index).index("AP"), list(grid.columns).index("sovereignty")
    _tab(page, "Frames")
    _el(page, f".cm-frame-cell-{i}-{j}").click()
    # the status line and the table are two widgets: wait for both
    _wait(page, lambda: "sovereignty in AP" in _text(page, ".cm-evidence-status")
          and len(_rows(page, ".cm-evidence-table")) == grid.loc["AP", "sovereignty"])
    rows = _rows(page, ".cm-evidence-table")
    assert len(rows) == grid.loc["AP", "sovereignty"]
    assert {r["pattern"] for r in rows} == {"colonial"}
    assert "<mark>colonial</mark>" in _html(page, ".cm-evidence-table")
    _shot(page, "frames")


def test_a_frame_opens_in_the_concordance(page):
    _el(page, ".cm-frame-kwic").click()
    _wait(page, lambda: _text(page, ".cm-kwic-status").startswith("1 sentences in 1 articles")
          and len(_rows(page, ".cm-hits-table")) == 1)
    hit, = _rows(page, ".cm-hits-table")
    assert hit["outlet"] == "AP" and "sovereignty" in hit["frames"]


def test_nothing_was_requested_from_outside_this_machine(page, server):
    assert _outside(page, server) == []


def test_the_explorer_runs_in_jupyterlab(seeds_run):
    """As a researcher would: JupyterLab (`make lab`), open notebook 09, Run All Cells,
    search a phrase; nothing requested from outside this machine."""
    from selenium.webdriver.common.by import By

    port = _free_port()
    jupyter = Path(sys.executable).parent / "jupyter"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with open(SHOTS / "jupyterlab.log", "w") as log:
        proc = subprocess.Popen(
            [str(jupyter), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
             "--IdentityProvider.token=", "--ServerApp.password=", "--allow-root",
             f"--ServerApp.root_dir={paths.PROJECT_ROOT}", "--LabApp.news_url="],
            cwd=paths.PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT,
            env={k: v for k, v in os.environ.items() if k != "HELPERS_EXPLORE_CORPUS"})
        driver = None
        try:
            url = f"http://127.0.0.1:{port}/"
            for _ in range(240):
                try:
                    urllib.request.urlopen(url + "api", timeout=2)  # noqa: S310 (local)
                    break
                except urllib.error.HTTPError:
                    break
                except OSError:
                    assert proc.poll() is None, f"JupyterLab stopped: see {SHOTS}/jupyterlab.log"
                    time.sleep(0.5)
            driver = _chrome()
            driver.get(url + "lab/tree/notebooks/09_explore.ipynb")
            _wait(driver, lambda: driver.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell"),
                  120)
            time.sleep(2)  # the kernel starts
            driver.find_element(
                By.XPATH, "//div[contains(@class,'lm-MenuBar-itemLabel') and text()='Run']"
            ).click()
            driver.find_element(
                By.XPATH, "//div[contains(@class,'lm-Menu-itemLabel') and text()='Run All Cells']"
            ).click()
            _wait(driver, lambda: driver.find_elements(By.CSS_SELECTOR, ".cm-query input"), 600)
            _type(driver, ".cm-query", "security guarantees")
            from helpers.explorer import SentenceIndex

            expected = SentenceIndex(seeds_run).find("security guarantees")
            assert len(expected.rows) > 0
            _status(driver, ".cm-kwic-status", f"{len(expected.rows)} sentences in "
                    f"{expected.articles} articles")
            _shot(driver, "jupyterlab")
            assert _outside(driver, url) == []
        finally:
            if driver is not None:
                driver.quit()
            proc.terminate()
            proc.wait(timeout=30)
