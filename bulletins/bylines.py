"""Bylines and credits -> names and roles.

Opening bylines: 本报讯(记者 甲), 本报讯 记者甲 通讯员乙, X网讯 / X台讯 / X新闻讯(…), 本報訊, 又讯,
本报讯5月25日…, 本报记者 乙, ■甲, 本报评论员. Closing credits: (甲 乙), (记者 甲), (X供稿),
甲 乙 摄, 融媒体记者:甲, 作者:甲, 甲 乙(实习). Labels and their roles: data/lexicons/byline_labels.txt;
words that close a credit (摄, 供稿, 文/图): data/lexicons/credit_words.txt.
"""
from __future__ import annotations

from typing import Mapping

from .patterns import frozen

import functools
import re

from .lexicons import lexicon, lexicon_fields
from .text import normalize

_MARK = r"[■●◆▲★□◇]?\s*"
_CJK = r"[\u3400-\u4dbf\u4e00-\u9fff]"
# 本报讯 / 本報訊 / 又讯 / 宣城新闻网讯 / 某某台讯 / 新华社北京5月1日电
_OPENER = (r"(?:本报|本報|本台|本网|本網|本刊|又|" + _CJK + r"{1,10}?(?:新闻网|新聞網|电视台|網|网|台|报|報|新闻|新聞|融媒|中心))[讯訊]"
           r"|(?:新华社|中新社|" + _CJK + r"{2,6}社)" + _CJK + r"{0,6}\d{1,2}月\d{1,2}日电"
           r"|(?!据)(?:(?!记者|通讯员)" + _CJK + r"){2,10}?报道(?=\s*[:：])")   # 云上某某报道: (no name in it)
# 云上某某讯: any name, before brackets or a label; 某某日报·某某客户端10月8日讯 / 某某在线-某某网9月14日讯 (a date in it)
_ANY_OPENER = (r"(?:" + _OPENER + r"|" + _CJK + r"{2,8}[讯訊]|" + _CJK + r"{2,10}[·\-]" + _CJK + r"{2,10}"
               r"(?:\d{1,2}月\d{1,2}日)?[讯訊]|" + _CJK + r"{2,10}\d{1,2}月\d{1,2}日[讯訊])")
# 据某某新闻网李某报道:
_REPORTED = r"据" + _CJK + r"{2,12}?(?:新闻网|电视台|网|台|报|新闻|中心|融媒)\s*(?:记者)?\s*" + _CJK + r"{2,4}?报道\s*[:：]"
# 某某电视台记者李某报道: (a station, then its reporter)
_STATION = _CJK + r"{2,10}?(?:广播电视台|电视台|融媒体中心|融媒|台|网|报|新闻)"
_NOT_NAME = r"(?!昨天|昨日|今天|今日|前天|近日|日前|连日|近期|本周|上周|本月|上午|下午|晚上|报道|供稿|供图)"
_NAME = _NOT_NAME + r"[\u4e00-\u9fff·]{2,5}"


@functools.lru_cache(maxsize=1)
def _byline_labels() -> Mapping[str, str]:
    out = {}
    for f in lexicon_fields("byline_labels"):
        out[f[0]] = f[1] if len(f) > 1 else ""
    return frozen(out)


@functools.lru_cache(maxsize=1)
def _labels_re() -> str:
    """The labels, longest first, each allowing one space between its characters (记 者)."""
    labels = sorted(_byline_labels(), key=len, reverse=True)
    return "(?:" + "|".join(r"\s?".join(map(re.escape, w)) for w in labels) + ")"


