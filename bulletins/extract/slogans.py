"""Formulations (提法): quoted, numbered, parallel, lexicon phrases and law titles."""
from __future__ import annotations

from typing import Mapping

import functools
import re
import pandas as pd

from ..extract.parallel import clause_formulas
from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation, frozen
from ..pipeline.codec import finish
from ..schema import records
from ..text import _clauses, _count, is_cjk, normalize, normalize_article


_QUOTED = re.compile(r"“([^“”\n]{1,40})”|「([^「」\n]{1,40})」")


_INNER_QUOTED = re.compile(r"‘([^‘’“”\n]{1,40})’|『([^『』「」\n]{1,40})』")   # quotes inside quotes: “…‘X’…”


def quoted_phrases(text: str) -> list[str]:
    """Phrases in quotes, outer ones first, then those quoted inside them (“…‘X’…”), each once.

    >>> quoted_phrases('推进“三个‘一号工程’”,打造“金字招牌”')
    ['三个‘一号工程’', '金字招牌', '一号工程']
    """
    found = [m.group(1) or m.group(2) for m in _QUOTED.finditer(text)]
    found += [m.group(1) or m.group(2) for m in _INNER_QUOTED.finditer(text)]
    return list(dict.fromkeys(found))


_LAW = re.compile(r"《([^《》\n]{1,60})》")


@functools.lru_cache(maxsize=1)
def _numbered_re() -> re.Pattern:
    # the look-behind (not after 每第这那一) comes after the first numeral, so that the pattern opens
    # with a character class and the regex engine can skip ahead to the numerals
    return re.compile(r"([两二三四五六七八九十](?<![每第这那一].)[一二三四五六七八九十]{0,2})个([\u4e00-\u9fff]{2})(?![\u4e00-\u9fff])")


def numbered_formulations(text: str) -> list[str]:
    """Numbered formulations in a text: 两个确立, 四个意识, 十一个坚持 (not 两个方面).

    >>> numbered_formulations('坚决做到“两个维护”,做好两个方面工作、增强四个意识。')
    ['两个维护', '四个意识']
    """
    excl = _numbered_exclusions()
    return [m.group(0) for m in _numbered_re().finditer(text) if m.group(2) not in excl]


@functools.lru_cache(maxsize=1)
def _numbered_exclusions() -> frozenset[str]:
    return frozenset(lexicon("numbered_exclusions"))


_CODE = re.compile(r"[0-9A-Za-z+\-.·/]+")


_LISTED = re.compile(r"[,，、+;；]")


@functools.lru_cache(maxsize=1)
def _law_title_re() -> re.Pattern:
    """A title in 《》 that names a law or regulation: it ends with a word of law_endings.txt."""
    return re.compile(f"(?:{_alternation(lexicon('law_endings'))})$")


def classify_quoted(phrase: str) -> str:
    """What a quoted phrase is: code, numbered, slogan, law or concept.

    >>> [classify_quoted(p) for p in ['2468', '两个确立', '奋勇争先,再创佳绩', '智慧能源网']]
    ['code', 'numbered', 'slogan', 'concept']
    """
    p = normalize(phrase)
    if _CODE.fullmatch(p):
        return "code"
    if _numbered_re().fullmatch(p) and numbered_formulations(p):
        return "numbered"
    if _LISTED.search(p) or (len(p) == 4 and all(is_cjk(c) for c in p)):
        return "slogan"
    return "concept"


@functools.lru_cache(maxsize=1)
def _slogan_lexicon() -> Mapping[str, str]:
    return frozen({f[0]: (f[1] if len(f) > 1 else "") for f in lexicon_fields("slogans")})


@functools.lru_cache(maxsize=8)
def _lexicon_finder(phrases: tuple[str, ...]) -> tuple[re.Pattern, frozenset[str], tuple[str, ...], Mapping[str, int]]:
    """What lexicon_in needs: a trie regex of the phrases, the phrases it may miss (those inside
    another phrase, or whose beginning can be another's ending: a match of that one may cover
    theirs), and each phrase's place in the lexicon."""
    risky = tuple(p for p in phrases if not p or any(q != p and (p in q or any(q.endswith(p[:k]) for k in range(1, len(p))))
                                                     for q in phrases))
    trie = re.compile(_alternation(phrases)) if any(phrases) else re.compile("(?!)")
    return trie, frozenset(risky), risky, frozen({p: i for i, p in enumerate(phrases)})


