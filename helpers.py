"""Helpers for reading a district party newspaper: parse issues, extract what analysts study.

Sections: setup and paths; lexicons; reading; parsing; corpus and cache;
segmentation, keywords and topics; slogans; officials; figures and dates;
meetings and relays; charts; tables out.

Every function is pure unless its name says otherwise (``save_*``, ``write_*``,
``setup``).  Nothing runs on import.  Knowledge of offices, titles, units and
slogans lives in ``data/lexicons/``; this module names no person, company or
figure of any issue.
"""
from __future__ import annotations

import bisect
import calendar
import csv
import datetime
import dataclasses
import functools
import gc
import hashlib
import io
import itertools
import logging
import math
import os
import pickle
import random
import re
import sys
import warnings
from collections import Counter, defaultdict, namedtuple
from operator import itemgetter
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

# ---------------------------------------------------------------------------
# Setup and paths
# ---------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent
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


# ---------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def lexicon(name: str) -> tuple[str, ...]:
    """Entries of data/lexicons/NAME.txt, one a line, comments and blanks dropped.

    >>> '区委' in lexicon('offices')
    True
    """
    path = LEXICONS / f"{name}.txt"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such lexicon")
    out = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(line.rstrip("\r\n"))
    return tuple(out)


@functools.lru_cache(maxsize=None)
def lexicon_fields(name: str) -> tuple[tuple[str, ...], ...]:
    """Entries of a TAB-separated lexicon, split into fields.

    >>> lexicon_fields('levels')[0]
    ('中共中央', '中央')
    """
    return tuple(tuple(f.strip() for f in line.split("\t")) for line in lexicon(name))


@functools.lru_cache(maxsize=1)
def lexicon_version() -> str:
    """A hash of helpers.py and every lexicon file, part of every cache key (read once per process:
    restart the kernel after editing a lexicon, since the lexicons themselves are read once too).

    >>> len(lexicon_version())
    16
    """
    h = hashlib.sha1(PARSER_VERSION.encode())
    for p in [Path(__file__)] + sorted(LEXICONS.glob("*")):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _alternation(words: Iterable[str]) -> str:
    """A regex that matches any of the words, the longest where several match (a trie of the
    words, so the regex engine compares each character once instead of trying every word).

    >>> _alternation(['区委', '区委书记', '区长'])
    '区(?:委(?:书记)?|长)'
    """
    return _alternation_of(tuple(sorted(set(w for w in words if w))))


@functools.lru_cache(maxsize=256)
def _alternation_of(words: tuple[str, ...]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[None] = None   # a word ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted((k, v) for k, v in node.items() if k is not None)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if None in node:   # the word may also stop here: try the longer words first
            body = (body if len(branches) > 1 or len(branches[0]) == 1 else "(?:" + body + ")") + "?"
        return body

    return pattern(trie)


def visible_chars(text: str) -> int:
    """Number of non-whitespace characters.

    >>> visible_chars('本报讯 (记者) ')
    7
    """
    return sum(map(len, text.split()))


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


class BulletinError(ValueError):
    """An issue file that cannot be read; the message names the file and the problem."""


_FULLWIDTH = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)},
     **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
     **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
     "％": "%", "．": ".", "＋": "+", "－": "-", "～": "~"})


_FULLWIDTH_CHARS = re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(_FULLWIDTH)) + "]")


@functools.lru_cache(maxsize=1)
def _traditional() -> tuple[dict[int, str], re.Pattern]:
    """Traditional -> simplified, one character for one (OpenCC's TSCharacters table), and a
    pattern of characters that occur only in traditional text (區, 會, 們...)."""
    import opencc

    table: dict[int, str] = {}
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, _, simp = line.partition("\t")
        simp = simp.split(" ")[0]
        if len(trad) == 1 and len(simp) == 1 and trad != simp:
            table[ord(trad)] = simp
    only = "".join(c for c in "區會們個這與國發經對為來時說後學實進過還號書記長黨議團體總華應當點門問題間業務" if ord(c) in table)
    return table, re.compile(f"[{only}]")


@functools.lru_cache(maxsize=2048)
def is_traditional(text: str) -> bool:
    """True when a text is written in traditional characters (some characters only traditional text has).

    >>> is_traditional('區委常委會召開會議'), is_traditional('区委常委会召开会议')
    (True, False)
    """
    found = len(_traditional()[1].findall(text[:5000]))
    return found >= 2 or (found == 1 and len(text) < 40)


def normalize_article(headline: str, body: str) -> tuple[str, str]:
    """Headline and body as the extractors read them, both judged traditional or not by the body."""
    trad = is_traditional(body) or is_traditional(headline)
    return normalize(headline, trad), normalize(body, trad)


