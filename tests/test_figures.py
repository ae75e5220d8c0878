"""One style, stable colours, and a save_figure that writes three files deterministically."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import helpers
from helpers.plots import doc_labels, plot_article_lengths


def _figure():
    helpers.use_style()
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    ax.set_title("test")
    return fig


def test_save_figure_writes_png_svg_and_csv(tmp_path):
    data = pd.DataFrame({"x": ["a", "b"], "y": [1.0, 2.0]})
    written = helpers.save_figure(_figure(), "t", data, tmp_path)
    assert written["png"] == tmp_path / "t.png" and written["png"].read_bytes()[:4] == b"\x89PNG"
    assert written["svg"].read_text().lstrip().startswith("<?xml")
    assert (tmp_path / "data" / "t.csv").read_text() == "x,y\na,1\nb,2\n"
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_svg_and_csv_are_byte_identical_between_runs(tmp_path):
    data = pd.DataFrame({"x": ["a"], "y": [1 / 3]})
    helpers.save_figure(_figure(), "t", data, tmp_path / "one")
    helpers.save_figure(_figure(), "t", data, tmp_path / "two")
    for rel in ["t.svg", "data/t.csv", "t.png"]:
        assert (tmp_path / "one" / rel).read_bytes() == (tmp_path / "two" / rel).read_bytes(), rel
    svg = (tmp_path / "one" / "t.svg").read_text()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg


def test_a_failed_write_leaves_no_partial_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old complete table\n")

    def broken(tmp):
        tmp.write_text("half a ta")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        helpers.io.atomic_write(target, broken)
    assert target.read_text() == "old complete table\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_outlet_colours_are_stable_and_colour_blind_safe():
    colours = helpers.outlet_colours(["b", "a", "c"])
    assert colours == helpers.outlet_colours(["c", "a", "b", "a"])
    assert colours["a"] == helpers.OKABE_ITO[0]
    many = helpers.outlet_colours([f"o{i:02d}" for i in range(12)])
    assert many["o11"] == "#999999"


def test_labels_are_capped_and_figures_scale(seeds):
    labels = doc_labels(seeds.corpus)
    assert labels["004_766c8d58a70347a6"] == "FT (machine translation)"
    big = pd.DataFrame({"doc_id": [f"d{i:04d}" for i in range(500)],
                        "outlet": [f"outlet {i % 3}" for i in range(500)],
                        "n_words": range(500)})
    fig, data = plot_article_lengths(big)
    assert len(data) == 500 and fig.axes[0].get_ylabel() == "articles"
    assert helpers.short_label("x" * 50, 10) == "xxxxxxxxx…"


def test_drift_reports_changed_missing_and_extra_files(tmp_path):
    from helpers.tools.drift import figure_drift, main

    data = pd.DataFrame({"x": [1]})
    helpers.save_figure(_figure(), "a", data, tmp_path / "one")
    helpers.save_figure(_figure(), "a", data, tmp_path / "two")
    assert figure_drift(tmp_path / "one", tmp_path / "two") == []
    (tmp_path / "two" / "data" / "a.csv").write_text("x\n2\n")
    (tmp_path / "two" / "b.svg").write_text("<svg/>")
    (tmp_path / "one" / "c.png").write_bytes(b"png")
    assert figure_drift(tmp_path / "one", tmp_path / "two") == [
        f"missing in {tmp_path / 'two'}: c.png", f"not in {tmp_path / 'one'}: b.svg",
        "differs: data/a.csv"]
    assert main([str(tmp_path / "one"), str(tmp_path / "two")]) == 1


def test_ledger_plot_with_more_articles_than_columns():
    import pandas as pd

    from helpers import voices_plots

    rows = []
    for s in range(3):
        for d in range(30):
            if (d + s) % 2 == 0:
                rows.append({"statement_id": f"S{s}", "n_articles": 15 + s, "doc_id": f"d{d:02d}",
                             "relation": "original", "side": "US", "kind": "full",
                             "speaker": "Trump", "sourcing": "named", "statement": f"text {s}"})
    # a statement carried only by articles that fall outside the first columns
    rows += [{"statement_id": "S9", "n_articles": 40, "doc_id": f"z{d}", "relation": "original",
              "side": "US", "kind": "full", "speaker": "X", "sourcing": "named",
              "statement": "late"} for d in range(2)]
    fig, data = voices_plots.plot_ledger(pd.DataFrame(rows), {}, max_docs=5)
    assert data["doc_id"].nunique() <= 5
    assert len(fig.axes[0].get_yticklabels()) == 4
