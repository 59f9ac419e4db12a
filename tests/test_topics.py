"""Segmentation, stopwords, keywords and topics."""
import itertools
import json
import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest

import helpers as h
from bulletins import segment
from conftest import TESTS, articles_of

CASES = json.loads((TESTS / "fixtures" / "topics" / "cases.json").read_text(encoding="utf-8"))["cases"]


def _articles(cases, dates=None):
    rows = []
    for i, c in enumerate(cases):
        rows.append({"issue_id": "synthetic", "date": pd.Timestamp(dates[i]) if dates else pd.NaT, "article": i, "kind": "news",
                     "headline": c["headline"], "byline": "", "dateline": "", "body": c["body"], "n_paragraphs": 1,
                     "n_chars": len(c["body"]), "truncated": False})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def cases():
    arts = _articles(CASES)
    names = sorted(set(h.appearances(arts)["name"]) | set(h.mentions(arts)["name"]))
    return arts, names, h.tokens(arts, names)


def test_terms_stay_whole():
    toks = h.cut("深入学习习近平新时代中国特色社会主义思想,区委常委会研究新能源汽车产业,深改委成员参加")
    for term in ["习近平新时代中国特色社会主义思想", "区委常委会", "新能源汽车", "深改委"]:
        assert term in toks, term


def test_found_names_join_the_dictionary(sample):
    names = sorted(set(sample.appearances["name"]))
    toks = h.cut("恽淇丞、石伟东、郑政平等区委深改委成员参加会议", names)
    assert {"恽淇丞", "石伟东", "郑政平"} <= set(toks)
    assert "恽淇丞" in h.token_list(sample.tokens.tokens.iloc[2])


def test_names_kept_whole_wherever_they_fall(sample):
    """Any substrings taken as names (adjacent, inside or across tokens) come out as tokens, the text is kept
    character for character, and a text with no name in it gets the plain cut."""
    import random

    rng = random.Random(7)
    text = sample.articles.body.iloc[0][:600]
    assert h.cut(text, ["不在文中的名字"]) == h.cut(text)
    for _ in range(300):
        names = []
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(text) - 4)
            names.append(text[i:i + rng.randint(2, 4)])
        toks = h.cut(text, names)
        assert "".join(toks) == text
        starts = dict(zip(itertools.accumulate([0] + [len(t) for t in toks]), toks))
        for start, end in h.name_spans(text, names):
            assert starts.get(start) == text[start:end], (names, start)


def test_rjieba_agrees_with_jieba_on_sample_and_fixtures(sample, fixture_corpus):
    """Chinese tokens are identical; jieba-rs keeps an ASCII run such as 1-10 as one token
    where jieba splits it at the hyphen (numbers never become keywords, so that is harmless)."""
    def cjk(tokens):
        return [t for t in tokens if any(h.is_cjk(c) for c in t)]

    for arts in (sample.articles, fixture_corpus.articles):
        for r in arts.itertuples():
            text = r.headline + "\n" + r.body
            fast, ref = h.cut(text), h.cut(text, backend="jieba")
            assert cjk(fast) == cjk(ref), r.headline
            assert "".join(fast) == "".join(ref) == text


def test_stopwords_and_keyword_filter():
    assert {"本报讯", "记者", "会议", "指出", "要", "此次", "一行", "就要", "才能", "活动", "新闻", "工作"} <= h.stopwords()
    assert not h.is_keyword_candidate("2024") and not h.is_keyword_candidate("，")
    assert not h.is_keyword_candidate("第六次") and not h.is_keyword_candidate("万千瓦")
    assert not h.is_keyword_candidate("三季度") and not h.is_keyword_candidate("首个")