@functools.lru_cache(maxsize=512)
def normalize(text: str, traditional: bool | None = None) -> str:
    """The text the extractors read: full-width digits, letters and signs to ASCII and, in a
    traditional-character text, traditional to simplified characters, one for one (length kept,
    so positions match the original, which the tables keep). `traditional=None` tells by the
    text itself; short texts (a credit line) are better told by their issue: pass its verdict.

    >>> normalize('同比增长１２．５％'), normalize('區委書記王某主持會議')
    ('同比增长12.5%', '区委书记王某主持会议')
    """
    if _FULLWIDTH_CHARS.search(text):   # translate is slow on Chinese text: only where there is something to change
        text = text.translate(_FULLWIDTH)
    if traditional is None:
        traditional = is_traditional(text)
    return text.translate(_traditional()[0]) if traditional else text


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph.

    >>> is_cjk('武'), is_cjk('A')
    (True, False)
    """
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_CJK_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Bytes of an issue -> (text, encoding); UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030.

    >>> decode_bytes('武进'.encode('gb18030'))
    ('武进', 'gb18030')
    """
    if not data.strip():
        raise BulletinError(f"{name}: the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc = data.decode("utf-16"), "utf-16"
    else:
        if b"\x00" in data:
            raise BulletinError(f"{name}: binary file (NUL bytes), not extracted text")
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, enc = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError as e:
                raise BulletinError(f"{name}: neither UTF-8 nor GB18030 ({e.reason} at byte {e.start})") from None
    head = text[:20000]   # the checks read a sample: enough to tell text from binary
    controls = len(_CONTROL.findall(head)) if _CONTROL.search(head) else 0
    if controls > max(3, len(head) // 100):
        raise BulletinError(f"{name}: {controls} control characters; looks binary, not extracted text")
    if not text.strip():
        raise BulletinError(f"{name}: the file holds only white space")
    sample = head[:3000]
    seen = visible_chars(sample)
    cjk = sum(map(len, _CJK_RUNS.findall(sample)))
    if cjk < 0.2 * seen:
        raise BulletinError(f"{name}: only {cjk} of {seen} characters are Chinese; not a Chinese newspaper issue")
    return text, enc


def read_issue_text(path: str | Path) -> tuple[str, str]:
    """An issue file -> (text with \\n line ends, encoding); BulletinError naming the file if unreadable."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise BulletinError(f"{path.name}: cannot read ({e.strerror})") from None
    text, enc = decode_bytes(data, path.name)
    return text.replace("\r\n", "\n").replace("\r", "\n"), enc


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------

_SENTENCE_END = "。！？!?；;：:…"
_CLOSERS = "”’」』）)》】"
_MAX_HEADLINE = 48


_SOURCE_NOTE = re.compile(r"[(（][^()（）]{1,20}[)）]")


def is_terminated(text: str) -> bool:
    """True when a paragraph ends a sentence (so a page break did not cut it).

    >>> is_terminated('会议还研究了其他事'), is_terminated('成新成效。'), is_terminated('“三张名片”。')
    (False, True, True)
    """
    t = text.rstrip()
    if _SOURCE_NOTE.fullmatch(t):   # a source note: （区应急）
        return True
    while t and t[-1] in _CLOSERS:
        if len(t) >= 2 and t[-2] in _SENTENCE_END:
            return True
        t = t[:-1]
        if t and t[-1] in _SENTENCE_END:
            return True
        return False
    return bool(t) and t[-1] in _SENTENCE_END


@functools.lru_cache(maxsize=1)
def _header_re() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in lexicon("header_patterns")))


def is_header_line(line: str) -> bool:
    """True for an issue-level line: page header, editor credit.

    >>> is_header_line('武进日报 2024年11月27日 星期三 第1版 要闻'), is_header_line('责任编辑:王某')
    (True, True)
    """
    return bool(_header_re().match(line))   # every pattern reads a line from its start


@functools.lru_cache(maxsize=1)
def _byline_labels() -> dict[str, str]:
    out = {}
    for f in lexicon_fields("byline_labels"):
        out[f[0]] = f[1] if len(f) > 1 else ""
    return out


@functools.lru_cache(maxsize=1)
def _byline_res() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    labels = _alternation(_byline_labels())
    name = r"(?!昨天|昨日|今天|今日|前天|近日|日前|连日|近期|本周|上周|本月|上午|下午|晚上)[\u4e00-\u9fff·]{2,5}"
    # 本报讯(甲 记者 乙)  /  本报讯（记者 乙）
    paren = re.compile(r"^[■●◆▲★]?\s*本报讯\s*[(（]([^()（）]{0,60})[)）]")
    # 本报讯 记者 乙 通讯员 甲   /   本报记者 乙   /   记者 乙 通讯员 甲
    tokens = rf"(?:(?:{labels})\s*{name}(?:\s+{name})*\s*)+"
    bare = re.compile(rf"^[■●◆▲★]?\s*(?:本报讯\s*)?(?P<tok>{tokens})(?=\s|$|[,，])|^[■●◆▲★]?\s*本报讯(?=\s|$|[,，])")
    credit = re.compile(rf"^(?:(?:{labels})\s*)?(?P<names>{name}(?:\s+(?:(?:{labels})\s*)?{name})*)\s*/?\s*摄(?:影)?$"
                        rf"|^(?:摄影|图片|图)\s*[:：/]\s*(?P<names2>{name}(?:\s+{name})*)$")
    return paren, bare, credit


@functools.lru_cache(maxsize=1)
def _byline_gate() -> re.Pattern:
    """What every byline opens with (more lines pass than are bylines; the byline patterns decide)."""
    return re.compile(r"[■●◆▲★\s]*(?:本报讯|" + _alternation(_byline_labels()) + ")")


def split_byline(line: str) -> tuple[str, str]:
    """Split a paragraph into (byline, rest); byline is '' when the paragraph has none.

    >>> split_byline('本报讯(记者 王某) 昨天晚上,区委常委会召开会议')
    ('本报讯(记者 王某)', '昨天晚上,区委常委会召开会议')
    """
    if not _byline_gate().match(line):   # the cheap test first: most paragraphs open with no 本报讯 or label
        return "", line
    paren, bare, _ = _byline_res()
    m = paren.match(line) or bare.match(line)
    if not m:
        return "", line
    by = line[: m.end()].rstrip()
    return by, line[m.end():].strip()


@functools.lru_cache(maxsize=4096)
def byline_authors(byline: str) -> list[tuple[str, str]]:
    """Names and roles in a byline or credit; an unlabelled name has role ''.

    >>> byline_authors('本报讯(张某 记者 王某某)')
    [('张某', ''), ('王某某', '记者')]
    >>> byline_authors('李某 赵某某 摄')
    [('李某', '摄影'), ('赵某某', '摄影')]
    """
    labels = _byline_labels()
    s = re.sub(r"^[■●◆▲★]?\s*本报讯", " ", byline)
    s = s.replace("(", " ").replace(")", " ").replace("（", " ").replace("）", " ")
    is_credit = bool(re.search(r"摄(?:影)?$", s.strip())) or bool(re.match(r"^\s*(?:摄影|图片|图)\s*[:：/]", s))
    s = re.sub(r"/?\s*摄(?:影)?\s*$", " ", s)
    s = re.sub(r"^\s*(?:摄影|图片|图)\s*[:：/]", " ", s)
    lab = _alternation(labels)
    out: list[tuple[str, str]] = []
    role = "摄影" if is_credit else ""
    for m in re.finditer(rf"({lab})|([\u4e00-\u9fff·]+)", s):
        if m.group(1):
            role = "摄影" if is_credit else labels[m.group(1)]
        else:
            out.append((m.group(2), role))
    return out


def is_credit_line(line: str) -> bool:
    """True for a photo credit line.

    >>> is_credit_line('李某 赵某某 摄'), is_credit_line('区委书记张某主持会议。')
    (True, False)
    """
    t = line.strip()
    if not t.endswith("摄") and not t.endswith("摄影") and not t.startswith(("摄影", "图片", "图")):
        return False   # the cheap test first: a credit ends with 摄 or opens with 摄影/图片/图
    return bool(_byline_res()[2].match(t))


def is_byline_start(line: str) -> bool:
    """True when a paragraph opens with a byline.

    >>> is_byline_start('本报讯(记者 王某) 昨天晚上,'), is_byline_start('本报记者 王某')
    (True, True)
    """
    return bool(split_byline(line)[0])


def is_headline_like(line: str) -> bool:
    """A short line with no sentence-final punctuation and no full stop inside.

    >>> is_headline_like('区委常委会召开会议'), is_headline_like('区委书记沈某主持会议。')
    (True, False)
    """
    t = line.strip()
    if not t or len(t) > _MAX_HEADLINE or "。" in t:
        return False
    if t[-1] in _SENTENCE_END + ",，、" or is_terminated(t):
        return False
    return bool(_TWO_CJK.search(t))


_TWO_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff][^\u3400-\u4dbf\u4e00-\u9fff]*[\u3400-\u4dbf\u4e00-\u9fff]")


def is_body_opener(line: str) -> bool:
    """True when a line opens as a body sentence (会议还研究了...), so it is no headline.

    >>> is_body_opener('会议还研究了其他事')
    True
    """
    return line.strip().startswith(lexicon("body_openers"))


_SUBHEAD = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、．])")
_DATELINE = re.compile(
    r"^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|[０-９]{1,2}月[０-９]{1,2}日|昨天|昨日|今天|今日|前天|日前|近日|近期|连日来|本月\d{1,2}日|"
    r"本周[一二三四五六日]|上周[一二三四五六日]|[一二三四五六七八九十]+月[一二三四五六七八九十]+日)"
    r"(?:上午|下午|晚上|晚间|晚|早上|中午|凌晨|傍晚)?(?=[,，])")


def dateline(body: str) -> str:
    """The dateline that opens a body, or ''.

    >>> dateline('昨天晚上,区委常委会召开会议'), dateline('11月19日,省政府')
    ('昨天晚上', '11月19日')
    """
    m = _DATELINE.match(body)
    return m.group(0) if m else ""


@dataclasses.dataclass
class _Article:
    headline: list[str] = dataclasses.field(default_factory=list)
    byline: str = ""
    paragraphs: list[str] = dataclasses.field(default_factory=list)
    kind: str = "news"
    repairs: list[tuple[int, str, str]] = dataclasses.field(default_factory=list)


def _kind_of(a: _Article, trad: bool = False) -> str:
    markers = lexicon("commentary_markers")
    if any(m in normalize(a.byline, trad) or m in normalize(" ".join(a.headline), trad) for m in markers):
        return "commentary"
    if a.kind == "photo":
        return "photo"
    if a.byline:
        return "news"
    if a.headline:
        return "brief"
    return "other"


def parse_text(text: str, name: str = "<text>") -> dict:
    """Segment an issue's text into header, articles and leftover; the core of parse_issue.

    Returns a dict: header (list of lines), leftover (list), warnings (list),
    articles (list of dicts with headline, byline, kind, paragraphs, repairs).
    """
    trad = is_traditional(text)
    blocks = [ln for ln in (raw.strip() for raw in text.split("\n")) if ln]   # blank lines carry no meaning
    norm = [normalize(ln, trad) for ln in blocks]   # classified as simplified, kept as printed
    header: list[str] = []
    leftover: list[str] = []
    warns: list[str] = []
    arts: list[_Article] = []
    cur: _Article | None = None
    pending: list[str] = []   # body paragraphs seen while no article is open
    n = len(blocks)

    def kind_at(j: int) -> str:
        ln = norm[j]
        if is_header_line(ln):
            return "header"
        if is_credit_line(ln):
            return "credit"
        if is_byline_start(ln):
            return "byline"
        if is_headline_like(ln):
            return "headlike"
        return "body"

    kinds = [kind_at(j) for j in range(n)]

    def add_paragraph(art: _Article, para: str) -> None:
        last = art.paragraphs[-1] if art.paragraphs else ""
        if last and not is_terminated(last) and not _SUBHEAD.match(para) and not (_SUBHEAD.match(last) and is_headline_like(last)):
            left = art.paragraphs[-1]
            art.repairs.append((len(art.paragraphs) - 1, left[-8:], para[:8]))
            art.paragraphs[-1] = left + para
        else:
            art.paragraphs.append(para)

    def flush_pending() -> None:
        for p in pending:
            leftover.append(p)
            warns.append(f"{name}: text outside any article kept as leftover: {p[:20]}…")
        pending.clear()

    i = 0
    while i < n:
        ln = blocks[i]
        k = kinds[i]
        nxt = kinds[i + 1] if i + 1 < n else "end"
        nxt2 = kinds[i + 2] if i + 2 < n else "end"
        if k == "header":
            header.append(ln)
            i += 1
            continue
        if k == "credit":
            art = _Article(byline=ln, kind="photo")
            if pending:
                art.paragraphs.append(pending.pop())
            elif cur is not None and cur.paragraphs and cur.kind != "photo" and len(cur.paragraphs) > 1:
                art.paragraphs.append(cur.paragraphs.pop())
            flush_pending()
            if art.paragraphs:
                arts.append(art)
                cur = None
            else:
                leftover.append(ln)
                warns.append(f"{name}: photo credit with no caption kept as leftover: {ln}")
            i += 1
            continue
        if k == "headlike" and not is_body_opener(norm[i]) and not _SUBHEAD.match(ln):
            open_unterminated = cur is not None and cur.paragraphs and not is_terminated(cur.paragraphs[-1])
            # two lines (引题 + 主题, or a column label over a brief's headline), then a byline or a body
            two = nxt == "headlike" and not is_body_opener(norm[i + 1]) and \
                (nxt2 == "byline" or (nxt2 == "body" and not open_unterminated))
            # one line, then a byline, or a body with no byline (a brief)
            one = nxt == "byline" or (nxt == "body" and not open_unterminated and nxt2 != "credit")
            if two or one:
                flush_pending()
                cur = _Article(headline=blocks[i:i + (2 if two else 1)])
                arts.append(cur)
                i += 2 if two else 1
                continue
        if k == "byline":
            by, _ = split_byline(norm[i])
            by, rest = ln[:len(by)], ln[len(by):].strip()
            if cur is None or cur.byline or cur.paragraphs or cur.kind == "photo":
                flush_pending()
                cur = _Article()
                arts.append(cur)
            cur.byline = by
            if rest:
                cur.paragraphs.append(rest)
            i += 1
            continue
        # a body paragraph (or a headline-like line that continues the text)
        if cur is None or cur.kind == "photo":
            pending.append(ln)
        else:
            add_paragraph(cur, ln)
        i += 1
    flush_pending()
    out = []
    for a in arts:
        a.kind = _kind_of(a, trad)
        if not a.paragraphs and not a.headline:
            if a.byline:   # a byline with nothing under it
                leftover.append(a.byline)
                warns.append(f"{name}: byline with no article kept as leftover: {a.byline}")
            continue
        if not a.paragraphs:
            warns.append(f"{name}: article with a headline and no body: {' '.join(a.headline)}")
        out.append({"headline": " ".join(a.headline), "byline": a.byline, "kind": a.kind,
                    "paragraphs": a.paragraphs, "repairs": a.repairs})
    return {"header": header, "leftover": leftover, "warnings": warns, "articles": out, "traditional": trad}


# ---------------------------------------------------------------------------
# Corpus and cache
# ---------------------------------------------------------------------------

ISSUE_COLUMNS = ["issue_id", "date", "source_file", "encoding", "header", "leftover", "n_articles", "n_chars", "warnings"]
ARTICLE_COLUMNS = ["issue_id", "date", "article", "kind", "headline", "byline", "dateline", "body", "n_paragraphs", "n_chars", "truncated"]
PARAGRAPH_COLUMNS = ["issue_id", "article", "paragraph", "text"]
AUTHOR_COLUMNS = ["issue_id", "article", "name", "role"]
REPAIR_COLUMNS = ["issue_id", "article", "paragraph", "left", "right"]
SKIPPED_COLUMNS = ["source_file", "reason"]
EXTRACTED = ("appearances", "mentions", "slogans", "figures", "dates", "meetings", "relays", "tokens")


@dataclasses.dataclass
class Corpus:
    """Parsed issues as DataFrames; extracted tables where load_corpus(extract=True) made them."""

    issues: pd.DataFrame
    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    authors: pd.DataFrame
    repairs: pd.DataFrame
    skipped: pd.DataFrame
    appearances: pd.DataFrame | None = None
    mentions: pd.DataFrame | None = None
    slogans: pd.DataFrame | None = None
    figures: pd.DataFrame | None = None
    dates: pd.DataFrame | None = None
    meetings: pd.DataFrame | None = None
    relays: pd.DataFrame | None = None
    tokens: pd.DataFrame | None = None

    def __repr__(self) -> str:
        return (f"Corpus({len(self.issues)} issues, {len(self.articles)} articles, "
                f"{len(self.paragraphs)} paragraphs, {len(self.authors)} authors, {len(self.skipped)} skipped)")


def date_from_name(name: str) -> pd.Timestamp | None:
    """A date in a file name (2024-11-27.txt, wj_20241127_p1.txt), else None.

    >>> date_from_name('2024-11-27.txt')
    Timestamp('2024-11-27 00:00:00')
    """
    m = re.search(r"(?<!\d)(20\d{2}|19\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)", name)
    if not m:
        return None
    try:
        return pd.Timestamp(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def date_from_header(lines: Sequence[str]) -> pd.Timestamp | None:
    """The date printed in a page header, else None.

    >>> date_from_header(['武进日报 2024年11月27日 星期三 第1版 要闻'])
    Timestamp('2024-11-27 00:00:00')
    """
    for ln in lines:
        m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", normalize(ln))
        if m:
            try:
                return pd.Timestamp(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def read_manifest(folder: str | Path) -> pd.DataFrame:
    """manifest.csv of a folder (file, date[, paper, page]); empty when there is none."""
    path = Path(folder) / "manifest.csv"
    if not path.exists():
        return pd.DataFrame(columns=["file", "date", "paper", "page"])
    m = pd.read_csv(path, dtype=str, encoding="utf-8-sig").fillna("")
    if "file" not in m.columns or "date" not in m.columns:
        raise BulletinError(f"{path.name}: needs the columns file and date (has {', '.join(m.columns)})")
    return m


Article = namedtuple("Article", ["issue_id", "date", "article", "kind", "headline", "byline", "dateline", "body"])


def _records(articles: pd.DataFrame) -> list:
    """Articles as light named tuples, the input of every extractor's row function."""
    cols = {c: (list(articles[c]) if c in articles.columns else [""] * len(articles)) for c in Article._fields}
    dates = [None if pd.isna(d) else pd.Timestamp(d) for d in cols["date"]]
    return [Article(*vals) for vals in zip(cols["issue_id"], dates, *(cols[c] for c in Article._fields[2:]))]


# Column types other than text, per table (every other column is text).
_TYPES = {
    "issues": {"date": "date", "n_articles": "int", "n_chars": "int"},
    "articles": {"date": "date", "article": "int", "n_paragraphs": "int", "n_chars": "int", "truncated": "bool"},
    "paragraphs": {"article": "int", "paragraph": "int"},
    "authors": {"article": "int"},
    "repairs": {"article": "int", "paragraph": "int"},
    "skipped": {},
    "appearances": {"date": "date", "article": "int", "order": "int"},
    "mentions": {"date": "date", "article": "int", "count": "int"},
    "slogans": {"date": "date", "article": "int", "count": "int", "in_headline": "bool"},
    "figures": {"date": "date", "article": "int", "value": "float", "value_max": "float", "approx": "bool", "start": "int"},
    "dates": {"date": "date", "article": "int", "start": "date", "end": "date", "pos": "int"},
    "meetings": {"date": "date", "article": "int", "session": "Int64", "held_on": "date"},
    "relays": {"date": "date", "article": "int", "central_date": "date", "delay_days": "Int64", "pos": "int"},
    "tokens": {"article": "int"},
}
_NUMPY = {"int": np.int64, "bool": np.bool_, "float": np.float64}
_SEP = "\x00"   # never in an issue: a NUL byte makes the file binary


def _columns(rows: list[dict], name: str) -> dict[str, list]:
    """Rows of a table -> its columns (lists), the compact form files and workers hand back."""
    cols = _EMPTY_COLUMNS[name]
    if not rows:
        return {c: [] for c in cols}
    return dict(zip(cols, map(list, zip(*map(itemgetter(*cols), rows)))))


def _encode(values: list, kind: str):
    """One column of a batch of issues in a compact form for the trip from a worker; _decode inverts it.

    Numbers and flags become numpy arrays; dates become runs (value, length), since a table's
    rows of one issue share its date; text with few distinct values becomes codes into those
    values; other text becomes one string (thousands of small strings are what makes the trip slow).
    """
    if kind in _NUMPY:
        return ("array", np.array(values, dtype=_NUMPY[kind]))
    if kind == "date":
        return ("runs", _runs(values))
    if kind == "str" and values:
        distinct = dict.fromkeys(values)
        if len(distinct) * 4 <= len(values):
            index = {v: i for i, v in enumerate(distinct)}
            return ("codes", list(distinct), np.fromiter(map(index.__getitem__, values), dtype=np.int32, count=len(values)))
        joined = _SEP.join(values)
        if joined.count(_SEP) == len(values) - 1:
            return ("joined", len(values), joined)
    return ("list", values)


def _runs(values: list) -> list[tuple[object, int]]:
    """[(value, how many times in a row)] of a list (the same object repeated counts as one run)."""
    out: list[tuple[object, int]] = []
    for _, group in itertools.groupby(values, key=id):
        group = list(group)
        out.append((group[0], len(group)))
    return out


def _decode(chunk) -> list | np.ndarray:
    """The values of one encoded column (see _encode): a list, or a numpy array for numbers and flags."""
    tag = chunk[0]
    if tag == "array" or tag == "list":
        return chunk[1]
    if tag == "codes":
        return list(map(chunk[1].__getitem__, chunk[2].tolist()))
    if tag == "joined":
        return chunk[2].split(_SEP) if chunk[1] else []
    if tag == "runs":
        return [v for v, n in chunk[1] for _ in range(n)]
    raise ValueError(f"unknown column encoding {tag!r}")


def _values(chunk) -> list | np.ndarray:
    """The values of a column chunk, encoded (from a worker) or a plain list (from this process)."""
    return _decode(chunk) if isinstance(chunk, tuple) else chunk


def _typed_column(chunks: list, kind: str):
    """Chunks of one column (plain lists or encoded) -> one typed array for the DataFrame."""
    if kind == "date":
        runs = [r for ch in chunks for r in (ch[1] if isinstance(ch, tuple) else _runs(ch))]
        days = pd.to_datetime(pd.Series([v for v, _ in runs], dtype=object)).to_numpy().astype("datetime64[us]")
        return np.repeat(days, [n for _, n in runs]) if runs else np.array([], dtype="datetime64[us]")
    parts = [_values(ch) for ch in chunks]
    if kind in _NUMPY:
        if any(isinstance(p, np.ndarray) for p in parts):
            return np.concatenate([np.asarray(p, dtype=_NUMPY[kind]) for p in parts])
        return np.array(list(itertools.chain.from_iterable(parts)), dtype=_NUMPY[kind])
    values = list(itertools.chain.from_iterable(parts))
    if kind == "Int64":
        return pd.array([None if v is None or pd.isna(v) else int(v) for v in values], dtype="Int64")
    return pd.array(values, dtype="str")


def _frame(chunks: dict[str, list], name: str, presorted: bool = False) -> pd.DataFrame:
    """Column chunks of one table (any number of issues) -> a typed DataFrame, sorted by the table's keys."""
    types = _TYPES[name]
    df = pd.DataFrame({c: _typed_column(chunks.get(c, []), types.get(c, "str")) for c in _EMPTY_COLUMNS[name]}, copy=False)
    keys = _SORT_KEYS.get(name, [])
    if keys and len(df) > 1 and not presorted:
        df = df.sort_values(keys, kind="stable").reset_index(drop=True)
    return df


def _finish(rows: list[dict] | dict[str, list], name: str) -> pd.DataFrame:
    """Rows (or columns) of one table, any number of issues -> a typed DataFrame, sorted."""
    cols = _columns(rows, name) if isinstance(rows, list) else rows
    return _frame({c: [v] for c, v in cols.items()}, name)


def _rows_from_parse(issue_id: str, source: str, enc: str, text: str, parsed: dict,
                     date: pd.Timestamp | None, warns: list[str]) -> dict[str, list[dict]]:
    arts, paras, auths, reps = [], [], [], []
    trad = parsed.get("traditional", False)
    for ai, a in enumerate(parsed["articles"]):
        body = "\n".join(a["paragraphs"])
        last = a["paragraphs"][-1] if a["paragraphs"] else ""
        arts.append({"issue_id": issue_id, "date": date, "article": ai, "kind": a["kind"],
                     "headline": a["headline"], "byline": a["byline"],
                     "dateline": a["paragraphs"][0][:len(dateline(normalize(a["paragraphs"][0], trad)))] if a["paragraphs"] else "",
                     "body": body, "n_paragraphs": len(a["paragraphs"]),
                     "n_chars": visible_chars(body),
                     "truncated": bool(last) and not is_terminated(last)})
        for pi, p in enumerate(a["paragraphs"]):
            paras.append({"issue_id": issue_id, "article": ai, "paragraph": pi, "text": p})
        for nm, role in byline_authors(normalize(a["byline"], trad)) if a["byline"] else []:
            auths.append({"issue_id": issue_id, "article": ai, "name": nm, "role": role})
        for pi, left, right in a["repairs"]:
            reps.append({"issue_id": issue_id, "article": ai, "paragraph": pi, "left": left, "right": right})
    issue = {"issue_id": issue_id, "date": date, "source_file": source, "encoding": enc,
             "header": "\n".join(parsed["header"]), "leftover": "\n".join(parsed["leftover"]),
             "n_articles": len(arts), "n_chars": visible_chars(text),
             "warnings": "\n".join(warns + parsed["warnings"])}
    return {"issues": [issue], "articles": arts, "paragraphs": paras, "authors": auths, "repairs": reps}


def _resolve_date(name: str, header: list[str], manifest_date: str) -> tuple[pd.Timestamp | None, list[str]]:
    warns = []
    candidates = []
    if manifest_date:
        try:
            candidates.append(("manifest.csv", pd.Timestamp(manifest_date)))
        except ValueError:
            warns.append(f"{name}: manifest.csv date {manifest_date!r} is not a date")
    for src, d in (("page header", date_from_header(header)), ("file name", date_from_name(name))):
        if d is not None:
            candidates.append((src, d))
    if not candidates:
        warns.append(f"{name}: no date in manifest.csv, page header or file name; date left missing")
        return None, warns
    src, date = candidates[0]
    for other, d in candidates[1:]:
        if d != date:
            warns.append(f"{name}: {other} says {d.date()}, {src} says {date.date()}; {src} wins")
    return date, warns


def _process_text(text: str, enc: str, name: str, manifest_date: str, extract: bool) -> dict[str, list[dict]]:
    """One issue's text -> rows of every table (parse, then every extractor if `extract`)."""
    parsed = parse_text(text, name)
    date, warns = _resolve_date(name, parsed["header"], manifest_date)
    rows = _rows_from_parse(Path(name).stem, name, enc, text, parsed, date, warns)
    if extract:
        recs = [Article(a["issue_id"], a["date"], a["article"], a["kind"], a["headline"], a["byline"],
                        a["dateline"], a["body"]) for a in rows["articles"]]
        rows.update(_extract_rows(recs, {a["name"] for a in rows["authors"]}))
    for name, r in rows.items():   # each file's rows in table order, so that combine need not sort
        if len(r) > 1 and name in _SORT_KEYS:
            r.sort(key=itemgetter(*_SORT_KEYS[name]))
    return {name: _columns(r, name) for name, r in rows.items()}


def parse_issue(path: str | Path, date: str = "", extract: bool = False) -> Corpus:
    """One issue file -> a Corpus of one issue (BulletinError naming the file if unreadable).

    The date comes from `date`, the page header or the file name; else it stays missing.
    """
    path = Path(path)
    text, enc = read_issue_text(path)
    return combine([_process_text(text, enc, path.name, date, extract)], extract, warn=True)


def _cache_dir() -> Path:
    return Path(os.environ.get("BULLETIN_CACHE", ROOT / ".cache")) / "issues"


def _cache_key(data: bytes, name: str, manifest_date: str, extract: bool) -> str:
    """Content hash of a file plus everything else its tables depend on (name, date, code, lexicons)."""
    return hashlib.sha1(data + f"|{name}|{manifest_date}|{extract}|{lexicon_version()}".encode()).hexdigest()


def _cached_process(path: Path, manifest_date: str, extract: bool, use_cache: bool) -> dict[str, list[dict]]:
    data = path.read_bytes()
    if use_cache:
        key = _cache_key(data, path.name, manifest_date, extract)
        cfile = _cache_dir() / key[:2] / f"{key}.pkl"
        if cfile.exists():
            try:
                with cfile.open("rb") as f:
                    return pickle.load(f)
            except Exception:  # a broken cache entry is recomputed
                pass
    text, enc = decode_bytes(data, path.name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows = _process_text(text, enc, path.name, manifest_date, extract)
    if use_cache:
        cfile.parent.mkdir(parents=True, exist_ok=True)
        tmp = cfile.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(rows, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cfile)
    return rows


def issue_files(folder: str | Path) -> list[Path]:
    """The issue files of a folder: every *.txt, sorted by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BulletinError(f"{folder}: no such folder of issues")
    return sorted(p for p in folder.glob("*.txt") if p.is_file())


def process_file(path: str | Path, manifest_date: str = "", extract: bool = True,
                 use_cache: bool = True) -> dict[str, list[dict]]:
    """One file -> rows of its tables (cached by content hash); the unit of work for serial or Dask runs.

    A file that cannot be read gives one 'skipped' row instead of raising.
    """
    path = Path(path)
    try:
        return _cached_process(path, manifest_date, extract, use_cache)
    except BulletinError as e:
        return {"skipped": {"source_file": [path.name], "reason": [str(e)]}}


def load_corpus(folder: str | Path, extract: bool = True, use_cache: bool = True,
                progress: bool | None = None, workers: int | None = None) -> Corpus:
    """Every issue in a folder -> Corpus; unreadable files are warned about and listed in .skipped.

    Parsed and extracted tables are cached by each file's content hash (in .cache/),
    so a rerun only parses what changed, and a rerun with nothing changed loads the
    whole corpus at once. `progress=None` shows a bar on a terminal only; `workers`
    > 1 parses in that many processes (same result, same order); None uses every
    core (at most 8) for more than 200 files and one process otherwise.
    """
    jobs = _jobs(folder)
    whole = None
    if use_cache:
        keys = "|".join(_cache_key(p.read_bytes(), p.name, d, extract) for p, d in jobs)
        whole = _cache_dir().parent / "corpus" / f"{hashlib.sha1(keys.encode()).hexdigest()}.pkl"
        if whole.exists():
            try:
                with whole.open("rb") as f:
                    corpus = Corpus(**{field.name: pickle.load(f) for field in dataclasses.fields(Corpus)})
                _warn(corpus)
                return corpus
            except Exception:  # a broken cache entry is recomputed
                pass
    if progress is None:
        progress = sys.stderr.isatty() and len(jobs) > 20
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(jobs) > 200 else 1
    args = [(p, d, extract, use_cache) for p, d in jobs]
    gc_was_on = gc.isenabled()
    gc.disable()   # millions of small acyclic objects: the cycle collector would only slow the build
    try:
        corpus = _load(args, extract, progress, workers)
    finally:
        if gc_was_on:
            gc.enable()
    if whole is not None:
        whole.parent.mkdir(parents=True, exist_ok=True)
        tmp = whole.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:   # one table at a time, so pickle's memo never holds the whole corpus
            for field in dataclasses.fields(Corpus):
                pickle.dump(getattr(corpus, field.name), f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(whole)
        for old in sorted(whole.parent.glob("*.pkl"), key=lambda p: p.stat().st_mtime)[:-4]:
            old.unlink(missing_ok=True)   # keep the four most recent corpora
    _warn(corpus)
    return corpus


def _load(args: list[tuple], extract: bool, progress: bool, workers: int) -> Corpus:
    from tqdm import tqdm

    bar = tqdm(total=len(args), desc="issues", unit="issue", disable=not progress)
    if workers > 1 and len(args) > 20:
        from concurrent.futures import ProcessPoolExecutor

        size = max(1, min(100, len(args) // (workers * 8)))   # files per task: few round trips, even load
        batches = [args[i:i + size] for i in range(0, len(args), size)]
        parts = []
        with ProcessPoolExecutor(workers) as pool:
            for part, batch in zip(pool.map(_process_batch, batches), batches):
                parts.append(part)
                bar.update(len(batch))
    else:
        parts = []
        for a in args:
            parts.append(process_file(*a))
            bar.update(1)
    bar.close()
    return combine(parts, extract)


def _warn(corpus: Corpus) -> None:
    """Re-emit the parse warnings and skips under a fixed file name (no machine path in notebook output)."""
    for msg in list(corpus.skipped["reason"]) + [w for ws in corpus.issues["warnings"] for w in ws.splitlines()]:
        warnings.warn_explicit(msg, UserWarning, "load_corpus", 0)


def _jobs(folder: str | Path) -> list[tuple[Path, str]]:
    """(file, manifest date) for every issue file of a folder; warns of manifest lines without a file."""
    files = issue_files(folder)
    manifest = read_manifest(folder)
    dates = dict(zip(manifest["file"], manifest["date"]))
    for f in sorted(set(manifest["file"]) - {p.name for p in files}):
        warnings.warn_explicit(f"manifest.csv names {f}, which is not in the folder", UserWarning, "load_corpus", 0)
    return [(p, dates.get(p.name, "")) for p in files]


def _process_batch(batch: Iterable[tuple]) -> dict[str, dict[str, tuple]]:
    """process_file over a batch of files (in a worker) -> one set of encoded columns, in file order."""
    gc_was_on = gc.isenabled()
    gc.disable()   # acyclic tables: the cycle collector would only slow the build
    merged: dict[str, dict[str, list]] = {}
    try:
        for args in batch:
            for name, cols in process_file(*args).items():
                into = merged.setdefault(name, {c: [] for c in _EMPTY_COLUMNS[name]})
                for c, values in cols.items():
                    into[c] += values
    finally:
        if gc_was_on:
            gc.enable()
    return {name: {c: _encode(v, _TYPES[name].get(c, "str")) for c, v in cols.items()} for name, cols in merged.items()}


def _process_partition(batch: Iterable[tuple]) -> list[dict[str, dict[str, tuple]]]:
    return [_process_batch(list(batch))]


def load_corpus_dask(folder: str | Path, extract: bool = True, use_cache: bool = True,
                     scheduler="processes", npartitions: int | None = None) -> Corpus:
    """load_corpus with the files spread over Dask (a dask.bag over files); the same Corpus.

    `scheduler` is 'processes', 'threads', 'sync' or a dask.distributed Client for a cluster.
    """
    import dask.bag as db

    args = [(str(p), d, extract, use_cache) for p, d in _jobs(folder)]
    bag = db.from_sequence(args, npartitions=npartitions or max(1, min(len(args), 64))).map_partitions(_process_partition)
    parts = scheduler.compute(bag).result() if hasattr(scheduler, "compute") else bag.compute(scheduler=scheduler)
    return combine(list(parts), extract, warn=True)


def combine(parts: list[dict[str, dict[str, list]]], extract: bool = True, warn: bool = False) -> Corpus:
    """Tables of files or batches of files (columns, from process_file or a worker) -> one Corpus,
    typed and sorted; `warn` re-emits the parse warnings.

    Each file's rows come sorted, so when the parts come in issue order (files are read in
    name order) the tables are already sorted and are not sorted again.
    """
    names = ("issues", "articles", "paragraphs", "authors", "repairs", "skipped") + (EXTRACTED if extract else ())
    chunks = {name: {c: [] for c in _EMPTY_COLUMNS[name]} for name in names}
    for p in parts:
        for name, cols in p.items():
            if name in chunks:
                for c, values in cols.items():
                    chunks[name][c].append(values)
    kw = {"issues": _frame(chunks["issues"], "issues")}   # sorted by issue_id
    in_order = kw["issues"]["issue_id"].tolist() == list(itertools.chain.from_iterable(map(_values, chunks["issues"]["issue_id"])))
    for name in names[1:]:
        kw[name] = _frame(chunks[name], name, presorted=in_order and name != "skipped")
    corpus = Corpus(**kw)
    if warn:
        _warn(corpus)
    return corpus


_SORT_KEYS = {
    "issues": ["issue_id"], "articles": ["issue_id", "article"], "paragraphs": ["issue_id", "article", "paragraph"],
    "authors": ["issue_id", "article"], "repairs": ["issue_id", "article", "paragraph"],
    "appearances": ["issue_id", "article", "order"], "mentions": ["issue_id", "article", "name"],
    "slogans": ["issue_id", "article", "kind", "phrase"], "figures": ["issue_id", "article", "start"],
    "dates": ["issue_id", "article", "pos"], "meetings": ["issue_id", "article"],
    "relays": ["issue_id", "article", "pos"], "tokens": ["issue_id", "article"], "skipped": ["source_file"],
}


def _extract_rows(recs: list, authors: set[str]) -> dict[str, list[dict]]:
    app = _appearance_rows(recs, authors)
    men = _mention_rows(recs)
    meet = _meeting_rows(recs, app)
    names = sorted({a["name"] for a in app} | {m["name"] for m in men})
    return {"appearances": app, "mentions": men, "slogans": _slogan_rows(recs), "figures": _figure_rows(recs),
            "dates": _date_rows(recs), "meetings": meet, "relays": _relay_rows(recs, meet),
            "tokens": _token_rows(recs, names)}


def accounting(text: str, corpus: Corpus) -> tuple[Counter, Counter]:
    """(characters missing from the parse, characters the parse added), non-whitespace only.

    Both are empty when every character of the text is in exactly one field.
    """
    want = Counter(c for c in text if not c.isspace())
    got: Counter = Counter()
    iss = corpus.issues.iloc[0]
    for s in [iss["header"], iss["leftover"]] + list(corpus.articles["headline"]) + list(corpus.articles["byline"]) \
            + list(corpus.articles["body"]):
        got.update(c for c in s if not c.isspace())
    return want - got, got - want


# ---------------------------------------------------------------------------
# Segmentation, keywords and topics
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def dictionary_words() -> tuple[str, ...]:
    """The project dictionary: userdict, offices, titles, collective titles, slogans, meeting bodies.

    >>> '区委常委会' in dictionary_words()
    True
    """
    words = []
    for line in lexicon("userdict"):
        words.append(line.split()[0])
    words += lexicon("offices") + lexicon("standalone_titles") + lexicon("collective_titles")
    words += [o + p for o in ("区委", "市委", "省委", "镇党委") for p in ("书记", "副书记", "常委")]
    words += [f[0] for f in lexicon_fields("slogans") if "、" not in f[0] and "," not in f[0]]
    for f in lexicon_fields("meeting_bodies"):
        words += list(f)
    words += [f[1] for f in lexicon_fields("topics") if len(f) > 1]
    return tuple(sorted({w for w in words if len(w) >= 2 and "、" not in w}))


@functools.lru_cache(maxsize=1)
def segmenter():
    """A jieba-rs segmenter (rjieba) with the project dictionary added."""
    import rjieba

    seg = rjieba.Jieba()
    for w in dictionary_words():
        seg.add_word(w, max(seg.suggest_freq(w), 50000), None)
    return seg


@functools.lru_cache(maxsize=1)
def jieba_segmenter():
    """The same dictionary in pure-Python jieba (the reference backend; slower)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for w in dictionary_words():
        tk.add_word(w, max(tk.suggest_freq(w), 50000))
    return tk


@functools.lru_cache(maxsize=64)
def _names_re(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(_alternation(names))


def name_spans(text: str, names: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of the given names in a text, left to right, the longest name winning where two start together.

    >>> name_spans('王某某和王某', ['王某', '王某某'])
    [(0, 3), (4, 6)]
    """
    names = set(names) - {""}
    if len(names) > 50:   # many names (a whole corpus): one pass of a regex over the text
        return [m.span() for m in _names_re(tuple(sorted(names))).finditer(text)]
    found = []
    for nm in names:
        i = text.find(nm)
        while i >= 0:
            found.append((i, -len(nm)))
            i = text.find(nm, i + 1)
    spans, pos = [], 0
    for start, neg in sorted(found):
        if start >= pos:
            spans.append((start, start - neg))
            pos = start - neg
    return spans


def cut(text: str, names: Sequence[str] = (), backend: str = "rjieba") -> list[str]:
    """Tokens of a text, political terms and the given names kept whole.

    The text is segmented once; where a name is not already one token, the
    tokens around it are cut again on either side of the name. The segmenter
    itself never changes, so the same text gives the same tokens in any order of work.

    >>> cut('深入学习习近平新时代中国特色社会主义思想')[-1]
    '习近平新时代中国特色社会主义思想'
    >>> cut('市长王某某主持会议', ['王某某'])[1]
    '王某某'
    """
    base = jieba_segmenter().lcut if backend == "jieba" else segmenter().cut
    toks = base(text)
    spans = name_spans(text, names) if names else ()
    if not spans:
        return toks
    ends = list(itertools.accumulate(map(len, toks)))   # ends[i]: where token i ends
    out, done, i = [], 0, 0   # toks[:done] are settled
    while i < len(spans):
        start, end = spans[i]
        first = bisect.bisect_right(ends, start, lo=done)   # the token holding text[start]
        last = bisect.bisect_left(ends, end, lo=first)       # the token holding text[end - 1]
        group = [spans[i]]
        while i + 1 < len(spans) and spans[i + 1][0] < ends[last]:   # the next name starts in the same tokens
            i += 1
            group.append(spans[i])
            last = bisect.bisect_left(ends, spans[i][1], lo=last)
        out += toks[done:first]
        pos = ends[first - 1] if first else 0
        for s_, e_ in group:
            if pos < s_:
                out += base(text[pos:s_])
            out.append(text[s_:e_])
            pos = e_
        if ends[last] > pos:
            out += base(text[pos:ends[last]])
        done, i = last + 1, i + 1
    out += toks[done:]
    return out


def tokens(articles: pd.DataFrame, names: Sequence[str] | None = None, backend: str = "rjieba") -> pd.DataFrame:
    """One row per article: issue_id, article, tokens (headline then body, joined by single spaces; see token_list).

    `names` (the officials found) stay whole; by default they are found with
    `appearances` and `mentions` on the same articles.
    """
    recs = _records(articles)
    if names is None:
        names = sorted({a["name"] for a in _appearance_rows(recs, set())} | {m["name"] for m in _mention_rows(recs)})
    return _finish(_token_rows(recs, names, backend), "tokens")


def _token_rows(recs: list, names: Sequence[str], backend: str = "rjieba") -> list[dict]:
    return [{"issue_id": r.issue_id, "article": r.article,
             "tokens": " ".join([t for t in cut("\n".join(normalize_article(r.headline, r.body)), names, backend) if not t.isspace()])}
            for r in recs]   # a token is either white space or has none (jieba cuts white space apart)


def token_list(tokens: str) -> list[str]:
    """The tokens of one article as a list (the table keeps them joined by single spaces).

    >>> token_list('区委常委会 召开 会议')
    ['区委常委会', '召开', '会议']
    """
    return tokens.split(" ") if tokens else []


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stopword list (data/lexicons/stopwords.txt).

    >>> '本报讯' in stopwords()
    True
    """
    return frozenset(lexicon("stopwords"))


_NUMERAL_WORD = re.compile(r"^第?[零〇一二两三四五六七八九十百千万亿]+[期次届个批项家名年月日号倍]?$")


def is_keyword_candidate(word: str) -> bool:
    """A word worth counting: two or more CJK characters, not a stopword, no number, ordinal or unit.

    >>> [is_keyword_candidate(w) for w in ['新能源汽车', '的', '81', '，', '会议', '第二十八', '亿元']]
    [True, False, False, False, False, False, False]
    """
    if len(word) < 2 or word in stopwords():
        return False
    if any(c.isdigit() for c in normalize(word)) or _NUMERAL_WORD.match(word):
        return False
    if word in _units() or (word[0] in "万亿千百" and word[1:] in _units()):
        return False
    return all(is_cjk(c) or c.isalpha() for c in word) and any(is_cjk(c) for c in word)


def word_counts(tokens_df: pd.DataFrame) -> pd.DataFrame:
    """Token counts per article, candidates only: issue_id, article, word, count (sorted)."""
    rows = []
    for r in tokens_df.itertuples(index=False):
        for w, c in Counter(t for t in token_list(r.tokens) if is_keyword_candidate(t)).items():
            rows.append((r.issue_id, r.article, w, c))
    df = pd.DataFrame(rows, columns=["issue_id", "article", "word", "count"])
    return df.sort_values(["issue_id", "article", "count", "word"], ascending=[True, True, False, True]).reset_index(drop=True)


def keywords(articles: pd.DataFrame, k: int = 10, method: str = "tfidf", tokens_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Top k keywords per article: issue_id, article, rank, word, weight.

    tfidf: term frequency times the corpus's own inverse document frequency
    (documents = articles), so boilerplate shared by every article sinks.
    textrank: PageRank over a co-occurrence window of 5 candidate words.
    """
    tk = tokens_df if tokens_df is not None else tokens(articles)
    by_article = dict(zip(zip(tk["issue_id"], tk["article"]), tk["tokens"]))
    counts = word_counts(tk)
    n_docs = max(len(tk), 1)
    df_ = counts.groupby("word")["article"].size()
    rows = []
    for (iid, art), g in counts.groupby(["issue_id", "article"], sort=True):
        if method == "textrank":
            seq = [t for t in token_list(by_article[(iid, art)]) if is_keyword_candidate(t)]
            weights = _textrank(seq)
        else:
            total = g["count"].sum()
            weights = {w: (c / total) * (math.log((1 + n_docs) / (1 + df_[w])) + 1) for w, c in zip(g["word"], g["count"])}
        top = sorted(weights.items(), key=lambda x: (-round(x[1], 12), x[0]))[:k]
        rows += [{"issue_id": iid, "article": art, "rank": i + 1, "word": w, "weight": round(v, 6)} for i, (w, v) in enumerate(top)]
    return pd.DataFrame(rows, columns=["issue_id", "article", "rank", "word", "weight"])


def _textrank(seq: list[str], window: int = 5, iters: int = 50, d: float = 0.85) -> dict[str, float]:
    edges: dict[str, Counter] = defaultdict(Counter)
    for i, w in enumerate(seq):
        for v in seq[i + 1: i + window]:
            if v != w:
                edges[w][v] += 1
                edges[v][w] += 1
    nodes = sorted(edges)
    if not nodes:
        return {w: 1.0 for w in set(seq)}
    score = dict.fromkeys(nodes, 1.0)
    out_w = {w: sum(edges[w].values()) for w in nodes}
    for _ in range(iters):
        score = {w: (1 - d) + d * sum(score[v] * c / out_w[v] for v, c in sorted(edges[w].items())) for w in nodes}
    return score


@functools.lru_cache(maxsize=1)
def topic_lexicon() -> dict[str, dict[str, float]]:
    """{topic: {word: weight}} from data/lexicons/topics.txt (file order kept)."""
    out: dict[str, dict[str, float]] = {}
    for f in lexicon_fields("topics"):
        out.setdefault(f[0], {})[f[1]] = float(f[2]) if len(f) > 2 and f[2] else 1.0
    return out


def topics(articles: pd.DataFrame, top_words: int = 3) -> pd.DataFrame:
    """The lexicon topic of each article: issue_id, article, topic, score (share of all topic weight), words.

    Score counts topic words (substring occurrences) in the body plus three times
    in the headline; ties go to the topic listed first in the lexicon.
    """
    lex = topic_lexicon()
    rows = []
    for r in articles.itertuples(index=False):
        head, body = normalize_article(r.headline, r.body)
        totals, hits = {}, {}
        for t, words in lex.items():
            h_ = {w: (body.count(w) + 3 * head.count(w)) * wt for w, wt in words.items()}
            totals[t] = sum(h_.values())
            hits[t] = sorted(((v, w) for w, v in h_.items() if v), key=lambda x: (-x[0], x[1]))
        all_ = sum(totals.values())
        best = max(lex, key=lambda t: totals[t]) if all_ else ""
        rows.append({"issue_id": r.issue_id, "article": r.article, "topic": best or "其他",
                     "score": round(totals[best] / all_, 3) if all_ else 0.0,
                     "words": "、".join(w for _, w in hits[best][:top_words]) if best else ""})
    return pd.DataFrame(rows, columns=["issue_id", "article", "topic", "score", "words"])


def unsupervised_topics(tokens_df: pd.DataFrame, n_topics: int = 8, min_articles: int = 30) -> pd.DataFrame | None:
    """NMF topics (seeded) over TF-IDF of the tokens: issue_id, article, nmf_topic, nmf_words; None if too few articles."""
    if len(tokens_df) < min_articles:
        return None
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [" ".join(t for t in token_list(toks) if is_keyword_candidate(t)) for toks in tokens_df["tokens"]]
    vec = TfidfVectorizer(token_pattern=r"[^ ]+", min_df=2, max_df=0.8)
    X = vec.fit_transform(docs)
    k = min(n_topics, X.shape[1], len(docs) - 1)
    model = NMF(n_components=k, random_state=SEED, init="nndsvd", max_iter=400)
    W = model.fit_transform(X)
    vocab = np.array(vec.get_feature_names_out())
    labels = ["、".join(vocab[np.argsort(-c)[:3]]) for c in model.components_]
    out = tokens_df[["issue_id", "article"]].copy()
    out["nmf_topic"] = W.argmax(axis=1)
    out["nmf_words"] = [labels[i] for i in out["nmf_topic"]]
    return out


# ---------------------------------------------------------------------------
# Slogans and formulations
# ---------------------------------------------------------------------------

_QUOTED = re.compile(r"“([^“”\n]{1,40})”|「([^「」\n]{1,40})」")
_LAW = re.compile(r"《([^《》\n]{1,60})》")
_CN_DIGITS = "零〇一二两三四五六七八九十百千"


@functools.lru_cache(maxsize=1)
def _numbered_re() -> re.Pattern:
    # the look-behind (not after 每第这那一) comes after the first numeral, so that the pattern opens
    # with a character class and the regex engine can skip ahead to the numerals
    return re.compile(r"([两二三四五六七八九十](?<![每第这那一].)[一二三四五六七八九十]{0,2})个([\u4e00-\u9fff]{2})(?![\u4e00-\u9fff])")


def numbered_formulations(text: str) -> list[str]:
    """Numbered formulations in a text: 两个确立, 四个意识, 十一个坚持 (not 两个方面).

    >>> numbered_formulations('坚决做到“两个维护”,做好两个方面工作、增强四个意识。')
    ['两个维护', '四个意识']
    """
    excl = _numbered_exclusions()
    return [m.group(0) for m in _numbered_re().finditer(text) if m.group(2) not in excl]


@functools.lru_cache(maxsize=1)
def _numbered_exclusions() -> frozenset[str]:
    return frozenset(lexicon("numbered_exclusions"))


_CODE = re.compile(r"[0-9A-Za-z+\-.·/]+")
_LISTED = re.compile(r"[,，、+;；]")
_LAW_TITLE = re.compile(r"(法|条例|规定|办法|决定|细则)$")


def classify_quoted(phrase: str) -> str:
    """What a quoted phrase is: code, numbered, slogan, law or concept.

    >>> [classify_quoted(p) for p in ['2468', '两个确立', '奋勇争先,再创佳绩', '智慧能源网']]
    ['code', 'numbered', 'slogan', 'concept']
    """
    p = normalize(phrase)
    if _CODE.fullmatch(p):
        return "code"
    if _numbered_re().fullmatch(p) and numbered_formulations(p):
        return "numbered"
    if _LISTED.search(p) or (len(p) == 4 and all(is_cjk(c) for c in p)):
        return "slogan"
    return "concept"


_CLAUSE_SPLIT = re.compile(r"[,，。；;：:！？!?\n“”\"《》()（）—]+")


def _clauses(text: str, containing: str = "") -> list[str]:
    """The clauses of a text (between punctuation), those `containing` a string if given."""
    return [c for c in _CLAUSE_SPLIT.split(text) if c and containing in c]


def _shared_positions(items: list[str]) -> int:
    """Positions where every item has the same character, plus doubled characters every item shares (件件/事事).

    >>> _shared_positions(['件件有着落', '事事有回音']), _shared_positions(['不敢腐', '不能腐', '不想腐'])
    (2, 2)
    """
    n = len(items)
    shared = sum(col.count(col[0]) == n for col in zip(*items))
    doubled = [list(map(str.__eq__, it, it[1:])) for it in items]   # doubled[k][i]: item k has it[i] == it[i + 1]
    if not all(map(any, doubled)):
        return shared
    return shared + sum(all(col) for col in zip(*doubled))


@functools.lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(lexicon("surnames"))


def _verb_object(items: list[str]) -> bool:
    """防风险、保安全、护稳定: one-character heads (not all surnames) before dictionary words."""
    if len(items) < 3 or len(items[0]) != 3:
        return False
    seg = segmenter()
    return all(seg.has_word(it[1:]) for it in items) and not all(it[0] in _surnames() for it in items)


def parallel_formulas(text: str) -> list[str]:
    """Parallel formulas: items joined by 、 that share their structure.

    Rule: within a clause, a run of segments joined by 、 whose middle segments
    have one length L (2-8 characters); the first and last items are cut to L
    from the segments around them, and every cut must fall on a word boundary
    (so 区委书记、区委深改委主任 gives no 区委深改). The run is a formula when
    (a) some position holds the same character in every item (with two items:
    two such positions, or one plus a doubled character as in 件件/事事), or
    (b) three or more three-character items read verb + object (one-character
    heads, not all of them surnames, before dictionary words: 防风险、保安全、护稳定).
    Lists of names and ordinary enumerations (市场布局、技术创新) fail both.

    >>> parallel_formulas('坚持一体推进不敢腐、不能腐、不想腐,抓好防风险、保安全、护稳定工作')
    ['不敢腐、不能腐、不想腐', '防风险、保安全、护稳定']
    """
    out = []
    if "、" not in text:
        return out
    for clause in _clauses(text, "、"):
        segs = clause.split("、")
        j = 0
        while j < len(segs) - 1:
            found = None
            for k in _run_ends(segs, j):
                items = _run_items(segs, j, k)
                if items:
                    found = (k, items)
                    break
            if found:
                out.append("、".join(found[1]))
                j = found[0]
            else:
                j += 1
    return out


_ALL_CJK = re.compile(r"[\u4e00-\u9fff]+")


def _may_pair(x: str, y: str) -> bool:
    """Whether two items could share two positions (or one and a doubled character): a cheap test first."""
    common = set(x) & set(y)
    if len(common) >= 2:
        return True
    if not common:
        return False
    c = next(iter(common))
    doubled = any(a == b for a, b in zip(x, x[1:])) and any(a == b for a, b in zip(y, y[1:]))
    return doubled or (x.count(c) > 1 and y.count(c) > 1)


def _run_ends(segs: list[str], j: int) -> list[int]:
    """Where a run starting at segment j may end, longest first: middles must share one length."""
    ends = [j + 1]
    if j + 2 < len(segs):
        L = len(segs[j + 1])
        k = j + 2
        while True:
            ends.append(k)
            if k + 1 < len(segs) and len(segs[k]) == L:
                k += 1
            else:
                break
    return ends[::-1]


def _word_cut_ok(seg: str, at: int) -> bool:
    """True when position `at` of seg falls between two words of the segmentation."""
    return at in (0, len(seg)) or at in _word_bounds(seg)


@functools.lru_cache(maxsize=1024)
def _word_bounds(seg: str) -> frozenset[int]:
    bounds, pos = set(), 0
    for t in segmenter().cut(seg):
        pos += len(t)
        bounds.add(pos)
    return frozenset(bounds)


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{1,8}")


def _run_items(segs: list[str], j: int, k: int) -> list[str] | None:
    middle = segs[j + 1:k]
    if not middle:
        return _pair_items(segs[j], segs[k])
    L = len(middle[0])
    if not 2 <= L <= 8 or any(len(m) != L for m in middle) or len(segs[j]) < L or len(segs[k]) < L:
        return None
    if L != 3 and not set.intersection(*(set(m) for m in middle)):
        return None   # middles with no common character share no position, and only L=3 can be verb + object
    items = [segs[j][-L:]] + middle + [segs[k][:L]]
    if not _ALL_CJK.fullmatch("".join(items)) or not items_differ(items):
        return None
    if _shared_positions(items) < 1 and not _verb_object(items):
        return None
    return items if _word_cut_ok(segs[j], len(segs[j]) - L) and _word_cut_ok(segs[k], L) else None


def _pair_items(left: str, right: str) -> list[str] | None:
    """Two items, one ending `left` and one beginning `right`, of one length (2 to 8 Chinese characters),
    sharing two positions (or one and a doubled character), cut on word boundaries; the length
    with the most shared positions wins, the longer one on a tie."""
    tail, head = _CJK_RUN.match(left[::-1][:8]), _CJK_RUN.match(right)
    if not tail or not head:
        return None
    tail, head = left[-tail.end():], head.group(0)
    if not _may_pair(tail, head):
        return None
    doubles = any(map(str.__eq__, tail, tail[1:])) and any(map(str.__eq__, head, head[1:]))
    best = None
    for L in range(min(len(tail), len(head)), 1, -1):
        x, y = tail[-L:], head[:L]
        s = sum(map(str.__eq__, x, y))
        if doubles:
            s += sum(a and b for a, b in zip(map(str.__eq__, x, x[1:]), map(str.__eq__, y, y[1:])))
        if s < 2 or x == y or (best is not None and s <= best[0]):
            continue
        if _word_cut_ok(left, len(left) - L) and _word_cut_ok(right, L):
            best = (s, [x, y])
    return best[1] if best else None


def items_differ(items: list[str]) -> bool:
    """True when no two items are the same string.

    >>> items_differ(['立法', '执法']), items_differ(['改革', '改革'])
    (True, False)
    """
    return len(set(items)) == len(items)


def _count(text: str, phrase: str) -> int:
    """Occurrences of phrase in text, overlapping ones included."""
    if not phrase:
        return 0
    if not _self_overlapping(phrase):
        return text.count(phrase)
    n, i = 0, text.find(phrase)
    while i >= 0:
        n += 1
        i = text.find(phrase, i + 1)
    return n


@functools.lru_cache(maxsize=4096)
def _self_overlapping(phrase: str) -> bool:
    """True when two occurrences of a phrase can overlap (it begins with its own ending: 一一, 好好好)."""
    return any(phrase[:i] == phrase[-i:] for i in range(1, len(phrase)))


@functools.lru_cache(maxsize=1)
def _slogan_lexicon() -> dict[str, str]:
    return {f[0]: (f[1] if len(f) > 1 else "") for f in lexicon_fields("slogans")}


SLOGAN_COLUMNS = ["issue_id", "date", "article", "phrase", "kind", "category", "count", "in_headline"]


def slogans(articles: pd.DataFrame, lexicon_phrases: dict[str, str] | None = None) -> pd.DataFrame:
    """Formulations per article: issue_id, date, article, phrase, kind, category, count, in_headline.

    kind is quoted, numbered, parallel, lexicon or law; count is the number of
    occurrences of the phrase in headline and body (inside longer phrases too).
    """
    return _finish(_slogan_rows(_records(articles), lexicon_phrases), "slogans")


def _slogan_rows(recs: list, lexicon_phrases: dict[str, str] | None = None) -> list[dict]:
    lex = lexicon_phrases if lexicon_phrases is not None else _slogan_lexicon()
    rows = []
    for r in recs:
        head, body = normalize_article(r.headline, r.body)
        body = body.replace("\n", "")
        text = head + "\n" + body
        found: dict[tuple[str, str], str] = {}
        for m in _QUOTED.finditer(text):
            p = m.group(1) or m.group(2)
            found.setdefault((p, "quoted"), lex.get(p) or classify_quoted(p))
        for p in numbered_formulations(text):
            found.setdefault((p, "numbered"), lex.get(p, "numbered"))
        for p in parallel_formulas(text):
            found.setdefault((p, "parallel"), lex.get(p, "parallel"))
        for p in [p for p in lex if p in text]:
            found.setdefault((p, "lexicon"), lex[p])
        for m in _LAW.finditer(text):
            p = m.group(1)
            found.setdefault((p, "law"), "法律法规" if _LAW_TITLE.search(p) else "文件书刊")
        for (p, kind), cat in found.items():
            rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "phrase": p, "kind": kind,
                         "category": cat, "count": _count(text, p), "in_headline": p in head})
    return rows


def slogan_trend(slogans_df: pd.DataFrame) -> pd.DataFrame:
    """Phrase x issue counts (columns: issue dates, or issue ids where dates are missing), phrases by total."""
    if slogans_df.empty:
        return pd.DataFrame()
    s = slogans_df.drop_duplicates(["issue_id", "article", "phrase"]).copy()
    s["when"] = when(s["date"], s["issue_id"], monthly=many_dates(s))
    t = s.pivot_table(index="phrase", columns="when", values="count", aggfunc="sum", fill_value=0)
    t = t.loc[sorted(t.index, key=lambda p: (-t.loc[p].sum(), p))]
    return t


def slogan_spans(slogans_df: pd.DataFrame) -> pd.DataFrame:
    """First and last appearance of each phrase: phrase, kinds, first_seen, last_seen, n_issues, total."""
    if slogans_df.empty:
        return pd.DataFrame(columns=["phrase", "kinds", "first_seen", "last_seen", "n_issues", "total"])
    s = slogans_df.drop_duplicates(["issue_id", "article", "phrase"])
    g = s.groupby("phrase")
    out = pd.DataFrame({
        "kinds": slogans_df.groupby("phrase")["kind"].agg(lambda k: "、".join(sorted(set(k)))),
        "first_seen": g["date"].min(), "last_seen": g["date"].max(),
        "n_issues": g["issue_id"].nunique(), "total": g["count"].sum()}).reset_index()
    return out.sort_values(["total", "phrase"], ascending=[False, True]).reset_index(drop=True)


def slogan_candidates(slogans_df: pd.DataFrame) -> pd.DataFrame:
    """Phrases found by the quoted, numbered and parallel rules that the lexicon lacks, as lexicon lines."""
    known = {f[0] for f in lexicon_fields("slogans")}
    s = slogans_df[slogans_df["kind"].isin(["quoted", "numbered", "parallel"]) & ~slogans_df["phrase"].isin(known)]
    s = s[s["category"] != "code"] if "category" in s else s
    g = s.groupby("phrase").agg(kind=("kind", lambda k: "、".join(sorted(set(k)))), total=("count", "sum"),
                                n_articles=("article", "size")).reset_index()
    g["lexicon_line"] = g["phrase"] + "\t地方口号"
    return g.sort_values(["total", "phrase"], ascending=[False, True]).reset_index(drop=True)


# ---------------------------------------------------------------------------
# Officials
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _title_re() -> re.Pattern:
    single = rf"(?:(?:{_alternation(lexicon('offices'))})(?:{_alternation(lexicon('positions'))})|(?:{_alternation(lexicon('standalone_titles'))}))"
    return re.compile(rf"{_first_chars(lexicon('offices') + lexicon('standalone_titles'))}{single}(?:、{single})*")


def _first_chars(words: Iterable[str]) -> str:
    """A lookahead on the first characters of some words, so a big alternation is tried only where it can match."""
    return "(?=[" + "".join(sorted({re.escape(w[0]) for w in words if w})) + "])"


@functools.lru_cache(maxsize=1)
def _collective_re() -> re.Pattern:
    return re.compile(_first_chars(lexicon("collective_titles")) + "(?:" + _alternation(lexicon("collective_titles")) + ")")


@functools.lru_cache(maxsize=1)
def _followers() -> tuple[str, ...]:
    return tuple(sorted(set(lexicon("name_followers")) | set(_role_verbs()[2]), key=len, reverse=True))


_NOT_IN_NAME = set("的了在和与及是为等对把被从向于以而并也又还都就但之其这那各每有无不我你他她它们我区市省会上下中年月日号时个")
_NAME_CHARS = re.compile("(?:(?![" + "".join(sorted(_NOT_IN_NAME)) + "])[\u3400-\u4dbf\u4e00-\u9fff]){0,4}")


def _follows_name(text: str, pos: int) -> bool:
    if pos >= len(text):
        return True
    ch = text[pos]
    if ch in "、,，。；;：:)）\n“”\"":
        return True
    return text.startswith(_followers(), pos)


def name_at(text: str, pos: int) -> str:
    """The person's name that starts at text[pos] (2 to 4 characters), judged by what follows; '' if none.

    A candidate must be Chinese characters only, be followed by punctuation, a role verb or another
    word from name_followers.txt, and start with a surname from surnames.txt (three characters are
    tried before two, four only with a compound surname). A surname missing from the lexicon is
    accepted only for a word the dictionary does not know, right before a role verb, 一行, 等 or 、.

    >>> name_at('市长王某某分别陪同调研', 2), name_at('市长江路改造工程', 2)
    ('王某某', '')
    """
    fallback = ""
    surnames = _surnames()
    room = _NAME_CHARS.match(text, pos).end() - pos   # Chinese characters that may belong to a name, up to 4
    for L in (3, 2, 4):
        if L > room:
            continue
        cand = text[pos: pos + L]
        if not _follows_name(text, pos + L) or (L == 4 and cand[:2] not in surnames):
            continue
        if cand[0] in surnames or cand[:2] in surnames:
            return cand
        if not fallback and not segmenter().has_word(cand) and \
                text.startswith(_role_verbs()[2] + ("一行", "等", "、"), pos + L):
            fallback = cand
    return fallback


@functools.lru_cache(maxsize=1)
def _levels() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((f[0], f[1]) for f in lexicon_fields("levels")), key=lambda x: -len(x[0])))


LEVEL_RANK = {"中央": 0, "省": 1, "市": 2, "区": 3, "镇街": 4, "": 5}


_MIXED_LEVELS = re.compile(r"[\u4e00-\u9fff]{1,3}、[\u4e00-\u9fff]{1,3}(?:、[\u4e00-\u9fff]{1,3})*领导")
_DEPUTY = re.compile(r"^(?:常务副|副)")


@functools.lru_cache(maxsize=4096)
def title_level(title: str) -> str:
    """The level of a title: 中央, 省, 市, 区, 镇街 or '' (mixed or unknown).

    >>> title_level('省政府党组成员'), title_level('市、区领导'), title_level('区委书记、区委深改委主任')
    ('省', '', '区')
    """
    if not title or _MIXED_LEVELS.match(title):
        return ""
    bare = _DEPUTY.sub("", title)
    for prefix, level in _levels():
        if bare.startswith(prefix):
            return level
    return ""


def _sentence_at(sents: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding pos (binary search)."""
    return sents[max(bisect.bisect_right(sents, (pos, math.inf)) - 1, 0)]


_SENTENCE_SPLIT = re.compile(r"[。！？!?；;\n]")


@functools.lru_cache(maxsize=64)
def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a text, ending at 。！？; or a newline."""
    out, start = [], 0
    for m in _SENTENCE_SPLIT.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


@functools.lru_cache(maxsize=1)
def _role_verbs() -> tuple[re.Pattern, frozenset[str], tuple[str, ...]]:
    """(pattern of role verbs, the weak ones, all of them) from role_verbs.txt."""
    fields = lexicon_fields("role_verbs")
    verbs = tuple(f[0] for f in fields)
    return re.compile(_alternation(verbs)), frozenset(f[0] for f in fields if len(f) > 1 and f[1] == "weak"), verbs


def role_in(text: str) -> str:
    """The role verb of a clause: the first role verb, passing over weak ones (率队, 带队) when another follows.

    >>> role_in('率队来我区调研新能源汽车产业'), role_in('分别陪同调研'), role_in('主持会议并讲话')
    ('调研', '陪同', '主持')
    """
    pat, weak, _ = _role_verbs()
    found = [m.group(0) for m in pat.finditer(text)]
    strong = [v for v in found if v not in weak]
    return strong[0] if strong else (found[0] if found else "")


@functools.lru_cache(maxsize=1)
def _central_re() -> re.Pattern:
    return re.compile(_alternation(lexicon("central_titles") + lexicon("thought_suffixes")))


@functools.lru_cache(maxsize=1024)
def _central_mention_names(text: str) -> dict[str, str]:
    """Names cited as central leaders: NAME总书记, NAME法治思想 -> {name: title}."""
    found: dict[str, str] = {}
    titles = set(lexicon("central_titles"))
    for m in _central_re().finditer(text):
        for L in (3, 2):
            cand = text[max(0, m.start() - L): m.start()]
            if len(cand) == L and all(is_cjk(c) for c in cand) and cand[0] in _surnames():
                if m.group(0) in titles or cand not in found:   # a title beats a thought's name
                    found[cand] = m.group(0) if m.group(0) in titles else found.get(cand, "")
                break
    return found


def _people_in(text: str, exclude: set[str]) -> list[dict]:
    """Title+name, collective title + list, and list + 等 + collective title, in text order."""
    hits: list[dict] = []
    taken: set[int] = set()

    def add(pos: int, name: str, title: str, scope_from: int) -> None:
        if not name or name in exclude or pos in taken:
            return
        taken.add(pos)
        hits.append({"pos": pos, "name": name, "title": title, "scope_from": scope_from})

    # title + name (区委书记沈某), chains (区委书记、区委深改委主任沈某)
    for m in _title_re().finditer(text):
        nm = name_at(text, m.end())
        if nm:
            add(m.end(), nm, m.group(0), m.end() + len(nm))
    # collective title + list (市、区领导甲、乙、丙参加活动)
    for m in _collective_re().finditer(text):
        pos, names = m.end(), []
        while True:
            nm = name_at(text, pos)
            if not nm:
                break
            names.append((pos, nm))
            pos += len(nm)
            if pos < len(text) and text[pos] == "、":
                pos += 1
                continue
            break
        for p, nm in names:
            add(p, nm, m.group(0), pos)
        # list + 等 + collective title (甲、乙、丙等区委深改委成员)
        if m.start() >= 1 and text[m.start() - 1] == "等":
            end = m.start() - 1
            start = max(text.rfind(c, 0, end) for c in ",，。；;:：\n") + 1
            items = text[start:end].split("、")
            if len(items) >= 1 and all(2 <= len(it) <= 4 and all(is_cjk(c) for c in it) for it in items[1:]):
                first = items[0] if len(items[0]) <= 4 else _tail_name(items[0])
                pos = start + len(items[0]) - len(first)
                for it in [first] + items[1:]:
                    if 2 <= len(it) <= 4:
                        add(pos, it, m.group(0), m.end())
                    pos += len(it) + 1
    hits.sort(key=lambda h: h["pos"])
    return hits


def _tail_name(s: str) -> str:
    """The name that ends a longer text (讲话后张某某 -> 张某某), by its surname; '' if none.

    >>> _tail_name('主持会议并讲话王某某'), _tail_name('会议结束')
    ('王某某', '')
    """
    for L in (3, 2):
        if len(s) >= L and (s[-L] in _surnames() or s[-L:-L + 2] in _surnames()):
            return s[-L:]
    return ""


APPEARANCE_COLUMNS = ["issue_id", "date", "article", "order", "name", "title", "level", "role", "evidence"]
MENTION_COLUMNS = ["issue_id", "date", "article", "name", "title", "count"]


def appearances(articles: pd.DataFrame, authors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Officials present at the reported event: one row per person per article, in protocol order.

    Columns: issue_id, date, article, order, name, title, level, role, evidence.
    Names come from context (a title before the name, a list after a collective
    title, a list ending in 等 before one), never from a list of people. Authors
    of the issue, central leaders cited (NAME总书记) and commentary articles give none.
    """
    auth = set(authors["name"]) if authors is not None and len(authors) else set()
    return _finish(_appearance_rows(_records(articles), auth), "appearances")


def _appearance_rows(recs: list, auth: set[str]) -> list[dict]:
    rows = []
    for r in recs:
        if r.kind == "commentary":
            continue
        text = normalize(r.body)
        exclude = auth | set(_central_mention_names(text)) | {a for a, _ in byline_authors(normalize(r.byline, is_traditional(r.body)))}
        hits = _people_in(text, exclude)
        sents = _sentences(text)
        seen: dict[str, dict] = {}
        for h_ in hits:
            s0, s1 = _sentence_at(sents, h_["pos"])
            role = role_in(text[h_["scope_from"]: s1])
            if h_["name"] in seen:
                prev = seen[h_["name"]]
                if not prev["title"] and h_["title"]:
                    prev["title"], prev["level"] = h_["title"], title_level(h_["title"])
                if not prev["role"]:
                    prev["role"] = role
                continue
            seen[h_["name"]] = {"issue_id": r.issue_id, "date": r.date, "article": r.article, "order": len(seen),
                                "name": h_["name"], "title": h_["title"], "level": title_level(h_["title"]),
                                "role": role, "evidence": text[s0:s1].strip()}
        rows += list(seen.values())
    return rows


def mentions(articles: pd.DataFrame) -> pd.DataFrame:
    """People referred to but not present: issue_id, date, article, name, title, count.

    Central leaders cited (NAME总书记, NAME法治思想) anywhere, and every person
    a commentary names. count = occurrences of the name in headline and body.
    """
    return _finish(_mention_rows(_records(articles)), "mentions")


def _mention_rows(recs: list) -> list[dict]:
    rows = []
    for r in recs:
        head, body = normalize_article(r.headline, r.body)
        text = head + "\n" + body
        found = dict(_central_mention_names(head))   # headline, then body (whose scan the officials share)
        for name, title in _central_mention_names(body).items():
            if title or name not in found:   # as one scan of both: a title beats a thought's name
                found[name] = title or found.get(name, "")
        if r.kind == "commentary":
            for h_ in _people_in(text, set(found)):
                found.setdefault(h_["name"], h_["title"])
        for name, title in sorted(found.items()):
            rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "name": name,
                         "title": title, "count": _count(text, name)})
    return rows


def people(appearances_df: pd.DataFrame) -> pd.DataFrame:
    """One row per person: name, titles, level (most senior), n_issues, n_articles, first_seen, last_seen, roles."""
    cols = ["name", "titles", "level", "n_issues", "n_articles", "first_seen", "last_seen", "roles"]
    if appearances_df.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for name, g in appearances_df.groupby("name", sort=True):
        levels = sorted(set(g["level"]), key=lambda l: LEVEL_RANK.get(l, 9))
        rows.append({"name": name, "titles": "；".join(dict.fromkeys(t for t in g["title"] if t)),
                     "level": levels[0] if levels else "", "n_issues": g["issue_id"].nunique(),
                     "n_articles": len(g.drop_duplicates(["issue_id", "article"])),
                     "first_seen": g["date"].min(), "last_seen": g["date"].max(),
                     "roles": "、".join(f"{k}{v}" for k, v in sorted(Counter(x for x in g["role"] if x).items()))})
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(["n_articles", "name"], ascending=[False, True]).reset_index(drop=True)


def co_appearances(appearances_df: pd.DataFrame, top: int = 25) -> pd.DataFrame:
    """Name x name for the `top` people seen most: articles in which both appear (diagonal: articles per person)."""
    counts = appearances_df.groupby("name").size()
    names = sorted(sorted(counts.index, key=lambda n: (-counts[n], n))[:top])
    appearances_df = appearances_df[appearances_df["name"].isin(names)]
    m = pd.DataFrame(0, index=names, columns=names)
    for _, g in appearances_df.groupby(["issue_id", "article"]):
        ns = sorted(set(g["name"]))
        for a in ns:
            for b in ns:
                m.loc[a, b] += 1
    return m


# ---------------------------------------------------------------------------
# Figures and dates
# ---------------------------------------------------------------------------


_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


def cn_number(s: str) -> float | None:
    """A Chinese or Arabic numeral -> number; None if it is not one.

    >>> cn_number('一百二十'), cn_number('三千'), cn_number('两'), cn_number('1,234.5'), cn_number('十二点五')
    (120, 3000, 2, 1234.5, 12.5)
    """
    s = normalize(s).replace(",", "")
    if not s:
        return None
    if _DECIMAL.fullmatch(s):
        v = float(s)
        return int(v) if v.is_integer() else v
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    units = {"十": 10, "百": 100, "千": 1000}
    big = {"万": 10_000, "亿": 100_000_000}
    if "点" in s:
        whole, frac = s.split("点", 1)
        w = cn_number(whole) if whole else 0
        if w is None or not frac or any(c not in digits for c in frac):
            return None
        return w + float("0." + "".join(str(digits[c]) for c in frac))
    if any(c not in digits and c not in units and c not in big for c in s):
        return None
    if all(c in digits for c in s) and len(s) > 1:
        return int("".join(str(digits[c]) for c in s))
    total, section, num = 0, 0, 0
    for c in s:
        if c in digits:
            num = digits[c]
        elif c in units:
            section += (num or 1) * units[c]
            num = 0
        else:
            section += num
            total = (total + section) * big[c] if total and big[c] > 10_000 else total + section * big[c]
            section, num = 0, 0
    return total + section + num


@functools.lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, float, str]]:
    return {f[0]: (f[1], float(f[2]), f[3]) for f in lexicon_fields("units")}


_APPROX_PRE = "超过|将近|接近|大约|近|约|超|逾|多达"
_APPROX_POST = "左右|以上|多|余"
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
_MAG = {"万亿": 1e12, "千万": 1e7, "百万": 1e6, "亿": 1e8, "万": 1e4}


@functools.lru_cache(maxsize=1)
def _figure_re() -> re.Pattern:
    units = _alternation(_units())
    mag = _alternation(_MAG)
    return re.compile(
        rf"(?=[\d{_CN_DIGITS}超将接大近约逾多上数])"
        rf"(?P<pre>{_APPROX_PRE})?"
        rf"(?:(?P<num>{_NUM})(?:(?P<sep>[-—~至到])(?P<num2>{_NUM}))?(?P<suf1>多|余)?(?P<mag>{mag})?(?P<suf2>多|余)?"
        rf"|(?P<bare>百分之)(?P<pnum>{_NUM})|(?P<vague>上|数|逾|近|超)(?P<vmag>{mag}|千|百))"
        rf"(?(bare)(?:{units})?|(?P<unit>{units}))(?P<post>左右|以上)?")   # a unit, except after 百分之


@functools.lru_cache(maxsize=1)
def _contexts() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((f[0], f[1]) for f in lexicon_fields("figure_contexts")), key=lambda x: -len(x[0])))


