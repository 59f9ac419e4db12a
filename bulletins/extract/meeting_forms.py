"""Meeting forms the body rule of meetings.py does not cover: a CPPCC plenary session named in full
(政协甲县第五届委员会第三次会议), and the body of a named meeting that says none before it."""
from __future__ import annotations

import functools
import re

from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation
from ..text import cn_number, sentence_around

_NUM = "[零〇一二两三四五六七八九十百千\\d]+"


_CPPCC = re.compile(rf"(?:中国人民政治协商会议|政协)[\u4e00-\u9fff]{{0,10}}?(?P<level>县|区|市|旗|州|省)第?(?P<term>{_NUM})届委员会"
                    rf"第?(?P<session>{_NUM})次(?:全体)?会议(?![室厅堂])")


def cppcc_sessions(text: str) -> list[dict]:
    """CPPCC plenary sessions named in full, held or not (the caller checks): body 县政协, with span.

    >>> [(m['body'], m['term'], m['session'], m['span']) for m in cppcc_sessions('政协甲乙县第五届委员会第三次会议开幕')]
    [('县政协', 5, 3, (0, 16))]
    """
    if "届委员会" not in text:   # every full name holds it: no scan where it is missing
        return []
    return [{"body": m.group("level") + "政协", "term": cn_number(m.group("term")), "session": cn_number(m.group("session")),
             "kind": "全体会议", "name": m.group(0), "pos": m.start(), "rule": "body", "span": m.span()}
            for m in _CPPCC.finditer(text)]


@functools.lru_cache(maxsize=1)
def _unit_name() -> re.Pattern:
    units = _alternation(u for u, r in lexicon_fields("meeting_units") if r == "unit")
    return re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?P<body>(?:{_alternation(lexicon('meeting_levels'))})[\u4e00-\u9fff]{{1,8}}?(?:{units}))")


@functools.lru_cache(maxsize=1)
def _kind_words() -> tuple[str, ...]:
    return tuple(f[0] for f in lexicon_fields("meeting_kinds"))


def named_body(name: str, kind: str) -> str:
    """The body of a named meeting that says none before it: the first meeting of a combined one
    (甲会议暨乙大会 -> 甲会议), or the unit that names it, without its place (甲乙县某某局新闻发布会 -> 县某某局).

    >>> named_body('县委某工作会议暨某某表彰大会', '表彰大会'), named_body('甲乙县某某局新闻发布会', '新闻发布会')
    ('县委某工作会议', '县某某局')
    >>> named_body('全县某某工作会议', '工作会议')
    ''
    """
    first = name.split("暨")[0]
    if first != name and first.endswith(_kind_words()):
        return first
    unit = _unit_name().fullmatch(name[: -len(kind)])
    return unit.group("body") if unit else ""


def _sentence_around(text: str, pos: int) -> str:
    """The sentence holding pos (text.sentence_around), as text.

    >>> _sentence_around('甲。乙召开会议,丙。丁', 3)
    '乙召开会议,丙。'
    """
    a, b = sentence_around(text, pos)
    return text[a:b].strip()


CLAUSE_BACK = 160
_UP_TO_CLAUSE_END = re.compile(r".*[,，。；;！？!?\n]", re.S)   # greedy: up to the last clause end


def _clause_start(text: str, start: int) -> int:
    """Where the clause holding start begins, at most CLAUSE_BACK characters before it.

    >>> _clause_start('甲,乙召开会议', 5)
    2
    """
    lo = max(0, start - CLAUSE_BACK)
    m = _UP_TO_CLAUSE_END.match(text, lo, start)
    return m.end() if m else lo
