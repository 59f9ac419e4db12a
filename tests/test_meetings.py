"""Meetings and relays on the synthetic fixtures (made up for the tests) and other wordings."""
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

import helpers as h
from bulletins.extract import relays as relays_mod
from conftest import articles_of


def test_meeting_without_session_and_chair(fixture_corpus):
    m = fixture_corpus.meetings
    m = m[m.issue_id.str.contains("12-01")].iloc[0]
    assert (m["body"], m["kind"], m["chair"]) == ("区政府常务会议", "常务会议", "韩志刚")
    assert pd.isna(m["term"]) and m["name"] == "区政府常务会议"
    assert pd.isna(m["session"]) and m["held_on"] == pd.Timestamp("2024-11-30")


def test_relay_wordings_and_unknown_dates(fixture_corpus):
    r = fixture_corpus.relays
    r = r[r.issue_id.str.contains("12-01")]
    assert list(zip(r["occasion"], r["form"])) == [("中央经济工作会议", "重要讲话"),
                                                   ("中央全面深化改革委员会第五次会议", "会议精神"),
                                                   ("党的二十届三中全会", "会议精神")]
    assert r["central_date"].isna().all() and r["delay_days"].isna().all()


def test_delay_from_the_occasion_lexicon():
    a = articles_of("昨天晚上,区委常委会召开会议,传达学习习近平总书记在湖北考察时的重要讲话精神。", date="2024-11-21")
    r = h.relays(a)
    assert r.iloc[0]["occasion"] == "湖北考察"
    known = h.central_occasions().set_index("occasion")["date"]["湖北考察"]
    assert r.iloc[0]["delay_days"] == (pd.Timestamp("2024-11-20") - known).days


def test_nested_study_verb_is_not_a_second_relay():
    a = articles_of("会议传达了习近平总书记在省部级主要领导干部学习贯彻党的二十届三中全会精神专题研讨班开班式上的重要讲话精神,指出,要抓落实。")
    assert len(h.relays(a)) == 1


def test_structure_in_combination_is_not_a_relay():
    a = articles_of("结合学习贯彻习近平新时代中国特色社会主义思想整体学,推动工作。")
    assert h.relays(a).empty


def test_parse_relay_object():
    assert h.parse_relay_object("中央全面深化改革委员会第六次会议精神") == {
        "speaker": "中央全面深化改革委员会", "occasion": "中央全面深化改革委员会第六次会议", "form": "会议精神"}
    assert h.parse_relay_object("新修订的《中华人民共和国统计法》")["form"] == "法律"


def test_study_and_implement_a_speech():
    a = articles_of("昨天上午,区委理论学习中心组召开专题学习会,学习贯彻习近平总书记在中央农村工作会议上的重要讲话精神。")
    r = h.relays(a).iloc[0]
    assert (r["speaker"], r["occasion"], r["form"]) == ("习近平总书记", "中央农村工作会议", "重要讲话")
    m = h.meetings(a).iloc[0]
    assert (m["body"], m["kind"]) == ("区委理论学习中心组", "专题学习会")


def test_relay_scan_refuses_after_jiehe_like_a_look_behind(sample, fixture_corpus):
    """The relay scan tests 结合 itself (so the regex can skip ahead to the verbs): the same
    matches as the pattern with a look-behind, on the sample, the fixtures and made-up sentences."""
    import re

    behind = re.compile("(?<!结合)" + relays_mod.relay_pattern().pattern)
    texts = ["结合原原本本传达中央经济工作会议精神,抓好落实。", "结合传达学习中央经济工作会议精神。", "结合学习贯彻党的二十届三中全会精神。",
             "会议传达学习了习近平总书记重要讲话精神和省委全会精神。"]
    texts += list(sample.articles.body) + list(fixture_corpus.articles.body)
    for t in texts:
        t = h.normalize(t)
        assert [m.span() for m in relays_mod.relay_matches(t)] == [m.span() for m in behind.finditer(t)], t[:20]
    assert [m.group(0) for m in relays_mod.relay_matches(h.normalize(texts[0]))] != []