def parse_figure(raw: str) -> tuple[float, str, bool] | None:
    """A printed quantity -> (value in base units, base unit, approx); None if it is no figure.

    >>> parse_figure('35万辆'), parse_figure('200万千瓦时'), parse_figure('40多家'), parse_figure('近万人')
    ((350000, '辆', False), (2000000, '千瓦时', False), (40, '家', True), (10000, '人', True))
    """
    m = _figure_re().fullmatch(normalize(raw))
    if not m:
        return None
    f = _figure_from_match(m)
    return None if f is None else (f["value"], f["unit"], f["approx"])


def _figure_from_match(m: re.Match) -> dict | None:
    unit = m.group("unit")
    if m.group("bare"):
        v = cn_number(m.group("pnum"))
        return None if v is None else {"value": v, "value_max": None, "unit": "%", "approx": False, "ukind": "percent"}
    if not unit:
        return None
    base, factor, ukind = _units()[unit]
    if m.group("vague"):
        v = cn_number(m.group("vmag")) if m.group("vmag") in "千百" else _MAG[m.group("vmag")]
        return {"value": _clean(v * factor), "value_max": None, "unit": base, "approx": True, "ukind": ukind}
    v = cn_number(m.group("num"))
    if v is None:
        return None
    mag = _MAG.get(m.group("mag") or "", 1)
    v2 = cn_number(m.group("num2")) if m.group("num2") else None
    approx = bool(m.group("pre") or m.group("suf1") or m.group("suf2") or m.group("post"))
    return {"value": _clean(v * mag * factor), "value_max": _clean(v2 * mag * factor) if v2 is not None else None,
            "unit": base, "approx": approx, "ukind": ukind}


