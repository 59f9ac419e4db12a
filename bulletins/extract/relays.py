"""Items a meeting relays or studies, one row per item: item, kind, level of the source, recipient,
speaker, occasion, form, central date, delay.

A relay opens with a verb (relay_verbs.txt: 传达学习...) or sits inside a frame (relay_frames.txt:
围绕...开展专题学习); its object runs to the end of the clause and on over clauses that open like an
item (relay_openers.txt, a level, a date, a cited leader). The object is cut after each word that ends
an item (relay_item_kinds.txt) followed by 、 / 和 / 及 / a comma; a part that is only a form word
(…重要讲话和指示批示) stays with the item before it, a bare 全会精神 takes the occasion before it, a list of
levels (中央、省、市…会议) and of letter recipients (致甲、乙的贺信) gives one item each.
No row for a generic head alone (重要会议, 相关文件: relay_generic.txt), for works named where a report
or the past year is retold (relay_report_openers.txt), or for a meeting the text says is still to come;
a local leader first named after a relayed meeting (甲书记的讲话) adds his speech at that meeting's level.
"""
from __future__ import annotations

from typing import Mapping

import csv
import functools
import re
from typing import Iterator
import pandas as pd

from ..config import LEXICONS
from ..extract.dates import resolve_date
from ..extract.meetings import meetings
from ..extract.names import _central_mention_names
from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation, frozen
from ..pipeline.codec import finish
from ..schema import records
from ..text import _sentence_at, _sentences, is_known, is_traditional, normalize
from .relay_items import _forms_re, item_kind, level_of, parse_relay_object, recipients, split_levels


def central_occasions() -> pd.DataFrame:
    """The analyst-kept dates of central occasions (data/lexicons/central_occasions.csv), a new copy each call."""
    df = pd.read_csv(LEXICONS / "central_occasions.csv", dtype=str, encoding="utf-8-sig").fillna("")
    df["date"] = pd.to_datetime(df["date"].replace("", None))
    return df


@functools.lru_cache(maxsize=1)
def _occasion_dates() -> Mapping[str, pd.Timestamp]:
    """central_occasions() as {occasion: date}, the dated ones, read with the csv module (no frame to build)."""
    with open(LEXICONS / "central_occasions.csv", encoding="utf-8-sig", newline="") as f:
        rows = [(r.get("occasion") or "", r.get("date") or "") for r in csv.DictReader(f)]
    return frozen({o: d for o, d in ((o, pd.Timestamp(s) if s else None) for o, s in rows) if is_known(d)})


@functools.lru_cache(maxsize=1)
def relay_pattern() -> re.Pattern:
    """A relay verb (了) and its object's first part, up to a word that ends an item (精神, a form word
    of relay_item_kinds.txt, a title)."""
    verbs = _alternation(lexicon("relay_verbs"))
    ends = _alternation(["精神"] + [w for w, k in lexicon_fields("relay_item_kinds")
                                    if k in ("speech", "instruction", "letter", "article", "thought")])
    return re.compile(rf"(?:{verbs})了?(?P<obj>[^,，。；;]*?(?:(?:{ends})(?=[,，。；;及、和等]|$)|》))")


@functools.lru_cache(maxsize=1)
def _frame_openers() -> tuple[str, ...]:
    """The words that open a frame (围绕...), once each."""
    return tuple(sorted({a for a, _ in lexicon_fields("relay_frames")}))


@functools.lru_cache(maxsize=1)
def _frame_pattern() -> re.Pattern:
    f = lexicon_fields("relay_frames")
    return re.compile(rf"(?:{_alternation(a for a, _ in f)})(?P<obj>[^。！？!?\n]{{2,200}}?)(?:{_alternation(b for _, b in f)})")


def relay_matches(text: str) -> Iterator[re.Match]:
    """Relay phrases (传达学习...精神) left to right, none right after 结合 (结合学习...: not a relay).

    The pattern opens with the verbs, so the regex engine skips ahead to them; the 结合 test
    is made here and a refused place is searched again from the next character, as a look-behind would."""
    pat, pos = relay_pattern(), 0
    while (m := pat.search(text, pos)) is not None:
        if text.endswith("结合", 0, m.start()):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()   # never empty: a match holds a verb


