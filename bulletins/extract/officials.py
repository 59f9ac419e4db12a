"""Officials present (appearances, in protocol order) and people only mentioned."""
from __future__ import annotations

import functools
import re

import pandas as pd

from ..bylines import byline_authors
from ..extract.names import _boundary, _central_mention_names, _followers, _tail_name, name_at
from ..extract.titles import (CLAUSE_MARKS, _collective_re, collective_start, _head_re, _org_endings, _role_verbs, _title_re,
                             is_attendance, role_in, title_chain, title_level)
from ..lexicons import lexicon
from ..patterns import _alternation
from ..pipeline.codec import finish
from ..segment import names_pattern
from ..schema import records
from ..text import _count, is_traditional, normalize, normalize_article, sentence_around

_COLON = re.compile(r"(?:是|为)?[:：]")
_NO_NAME_NEXT = frozenset("、,，。；;!！?？()（）“”\"《》\n\t 　")   # no name starts after a title here


def _name_list(text: str, pos: int) -> tuple[list[tuple[int, str]], int]:
    """Names from pos joined by 、 (one title shared by the list), to where another title begins.

    Read from the clause alone (the list and every word a name's end is judged by stop before
    its first hard mark), so that a clause printed again is read once.

    >>> _name_list('王某某、李某、赵某出席', 0)
    ([(0, '王某某'), (4, '李某'), (7, '赵某')], 9)
    """
    m = _hard_mark().search(text, pos)
    names, end = _clause_list(text[pos: m.end() + 2] if m else text[pos:])
    if not names:
        return [], (pos - 1 if text[pos - 1: pos] == "、" else pos)
    return [(pos + p, nm) for p, nm in names], pos + end


@functools.lru_cache(maxsize=1)
def _hard_mark() -> re.Pattern:
    """The clause marks no list of names runs over and no word of a title, follower, role verb or
    list closer holds (all but 、 and the page break)."""
    words = lexicon("positions") + lexicon("standalone_titles") + lexicon("offices") + lexicon("position_modifiers") \
        + lexicon("name_followers") + lexicon("collective_titles") + lexicon("list_closers") + _role_verbs()[2]
    held = set("".join(words)) | set("、\n")
    return re.compile("[" + re.escape("".join(c for c in CLAUSE_MARKS if c not in held)) + "]")


@functools.lru_cache(maxsize=4096)
def _clause_list(text: str) -> tuple[tuple[tuple[int, str], ...], int]:
    """_name_list of a clause from its start (text: the clause, its hard mark and one character more)."""
    names, pos = [], 0
    while True:
        nm = name_at(text, pos)
        if not nm:
            break
        names.append((pos, nm))
        pos += len(nm)
        if text[pos: pos + 1] == "\n" and name_at(text, pos + 1):   # a page break inside the list
            pos += 1
            continue
        if text[pos: pos + 1] == "、" and not _title_re().match(text, pos + 1) and not _collective_re().match(text, pos + 1):
            pos += 1
            continue
        if text[pos: pos + 1] == "、":   # the list goes on under a title of its own
            pos += 1
        break
    return tuple(names), (pos - 1 if text[pos - 1: pos] == "、" else pos)


def _after_title(text: str, end: int) -> int:
    """Where the names after a title start: right after it, or after a colon (执行主席:甲、乙)."""
    m = _COLON.match(text, end) if text[end: end + 1] in ":：是为" else None
    return m.end() if m else end


@functools.lru_cache(maxsize=1)
def _past_re() -> re.Pattern:
    return re.compile(_alternation(lexicon("past_markers")))


@functools.lru_cache(maxsize=1)
def _absent_re() -> re.Pattern:
    """Words right after a name marking someone not there (受甲委托): absent_markers.txt."""
    return re.compile(_alternation(lexicon("absent_markers")))


_CLAUSE_END = re.compile(r"[,，。；;!！?？\n]")