def _clean(v: float) -> float:
    r = round(v, 6)
    return int(r) if float(r).is_integer() else r


def _inside_quotes(text: str, start: int, end: int) -> bool:
    left = text.rfind("“", 0, start)
    return left >= 0 and text.find("”", left) >= end and text.rfind("”", 0, start) < left


@functools.lru_cache(maxsize=1)
def _subject_res() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """(clause separators, lead words to drop, an organisation opening a clause, what is no organisation,
    an organisation suffix anywhere)."""
    suffix = _alternation(lexicon("org_suffixes"))
    return (re.compile(r"[,，;；:：“”。\n、]+|——"),
            re.compile(r"^(?:其中|同时|此外|另外|目前|由|在|据|对|是)"),
            re.compile(rf"^([\u4e00-\u9fffA-Za-z0-9（）()]{{2,40}}?(?:{suffix})(?:[\u4e00-\u9fff]{{2,6}}分公司)?)"),
            re.compile(r"^(?:(?:省|市|区|县)?(?:重大|重点)|今年|去年|全区|全市|全省|本|各|该|这|那)"),
            re.compile(suffix))


def _subject(text: str, pos: int, para_start: int) -> str:
    """The company or project nearest before pos in its sentence, else earlier in its paragraph.

    That is the organisation opening the last clause before pos (the clause holding pos read up
    to pos) among the clauses of the paragraph."""
    starts, ends, names, last_named = _paragraph_clauses(text, para_start)
    hi = bisect.bisect_right(ends, pos)   # clauses [0, hi) end before pos
    if hi < len(starts) and starts[hi] < pos:
        name = _clause_org(text[starts[hi]:pos])   # the clause holding pos, up to the figure
        if name:
            return name
    return names[last_named[hi]] if last_named[hi] >= 0 else ""