@functools.lru_cache(maxsize=1)
def _res() -> Mapping[str, re.Pattern]:
    heads = _alternation(w for w, _ in lexicon_fields("relay_item_kinds") if len(w) > 1)
    speaker = _alternation(lexicon("central_titles"))
    opener = _alternation(list(lexicon("relay_openers")) + [f[0] for f in lexicon_fields("relay_levels")])
    return frozen({
        "cut": re.compile(r"(?<=》)(?=《)|(?:[、,，；;]|以及|及|和|并)+"),
        "head": re.compile(rf"(?:{heads}|》)"),
        "opener": re.compile(rf"(?:以及|及|和)?(?:{opener}|\d{{1,2}}月\d{{1,2}}日|[\u4e00-\u9fff]{{2,3}}(?:{speaker}))"),
        "clause_end": re.compile(r"[,，；;。！？!?\n]"),
        "stop": re.compile(r"[。！？!?\n]"),
    })


def relay_objects(text: str) -> Iterator[tuple[int, str]]:
    """(position, text) of each relay's whole object: the clause after the verb and the clauses after it
    that open like an item (…的重要讲话精神,致…的贺信,给…的回信)."""
    res = _res()
    spans = [(m.start("obj"), m.end("obj")) for m in relay_matches(text)]
    if any(a in text for a in _frame_openers()):   # no frame opens here: no scan
        spans += [(m.start("obj"), m.end("obj")) for m in _frame_pattern().finditer(text)]
    last = -1
    for start, end in sorted(spans):
        if start < last:
            continue
        stop = res["stop"].search(text, end)
        limit = stop.start() if stop else len(text)
        ce = res["clause_end"].search(text, end, limit)
        end = max(end, ce.start() if ce else limit)
        while end < limit and text[end] in ",，；;" and res["opener"].match(text, end + 1):
            ce = res["clause_end"].search(text, end + 1, limit)
            end = ce.start() if ce else limit
        last = end
        yield start, text[start:end]


def _parts(pos: int, obj: str) -> list[tuple[int, str]]:
    """An object cut after each word that ends an item: [(position, part)]."""
    res, out, at = _res(), [], 0
    for m in res["cut"].finditer(obj):
        if res["head"].search(obj, max(at, m.start() - 40), m.start()) and _ends_with_head(obj[at:m.start()]):
            out.append((pos + at, obj[at:m.start()]))
            at = m.end()
    out.append((pos + at, obj[at:]))
    return out


_SPIRIT_END = re.compile(r"(?:的)?精神$")
_DATE_OPEN = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日")
_RECENT_OPEN = re.compile(r"^(?:近期|系列)+")
_AFTER_HEAD = re.compile(r"(?:[(（][^()（）]{0,30}[)）])?(?:等|内容|的)*$")


def _ends_with_head(s: str) -> bool:
    """True when a piece ends with a word that ends an item, maybe followed by a note in brackets, 等 or 内容."""
    s = _AFTER_HEAD.sub("", s)
    return bool(_head_end_re().search(s))


@functools.lru_cache(maxsize=1)
def _head_end_re() -> re.Pattern:
    """A word that ends an item, at the end of a piece (the `head` pattern anchored)."""
    return re.compile(rf"(?:{_res()['head'].pattern})$")