def _is_past(text: str, pos: int) -> bool:
    """The clause after a name refers to an earlier visit (来我区调研时的指示要求)."""
    m = _CLAUSE_END.search(text, pos)
    return bool(_past_re().search(text, pos, m.start() if m else len(text)))


@functools.lru_cache(maxsize=1)
def _org_re() -> re.Pattern:
    return re.compile(_alternation(_org_endings()[0]))


@functools.lru_cache(maxsize=256)
def _scan(text: str) -> tuple[tuple, ...]:
    """(pos, name, title, scope_from, past) for each titled person, in text order, first title kept."""
    hits: dict[int, tuple] = {}
    any_past = bool(_past_re().search(text))

    def add(names: list, title: str, scope_from: int) -> None:
        past = any_past and _is_past(text, scope_from) or bool(_absent_re().match(text, scope_from))
        for p, nm in names:
            if p not in hits:
                hits[p] = (p, nm, title, scope_from, past)

    by_end = {m.end(): m.start() for m in _head_re().finditer(text)}
    orgs = _org_re()
    last = 0   # where the last name found ends: the next title starts after it (甲及镇长乙)
    for e, s in by_end.items():   # title (chain) + name, or + a list of names sharing it
        nxt = text[e: e + 1]
        if not nxt or nxt in _NO_NAME_NEXT or orgs.match(text, e):   # 常委 in 常委会: an organisation
            continue
        names, end = _name_list(text, _after_title(text, e))
        if names:
            start, title = title_chain(text, (s, e), by_end)
            if start < last <= s:
                title = text[_JOIN.match(text, last).end(): e]
            add(names, title, end)
            last = names[-1][0] + len(names[-1][1])
    for m in _collective_re().finditer(text):   # 市、区领导甲、乙、丙
        if orgs.match(text, m.end()):   # 区委常委会
            continue
        start = collective_start(text, m.start())   # the place printed before it (青萝县领导) belongs to it
        names, end = _name_list(text, _after_title(text, m.end()))
        add(names, text[start: m.end()], end)
        if start >= 1 and text[start - 1] == "等":   # 甲、乙、丙等区委深改委成员
            add(_list_before(text, start - 1), text[start: m.end()], m.end())
    add_bare_lists(text, add)   # last: a list under a title found above keeps it
    return tuple(hits[p] for p in sorted(hits))


_JOIN = re.compile(r"(?:以及|及|和|与|同|、)?")
_CLAUSE_ENDS = frozenset("。；;!！?？\n,，")
_CLAUSE_START = re.compile(r"[。；;!！?？\n,，]([^。；;!！?？\n,，])(?=(?s:.){1,3}、)")   # scanned by its first character


def _clause_starts(text: str) -> list[int]:
    """Where a clause starts with a 、 among its third to fifth characters (a list may open there).

    >>> _clause_starts('会上,甲乙、丙丁、戊己出席。庚辛、壬'), _clause_starts('甲乙、丙')
    ([3, 14], [0])
    """
    out = [m.start(1) for m in _CLAUSE_START.finditer(text)]
    return [0] + out if text[:1] and text[0] not in _CLAUSE_ENDS and "、" in text[2:5] else out


def add_bare_lists(text: str, add) -> None:
    """Lists of bare names opening a clause before a role verb (甲、乙、丙在主席台就座; 甲、乙等参加):
    three names or more, or two closed by 等; no title, the role from the verb.

    >>> found = []
    >>> add_bare_lists('会议开幕。石某峰、柯某、庞某云在主席台就座。', lambda names, t, end: found.extend(names))
    >>> found
    [(5, '石某峰'), (9, '柯某'), (12, '庞某云')]
    """
    verbs, clause_end = _verb_words(), _CLAUSE_END_NOT_LINE
    for p in _clause_starts(text):
        q = clause_end.search(text, p)   # the role verb stands before it (a list may run over a page break)
        if not verbs.search(text, p, q.start() if q else len(text)):
            continue
        names, end = _name_list(text, p)
        if len(names) < 2 or end > len(text) or text[end: end + 1] == "、":
            continue
        closed = text.startswith("等", end)
        stop = _CLAUSE_END.search(text, end)
        if (len(names) >= 3 or closed) and role_in(text[end: stop.start() if stop else len(text)]):
            add(names, "", end)


