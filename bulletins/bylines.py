"""Bylines and photo credits: 本报讯(记者 甲), 记者 甲 通讯员 乙, 甲 乙 摄 -> names and roles."""
from __future__ import annotations

import functools
import re

from .lexicons import lexicon_fields
from .patterns import _alternation


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
