"""Chart helpers: one saver (figures/NN-slug.png, stable bytes), bars, heatmaps, trends, word cloud, timeline."""
from __future__ import annotations

from typing import Iterable
import numpy as np
import pandas as pd

from .config import SEED, cjk_font_path, out_dir
from .keywords import stopwords


def plain_text() -> None:
    """Chart text is shown as written: matplotlib does not read $...$ as mathtext (a headline with
    an unbalanced $ would otherwise abort the chart). config.setup() sets the same."""
    import matplotlib

    matplotlib.rcParams["text.parse_math"] = False


def _ax(ax=None, figsize=(8, 4)):
    import matplotlib.pyplot as plt

    plain_text()
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def save_figure(ax, name: str) -> None:
    """Save the axes' figure as figures/NAME.png with stable bytes (no software or time metadata).

    Returns nothing, so a notebook cell ending with it shows the chart and no file name."""
    path = out_dir() / "figures" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    fig = ax.figure if hasattr(ax, "figure") else ax
    fig.tight_layout()
    fig.savefig(path, format="png", metadata={"Software": None}, dpi=100)


def bar_chart(series: pd.Series, title: str = "", xlabel: str = "", ax=None, colors=None, log: bool = False, horizontal: bool = True):
    """A bar chart of a Series (index as labels), largest on top; returns the axes."""
    ax = _ax(ax, figsize=(8, max(2.5, 0.35 * len(series) + 1)) if horizontal else (8, 4))
    s = series.iloc[::-1] if horizontal else series
    c = None if colors is None else (list(colors)[::-1] if horizontal else list(colors))
    (ax.barh if horizontal else ax.bar)([str(i) for i in s.index], s.values, color=c)
    if log:
        (ax.set_xscale if horizontal else ax.set_yscale)("log")
    ax.set_title(title)
    (ax.set_xlabel if horizontal else ax.set_ylabel)(xlabel)
    return ax


def stacked_bars(table: pd.DataFrame, title: str = "", ax=None):
    """Horizontal stacked bars of a table (rows: bars, columns: segments); returns the axes."""
    ax = _ax(ax, figsize=(8, max(2.5, 0.4 * len(table) + 1)))
    t = table.iloc[::-1]
    left = np.zeros(len(t))
    for col in t.columns:
        ax.barh([str(i) for i in t.index], t[col].values, left=left, label=str(col))
        left += t[col].values
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), borderaxespad=0, fontsize=8)
    ax.set_title(title)
    return ax


def heatmap(table: pd.DataFrame, title: str = "", ax=None, fmt: str = "{:.0f}", cmap: str = "Reds"):
    """A heatmap of a table with its values written in the cells; returns the axes."""
    ax = _ax(ax, figsize=(max(5, 0.6 * table.shape[1] + 3), max(3, 0.4 * table.shape[0] + 1.5)))
    vals = table.values.astype(float)
    ax.imshow(vals, cmap=cmap, aspect="auto")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=45, ha="right")
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    for i in range(vals.shape[0]):
        for j in range(vals.shape[1]):
            if vals[i, j]:
                dark = vals[i, j] > 0.6 * vals.max()
                ax.text(j, i, fmt.format(vals[i, j]), ha="center", va="center", fontsize=8, color="white" if dark else "black")
    ax.set_title(title)
    return ax


def color_legend(ax, colors: dict[str, str], present: Iterable[str], title: str = ""):
    """A legend for the colours of the categories present; returns the axes."""
    from matplotlib.patches import Patch

    keys = [k for k in colors if k in set(present)]
    ax.legend(handles=[Patch(color=colors[k], label=k or "(无)") for k in keys], title=title or None, fontsize=8,
              loc="upper left", bbox_to_anchor=(1.01, 1), borderaxespad=0)
    return ax


def trend_chart(trend: pd.DataFrame, title: str = "", ax=None):
    """Counts of each phrase (rows) over issues (columns): lines, or bars when there is one issue; returns the axes."""
    ax = _ax(ax, figsize=(9, 4))
    if trend.empty:
        ax.text(0.5, 0.5, "无数据", ha="center", va="center", transform=ax.transAxes)
    elif trend.shape[1] == 1:
        s = trend.iloc[:, 0]
        ax.barh([str(i) for i in s.index[::-1]], s.values[::-1])
        ax.set_xlabel(f"次数({trend.columns[0]})")
    else:
        for phrase, row in trend.iterrows():
            ax.plot([str(c) for c in trend.columns], row.values, marker="o", label=str(phrase))
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
        ax.tick_params(axis="x", rotation=45)
    ax.set_title(title)
    return ax