CASES = Path(__file__).resolve().parent / "fixtures" / "meetings"


def _case(path: Path):
    """A fixture case -> (its one-article frame, the case)."""
    c = json.loads(path.read_text(encoding="utf-8"))
    a = articles_of(c["text"], date="2025-03-10")
    a["headline"] = c["headline"]
    return a, c


def _none(v):
    return None if pd.isna(v) else int(v)


@pytest.mark.parametrize("path", sorted(CASES.glob("m*.json")), ids=lambda p: p.stem)
def test_meeting_cases(path):
    a, c = _case(path)
    m = h.meetings(a)
    got = [{"body": r.body, "term": _none(r.term), "session": _none(r.session), "kind": r.kind, "chair": r.chair}
           for r in m.itertuples()]
    assert got == c["meetings"], c["about"]
    if "relays" in c:
        r = h.relays(a, m)
        assert [{"item": x.item, "item_kind": x.item_kind, "level": x.level, "recipient": x.recipient}
                for x in r.itertuples()] == c["relays"], c["about"]


@pytest.mark.parametrize("path", sorted(CASES.glob("r*.json")), ids=lambda p: p.stem)
def test_relay_cases(path):
    a, c = _case(path)
    r = h.relays(a)
    got = [{"item": x.item, "item_kind": x.item_kind, "level": x.level, "recipient": x.recipient} for x in r.itertuples()]
    assert got == c["relays"], c["about"]


@pytest.fixture(scope="module")
def series_corpus():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return h.load_corpus(CASES / "series", use_cache=False, progress=False)


def test_meeting_series_and_gaps(series_corpus):
    s = h.meeting_series(series_corpus.meetings)
    gov = s[s.body == "区政府常务会议"]
    assert list(zip(gov.session, gov.reported)) == [(45, True), (46, True), (47, False), (48, False), (49, True)]
    assert gov[gov.reported].held_on.tolist() == [pd.Timestamp(d) for d in ("2025-03-02", "2025-03-09", "2025-03-23")]
    g = h.meeting_gaps(s).set_index("body")
    assert (g.loc["区政府常务会议", "missing"], g.loc["区政府常务会议", "n_missing"]) == ("47-48", 2)
    assert (g.loc["区人大常委会", "term"], g.loc["区人大常委会", "missing"]) == (9, "21")


def test_series_chart_draws_reported_and_missing(series_corpus):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    h.setup()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = h.series_chart(h.meeting_series(series_corpus.meetings))
    panels = ax.figure.axes
    crosses = [ln for a in panels for ln in a.lines if ln.get_marker() == "x"]
    assert sum(len(ln.get_xdata()) for ln in crosses) == 3
    assert [a.get_yticklabels()[0].get_text() for a in panels] == ["区人大常委会(9届)", "区政府常务会议"]
    plt.close("all")


def test_relay_levels_and_kinds_tables():
    a = articles_of("会议传达学习了中央、省、市防汛抗旱工作会议精神和某某总书记对防汛工作作出的重要指示精神。")
    t = h.relay_levels(h.relays(a))
    assert list(t.columns) == ["中央", "省", "市"] and t.loc["session"].tolist() == [1, 1, 1]
    assert t.loc["instruction", "中央"] == 1


def test_a_date_printed_before_an_item_is_its_central_date():
    a = articles_of("3月5日,区委常委会召开会议,传达学习3月1日省委常委会会议精神。", date="2025-03-06")
    r = h.relays(a).iloc[0]
    assert (r["level"], r["central_date"], r["delay_days"]) == ("省", pd.Timestamp("2025-03-01"), 4)


def test_a_leaders_book_is_never_a_law():
    assert h.title_kind("某某论法治(2020)", ("某某",)) == "book"
    assert h.title_kind("中华人民共和国某某法") == "law" and h.title_kind("某某工作办法") == "document"
