"""The sample issue against its hand-checked answer key (../shared/seed/*.gold.json)."""
import pandas as pd
import pytest

import helpers as h


def test_five_articles_in_order_with_headlines_and_kinds(sample, gold):
    a = sample.articles
    assert list(a["headline"]) == [g["headline"] for g in gold["articles"]]
    assert list(a["kind"]) == [g["kind"] for g in gold["articles"]]


def test_authors_and_roles(sample, gold):
    for i, g in enumerate(gold["articles"]):
        got = sample.authors[sample.authors.article == i][["name", "role"]].values.tolist()
        assert got == [[x["name"], x["role"]] for x in g["authors"]], i


def test_datelines_paragraphs_body_ends_truncation(sample, gold):
    for i, g in enumerate(gold["articles"]):
        r = sample.articles.iloc[i]
        assert r["dateline"] == g["dateline"], i
        assert r["n_paragraphs"] == g["paragraphs"], i
        assert r["body"].startswith(g["body_starts"]), i
        assert r["body"].endswith(g["body_ends"]), i
        assert bool(r["truncated"]) == g["truncated"], i


def test_the_nine_page_break_repairs(sample, gold):
    reps = sample.repairs
    assert len(reps) == len(gold["page_break_repairs"]) == 9
    bodies = "\n".join(sample.articles["body"])
    for cut in gold["page_break_repairs"]:
        left, right = cut.split("|")
        assert left + right in bodies, cut
        assert any(l.endswith(left) or left.endswith(l) for l, r in zip(reps["left"], reps["right"]) if
                   (r.startswith(right) or right.startswith(r))), cut


def test_date_is_not_invented(sample, gold):
    assert gold["date"] is None
    assert pd.isna(sample.issues["date"].iloc[0])
    assert "no date" in sample.issues["warnings"].iloc[0]


def test_every_character_is_accounted_for(sample, sample_path):
    text, _ = h.read_issue_text(sample_path)
    missing, added = h.accounting(text, sample)
    assert not missing and not added


def test_appearances_exactly(sample, gold):
    got = sorted(zip(sample.appearances["article"], sample.appearances["name"]))
    want = sorted((g["article"], g["name"]) for g in gold["appearances"])
    assert got == want


def test_titles_levels_roles(sample, gold):
    app = sample.appearances.set_index(["article", "name"])
    ok = sum(app.loc[(g["article"], g["name"]), "title"] == g["title"] and
             app.loc[(g["article"], g["name"]), "role"] == g["role"] for g in gold["appearances"])
    assert ok == len(gold["appearances"]) == 19, ok
    levels = sum(app.loc[(g["article"], g["name"]), "level"] == g["level"] for g in gold["appearances"])
    assert levels == 19, levels


def test_protocol_order_within_lists(sample):
    a2 = sample.appearances[sample.appearances.article == 2].sort_values("order")
    assert list(a2["name"])[1:] == ["恽淇丞", "石伟东", "郑政平"]


def test_mentions_and_no_author_is_an_official(sample, gold):
    m = sample.mentions
    got = sorted(zip(m["article"], m["name"], m["count"]))
    assert got == sorted((g["article"], g["name"], g["count"]) for g in gold["mentions"])
    assert "习近平" not in set(sample.appearances["name"])
    assert not set(gold["authors_are_not_officials"]) & set(sample.appearances["name"])


def test_quoted_numbered_law(sample, gold):
    s = sample.slogans
    assert set(gold["quoted_phrases"]) <= set(s[s.kind == "quoted"]["phrase"])
    assert set(s[s.kind == "numbered"]["phrase"]) == set(gold["numbered_formulations"])
    assert set(s[s.kind == "law"]["phrase"]) == set(gold["law_titles"])
    assert s[(s.kind == "quoted") & (s.phrase == "1650")]["category"].iloc[0] == "code"
    assert s[(s.kind == "quoted") & (s.phrase == "勇争一流")]["count"].iloc[0] == 2