@functools.lru_cache(maxsize=256)
def _paragraph_clauses(text: str, para_start: int) -> tuple[list[int], list[int], list[str], list[int]]:
    """The clauses of every sentence of the paragraph starting at para_start: starts, ends, the
    organisation opening each ('' if none), and for each i the index of the last clause before i
    that opens with one (-1 if none)."""
    split = _subject_res()[0]
    para_end = text.find("\n", para_start)
    para_end = len(text) if para_end < 0 else para_end + 1
    sents = _sentences(text)
    starts, ends, names = [], [], []
    for s0, s1 in sents[bisect.bisect_left(sents, (para_start,)):]:
        if s0 >= para_end:
            break
        c0 = s0
        for m in itertools.chain(split.finditer(text, s0, s1), (None,)):
            e = m.start() if m else s1
            starts.append(c0), ends.append(e)
            names.append(_clause_org(text[c0:e]))
            if m:
                c0 = m.end()
    last_named = [-1]
    for i, name in enumerate(names):
        last_named.append(i if name else last_named[-1])
    return starts, ends, names, last_named


def _clause_org(clause: str) -> str:
    """The company or project a clause opens with, '' if none (not 重大项目, not a category counted)."""
    _, lead, org, not_org, suffix = _subject_res()
    if not suffix.search(clause, 2):   # no 公司, 项目... after its first two characters: no organisation
        return ""
    clause = lead.sub("", clause)
    m = org.match(clause)
    if not m or not_org.match(m.group(1)):
        return ""
    nxt = clause[m.end():m.end() + 1]
    if nxt and (nxt.isdigit() or nxt in _CN_DIGITS or nxt in "近约超逾"):
        return ""   # 新开工项目60多个: a category counted, not a named project
    return m.group(1)