def test_keywords_deterministic_and_clean(fixture_corpus):
    k1 = h.keywords(fixture_corpus.articles, tokens_df=fixture_corpus.tokens)
    k2 = h.keywords(fixture_corpus.articles, tokens_df=fixture_corpus.tokens)
    assert k1.equals(k2)
    assert all(h.is_keyword_candidate(w) for w in k1["word"])
    tr = h.keywords(fixture_corpus.articles, tokens_df=fixture_corpus.tokens, method="textrank")
    assert all(h.is_keyword_candidate(w) for w in tr["word"]) and len(tr)


def test_sparse_keywords_equal_a_plain_python_reference(fixture_corpus):
    """The vectorised TF-IDF gives, article by article, the words and weights of a loop written out by hand."""
    arts, tk = fixture_corpus.articles, fixture_corpus.tokens
    kw = h.keywords(arts, k=5, tokens_df=tk, names=(), compounds=False)
    t = h.term_matrix(tk, arts)
    idf = dict(zip(t.vocab, h.idf_weights(t)))
    bad = set(t.vocab[h.excluded_mask(t.vocab)])
    heads = dict(zip(zip(arts.issue_id, arts.article), arts.headline))
    for iid, art, toks in zip(tk.issue_id, tk.article, tk.tokens):
        words = h.token_list(toks)
        n_head = len("".join(h.normalize_article(heads[(iid, art)], "")[0].split()))
        counts, pos = Counter(), 0
        for w in words:
            pos += len(w)
            counts[w] += 3 if pos <= n_head else 1
        counts = {w: c for w, c in counts.items() if w not in bad}
        total = sum(counts.values())
        ref = sorted(((w, c / total * idf[w]) for w, c in counts.items()), key=lambda x: (-round(x[1], 12), x[0]))[:5]
        got = kw[(kw.issue_id == iid) & (kw.article == art)]
        assert list(got["word"]) == [w for w, _ in ref]
        assert np.allclose(got["weight"], [round(v, 6) for _, v in ref])


def test_recurring_neighbours_make_a_compound_keyword():
    arts = articles_of("柳塘镇部署春耕备耕。各村春耕备耕有序推进,农资供应充足。春耕时节,农技人员下田指导。")
    tk = h.tokens(arts, [])
    words = list(h.keywords(arts, k=5, tokens_df=tk, names=())["word"])
    assert "春耕备耕" in words   # twice side by side
    assert "春耕农资" not in list(h.keywords(arts, k=50, tokens_df=tk, names=())["word"])
    assert "春耕备耕" not in list(h.keywords(arts, k=50, tokens_df=tk, names=(), compounds=False)["word"])
    # a compound spelled like a word of the vocabulary shares its column: no word twice in a list
    tk2 = pd.DataFrame({"issue_id": ["s", "s"], "article": [0, 1], "tokens": ["春耕 备耕 春耕 备耕 春耕备耕", "春耕备耕 农资"]})
    kw = h.keywords(tk2.assign(headline="", body=""), tokens_df=tk2, names=(), k=10)
    assert not kw.duplicated(["article", "word"]).any() and "春耕备耕" in set(kw[kw.article == 0]["word"])


def test_textrank_matrix_equals_the_loop(fixture_corpus, sample):
    """All articles' TextRank as one block matrix gives the scores of the per-article loop (kept as reference)."""
    from bulletins.keywords import _textrank, textrank_matrix

    for corpus in (fixture_corpus, sample):
        tk = corpus.tokens
        t = h.term_matrix(tk)
        ok = ~h.excluded_mask(t.vocab)
        W = textrank_matrix(t, ok).tocsr()
        bad = set(t.vocab[~ok])
        for i, toks in enumerate(tk["tokens"]):
            ref = _textrank([w for w in h.token_list(toks) if w not in bad])
            got = {t.vocab[j]: v for j, v in zip(W[i].indices, W[i].data)}
            assert got.keys() == ref.keys()
            assert all(abs(got[w] - v) < 1e-9 for w, v in ref.items())