@functools.lru_cache(maxsize=1)
def _item_res() -> Mapping[str, re.Pattern]:
    words = [w for w, k in lexicon_fields("relay_item_kinds") if k in ("speech", "instruction")]
    back = [w for w, k in lexicon_fields("relay_item_kinds") if k in ("plenum", "session")]
    return frozen({
        "lead": re.compile(r"^(?:了|以及|及|和|并|、|学习|贯彻|传达|落实|领会)+"),
        "trail": re.compile(rf"^.*(?:{_res()['head'].pattern})"),
        "forms_only": re.compile(rf"(?:重要)?(?:{_alternation(words)}|和|及|、)+(?:的)?(?:精神)?"),
        "back": re.compile(rf"(?:{_alternation(back)})(?:的)?精神"),
        "modifier": re.compile(rf"(?<=.)(?:{_alternation(lexicon('relay_vague'))})精神$"),
        "etc": re.compile(r"等[^、,，；;]{0,4}$"),
        "vague": re.compile(rf"(?:{_alternation(lexicon('relay_vague'))})|.*(?:{_alternation(lexicon('relay_vague'))})(?:重要)?文件(?:的)?(?:精神)?$"),
        "inherit": re.compile(r"(?:在|对|关于|致|给|向|近期)"),
        "speaker": re.compile(r"(?:[\u4e00-\u9fff]{2,3})(?:" + _alternation(lexicon("central_titles")) + r")"),
        "generic": re.compile(rf"(?:{_alternation(lexicon('relay_generic'))})*"
                              rf"(?:{_alternation(w for w, k in lexicon_fields('relay_item_kinds') if k in ('document', 'session', 'plenum', 'other'))})"
                              r"(?:的)?(?:精神)?"),
    })


def _forms_in(s: str) -> bool:
    return bool(_forms_re().search(s))


def _clean(pos: int, part: str) -> tuple[int, str]:
    """A part without its leading joiners and verbs and what follows its last item word (等内容)."""
    r = _item_res()
    lead = r["lead"].match(part)
    if lead:
        pos, part = pos + lead.end(), part[lead.end():]
    t = r["trail"].match(part)
    part = t.group(0) if t else ""
    part = r["modifier"].sub("精神", part)   # 中央经济工作会议主要精神
    etc = r["etc"].search(part)   # …全会等会议精神, …讲话等内容 (not …》等重要文章: the kind is said there)
    if etc and _ends_with_head(part[:etc.start()]) and not _forms_in(etc.group(0)):
        part = part[:etc.start()]
    return pos, part


def relay_items(text: str) -> list[dict]:
    """The items a text relays, one per item, in text order, each with its relay's number (`span`).

    >>> [i['item'] for i in relay_items('会议传达学习了甲某总书记在某地考察时的重要讲话和重要指示精神、对某工作作出的重要批示精神。')]
    ['甲某总书记在某地考察时的重要讲话和重要指示', '甲某总书记对某工作作出的重要批示']
    """
    if relay_pattern().search(text) is None and not any(a in text for a in _frame_openers()):
        return []   # no relay verb and no frame: the usual article, nothing to read
    objects = [(p, o) for p, o in relay_objects(text) if not _retold(text, p)]
    if not objects:
        return []
    leaders = tuple(_central_mention_names(text))
    coming = _coming(text)
    items = [{**dict(d), "span": span, "pos": pos + at}
             for span, (pos, obj) in enumerate(objects) for at, d in _object_items(obj, leaders)]
    if coming:
        items = [i for i in items if _bare(i["item"]) not in coming]
    return _with_leader_speeches(text, items, objects)


_UP_TO_SENTENCE_END = re.compile(r".*[。！？!?\n]", re.S)   # greedy: up to the last sentence end


@functools.lru_cache(maxsize=1)
def _report_openers() -> tuple[str, ...]:
    return tuple(lexicon("relay_report_openers"))


def _retold(text: str, pos: int) -> bool:
    r"""True when the sentence at pos (or the short line that opens its paragraph) retells a report or
    the past period (relay_report_openers.txt: 报告指出, 一年来…): what it names was studied then, not relayed now.

    >>> _retold('报告指出\n一年来,甲委员会深入学习乙某重要讲话', 15), _retold('会议传达学习了乙某重要讲话', 8)
    (True, False)
    """
    openers = _report_openers()
    last = _UP_TO_SENTENCE_END.match(text, 0, pos)
    s0 = last.end() if last else 0   # after the last sentence end before pos
    if text.startswith(openers, s0):
        return True
    line0 = text.rfind("\n", 0, pos)
    prev = text[text.rfind("\n", 0, line0) + 1: line0] if line0 > 0 else ""
    return len(prev) <= 8 and prev.startswith(openers)


