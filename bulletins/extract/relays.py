"""Central items a meeting relays or studies: speaker, occasion, form, central date, delay."""
from __future__ import annotations

import functools
import re
from typing import Iterator
import pandas as pd

from ..config import LEXICONS
from ..extract.meetings import meetings
from ..lexicons import lexicon
from ..patterns import _alternation
from ..pipeline.codec import finish
from ..schema import records
from ..text import _sentence_at, _sentences, normalize


@functools.lru_cache(maxsize=1)
def central_occasions() -> pd.DataFrame:
    """The analyst-kept dates of central occasions (data/lexicons/central_occasions.csv)."""
    df = pd.read_csv(LEXICONS / "central_occasions.csv", dtype=str, encoding="utf-8-sig").fillna("")
    df["date"] = pd.to_datetime(df["date"].replace("", None))
    return df


@functools.lru_cache(maxsize=1)
def _occasion_dates() -> dict[str, pd.Timestamp]:
    occ = central_occasions()
    return {o: d for o, d in zip(occ["occasion"], occ["date"]) if pd.notna(d)}


@functools.lru_cache(maxsize=1)
def relay_pattern() -> re.Pattern:
    verbs = _alternation(lexicon("relay_verbs"))
    return re.compile(rf"(?:{verbs})了?(?P<obj>[^,，。；;]*?(?:精神|思想|重要指示|重要讲话|》))(?=[,，。；;及]|$)")


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


_RELAY_LEAD = re.compile(r"^(?:了|学习|贯彻|传达|落实)+了?")


_RELAY_LAW = re.compile(r"《([^》]+)》")


_RELAY_FORMS = re.compile(r"重要讲话|重要指示批示|重要指示|重要论述|贺信|回信")


_RELAY_OCCASIONS = tuple(re.compile(p) for p in (r"在(.+?)(?:上|时)的", r"(对.+?)作出的", r"(关于.+?)的", r"(近期系列)"))


_RELAY_SPIRIT = re.compile(r"(?:的)?精神$")


_RELAY_CENTRAL_BODY = re.compile(r"((?:中央|中共中央|国务院|全国)[\u4e00-\u9fff]*?(?:委员会|政治局|国务院))")


_RELAY_SPLIT = re.compile(r"(?<=精神)[和、]")


@functools.lru_cache(maxsize=1)
def _speaker_re() -> re.Pattern:
    return re.compile(r"((?:[\u4e00-\u9fff]{2,3})(?:" + _alternation(lexicon("central_titles")) + r"))")


def parse_relay_object(obj: str) -> dict[str, str]:
    """The object of a relay verb -> speaker, occasion, form.

    >>> parse_relay_object('习近平总书记在湖北考察时的重要讲话精神')
    {'speaker': '习近平总书记', 'occasion': '湖北考察', 'form': '重要讲话'}
    """
    obj = _RELAY_LEAD.sub("", obj)
    law = _RELAY_LAW.search(obj)
    if law:
        return {"speaker": "", "occasion": law.group(1), "form": "法律"}
    speaker = ""
    ms = _speaker_re().match(obj)
    if ms:
        speaker = ms.group(1)
    rest = obj[len(speaker):]
    if rest.endswith("思想"):
        return {"speaker": speaker or obj[: max(0, len(obj) - len(next((s for s in lexicon("thought_suffixes") if obj.endswith(s)), "")))],
                "occasion": obj, "form": "思想"}
    forms = _RELAY_FORMS.findall(rest)
    form = "、".join(dict.fromkeys(forms))
    occ = ""
    for pat in _RELAY_OCCASIONS:
        mo = pat.match(rest)
        if mo:
            occ = mo.group(1)
            break
    if not form:
        core = _RELAY_SPIRIT.sub("", rest)
        if core.endswith(("会议", "全会", "大会")):
            form, occ = "会议精神", core
            if not speaker:
                mb = _RELAY_CENTRAL_BODY.match(core)
                speaker = mb.group(1) if mb else ""
        else:
            form, occ = "精神", occ or core
    return {"speaker": speaker, "occasion": occ, "form": form}


def relays(articles: pd.DataFrame, meetings_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Central items an article's meeting relays or studies: speaker, occasion, form, central date and delay.

    One row per distinct occasion and form in an article; the central date comes from
    data/lexicons/central_occasions.csv, the delay from the meeting's held_on day.
    """
    mt = meetings_df if meetings_df is not None else meetings(articles)
    return finish(relay_rows(records(articles), {"meetings": mt.to_dict("records")}), "relays")


def relay_rows(recs: list, done: dict) -> list[dict]:
    """Rows of the relays table (registry row function); meeting bodies and days from done["meetings"]."""
    meeting_rows = done["meetings"]
    known = _occasion_dates()
    by_article = {(m["issue_id"], m["article"]): m for m in meeting_rows}
    rows = []
    for r in recs:
        text = normalize(r.body)
        sents = _sentences(text)
        mrow = by_article.get((r.issue_id, r.article))
        body = mrow["body"] if mrow else ""
        held = mrow["held_on"] if mrow else None
        seen = set()
        for m in relay_matches(text):
            for part in _RELAY_SPLIT.split(m.group("obj")):
                item = parse_relay_object(part)
                if not item["occasion"] and not item["speaker"]:
                    continue
                key = (item["occasion"], item["form"])
                if key in seen:
                    continue
                seen.add(key)
                cdate = known.get(item["occasion"])
                cdate = cdate if cdate is not None and pd.notna(cdate) else None
                delay = (held - cdate).days if cdate is not None and held is not None and pd.notna(held) else None
                s0, s1 = _sentence_at(sents, m.start())
                rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "meeting_body": body,
                             **item, "central_date": cdate, "delay_days": delay, "evidence": text[s0:s1].strip(),
                             "pos": m.start()})
    return rows