FIGURE_COLUMNS = ["issue_id", "date", "article", "raw", "value", "value_max", "unit", "approx", "kind", "context",
                  "subject", "status", "evidence", "start"]


def _paragraph_starts(body: str) -> list[int]:
    starts, pos = [0], 0
    for line in body.split("\n")[:-1]:
        pos += len(line) + 1
        starts.append(pos)
    return starts


_CN_ONLY = re.compile(f"[{_CN_DIGITS}]+")
_PLANNED = re.compile(r"预计|计划|将|拟|力争|有望|目标")
_ACHIEVED = re.compile(r"已|实现了|完成|累计|达到")


def _not_a_figure(text: str, m: re.Match, idioms: list[tuple[int, int]]) -> bool:
    """Ordinals, 一 as an article (一批), numbered formulations, idioms, quoted codes, digits glued on the left."""
    s, e = m.start(), m.end()
    num = m.group("num") or ""
    if s > 0 and (text[s - 1] == "第" or text[s - 1].isdigit()):
        return True
    if num and _CN_ONLY.fullmatch(num):
        if num == "一" and not m.group("mag"):
            return True
        if m.group("unit") == "个" and numbered_formulations(text[s:e + 2]):
            return True
    if any(a < e and s < b for a, b in idioms):
        return True
    return _inside_quotes(text, s, e)


@functools.lru_cache(maxsize=1)
def _context_re() -> tuple[re.Pattern, dict[str, str]]:
    return re.compile(_alternation(kw for kw, _ in _contexts())), dict(_contexts())


_PHASE_END = re.compile(r"(?:[一二三四五六七八九首]期|项目)$")
_NOUN_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?=的|[,，。;；、]|$)")


