"""Pages as analysts have them: web and app pages with their furniture, several items to a file,
other papers' layouts, saved HTML. Synthetic fixtures (invented places, people and sites) in
tests/fixtures/pages/, each with its expected rows in NAME.json; bylines, credits and furniture lines."""
import shutil
import warnings

import pandas as pd
import pytest

import helpers as h
from conftest import FIXTURES

PAGES = FIXTURES.parent / "pages"
PAGE_FILES = sorted(p for p in PAGES.iterdir() if p.suffix in (".txt", ".html"))


def _page(path):
    import json

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = h.parse_issue(path)
    return c, json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_page_fixtures_every_character_lands_in_one_field(path):
    c, _ = _page(path)
    text, _ = h.read_issue_text(path)
    missing, added = h.accounting(text, c)
    assert not missing and not added


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_page_fixtures_give_their_expected_rows(path):
    c, want = _page(path)
    arts = c.articles
    assert len(arts) == len(want["articles"])
    for i, w in enumerate(want["articles"]):
        r = arts.iloc[i]
        for col in ("headline", "byline", "kind", "credit"):
            assert r[col] == w[col], (i, col)
        assert r["body"].startswith(w["body_starts"]) and r["body"].endswith(w["body_ends"]), i
        assert r["n_paragraphs"] == w["paragraphs"], i
        if "dateline" in w:
            assert r["dateline"] == w["dateline"], i
        got = c.authors[c.authors.article == i][["name", "role"]].values.tolist()
        assert got == w["authors"], i
    iss = c.issues.iloc[0]
    assert (str(iss["date"].date()) if pd.notna(iss["date"]) else "") == want["date"]
    assert iss["date_source"] == want["date_source"]
    for col in ("furniture", "header"):
        if col in want:
            assert sorted(iss[col].splitlines()) == sorted(want[col])
    assert iss["leftover"] == ""


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_no_furniture_line_inside_a_headline_or_body(path):
    c, _ = _page(path)
    lines = [ln for ln in c.issues["furniture"].iloc[0].splitlines() if ln.strip()]
    heads = set(c.articles["headline"])
    for ln in lines:
        if ln in heads:
            continue   # a headline printed twice: one copy is furniture
        assert not any(ln in b.split("\n") for b in c.articles["body"]), ln
        assert not any(ln in hl for hl in c.articles["headline"]), ln


def test_html_page_parses_to_the_articles_of_its_pasted_text():
    html, _ = _page(PAGES / "synthetic_web_page.html")
    text, _ = _page(PAGES / "synthetic_web_page.txt")
    cols = ["headline", "byline", "kind", "body", "credit", "dateline", "n_paragraphs"]
    pd.testing.assert_frame_equal(html.articles[cols], text.articles[cols])
    pd.testing.assert_frame_equal(html.authors[["name", "role"]], text.authors[["name", "role"]])
    assert html.issues["date"].iloc[0] == text.issues["date"].iloc[0] == pd.Timestamp("2024-10-14")
    assert "from the web page" in html.issues["warnings"].iloc[0]


