"""The small summaries the notebooks call, on the synthetic fixture corpus (made up for the tests)."""
import pandas as pd

import helpers as h


def test_article_labels_and_by_article(fixture_corpus):
    labels = h.article_labels(fixture_corpus.articles)
    assert labels.iloc[0].startswith("synthetic_2024-11-27_header 0 区领导调研")
    s = h.by_article(fixture_corpus.articles, fixture_corpus.articles, "n_chars")
    assert list(s.index) == list(labels) and s.sum() == fixture_corpus.articles["n_chars"].sum()


def test_author_and_warning_tables(fixture_corpus, sample):
    a = h.author_table(fixture_corpus.authors)
    assert a.iloc[0]["name"] == "王大伟" and a.iloc[0]["n_articles"] == 4
    w = h.warning_table(sample)
    assert len(w) == 1 and "no date" in w.iloc[0]["warning"]


def test_word_frequencies_sorted_with_ties_by_word(fixture_corpus):
    f = h.word_frequencies(fixture_corpus.tokens)
    pairs = list(zip(-f.values, f.index))
    assert pairs == sorted(pairs) and all(h.is_keyword_candidate(w) for w in f.index)


def test_topic_shares_sum_to_one(fixture_corpus):
    shares = h.topic_shares(h.topics(fixture_corpus.articles), fixture_corpus.articles)
    assert list(shares.index) == ["2024-11-27", "2024-11-28", "2024-11-29", "2024-11-30", "2024-12-01"]
    assert ((shares.sum(axis=1) - 1).abs() < 0.01).all()


def test_unsupervised_topics_seeded(fixture_corpus):
    a = h.unsupervised_topics(fixture_corpus.tokens, n_topics=3, min_articles=5)
    b = h.unsupervised_topics(fixture_corpus.tokens, n_topics=3, min_articles=5)
    assert a.equals(b) and set(a["nmf_topic"]) <= {0, 1, 2}
    x = h.compare_topics(h.topics(fixture_corpus.articles), a)
    assert x.values.sum() == len(fixture_corpus.articles)


def test_officials_summaries(fixture_corpus):
    app = fixture_corpus.appearances
    roles = h.roles_by_person(app)
    assert roles.values.sum() == len(app)
    order = h.protocol_order(app).set_index("name")
    assert order.loc["钱立新", "named_first"] == 2
    co = h.co_appearances(app)
    assert co.loc["吴建平", "吴建平"] == 2 and co.loc["恽立群", "马骏"] == 1
    both = h.central_and_local(app, fixture_corpus.mentions)
    assert set(both["kind"]) == {"出场", "提及"}
    assert h.appearances_over_time(app).values.sum() == len(app)


def test_figure_and_relay_summaries(fixture_corpus):
    tot = h.figure_totals(fixture_corpus.figures)
    money = tot[(tot.kind == "money") & (tot.when == "2024-11-28")]
    assert money["total"].iloc[0] == 3e9
    # district-wide totals (全区...) have their place as subject since the figures rework
    assert h.figures_by_subject(fixture_corpus.figures)["subject"].tolist() == ["全区"] * 3 + ["常州恒达传感科技有限公司"]
    forms = h.relay_forms(fixture_corpus.relays)
    assert forms.loc["区政府常务会议", "会议精神"] == 2


def test_slogan_matrix_and_decisions(sample):
    m = h.slogan_matrix(sample.slogans, sample.articles, 10)
    assert len(m) == 10 and m.values.sum() > 0
    d = h.parallel_decisions(sample.articles)
    names = d[d.run.str.contains("恽淇丞、石伟东、郑政平")]
    assert (names["formula"] == "").all()
    assert (d["formula"] != "").sum() >= 12
