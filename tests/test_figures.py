"""Economic figures and dates on synthetic sentences (made up for the tests)."""
import pandas as pd
import pytest

import helpers as h
from conftest import articles_of


@pytest.mark.parametrize("raw,value,unit,approx", [
    ("81万辆", 810000, "辆", False), ("5亿元", 5e8, "元", False), ("100万千瓦时", 1e6, "千瓦时", False),
    ("60多家", 60, "家", True), ("3.2亿元", 3.2e8, "元", False), ("12.5%", 12.5, "%", False),
    ("超30亿元", 3e9, "元", True), ("三千余名", 3000, "人", True), ("近万人", 10000, "人", True),
    ("一百二十亿元", 1.2e10, "元", False), ("约2000平方米", 2000, "平方米", True), ("1,200吨", 1200, "吨", False),
    ("３．５万平方米", 35000, "平方米", False), ("30左右家", None, None, None), ("百分之十五", 15, "%", False),
    ("2万亿元", 2e12, "元", False), ("10万千瓦", 1e5, "千瓦", False),
])
def test_parse_figure_forms(raw, value, unit, approx):
    got = h.parse_figure(raw)
    if value is None:
        assert got is None
    else:
        assert got == (pytest.approx(value), unit, approx)


def test_kinds_contexts_and_range():
    f = h.figures(articles_of("今年1至10月,全区工业产值同比增长12.5%,项目年产电池100万千瓦时,计划总投资30-50亿元,吸纳就业三千余名。"))
    f = f.set_index("raw")
    assert f.loc["12.5%", ["kind", "context"]].tolist() == ["growth", "同比增长"]
    assert f.loc["100万千瓦时", ["kind", "value"]].tolist() == ["capacity", 1e6]
    assert f.loc["30-50亿元", ["value", "value_max", "kind"]].tolist() == [3e9, 5e9, "money"]
    assert f.loc["30-50亿元", "status"] == "planned"
    assert f.loc["三千余名", "kind"] == "people"
    assert "1至10月" not in f.index


def test_percent_in_words_and_positions_in_text():
    """百分之十五 in running text is a figure (百 is not read as a number of its own), and `start` is
    the figure's position in the body (an integer, not a date)."""
    text = "全区产值同比增长百分之十五,完成投资5亿元。"
    f = h.figures(articles_of(text))
    assert f["raw"].tolist() == ["百分之十五", "5亿元"]
    assert f["value"].tolist() == [15, 5e8] and f["unit"].tolist() == ["%", "元"]
    assert f["start"].dtype == "int64" and [text[s:s + len(r)] for s, r in zip(f["start"], f["raw"])] == f["raw"].tolist()


@pytest.mark.parametrize("text", ["区委全面深化改革委员会第二十八次会议", "党的二十届三中全会", "坚持“十一个坚持”",
                                  "做到“两个维护”", "“1650”产业体系", "项目分两期建设,一期主厂房完工", "2025年6月竣工",
                                  "11月19日,区领导调研", "区四套班子领导参加", "突破一批关键技术"])
def test_not_figures(text):
    assert h.figures(articles_of(text)).empty, text


def test_subject_is_the_company_or_project_named():
    f = h.figures(articles_of("其中,常州某某电机有限公司已形成年产电机50万台的能力。"))
    assert f.iloc[0]["subject"] == "常州某某电机有限公司" and f.iloc[0]["status"] == "achieved"


def test_number_cut_by_a_page_break_is_one_figure(fixture_corpus):
    f = fixture_corpus.figures
    assert "12亿元" in set(f["raw"]) and f[f.raw == "12亿元"]["value"].iloc[0] == 1.2e9


def test_dates_resolved_against_the_issue_date():
    d = h.dates(articles_of("昨天晚上,区委开会。11月19日,省领导调研,预计2025年6月竣工,1-10月产值增长。", date="2024-11-21"))
    got = {r: (s.date().isoformat() if pd.notna(s) else None, e.date().isoformat() if pd.notna(e) else None)
           for r, s, e in zip(d["raw"], d["start"], d["end"])}
    assert got["昨天晚上"] == ("2024-11-20", "2024-11-20")
    assert got["11月19日"] == ("2024-11-19", "2024-11-19")
    assert got["2025年6月"] == ("2025-06-01", "2025-06-30")
    assert got["1-10月"] == ("2024-01-01", "2024-10-31")


def test_relative_dates_stay_missing_without_issue_date():
    d = h.dates(articles_of("昨天晚上,区委开会。"))
    assert d["raw"].tolist() == ["昨天晚上"] and pd.isna(d["start"].iloc[0])


def test_cn_number():
    assert h.cn_number("一百二十") == 120 and h.cn_number("十一") == 11 and h.cn_number("两千零五") == 2005
    assert h.cn_number("三万五千") == 35000 and h.cn_number("一亿二千万") == 120_000_000
    assert h.cn_number("第二") is None


