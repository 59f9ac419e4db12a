"""Line kinds of an issue's text: header, page furniture, credit, byline, headline-like, body.

Page furniture is what web, app and e-paper pages print around an article: breadcrumbs, source /
date / editor lines, share and print links, 上一篇 / 下一篇, menus, copyright, video players. Its
patterns are data/lexicons/furniture_patterns.txt; a furniture line goes to the issue's `furniture`
column and never into a headline or a body. `peel_line` also cuts furniture and credits from the
start and end of a line (—分享— before a body, 来源:… after its last sentence, (甲 乙) at its end).
"""
from __future__ import annotations

import functools
import re

from .bylines import is_bare_names, is_credit, is_photo_credit, is_staff_credit, split_byline, split_credit
from .lexicons import lexicon
from .patterns import first_chars
from .text import _SENTENCE_END, is_terminated, normalize


_MAX_HEADLINE = 48


@functools.lru_cache(maxsize=1)
def _header_re() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in lexicon("header_patterns")))


@functools.lru_cache(maxsize=8192)
def is_header_line(line: str) -> bool:
    """True for an issue-level line: page header, editor credit.

    >>> is_header_line('武进日报 2024年11月27日 星期三 第1版 要闻'), is_header_line('责任编辑:王某')
    (True, True)
    """
    return bool(_header_re().match(line))   # every pattern reads a line from its start


_SENTENCES = re.compile(r"。[^。！？]|[！？!?][^。！？!?]{12}")
_COMMAS = re.compile(r"[,，、]")


@functools.lru_cache(maxsize=1)
def _furniture_re() -> tuple[re.Pattern, re.Pattern]:
    """The furniture patterns: those that start with ^ (tried at a line's start only), and the others."""
    pats = lexicon("furniture_patterns")
    anchored = [p for p in pats if p.startswith("^")]
    loose = [p for p in pats if not p.startswith("^")] or ["(?!)"]
    firsts = [first_chars(p) for p in loose]
    gate = "(?=" + "|".join(firsts) + ")" if None not in firsts else ""   # a search skips where none can start
    return re.compile("|".join(f"(?:{p})" for p in anchored)), re.compile(gate + "(?:" + "|".join(f"(?:{p})" for p in loose) + ")")


@functools.lru_cache(maxsize=8192)
def is_furniture(line: str) -> bool:
    """True for a line of page furniture: breadcrumb, source/date/editor line, share, menu, copyright.

    >>> is_furniture('当前位置:首页 > 新闻中心 > 乡镇动态'), is_furniture('发布时间:2025-03-12 来源:某某网')
    (True, True)
    >>> is_furniture('区委书记王某主持会议。'), is_furniture('上一篇:某某镇召开会议')
    (False, True)
    """
    t = line.strip()
    if not t or len(t) > 150 or _SENTENCES.search(t) or len(_COMMAS.findall(t)) >= 3:
        return False   # a sentence followed by more text, or a clause list: no furniture line (its tail may be)
    anchored, loose = _furniture_re()
    return bool(anchored.match(t) or loose.search(t))


@functools.lru_cache(maxsize=8192)
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
_KICKER = re.compile(r"^[^。！？!?,，]{2,12}[:：]$")   # 白甸镇: over a headline


def is_lead_line(line: str) -> bool:
    """A short line ending in a lead verb, maybe with a colon (报告指出, 会议强调:): it leads into the
    next paragraph, so it is body text and no headline.

    >>> is_lead_line('报告指出'), is_lead_line('会议强调:'), is_lead_line('某某镇召开会议')
    (True, True, False)
    """
    t = line.strip().rstrip(":：").strip()
    return 2 < len(t) <= 12 and t.endswith(lexicon("lead_verbs")) and not re.search(r"[\s,，。]", t)


def is_body_opener(line: str) -> bool:
    """True when a line opens as a body sentence (会议还研究了...), so it is no headline.

    >>> is_body_opener('会议还研究了其他事')
    True
    """
    return line.strip().startswith(lexicon("body_openers"))


_SUBHEAD = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、．])")
_BULLET = re.compile(r"^[◆●▲★■□◇•]\s*\S")


_WEB_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")


def web_date(lines: list[str]) -> tuple[str, str]:
    """(YYYY-MM-DD, the line) of the first full date in a page's furniture lines, or ('', '').

    >>> web_date(['当前位置:首页 > 新闻', '发布时间: 2025-03-12 10:03 来源:某某网'])
    ('2025-03-12', '发布时间: 2025-03-12 10:03 来源:某某网')
    """
    for ln in lines:
        m = _WEB_DATE.search(normalize(ln))
        if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
            return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}", ln
    return "", ""


_ENDS = "。！？!?”」"
_FIELD_LABEL = re.compile(r"^[•●◆■▪]\s*[^\s•●◆■▪。,，]{2,6}\s*[•●◆■▪]\s*")   # a page's field label before its value
_CREDIT_ENDS = ")）摄影像道图稿"   # the last character of a line that may end with a credit