def _bare(item: str) -> str:
    return _SPIRIT_END.sub("", item).replace("第", "")


_COMING_WORDS = ("即将", "将于", "拟于")
_COMING = re.compile(r"([\u4e00-\u9fff]{2,30}?)(?:即将|将于[^,，。；;]{0,15}?|拟于[^,，。；;]{0,15}?)(?:召开|举行)")


def _coming(text: str) -> frozenset:
    """Meetings the text says are still to come (县第九次党代会即将召开), without 第: studying their
    精神 ahead is no relay of them.

    >>> sorted(_coming('甲县第九次党代会即将召开,要学习贯彻县九次党代会精神'))
    ['甲县九次党代会']
    """
    if not any(w in text for w in _COMING_WORDS):   # the pattern needs one of them: skip its slow scan
        return frozenset()
    return frozenset(m.group(1).replace("第", "") for m in _COMING.finditer(text) if "召开" in m.group(0) or "举行" in m.group(0))


@functools.lru_cache(maxsize=1)
def _leader_speech() -> re.Pattern:
    titles = _alternation(lexicon("relay_leader_titles"))
    return re.compile(rf"(?:^|(?<=[。！？!?\n,，；;]))(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?:{titles})(?:在[^,，。；;]{{1,30}}?上)?的(?:重要)?讲话")


def _with_leader_speeches(text: str, items: list[dict], objects: list) -> list[dict]:
    """Items plus the speech of a local leader named for the first time after a relayed meeting
    (…传达了市委某全会精神。甲书记的讲话…): a speech at that meeting, at its level.

    >>> [(i['item'], i['level']) for i in relay_items('会议传达了甲市市委某全会精神。乙某书记的讲话站位高。')]
    [('甲市市委某全会', '市'), ('乙某书记的讲话', '市')]
    """
    meets = [i for i in items if i["item_kind"] in ("plenum", "session") and i["level"] not in ("", "中央")]
    if not meets or "讲话" not in text:
        return items
    out = list(items)
    for m in _leader_speech().finditer(text, meets[0]["pos"]):
        if any(p <= m.start() < p + len(o) for p, o in objects) or m.group("name") in text[: m.start()]:
            continue
        before = [i for i in meets if i["pos"] < m.start()]
        item = m.group(0)
        out.append({**before[-1], "item": item, "item_kind": "speech", "speaker": item[: item.index("的")],
                    "occasion": before[-1]["occasion"], "form": "讲话", "recipient": "",
                    "pos": m.start()})   # the meeting's span: not a repeat of its occasion
    return sorted(out, key=lambda i: i["pos"])


@functools.lru_cache(maxsize=4096)
def _object_items(obj: str, leaders: tuple[str, ...]) -> tuple[tuple[int, tuple], ...]:
    """The items of one relay's object: (offset in the object, the item's fields as pairs). Cached:
    the same relay (a central speech, a plenum) comes back in issue after issue."""
    r = _item_res()
    parts: list[list] = []
    for ppos, part in _parts(0, obj):
        ppos, part = _clean(ppos, part)
        if not part:
            continue
        if parts and r["forms_only"].fullmatch(part):   # …重要讲话和指示批示: one item
            parts[-1][1] += obj[parts[-1][0] + len(parts[-1][1]): ppos + len(part)]
            continue
        if parts and r["back"].fullmatch(part):   # …全会上的重要讲话和全会精神
            occ = parse_relay_object(parts[-1][1])["occasion"]
            if occ.endswith(part[:2]):
                part = occ + "精神"
        if r["vague"].match(part) or r["generic"].fullmatch(part):   # 相关会议, 重要文件, 文件: no item
            continue
        parts.append([ppos, part])
    out, speaker = [], ""
    for ppos, part in parts:
        for off, one in split_levels(part):
            ms = r["speaker"].match(one)
            speaker = ms.group(0) if ms else speaker
            full = one if ms or not speaker or not r["inherit"].match(one) else speaker + one
            shift = len(full) - len(one)
            names = recipients(full)
            if len(names) > 1:
                a, b = names[0][0], names[-1][0] + len(names[-1][1])
                out += [(ppos + off + at - shift, full[:a] + name + full[b:]) for at, name in names]
            else:
                out.append((ppos + off, full))
    return tuple((at, tuple(_describe({"text": t}, leaders).items())) for at, t in out)


