"""One relayed item: its speaker, occasion and form, its kind, the level of its source, letter recipients."""
from __future__ import annotations

from typing import Mapping

import functools
import re

from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation, frozen


_NOTE_END = re.compile(r"[(（][^()（）]*[)）]$")   # a note in brackets closing a title


_RELAY_LEAD = re.compile(r"^(?:了|学习|贯彻|传达|落实|领会|全会)*(?:了)?")


_RELAY_LAW = re.compile(r"《([^》]+)》")


_RELAY_OCCASIONS = tuple(re.compile(p) for p in (r"在(.+?)(?:上|时)的", r"在(.+?)期间", r"在(.+?)的", r"(对.+?)作出的", r"(关于.+?)的",
                                                 r"(近期系列)", r"(?:致|给|向)(.+?)的"))


_RELAY_SPIRIT = re.compile(r"(?:的)?精神$")


_RELAY_CENTRAL_BODY = re.compile(r"((?:中央|中共中央|国务院|全国)[\u4e00-\u9fff]*?(?:委员会|政治局|国务院))")


@functools.lru_cache(maxsize=1)
def _kind_words() -> Mapping[str, str]:
    return frozen({w: k for w, k in lexicon_fields("relay_item_kinds")})


@functools.lru_cache(maxsize=1)
def _forms_re() -> re.Pattern:
    """The form words an item names (重要讲话, 重要指示批示, 贺信...): kinds speech, instruction, letter."""
    return re.compile(_alternation(w for w, k in _kind_words().items() if k in ("speech", "instruction", "letter", "article")))


@functools.lru_cache(maxsize=1)
def _speaker_re() -> re.Pattern:
    return re.compile(r"((?:[\u4e00-\u9fff]{2,3})(?:" + _alternation(lexicon("central_titles")) + r"))")


@functools.lru_cache(maxsize=1)
def _title_kinds() -> tuple[tuple[str, ...], ...]:
    return tuple(sorted(lexicon_fields("relay_title_kinds"), key=lambda f: -len(f[0])))


def title_kind(title: str, leaders: tuple[str, ...] = ()) -> str:
    """The kind of a title in 《》: law, document or book (relay_title_kinds.txt); a law only where a
    law is named, a leader's title (《甲论文化(2022)》) never a law.

    >>> title_kind('中华人民共和国统计法'), title_kind('甲某论文化(2023)', ('甲某',)), title_kind('某某工作条例')
    ('law', 'book', 'document')
    """
    bare = _NOTE_END.sub("", title)
    by_leader = any(n and n in bare for n in leaders)
    for end, kind, *_ in _title_kinds():
        if bare.endswith(end) and not (by_leader and kind == "law"):
            return kind
    return "book" if by_leader else "document"


def item_kind(item: str, leaders: tuple[str, ...] = ()) -> str:
    """The kind of a relayed item, told by how it ends: letter, article, speech, instruction (the first
    of a run of form words: 重要讲话和指示批示 is a speech), thought, plenum, session; a title in 《》
    (its first one) is a law, document or book (署名文章《…》 an article); `other` when none fits.

    >>> item_kind('甲某总书记致某某博览会的贺信'), item_kind('甲某总书记关于某工作的重要讲话和指示批示')
    ('letter', 'speech')
    >>> item_kind('《某某工作条例》'), item_kind('党的某届某中全会'), item_kind('乙某同志在“后半篇”文章推进会上的讲话')
    ('document', 'plenum', 'speech')
    """
    words = _kind_words()
    core = _RELAY_SPIRIT.sub("", item)
    if core.endswith("》"):
        before = core[: core.rfind("《")] if "《" in core else ""
        if any(w in _RELAY_LAW.sub("", before) for w, k in words.items() if k == "article"):
            return "article"
        return title_kind(_RELAY_LAW.search(core).group(1), leaders) if _RELAY_LAW.search(core) else "other"
    run = _run_re().search(core)
    if run:
        return words[_forms_re().search(run.group(0)).group(0)]
    for w, k in _by_length():
        if k != "other" and core.endswith(w):
            return k
    return "other"


