"""Officials on synthetic sentences and the synthetic fixture corpus (made up for the tests)."""
import helpers as h
from conftest import articles_of


def rows(corpus, part, article):
    a = corpus.appearances
    return a[a.issue_id.str.contains(part) & (a.article == article)].set_index("name")


def test_title_before_name_deputy_titles_township(fixture_corpus):
    a = rows(fixture_corpus, "11-27", 0)
    assert list(a.index) == ["周明远", "吴建平", "郑晓东"]
    assert a.loc["周明远", ["title", "level", "role"]].tolist() == ["副区长", "区", "调研"]
    assert a.loc["吴建平", ["title", "role"]].tolist() == ["区委常委、常务副区长", "陪同"]
    assert a.loc["郑晓东", ["title", "level", "role"]].tolist() == ["湖塘镇党委书记", "镇街", "参加"]


def test_name_cut_by_a_page_break(fixture_corpus):
    assert "蔡文斌" in rows(fixture_corpus, "11-30", 1).index
    assert "郑晓东" in rows(fixture_corpus, "11-27", 0).index


def test_collective_list_rare_surname_and_named_three_times(fixture_corpus):
    a = rows(fixture_corpus, "11-30", 0)
    assert list(a.index) == ["吴建平", "恽立群", "马骏"]
    assert a.loc["吴建平", "role"] == "督查"
    assert a.loc["恽立群", ["title", "level", "role"]].tolist() == ["区、镇领导", "", "参加"]


def test_list_ending_in_deng_with_compound_surname(fixture_corpus):
    a = rows(fixture_corpus, "11-30", 1)
    assert list(a.index) == ["蔡文斌", "伏建明", "瞿海", "欧阳春"]
    assert set(a.loc[["伏建明", "瞿海", "欧阳春"], "title"]) == {"区级领导"}


def test_article_without_officials_and_company_name(fixture_corpus):
    assert rows(fixture_corpus, "11-30", 2).empty
    names = set(fixture_corpus.appearances["name"])
    assert not any("钱江" in n for n in names)


def test_commentary_gives_mentions_only(fixture_corpus):
    assert rows(fixture_corpus, "11-29", 0).empty
    m = fixture_corpus.mentions
    m = m[m.issue_id.str.contains("11-29")]
    assert set(m["name"]) == {"习近平", "钱立新"}


def test_authors_are_never_officials(fixture_corpus):
    assert not set(fixture_corpus.authors["name"]) & set(fixture_corpus.appearances["name"])


def test_name_at_judges_by_what_follows():
    assert h.name_at("市长王某某分别陪同调研", 2) == "王某某"
    assert h.name_at("副区长李某出席会议", 3) == "李某"
    assert h.name_at("常州市长江路改造工程", 4) == ""


def test_role_and_level_helpers():
    assert h.role_in("带队督查安全生产") == "督查"
    assert h.role_in("参加调研") == "参加"
    assert h.title_level("镇党委书记") == "镇街"
    assert h.title_level("常务副区长") == "区"


def test_people_table(fixture_corpus):
    p = h.people(fixture_corpus.appearances).set_index("name")
    assert p.loc["钱立新", "n_articles"] == 2 and p.loc["钱立新", "n_issues"] == 2
    assert p.loc["吴建平", "level"] == "区"
    assert str(p.loc["吴建平", "first_seen"].date()) == "2024-11-27"


def test_central_leader_is_a_mention_in_news():
    a = articles_of("昨天,区委书记张某某主持会议,传达学习习近平总书记重要讲话精神。")
    assert list(h.appearances(a)["name"]) == ["张某某"]
    assert list(h.mentions(a)["name"]) == ["习近平"]