def _describe(i: dict, leaders: tuple[str, ...] = ()) -> dict:
    item = _SPIRIT_END.sub("", i["text"])
    p = parse_relay_object(i["text"])
    names = recipients(item)
    return {**i, **p, "item": item, "item_kind": item_kind(item, leaders),
            "level": level_of(item, p["speaker"], leaders), "recipient": names[0][1] if names else ""}


@functools.lru_cache(maxsize=1024)
def _occasion_key(occ: str) -> str:
    """An occasion as relays compare it: without a printed date and a 会议 after a 会 (民主生活会会议)."""
    occ = _DATE_OPEN.sub("", occ)
    return occ[:-2] if occ.endswith("会会议") else occ


def _again(it: dict, first_span: dict) -> bool:
    """True when an item repeats one relayed in an earlier sentence of the article: the same occasion
    (民主生活会 / 民主生活会会议精神), or a leader's item that names only its form (甲总书记重要讲话)
    after one of his items of that kind. Updates first_span, the relay where each key was first seen."""
    keys = [("occasion", _occasion_key(it["occasion"]) or it["item"], it["recipient"])]
    if it["speaker"]:
        keys.append(("speaker", it["speaker"], it["item_kind"]))
    if it["speaker"] and first_span.get(keys[1], it["span"]) != it["span"] \
            and _item_res()["forms_only"].fullmatch(_RECENT_OPEN.sub("", it["item"][len(it["speaker"]):])):
        return True
    if first_span.get(keys[0], it["span"]) != it["span"] or (keys[0], it["item"]) in first_span:
        return True
    for k in keys:
        first_span.setdefault(k, it["span"])
    first_span[(keys[0], it["item"])] = it["span"]
    return False


def relays(articles: pd.DataFrame, meetings_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Items the articles relay or study, one row per item: item, item_kind, level, recipient, speaker,
    occasion, form, central date and delay (see the module).

    The central date comes from data/lexicons/central_occasions.csv, else from a date printed before
    the item (2月16日中共中央政治局会议精神); the delay from the meeting's held_on day.
    """
    mt = meetings_df if meetings_df is not None else meetings(articles)
    return finish(relay_rows(records(articles), {"meetings": mt.to_dict("records")}), "relays")


def relay_rows(recs: list, done: dict) -> list[dict]:
    """Rows of the relays table (registry row function); meeting bodies and days from done["meetings"]
    (an article's first meeting). An item relayed again in a later sentence of the article is one row."""
    known = _occasion_dates()
    by_article: dict[tuple, dict] = {}
    for m in done["meetings"]:
        by_article.setdefault((m["issue_id"], m["article"]), m)
    rows = []
    for r in recs:
        text = normalize(r.body, is_traditional(r.body))   # the key the other steps cached it under
        items = relay_items(text)
        if not items:
            continue
        sents = _sentences(text)
        mrow = by_article.get((r.issue_id, r.article))
        body = mrow["body"] if mrow else ""
        held = mrow["held_on"] if mrow else None
        first_span: dict[tuple, int] = {}
        for it in items:
            if _again(it, first_span):
                continue
            cdate = known.get(it["occasion"])
            said = _DATE_OPEN.match(it["item"])
            if cdate is None and said:
                cdate = resolve_date(said.group(0), r.date)[0]
            cdate = cdate if is_known(cdate) else None
            delay = (held - cdate).days if cdate is not None and is_known(held) else None
            s0, s1 = _sentence_at(sents, it["pos"])
            rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "meeting_body": body,
                         "item": it["item"], "item_kind": it["item_kind"], "level": it["level"],
                         "recipient": it["recipient"], "speaker": it["speaker"], "occasion": it["occasion"],
                         "form": it["form"], "central_date": cdate, "delay_days": delay,
                         "evidence": text[s0:s1].strip(), "pos": it["pos"]})
    return rows
