"""Segmentation, stopwords, keywords and topics."""
import itertools

import helpers as h
from bulletins import segment
from conftest import articles_of


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
    assert {"本报讯", "记者", "会议", "指出", "要"} <= h.stopwords()
    assert not h.is_keyword_candidate("2024") and not h.is_keyword_candidate("，")
    assert not h.is_keyword_candidate("第六次") and not h.is_keyword_candidate("万千瓦")


def test_keywords_deterministic_and_clean(fixture_corpus):
    k1 = h.keywords(fixture_corpus.articles, tokens_df=fixture_corpus.tokens)
    k2 = h.keywords(fixture_corpus.articles, tokens_df=fixture_corpus.tokens)
    assert k1.equals(k2)
    assert all(h.is_keyword_candidate(w) for w in k1["word"])
    tr = h.keywords(fixture_corpus.articles, tokens_df=fixture_corpus.tokens, method="textrank")
    assert all(h.is_keyword_candidate(w) for w in tr["word"]) and len(tr)


def test_topic_lexicon_decides_with_headline_weight():
    a = articles_of("全区法治建设,推进依法治区,严格执法、公正司法。")
    t = h.topics(a).iloc[0]
    assert t["topic"] == "法治建设" and 0 < t["score"] <= 1 and "法治" in t["words"]


def test_unsupervised_topics_need_enough_articles(fixture_corpus):
    assert h.unsupervised_topics(fixture_corpus.tokens) is None


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
