"""Officials: one synthetic fixture per pattern of issue 13 (tests/fixtures/officials/, invented names)."""
import json
from pathlib import Path

import pandas as pd
import pytest

import helpers as h
from conftest import articles_of

FIX = Path(__file__).resolve().parent / "fixtures" / "officials"
CASES = sorted(p.stem for p in FIX.glob("*.txt"))


def issue_of(text: str) -> pd.DataFrame:
    """The articles of one synthetic issue: bodies separated by a line of =====."""
    parts = [articles_of(body.strip()).assign(article=i) for i, body in enumerate(text.split("\n=====\n"))]
    return pd.concat(parts, ignore_index=True)


@pytest.mark.parametrize("case", CASES)
def test_fixture_rows(case):
    want = json.loads((FIX / f"{case}.json").read_text(encoding="utf-8"))
    arts = issue_of((FIX / f"{case}.txt").read_text(encoding="utf-8"))
    app = h.appearances(arts).sort_values(["article", "order"])
    assert [list(r) for r in app[["name", "title", "role"]].values] == want["appearances"]
    if "sources" in want:
        assert list(app["title_source"]) == want["sources"]
    assert sorted(h.mentions(arts)["name"]) == sorted(want["mentions"])


def test_every_fixture_has_its_expected_rows():
    assert CASES and all((FIX / f"{c}.json").exists() for c in CASES)


def test_names_end_at_boundaries_not_characters():
    assert h.name_at("副区长于国中列席会议", 3) == "于国中"
    assert h.name_at("区长王伟在讲话中指出", 2) == "王伟"
    assert h.name_at("县长吴某宏应邀出席", 2) == "吴某宏"
    assert h.name_at("市长来我区调研", 2) == ""


def test_levels_of_place_prefixed_titles():
    assert h.title_level("某某市某河区委副书记、区长") == "区"
    assert h.title_level("东溪镇党委书记") == "镇街"
    assert h.title_level("省交通运输厅副厅长") == "省"


def test_roster_and_title_changes():
    a = pd.DataFrame({"issue_id": ["a", "b", "c", "c"], "article": [0, 0, 0, 1],
                      "date": pd.to_datetime(["2024-01-05", "2024-02-05", "2024-04-01", "2024-04-01"]),
                      "name": ["甲某某", "甲某某", "甲某某", "乙某"], "title": ["副区长", "副区长", "区长", "区领导"],
                      "title_source": ["printed"] * 4})
    r = h.roster(a)
    assert r[["name", "title", "n_issues"]].values.tolist() == [["甲某某", "副区长", 2], ["甲某某", "区长", 1]]
    assert str(r.loc[0, "last_seen"].date()) == "2024-02-05"
    c = h.title_changes(a)
    assert c[["name", "from_title", "to_title", "kind"]].values.tolist() == [["甲某某", "副区长", "区长", "promotion"]]
    assert str(c.loc[0, "last_seen_before"].date()) == "2024-02-05"
    assert h.change_kind("区长", "某镇党委书记") == "transfer"


def test_corpus_bare_names_take_the_dated_title():
    first = articles_of("区委书记荣某川调研。", date="2024-01-02").assign(issue_id="a")
    later = articles_of("荣某川主持召开会议。", date="2024-03-02").assign(issue_id="b")
    arts = pd.concat([first, later], ignore_index=True)
    app = h.appearances(arts)
    assert list(app["name"]) == ["荣某川"]   # the second issue names him bare
    extra = h.corpus_bare_appearances(arts, app)
    assert extra[["issue_id", "name", "title", "role", "title_source"]].values.tolist() == [["b", "荣某川", "区委书记", "主持", "roster"]]


def test_title_chart_draws_one_line_per_title():
    a = pd.DataFrame({"issue_id": ["a", "b"], "article": [0, 0], "date": pd.to_datetime(["2024-01-05", "2024-03-05"]),
                      "name": ["甲某某", "甲某某"], "title": ["副区长", "区长"], "title_source": ["printed"] * 2})
    ax = h.title_chart(h.roster(a), h.title_changes(a))
    assert len(ax.lines) == 3   # two titles and one change marker
