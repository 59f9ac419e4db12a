"""Meetings an article reports: body, term (届), session (次), kind, name, chair, day, evidence.

Three general rules, each from word lists in data/lexicons/ (meeting_bodies, meeting_levels,
meeting_kinds, meeting_words):

1. a body (level + body: 区委常委会, 县政协, 区十六届人大常委会) followed by session words and a kind
   (第二十五次会议, 十一届十八次常委会会议, 召开常委会(扩大)会议), in a clause that says it was held
   (召开, 举行, 开幕...) or in the headline;
2. a meeting with a name of its own, ending in a `named` kind (2018年重点项目建设推进会), right after
   召开 / 举行的 / 出席了, or followed by 召开 in its clause;
3. a 座谈 with someone (与甲单位进行座谈) and a named kind opening a sentence (座谈会上, ...).
"""
from __future__ import annotations

from typing import Mapping

import functools
import re
from collections import defaultdict
import pandas as pd

from ..extract.dates import resolve_date
from ..extract.names import _tail_name, name_at
from ..extract.meeting_forms import _clause_start, _sentence_around, cppcc_sessions, named_body as _named_body
from ..extract.officials import appearances
from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation, frozen
from ..pipeline.codec import finish
from ..schema import records
from ..text import cn_number, is_known, is_traditional, normalize


_NUM = "[零〇一二两三四五六七八九十百千\\d]+"
_SESSION_WORDS = rf"(?:第?{_NUM}届|第?{_NUM}次|\d{{4}}年度?|[(（]?扩大[)）]?)"
_TERM = re.compile(rf"第?({_NUM})届")
_TERM_BEFORE = re.compile(rf"第?{_NUM}届$")
_SESSION = re.compile(rf"第?({_NUM})次")
_CLAUSE_END = re.compile(r"[,，。；;！？!?\n]")


@functools.lru_cache(maxsize=1)
def _bodies() -> tuple[dict[str, str], tuple[str, ...]]:
    """(name or alias after the level -> body, the suffixes that make one body out of another).

    >>> _bodies()[0]['委深改委'], '常委会' in _bodies()[1]
    ('委全面深化改革委员会', True)
    """
    canon = {a: f[0] for f in lexicon_fields("meeting_bodies") for a in f}
    subs = {b[len(a):] for a in set(canon.values()) for b in canon if b != a and b.startswith(a)}
    return canon, tuple(sorted(subs))


@functools.lru_cache(maxsize=1)
def _words() -> Mapping[str, tuple[str, ...]]:
    """meeting_words.txt by role (held, before, not, after, chair, presides)."""
    out: dict[str, list[str]] = defaultdict(list)
    for role, word in lexicon_fields("meeting_words"):
        out[role].append(word)
    return frozen({k: tuple(v) for k, v in out.items()})


