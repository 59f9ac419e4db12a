"""Slogans and formulations on synthetic sentences (made up for the tests)."""
import pandas as pd

import helpers as h
from conftest import articles_of


def kinds(text):
    s = h.slogans(articles_of(text))
    return {(p, k) for p, k in zip(s["phrase"], s["kind"])}


def test_quoted_with_classification():
    s = h.slogans(articles_of("推进“2468”工程,打响“金字招牌”,构建“产业强区”体系,坚持“两个毫不动摇”。"))
    cat = dict(zip(s[s.kind == "quoted"]["phrase"], s[s.kind == "quoted"]["category"]))
    assert cat["2468"] == "code"
    assert cat["金字招牌"] == "slogan"


def test_numbered_quoted_or_not_but_not_ordinary_counts():
    k = kinds("增强四个意识、坚定四个自信,做到“两个维护”,抓好两个方面工作,每一个环节都要落实。")
    numbered = {p for p, kind in k if kind == "numbered"}
    assert numbered == {"四个意识", "四个自信", "两个维护"}


def test_parallel_formula_and_plain_enumeration():
    k = kinds("坚持稳增长、促改革、调结构、惠民生,加强教育、医疗、养老等民生保障。")
    par = {p for p, kind in k if kind == "parallel"}
    assert par == {"稳增长、促改革、调结构、惠民生"}


def test_names_are_not_a_formula():
    assert h.parallel_formulas("王建国、李建华、张伟民等区领导参加活动。") == []


def test_fullwidth_and_ascii_separators():
    assert h.parallel_formulas("做到守土有责、守土尽责，确保件件有落实、事事有回音") == ["守土有责、守土尽责", "件件有落实、事事有回音"]
    assert h.parallel_formulas("做到守土有责、守土尽责,确保件件有落实、事事有回音") == ["守土有责、守土尽责", "件件有落实、事事有回音"]


def test_formula_cut_by_a_page_break_counts_after_repair():
    text = "区委召开会议\n\n本报讯(记者 甲乙) 昨天,区委召开会议,要求增强思想自觉、政治自觉、行动\n\n自觉。\n"
    p = h.parse_text(text)
    body = "\n".join(p["articles"][0]["paragraphs"])
    assert "思想自觉、政治自觉、行动自觉" in h.parallel_formulas(body)


def test_law_titles_and_lexicon_counts_inside_longer_phrases():
    s = h.slogans(articles_of("学习《中华人民共和国统计法》,推进全面深化改革,进一步全面深化改革。"))
    law = s[s.kind == "law"].iloc[0]
    assert (law["phrase"], law["category"]) == ("中华人民共和国统计法", "法律法规")
    lex = s[s.kind == "lexicon"].set_index("phrase")["count"]
    assert lex["全面深化改革"] == 2 and lex["进一步全面深化改革"] == 1


def test_in_headline_flag():
    a = articles_of("全区推进高质量发展。")
    a.loc[0, "headline"] = "奋力推动高质量发展"
    s = h.slogans(a)
    row = s[(s.phrase == "高质量发展") & (s.kind == "lexicon")].iloc[0]
    assert row["in_headline"] and row["count"] == 2


def test_counting_across_two_issues(fixture_corpus):
    s = fixture_corpus.slogans
    hq = s[(s.phrase == "高质量发展") & (s.kind == "lexicon")]
    assert sorted(hq["issue_id"].str[10:20]) == ["2024-11-28", "2024-11-29"]
    trend = h.slogan_trend(s)
    assert trend.loc["高质量发展", "2024-11-28"] == 1 and trend.loc["高质量发展", "2024-11-29"] == 2
    spans = h.slogan_spans(s).set_index("phrase")
    assert spans.loc["高质量发展", "first_seen"] == pd.Timestamp("2024-11-28")
    assert spans.loc["高质量发展", "last_seen"] == pd.Timestamp("2024-11-29")


def test_candidates_are_not_in_the_lexicon(sample):
    cand = h.slogan_candidates(sample.slogans)
    known = {f[0] for f in h.lexicon_fields("slogans")}
    assert len(cand) and not set(cand["phrase"]) & known
    assert "1650" not in set(cand["phrase"])


def test_numbered_not_after_each_or_ordinal():
    """每两个..., 第三个..., 这两个... are counts or ordinals, not formulations; 坚持两个确立 is one."""
    assert h.numbered_formulations("每两个方面、第三个台阶、这两个确立、坚持两个确立") == ["两个确立"]


# --- synthetic fixtures (tests/fixtures/slogans/NAME.txt with its expected phrases in NAME.json) ---

import json
import time
from pathlib import Path

from bulletins.extract import parallel
from bulletins.extract.slogans import quoted_phrases

SLOGAN_FIXTURES = Path(__file__).parent / "fixtures" / "slogans"


def _fixture(name):
    return ((SLOGAN_FIXTURES / f"{name}.txt").read_text(encoding="utf-8"),
            json.loads((SLOGAN_FIXTURES / f"{name}.json").read_text(encoding="utf-8")))


def test_nested_quotes_fixture():
    text, want = _fixture("nested_quotes")
    assert quoted_phrases(text) == want["quoted"]
    s = h.slogans(articles_of(text))
    assert set(want["quoted"]) <= set(s[s.kind == "quoted"]["phrase"])


def test_listings_are_no_formulas_fixture():
    text, want = _fixture("listings")
    assert h.parallel_formulas(text) == want["parallel"]


def test_is_listing_by_kind():
    assert parallel.is_listing(["宣传部部长", "统战部部长"])          # offices
    assert parallel.is_listing(["发改委", "财政局", "商务局"])         # organisations
    assert parallel.is_listing(["青松镇", "白鹭镇"])                   # places
    assert parallel.is_listing(["赵明远", "钱明远", "孙明远"])         # people
    assert not parallel.is_listing(["早谋划", "早部署", "早落实"])
    assert not parallel.is_listing(["文明城市", "卫生城市", "园林城市"])


def test_long_list_is_read_in_linear_time(monkeypatch):
    """1,000 or 4,000 repetitions of one name (80 s for 1,000 before): the run checks grow linearly
    with the list, and even the long list takes well under a generous bound."""
    calls = []
    real = parallel._run_items
    monkeypatch.setattr(parallel, "_run_items", lambda *a: calls.append(1) or real(*a))
    counts = {}
    for n in (1000, 4000):
        calls.clear()
        t = time.perf_counter()
        assert h.parallel_formulas("、".join(["甲乙"] * n)) == []
        assert time.perf_counter() - t < 10
        counts[n] = len(calls)
    assert counts[1000] <= 3 * 1000 and counts[4000] <= 3 * 4000
    assert counts[4000] < 4.5 * counts[1000]
    # distinct items sharing a character: runs are cut at parallel._MAX_ITEMS items
    calls.clear()
    items = ["建" + chr(0x4E00 + i) for i in range(2000)]
    found = h.parallel_formulas("、".join(items))
    assert found and max(f.count("、") + 1 for f in found) <= parallel._MAX_ITEMS
    assert len(calls) <= parallel._MAX_ITEMS * 2000
