"""The subject of a figure: the company or project nearest before it in its paragraph."""
from __future__ import annotations

import bisect
import functools
import itertools
import re

from ..lexicons import lexicon
from ..patterns import _alternation
from ..text import _CN_DIGITS, _sentences


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


def _paragraph_starts(body: str) -> list[int]:
    starts, pos = [0], 0
    for line in body.split("\n")[:-1]:
        pos += len(line) + 1
        starts.append(pos)
    return starts