@functools.lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(every kind, the kinds that end a meeting's own name)."""
    f = lexicon_fields("meeting_kinds")
    return tuple(x[0] for x in f), tuple(x[0] for x in f if x[1:] == ("named",))


@functools.lru_cache(maxsize=1)
def _probes() -> tuple[str, ...]:
    """Strings one of which a text holds if it can report a meeting: 会, every kind without it (集体学习), 座谈.

    >>> _probes()[0], '集体学习' in _probes()
    ('会', True)
    """
    return ("会",) + tuple(k for k in _kinds()[0] if "会" not in k) + ("座谈",)


@functools.lru_cache(maxsize=1)
def _probe_re() -> re.Pattern:
    """The probes in one pattern: one scan of a text instead of one per probe."""
    return re.compile(_alternation(_probes()))


@functools.lru_cache(maxsize=1024)
def _kind_ending(said: str) -> str:
    """The longest kind a body's words end with (政府常务会议 -> 常务会议)."""
    return max((k for k in _kinds()[0] if said.endswith(k)), key=len)


@functools.lru_cache(maxsize=1)
def _tail() -> str:
    """What follows a body in the body rule: session words, a sub-body, the kind (a pattern's text)."""
    w = _words()
    kind = rf"(?:{_alternation(_kinds()[0])})(?!{_alternation(w['after'])})"
    held = _alternation(w["held"])
    return (rf"(?P<mid>(?:{_SESSION_WORDS}|{held})*)(?P<sub>{_alternation(_bodies()[1])})?(?P<mid2>{_SESSION_WORDS}*)"
            rf"(?P<kind>{kind})(?:(?:{held})?(?P<kind2>{kind}))?")


@functools.lru_cache(maxsize=1)
def _joined() -> re.Pattern:
    """A second meeting joined to a body's by 暨 (县政协...会议暨五次常委会议): compiled only where one is."""
    return re.compile(rf"暨{_tail()}")


@functools.lru_cache(maxsize=1)
def _res() -> Mapping[str, re.Pattern]:
    """The patterns of the three rules, built from the lexicons."""
    canon, subs = _bodies()
    kinds, named = _kinds()
    w = _words()
    kind = rf"(?:{_alternation(kinds)})(?!{_alternation(w['after'])})"
    held = _alternation(w["held"])
    tail = _tail()
    nkind = rf"(?P<kind>{_alternation(named)})(?!{_alternation(w['after'])})"
    return frozen({
        "body": re.compile(rf"(?P<level>{_alternation(lexicon('meeting_levels'))})(?P<t1>第?{_NUM}届)?"
                           rf"(?P<org>{_alternation(canon)}){tail}"),
        # a department's group: 区委组织部召开理论学习中心组学习会议
        "unit": re.compile(rf"(?P<unit>(?:{_alternation(lexicon('meeting_levels'))})[\u4e00-\u9fff]{{1,8}}?"
                           rf"(?:{_alternation(u for u, r in lexicon_fields('meeting_units') if r == 'unit')}))"
                           rf"(?P<h>{held})?(?P<group>{_alternation(u for u, r in lexicon_fields('meeting_units') if r == 'group')})"
                           rf"(?P<mid>(?:{_SESSION_WORDS}|{held})*)(?P<kind>{kind})"),
        # a body that is itself a meeting, right after 召开 and with no kind: 召开县委常委(扩大)会,
        "alone": re.compile(rf"(?P<level>{_alternation(lexicon('meeting_levels'))})(?P<org>{_alternation(canon)})"
                            rf"(?P<h2>{held})?(?P<mid>{_SESSION_WORDS}*)(?P<sub>{_alternation(subs)})?(?:[(（]?扩大[)）]?)?"
                            rf"(?P<hui>会)?(?P<h3>{held})?(?=[,，。；;！？!?\s]|$)"),
        "group": re.compile(_alternation(u for u, r in lexicon_fields('meeting_units') if r == 'group')),
        "held_end": re.compile(rf"(?:{held})了?$"),
        "held_verb": re.compile(rf"(?:{held})(?!的)"),
        "convener": re.compile(rf"(?P<level>{_alternation(lexicon('meeting_levels'))})(?P<org>{_alternation(canon)})?$"),
        "held": re.compile(held),
        "held_before": re.compile(rf"(?:{held})了?(?:{_SESSION_WORDS}+|[^\W\d会议的,，。；;]{{1,3}})?$"),   # 召开明山 | 召开十三届
        "held_after": re.compile(rf"[^,，。；;！？!?\n]{{0,25}}?(?:{held})(?!的)"),   # not 甲全会是在…召开的一次会议
        "not": re.compile(_alternation(w["not"] + lexicon("relay_verbs"))),
        "before": re.compile(rf"(?:{_alternation(w['before'])})(?P<name>[^,，。；;！？!?\n“”]{{0,40}}?){nkind}"),
        "named": re.compile(rf"{nkind}(?=(?:在[^,，。；;！？!?\n]{{0,20}})?(?:{held}))"),
        "nkind": re.compile(nkind),
        "bare": re.compile(rf"(?P<kind>{_alternation(named)})(?=[上首开前后,，])"),
        "talk": re.compile(r"与(?P<name>[^。；;！？!?\n]{2,40}?)(?:[,，]?就[^。；;！？!?\n]{0,40}?)?进行了?(?:深入)?座谈"),
        "chair": re.compile(_alternation(w["chair"])),
        "presides": re.compile(_alternation(w["presides"])),
    })


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """(the clause's text before start, at most meeting_forms.CLAUSE_BACK characters; its text after end)."""
    b = _CLAUSE_END.search(text, end)
    return text[_clause_start(text, start):start], text[end: b.start() if b else len(text)]


def _number(rx: re.Pattern, s: str) -> int | None:
    m = rx.search(s or "")
    v = cn_number(m.group(1)) if m else None
    return int(v) if v is not None else None


def _body_meeting(m: re.Match, level: str, org: str, t1: str = "") -> dict:
    """A body-rule match -> body, term, session, kind (a body named by its kind: 政府 + 常务会议)."""
    canon = _bodies()[0]
    stem = canon[org]
    if m.group("sub"):
        stem = canon.get(stem + m.group("sub"), stem + m.group("sub"))
    kind = m.group("kind2") or m.group("kind")
    if not m.group("kind2"):   # the longest kind the words end with: 政府常务 + 会议 -> 常务会议
        kind = _kind_ending(org + (m.group("sub") or "") + kind)
    stem = canon.get(stem + kind, stem)
    if kind in ("会议", "常委会议") and stem.endswith("常委会"):
        kind = "常委会会议"
    words = (t1 or "") + (m.group("mid") or "") + (m.group("mid2") or "")
    return {"body": level + stem, "term": _number(_TERM, words), "session": _number(_SESSION, words), "kind": kind}


def _held(text: str, start: int, end: int, headline: bool) -> bool:
    """A meeting held, not one relayed or decided on: a held word (召开, 举行, 开幕...) inside it, right
    before it (主持召开), or after it in its clause (...会议在县剧院隆重开幕); a headline needs none.

    >>> _held('甲主持召开区委常委会会议', 5, 12, False), _held('审议通过区人大一次会议有关事项', 4, 12, False)
    (True, False)
    """
    before, after = _clause(text, start, end)
    res = _res()
    if res["not"].search(before):
        return False
    joined = before.endswith("暨") and bool(res["held_verb"].search(before))   # 召开甲会议暨乙会议 (not 召开的甲会议暨…)
    return (headline or joined or bool(res["held"].search(text, start, end)) or bool(res["held_before"].search(before))
            or bool((ha := res["held_after"].match(after)) and not res["not"].search(ha.group(0))
                    and not after.startswith(_words().get("future", ()), ha.end())))


LEAD_CHARS = 500


def find_meetings(text: str, headline: bool = False) -> list[dict]:
    """Meetings held in a text: body, term, session, kind, name, pos (see the module's rules). A body's
    meeting (rule 1) is looked for in the first LEAD_CHARS characters, where a report names it; meetings
    with a name of their own and 座谈 (rules 2, 3) anywhere.

    >>> [(m['body'], m['term'], m['session'], m['kind']) for m in find_meetings('5月6日,县八届人大常委会召开第十二次会议。')]
    [('县人大常委会', 8, 12, '常委会会议')]
    """
    if _probe_re().search(text) is None:
        return []
    res, out, taken = _res(), [], []
    lead = LEAD_CHARS if len(text) > LEAD_CHARS else len(text)   # a body's meeting is reported in the lead
    for m in res["body"].finditer(text, 0, lead):
        if not _held(text, m.start(), m.end(), headline):
            continue
        t0 = _TERM_BEFORE.search(text, max(0, m.start() - 8), m.start())   # 十三届县委第32次常委会会议
        row = _body_meeting(m, m.group("level"), m.group("org"), (m.group("t1") or "") + (t0.group(0) if t0 else ""))
        out.append({**row, "name": res["held"].sub("", text[m.start():m.end()]), "pos": m.start(), "rule": "body"})
        end = m.end()
        while text.startswith("暨", end) and (j := _joined().match(text, end)) is not None:   # 县政协...会议暨五次常委会议
            r2 = _body_meeting(j, m.group("level"), m.group("org"))
            out.append({**r2, "term": r2["term"] or row["term"], "name": text[j.start() + 1:j.end()], "pos": j.start() + 1,
                        "rule": "body"})
            end = j.end()
        taken.append((m.start(), end))
    for m in res["unit"].finditer(text, 0, lead) if res["group"].search(text, 0, lead) else ():   # no group word, no scan
        if any(a < m.end() and m.start() < b for a, b in taken) or not _held(text, m.start(), m.end(), headline):
            continue
        out.append({"body": m.group("unit") + m.group("group"), "term": _number(_TERM, m.group("mid")),
                    "session": _number(_SESSION, m.group("mid")), "kind": m.group("kind"),
                    "name": res["held"].sub("", m.group(0)), "pos": m.start(), "rule": "body"})
        taken.append((m.start(), m.end()))
    for m in res["alone"].finditer(text, 0, lead):
        canon, said = _bodies()[0], m.group("org") + (m.group("sub") or "") + (m.group("hui") or "")
        body = canon.get(said) or canon.get(said[:-1], "") if said.endswith("会") else ""
        if not body.endswith("会") or any(a < m.end() and m.start("level") < b for a, b in taken):
            continue   # a body that is no meeting (区委), or one already taken
        if m.group("h2") or m.group("h3") or res["held_end"].search(text, max(0, m.start() - 6), m.start()):
            kind = "常委会会议" if body.endswith("常委会") else "会议"
            t0 = _TERM_BEFORE.search(text, max(0, m.start() - 8), m.start())
            words = (t0.group(0) if t0 else "") + m.group("mid")
            out.append({"body": m.group("level") + body, "term": _number(_TERM, words), "session": _number(_SESSION, words), "kind": kind,
                        "name": res["held"].sub("", text[m.start("level"):m.end()]), "pos": m.start("level"), "rule": "body"})
            taken.append((m.start("level"), m.end()))
    out += _cppcc_sessions(text, headline, taken)
    for rule, m in _named_hits(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            out.append(_named(text, m, rule))
            taken.append((m.start(), m.end()))
    return sorted(out, key=_pos) if len(out) > 1 else out


def _pos(row: dict) -> int:
    return row["pos"]


def _cppcc_sessions(text: str, headline: bool, taken: list) -> list[dict]:
    """The CPPCC plenary sessions named in full that were held (meeting_forms.cppcc_sessions)."""
    out = []
    for row in cppcc_sessions(text):
        a, b = row.pop("span")
        if not any(x < b and a < y for x, y in taken) and _held(text, a, b, headline):
            out.append(row)
            taken.append((a, b))
    return out


def _named_hits(text: str):
    """(rule, match) of the meetings with a name of their own: one pass over the named kinds, each
    then told by its context (召开 before it, 召开 after it, a sentence it opens); 座谈 with someone."""
    res = _res()
    for k in res["nkind"].finditer(text):
        s, e = k.span()
        w0 = _clause_start(text, s)
        mb = res["before"].search(text, w0, e)
        if mb and mb.end() == e:
            if _held(text, mb.start(), e, True):
                yield "before", mb
        elif (mn := res["named"].match(text, s)) is not None:
            if _held(text, s, e, True):
                yield "named", mn
        elif (s == 0 or text[s - 1] in "。！？!?\n") and (mr := res["bare"].match(text, s)) is not None:
            yield "bare", mr
    if "座谈" in text:
        yield from (("talk", m) for m in res["talk"].finditer(text))


def _named(text: str, m: re.Match, rule: str) -> dict:
    """A meeting with a name of its own (rules 2 and 3): the body that convened it when it says so (我县召开)."""
    if rule == "talk":
        return {"body": "", "term": None, "session": None, "kind": "座谈会", "name": f"与{m.group('name')}座谈", "pos": m.start()}
    kind = m.group("kind")
    if rule == "named":
        pos = _clause_start(text, m.start())
        name = text[pos:m.start()] + kind
    elif rule == "before":
        name, pos = m.group("name") + kind, m.start("name")
    else:
        name, pos = kind, m.start()
    before = text[_clause_start(text, pos):pos]
    conv = _res()["convener"].search(before.split("召开")[0].rsplit("在", 1)[0]) if "召开" in before else None   # 我县在某处召开
    body = conv.group("level") + _bodies()[0].get(conv.group("org") or "", "") if conv else ""
    name = _res()["held"].split(name)[-1].lstrip("了的")
    return {"body": body or _named_body(name, kind), "term": _number(_TERM, name), "session": None, "kind": kind, "name": name,
            "pos": pos}


def _merge(found: list[dict]) -> list[dict]:
    """One row per meeting: a body's mentions are one meeting (the headline's and the lead's), and so
    are meetings of one kind whose names contain one another; fields missing in one come from the other."""
    if len(found) < 2:   # nothing to merge (the usual case)
        return list(found)
    out: list[dict] = []
    for f in found:
        old = next((o for o in out if _same(o, f)), None)
        if old is None:
            out.append(f)
        else:
            old.update({k: v for k, v in f.items() if old.get(k) in (None, "") and v not in (None, "")})
    return sorted(out, key=lambda r: r["pos"])


def _same(a: dict, b: dict) -> bool:
    if a.get("rule") == "body" or b.get("rule") == "body":
        return a.get("rule") == b.get("rule") and a["body"] == b["body"]
    return a["kind"] == b["kind"] and (a["name"] in b["name"] or b["name"] in a["name"])


@functools.lru_cache(maxsize=1)
def _TITLE_END() -> re.Pattern:
    return re.compile(f"(?:{_alternation(lexicon('standalone_titles'))})$")


def chair_in(text: str) -> str:
    """Who presides, read from the text when the officials table has no 主持: the name before 主持
    (甲主持会议, 由区长甲主持, 甲在二楼会议室主持召开), or right after a chair's title (执行主席甲宣布开幕).

    >>> chair_in('会议由县政协主席张某某主持。'), chair_in('大会执行主席:甲、乙。执行主席王某某宣布开幕。')
    ('张某某', '王某某')
    >>> chair_in('6月1日,赵某某区长主持召开区政府常务会议。')
    '赵某某'

    """
    res = _res()
    for m in res["presides"].finditer(text):
        before = text[_clause_start(text, m.start()):m.start()].rsplit("由", 1)[-1]
        for part in (before.rsplit("在", 1)[0], before):
            part = _TITLE_END().sub("", part)   # 甲某区长主持: the name before the title
            name = _tail_name(part)
            if name:
                return name
    for m in res["chair"].finditer(text):
        name = name_at(text, m.end())
        if name:
            return name
    return ""


def meetings(articles: pd.DataFrame, appearances_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Meetings the articles report: body, term, session, kind, name, chair, held_on, evidence (see the module)."""
    app = appearances_df if appearances_df is not None else appearances(articles)
    return finish(meeting_rows(records(articles), {"appearances": app.to_dict("records")}), "meetings")


@functools.lru_cache(maxsize=1)
def _time_of_day() -> re.Pattern:
    return re.compile(f"(?:{_alternation(lexicon('time_of_day'))})$")


@functools.lru_cache(maxsize=256)
def _held_on(dateline: str, date) -> pd.Timestamp | None:
    """The day a dateline names (昨天下午: the issue's day before); cached, as an issue's datelines repeat."""
    return resolve_date(_time_of_day().sub("", dateline), date if is_known(date) else None)[0]


def meeting_rows(recs: list, done: dict) -> list[dict]:
    """Rows of the meetings table (registry row function); chairs from done["appearances"] (主持),
    else from the text (chair_in); the day from the dateline."""
    chairs: dict[tuple, list[str]] = defaultdict(list)
    for a in done["appearances"]:
        if a["role"] == "主持":
            chairs[(a["issue_id"], a["article"])].append(a["name"])
    rows = []
    for r in recs:
        if r.kind not in ("news", "brief"):
            continue
        trad = is_traditional(r.body) or is_traditional(r.headline)
        body, head = normalize(r.body, trad), normalize(r.headline, trad)
        found = find_meetings(body)
        found += [{**f, "pos": f["pos"] - len(head) - 1} for f in find_meetings(head, headline=True)]
        found = _merge(found)
        if not found:
            continue
        chair = "、".join(chairs.get((r.issue_id, r.article), [])) or chair_in(head + "\n" + body)
        dl = r.dateline
        held = _held_on(dl, r.date) if dl else None
        for f in found:
            ev = head if f["pos"] < 0 else _sentence_around(body, f["pos"])
            rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "body": f["body"], "term": f["term"],
                         "session": f["session"], "kind": f["kind"], "name": f["name"], "chair": chair, "held_on": held,
                         "evidence": ev, "pos": f["pos"]})
    return rows
