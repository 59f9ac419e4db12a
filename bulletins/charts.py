"""Chart helpers: one saver (figures/NN-slug.png, stable bytes), bars, heatmaps, trends, word cloud, timeline.

Colours come from data/lexicons/chart_colors.txt (one per topic, level and slogan kind, the same in every
chart); counts get integer ticks; series that would overlap as lines are drawn as small multiples.
"""
from __future__ import annotations

import base64
import functools
import html
import zlib
from typing import Iterable
import numpy as np
import pandas as pd

from .config import SEED, cjk_font_path, out_dir
from .keywords import stopwords
from .lexicons import lexicon_fields

# Colours for categories the lexicon does not list: dark or saturated enough for white paper.
FALLBACK_COLORS = ("#0074c0", "#e98514", "#438b42", "#ba1929", "#393479", "#764015", "#d265ad", "#595959",
                   "#00838f", "#9e9d24")


@functools.lru_cache(maxsize=None)
def _color_table(group: str) -> tuple[tuple[str, str], ...]:
    return tuple((f[1], f[2]) for f in lexicon_fields("chart_colors") if len(f) >= 3 and f[0] == group)


def color_for(group: str, category: str) -> str:
    """The fixed colour of a category (topic, level, kind): chart_colors.txt, else one derived from its name.

    >>> color_for("topic", "民生") == color_for("topic", "民生"), color_for("topic", "新话题").startswith("#")
    (True, True)
    """
    for name, color in _color_table(group):
        if name == category:
            return color
    return FALLBACK_COLORS[zlib.crc32(f"{group}:{category}".encode()) % len(FALLBACK_COLORS)]


def category_colors(group: str, present: Iterable[str] = ()) -> dict[str, str]:
    """Category -> colour for a group: the lexicon's categories in its order, then any others present."""
    out = dict(_color_table(group))
    for c in present:
        out.setdefault(c, color_for(group, c))
    return out


def integer_ticks(ax, axis: str = "x"):
    """Only whole-number ticks on a count axis (no 0.5 articles); returns the axes."""
    from matplotlib.ticker import MaxNLocator

    (ax.xaxis if axis == "x" else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
    return ax


def _is_count(values) -> bool:
    v = np.asarray(values, dtype=float)
    return bool(len(v)) and bool(np.all(np.isfinite(v))) and bool(np.all(v == np.round(v)))


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


class Figure:
    """A saved chart as a report shows it: an <img> with alternative text (the figure itself is closed)."""

    def __init__(self, png: bytes, alt: str, name: str):
        self.png, self.alt, self.name = png, alt, name

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt, quote=True)}" '
                f'style="max-width:100%;height:auto">')

    def __repr__(self) -> str:
        return f"[{self.name}: {self.alt}]"


def alt_text(ax) -> str:
    """A description of a chart for readers who cannot see it: its title, axes and largest bars.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> alt_text(bar_chart(pd.Series({"甲": 3, "乙": 1}), title="例"))
    '图:例。横轴:(无);纵轴:(无)。最大:甲 3、乙 1'
    """
    fig = ax.figure
    title = (fig._suptitle.get_text() if getattr(fig, "_suptitle", None) else "") or ax.get_title()
    parts = [f"图:{title or '(无标题)'}", f"横轴:{ax.get_xlabel() or '(无)'};纵轴:{ax.get_ylabel() or '(无)'}"]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    if ax.patches and len(labels) == len(ax.patches):   # one horizontal bar per label
        top = sorted(zip(labels, [b.get_width() for b in ax.patches]), key=lambda x: -x[1])[:3]
        parts.append("最大:" + "、".join(f"{k} {v:g}" for k, v in top))
    return "。".join(parts)


def show_figure(ax, name: str, alt: str | None = None) -> Figure:
    """Save the chart as figures/NAME.png (stable bytes) and return it for display with alternative text
    (`alt`, else one made from its title, axes and largest bars); the matplotlib figure is closed."""
    import matplotlib.pyplot as plt

    fig = ax.figure if hasattr(ax, "figure") else ax
    axes0 = fig.axes[0] if fig.axes else ax
    text = alt or alt_text(axes0)
    save_figure(fig, name)
    png = (out_dir() / "figures" / f"{name}.png").read_bytes()
    plt.close(fig)
    return Figure(png, text, name)


def bar_chart(series: pd.Series, title: str = "", xlabel: str = "", ax=None, colors=None, log: bool = False, horizontal: bool = True):
    """A bar chart of a Series (index as labels), largest on top; returns the axes."""
    ax = _ax(ax, figsize=(8, max(2.5, 0.35 * len(series) + 1)) if horizontal else (8, 4))
    s = series.iloc[::-1] if horizontal else series
    c = None if colors is None else (list(colors)[::-1] if horizontal else list(colors))
    (ax.barh if horizontal else ax.bar)([str(i) for i in s.index], s.values, color=c)
    if log:
        (ax.set_xscale if horizontal else ax.set_yscale)("log")
    elif _is_count(s.values):
        integer_ticks(ax, "x" if horizontal else "y")
    ax.set_title(title)
    (ax.set_xlabel if horizontal else ax.set_ylabel)(xlabel)
    return ax