def test_parallel_formulas_recall(sample, gold):
    got = set(sample.slogans[sample.slogans.kind == "parallel"]["phrase"])
    found = [p for p in gold["parallel_formulas"] if p in got]
    assert len(found) == len(gold["parallel_formulas"]) == 12, sorted(set(gold["parallel_formulas"]) - got)


def test_figures_exactly_the_four(sample, gold):
    f = sample.figures
    assert sorted(f["raw"]) == sorted(g["raw"] for g in gold["figures"])
    for g in gold["figures"]:
        r = f[f.raw == g["raw"]].iloc[0]
        assert r["article"] == g["article"]
        assert r["value"] == g["value"] and r["unit"] == g["unit"]
        assert bool(r["approx"]) == g["approx"] and r["kind"] == g["kind"], g["raw"]
        assert r["subject"] == g["subject"], g["raw"]
        assert g["context"].endswith(r["context"]) or r["context"].endswith(g["context"]) or g["context"] in r["context"], g["raw"]


def test_no_not_figures(sample, gold):
    raws = "".join(sample.figures["raw"])
    for nf in gold["not_figures"]:
        assert nf not in raws, nf


def test_dates(sample, gold):
    d = sample.dates
    for g in gold["dates"]:
        assert ((d.article == g["article"]) & (d.raw == g["raw"])).any(), g


def test_topics(sample, gold):
    t = h.topics(sample.articles)
    hits = sum(t.loc[t.article == int(k), "topic"].iloc[0] == v for k, v in gold["topics"].items())
    assert hits == len(gold["topics"]) == 5, t


def test_meetings(sample):
    m = sample.meetings.set_index("article")
    assert list(m.index) == [1, 2, 3]
    assert list(m["body"]) == ["区委常委会", "区委全面深化改革委员会", "区委理论学习中心组"]
    assert m.loc[2, "session"] == 28
    chairs = set(m["chair"])
    names = set(sample.appearances[sample.appearances.role == "主持"]["name"])
    assert len(chairs) == 1 and chairs <= names


def test_eleven_relays(sample):
    r = sample.relays
    assert list(r.groupby("article").size().items()) == [(1, 7), (2, 1), (3, 3)]
    a1 = r[r.article == 1]
    assert {"中共中央政治局第十七次集体学习", "湖北考察", "中共中央政治局会议", "近期系列"} <= set(a1["occasion"])
    assert any(o.startswith("省部级主要领导干部学习贯彻党的二十届三中全会精神专题研讨班开班式") for o in a1["occasion"])
    assert any("珠海" in o for o in a1["occasion"]) and any("社会工作" in o for o in a1["occasion"])
    assert set(a1["speaker"]) == {"习近平总书记"}
    a2 = r[r.article == 2].iloc[0]
    assert (a2["speaker"], a2["form"]) == ("中央全面深化改革委员会", "会议精神")
    a3 = r[r.article == 3]
    assert set(a3["form"]) == {"思想", "法律", "重要讲话、重要指示批示"}
    assert "中华人民共和国统计法" in set(a3["occasion"]) and "习近平法治思想" in set(a3["occasion"])


def test_keywords_article_0(sample):
    kw = h.keywords(sample.articles, k=10, tokens_df=sample.tokens)
    words = list(kw[kw.article == 0]["word"])
    assert "新能源汽车" in words
    assert all(h.is_keyword_candidate(w) for w in words)
    assert not set(words) & h.stopwords()


def test_copies_in_tests_match_the_seed():
    """tests/key/ and tests/pinned/ hold copies of ../shared/seed/ for machines without shared/."""
    from conftest import SAMPLE_NAME, SEED, TESTS

    if not SEED.exists():
        pytest.skip(f"../shared/seed/ is not on this machine: the copies in tests/ cannot be compared with it")
    assert (TESTS / "key" / f"{SAMPLE_NAME}.gold.json").read_bytes() == (SEED / f"{SAMPLE_NAME}.gold.json").read_bytes()
    assert (TESTS / "pinned" / f"{SAMPLE_NAME}.txt").read_bytes() == (SEED / f"{SAMPLE_NAME}.txt").read_bytes()
