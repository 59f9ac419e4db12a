"""The meeting an article reports: body, session, kind, chair, day."""
from __future__ import annotations

import functools
import re
from collections import defaultdict
import pandas as pd

from ..extract.dates import resolve_date
from ..extract.officials import appearances
from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation
from ..pipeline.codec import finish
from ..schema import records
from ..text import cn_number, is_traditional, normalize, normalize_article


@functools.lru_cache(maxsize=1)
def _bodies() -> dict[str, str]:
    """alias or body -> canonical body."""
    out = {}
    for f in lexicon_fields("meeting_bodies"):
        for a in f:
            out[a] = f[0]
    return out


_CN_ORD = r"第(?P<session>[零〇一二两三四五六七八九十百\d]+)次"


_LEAD_END = re.compile(r"(?<=[。；])")


def meetings(articles: pd.DataFrame, appearances_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """The meeting an article reports: body, session number, kind, chair (from appearances: 主持), held_on.

    A meeting is reported when the headline or lead sentence has a body from
    meeting_bodies.txt with 召开/举行 or a meeting kind.
    """
    app = appearances_df if appearances_df is not None else appearances(articles)
    return finish(meeting_rows(records(articles), {"appearances": app.to_dict("records")}), "meetings")


_RELAYED_BEFORE = re.compile(r"(?:传达|学习|贯彻)[\u4e00-\u9fff]{0,4}$")


_TIME_OF_DAY = re.compile(r"(?:上午|下午|晚上|晚间|晚|早上|中午|凌晨|傍晚)$")


@functools.lru_cache(maxsize=1)
def _meeting_res() -> tuple[re.Pattern, re.Pattern]:
    """(a meeting body with its session and kind, 召开 + body + session + kind)."""
    bodies = _alternation(_bodies())
    kinds = _alternation(lexicon("meeting_kinds"))
    return (re.compile(rf"(?P<body>{bodies})(?:{_CN_ORD})?(?P<kind>{kinds})?"),
            re.compile(rf"召开(?:{bodies})?(?:第[零〇一二两三四五六七八九十百\d]+次)?(?P<k>{kinds})"))


def meeting_rows(recs: list, done: dict) -> list[dict]:
    """Rows of the meetings table (registry row function); chairs from done["appearances"]."""
    app_rows = done["appearances"]
    chairs: dict[tuple, list[str]] = defaultdict(list)
    for a in app_rows:
        if a["role"] == "主持":
            chairs[(a["issue_id"], a["article"])].append(a["name"])
    pat, convened = _meeting_res()
    rows = []
    for r in recs:
        if r.kind not in ("news", "brief"):
            continue
        lead = normalize(r.body.split("\n", 1)[0], is_traditional(r.body))
        lead_sentence = _LEAD_END.split(lead, maxsplit=1)[0]
        found = None
        for text in (normalize_article(r.headline, r.body)[0], lead_sentence):
            for m in pat.finditer(text):
                tail = text[m.end(): m.end() + 8]
                head = text[max(0, m.start() - 6): m.start()]
                if m.group("kind") or "召开" in tail or "召开" in head or "举行" in tail:
                    # the meeting held, not one relayed (传达学习中央...会议精神)
                    if _RELAYED_BEFORE.search(text[max(0, m.start() - 6): m.start()]):
                        continue
                    found = (m, text)
                    break
            if found:
                break
        if not found:
            continue
        m, text = found
        kind = m.group("kind") or ""
        if not kind:
            k2 = convened.match(text, m.end())
            kind = k2.group("k") if k2 else ""
        if not kind:
            kind = next((k for k in sorted(lexicon("meeting_kinds"), key=len, reverse=True) if _bodies()[m.group("body")].endswith(k)), "")
        if kind == "会议" and m.group("body").endswith("常委会"):
            kind = "常委会会议"
        session = cn_number(m.group("session")) if m.group("session") else None
        chair = chairs.get((r.issue_id, r.article), [])
        dl = r.dateline
        held = resolve_date(_TIME_OF_DAY.sub("", dl), r.date if pd.notna(r.date) else None)[0] if dl else None
        rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "body": _bodies()[m.group("body")],
                     "session": session, "kind": kind, "chair": "、".join(chair), "held_on": held,
                     "evidence": lead_sentence})
    return rows