@functools.lru_cache(maxsize=1)
def _by_length() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(_kind_words().items(), key=lambda x: -len(x[0])))


@functools.lru_cache(maxsize=1)
def _run_re() -> re.Pattern:
    """A run of form words (with 和, 及, 、) that ends an item: 重要讲话和指示批示, 贺信."""
    forms = _alternation(w for w, k in _kind_words().items() if k in ("speech", "instruction", "letter", "article"))
    return re.compile(rf"(?:{forms})(?:(?:和|及|、)?(?:{forms}))*$")


@functools.lru_cache(maxsize=1)
def _levels() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    f = lexicon_fields("relay_levels")
    table = {x[0]: x[1] for x in f}
    listed = _alternation(x[0] for x in f if x[2:] == ("list",))
    return (re.compile(rf"(?:{_alternation(table)})"), re.compile(rf"^(?P<list>(?:(?:{listed})、)+)(?P<last>{listed})(?P<rest>.+)"),
            table)


_DATE_LEAD = re.compile(r"^(?:\d{4}年度?|\d{1,2}月(?:\d{1,2}日)?|第?[零〇一二三四五六七八九十]+届)+")


_OCCASION_AT = re.compile(r"^[^在对关]{0,8}?(?:在|对|关于)")


_PLACE_LEVEL = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{2,3}(?:(?P<lv>省|市)(?![场民])|(?P<lv2>县|区)(?=委|政府|人大|政协|纪委))")


_CENTRAL_PLENUM = re.compile(r"(?:^|[^\d零〇一二三四五六七八九十])[一二三四五六七八九十]中全会")


def level_of(item: str, speaker: str = "", leaders: tuple[str, ...] = ()) -> str:
    """The level of a relayed item's source (中央, 省, 市, 区 as in levels.txt): a central leader's
    item is central; else the level word it opens with (省委, 全市, 党的...); else a central plenum
    (二十届三中全会) or a named central leader; else the issuing body of a place (甲市…, 《中共乙市纪委…》,
    丙县委…); else '' (an item that names no level is not taken to be the centre's).

    >>> level_of('市委主要领导来区调研时的讲话'), level_of('全国两会'), level_of('甲县乙乡某工作会议')
    ('市', '中央', '')
    >>> level_of('《中共甲山市纪委关于某某问题的通报》'), level_of('二十届四中全会'), level_of('甲乙县委某会议')
    ('市', '中央', '区')
    >>> level_of('某某省某工作推进会议'), level_of('近期发表的重要文章', '甲某总书记'), level_of('2024年全市某会议')
    ('省', '中央', '市')
    >>> level_of('乙某同志在全省某工作会议上的讲话')
    '省'

    """
    if speaker and _speaker_re().fullmatch(speaker):
        return "中央"
    rx, _, table = _levels()
    core = _DATE_LEAD.sub("", item).lstrip("《")
    m = rx.match(core)
    if not m and (oc := _OCCASION_AT.search(core)):   # 乙同志在全省…会议上的讲话: the occasion's level
        m = rx.match(core, oc.end())
    if m:
        return table[m.group(0)]
    if any(n and n in core for n in leaders) or _CENTRAL_PLENUM.search(core):
        return "中央"
    p = _PLACE_LEVEL.match(core)
    if p:
        return {"省": "省", "市": "市", "县": "区", "区": "区"}[p.group("lv") or p.group("lv2")]
    title = _RELAY_LAW.search(item)   # 新修订的《中华人民共和国某法》: the issuer its title names
    if title and (mt := rx.match(title.group(1))):
        return table[mt.group(0)]
    return "中央" if title and _central_title(title.group(1)) else ""


