"""Text primitives, one definition each: Chinese character, sentence, clause, normalisation, Chinese numerals."""
from __future__ import annotations

import bisect
import functools
import math
import re
from pathlib import Path



def visible_chars(text: str) -> int:
    """Number of non-whitespace characters.

    >>> visible_chars('本报讯 (记者) ')
    7
    """
    return sum(map(len, text.split()))


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


_SENTENCE_END = "。！？!?；;：:…"


_CLOSERS = "”’」』）)》】"


_SOURCE_NOTE = re.compile(r"[(（][^()（）]{1,20}[)）]")


def is_terminated(text: str) -> bool:
    """True when a paragraph ends a sentence (so a page break did not cut it).

    >>> is_terminated('会议还研究了其他事'), is_terminated('成新成效。'), is_terminated('“三张名片”。')
    (False, True, True)
    """
    t = text.rstrip()
    if t and t[-1] in _SENTENCE_END:
        return True   # the common case: a source note ends with a bracket
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


_CN_DIGITS = "零〇一二两三四五六七八九十百千"


_CLAUSE_SPLIT = re.compile(r"[,，。；;：:！？!?\n“”\"《》()（）—]+")


def _clauses(text: str, containing: str = "") -> list[str]:
    """The clauses of a text (between punctuation), those `containing` a string if given.

    >>> _clauses('甲、乙。丙，丁、戊；己', '、')
    ['甲、乙', '丁、戊']
    """
    if not containing:
        return [c for c in _CLAUSE_SPLIT.split(text) if c]
    if _CLAUSE_SPLIT.search(containing):
        return []   # a clause holds no punctuation
    out, n, i = [], len(text), text.find(containing)
    back = text[::-1] if i >= 0 else ""
    while i >= 0:   # from each occurrence, out to the punctuation on either side
        m = _CLAUSE_MARK.search(back, n - i)
        start = n - m.start() if m else 0
        m = _CLAUSE_MARK.search(text, i + len(containing))
        end = m.start() if m else n
        out.append(text[start:end])
        i = text.find(containing, end)
    return out


_CLAUSE_MARK = re.compile(_CLAUSE_SPLIT.pattern[:-1])   # one punctuation mark


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


def _sentence_at(sents: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding pos (binary search)."""
    return sents[max(bisect.bisect_right(sents, (pos, math.inf)) - 1, 0)]


_SENTENCE_SPLIT = re.compile(r"[。！？!?；;\n]")


@functools.lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of a text, ending at 。！？; or a newline."""
    ends = [m.end() for m in _SENTENCE_SPLIT.finditer(text)]
    if (ends[-1] if ends else 0) < len(text):
        ends.append(len(text))
    return tuple(zip([0] + ends[:-1], ends))


_LAST_END = re.compile(r"(?s:.*)[。！？!?；;\n]")   # greedy: up to the last sentence end


def sentence_around(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the sentence holding pos as _sentences cuts them, read around pos only.

    >>> t = '甲。乙召开会议,丙。丁'
    >>> [sentence_around(t, i) for i in (0, 1, 2, 8, 10, 11)]
    [(0, 2), (0, 2), (2, 10), (2, 10), (10, 11), (10, 11)]
    """
    if pos >= len(text):   # past the last character: the last sentence, as the list of them has it
        return _sentence_at(_sentences(text), pos)
    lo = max(0, pos - 200)
    m = _LAST_END.match(text, lo, pos) or (_LAST_END.match(text, 0, lo) if lo else None)
    end = _SENTENCE_SPLIT.search(text, pos)
    return m.end() if m else 0, end.end() if end else len(text)


_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


@functools.lru_cache(maxsize=4096)
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


# Characters that print nothing but change what the parser sees (a zero-width space before 本报讯
# hides the byline): removed before parsing and counted in the warnings.
_INVISIBLE_KINDS = (
    ("ANSI escape", r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]{0,200}(?:\x07|\x1b\\)?|[@-Z\\-_])?"),
    ("zero-width", "[\u200b\u200c\u200d\u2060\ufeff\u180e]"),
    ("bidi mark", "[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]"),
    ("soft hyphen", "\u00ad"),
    ("control", "[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]"),
)


ANSI_ESCAPE = re.compile(_INVISIBLE_KINDS[0][1])


_INVISIBLE = re.compile("|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_INVISIBLE_KINDS)))


_INVISIBLE_FIRST = re.compile("[\x1b\u200b\u200c\u200d\u2060\ufeff\u180e\u200e\u200f\u202a-\u202e\u2066-\u2069"
                              "\u061c\u00ad\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")   # one class: a fast first test


_BREAKS = re.compile("[\x0b\x0c\u2028\u2029]")   # vertical tab, form feed, line and paragraph separators


def strip_invisible(text: str) -> tuple[str, tuple[tuple[str, int], ...]]:
    """Text without invisible and control characters -> (text, ((kind, characters removed), ...)).

    Zero-width characters, BOMs inside the text, bidi marks, soft hyphens, ANSI escape sequences
    (the whole sequence) and C0/C1 controls go; form feeds and line separators become line ends.

    >>> strip_invisible('\\u200b本报讯\\x1b[31m(记者 甲乙)\\u202e')
    ('本报讯(记者 甲乙)', (('ANSI escape', 5), ('zero-width', 1), ('bidi mark', 1)))
    """
    if _BREAKS.search(text):
        text = _BREAKS.sub("\n", text)
    if not _INVISIBLE_FIRST.search(text):
        return text, ()
    counts = [0] * len(_INVISIBLE_KINDS)
    for m in _INVISIBLE.finditer(text):
        counts[int(m.lastgroup[1:])] += m.end() - m.start()
    cleaned = _INVISIBLE.sub("", text)
    return cleaned, tuple((k, n) for (k, _), n in zip(_INVISIBLE_KINDS, counts) if n)


def invisible_warning(name: str, removed: tuple[tuple[str, int], ...]) -> str:
    """The warning that reports what strip_invisible removed ('' when nothing).

    >>> invisible_warning('a.txt', (('zero-width', 2),))
    'a.txt: removed 2 invisible or control characters before parsing (2 zero-width)'
    """
    if not removed:
        return ""
    total = sum(n for _, n in removed)
    return (f"{name}: removed {total} invisible or control characters before parsing ("
            + ", ".join(f"{n} {k}" for k, n in removed) + ")")


def is_known(x) -> bool:
    """pd.notna of one value without pandas' dispatch: None, NaT and NaN (the values unequal to themselves) are not.

    >>> import pandas as pd
    >>> is_known(pd.Timestamp('2024-01-02')), is_known(pd.NaT), is_known(None), is_known(float('nan')), is_known(pd.NA)
    (True, False, False, False, False)
    """
    if x is None:
        return False
    try:
        return bool(x == x)
    except TypeError:    # pd.NA: its comparisons are NA, which has no truth value
        return False