# --- synthetic fixtures (tests/fixtures/figures/NAME.txt with its expected rows in NAME.json) ---

import json
from pathlib import Path

FIG_FIXTURES = Path(__file__).parent / "fixtures" / "figures"


@pytest.mark.parametrize("name", sorted(p.stem for p in FIG_FIXTURES.glob("*.txt")))
def test_figure_fixtures(name):
    """Exactly the expected figures, in order, with every field the fixture lists."""
    want = json.loads((FIG_FIXTURES / f"{name}.json").read_text(encoding="utf-8"))["figures"]
    got = h.figures(articles_of((FIG_FIXTURES / f"{name}.txt").read_text(encoding="utf-8")))
    assert got["raw"].tolist() == [w["raw"] for w in want]
    for (_, row), w in zip(got.iterrows(), want):
        for key, value in w.items():
            assert row[key] == (pytest.approx(value) if isinstance(value, float) else value), (w["raw"], key)


@pytest.mark.parametrize("text", ["十四届全国人大三次会议", "县政协十三届九次全会", "这是今年第十二次", "党的二十届三中全会",
                                  "区政府第31次常务会议", "镇人大九届五次常委会议", "实施五个“三年行动计划”", "分获第1、2名",
                                  "从生态、文化、旅游三个方面发力", "三次产业比例为3.1:48.2:48.7"])
def test_terms_sessions_and_programme_numbers_are_no_figures(text):
    assert h.figures(articles_of(text)).empty, text


@pytest.mark.parametrize("text,raw,value,direction", [
    ("全县规上工业产值同比下降5.2%。", "5.2%", 5.2, "down"), ("地区生产总值增长-8.7%。", "-8.7%", -8.7, "down"),
    ("营业收入同比增长12%。", "12%", 12, "up"), ("实现增加值5.9亿元。", "5.9亿元", 5.9e8, ""),
    ("较上年同期(-2.4%)回升1.1个百分点。", "-2.4%", -2.4, "down"), ("较上年同期(3.5%)明显增长。", "3.5%", 3.5, "up"),
    ("增速比全市高2.0个百分点。", "2.0个百分点", 2.0, ""), ("出口占比为18.5%。", "18.5%", 18.5, ""),
])
def test_direction_and_sign(text, raw, value, direction):
    f = h.figures(articles_of(text)).set_index("raw")
    assert f.loc[raw, "value"] == pytest.approx(value) and f.loc[raw, "direction"] == direction


def test_tenths_and_a_misprinted_decimal_point():
    f = h.figures(articles_of("八成以上企业复工,近七成订单来自海外,原煤产量同比下降12..6%,成交额3亿元。"))
    assert f["raw"].tolist() == ["八成以上", "近七成", "12..6%", "3亿元"]
    assert f["value"].tolist() == [80, 70, 12.6, 3e8] and f["approx"].tolist() == [True, True, False, False]


def test_direction_column_is_registered():
    assert "direction" in h.table("figures").columns


def test_place_wide_subject_after_a_span_of_months_and_change_words_that_qualify_nouns():
    f = h.figures(articles_of("前10个月全县完成工业投资62亿元,营收增长的企业达120家。")).set_index("raw")
    assert f.loc["62亿元", "subject"] == "全县" and f.loc["120家", "direction"] == ""


def test_units_that_may_open_a_longer_word():
    """位 and 成 count only where they end a word: 两位居民 and 三成以上, not 两位数 or 成交额."""
    f = h.figures(articles_of("实现两位数增长,两位居民代表发言,三成以上企业复工,全年成交额3亿元,走进千家万户。"))
    assert f["raw"].tolist() == ["两位", "三成以上", "3亿元"]


def test_one_as_an_article_but_not_before_a_ratio():
    f = h.figures(articles_of("一家企业产值增长一倍,出口提高一成。"))
    assert f["raw"].tolist() == ["一倍", "一成"] and f["direction"].tolist() == ["up", "up"]


def test_printed_plus_sign_is_up():
    f = h.figures(articles_of("出口额同比+12.3%,进口额同比-4.1%,推进“1+6+N”体系。"))
    assert f["raw"].tolist() == ["+12.3%", "-4.1%"] and f["direction"].tolist() == ["up", "down"]
    assert f["value"].tolist() == [12.3, -4.1]


def test_headline_figures_are_read_like_the_body_and_come_first():
    """A figure in the headline is a row like the body's (one per occurrence), its start negative."""
    a = articles_of("本报讯 青岚县8个项目集中开工,总投资约9亿元。")
    a["headline"] = "青岚县8个项目集中开工 总投资9亿元"
    f = h.figures(a)
    assert f["raw"].tolist() == ["8个", "9亿元", "8个", "约9亿元"]
    assert (f["start"].iloc[:2] < 0).all() and (f["start"].iloc[2:] >= 0).all()
    assert f["value"].iloc[1] == 9e8