def _central_title(title: str) -> bool:
    """True for a title that names no issuer and ends like a law or a Party rule only the centre
    issues under a bare name (relay_title_kinds.txt, third field `central`: 《某某工作条例》).

    >>> _central_title('某某干部任用工作条例'), _central_title('某某工作方案'), _central_title('某某管理办法')
    (True, False, False)
    """
    bare = _NOTE_END.sub("", title)
    ends = sorted((f for f in lexicon_fields("relay_title_kinds") if bare.endswith(f[0])), key=lambda f: -len(f[0]))
    return bool(ends) and ends[0][2:] == ("central",)


def split_levels(part: str) -> list[tuple[int, str]]:
    """A part that opens with a list of levels sharing one name -> one (offset, item) per level.

    >>> split_levels('中央、省、市某某工作推进会议精神')
    [(0, '中央某某工作推进会议精神'), (3, '省某某工作推进会议精神'), (5, '市某某工作推进会议精神')]
    >>> split_levels('省、市、县委常委会会议精神')[2]
    (4, '县委常委会会议精神')
    """
    m = _levels()[1].match(part)
    if not m:
        return [(0, part)]
    out, at = [], 0
    for w in m.group("list").split("、")[:-1] + [m.group("last")]:
        out.append((at, w + m.group("rest")))
        at += len(w) + 1
    return out


@functools.lru_cache(maxsize=1)
def _letter_re() -> re.Pattern:
    letters = _alternation(w for w, k in _kind_words().items() if k == "letter")
    return re.compile(rf"(?:致|给|向)(?P<to>.+?)的?(?P<form>{letters})")


def recipients(item: str) -> list[tuple[int, str]]:
    """The recipients of a letter (致甲的贺信 -> 甲), one per name of a list whose names are all long
    enough to stand alone (致甲博览会、乙交易会的贺信 -> two; 致中甲友好、乙委员会的贺辞 -> one).

    >>> recipients('甲某总书记致2024某某博览会、第五届某某洽谈会的贺信')
    [(6, '2024某某博览会'), (16, '第五届某某洽谈会')]
    >>> recipients('给某某学校师生的回信'), recipients('重要讲话')
    ([(1, '某某学校师生')], [])
    """
    m = _letter_re().search(item)
    if not m:
        return []
    names = m.group("to").split("、")
    if len(names) == 1 or min(map(len, names)) < 5:
        return [(m.start("to"), m.group("to"))]
    out, at = [], m.start("to")
    for n in names:
        out.append((at, n))
        at += len(n) + 1
    return out


def parse_relay_object(obj: str) -> dict[str, str]:
    """The object of a relay verb -> speaker, occasion, form.

    >>> parse_relay_object('习近平总书记在湖北考察时的重要讲话精神')
    {'speaker': '习近平总书记', 'occasion': '湖北考察', 'form': '重要讲话'}
    """
    obj = _RELAY_LEAD.sub("", obj)
    speaker = ""
    ms = _speaker_re().match(obj)
    if ms:
        speaker = ms.group(1)
    rest = obj[len(speaker):]
    law = _RELAY_LAW.search(obj)
    if law and not _forms_re().search(rest) and title_kind(law.group(1)) == "law":
        return {"speaker": "", "occasion": law.group(1), "form": "法律"}
    if rest.endswith("思想"):
        return {"speaker": speaker or obj[: max(0, len(obj) - len(next((s for s in lexicon("thought_suffixes") if obj.endswith(s)), "")))],
                "occasion": obj, "form": "思想"}
    form = "、".join(dict.fromkeys(_forms_re().findall(rest)))
    occ = ""
    for pat in _RELAY_OCCASIONS:
        mo = pat.match(rest)
        if mo:
            occ = mo.group(1)
            break
    if law and not form:
        return {"speaker": speaker, "occasion": law.group(1), "form": "《》"}
    if not form:
        core = _DATE_LEAD.sub("", _RELAY_SPIRIT.sub("", rest))
        if core.endswith(("会议", "全会", "大会", "两会")):
            form, occ = "会议精神", core
            if not speaker:
                mb = _RELAY_CENTRAL_BODY.match(core)
                speaker = mb.group(1) if mb else ""
        else:
            form, occ = "精神", occ or core
    return {"speaker": speaker, "occasion": occ, "form": form}