def _tail_start(norm: str) -> int | None:
    """Where the text after a line's last sentence starts (at most 61 characters, not blank), or None.

    >>> _tail_start('会议要求抓好落实。 来源:某某网'), _tail_start('会议要求抓好落实。')
    (10, None)
    """
    if norm[-1:] in _ENDS:
        return None
    last = norm[-63:]   # a tail is at most 61 characters after the last sentence end
    end = max(map(last.rfind, _ENDS))
    if end < 0:
        return None
    end += len(norm) - len(last)
    start = end + 1 + (len(norm) - end - 1 - len(norm[end + 1:].lstrip()))
    return start if 0 < len(norm) - start <= 61 else None


def peel_line(line: str, trad: bool = False, norm: str | None = None) -> list[tuple[str, str]]:
    """A line cut into (kind, text) pieces: furniture before the text (—分享—) or after its last
    sentence (来源:… 编辑:…, a stray |), a credit at its end ((甲 乙), 甲 摄), and the text itself.
    Read on the normalised line (`norm`, made here if not given), cut on the line as printed
    (normalising keeps lengths).

    >>> peel_line('某某新闻网讯 昨天,全区召开会议,部署下一步工作。(张某 李某) 来源:某某融媒 编辑:someone')
    [('text', '某某新闻网讯 昨天,全区召开会议,部署下一步工作。'), ('inline_credit', '(张某 李某)'), ('furniture', '来源:某某融媒 '), ('meta_credit', '编辑:someone')]
    """
    norm = normalize(line, trad) if norm is None else norm
    if norm[-1:] in _ENDS and norm and " " not in norm and not _FIELD_LABEL.match(norm) \
            and not (len(norm) <= 150 and is_furniture(norm)):
        return [("text", line)]   # the common case, tested first: one sentence or paragraph and nothing else
    if len(norm) <= 150:   # longer lines are never a header, credit or furniture as a whole
        if is_staff_credit(norm) or is_header_line(norm) or is_credit(norm):
            return [("text", line)]   # line_kinds decides
        if is_furniture(norm):
            return meta_credits(line, norm)
    pieces: list[tuple[str, str]] = []
    if (lab := _FIELD_LABEL.match(norm)) and len(norm) - lab.end() >= 4:   # • 会议题目 • 某某会议召开
        pieces.append(("furniture", line[:lab.end()]))
        line, norm = line[lab.end():], norm[lab.end():]
    head, sp, rest = norm.partition(" ")
    if not sp and norm[-1] in _ENDS:
        return [("text", line)]   # the common case: one sentence or paragraph, nothing before or after it
    if rest and len(norm) > 60 and is_furniture(head):
        pieces.append(("furniture", line[:len(head)]))
        cut = len(norm) - len(rest.lstrip())
        line, norm = line[cut:], norm[cut:]
    tail: list[tuple[str, str]] = []
    s0 = _tail_start(norm)
    if s0 is not None:   # furniture after the last sentence, maybe after a credit: 。(甲 乙) 来源:某某 编辑:某某
        cuts = [s0 + x.end() for x in re.finditer(r"\s+", norm[s0:])]
        at = next((c for c in cuts if is_credit(norm[s0:c]) and is_furniture(norm[c:])), None)
        if at is None and is_furniture(norm[s0:]):
            at = s0
        if at is not None:
            tail = [("furniture", line[at:])]
            line, norm = line[:at].rstrip(), norm[:at].rstrip()
    core, credit = split_credit(norm) if len(norm) > 8 and norm[-1] in _CREDIT_ENDS else (norm, "")
    pieces.append(("text", line[:len(core)]))
    if credit:
        pieces.append(("inline_credit", line[len(line) - len(credit):]))
    if tail:
        tail = meta_credits(tail[0][1], normalize(tail[0][1], trad))
    return pieces + tail


_META_LABEL = re.compile(r"(?:(?<=^)|(?<=[\s|｜【\[]))(?:作者|责任编辑|责编|编辑)\s*[:：]\s*")
_META_VALUE = re.compile(r"[^\s|｜:：【】\[\]]{2,12}(?:\s+[\u4e00-\u9fff·]{2,4}(?![\u4e00-\u9fff·]|\s*[:：]))*")
_NO_WRITER = re.compile(r"(?:网|网站|在线|客户端|未知|佚名|管理员|admin)$|^(?:来源|时间|日期|发布|点击|浏览|阅读|字号|语音|分享|打印|审核)", re.I)


def meta_credits(line: str, norm: str) -> list[tuple[str, str]]:
    """A source / date line cut into furniture and its writers' and editors' credits (作者:甲, 编辑:乙):
    a name on such a line is an author (role '' for 作者, 编辑 for 编辑 / 责编), kept out of the furniture.
    A site or an unknown (作者:某某网, 作者:未知) stays furniture.

    >>> meta_credits('来源:某某融媒 作者:张某 编辑:李某某', '来源:某某融媒 作者:张某 编辑:李某某')
    [('furniture', '来源:某某融媒 '), ('meta_credit', '作者:张某'), ('furniture', ' '), ('meta_credit', '编辑:李某某')]
    """
    out, at = [], 0
    for m in _META_LABEL.finditer(norm):
        if m.start() < at:
            continue
        v = _META_VALUE.match(norm, m.end())
        if not v or _NO_WRITER.search(v.group(0)) or re.match(r"\s*[:：]", norm[v.end():]):
            continue
        if m.start() > at:
            out.append(("furniture", line[at:m.start()]))
        out.append(("meta_credit", line[m.start():v.end()]))
        at = v.end()
    if at < len(line):
        out.append(("furniture", line[at:]))
    rest = "".join(t for k, t in out if k == "furniture")
    if not re.sub(r"[\s【】\[\]|｜]", "", rest) and not all(t.lstrip().startswith("作者") for k, t in out if k != "furniture"):
        return [("furniture", line)]   # 【责任编辑:甲】 alone: the page's editor, furniture as before
    return out