def test_keywords_of_a_corpus_reuse_its_tokens_and_names(fixture_corpus):
    by_corpus = h.keywords(fixture_corpus)
    by_tables = h.keywords(fixture_corpus.articles, tokens_df=fixture_corpus.tokens, names=h.corpus_names(fixture_corpus))
    assert by_corpus.equals(by_tables)
    people = set(fixture_corpus.appearances["name"]) | set(fixture_corpus.authors["name"])
    assert people and not set(by_corpus["word"]) & people


def test_fixture_keywords_leave_out_names_places_fillers(cases):
    arts, names, tk = cases
    kw = h.keywords(arts, k=5, tokens_df=tk, names=names)
    for i, c in enumerate(CASES):
        top = list(kw[kw.article == i]["word"])
        assert set(c["top5"]) <= set(top), (c["headline"], top)
        assert not set(c["never"]) & set(top), (c["headline"], top)
        assert not set(top) & h.stopwords()
    kept = h.keywords(arts, k=20, tokens_df=tk, names=names, keep_places=True)
    assert "柳塘镇" in set(kept[kept.article == 2]["word"])
    assert "柳塘镇" not in set(h.keywords(arts, k=20, tokens_df=tk, names=names)["word"])


def test_keywords_of_bare_articles_find_names_themselves():
    """Without a tokens table the articles are segmented once, the officials found kept whole and left out."""
    a = articles_of("区长邵立群主持召开会议,研究老旧小区改造。邵立群强调,老旧小区改造要惠及居民。")
    words = list(h.keywords(a, k=10)["word"])
    assert "老旧小区改造" in words and not any("邵立群" in w for w in words)


def test_fixture_topics(cases):
    arts, _, _ = cases
    t = h.topics(arts)
    assert list(t["topic"]) == [c["topic"] for c in CASES]


def test_topic_weights_are_shares_with_evidence(cases):
    arts, _, _ = cases
    w = h.topic_weights(arts)
    assert (w.groupby("article")["share"].sum().sub(1).abs() < 0.01).all()
    meeting = w[w.article == 0]
    assert meeting.iloc[0]["topic"] == "政府工作" and meeting.iloc[0]["event"]
    assert len(meeting) >= 3   # a mixed agenda keeps its other topics as shares
    assert "常务会议×" in meeting.iloc[0]["evidence"]


def test_one_incidental_word_decides_nothing():
    """One generic topic word once (安全) is below the minimum evidence: no share, and the topic is 其他."""
    a = articles_of("夜市人气旺,摊主支起临时摊位,现场秩序安全。")
    w = h.topic_weights(a)
    assert list(w["topic"]) == [h.OTHER] and h.topics(a).iloc[0]["topic"] == h.OTHER
    b = articles_of("全区开展安全生产大检查,排查安全隐患,落实安全生产责任。")
    assert h.topics(b).iloc[0]["topic"] == "安全稳定"


def test_no_clear_leader_is_other_with_both_shares():
    """Two fields with the same evidence: the main topic is 其他, both keep their shares, the runner-up is named."""
    a = articles_of("会议听取了有关汇报。会议研究了河长制和排污口整治,研究了春耕和农资供应。")
    w = h.topic_weights(a)
    assert set(w["topic"]) == {"生态环保", "乡村振兴"} and abs(w["share"].sum() - 1) < 0.01
    t = h.topics(a).iloc[0]
    assert t["topic"] == h.OTHER and t["second"] in {"生态环保", "乡村振兴"} and t["score"] == 0


def test_offices_and_bodies_are_no_topic_evidence():
    """Names of governments, committees and congresses hold no topic term inside them (matching is by substring)."""
    a = articles_of("市政府、区政府、县政府、区委员会、中国共产党第二十次全国代表大会、区政府办公室负责人出席。")
    assert list(h.topic_weights(a)["topic"]) == [h.OTHER]


def test_sample_topics_match_the_key_exactly(sample, gold):
    t = h.topics(sample.articles).set_index("article")["topic"]
    assert {str(k): v for k, v in t.items()} == gold["topics"]