@functools.lru_cache(maxsize=1)
def _closers_re() -> str:
    """Words that close a credit: 摄, 摄影报道, 供稿, 文/图 (data/lexicons/credit_words.txt)."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(lexicon("credit_words"), key=len, reverse=True)) + ")"


@functools.lru_cache(maxsize=1)
def _byline_res() -> Mapping[str, re.Pattern]:
    lab, name, close = _labels_re(), _NAME, _closers_re()
    tokens = rf"(?:\s*{lab}\s*[:：]?\s*{name}(?:[\s、,，]+{name})*)+"
    one = rf"(?:{lab}\s*[:：]?\s*)?{name}(?:\s*[(（]实习生?[)）])?"   # [记者] 甲 [(实习)]
    inner = rf"\s*{one}(?:[\s、,，/]+{one})*\s*(?:{close})?\s*"
    return frozen({
        # 本报讯(记者 乙) / 宣城新闻网讯 (记者乙 文/图)
        "paren": re.compile(rf"^{_MARK}(?:{_ANY_OPENER})\s*[(（][^()（）]{{0,60}}[)）](?:\s*报道)?\s*[:：]?"),
        # 本报讯 记者 乙 通讯员 甲 / 本报讯通讯员甲某报道:
        "tokens": re.compile(rf"^{_MARK}(?:{_ANY_OPENER})\s*[:：]?(?P<tok>{tokens})"
                             r"(?:\s*报道\s*[:：]?|\s*[:：]|(?=\s|$|[,，]))"),
        # 本报讯 28日, / 宣城新闻网讯 2019年 / 通道新闻网讯:
        "opener": re.compile(rf"^{_MARK}(?:{_OPENER})\s*[:：]?|^{_REPORTED}"),
        "station": re.compile(rf"^{_MARK}{_STATION}\s*(?P<tok>{tokens})\s*报道\s*[:：]"),
        # 本报记者 乙 / 记者 乙 通讯员 甲 (a label first, on its own line or before a space)
        "labelled": re.compile(rf"^{_MARK}(?P<tok>{tokens})(?=\s|$|[,，])"),
        # 本报评论员 / 本台评论员 alone; ■甲 alone
        "anonymous": re.compile(r"^[■●◆▲★]?\s*(?:本报|本台|本网|本刊)?(?:特约)?评论员$"),
        "marked": re.compile(rf"^[■●◆▲★]\s*{name}(?:\s+{name}){{0,3}}$"),
        "credit_inner": re.compile(rf"^{inner}$"),
        "closed": re.compile(rf"{close}\s*$"),
    })


@functools.lru_cache(maxsize=1)
def _credit_res() -> Mapping[str, re.Pattern]:
    lab, close = _labels_re(), _closers_re()
    return frozen({
        "opener": re.compile(rf"^{_MARK}(?:{_ANY_OPENER})|^据" + _CJK + r"{2,12}?(?:新闻网|电视台|网|台|报|新闻|中心|融媒)"
                             rf"|^{_MARK}{_STATION}(?=\s*{lab})"),
        "closer": re.compile(r"(?:" + close + r"|报道)(?=\s*[)）]?\s*$)"),
        "token": re.compile(rf"({lab})|〔(实习生?|见习)〕|((?:(?!{lab})[\u4e00-\u9fff·])+)|([A-Za-z][A-Za-z_]{{1,15}})"),
        "label_line": re.compile(rf"^(?:作者|{lab})\s*[:：|｜/]\s*{_NAME}(?:[\s、,，]+{_NAME})*$"),
        # 总监制:甲监制:乙责编:丙编辑:丁 (staff credits run together, each name ended by the next label)
        "staff_line": re.compile(rf"^(?:\s*{lab}\s*[:：]\s*(?:(?!{lab})[\u4e00-\u9fff·]){{2,5}}){{2,}}\s*$"),
        # (县农业局 甲): the writer's unit before the writer's name
        "unit_first": re.compile(r"^[\u4e00-\u9fff]{2,10}\s+(?=[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4}){0,2}$)"),
        "photo_line": re.compile(rf"^(?:摄影|图片|图)\s*[:：/]\s*{_NAME}(?:\s+{_NAME})*$"),
        "supplied": re.compile(rf"^{_CJK}{{2,8}}(?:供稿|供图)$"),
        "unit": re.compile(rf"{_CJK}{{2,10}}"),
        "label": re.compile(lab),
        "close": re.compile(close),
    })


_SPACED = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]) ([\u4e00-\u9fff])(?![\u4e00-\u9fff])")
_SPACED_GATE = re.compile(r" (?<=(?<![\u4e00-\u9fff])[\u4e00-\u9fff] )(?=[\u4e00-\u9fff](?![\u4e00-\u9fff]))")   # where
# _SPACED can match, found from its space (a literal first: the search skips from space to space)


def _join_spaced(s: str) -> str:
    """Two single characters set one space apart (记 者, 赵 鑫: a two-character name padded to three) joined.

    >>> _join_spaced('记 者 | 张某某 赵 某')
    '记者 | 张某某 赵某'
    """
    return _SPACED.sub(r"\1\2", s) if " " in s and _SPACED_GATE.search(s) else s


@functools.lru_cache(maxsize=1)
def _byline_gate() -> re.Pattern:
    """What every byline opens with (more lines pass than are bylines; the byline patterns decide)."""
    return re.compile(r"[■●◆▲★□◇\s]*(?:\S{0,24}?(?:[讯訊电]|报道|记者|通讯员)|据|" + _labels_re() + r"|" + _NAME + r"$)")


@functools.lru_cache(maxsize=8192)
def split_byline(line: str) -> tuple[str, str]:
    """Split a paragraph into (byline, rest); byline is '' when the paragraph has none.

    >>> split_byline('本报讯(记者 王某) 昨天晚上,区委常委会召开会议')
    ('本报讯(记者 王某)', '昨天晚上,区委常委会召开会议')
    >>> split_byline('某某新闻网讯 5月25日,全区召开会议。')
    ('某某新闻网讯', '5月25日,全区召开会议。')
    >>> split_byline('本报讯通讯员李某某报道:近日,全县开展活动。')
    ('本报讯通讯员李某某报道:', '近日,全县开展活动。')
    """
    if not _byline_gate().match(line):   # the cheap test first: most paragraphs open with no 讯 or label
        return "", line
    r = _byline_res()
    t = line.strip()
    if r["anonymous"].match(t) or r["marked"].match(t):
        return t, ""
    m = r["paren"].match(line) or r["tokens"].match(line) or r["opener"].match(line) or r["labelled"].match(line) \
        or r["station"].match(line)
    if not m:
        return "", line
    by = line[: m.end()].rstrip()
    return by, line[m.end():].strip()


def _credit_text(s: str) -> str:
    """A byline or credit with its opener, brackets and closing words turned into spaces."""
    r = _credit_res()
    s = r["opener"].sub(" ", s.strip())
    s = re.sub(r"[(（]\s*(实习生?|见习)\s*[)）]", r" 〔\1〕 ", s)   # 甲(实习): a role after the name
    s = r["closer"].sub(" ", s)   # 摄 / 供稿 / 文/图 at the end
    s = re.sub(r"[()（）:：、,，/|｜■●◆▲★□◇]", " ", s)
    s = re.sub(r"[\u2460-\u24ff\d]+", " ", s)   # editorial codes (③2)
    return re.sub(r"报道", " ", s)


def byline_authors(byline: str) -> list[tuple[str, str]]:
    """Names and roles in a byline or credit; an unlabelled name has role '' (摄影 in a photo
    credit, where a printed label keeps its own role).

    >>> byline_authors('本报讯(张某 记者 王某某)')
    [('张某', ''), ('王某某', '记者')]
    >>> byline_authors('李某 赵某某 摄'), byline_authors('本报记者 李某 通讯员 赵某 摄')
    ([('李某', '摄影'), ('赵某某', '摄影')], [('李某', '记者'), ('赵某', '通讯员')])
    >>> byline_authors('某某网讯(记者李某 文/图)'), byline_authors('本报评论员')
    ([('李某', '记者')], [('本报评论员', '评论员')])
    """
    return list(_byline_authors(byline))


@functools.lru_cache(maxsize=4096)
def _byline_authors(byline: str) -> tuple[tuple[str, str], ...]:

    labels = _byline_labels()
    t = _join_spaced(normalize(byline.strip()))
    if _byline_res()["anonymous"].match(t):
        return tuple([(re.sub(r"^[■●◆▲★]\s*", "", t), "评论员")])
    is_photo = bool(re.search(r"摄(?:影|像)?(?:报道)?\s*[)）]?\s*$", t)) or bool(re.match(r"^\s*(?:摄影|图片|图)\s*[:：/]", t))
    s = re.sub(r"^\s*(?:摄影|图片|图)\s*[:：/]", " ", _credit_text(t)) if is_photo else _credit_text(t)
    out: list[tuple[str, str]] = []
    role, after_label = ("摄影" if is_photo else ""), False
    cr = _credit_res()
    if (u := cr["unit_first"].match(t.strip("()（） "))) and _is_unit(u.group(0).strip()):
        s = s.replace(u.group(0).strip(), " ", 1)   # (县农业局 甲): the unit is no author
    for m in cr["token"].finditer(s):
        if m.group(3) and not after_label and cr["label"].match(s, m.end()):
            continue   # 某某在线记者 甲: the words before a label qualify it
        after_label = bool(m.group(1))
        if m.group(1):
            lab = re.sub(r"\s", "", m.group(1))
            role = labels.get(lab, "") or ("摄影" if is_photo else "")
        elif m.group(2):
            if out:
                out[-1] = (out[-1][0], "实习生")
        elif m.group(3) and len(m.group(3)) >= 2:
            out.append((m.group(3), role))
        elif m.group(4) and out == [] and re.match(r"\s*作者\s*[:：]", t):
            out.append((m.group(4), role))   # 作者:someone, a site account
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _level_starts() -> tuple[str, ...]:
    return tuple(f[0] for f in lexicon_fields("levels"))


def _person_like(names: list[str], every: bool = False) -> bool:
    """Bare names of a credit: one (or `every` one) starts with a surname, none with an administrative
    level (区应急) and none is longer than four characters.

    >>> _person_like(['张某', '某乐']), _person_like(['区应急']), _person_like(['张某', '某乐'], every=True)
    (True, False, False)
    """
    surnames = lexicon("surnames")
    if not names or any(len(n) > 4 or len(n) < 2 for n in names) or any(n.startswith(_level_starts()) for n in names):
        return False
    starts = [n[:2] in surnames or n[0] in surnames for n in names]
    return all(starts) if every else any(starts)


def _is_unit(word: str) -> bool:
    """A contributing unit: an administrative level first, a unit ending last (县农业局, 镇党委办).

    >>> _is_unit('县农业局'), _is_unit('张某某')
    (True, False)
    """
    return word.startswith(_level_starts()) and word.endswith(lexicon("credit_units"))


def is_staff_credit(text: str) -> bool:
    """A line of two or more labelled staff credits (监制:甲 责编:乙), maybe run together: a credit.

    >>> is_staff_credit('监制:张某某责编:李某编辑:赵某'), is_staff_credit('责任编辑:王某')
    (True, False)
    """
    if len(text) > 60 or text.count(":") + text.count("：") < 2:
        return False   # the pattern needs two labels, each before its colon: most lines have fewer colons
    return bool(_credit_res()["staff_line"].match(_join_spaced(text.strip())))


_BARE_NAMES = re.compile(r"[\u4e00-\u9fff·]{2,4}(?:[(（]实习生?[)）])?(?:\s+[\u4e00-\u9fff·]{2,4}(?:[(（]实习生?[)）])?){0,3}")


@functools.lru_cache(maxsize=8192)
def is_bare_names(text: str) -> bool:
    """A line of bare names with no brackets, label or closing word (甲 乙(实习)): a credit only where no
    body follows it (the parser decides).

    >>> is_bare_names('张某某  李某(实习)'), is_bare_names('(张某 李某)')
    (True, False)
    """
    t = text.strip()
    if not _BARE_NAMES.fullmatch(t):
        return False
    names = re.findall(r"[\u4e00-\u9fff·]+", re.sub(r"[(（]实习生?[)）]", " ", t))
    return (len(names) > 1 or "实习" in t) and _person_like(names, every=True)


_SENTENCE_MARK = re.compile(r"[。！？;；]")   # a sentence inside: no credit


@functools.lru_cache(maxsize=8192)
def is_credit(text: str) -> bool:
    """True for a closing credit, on its own line or cut from a paragraph's end.

    >>> is_credit('李某 赵某某 摄'), is_credit('(张某 王某)'), is_credit('（区应急）'), is_credit('融媒体记者:李某')
    (True, True, False, True)
    >>> is_credit('区委书记张某主持会议。'), is_credit('(某某县政府办供稿)'), is_credit('作者:王某某')
    (False, True, True)
    """
    t = _join_spaced(text.strip())
    if not t or len(t) > 40 or _SENTENCE_MARK.search(t):
        return False
    inner = re.sub(r"^[(（]\s*(.*?)\s*[)）]$", r"\1", t)
    inner = re.sub(r"^[\u2460-\u24ff\d\s]+", "", inner)   # an editorial code before the names (③2)
    cr = _credit_res()
    if cr["label_line"].match(inner) or cr["photo_line"].match(inner):   # 融媒体记者:甲 / 作者:甲 / 图:甲
        return True
    if t != inner and (u := cr["unit_first"].match(inner)) and _is_unit(u.group(0).strip()):
        return _person_like(inner[u.end():].split(), every=True)   # (县农业局 甲)
    r = _byline_res()
    if not r["credit_inner"].match(inner):
        if cr["supplied"].match(inner):   # 县政府办供稿
            return t != inner or len(inner) <= 10
        return False
    if t != inner and cr["unit"].fullmatch(inner) and inner.endswith(lexicon("credit_units")):
        return True   # (区招商局): the contributing unit
    if r["closed"].search(inner) or cr["label"].search(inner):
        return True   # 摄 / 供稿 / a label: a credit whatever the names
    if t == inner and not re.search(r"[(（]", t):
        return is_bare_names(t)
    names = re.findall(r"[\u4e00-\u9fff·]+", re.sub(r"[(（]实习生?[)）]", " ", inner))
    return _person_like(names)


def is_photo_credit(text: str) -> bool:
    """A credit naming the photographers (甲 乙 摄, 图:甲, 甲摄影报道).

    >>> is_photo_credit('李某 赵某某 摄'), is_photo_credit('(张某 王某)')
    (True, False)
    """
    t = text.strip().rstrip(")）").strip()
    return bool(re.search(r"摄(?:影|像)?(?:报道)?$|文\s*/\s*图$|供图$", t)) \
        or bool(re.match(r"^[(（]?\s*(?:摄影|图片|图)\s*[:：/]", text.strip()))


def is_credit_line(line: str) -> bool:
    """True for a photo credit line (kept for callers of the earlier API).

    >>> is_credit_line('李某 赵某某 摄'), is_credit_line('区委书记张某主持会议。')
    (True, False)
    """
    return is_credit(line) and is_photo_credit(line)


_TAIL = re.compile(r"(?<=[。！？!?”」）)])\s*([^。！？!?]{2,40})$")


def split_credit(paragraph: str, bare: bool = True) -> tuple[str, str]:
    """(paragraph, credit): a credit at the end of a paragraph cut off; `bare=False` keeps a credit of
    bare names (甲 乙) in the text, so only labelled or photo credits are cut (for inner paragraphs).

    >>> split_credit('会议要求抓好落实。(李某 赵某)')
    ('会议要求抓好落实。', '(李某 赵某)')
    >>> split_credit('画面展示了新貌。本报记者 李某 摄')
    ('画面展示了新貌。', '本报记者 李某 摄')
    >>> split_credit('近日,区应急管理局开展检查。（区应急）')
    ('近日,区应急管理局开展检查。（区应急）', '')
    """
    m = _TAIL.search(paragraph)
    if not m or not is_credit(m.group(1)):
        return paragraph, ""
    tail = m.group(1)
    cr = _credit_res()
    if not bare and not (is_photo_credit(tail) or cr["label"].search(tail) or cr["close"].search(tail)):
        return paragraph, ""
    return paragraph[: m.start(1)].rstrip(), tail.strip()


def is_byline_start(line: str) -> bool:
    """True when a paragraph opens with a byline.

    >>> is_byline_start('本报讯(记者 王某) 昨天晚上,'), is_byline_start('本报记者 王某')
    (True, True)
    """
    return bool(split_byline(line)[0])