_LABEL_ONLY = re.compile(r"^[【\[]?(?:信息)?(?:来源|作者|出处|编辑|责任编辑)\s*[:：]\s*$")   # its value may follow on the next line


_TAB = re.compile(r"^[•●◆■▪·]\s*[^\s•●◆■▪·。,，]{1,6}$")   # • 提纲速读 / • 2019: a tab or a year link


def _menus(kinds: list[str], facts: list[tuple]) -> None:
    """Three or more short title-like lines in a row (政务 / 微信 / 微博, 首页 / 要闻 / 视频), or bulleted
    tabs (• 视频报道 / • 一图读懂, • 2018 / • 2019): a menu, furniture."""
    short = [j for j, (k, f) in enumerate(zip(kinds, facts))
             if (f[5] and (k == "headlike" or k == "body")) or (f[4] and k == "headlike")]
    start = 0
    for x in range(1, len(short) + 1):   # runs of consecutive short lines
        if x == len(short) or short[x] != short[x - 1] + 1:
            if x - start >= 3:
                kinds[short[start]:short[x - 1] + 1] = ["furniture"] * (x - start)
            start = x


def _kind_alone(ln: str) -> str:
    """The kind a line has whatever its neighbours (credit, header, byline, furniture), or '' where
    they decide.

    >>> _kind_alone('监制:张某某 责编:李某'), _kind_alone('当前位置:首页 > 要闻'), _kind_alone('某某镇召开会议')
    ('credit', 'furniture', '')
    """
    if is_staff_credit(ln):
        return "credit"   # 监制:甲 责编:乙: the item's credits
    if is_header_line(ln):
        return "header"
    if is_credit(ln) and is_photo_credit(ln):
        return "credit"
    if split_byline(ln)[0]:
        return "byline"   # 本报记者 乙 alone: a byline, or a closing credit where a body ends above it
    if is_credit(ln) and not is_bare_names(ln):
        return "credit"
    return "furniture" if is_furniture(ln) else ""


def line_facts(ln: str) -> tuple[str, bool, bool, bool, bool, bool, bool]:
    """What line_kinds asks of a (normalised) line alone, in one call the parser caches per line: (its
    kind whatever the neighbours, a lead line, headline-like, a kicker, at most four characters, a
    bulleted tab, bare names of at most 30 characters).

    >>> line_facts('某某镇召开会议'), line_facts('会议强调:')
    (('', False, True, False, False, False, False), ('', True, False, True, False, False, False))
    """
    t = ln.strip()
    return (_kind_alone(ln), is_lead_line(ln), is_headline_like(ln), bool(_KICKER.match(ln)), len(t) <= 4,
            bool(_TAB.match(t)), len(ln) <= 30 and is_bare_names(ln))


_LABEL_TEXT = re.compile(r"[。！？,，]")


def line_kinds(blocks: list[str], norm: list[str], facts: list[tuple] | None = None) -> list[str]:
    """The kind of each line: header, furniture, credit, byline, headlike or body (`facts`: line_facts
    of each normalised line, when the caller has them)."""
    n = len(norm)
    facts = [line_facts(ln) for ln in norm] if facts is None else facts
    heads = [f[2] for f in facts[1:]] + [False]   # the next line is headline-like
    kinds = []
    for j, (k, lead, headlike, kicker, _, _, _) in enumerate(facts):
        if k:
            pass   # credit, header, byline, furniture: whatever the neighbours
        elif kinds and kinds[-1] == "furniture" and _LABEL_ONLY.match(norm[j - 1]) \
                and len(norm[j]) <= 20 and not _LABEL_TEXT.search(norm[j]):
            k = "furniture"   # a label line (信息来源:) and its value on the next line
        elif lead and not heads[j]:
            k = "body"   # 报告指出 / 会议强调: a lead into the next paragraph (not a 引题 over a title)
        elif headlike or (kicker and heads[j]):
            k = "headlike"
        else:
            k = "body"
        kinds.append(k)
    _menus(kinds, facts)
    for j in [j for j, f in enumerate(facts) if f[6]]:   # bare names (甲 乙(实习)) close an item only where no body follows
        if kinds[j] in ("headlike", "body"):
            nxt = next((kinds[x] for x in range(j + 1, n) if kinds[x] not in ("header",)), "end")
            if nxt not in ("body", "headlike", "byline"):
                kinds[j] = "credit"
    return kinds