_CLAUSE_END_NOT_LINE = re.compile(r"[,，。；;!！?？]")


@functools.lru_cache(maxsize=1)
def _verb_words() -> re.Pattern:
    """Any role verb or the first word of a gapped one (作…报告), no context: where role_in may find one."""
    verbs = _role_verbs()[2] + tuple(v.split("…")[0] for v in _role_verbs()[3] if "…" in v)
    return re.compile(_alternation(verbs))


_LAST_LIST_MARK = re.compile(r"(?s:.*)[,，。；;:：\n]")   # greedy: up to the last mark before a list
_CJK_ITEMS = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]{2,4}(?:、[\u3400-\u4dbf\u4e00-\u9fff]{2,4})*")   # is_cjk items


def _list_before(text: str, end: int) -> list[tuple[int, str]]:
    """The names of a list that ends at text[end] (the 等 before a collective title)."""
    m = _LAST_LIST_MARK.match(text, 0, end)
    start = m.end() if m else 0
    items = text[start:end].split("、")
    if len(items) > 1 and not _CJK_ITEMS.fullmatch(text, start + len(items[0]) + 1, end):
        return []
    first = items[0] if len(items[0]) <= 4 else _tail_name(items[0])
    pos, out = start + len(items[0]) - len(first), []
    for it in [first] + items[1:]:
        if 2 <= len(it) <= 4:
            out.append((pos, it))
        pos += len(it) + 1
    return out


def _people_in(text: str, exclude: set[str]) -> list[dict]:
    """Titled people of a text in text order (past references marked), names in `exclude` left out."""
    return [{"pos": p, "name": n, "title": t, "scope_from": s, "past": past}
            for p, n, t, s, past in _scan(text) if n not in exclude]


_SENTENCE_END = re.compile(r"[。；;!！?？\n]")


def _occurrences(text: str, names) -> list[tuple[int, str]]:
    """(position, name) of every occurrence of the names, in text order (one regex for many names)."""
    if len(names) > 30:
        return [(m.start(), m.group(0)) for m in names_pattern(tuple(sorted(names))).finditer(text)]
    out = []
    for nm in [nm for nm in names if nm in text]:   # most of an issue's names are not in an article
        p = text.find(nm)
        while p >= 0:
            out.append((p, nm))
            p = text.find(nm, p + len(nm))
    return sorted(out)


def _bare_hits(text: str, known: dict[str, str], skip: set[str]) -> list[dict]:
    """Officials of the issue's roster named bare (甲主持会议): before a role verb or in a list.
    known: name -> title in the issue; skip: names not to take."""
    out, found = [], set(skip)
    for p, nm in _occurrences(text, [n for n in known if n not in skip]):
        e = p + len(nm)
        if nm in found or not _boundary(text, e) or _is_past(text, e):
            continue
        if p and text[p - 1] not in CLAUSE_MARKS and not text[max(0, p - 4):p].endswith(_followers() + ("由",)):
            continue
        s1 = _SENTENCE_END.search(text, e)
        if text[e: e + 1] != "、" and not role_in(text[e: s1.start() if s1 else len(text)]):
            continue
        found.add(nm)
        out.append({"pos": p, "name": nm, "title": known[nm], "scope_from": e, "past": False, "source": "roster"})
    return out


