"""Reading and parsing: format variations (synthetic fixtures), encodings, bad files, dates, cache."""
import shutil
import warnings

import pandas as pd
import pytest

import helpers as h
from conftest import FIXTURES, article


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_every_character_lands_in_one_field(path):
    text, _ = h.read_issue_text(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = h.parse_issue(path)
    missing, added = h.accounting(text, c)
    assert not missing and not added


def test_accounting_catches_a_dropped_character(sample, sample_path):
    text, _ = h.read_issue_text(sample_path)
    missing, _ = h.accounting(text + "漏", sample)
    assert missing == {"漏": 1}


def test_page_header_and_editor_go_to_header(fixture_corpus):
    iss = fixture_corpus.issues.set_index("issue_id").loc["synthetic_2024-11-27_header"]
    assert iss["header"].splitlines() == ["武进日报 2024年11月27日 星期三 第1版 要闻", "责任编辑:王某"]
    assert iss["leftover"] == ""


def test_bylines_in_both_orders(fixture_corpus):
    a = fixture_corpus.authors
    a = a[a.issue_id == "synthetic_2024-11-27_header"]
    assert a[a.article == 0][["name", "role"]].values.tolist() == [["张小明", "通讯员"], ["王大伟", "记者"]]
    assert a[a.article == 1][["name", "role"]].values.tolist() == [["李华", "记者"], ["赵强", "通讯员"]]
    assert article(fixture_corpus, "11-27", 1)["dateline"] == "昨天上午"


def test_reporter_line_and_two_line_headline(fixture_corpus):
    r = article(fixture_corpus, "11-28", 0)
    assert r["headline"] == "聚焦高质量发展 全区重点项目建设推进会召开"
    assert r["byline"] == "本报记者 孙丽"
    assert r["body"].startswith("昨天下午,")


def test_brief_without_byline_and_fullwidth_parentheses(fixture_corpus):
    brief = article(fixture_corpus, "11-28", 1)
    assert brief["kind"] == "brief" and brief["byline"] == ""
    assert brief["body"].endswith("（区应急）") and not brief["truncated"]
    news = article(fixture_corpus, "11-28", 2)
    assert news["byline"] == "本报讯（记者 王大伟）"


def test_breaks_inside_a_name_and_a_number_are_rejoined(fixture_corpus):
    body = article(fixture_corpus, "11-27", 0)["body"]
    assert "总投资12亿元" in body and "郑晓东参加调研" in body
    assert "蔡文斌出席会议" in article(fixture_corpus, "11-30", 1)["body"]


def test_commentary_kind(fixture_corpus):
    assert article(fixture_corpus, "11-29", 0)["kind"] == "commentary"


def test_truncated_line_is_not_a_headline():
    text = "区委召开会议\n\n本报讯(记者 甲乙) 昨天,区委召开会议。\n\n会议还研究了其他事\n\n区政府召开会议\n\n本报讯(记者 丙丁) 昨天,区政府召开会议。\n"
    p = h.parse_text(text)
    assert [a["headline"] for a in p["articles"]] == ["区委召开会议", "区政府召开会议"]
    assert p["articles"][0]["paragraphs"][-1] == "会议还研究了其他事"


def test_numbered_subheading_stays_in_body():
    text = "标题一则\n\n本报讯(记者 甲乙) 昨天,区里召开会议。\n\n一、加快发展\n\n会议要求加快发展。\n"
    p = h.parse_text(text)
    assert len(p["articles"]) == 1
    assert p["articles"][0]["paragraphs"][1] == "一、加快发展"


def test_text_before_any_headline_is_an_article_without_headline_and_a_warning():
    p = h.parse_text("转自第一版的半句话,没有标题。\n\n区委召开会议\n\n本报讯(记者 甲乙) 昨天,区委召开会议。\n", "x.txt")
    assert p["leftover"] == []
    assert [(a["headline"], a["paragraphs"][0]) for a in p["articles"]] == [
        ("", "转自第一版的半句话,没有标题。"), ("区委召开会议", "昨天,区委召开会议。")]
    assert any("without a headline" in w for w in p["warnings"])


@pytest.mark.parametrize("encoding,bom,newline", [("gb18030", b"", "\n"), ("utf-8", b"\xef\xbb\xbf", "\n"),
                                                  ("utf-8", b"", "\r\n")])
def test_encodings_and_line_ends(tmp_path, encoding, bom, newline):
    src = FIXTURES / "synthetic_2024-11-27_header.txt"
    text = src.read_text(encoding="utf-8")
    path = tmp_path / src.name
    path.write_bytes(bom + text.replace("\n", newline).encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = h.parse_issue(path)
        ref = h.parse_issue(src)
    assert c.issues["encoding"].iloc[0] == {"gb18030": "gb18030", "utf-8": "utf-8-sig" if bom else "utf-8"}[encoding]
    pd.testing.assert_frame_equal(c.articles, ref.articles)


def test_fullwidth_digits_are_read_by_extractors(fixture_corpus):
    f = fixture_corpus.figures
    r = f[f.raw == "２００余件"].iloc[0]
    assert r["value"] == 200 and r["approx"]


@pytest.mark.parametrize("content,problem", [(b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02binary", "binary"),
                                             (b"The quick brown fox jumps over the lazy dog.\n" * 3, "Chinese"),
                                             (b"\x80\x80\xfe" * 20, "UTF-8")])
def test_bad_files_get_a_clear_error(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(h.BulletinError, match=r"bad\.txt: .*" + problem):
        h.parse_issue(path)


def test_load_corpus_skips_bad_files_and_lists_them(tmp_path):
    shutil.copy(FIXTURES / "synthetic_2024-11-27_header.txt", tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    with pytest.warns(UserWarning) as caught:
        c = h.load_corpus(tmp_path, use_cache=False)
    said = [str(w.message) for w in caught]
    assert any(m.startswith("empty.txt: the file is empty") for m in said)
    assert any(m.startswith("blob.txt: binary file") for m in said)
    assert len(c.issues) == 1
    assert sorted(c.skipped["source_file"]) == ["blob.txt", "empty.txt"]
    assert all(c.skipped["reason"].str.len() > 10)


def test_dates_from_manifest_header_and_name(tmp_path):
    def text(n):   # different content in each file: the same content twice is counted once
        return (FIXTURES / f"synthetic_2024-11-{n}.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text("29_commentary"), encoding="utf-8")
    (tmp_path / "2024-12-03.txt").write_text(text("28_briefs"), encoding="utf-8")
    (tmp_path / "b.txt").write_text("武进日报 2024年12月05日 星期四 第1版 要闻\n\n" + text("29_commentary"), encoding="utf-8")
    (tmp_path / "c.txt").write_text(text("30_officials"), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,date,paper,page\na.txt,2024-12-01,武进日报,1\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="c.txt: no date"):
        c = h.load_corpus(tmp_path, use_cache=False)
    d = dict(zip(c.issues["source_file"], c.issues["date"]))
    assert d["a.txt"] == pd.Timestamp("2024-12-01")
    assert d["2024-12-03.txt"] == pd.Timestamp("2024-12-03")
    assert d["b.txt"] == pd.Timestamp("2024-12-05")
    assert pd.isna(d["c.txt"])


def test_cache_reuses_and_notices_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("BULLETIN_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "issues"
    folder.mkdir()
    shutil.copy(FIXTURES / "synthetic_2024-11-27_header.txt", folder)
    shutil.copy(FIXTURES / "synthetic_2024-11-28_briefs.txt", folder)
    first = h.load_corpus(folder)
    assert len(list((tmp_path / "cache" / "issues").rglob("*.pkl"))) == 2
    assert len(list((tmp_path / "cache" / "corpus").glob("*.pkl"))) == 1
    again = h.load_corpus(folder)
    pd.testing.assert_frame_equal(first.articles, again.articles)
    pd.testing.assert_frame_equal(first.appearances, again.appearances)
    (folder / "synthetic_2024-11-27_header.txt").write_text("区委召开会议\n\n本报讯(记者 甲乙) 昨天,区委召开会议。\n", encoding="utf-8")
    changed = h.load_corpus(folder)
    assert len(list((tmp_path / "cache" / "issues").rglob("*.pkl"))) == 3   # only the changed file was parsed again
    heads = changed.articles.groupby("issue_id")["headline"].first()
    assert heads["synthetic_2024-11-27_header"] == "区委召开会议"
    assert heads["synthetic_2024-11-28_briefs"] == first.articles.groupby("issue_id")["headline"].first()["synthetic_2024-11-28_briefs"]


def test_is_terminated():
    assert h.is_terminated("完成目标任务。")
    assert h.is_terminated("“金字招牌”。")
    assert h.is_terminated("他说:“要干。”")
    assert not h.is_terminated("会议还研究了其他事")
    assert not h.is_terminated("树立“崇尚实干”")


def test_byline_authors_variants():
    assert h.byline_authors("本报讯(通讯员 甲乙 记者 丙丁)") == [("甲乙", "通讯员"), ("丙丁", "记者")]
    assert h.byline_authors("本报讯 记者 丙丁 通讯员 甲乙") == [("丙丁", "记者"), ("甲乙", "通讯员")]
    assert h.byline_authors("本报记者 丙丁") == [("丙丁", "记者")]
    assert h.byline_authors("陆某 徐某某 摄") == [("陆某", "摄影"), ("徐某某", "摄影")]


def test_traditional_characters_parse_and_extract_like_simplified(tmp_path, sample, sample_path):
    """A mirror site's conversion: the sample turned into traditional characters (OpenCC s2t)."""
    from opencc import OpenCC

    trad = OpenCC("s2t").convert(sample_path.read_text(encoding="utf-8"))
    assert h.is_traditional(trad)
    path = tmp_path / sample_path.name
    path.write_text(trad, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = h.parse_issue(path, extract=True)
    text, _ = h.read_issue_text(path)
    missing, added = h.accounting(text, t)
    assert not missing and not added
    assert t.articles["body"].iloc[1].startswith("昨天晚上,區委常委會")   # kept as printed
    for col in ["kind", "n_paragraphs", "truncated"]:
        assert t.articles[col].tolist() == sample.articles[col].tolist(), col
    assert t.authors[["name", "role"]].values.tolist() == sample.authors[["name", "role"]].values.tolist()
    assert sorted(zip(t.appearances.article, t.appearances.name)) == sorted(zip(sample.appearances.article, sample.appearances.name))
    assert t.figures["value"].tolist() == sample.figures["value"].tolist()
    assert len(t.relays) == len(sample.relays)


@pytest.mark.parametrize("text", [
    "武进日报 2024年11月27日 星期三 第1版 要闻\n\n责任编辑:王某\n",          # header only
    "全区上下要坚持问题导向。这是一段没有标题的正文。\n\n第二段正文。\n",      # body only
    "区委召开会议\n\n本报讯(记者 甲乙) 昨天,区委召开会议。\n\n结尾的标题行\n",  # a headline at the end
    "陆某 徐某 摄\n\n区委召开会议\n\n本报讯(记者 甲乙) 昨天,区委召开会议。\n",  # a credit with no caption
    "\u3000\u3000区委召开会议\n\n\u3000\u3000本报讯（记者 甲乙）\u3000昨天，区委召开会议。\n\n（下转第2版）\n",
    "区委召开会议",
    "当前位置:首页 > 要闻\n\n发布时间:2024-05-06\n\n分享到:\n",                      # furniture only
    "(柯明远 桑若溪)\n\n融媒体记者:缪清音\n\n本报讯(记者 甲乙)\n",                   # credits and a byline only
    "◆\n\n又讯\n\n本报讯\n\n—分享— 本报讯 昨天,区委召开会议,部署有关工作,会议要求抓好落实。(甲乙 摄) 来源:某网\n",
], ids=["header-only", "body-only", "headline-at-end", "credit-first", "indented", "one-line", "furniture-only",
        "credits-only", "fragments"])
def test_odd_pages_lose_no_character(tmp_path, text):
    """Synthetic odd pages: whatever the parser makes of them, no character is dropped or added."""
    path = tmp_path / "odd.txt"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = h.parse_issue(path)
    missing, added = h.accounting(text, c)
    assert not missing and not added


@pytest.mark.parametrize("seed", range(60))
def test_shuffled_and_cut_lines_lose_no_character(seed, sample_path):
    """Lines of the sample and the fixtures in a seeded random order, some cut in two, with single or
    double line ends: whatever the parser makes of them, no character is dropped or added."""
    import random
    from collections import Counter

    rng = random.Random(seed)
    pages = sorted((FIXTURES.parent / "pages").glob("*.txt"))   # web furniture, credits, bullets, 又讯, app pages
    lines = [ln for p in [sample_path, *sorted(FIXTURES.glob("*.txt")), *pages]
             for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rng.shuffle(lines)
    out = []
    for ln in lines[: rng.randint(1, len(lines))]:
        if len(ln) > 10 and rng.random() < 0.2:
            k = rng.randint(1, len(ln) - 1)
            out += [ln[:k], ln[k:]]
        else:
            out.append(ln)
    text = ("\n\n" if rng.random() < 0.7 else "\n").join(out) + "\n"
    p = h.parse_text(text, "shuffled.txt")
    got = "".join(p["header"]) + "".join(p["furniture"]) + "".join(p["leftover"]) + "".join(
        a["headline"] + a["byline"] + "".join(a["paragraphs"]) + a["credit"] for a in p["articles"])
    assert Counter(c for c in got if not c.isspace()) == Counter(c for c in text if not c.isspace())


def test_empty_missing_folder_and_bad_manifest(tmp_path):
    c = h.load_corpus(tmp_path, use_cache=False)
    assert len(c.issues) == 0 and tuple(c.appearances.columns) == h.table("appearances").columns
    with pytest.raises(h.BulletinError, match="nope: no such folder"):
        h.load_corpus(tmp_path / "nope")
    (tmp_path / "manifest.csv").write_text("name,day\nx.txt,2024-01-01\n", encoding="utf-8")
    with pytest.raises(h.BulletinError, match="manifest.csv: needs the columns file and date"):
        h.load_corpus(tmp_path)


def test_manifest_naming_a_missing_file_warns(tmp_path):
    shutil.copy(FIXTURES / "synthetic_2024-11-27_header.txt", tmp_path)
    (tmp_path / "manifest.csv").write_text("file,date\ngone.txt,2024-01-01\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="manifest.csv names gone.txt"):
        h.load_corpus(tmp_path, use_cache=False)