def _figure_context(before: str, raw: str, after: str) -> tuple[str, str]:
    """(context, context kind): from the last context keyword before the figure in its clause (with
    a phase such as 一期 before it) to the figure, else the words around the figure.

    >>> _figure_context('达产后可实现年产固态电池', '8万千瓦时', '。'), _figure_context('一期总投资', '3亿元', ',')
    (('年产固态电池', 'capacity'), ('一期总投资', 'money'))
    """
    pat, kinds = _context_re()
    m = None
    for m in pat.finditer(before):
        pass
    if m:
        phase = _PHASE_END.search(before[:m.start()])
        return before[(phase.start() if phase else m.start()):], kinds[m.group(0)]
    noun = _NOUN_AFTER.match(after)
    return before[-2:] + raw + (noun.group(0) if noun else ""), ""


def _status(prefix: str) -> str:
    """planned / achieved / '' from the words before a figure in its sentence."""
    if _PLANNED.search(prefix):
        return "planned"
    if _ACHIEVED.search(prefix):
        return "achieved"
    return ""


def figures(articles: pd.DataFrame) -> pd.DataFrame:
    """Every quantity with a unit: raw, value (base units), unit, approx, kind, context, subject, status, evidence.

    Not figures: numbers without a unit, ordinals (第二十八次), numbered formulations
    (两个确立), idioms (四套班子, numeral_idioms.txt), quoted codes (“2468”), phases
    (一期: 期 is no unit), dates (they go to `dates`). status is planned (预计, 计划,
    将...) or achieved (已...) where the sentence says so before the figure.
    """
    return _finish(_figure_rows(_records(articles)), "figures")


@functools.lru_cache(maxsize=1)
def _idiom_re() -> re.Pattern:
    return re.compile(_alternation(lexicon("numeral_idioms")))


def _figure_rows(recs: list) -> list[dict]:
    idiom_re = _idiom_re()
    rows = []
    for r in recs:
        text = normalize(r.body)
        sents = _sentences(text)
        pstarts = _paragraph_starts(text)
        idioms = [(m.start(), m.end()) for m in idiom_re.finditer(text)]
        for m in _figure_re().finditer(text):
            if not m.group("unit") and not m.group("bare"):
                continue
            if _not_a_figure(text, m, idioms):
                continue
            f = _figure_from_match(m)
            if f is None:
                continue
            s, e = m.start(), m.end()
            s0, s1 = _sentence_at(sents, s)
            clause_start = max(s0, max(text.rfind(c, s0, s) for c in ",，;；:：") + 1)
            context, ck = _figure_context(text[clause_start:s], m.group(0), text[e:])
            kind = f["ukind"]
            if ck == "growth" and f["unit"] == "%":
                kind = "growth"
            elif ck == "capacity":
                kind = "capacity"
            if f["unit"] == "人":
                kind = "people"
            rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "raw": r.body[s:e],
                         "value": f["value"], "value_max": f["value_max"], "unit": f["unit"], "approx": f["approx"],
                         "kind": kind, "context": context,
                         "subject": _subject(text, s, pstarts[bisect.bisect_right(pstarts, s) - 1]),
                         "status": _status(text[s0:s]), "evidence": text[s0:s1].strip(), "start": s})
    return rows


_DATE_RE = re.compile(
    r"(?=[\d前昨今明])(?:(?P<ymd>(?P<y>\d{4})年(?:(?P<m>\d{1,2})(?:[-至到](?P<m2>\d{1,2}))?月(?:(?P<d>\d{1,2})日)?|(?P<half>上半年|下半年|底|初|年底|年初))?)"
    r"|(?P<mr>(?P<ma>\d{1,2})(?:至|到|-|—)(?P<mb>\d{1,2})月)"
    r"|(?P<md>(?P<m3>\d{1,2})月(?:(?P<d3>\d{1,2})日)?)"
    r"|(?P<rel>前天|昨天|昨日|今天|今日|明天|明日)(?:上午|下午|晚上|晚间|晚|早上|中午|凌晨|傍晚)?)")
_REL_DAYS = {"前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "明日": 1}


def resolve_date(raw: str, issue_date: pd.Timestamp | None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """A printed date -> (start, end) days; relative and yearless dates need the issue date.

    >>> resolve_date('2025年6月', None)
    (Timestamp('2025-06-01 00:00:00'), Timestamp('2025-06-30 00:00:00'))
    >>> resolve_date('昨天晚上', pd.Timestamp('2024-11-21'))[0]
    Timestamp('2024-11-20 00:00:00')
    """
    day = None if issue_date is None or pd.isna(issue_date) else datetime.datetime(issue_date.year, issue_date.month, issue_date.day)
    return tuple(None if d is None else pd.Timestamp(d) for d in _resolve_days(raw, day))


def _month_end(y: int, mo: int) -> datetime.datetime:
    return datetime.datetime(y, mo, calendar.monthrange(y, mo)[1])


def _resolve_days(raw: str, issue_day: datetime.datetime | None) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """resolve_date with plain datetimes (the extractor's inner loop)."""
    m = _DATE_RE.fullmatch(normalize(raw))
    if not m:
        return None, None
    try:
        if m.group("rel"):
            if issue_day is None:
                return None, None
            d = issue_day + datetime.timedelta(days=_REL_DAYS[m.group("rel")])
            return d, d
        if m.group("y"):
            y = int(m.group("y"))
            if m.group("m"):
                mo, mo2 = int(m.group("m")), int(m.group("m2") or m.group("m"))
                if m.group("d"):
                    d = datetime.datetime(y, mo, int(m.group("d")))
                    return d, d
                return datetime.datetime(y, mo, 1), _month_end(y, mo2)
            return datetime.datetime(y, 1, 1), datetime.datetime(y, 12, 31)
        if issue_day is None:
            return None, None
        y = issue_day.year
        if m.group("mr"):
            return datetime.datetime(y, int(m.group("ma")), 1), _month_end(y, int(m.group("mb")))
        mo = int(m.group("m3"))
        if mo > issue_day.month:
            y -= 1
        if m.group("d3"):
            d = datetime.datetime(y, mo, int(m.group("d3")))
            return d, d
        return datetime.datetime(y, mo, 1), _month_end(y, mo)
    except ValueError:
        return None, None


DATE_COLUMNS = ["issue_id", "date", "article", "raw", "start", "end", "pos"]


def dates(articles: pd.DataFrame) -> pd.DataFrame:
    """Dates printed in articles: issue_id, date, article, raw, start, end (resolved where the issue date allows)."""
    return _finish(_date_rows(_records(articles)), "dates")


def _date_rows(recs: list) -> list[dict]:
    rows = []
    for r in recs:
        text = normalize(r.body)
        day = None if r.date is None or pd.isna(r.date) else datetime.datetime(r.date.year, r.date.month, r.date.day)
        for m in _DATE_RE.finditer(text):
            if not m.group(0) or (m.start() > 0 and text[m.start() - 1].isdigit()):
                continue
            start, end = _resolve_days(m.group(0), day)
            rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "raw": r.body[m.start():m.end()],
                         "start": start, "end": end, "pos": m.start()})
    return rows


# ---------------------------------------------------------------------------
# Meetings and relays
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _bodies() -> dict[str, str]:
    """alias or body -> canonical body."""
    out = {}
    for f in lexicon_fields("meeting_bodies"):
        for a in f:
            out[a] = f[0]
    return out


_CN_ORD = r"第(?P<session>[零〇一二两三四五六七八九十百\d]+)次"
_LEAD_END = re.compile(r"(?<=[。；])")
MEETING_COLUMNS = ["issue_id", "date", "article", "body", "session", "kind", "chair", "held_on", "evidence"]


def meetings(articles: pd.DataFrame, appearances_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """The meeting an article reports: body, session number, kind, chair (from appearances: 主持), held_on.

    A meeting is reported when the headline or lead sentence has a body from
    meeting_bodies.txt with 召开/举行 or a meeting kind.
    """
    app = appearances_df if appearances_df is not None else appearances(articles)
    return _finish(_meeting_rows(_records(articles), app.to_dict("records")), "meetings")


_RELAYED_BEFORE = re.compile(r"(?:传达|学习|贯彻)[\u4e00-\u9fff]{0,4}$")
_TIME_OF_DAY = re.compile(r"(?:上午|下午|晚上|晚间|晚|早上|中午|凌晨|傍晚)$")


@functools.lru_cache(maxsize=1)
def _meeting_res() -> tuple[re.Pattern, re.Pattern]:
    """(a meeting body with its session and kind, 召开 + body + session + kind)."""
    bodies = _alternation(_bodies())
    kinds = _alternation(lexicon("meeting_kinds"))
    return (re.compile(rf"(?P<body>{bodies})(?:{_CN_ORD})?(?P<kind>{kinds})?"),
            re.compile(rf"召开(?:{bodies})?(?:第[零〇一二两三四五六七八九十百\d]+次)?(?P<k>{kinds})"))


def _meeting_rows(recs: list, app_rows: list[dict]) -> list[dict]:
    chairs: dict[tuple, list[str]] = defaultdict(list)
    for a in app_rows:
        if a["role"] == "主持":
            chairs[(a["issue_id"], a["article"])].append(a["name"])
    pat, convened = _meeting_res()
    rows = []
    for r in recs:
        if r.kind not in ("news", "brief"):
            continue
        lead = normalize(r.body.split("\n", 1)[0], is_traditional(r.body))
        lead_sentence = _LEAD_END.split(lead, maxsplit=1)[0]
        found = None
        for text in (normalize_article(r.headline, r.body)[0], lead_sentence):
            for m in pat.finditer(text):
                tail = text[m.end(): m.end() + 8]
                head = text[max(0, m.start() - 6): m.start()]
                if m.group("kind") or "召开" in tail or "召开" in head or "举行" in tail:
                    # the meeting held, not one relayed (传达学习中央...会议精神)
                    if _RELAYED_BEFORE.search(text[max(0, m.start() - 6): m.start()]):
                        continue
                    found = (m, text)
                    break
            if found:
                break
        if not found:
            continue
        m, text = found
        kind = m.group("kind") or ""
        if not kind:
            k2 = convened.match(text, m.end())
            kind = k2.group("k") if k2 else ""
        if not kind:
            kind = next((k for k in sorted(lexicon("meeting_kinds"), key=len, reverse=True) if _bodies()[m.group("body")].endswith(k)), "")
        if kind == "会议" and m.group("body").endswith("常委会"):
            kind = "常委会会议"
        session = cn_number(m.group("session")) if m.group("session") else None
        chair = chairs.get((r.issue_id, r.article), [])
        dl = r.dateline
        held = resolve_date(_TIME_OF_DAY.sub("", dl), r.date if pd.notna(r.date) else None)[0] if dl else None
        rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "body": _bodies()[m.group("body")],
                     "session": session, "kind": kind, "chair": "、".join(chair), "held_on": held,
                     "evidence": lead_sentence})
    return rows


@functools.lru_cache(maxsize=1)
def central_occasions() -> pd.DataFrame:
    """The analyst-kept dates of central occasions (data/lexicons/central_occasions.csv)."""
    df = pd.read_csv(LEXICONS / "central_occasions.csv", dtype=str, encoding="utf-8-sig").fillna("")
    df["date"] = pd.to_datetime(df["date"].replace("", None))
    return df


@functools.lru_cache(maxsize=1)
def _occasion_dates() -> dict[str, pd.Timestamp]:
    occ = central_occasions()
    return {o: d for o, d in zip(occ["occasion"], occ["date"]) if pd.notna(d)}


@functools.lru_cache(maxsize=1)
def _relay_re() -> re.Pattern:
    verbs = _alternation(lexicon("relay_verbs"))
    return re.compile(rf"(?:{verbs})了?(?P<obj>[^,，。；;]*?(?:精神|思想|重要指示|重要讲话|》))(?=[,，。；;及]|$)")


def _relay_matches(text: str) -> Iterator[re.Match]:
    """Relay phrases (传达学习...精神) left to right, none right after 结合 (结合学习...: not a relay).

    The pattern opens with the verbs, so the regex engine skips ahead to them; the 结合 test
    is made here and a refused place is searched again from the next character, as a look-behind would."""
    pat, pos = _relay_re(), 0
    while (m := pat.search(text, pos)) is not None:
        if text.endswith("结合", 0, m.start()):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()   # never empty: a match holds a verb


_RELAY_LEAD = re.compile(r"^(?:了|学习|贯彻|传达|落实)+了?")
_RELAY_LAW = re.compile(r"《([^》]+)》")
_RELAY_FORMS = re.compile(r"重要讲话|重要指示批示|重要指示|重要论述|贺信|回信")
_RELAY_OCCASIONS = tuple(re.compile(p) for p in (r"在(.+?)(?:上|时)的", r"(对.+?)作出的", r"(关于.+?)的", r"(近期系列)"))
_RELAY_SPIRIT = re.compile(r"(?:的)?精神$")
_RELAY_CENTRAL_BODY = re.compile(r"((?:中央|中共中央|国务院|全国)[\u4e00-\u9fff]*?(?:委员会|政治局|国务院))")
_RELAY_SPLIT = re.compile(r"(?<=精神)[和、]")


@functools.lru_cache(maxsize=1)
def _speaker_re() -> re.Pattern:
    return re.compile(r"((?:[\u4e00-\u9fff]{2,3})(?:" + _alternation(lexicon("central_titles")) + r"))")


def parse_relay_object(obj: str) -> dict[str, str]:
    """The object of a relay verb -> speaker, occasion, form.

    >>> parse_relay_object('习近平总书记在湖北考察时的重要讲话精神')
    {'speaker': '习近平总书记', 'occasion': '湖北考察', 'form': '重要讲话'}
    """
    obj = _RELAY_LEAD.sub("", obj)
    law = _RELAY_LAW.search(obj)
    if law:
        return {"speaker": "", "occasion": law.group(1), "form": "法律"}
    speaker = ""
    ms = _speaker_re().match(obj)
    if ms:
        speaker = ms.group(1)
    rest = obj[len(speaker):]
    if rest.endswith("思想"):
        return {"speaker": speaker or obj[: max(0, len(obj) - len(next((s for s in lexicon("thought_suffixes") if obj.endswith(s)), "")))],
                "occasion": obj, "form": "思想"}
    forms = _RELAY_FORMS.findall(rest)
    form = "、".join(dict.fromkeys(forms))
    occ = ""
    for pat in _RELAY_OCCASIONS:
        mo = pat.match(rest)
        if mo:
            occ = mo.group(1)
            break
    if not form:
        core = _RELAY_SPIRIT.sub("", rest)
        if core.endswith(("会议", "全会", "大会")):
            form, occ = "会议精神", core
            if not speaker:
                mb = _RELAY_CENTRAL_BODY.match(core)
                speaker = mb.group(1) if mb else ""
        else:
            form, occ = "精神", occ or core
    return {"speaker": speaker, "occasion": occ, "form": form}


RELAY_COLUMNS = ["issue_id", "date", "article", "meeting_body", "speaker", "occasion", "form", "central_date",
                 "delay_days", "evidence", "pos"]