def stacked_bars(table: pd.DataFrame, title: str = "", ax=None, colors: dict[str, str] | None = None,
                 xlabel: str = ""):
    """Horizontal stacked bars of a table (rows: bars, columns: segments, coloured by `colors`); returns the axes."""
    ax = _ax(ax, figsize=(8, max(2.5, 0.4 * len(table) + 1)))
    t = table.iloc[::-1]
    left = np.zeros(len(t))
    for col in t.columns:
        ax.barh([str(i) for i in t.index], t[col].values, left=left, label=str(col) or "(无)",
                color=None if colors is None else colors.get(col))
        left += t[col].values
    if _is_count(t.values.ravel()):
        integer_ticks(ax, "x")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), borderaxespad=0, fontsize=8)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    if table.index.name:
        ax.set_ylabel(str(table.index.name))
    return ax


def heatmap(table: pd.DataFrame, title: str = "", ax=None, fmt: str = "{:.0f}", cmap: str = "Reds",
            max_labels: int = 40):
    """A heatmap of a table with its values in the cells; the axis names come from the table's index and
    column names (set by the summaries: 文章, 期, 月, 年), so labels say what is plotted; returns the axes."""
    ax = _ax(ax, figsize=(min(16, max(5, 0.5 * table.shape[1] + 3)), min(14, max(3, 0.4 * table.shape[0] + 1.5))))
    if table.empty:
        ax.text(0.5, 0.5, "无数据", ha="center", va="center", transform=ax.transAxes)
        ax.set_title(title)
        return ax
    vals = table.values.astype(float)
    ax.imshow(vals, cmap=cmap, aspect="auto")
    step = max(1, -(-table.shape[1] // max_labels))   # at most max_labels column labels
    cols = list(range(0, table.shape[1], step))
    ax.set_xticks(cols, [str(table.columns[j]) for j in cols], rotation=45, ha="right")
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    if vals.size <= 600:
        for i in range(vals.shape[0]):
            for j in range(vals.shape[1]):
                if vals[i, j]:
                    dark = vals[i, j] > 0.6 * vals.max()
                    ax.text(j, i, fmt.format(vals[i, j]), ha="center", va="center", fontsize=8,
                            color="white" if dark else "black")
    if table.columns.name:
        ax.set_xlabel(str(table.columns.name))
    if table.index.name:
        ax.set_ylabel(str(table.index.name))
    ax.set_title(title)
    return ax


def color_legend(ax, colors: dict[str, str], present: Iterable[str], title: str = ""):
    """A legend for the colours of the categories present; returns the axes."""
    from matplotlib.patches import Patch

    keys = [k for k in colors if k in set(present)]
    ax.legend(handles=[Patch(color=colors[k], label=k or "(无)") for k in keys], title=title or None, fontsize=8,
              loc="upper left", bbox_to_anchor=(1.01, 1), borderaxespad=0)
    return ax


def trend_chart(trend: pd.DataFrame, title: str = "", ax=None, color: str = "#0074c0"):
    """Counts of each row (a phrase, a person) over time columns: one small panel per row sharing the time
    axis, so no line hides another; bars when there is one column; returns the axes (the first panel)."""
    import matplotlib.pyplot as plt

    if trend.empty or trend.shape[1] == 1:
        ax = _ax(ax, figsize=(9, 4))
        if trend.empty:
            ax.text(0.5, 0.5, "无数据", ha="center", va="center", transform=ax.transAxes)
        else:
            s = trend.iloc[:, 0]
            ax.barh([str(i) for i in s.index[::-1]], s.values[::-1], color=color)
            integer_ticks(ax, "x")
            ax.set_xlabel(f"次数({trend.columns[0]})")
        ax.set_title(title)
        return ax
    n = len(trend)
    fig, axes = plt.subplots(n, 1, figsize=(9, 0.9 * n + 1.4), sharex=True, squeeze=False)
    x = np.arange(trend.shape[1])
    top = float(trend.values.max()) or 1.0
    for a, (name, row) in zip(axes[:, 0], trend.iterrows()):
        a.bar(x, row.values, color=color, width=0.8)
        a.set_ylim(0, top * 1.15)
        a.set_yticks([0, top] if top > 1 else [0, 1])
        a.set_ylabel(str(name), rotation=0, ha="right", va="center", fontsize=8)
        a.spines[["top", "right"]].set_visible(False)
    last = axes[-1, 0]
    step = max(1, -(-len(x) // 24))
    last.set_xticks(x[::step], [str(c) for c in trend.columns][::step], rotation=45, ha="right")
    if trend.columns.name:
        last.set_xlabel(str(trend.columns.name))
    fig.suptitle(title)
    return axes[0, 0]


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


def first_relays(relays_df: pd.DataFrame) -> pd.DataFrame:
    """One row per dated central occasion: its first known local relay (shortest delay; a relay in an
    undated issue only when no dated issue relays it), ordered by central date."""
    d = relays_df.dropna(subset=["central_date"])
    d = d.assign(_known=d["delay_days"].notna()).sort_values(["occasion", "_known", "delay_days"],
                                                             ascending=[True, False, True], na_position="last")
    d = d.drop_duplicates(["occasion"]).drop(columns="_known")
    return d.sort_values(["central_date", "occasion"]).reset_index(drop=True)


def timeline(relays_df: pd.DataFrame, ax=None, title: str = "中央事项与本地传达"):
    """Central occasions on a date axis, each with a line to the local meeting that relayed it; returns the axes."""
    import matplotlib.dates as mdates

    d = first_relays(relays_df).tail(30)
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
    elif len(d) and d["delay_days"].isna().any():
        title += f"({int(d['delay_days'].isna().sum())}项的本地会议日期未知)"
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
