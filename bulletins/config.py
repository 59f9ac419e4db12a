"""Settings and paths: the project root, the lexicon folder, where outputs go, the CJK font, notebook setup."""
from __future__ import annotations

import logging
import os
import random
from pathlib import Path
import numpy as np
import pandas as pd



PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent


LEXICONS = ROOT / "data" / "lexicons"


SEED = 0


PARSER_VERSION = "1"


def out_dir() -> Path:
    """Where figures/ and data/processed/ are written: $OUTPUT_DIR or the project root.

    >>> out_dir().name != ""
    True
    """
    return Path(os.environ.get("OUTPUT_DIR", ROOT))


def cjk_font_path() -> Path:
    """The CJK font file installed from PyPI (mplfonts' Noto Sans CJK SC).

    >>> cjk_font_path().suffix
    '.otf'
    """
    import mplfonts

    path = Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf"
    if not path.exists():
        raise FileNotFoundError(f"{path}: the CJK font of the mplfonts package is missing; reinstall requirements.txt")
    return path


def _show_float(v: float) -> str:
    """Floats in tables: whole numbers with thousands separators, others with three decimals."""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.3f}"


def setup() -> None:
    """Fonts, display options, seeds and a quiet jieba for a notebook: `import helpers as h; h.setup()`."""
    import matplotlib
    from matplotlib import font_manager

    font = cjk_font_path()
    font_manager.fontManager.addfont(str(font))
    name = font_manager.FontProperties(fname=str(font)).get_name()
    matplotlib.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [name, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "svg.hashsalt": "bulletins",
        "figure.max_open_warning": 0,
        "text.parse_math": False,   # headlines with $ are text, never mathtext
    })
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.max_columns", 20)
    pd.set_option("display.max_colwidth", 60)
    pd.set_option("display.width", 120)
    pd.set_option("display.precision", 3)
    pd.set_option("display.float_format", _show_float)
    random.seed(SEED)
    np.random.seed(SEED)
    logging.getLogger("jieba").setLevel(logging.WARNING)