def wordcloud(freqs: dict[str, float], ax=None, width: int = 800, height: int = 400, seed: int = SEED):
    """A word cloud in the CJK font, deterministic for the same frequencies; returns the axes."""
    from wordcloud import WordCloud

    wc = WordCloud(font_path=str(cjk_font_path()), width=width, height=height, background_color="white",
                   random_state=seed, prefer_horizontal=1.0, max_words=100, stopwords=set(stopwords()))
    items = {k: v for k, v in sorted(freqs.items()) if v > 0 and k not in stopwords()}
    wc.generate_from_frequencies(items or {"（无）": 1})
    ax = _ax(ax, figsize=(width / 100, height / 100))
    ax.imshow(wc.to_array(), interpolation="nearest")
    ax.set_axis_off()
    return ax


def timeline(relays_df: pd.DataFrame, ax=None, title: str = "中央事项与本地传达"):
    """Central occasions on a date axis, each with a line to the local meeting that relayed it; returns the axes."""
    import matplotlib.dates as mdates

    d = relays_df.dropna(subset=["central_date"]).drop_duplicates(["occasion"]).sort_values(["central_date", "occasion"]).tail(30)
    ax = _ax(ax, figsize=(9, max(2.5, 0.5 * len(d) + 1.5)))
    for i, r in enumerate(d.itertuples(index=False)):
        ax.plot([r.central_date], [i], "o", color="tab:red")
        local = r.central_date + pd.Timedelta(days=int(r.delay_days)) if pd.notna(r.delay_days) else None
        if local is not None:
            ax.plot([r.central_date, local], [i, i], "-", color="tab:gray")
            ax.plot([local], [i], "s", color="tab:blue")
            ax.annotate(f"{int(r.delay_days)}天", (local, i), textcoords="offset points", xytext=(5, 3), fontsize=8)
    ax.set_yticks(range(len(d)), [o[:24] for o in d["occasion"]])
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=6))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.tick_params(axis="x", rotation=30)
    if len(d) and d["delay_days"].isna().all():
        title += "(本地会议日期未知:期报无日期)"
    ax.set_title(title)
    if len(d) == 0:
        ax.text(0.5, 0.5, "无已知日期的中央事项", ha="center", va="center", transform=ax.transAxes)
    return ax


def series_chart(series: pd.DataFrame, title: str = "会议届次:已报道与未报道"):
    """Each body's numbered sessions (a meeting_series), one panel per body and term with its own range of
    numbers: filled dots the sessions reported (the day of the report above), red crosses the gaps the
    paper did not report. Returns the first panel's axes (save_figure saves the whole figure)."""
    import matplotlib.pyplot as plt

    keys = list(dict.fromkeys(zip(series["body"], series["term"].fillna(-1)))) if len(series) else []
    fig, axes = plt.subplots(max(1, len(keys)), 1, figsize=(9, 0.9 * max(1, len(keys)) + 1.2), squeeze=False)
    for ax, (body, term) in zip(axes[:, 0], keys):
        g = series[(series["body"] == body) & (series["term"].fillna(-1) == term)]
        ok, gap = g[g["reported"]], g[~g["reported"]]
        ax.plot(g["session"], [0] * len(g), "-", color="lightgray", zorder=1)
        ax.plot(ok["session"], [0] * len(ok), "o", color="tab:blue", zorder=2)
        ax.plot(gap["session"], [0] * len(gap), "x", color="tab:red", zorder=2)
        for r in ok.itertuples(index=False):
            day = r.held_on if pd.notna(r.held_on) else r.date
            if pd.notna(day):
                ax.annotate(day.strftime("%m-%d"), (r.session, 0), textcoords="offset points", xytext=(0, 6),
                            fontsize=7, ha="center")
        ax.set_yticks([0], [body + ("" if term == -1 else f"({int(term)}届)")])
        ax.set_xlim(g["session"].min() - 1, g["session"].max() + 1)
        ax.xaxis.get_major_locator().set_params(integer=True)
    axes[-1, 0].set_xlabel("第…次")
    axes[0, 0].set_title(title)
    if not keys:
        axes[0, 0].text(0.5, 0.5, "无带次数的会议", ha="center", va="center", transform=axes[0, 0].transAxes)
        axes[0, 0].set_yticks([])
    return axes[0, 0]