def test_topic_lexicon_decides_with_headline_weight():
    a = articles_of("全区法治建设,推进依法治区,严格执法、公正司法。")
    t = h.topics(a).iloc[0]
    assert t["topic"] == "法治建设" and 0 < t["score"] <= 1 and "法治" in t["words"]


def test_topic_lexicon_covers_the_fields_once_each():
    lex = h.topic_lexicon()
    want = {"党建与政治学习", "全面深化改革", "人大政协", "政府工作", "法治建设", "产业经济", "重大项目", "民生", "生态环保",
            "安全稳定", "文化", "乡村振兴", "城乡建设"}
    assert set(lex) == want and all(len(ws) >= 20 for ws in lex.values())
    terms = [w for ws in lex.values() for w in ws]
    assert len(terms) == len(set(terms))   # a term belongs to one topic


def test_term_changes_count_both_periods():
    cases = [{"headline": "", "body": b} for b in
             ["河长制河长制河长制水质", "河长制水质水质", "春耕备耕春耕水质", "春耕春耕备耕水质"]]
    arts = _articles(cases, ["2024-01-01", "2024-01-02", "2024-02-01", "2024-02-02"])
    tk = h.tokens(arts, [])
    ch = h.term_changes(tk, arts, split="2024-02-01", min_count=2).set_index("word")
    assert ch.loc["春耕", ["before", "after", "direction"]].tolist() == [0, 4, "rose"]
    assert ch.loc["河长制", ["before", "after", "direction"]].tolist() == [4, 0, "fell"]
    assert "水质" not in ch.index or abs(ch.loc["水质", "change"]) < 1


def test_stopword_candidates_frequent_not_topic_terms(cases):
    _, _, tk = cases
    c = h.stopword_candidates(tk, n=200, min_share=0.2)
    assert not set(c["word"]) & set(w for ws in h.topic_lexicon().values() for w in ws)
    assert not set(c["word"]) & h.stopwords()
    assert (c["articles"] >= 2).all()


def test_unsupervised_topics_need_enough_articles(fixture_corpus):
    assert h.unsupervised_topics(fixture_corpus.tokens) is None and h.nmf_top_words(fixture_corpus.tokens) is None
    t = h.nmf_top_words(fixture_corpus.tokens, n_topics=3, min_articles=5)
    assert len(t) == 3 and t["articles"].sum() == len(fixture_corpus.tokens) and all(t["top_words"].str.len() > 0)


def test_place_outlet_name_title_rules():
    assert h.is_place_or_outlet("柳塘镇") and h.is_place_or_outlet("青禾日报") and not h.is_place_or_outlet("开发区")
    assert h.is_name_like("韩素梅") and not h.is_name_like("老旧小区改造")
    assert h.is_title("区委副书记") and not h.is_title("理论学习中心组")


def test_name_spans_same_for_few_and_many_names(sample):
    """Few names are looked up one by one, many with one regex: the spans are the same."""
    text = sample.articles.body.iloc[0]
    names = [text[i:i + n] for i in range(0, 400, 7) for n in (2, 3)]
    assert len(set(names)) > 50
    by_regex = h.name_spans(text, names)
    by_find = sorted({s for chunk in range(0, len(names), 40) for s in h.name_spans(text, names[chunk:chunk + 40])})
    assert by_regex and set(by_regex) <= set(by_find)
    few = names[:30]
    assert h.name_spans(text, few) == [m.span() for m in segment.names_pattern(tuple(sorted(set(few)))).finditer(text)]


def test_tokens_are_white_space_or_have_none(sample, fixture_corpus):
    """The tokens table drops white-space tokens; that keeps every word only because no token mixes the two."""
    for arts in (sample.articles, fixture_corpus.articles):
        for r in arts.itertuples():
            for t in h.cut(r.headline + "\n" + r.body + " A B\u3000C\r\n"):
                assert t.isspace() or not any(c.isspace() for c in t), repr(t)
