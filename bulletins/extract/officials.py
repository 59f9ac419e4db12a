"""Officials present (appearances, in protocol order) and people only mentioned."""
from __future__ import annotations

import pandas as pd

from ..bylines import byline_authors
from ..extract.names import _central_mention_names, _tail_name, name_at
from ..extract.titles import _collective_re, _title_re, role_in, title_level
from ..pipeline.codec import finish
from ..schema import records
from ..text import _count, _sentence_at, _sentences, is_cjk, is_traditional, normalize, normalize_article


def _people_in(text: str, exclude: set[str]) -> list[dict]:
    """Title+name, collective title + list, and list + 等 + collective title, in text order."""
    hits: list[dict] = []
    taken: set[int] = set()

    def add(pos: int, name: str, title: str, scope_from: int) -> None:
        if not name or name in exclude or pos in taken:
            return
        taken.add(pos)
        hits.append({"pos": pos, "name": name, "title": title, "scope_from": scope_from})

    # title + name (区委书记沈某), chains (区委书记、区委深改委主任沈某)
    for m in _title_re().finditer(text):
        nm = name_at(text, m.end())
        if nm:
            add(m.end(), nm, m.group(0), m.end() + len(nm))
    # collective title + list (市、区领导甲、乙、丙参加活动)
    for m in _collective_re().finditer(text):
        pos, names = m.end(), []
        while True:
            nm = name_at(text, pos)
            if not nm:
                break
            names.append((pos, nm))
            pos += len(nm)
            if pos < len(text) and text[pos] == "、":
                pos += 1
                continue
            break
        for p, nm in names:
            add(p, nm, m.group(0), pos)
        # list + 等 + collective title (甲、乙、丙等区委深改委成员)
        if m.start() >= 1 and text[m.start() - 1] == "等":
            end = m.start() - 1
            start = max(text.rfind(c, 0, end) for c in ",，。；;:：\n") + 1
            items = text[start:end].split("、")
            if len(items) >= 1 and all(2 <= len(it) <= 4 and all(is_cjk(c) for c in it) for it in items[1:]):
                first = items[0] if len(items[0]) <= 4 else _tail_name(items[0])
                pos = start + len(items[0]) - len(first)
                for it in [first] + items[1:]:
                    if 2 <= len(it) <= 4:
                        add(pos, it, m.group(0), m.end())
                    pos += len(it) + 1
    hits.sort(key=lambda h: h["pos"])
    return hits


def appearances(articles: pd.DataFrame, authors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Officials present at the reported event: one row per person per article, in protocol order.

    Columns: issue_id, date, article, order, name, title, level, role, evidence.
    Names come from context (a title before the name, a list after a collective
    title, a list ending in 等 before one), never from a list of people. Authors
    of the issue, central leaders cited (NAME总书记) and commentary articles give none.
    """
    auth = set(authors["name"]) if authors is not None and len(authors) else set()
    return finish(appearance_rows(records(articles), {"authors": [{"name": n} for n in sorted(auth)]}), "appearances")


def appearance_rows(recs: list, done: dict) -> list[dict]:
    """Rows of the appearances table (registry row function); done["authors"]: the issue's authors, never officials."""
    auth = {a["name"] for a in done.get("authors", ())}
    rows = []
    for r in recs:
        if r.kind == "commentary":
            continue
        text = normalize(r.body)
        exclude = auth | set(_central_mention_names(text)) | {a for a, _ in byline_authors(normalize(r.byline, is_traditional(r.body)))}
        hits = _people_in(text, exclude)
        sents = _sentences(text)
        seen: dict[str, dict] = {}
        for h_ in hits:
            s0, s1 = _sentence_at(sents, h_["pos"])
            role = role_in(text[h_["scope_from"]: s1])
            if h_["name"] in seen:
                prev = seen[h_["name"]]
                if not prev["title"] and h_["title"]:
                    prev["title"], prev["level"] = h_["title"], title_level(h_["title"])
                if not prev["role"]:
                    prev["role"] = role
                continue
            seen[h_["name"]] = {"issue_id": r.issue_id, "date": r.date, "article": r.article, "order": len(seen),
                                "name": h_["name"], "title": h_["title"], "level": title_level(h_["title"]),
                                "role": role, "evidence": text[s0:s1].strip()}
        rows += list(seen.values())
    return rows


def mentions(articles: pd.DataFrame) -> pd.DataFrame:
    """People referred to but not present: issue_id, date, article, name, title, count.

    Central leaders cited (NAME总书记, NAME法治思想) anywhere, and every person
    a commentary names. count = occurrences of the name in headline and body.
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
        for name, title in sorted(found.items()):
            rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "name": name,
                         "title": title, "count": _count(text, name)})
    return rows
