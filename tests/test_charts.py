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


# --- colours from the lexicon, integer ticks, small multiples, labels, alt text, embedded font -----------

import re  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402


def _lum(color: str) -> float:
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    f = lambda c: c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4  # noqa: E731
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)


def _lightness(color: str) -> float:
    y = _lum(color)
    return 116 * (y ** (1 / 3) if y > 0.008856 else 7.787 * y + 16 / 116) - 16


def test_every_lexicon_category_has_a_fixed_readable_colour():
    topics = {f[0] for f in h.lexicon_fields("topics")} | {"其他"}
    levels = {f[1] for f in h.lexicon_fields("levels")} | {""}
    for group, cats in (("topic", topics), ("level", levels), ("kind", {"lexicon", "numbered", "quoted", "parallel", "law"})):
        colors = h.category_colors(group)
        assert cats <= set(colors), f"{group}: no colour for {cats - set(colors)}"
        for c in colors.values():
            assert (1.05 / (_lum(c) + 0.05)) >= 2.0, f"{group} {c} too pale on white"
        light = sorted(_lightness(c) for c in colors.values())
        assert min(b - a for a, b in zip(light, light[1:])) >= 5, f"{group}: two colours alike in greyscale"
    assert h.TOPIC_COLORS == h.category_colors("topic") and h.LEVEL_COLORS == h.category_colors("level")
    assert h.color_for("topic", "新设主题") == h.color_for("topic", "新设主题")


def test_same_topic_same_colour_in_both_topic_charts(fixture_corpus):
    from matplotlib.colors import to_hex

    tp = h.topics(fixture_corpus.articles)
    ax = h.topic_chart(tp, fixture_corpus.articles)
    bars = {to_hex(b.get_facecolor()) for b in ax.patches}
    assert bars <= {h.color_for("topic", t) for t in tp["topic"]}
    ax2 = h.stacked_bars(h.topic_shares(tp, fixture_corpus.articles), colors=h.TOPIC_COLORS)
    for handle, text in zip(*ax2.get_legend_handles_labels()):
        assert to_hex(handle.patches[0].get_facecolor()) == h.TOPIC_COLORS[text]
    plt.close("all")


def test_count_axes_have_integer_ticks():
    h.setup()
    ax = h.bar_chart(pd.Series({"甲": 3, "乙": 1}), xlabel="篇数")
    ax.figure.canvas.draw()
    assert all(float(t).is_integer() for t in ax.get_xticks())
    ax = h.stacked_bars(pd.DataFrame({"主持": [1, 0], "出席": [2, 1]}, index=["甲", "乙"]))
    ax.figure.canvas.draw()
    assert all(float(t).is_integer() for t in ax.get_xticks())
    plt.close("all")


def test_trend_is_small_multiples_with_time_label():
    trend = pd.DataFrame([[1, 0, 2], [0, 3, 1]], index=["甲提法", "乙提法"], columns=["2024-01", "2024-02", "日期不详"])
    trend.columns.name = "月"
    ax = h.trend_chart(trend, title="走势")
    fig = ax.figure
    assert len(fig.axes) == 2 and [a.get_ylabel() for a in fig.axes] == ["甲提法", "乙提法"]
    assert fig.axes[-1].get_xlabel() == "月" and [t.get_text() for t in fig.axes[-1].get_xticklabels()][-1] == "日期不详"
    plt.close("all")


def test_heatmap_axis_says_what_the_columns_are(fixture_corpus, sample):
    m = h.slogan_matrix(fixture_corpus.slogans, fixture_corpus.articles, 10)
    assert h.heatmap(m).get_xlabel() == "期"
    one = h.slogan_matrix(sample.slogans, sample.articles, 10)
    assert h.heatmap(one).get_xlabel() == "文章"
    plt.close("all")


def test_show_figure_has_alt_text_and_saves(tmp_path, monkeypatch):
    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path))
    h.setup()
    fig = h.show_figure(h.bar_chart(pd.Series({"区委常委会": 3, "新能源汽车": 2}), title="测试"), "00-alt")
    page = fig._repr_html_()
    assert re.search(r'<img src="data:image/png;base64,[^"]+" alt="图:测试。[^"]*区委常委会 3', page)
    assert (tmp_path / "figures" / "00-alt.png").read_bytes() == fig.png
    assert plt.get_fignums() == []


def test_reports_embed_a_cjk_subset_that_has_the_glyphs(tmp_path):
    import io

    from fontTools.ttLib import TTFont

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import finish_report

    page = tmp_path / "r.html"
    page.write_text("<html><head></head><body><p>区委常委会</p><script>x='\\u6c11\\u751f'</script></body></html>",
                    encoding="utf-8")
    finish_report.finish(page)
    finish_report.finish(page)   # idempotent: one style block
    text = page.read_text(encoding="utf-8")
    assert text.count("<!-- report-fonts -->") == 1 and "Noto Sans CJK SC" in text and "ReportCJK" in text
    data = re.search(r"base64,([A-Za-z0-9+/=]+)\) format\(\"woff\"\)", text).group(1)
    import base64
    font = TTFont(io.BytesIO(base64.b64decode(data)))
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "区委常委会民生")
    assert len(cmap) < 200   # a subset, not the whole font