def lexicon_in(text: str, finder: tuple) -> list[str]:
    """The phrases of a lexicon (as _lexicon_finder) that occur in text, in lexicon order: one
    pass of the trie regex finds every phrase no other phrase can hide; the others are looked up.

    >>> lexicon_in('深入推进全面从严治党工作', _lexicon_finder(('从严治党', '全面从严治党', '推进')))
    ['从严治党', '全面从严治党', '推进']
    """
    trie, risky_set, risky, order = finder
    hits = set(trie.findall(text)) - risky_set
    hits.update(filter(text.__contains__, risky))
    return sorted(hits, key=order.__getitem__)


def slogans(articles: pd.DataFrame, lexicon_phrases: dict[str, str] | None = None) -> pd.DataFrame:
    """Formulations per article: issue_id, date, article, phrase, kind, category, count, in_headline.

    kind is quoted, numbered, parallel, lexicon or law; count is the number of
    occurrences of the phrase in headline and body (inside longer phrases too).
    """
    return finish(slogan_rows(records(articles), {}, lexicon_phrases), "slogans")


def slogan_rows(recs: list, done: dict, lexicon_phrases: dict[str, str] | None = None) -> list[dict]:
    """Rows of the slogans table (registry row function)."""
    lex = lexicon_phrases if lexicon_phrases is not None else _slogan_lexicon()
    finder = _lexicon_finder(tuple(lex))
    rows = []
    handover = done.setdefault(_CLAUSES_DONE, {})   # each article's clauses and their formulas, for parallel_decisions
    for r in recs:
        head, body = normalize_article(r.headline, r.body)
        body = body.replace("\n", "")
        text = head + "\n" + body
        found: dict[tuple[str, str], str] = {}
        for p in quoted_phrases(text):
            found.setdefault((p, "quoted"), lex.get(p) or classify_quoted(p))
        for p in numbered_formulations(text):
            found.setdefault((p, "numbered"), lex.get(p, "numbered"))
        by_clause = handover[(r.issue_id, r.article)] = {}
        for clause in (_clauses(text, "、") if "、" in text else ()):   # parallel_formulas(text), clause by clause
            if clause not in by_clause:
                by_clause[clause] = clause_formulas(clause)
            for p in by_clause[clause]:
                found.setdefault((p, "parallel"), lex.get(p, "parallel"))
        for p in lexicon_in(text, finder):
            found.setdefault((p, "lexicon"), lex[p])
        for m in _LAW.finditer(text):
            p = m.group(1)
            found.setdefault((p, "law"), "法律法规" if _law_title_re().search(p) else "文件书刊")
        iid, date, art = r.issue_id, r.date, r.article
        rows += [{"issue_id": iid, "date": date, "article": art, "phrase": p, "kind": kind, "category": cat,
                  "count": _count(text, p), "in_headline": p in head} for (p, kind), cat in found.items()]
    return rows


_CLAUSES_DONE = "_parallel_clauses"   # the key under which slogan_rows leaves its work in `done`


def parallel_decision_rows(recs: list, done: dict) -> list[dict]:
    """Rows of the parallel_decisions table (registry row function): every run of items joined by
    、 in an article's body and the formulas the parallel rule found in it. The formulas of a
    clause the slogans step has read already (same text) are taken from its work in `done`."""
    known = done.get(_CLAUSES_DONE, {})
    return [row for r in recs for row in decision_rows(r.issue_id, r.article, r.body, known.get((r.issue_id, r.article), {}))]


def decision_rows(issue_id: str, article: int, body: str, known: Mapping[str, list[str]]) -> list[dict]:
    """The runs of one article's body (its clauses holding 、) with the formulas found in each
    (those of the whole body that the clause holds, sorted, joined by ；). `known`: formulas of
    clauses already read.

    >>> decision_rows('i', 1, '做到守土有责、守土尽责,加强教育、医疗', {})[0]['formula']
    '守土有责、守土尽责'
    """
    runs = _clauses(body.replace("\n", ""), "、")
    found = {f for c in runs for f in (known[c] if c in known else clause_formulas(c))}
    return [{"issue_id": issue_id, "article": article, "run": c, "formula": "；".join(sorted(f for f in found if f in c))}
            for c in runs]
