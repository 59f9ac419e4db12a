"""Lines of an issue -> header, furniture, articles (headline, byline, paragraphs, credits, repairs) and leftover.

Every line is first given a kind (`lines.line_kinds`): header, furniture (web, app and e-paper page furniture,
data/lexicons/furniture_patterns.txt), credit, byline, headline-like or body. The state machine of
`_Parser` then opens an article at each headline, byline, bullet (◆), dateline after a closed item or
furniture, 又讯, or body text with no article open (headline empty, a warning); nothing is dropped.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re

from .bylines import is_credit, is_photo_credit, split_byline
from .lexicons import lexicon
from .lines import (_BULLET, _SUBHEAD, is_body_opener, is_furniture, is_header_line,  # noqa: F401 (re-exported)
                    is_headline_like, line_facts, line_kinds, peel_line, web_date)
from .text import is_terminated, is_traditional, normalize


_TIME = r"(?:上午|下午|晚上|晚间|晚|早上|中午|凌晨|傍晚)"
_DATELINE = re.compile(
    r"^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[-—至]\d{1,2}日)?|[０-９]{1,2}月[０-９]{1,2}日|昨天|昨日|今天|今日|前天|日前|近日|近期|连日来|本月\d{1,2}日|"
    r"本周[一二三四五六日]|上周[一二三四五六日]|[一二三四五六七八九十]+月[一二三四五六七八九十]+日)"
    rf"{_TIME}?(?=[,，])")
_ITEM_DATE = re.compile(rf"^(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日(?:[-—至]\d{{1,2}}日)?{_TIME}?[,，]")


_META = re.compile(r"来源|作者|编辑|时间|日期|发布|浏览|阅读|点击|访问|字号|放大|缩小|\d{4}[-/.年]\d{1,2}")
_NAVIGATION = re.compile(r"[>›»|｜]|首页|位置|栏目|频道")
_TITLE_SUFFIX = re.compile(r"\s*[-_|–—]")   # after the headline a browser title repeats
_TEXT_AND_PHOTOS = re.compile(r"文\s*/\s*图|图\s*/\s*文|文图")   # a credit for the whole item, not for one photo


def dateline(body: str) -> str:
    """The dateline that opens a body, or ''.

    >>> dateline('昨天晚上,区委常委会召开会议'), dateline('11月19日,省政府')
    ('昨天晚上', '11月19日')
    """
    m = _DATELINE.match(body)
    return m.group(0) if m else ""


def opening_dateline(para: str, trad: bool = False) -> str:
    """The dateline that opens a paragraph, as printed (read on its normalised text), or ''.

    >>> opening_dateline('１１月１９日,省政府'), opening_dateline('全区召开会议')
    ('１１月１９日', '')
    """
    return para[:len(dateline(normalize(para, trad)))]   # normalising keeps lengths


@dataclasses.dataclass
class _Article:
    headline: list[str] = dataclasses.field(default_factory=list)
    byline: str = ""
    paragraphs: list[str] = dataclasses.field(default_factory=list)
    credits: list[str] = dataclasses.field(default_factory=list)
    kind: str = "news"
    repairs: list[tuple[int, str, str]] = dataclasses.field(default_factory=list)
    closed: bool = False
    meta: list[str] = dataclasses.field(default_factory=list)   # 作者:甲 cut from the page's source line


_BRIEF_CHARS = 200


@functools.lru_cache(maxsize=1)
def _markers_re() -> re.Pattern:
    """Any commentary marker (one search instead of one test per marker)."""
    return re.compile("|".join(map(re.escape, lexicon("commentary_markers"))) or "(?!)")


_normalize = normalize.__wrapped__   # uncached: _peeled keeps each line's text once, in its own cache


@functools.lru_cache(maxsize=8192)
def _peeled(raw: str, trad: bool) -> tuple[tuple[str, str, str, tuple], ...]:
    """peel_line's pieces of a line that are not blank (none for a blank line), each with its
    normalised text and that text's line_facts: all the parser asks of a line alone, once per line.

    >>> _peeled(' 某某会议召开。(张某 李某)', False)[1][:3]
    ('inline_credit', '(张某 李某)', '(张某 李某)')
    """
    line = raw.strip()
    if not line:
        return ()
    norm = _normalize(line, trad)
    pieces = [(k, t, norm if t is line else _normalize(t, trad)) for k, t in peel_line(line, trad, norm) if t.strip()]
    return tuple((k, t, nm, line_facts(nm)) for k, t, nm in pieces)


def _kind_of(a: _Article, trad: bool = False) -> str:
    """commentary (a marker in byline, headline or opening), photo (a photo credit and no byline), brief
    (one paragraph under 200 characters, or a short item with no byline or credit), else news."""
    markers, found = lexicon("commentary_markers"), _markers_re().search
    by, head = normalize(a.byline, trad), normalize(" ".join(a.headline), trad)
    opening = normalize(a.paragraphs[0][:12], trad) if a.paragraphs else ""
    if found(by) or found(head) or opening.startswith(markers):
        return "commentary"
    if a.kind == "photo" or (not a.byline and a.credits and is_photo_credit(normalize(a.credits[-1], trad))):
        return "photo"
    if len(a.paragraphs) == 1 and len(a.paragraphs[0]) < _BRIEF_CHARS:
        return "brief"   # a short item of one paragraph (简讯), with or without a byline
    if a.byline or a.credits or sum(map(len, a.paragraphs)) >= _BRIEF_CHARS:
        return "news"
    return "brief"


class _Parser:
    """The state machine over the content lines (header and furniture lines set aside, in order)."""

    def __init__(self, text: str, name: str):
        self.name = name
        self.trad = is_traditional(text)
        self.blocks: list[str] = []
        self.kinds: list[str] = []
        self.gap: list[bool] = []   # furniture or a header line just before this content line
        self.meta_gap: list[bool] = []   # ... and all of it source / author / date lines (no menu, no breadcrumb)
        self.header: list[str] = []
        self.furniture: list[str] = []
        self.leftover: list[str] = []
        self.warns: list[str] = []
        self.arts: list[_Article] = []
        self.cur: _Article | None = None
        self.closed_at = -2   # the line of the last closing credit
        self.meta_at: dict[int, list[str]] = {}   # 作者:甲 / 编辑:乙 cut from a source line, before content line i
        self.pending: list[str] = []
        self._lines(text)

    def _lines(self, text: str) -> None:
        lines = filter(None, text.split("\n"))   # empty lines (between paragraphs) have no pieces
        pieces = list(itertools.chain.from_iterable(map(_peeled, lines, itertools.repeat(self.trad))))
        kinds = line_kinds(pieces, [p[2] for p in pieces], [p[3] for p in pieces])
        blocks, bkinds, bnorm, gaps, metas = self.blocks, self.kinds, [], self.gap, self.meta_gap
        gap, meta = False, True
        for (pk, t, nm, _), k in zip(pieces, kinds):
            if pk != "text":
                if pk == "meta_credit":
                    self.meta_at.setdefault(len(blocks), []).append(t)
                    gap = True
                    continue
                k = pk   # furniture or inline_credit, whatever its line kind
            if k == "header" or k == "furniture":
                (self.header if k == "header" else self.furniture).append(t)
                gap, meta = True, meta and bool(_META.search(nm)) and not _NAVIGATION.search(nm)
                continue
            if k == "headlike" and gap and blocks and bkinds[-1] == "headlike" and t.strip() == blocks[-1].strip():
                self.furniture.append(t)   # the headline printed again above the body
                continue
            blocks.append(t)
            bkinds.append(k)
            bnorm.append(nm)
            gaps.append(gap)
            metas.append(gap and meta)
            gap, meta = False, True
        self.norm = bnorm
        self._page_titles()

    def _page_titles(self) -> None:
        """A browser title (某某会议召开 -某某网, 某某会议召开_某某网) over the headline it repeats: furniture."""
        blocks, kinds = self.blocks, self.kinds
        drop = set()
        for j in range(len(blocks) - 1):
            if kinds[j] == "headlike" and (nxt := blocks[j + 1].strip()) and blocks[j].startswith(nxt) \
                    and _TITLE_SUFFIX.match(blocks[j], len(nxt)):
                self.furniture.append(blocks[j])
                self.gap[j + 1], self.meta_gap[j + 1] = True, False
                drop.add(j)
        if not drop:
            return
        keep = [j for j in range(len(blocks)) if j not in drop]
        self.blocks, self.kinds, self.gap, self.meta_gap, self.norm = (
            [xs[j] for j in keep] for xs in (self.blocks, self.kinds, self.gap, self.meta_gap, self.norm))
        if self.meta_at:
            self.meta_at = {bisect.bisect_left(keep, i): v for i, v in self.meta_at.items()}

    def kind(self, i: int) -> str:
        return self.kinds[i] if i < len(self.kinds) else "end"

    def open_unterminated(self) -> bool:
        c = self.cur
        return c is not None and not c.closed and bool(c.paragraphs) and not is_terminated(c.paragraphs[-1])

    def headline_size(self, i: int) -> int:
        """How many lines from i make a headline (引题, 主题, 副题; at most four), 0 if none."""
        def ok(j: int) -> bool:
            return self.kind(j) == "headlike" and not is_body_opener(self.norm[j]) \
                and not _SUBHEAD.match(self.blocks[j])
        if not ok(i):
            return 0
        k = 1
        while k < 4 and ok(i + k) and not self.gap[i + k]:
            k += 1
        for size in range(k, 0, -1):
            nxt = self.kind(i + size)
            if nxt == "byline" or (nxt == "body" and not self.open_unterminated()):
                return size
        j = i + k   # a 副题 printed under the page's source / date line, right over the byline
        if k < 4 and j + 1 < len(self.blocks) and self.meta_gap[j] and ok(j) and not self.gap[j + 1] \
                and self.kinds[j + 1] == "byline":
            return k + 1
        return 0

    def attach_meta(self, i: int) -> None:
        """The writers cut from a source line go with the item open there, else with the next one."""
        for t in self.meta_at.pop(i, ()):
            (self.cur.meta if self.cur is not None else self.pending).append(t)

    def new_article(self, headline: list[str] | None = None) -> _Article:
        self.cur = _Article(headline=headline or [], meta=self.pending)
        self.pending = []
        self.arts.append(self.cur)
        return self.cur

    def run(self) -> None:
        i, n = 0, len(self.blocks)
        while i < n:
            if i in self.meta_at:   # most lines have no writers cut from a source line before them
                self.attach_meta(i)
            k = self.kinds[i]
            if k == "credit" or k == "inline_credit":
                self.on_credit(i, inline=k == "inline_credit")
            elif k == "byline":
                self.on_byline(i)
            elif k == "headlike" and (size := self.headline_size(i)):
                after = self.blocks[i + size + 1] if i + size + 1 < n else ""
                if _BULLET.match(self.blocks[i + size]) and _BULLET.match(after):
                    self.header += self.blocks[i:i + size]   # a column label over bulleted briefs
                else:
                    self.new_article(self.blocks[i:i + size])
                for j in range(i + 1, i + size):
                    self.attach_meta(j)
                i += size
                continue
            else:
                self.on_text(i)
            i += 1
        for j in sorted(self.meta_at):
            self.attach_meta(j)

    def on_credit(self, i: int, inline: bool) -> None:
        ln, c = self.norm[i], self.cur
        if c is not None and c.closed and self.closed_at == i - 1 and not self.gap[i]:
            c.credits.append(self.blocks[i])   # a second closing line (视觉 | 甲 under 记者 | 乙)
            self.closed_at = i
            return
        if c is None or (c.closed and not inline):
            self.leftover.append(self.blocks[i])
            self.warns.append(f"{self.name}: credit with no article kept as leftover: {ln}")
            return
        if not c.paragraphs and not inline and not c.byline:
            c.byline = self.blocks[i]   # 记者:甲 between a headline and its body
            return
        if is_photo_credit(ln) and not _TEXT_AND_PHOTOS.search(ln) and c.byline and len(c.paragraphs) > 1 \
                and c.kind != "photo":
            photo = self.new_article()   # the caption of a photo under a text item
            photo.paragraphs.append(c.paragraphs.pop())
            photo.kind, c = "photo", photo
        c.credits.append(self.blocks[i])
        c.closed = c.closed or not inline
        if not inline:
            self.closed_at = i

    def on_byline(self, i: int) -> None:
        by, _ = split_byline(self.norm[i])
        ln = self.blocks[i]
        by, rest = ln[:len(by)], ln[len(by):].strip()
        c = self.cur
        if not rest and c is not None and not c.closed and c.paragraphs and is_credit(self.norm[i]) and \
                not (self.kind(i + 1) == "body" and not self.gap[i + 1]):
            self.on_credit(i, inline=False)   # 融媒体记者:甲 under a body
            return
        if c is None or c.closed or c.byline or c.paragraphs or c.kind == "photo":
            c = self.new_article()
        c.byline = by
        if rest:
            c.paragraphs.append(rest)

    def starts_item(self, i: int) -> bool:
        """A body line that opens a new item inside an open article: a bullet (◆), a dateline after
        furniture, or a dated paragraph (12月4日,) after a finished one."""
        c, ln = self.cur, self.norm[i]
        bullet, dated = _BULLET.match(ln) and len(ln) >= 30, _ITEM_DATE.match(ln)
        if not (bullet or dated or self.gap[i]) or not c.paragraphs or not is_terminated(c.paragraphs[-1]):
            return False   # most lines: the cheap tests first
        if bullet or (self.gap[i] and dateline(ln)):
            return True
        return bool(dated) and sum(map(len, c.paragraphs)) >= 100   # not after a one-line lead

    def on_text(self, i: int) -> None:
        ln, c = self.blocks[i], self.cur
        if self.kinds[i] == "body" and c is not None and not c.closed and not self.starts_item(i):
            self.add_paragraph(c, ln)   # the common case, tested first: the body of the open item goes on
            return
        if self.kinds[i] == "headlike" and c is not None and not c.paragraphs and ln.strip() in c.headline:
            self.furniture.append(ln)   # the headline printed again above the body
            return
        alone = self.gap[i] and (i + 1 == len(self.blocks) or self.gap[i + 1])
        if self.kinds[i] == "headlike" and alone and not is_body_opener(self.norm[i]) and not self.open_unterminated():
            c = None   # a title-like line alone between furniture (a page title, a menu): leftover
        if c is None or c.closed or (self.kinds[i] == "body" and self.starts_item(i)):
            if self.kinds[i] == "headlike" and not is_body_opener(self.norm[i]):
                self.leftover.append(ln)   # a title-like line alone between furniture (a menu, a tagline)
                self.warns.append(f"{self.name}: text outside any article kept as leftover: {ln[:20]}")
                return
            c = self.new_article()
            self.warns.append(f"{self.name}: article without a headline: {ln[:20]}…")
            c.paragraphs.append(ln)
            return
        self.add_paragraph(c, ln)

    @staticmethod
    def add_paragraph(art: _Article, para: str) -> None:
        last = art.paragraphs[-1] if art.paragraphs else ""
        if last and not is_terminated(last) and not _SUBHEAD.match(para) \
                and not (_SUBHEAD.match(last) and is_headline_like(last)):
            art.repairs.append((len(art.paragraphs) - 1, last[-8:], para[:8]))
            art.paragraphs[-1] = last + para
        else:
            art.paragraphs.append(para)

    def result(self) -> dict:
        out = []
        self.leftover += self.pending
        for a in self.arts:
            a.kind = _kind_of(a, self.trad)
            a.credits += a.meta
            if not a.paragraphs and not a.headline:
                for s in [a.byline] + a.credits:
                    if s:
                        self.leftover.append(s)
                        self.warns.append(f"{self.name}: byline or credit with no article kept as leftover: {s}")
                continue
            if not a.paragraphs:
                self.warns.append(f"{self.name}: article with a headline and no body: {' '.join(a.headline)}")
            out.append({"headline": " ".join(a.headline), "byline": a.byline, "kind": a.kind,
                        "paragraphs": a.paragraphs, "credit": "\n".join(a.credits), "repairs": a.repairs})
        date, line = web_date(self.furniture)
        return {"header": self.header, "furniture": self.furniture, "leftover": self.leftover, "warnings": self.warns,
                "articles": out, "traditional": self.trad, "web_date": date, "web_date_line": line}


def parse_text(text: str, name: str = "<text>") -> dict:
    """Segment an issue's text into header, furniture, articles and leftover; the core of parse_issue.

    Returns a dict: header, furniture, leftover and warnings (lists of lines), articles (dicts with
    headline, byline, kind, paragraphs, credit, repairs), traditional, and web_date ('' or
    YYYY-MM-DD, from a 发布时间-style furniture line) with web_date_line.

    >>> p = parse_text('当前位置:首页 > 要闻\\n某区召开会议\\n发布时间:2025-03-12\\n本报讯(记者 王某)昨天,某区召开会议。')
    >>> p['articles'][0]['headline'], p['furniture'], p['web_date']
    ('某区召开会议', ['当前位置:首页 > 要闻', '发布时间:2025-03-12'], '2025-03-12')
    """
    p = _Parser(text, name)
    p.run()
    return p.result()