def appearances(articles: pd.DataFrame, authors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Officials present at the reported event: one row per person per article, in protocol order.

    Columns: issue_id, date, article, order, name, title, level, role, evidence, title_source.
    Names come from context (a title or a chain of titles before the name or a list of names, a
    list after a collective title or a colon, a list ending in 等 before one), never from a list of
    people; an official of the issue named bare before a role verb counts too, with the title the
    issue gave him (title_source 'roster', else 'printed'). Authors of the issue, central leaders
    cited (NAME总书记), people referred to in the past (来我区调研时的) and commentary articles give none.
    """
    auth = set(authors["name"]) if authors is not None and len(authors) else set()
    return finish(appearance_rows(records(articles), {"authors": [{"name": n} for n in sorted(auth)]}), "appearances")


def _exclude(r, auth: set[str]) -> tuple[str, set[str]]:
    text = normalize(r.body)
    byline = {a for a, _ in byline_authors(normalize(r.byline, is_traditional(r.body)))}
    return text, auth | set(_central_mention_names(text)) | byline


def appearance_rows(recs: list, done: dict) -> list[dict]:
    """Rows of the appearances table (registry row function); done["authors"]: the issue's authors, never officials."""
    auth = {a["name"] for a in done.get("authors", ())}
    news = []
    known: dict[tuple, dict[str, str]] = {}   # issue -> name -> first printed title
    for r in recs:
        if r.kind != "commentary":
            text, excl = _exclude(r, auth)
            hits = [h_ for h_ in _people_in(text, excl) if not h_["past"]]
            news.append((r, text, excl, hits))
            for h_ in hits:
                known.setdefault(r.issue_id, {}).setdefault(h_["name"], h_["title"])
    rows = []
    for r, text, excl, hits in news:
        roster = known.get(r.issue_id, {})
        if len(roster) > len(hits):   # someone of the issue may be named bare here
            bare = _bare_hits(text, roster, excl | {h_["name"] for h_ in hits})
            hits = sorted(hits + bare, key=lambda h_: h_["pos"])
        rows += _article_rows(r, text, hits)
    return rows


def _article_rows(r, text: str, hits: list[dict]) -> list[dict]:
    if not hits:   # nobody: no sentences to read
        return []
    seen: dict[str, dict] = {}
    roles: dict[tuple[int, int], str] = {}   # the names of a list share their clause
    sent = (0, 0)   # the names of a sentence share it
    for h_ in hits:
        if not sent[0] <= h_["pos"] < sent[1]:
            sent = sentence_around(text, h_["pos"])
        s0, s1 = sent
        if h_["scope_from"] >= s1:   # the list ran on over a page break
            s1 = sentence_around(text, h_["scope_from"])[1]
        if (h_["scope_from"], s1) not in roles:
            roles[h_["scope_from"], s1] = role_in(text[h_["scope_from"]: s1])
        role = roles[h_["scope_from"], s1]
        if h_["name"] in seen:
            prev = seen[h_["name"]]
            if role and (not prev["role"] or prev["role"] == _generic() or is_attendance(prev["role"])):
                prev["role"] = role
            continue
        seen[h_["name"]] = {"issue_id": r.issue_id, "date": r.date, "article": r.article, "order": len(seen),
                            "name": h_["name"], "title": h_["title"], "level": title_level(h_["title"]),
                            "role": role or _generic(), "evidence": text[s0:s1].strip(),
                            "title_source": h_.get("source", "printed")}
    return list(seen.values())


def _generic() -> str:
    return _role_verbs()[4]


def mentions(articles: pd.DataFrame) -> pd.DataFrame:
    """People referred to but not present: issue_id, date, article, name, title, count.

    Central leaders cited (NAME总书记, NAME法治思想) anywhere, people referred to in the past
    (落实市委书记甲来我区调研时的指示要求), and every person a commentary names.
    count = occurrences of the name in headline and body.
    """
    return finish(mention_rows(records(articles), {}), "mentions")


def mention_rows(recs: list, done: dict) -> list[dict]:
    """Rows of the mentions table (registry row function)."""
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
        elif _past_re().search(body) or _absent_re().search(body):
            scan = _people_in(normalize(r.body), set(found))   # the appearances' scan of the same text
            present = {h_["name"] for h_ in scan if not h_["past"]}
            for h_ in scan:
                if h_["past"] and h_["name"] not in present:
                    found.setdefault(h_["name"], h_["title"])
        for name, title in sorted(found.items()):
            rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "name": name,
                         "title": title, "count": _count(text, name)})
    return rows
