"""Organisations an article names: enterprises, projects, parks and institutions.

A name is a run of Chinese characters, letters, digits and brackets that ends with a suffix of
data/lexicons/organisation_kinds.txt (the longest ending decides the kind) and starts after the
clause's punctuation and after the last word of organisation_leads.txt before it (走进X公司 ->
X公司). A name opening with a word of organisation_not.txt (重大项目, 该公司) is a category, not an
organisation; so is a name followed by a number (新开工项目60个).
"""
from __future__ import annotations

import functools
import re
from typing import Mapping

from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation, frozen
from ..schema import records
from ..text import _CN_DIGITS, _sentence_at, _sentences, normalize

_RUN = r"[\u4e00-\u9fffA-Za-z0-9（）()·]"


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, Mapping[str, str], re.Pattern]:
    """(a run ending in a suffix, the last lead word in a run, a category opening, suffix -> kind,
    a suffix anywhere: what a run must hold to hold a name)."""
    kinds = {f[0]: f[1] for f in lexicon_fields("organisation_kinds")}
    suffix = _alternation(kinds)
    name = re.compile(rf"{_RUN}{{2,40}}?(?:{suffix})(?:[\u4e00-\u9fff]{{2,6}}分公司)?")
    lead = re.compile(rf".*(?:{_alternation(lexicon('organisation_leads'))})")
    not_org = re.compile(rf"(?:{_alternation(lexicon('organisation_not'))})")
    return name, lead, not_org, frozen(kinds), re.compile(suffix)


_RUN_ON = re.compile(f"{_RUN}*")   # the rest of a run (read backwards in the reversed text for its start)


def _named_runs(text: str, any_suffix: re.Pattern):
    """(start, run) of each run of name characters with an ending after its first two characters
    (the only runs that can hold a name), found from the endings, which are rare.

    >>> list(_named_runs('走进某某公司,公司', _patterns()[4]))
    [(0, '走进某某公司')]
    """
    done, backwards = 0, None
    for m in any_suffix.finditer(text):
        if m.start() < done:   # in a run already read
            continue
        backwards = text[::-1] if backwards is None else backwards
        start = len(text) - _RUN_ON.match(backwards, len(text) - m.start()).end()
        done = _RUN_ON.match(text, m.start()).end()
        if any_suffix.search(text, start + 2, done):
            yield start, text[start:done]


def organisation_kind(name: str) -> str:
    """The kind of an organisation's name by its longest known ending, '' if none.

    >>> organisation_kind('某某新材料科技有限公司'), organisation_kind('城东污水处理厂提标改造工程'), organisation_kind('会议')
    ('enterprise', 'project', '')
    """
    kinds = _patterns()[3]
    for i in range(len(name)):
        if name[i:] in kinds:
            return kinds[name[i:]]
    return ""


def organisations_in(text: str) -> list[tuple[int, str, str]]:
    """(position, name, kind) of every organisation named in a text, left to right.

    >>> organisations_in('调研组走进某某精密机械有限公司,察看某某二期项目进展。')
    [(5, '某某精密机械有限公司', 'enterprise'), (18, '某某二期项目', 'project')]
    >>> organisations_in('全区重大项目60个,该公司产值增长。')
    []
    """
    name_re, lead, not_org, _, named_runs = _patterns()
    out = []
    for start, chunk in _named_runs(text, named_runs):
        for m in name_re.finditer(chunk):
            s, name = m.start(), m.group(0)
            cut = lead.match(name[:-1])   # the name starts after the last lead word before its suffix
            if cut:
                s, name = s + cut.end(), name[cut.end():]
            nxt = text[start + m.end(): start + m.end() + 1]
            if len(name) < (6 if organisation_kind(name) == "project" else 4) or not_org.match(name) or (nxt and (nxt.isdigit() or nxt in _CN_DIGITS)):
                continue
            kind = organisation_kind(name)
            if kind:
                out.append((start + s, name, kind))
    return out


def organisation_rows(recs: list, done: dict) -> list[dict]:
    """Rows of the organisations table (registry row function): one per name per article, with the
    number of times it is named and the sentence where it is first named."""
    rows = []
    for r in recs:
        text = normalize(r.body)
        seen: dict[str, dict] = {}
        for pos, name, kind in organisations_in(text):
            if name in seen:
                seen[name]["count"] += 1
                continue
            s0, s1 = _sentence_at(_sentences(text), pos)   # (cached: read once a text names something)
            seen[name] = {"issue_id": r.issue_id, "date": r.date, "article": r.article, "name": name, "kind": kind,
                          "count": 1, "sentence": text[s0:s1].strip(), "pos": pos}
        rows += seen.values()
    return rows


def organisations(articles) -> "pd.DataFrame":
    """Enterprises, projects, parks and institutions each article names: issue_id, date, article,
    name, kind, count, sentence, pos (see the module's docstring for the rule)."""
    from ..pipeline.codec import finish

    return finish(organisation_rows(records(articles), {}), "organisations")