def test_load_corpus_reads_html_and_htm_beside_txt(tmp_path):
    shutil.copy(PAGES / "synthetic_web_page.html", tmp_path / "a.htm")
    shutil.copy(PAGES / "web_furniture.txt", tmp_path / "b.txt")
    (tmp_path / "notes.md").write_text("不是报纸", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = h.load_corpus(tmp_path, use_cache=False)
    assert list(c.issues["source_file"]) == ["a.htm", "b.txt"]
    assert list(c.articles["headline"]) == ["青禾区召开秋粮收购工作推进会", "澄江区启动冬季植树行动"]


def test_html_without_main_text_keeps_all_its_text_with_a_named_warning(tmp_path, monkeypatch):
    import bulletins.webpages as wp

    monkeypatch.setattr(wp, "extract_page", lambda html: {"text": "", "title": "", "date": "", "author": ""})
    path = tmp_path / "menu.html"
    path.write_text("<html><body><script>var a = '脚本';</script><div>区委召开会议</div>"
                    "<div>本报讯 昨天,区委召开会议,部署有关工作。</div><p>未闭合的段落<div></body>", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = h.parse_issue(path)
    text, enc = h.read_issue_text(path)
    assert enc.endswith("no main text") and "脚本" not in text
    assert not sum(h.accounting(text, c)[0].values()) and not sum(h.accounting(text, c)[1].values())
    assert "menu.html: the HTML page has no main text" in c.issues["warnings"].iloc[0]
    assert c.articles["headline"].tolist() == ["区委召开会议"]


@pytest.mark.parametrize("content,problem", [(b"<html><body><script>var a = 1;</script></body></html>", "no text"),
                                             (b"", "empty"),
                                             (b"<html><body><p>The quick brown fox jumps over the lazy dog again and again.</p>"
                                              b"</body></html>", "Chinese")])
def test_unreadable_html_gets_a_clear_error(tmp_path, content, problem):
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    with pytest.raises(h.BulletinError, match=r"bad\.html: .*" + problem):
        h.parse_issue(path)


@pytest.mark.parametrize("byline,authors", [
    ("本报讯(记者 甲乙)", [("甲乙", "记者")]),
    ("本报讯（通讯员 丙丁 记者 戊己）", [("丙丁", "通讯员"), ("戊己", "记者")]),
    ("本报讯 记者甲乙 通讯员丙丁", [("甲乙", "记者"), ("丙丁", "通讯员")]),
    ("某某网讯(记者 甲乙 文/图)", [("甲乙", "记者")]),
    ("某某台讯(记者 甲乙 摄像 丙丁)", [("甲乙", "记者"), ("丙丁", "摄影")]),
    ("某某新闻讯 实习生 甲乙", [("甲乙", "实习生")]),
    ("本報訊(記者 甲乙)", [("甲乙", "记者")]),
    ("本报讯通讯员甲乙报道:", [("甲乙", "通讯员")]),
    ("某某县融媒体中心记者 甲乙 丙丁报道:", [("甲乙", "记者"), ("丙丁", "记者")]),
    ("据某某新闻网甲乙报道:", [("甲乙", "")]),
    ("(编辑 甲乙)", [("甲乙", "编辑")]),
    ("甲乙丙 丙丁(实习)", [("甲乙丙", ""), ("丙丁", "实习生")]),
    ("本台评论员", [("本台评论员", "评论员")]),
])
def test_byline_forms_give_names_and_roles(byline, authors):
    assert h.byline_authors(byline) == authors


@pytest.mark.parametrize("line,byline,rest", [
    ("本报讯5月25日,全区召开会议。", "本报讯", "5月25日,全区召开会议。"),
    ("某某网讯(记者 甲乙)昨天,全区召开会议。", "某某网讯(记者 甲乙)", "昨天,全区召开会议。"),
    ("本报讯 记者 甲乙 通讯员 丙丁 昨天,全区召开会议。", "本报讯 记者 甲乙 通讯员 丙丁", "昨天,全区召开会议。"),
    ("又讯 昨天,全区召开会议。", "又讯", "昨天,全区召开会议。"),
    ("某某融媒讯：昨天,全区召开会议。", "某某融媒讯：", "昨天,全区召开会议。"),
    ("云上某某报道:昨天,全区召开会议。", "云上某某报道:", "昨天,全区召开会议。"),
    ("某某台记者甲乙报道:昨天,全区召开会议。", "某某台记者甲乙报道:", "昨天,全区召开会议。"),
    ("某某县委宣传部组织记者走进乡村,采访群众。", "", "某某县委宣传部组织记者走进乡村,采访群众。"),
    ("记者从区发改委获悉,全区投资增长。", "", "记者从区发改委获悉,全区投资增长。"),
    ("喜讯传来,全区上下一片欢腾。", "", "喜讯传来,全区上下一片欢腾。"),
])
def test_split_byline_forms(line, byline, rest):
    assert h.split_byline(line) == (byline, rest)


@pytest.mark.parametrize("para,body,credit", [
    ("会议要求抓好落实。(柯明远 桑若溪)", "会议要求抓好落实。", "(柯明远 桑若溪)"),
    ("会议要求抓好落实。（记者 甲乙）", "会议要求抓好落实。", "（记者 甲乙）"),
    ("会议要求抓好落实。 (某区某局供稿)", "会议要求抓好落实。", "(某区某局供稿)"),
    ("会议要求抓好落实。(区应急)", "会议要求抓好落实。(区应急)", ""),
    ("会议要求抓好落实。(上接第一版)", "会议要求抓好落实。(上接第一版)", ""),
    ("村民在晾晒柿饼。本报记者 甲乙 摄", "村民在晾晒柿饼。", "本报记者 甲乙 摄"),
])
def test_trailing_credits(para, body, credit):
    from bulletins.bylines import split_credit

    assert split_credit(para) == (body, credit)


@pytest.mark.parametrize("line,furniture", [
    ("您当前的位置:首页 > 政务动态 > 乡镇动态", True), ("发表于 2024-05-06 10:20", True),
    ("时间:2024-05-06 来源:某某网 作者:甲乙", True), ("发布日期 2024-05-06 字号:大 中 小", True),
    ("【打印本页】【关闭窗口】", True), ("上一篇:某某镇召开会议", True), ("下一篇:", True),
    ("首页 | 新闻 | 视频 | 专题", True), ("版权所有 某某网 ICP备00000号", True), ("01:20 / 03:45", True),
    ("播放 暂停 全屏", True), ("责任编辑:甲乙", True),
    ("区委常委会召开会议", False), ("会议要求,要加快项目建设进度。", False),
    ("学习《条例》和《决定》的体会", False), ("总投资12亿元的项目开工", False),
])
def test_furniture_lines(line, furniture):
    from bulletins.parsing import is_furniture

    assert is_furniture(h.normalize(line)) == furniture


def test_a_text_and_photos_credit_closes_its_item_without_taking_a_caption():
    text = ("县里举办油菜花节\n本报讯 3月8日,县里举办首届油菜花节,游客络绎不绝。\n活动期间还举办了农产品展销。\n"
            "晚报记者 柯明远 文/图\n")
    p = h.parse_text(text)
    assert len(p["articles"]) == 1
    a = p["articles"][0]
    assert (a["kind"], len(a["paragraphs"]), a["credit"]) == ("news", 2, "晚报记者 柯明远 文/图")
    assert h.byline_authors(a["credit"]) == [("柯明远", "记者")]


def test_a_subtitle_under_the_source_line_joins_the_headline_but_a_menu_does_not():
    page = ("政务公开\n工作动态\n当前位置:首页 > 工作动态\n桂溪区召开常委会会议\n研究部署冬季安全生产工作\n"
            "作者: 浏览次数: 放大 缩小 默认\n区委书记闵若川主持\n本报讯(记者 岑小禾)12月3日,区委常委会召开会议。\n")
    p = h.parse_text(page)
    assert [a["headline"] for a in p["articles"]] == ["桂溪区召开常委会会议 研究部署冬季安全生产工作 区委书记闵若川主持"]
    assert p["leftover"] == ["政务公开", "工作动态"]


def test_the_sample_pasted_inside_site_furniture_gives_the_sample_articles(sample_path):
    text = sample_path.read_text(encoding="utf-8")
    page = ("欢迎访问某某新闻网!\n首页 | 要闻 | 乡镇 | 视频\n当前位置:首页 > 要闻\n发布时间:2024-11-21 08:30 来源:某某日报 字号:大 中 小\n\n"
            + text + "\n分享到:\n上一篇:某某区召开会议\n下一篇:某某镇举办活动\n版权所有 某某新闻网 未经许可不得转载\n")
    plain, wrapped = h.parse_text(text, "a.txt"), h.parse_text(page, "b.txt")
    assert wrapped["articles"] == plain["articles"]
    assert len(wrapped["furniture"]) == 8 and wrapped["web_date"] == "2024-11-21"


def test_app_page_with_station_opener_banners_and_padded_credit_names():
    page = ("Hi~新朋友,记得点蓝字关注我们哟\n桂溪天气:今天多云,气温9~18℃\n"
            "云上桂溪报道:11月8日,县委书记闵若川到县融媒体中心调研,看望慰问新闻工作者。\n"
            "闵若川强调,要把镜头对准基层,讲好桂溪故事。\n记 者 | 柯明远 岑 禾\n视 觉 | 桑 溪\n请输入验证码\n")
    c = h.parse_text(page)
    assert c["furniture"] == ["Hi~新朋友,记得点蓝字关注我们哟", "桂溪天气:今天多云,气温9~18℃", "请输入验证码"]
    (a,) = c["articles"]
    assert (a["byline"], a["paragraphs"][0][:6], a["credit"]) == ("云上桂溪报道:", "11月8日,", "记 者 | 柯明远 岑 禾\n视 觉 | 桑 溪")
    assert [h.byline_authors(x) for x in a["credit"].split("\n")] == [[("柯明远", "记者"), ("岑禾", "记者")], [("桑溪", "摄影")]]


def test_share_menus_and_page_numbers_are_furniture_and_keep_two_items_apart():
    page = ("2月8日,松岭镇第五届人民代表大会第一次会议召开。区委常委蒲晓川到会并讲话。\n大会审议通过了镇政府工作报告。\n"
            "(甘露)\n扫一扫在手机打开当前页\n政务\n微信\n政务\n微博\n松岭镇召开党委政府工作会议\n"
            "时间: 2024/03/08 来源: 松岭镇 点击数:1066\n\n    3月8日,松岭镇召开党委政府工作会议,部署近期工作。\n\n1\n")
    p = h.parse_text(page)
    assert [(a["headline"], a["credit"], len(a["paragraphs"])) for a in p["articles"]] == [
        ("", "(甘露)", 2), ("松岭镇召开党委政府工作会议", "", 1)]
    assert p["furniture"][1:5] == ["政务", "微信", "政务", "微博"] and p["furniture"][-1] == "1"
    assert p["leftover"] == [] and p["web_date"] == "2024-03-08"


def test_the_sample_single_spaced_gives_the_same_articles(sample_path):
    text = sample_path.read_text(encoding="utf-8")
    single = "\n".join(ln for ln in text.splitlines() if ln.strip()) + "\n"
    assert h.parse_text(single)["articles"] == h.parse_text(text)["articles"]


def test_a_lead_line_stays_in_the_body_but_a_kicker_over_a_title_stays_a_headline():
    lead = h.parse_text("柳岸镇召开年度工作会议\n1月9日,柳岸镇召开年度工作会议。\n报告指出\n"
                        "过去一年,全镇各项工作稳步推进。")
    assert len(lead["articles"]) == 1 and lead["articles"][0]["headline"] == "柳岸镇召开年度工作会议"
    assert "报告指出" in "".join(lead["articles"][0]["paragraphs"])
    kicker = h.parse_text("宁知远调研时强调\n抓好春耕备耕工作\n2月3日,宁知远到青苇镇调研春耕备耕工作。")
    assert kicker["articles"][0]["headline"] == "宁知远调研时强调 抓好春耕备耕工作"