def relays(articles: pd.DataFrame, meetings_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Central items an article's meeting relays or studies: speaker, occasion, form, central date and delay.

    One row per distinct occasion and form in an article; the central date comes from
    data/lexicons/central_occasions.csv, the delay from the meeting's held_on day.
    """
    mt = meetings_df if meetings_df is not None else meetings(articles)
    return _finish(_relay_rows(_records(articles), mt.to_dict("records")), "relays")


def _relay_rows(recs: list, meeting_rows: list[dict]) -> list[dict]:
    known = _occasion_dates()
    by_article = {(m["issue_id"], m["article"]): m for m in meeting_rows}
    rows = []
    for r in recs:
        text = normalize(r.body)
        sents = _sentences(text)
        mrow = by_article.get((r.issue_id, r.article))
        body = mrow["body"] if mrow else ""
        held = mrow["held_on"] if mrow else None
        seen = set()
        for m in _relay_matches(text):
            for part in _RELAY_SPLIT.split(m.group("obj")):
                item = parse_relay_object(part)
                if not item["occasion"] and not item["speaker"]:
                    continue
                key = (item["occasion"], item["form"])
                if key in seen:
                    continue
                seen.add(key)
                cdate = known.get(item["occasion"])
                cdate = cdate if cdate is not None and pd.notna(cdate) else None
                delay = (held - cdate).days if cdate is not None and held is not None and pd.notna(held) else None
                s0, s1 = _sentence_at(sents, m.start())
                rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "meeting_body": body,
                             **item, "central_date": cdate, "delay_days": delay, "evidence": text[s0:s1].strip(),
                             "pos": m.start()})
    return rows


_EMPTY_COLUMNS = {"issues": ISSUE_COLUMNS, "articles": ARTICLE_COLUMNS, "paragraphs": PARAGRAPH_COLUMNS,
                  "authors": AUTHOR_COLUMNS, "repairs": REPAIR_COLUMNS, "skipped": SKIPPED_COLUMNS,
                  "appearances": APPEARANCE_COLUMNS, "mentions": MENTION_COLUMNS, "slogans": SLOGAN_COLUMNS,
                  "figures": FIGURE_COLUMNS, "dates": DATE_COLUMNS, "meetings": MEETING_COLUMNS,
                  "relays": RELAY_COLUMNS, "tokens": ["issue_id", "article", "tokens"]}


# ---------------------------------------------------------------------------
# Summaries for the notebooks
# ---------------------------------------------------------------------------


def article_labels(articles: pd.DataFrame, width: int = 14) -> pd.Series:
    """A short label per article: '0 省政府领导来我区调研…', with the issue id when there are several issues.

    >>> article_labels(pd.DataFrame({'issue_id': ['a'], 'article': [4], 'kind': ['photo'], 'headline': ['']})).tolist()
    ['4 [photo]']
    """
    many = articles["issue_id"].nunique() > 1
    out = []
    for r in articles.itertuples(index=False):
        head = r.headline if len(r.headline) <= width else r.headline[:width] + "…"
        out.append(f"{r.issue_id + ' ' if many else ''}{r.article} {head or '[' + r.kind + ']'}")
    return pd.Series(out, index=articles.index)


def by_article(df: pd.DataFrame, articles: pd.DataFrame, column: str) -> pd.Series:
    """One column of a per-article table as a Series indexed by article labels (for charts)."""
    lab = dict(zip(zip(articles["issue_id"], articles["article"]), article_labels(articles)))
    return pd.Series(list(df[column]), index=pd.Index([lab[(i, a)] for i, a in zip(df["issue_id"], df["article"])]), name=column)


def when(dates: pd.Series, issue_ids: pd.Series, monthly: bool = False) -> list[str]:
    """Column labels for time: the issue date (or month), the issue id where the date is unknown."""
    fmt = "%Y-%m" if monthly else "%Y-%m-%d"
    return [d.strftime(fmt) if pd.notna(d) else i for d, i in zip(dates, issue_ids)]


def many_dates(df: pd.DataFrame) -> bool:
    """True when a table spans more than 31 issue dates (charts then group by month)."""
    return df["date"].nunique() > 31


def length_chart(articles: pd.DataFrame, ax=None, max_bars: int = 40):
    """Article lengths: one bar per article for a few, a histogram per kind for many; returns the axes."""
    if len(articles) <= max_bars:
        return bar_chart(by_article(articles, articles, "n_chars"), title="文章篇幅(字数)", xlabel="字", ax=ax)
    ax = _ax(ax)
    for kind, g in articles.groupby("kind", sort=True):
        ax.hist(g["n_chars"], bins=30, alpha=0.6, label=kind)
    ax.legend(fontsize=8)
    ax.set_title(f"文章篇幅分布({len(articles)}篇)")
    ax.set_xlabel("字")
    return ax


def topic_chart(topics_df: pd.DataFrame, articles: pd.DataFrame, ax=None, max_bars: int = 40):
    """Topic per article with its score for a few articles; articles per topic for many; returns the axes."""
    if len(topics_df) <= max_bars:
        ax = bar_chart(by_article(topics_df, articles, "score"), title="各文章的主题及得分", xlabel="得分(主题词权重占比)",
                       colors=[TOPIC_COLORS.get(t, "#999999") for t in topics_df["topic"]], ax=ax)
    else:
        counts = topics_df["topic"].value_counts().sort_values(ascending=False)
        ax = bar_chart(counts, title=f"各主题文章数({len(topics_df)}篇)", xlabel="篇数",
                       colors=[TOPIC_COLORS.get(t, "#999999") for t in counts.index], ax=ax)
    return color_legend(ax, TOPIC_COLORS, topics_df["topic"])


def author_table(authors: pd.DataFrame) -> pd.DataFrame:
    """One row per author and role: name, role, n_issues, n_articles (most productive first)."""
    if authors.empty:
        return pd.DataFrame(columns=["name", "role", "n_issues", "n_articles"])
    g = authors.groupby(["name", "role"]).agg(n_issues=("issue_id", "nunique"), n_articles=("article", "size")).reset_index()
    return g.sort_values(["n_articles", "name", "role"], ascending=[False, True, True]).reset_index(drop=True)


def warning_table(corpus: Corpus) -> pd.DataFrame:
    """Every warning of the parse, one a row: issue_id, warning (skipped files included)."""
    rows = [(r.issue_id, w) for r in corpus.issues.itertuples() for w in r.warnings.splitlines()]
    rows += [(r.source_file, "skipped: " + r.reason) for r in corpus.skipped.itertuples()]
    return pd.DataFrame(rows, columns=["issue_id", "warning"])


def word_frequencies(tokens_df: pd.DataFrame) -> pd.Series:
    """Counts of keyword candidates over all articles, largest first (ties by word)."""
    c = Counter(t for toks in tokens_df["tokens"] for t in token_list(toks) if is_keyword_candidate(t))
    items = sorted(c.items(), key=lambda x: (-x[1], x[0]))
    return pd.Series(dict(items), dtype="int64", name="count")


def keywords_wide(kw: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Keywords as one row per article: label, then the words in rank order."""
    lab = dict(zip(zip(articles["issue_id"], articles["article"]), article_labels(articles)))
    g = kw.groupby(["issue_id", "article"])["word"].agg("、".join).reset_index()
    g.insert(0, "文章", [lab[(i, a)] for i, a in zip(g["issue_id"], g["article"])])
    return g.drop(columns=["issue_id", "article"]).rename(columns={"word": "关键词"})


def topic_shares(topics_df: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Share of articles per lexicon topic, per issue date (issue id where the date is missing)."""
    t = topics_df.merge(articles[["issue_id", "article", "date"]], on=["issue_id", "article"])
    t["when"] = when(t["date"], t["issue_id"], monthly=many_dates(t))
    x = pd.crosstab(t["when"], t["topic"], normalize="index").round(3)
    return x[sorted(x.columns)]


def slogan_totals(slogans_df: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """The n most frequent phrases: phrase, kind (the first way it was found), total count."""
    order = {"lexicon": 0, "numbered": 1, "quoted": 2, "parallel": 3, "law": 4}
    s = slogans_df.drop_duplicates(["issue_id", "article", "phrase"]).copy()
    kinds = slogans_df.assign(o=slogans_df["kind"].map(order)).sort_values("o").groupby("phrase")["kind"].first()
    t = s.groupby("phrase")["count"].sum().rename("total").reset_index()
    t["kind"] = t["phrase"].map(kinds)
    return t.sort_values(["total", "phrase"], ascending=[False, True]).head(n).reset_index(drop=True)


def slogan_matrix(slogans_df: pd.DataFrame, articles: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """Phrases (the n most frequent) x articles (x issue dates or months when there are several issues): counts."""
    top = slogan_totals(slogans_df, n)["phrase"]
    s = slogans_df[slogans_df["phrase"].isin(top)].drop_duplicates(["issue_id", "article", "phrase"])
    if articles["issue_id"].nunique() == 1:
        lab = dict(zip(zip(articles["issue_id"], articles["article"]), article_labels(articles, 8)))
        s = s.assign(col=[lab[(i, a)] for i, a in zip(s["issue_id"], s["article"])])
    else:   # several issues: one column per issue date (per month beyond a month of issues)
        s = s.assign(col=when(s["date"], s["issue_id"], monthly=many_dates(s)))
    m = s.pivot_table(index="phrase", columns="col", values="count", aggfunc="sum", fill_value=0)
    return m.loc[[p for p in top if p in m.index]]


def parallel_decisions(articles: pd.DataFrame) -> pd.DataFrame:
    """Every run of items joined by 、 and what the parallel-formula rule made of it: article, run, formula."""
    rows = []
    for r in articles.itertuples(index=False):
        text = r.body.replace("\n", "")
        found = set(parallel_formulas(text))
        for clause in _clauses(text):
            if "、" in clause:
                hit = sorted(f for f in found if f in clause)
                rows.append({"issue_id": r.issue_id, "article": r.article, "run": clause,
                             "formula": "；".join(hit)})
    return pd.DataFrame(rows, columns=["issue_id", "article", "run", "formula"])


def roles_by_person(appearances_df: pd.DataFrame) -> pd.DataFrame:
    """Person x role: number of articles (people by total, roles by frequency)."""
    if appearances_df.empty:
        return pd.DataFrame()
    x = pd.crosstab(appearances_df["name"], appearances_df["role"].replace("", "(无)"))
    x = x.loc[sorted(x.index, key=lambda n: (-x.loc[n].sum(), n))]
    return x[sorted(x.columns, key=lambda c: (-x[c].sum(), c))]


def protocol_order(appearances_df: pd.DataFrame) -> pd.DataFrame:
    """How each person is ranked in lists: n_articles, times named first, mean position (0 = first)."""
    if appearances_df.empty:
        return pd.DataFrame(columns=["name", "n_articles", "named_first", "mean_order"])
    g = appearances_df.groupby("name").agg(n_articles=("order", "size"), named_first=("order", lambda o: int((o == 0).sum())),
                                           mean_order=("order", "mean")).reset_index()
    g["mean_order"] = g["mean_order"].round(2)
    return g.sort_values(["mean_order", "name"]).reset_index(drop=True)


def appearances_over_time(appearances_df: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """The `top` people x issue date (month beyond a month of issues; issue id where undated): articles."""
    if appearances_df.empty:
        return pd.DataFrame()
    a = appearances_df.assign(when=when(appearances_df["date"], appearances_df["issue_id"], monthly=many_dates(appearances_df)))
    x = pd.crosstab(a["name"], a["when"])
    return x.loc[sorted(x.index, key=lambda n: (-x.loc[n].sum(), n))[:top]]


def central_and_local(appearances_df: pd.DataFrame, mentions_df: pd.DataFrame) -> pd.DataFrame:
    """Mentions of central leaders beside local appearances: name, kind (出场 / 提及), articles, occurrences."""
    a = appearances_df.groupby("name").size().rename("articles").reset_index().assign(kind="出场", occurrences=np.nan)
    m = mentions_df.groupby("name").agg(articles=("article", "size"), occurrences=("count", "sum")).reset_index().assign(kind="提及")
    out = pd.concat([m, a], ignore_index=True)[["name", "kind", "articles", "occurrences"]]
    out["occurrences"] = out["occurrences"].astype("Int64")
    return out.sort_values(["kind", "articles", "name"], ascending=[False, False, True]).reset_index(drop=True)


LEVEL_COLORS = {"中央": "#b2182b", "省": "#ef8a62", "市": "#fddbc7", "区": "#67a9cf", "镇街": "#2166ac", "": "#bbbbbb"}
KIND_COLORS = {"lexicon": "#1b9e77", "numbered": "#d95f02", "quoted": "#7570b3", "parallel": "#e7298a", "law": "#66a61e"}


def figure_labels(figures_df: pd.DataFrame) -> pd.Series:
    """A label per figure: raw text and what it measures ('35万辆 年产')."""
    return pd.Series([f"{r} {c[:10]}" for r, c in zip(figures_df["raw"], figures_df["context"])], index=figures_df.index)


def figure_values(figures_df: pd.DataFrame, top: int = 30) -> pd.Series:
    """The `top` figure values indexed by their labels, largest first (for a log-scale chart)."""
    f = figures_df.sort_values(["value", "raw"], ascending=[False, True]).head(top)
    return pd.Series(list(f["value"]), index=pd.Index(list(figure_labels(f))), name="value")


def figures_by_subject(figures_df: pd.DataFrame) -> pd.DataFrame:
    """Money and capacity figures per company or project: subject, kind, raw, value, unit, status."""
    f = figures_df[figures_df["kind"].isin(["money", "capacity"]) & (figures_df["subject"] != "")]
    return f[["subject", "kind", "raw", "value", "unit", "status", "issue_id", "article"]].sort_values(
        ["subject", "kind", "value"]).reset_index(drop=True)


def figure_totals(figures_df: pd.DataFrame) -> pd.DataFrame:
    """Sums per issue date, kind and unit (approximate values counted as printed)."""
    if figures_df.empty:
        return pd.DataFrame(columns=["when", "kind", "unit", "n", "total"])
    f = figures_df.assign(when=when(figures_df["date"], figures_df["issue_id"], monthly=many_dates(figures_df)))
    return f.groupby(["when", "kind", "unit"]).agg(n=("value", "size"), total=("value", "sum")).reset_index()


TOPIC_COLORS = {"产业经济": "#1f77b4", "党建与政治学习": "#d62728", "全面深化改革": "#ff7f0e", "法治建设": "#9467bd",
                "重大项目": "#2ca02c", "民生": "#8c564b", "安全稳定": "#7f7f7f", "文化": "#e377c2", "其他": "#bbbbbb"}


def compare_topics(lexicon_topics: pd.DataFrame, nmf_topics: pd.DataFrame) -> pd.DataFrame:
    """Lexicon topic x NMF topic: number of articles (where both views agree, counts pile up)."""
    m = lexicon_topics.merge(nmf_topics, on=["issue_id", "article"])
    return pd.crosstab(m["topic"], m["nmf_words"])


def relay_forms(relays_df: pd.DataFrame) -> pd.DataFrame:
    """Meeting body x form of the relayed item: number of items."""
    if relays_df.empty:
        return pd.DataFrame()
    return pd.crosstab(relays_df["meeting_body"].replace("", "(未识别会议)"), relays_df["form"])


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------


def _ax(ax=None, figsize=(8, 4)):
    import matplotlib.pyplot as plt

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


# ---------------------------------------------------------------------------
# Tables out
# ---------------------------------------------------------------------------


def save_table(df: pd.DataFrame, name: str) -> str:
    """Write data/processed/NAME.csv with a UTF-8 BOM (Excel reads the Chinese); returns the relative path."""
    path = out_dir() / "data" / "processed" / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    return f"data/processed/{name}.csv"
