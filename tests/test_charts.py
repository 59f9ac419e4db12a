"""Charts: a CJK font from PyPI, no missing glyphs, stable bytes, deterministic word clouds."""
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
import pandas as pd  # noqa: E402

import helpers as h  # noqa: E402


def test_font_resolves_to_a_cjk_font():
    h.setup()
    path = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert path == str(h.cjk_font_path())
    from matplotlib.ft2font import FT2Font
    font = FT2Font(path)
    assert all(font.get_char_index(ord(c)) for c in "武进区委书记新能源汽车")


def test_chart_with_chinese_has_no_missing_glyphs(tmp_path, monkeypatch):
    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path))
    h.setup()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = h.bar_chart(pd.Series({"区委常委会": 3, "新能源汽车": 2}), title="测试图表")
        h.save_figure(ax, "00-test")
    plt.close("all")
    assert (tmp_path / "figures" / "00-test.png").exists()


def test_save_figure_bytes_are_stable(tmp_path, monkeypatch):
    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path))
    h.setup()
    out = []
    for _ in range(2):
        ax = h.bar_chart(pd.Series({"甲": 1, "乙": 2}), title="稳定")
        h.save_figure(ax, "00-stable")
        out.append((tmp_path / "figures" / "00-stable.png").read_bytes())
        plt.close("all")
    assert out[0] == out[1]
    assert b"Software" not in out[0] and b"tIME" not in out[0]


def test_wordcloud_is_deterministic(tmp_path, monkeypatch):
    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path))
    h.setup()
    freqs = {"新能源汽车": 5, "改革": 4, "法治": 3, "产业": 2, "企业": 2}
    out = []
    for _ in range(2):
        ax = h.wordcloud(freqs)
        h.save_figure(ax, "00-cloud")
        out.append((tmp_path / "figures" / "00-cloud.png").read_bytes())
        plt.close("all")
    assert out[0] == out[1]


def test_save_table_has_bom(tmp_path, monkeypatch):
    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path))
    path = h.save_table(pd.DataFrame({"名称": ["武进"]}), "t")
    assert (tmp_path / path).read_bytes().startswith(b"\xef\xbb\xbf")
