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


def test_parallel_decisions_table_is_the_functions(sample, fixture_corpus):
    """The registry's parallel_decisions (made from the slogans step's work) holds what
    parallel_decisions(articles) recomputes, row for row."""
    for corpus in (sample, fixture_corpus):
        want = h.parallel_decisions(corpus.articles)
        got = corpus.parallel_decisions
        assert len(got) == len(want) > 0
        pd.testing.assert_frame_equal(got.astype(object), want.astype(object), check_dtype=False)
    from bulletins.extract.slogans import parallel_decision_rows
    recs = h.records(sample.articles)
    assert parallel_decision_rows(recs, {}) == parallel_decision_rows(recs, {"_parallel_clauses": {}})


# --- reports: a synthetic year, duplicates, undated issues, human values, computed findings -------------

import importlib.util  # noqa: E402
import re  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

YEAR_SCRIPT = Path(__file__).resolve().parent / "fixtures" / "year" / "make_year.py"


def _make_year():
    spec = importlib.util.spec_from_file_location("make_year", YEAR_SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def year_dir(tmp_path_factory):
    """A synthetic year (40 weekly issues, one undated, one duplicate), written at test time."""
    out = tmp_path_factory.mktemp("year")
    _make_year().write_year(out, 40)
    return out


@pytest.fixture(scope="session")
def year(year_dir):
    return h.open_corpus(year_dir, use_cache=False)


def test_year_generator_is_synthetic_and_stable(year_dir, tmp_path):
    again = _make_year().write_year(tmp_path, 40)
    assert sorted(p.name for p in again) == sorted(p.name for p in year_dir.glob("*.txt"))
    assert all((year_dir / p.name).read_bytes() == p.read_bytes() for p in again)
    assert all("合成" in p.read_text(encoding="utf-8").splitlines()[0] for p in again)


def test_duplicate_issue_counted_once_and_listed(year):
    assert year.duplicates.values.tolist() == [["zzz_synthetic_copy", "2024-11-06"]]
    assert "zzz_synthetic_copy" not in set(year.articles["issue_id"])
    w = h.warnings_readable(year)
    assert (w["warning"] == "same text as 2024-11-06: counted once").sum() == 1
    assert h.corpus_numbers(year)["duplicates"] == 1 and h.corpus_numbers(year)["issues"] == 41


def test_no_warning_escapes_open_corpus(year_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = h.open_corpus(year_dir, use_cache=False)
    assert any("000_synthetic_undated" in w for w in c.load_warnings)


def test_time_axes_put_undated_issues_last(year):
    over = h.appearances_over_time(year.appearances)
    cols = list(over.columns)
    assert cols[-1] == "日期不详" and cols[:-1] == sorted(cols[:-1]) and all(re.fullmatch(r"\d{4}-\d\d", c) for c in cols[:-1])
    assert over.columns.name == "月"
    assert over.values.sum() == len(year.appearances[year.appearances["name"].isin(over.index)])
    shares = h.topic_shares(h.topics(year.articles), year.articles)
    assert list(shares.index)[-1] == "日期不详" and not any(i.startswith("000_") for i in shares.index)


def test_timeline_uses_dated_relays_when_an_undated_issue_relays_first(year):
    import matplotlib
    matplotlib.use("Agg")
    r = year.relays
    occ = r[r["issue_id"] == "000_synthetic_undated"]["occasion"].iloc[0]
    assert r[(r["occasion"] == occ)].iloc[0]["issue_id"] == "000_synthetic_undated"   # the undated row comes first
    first = h.first_relays(r).set_index("occasion")
    dated = r[(r["occasion"] == occ) & r["delay_days"].notna()]
    assert first.loc[occ, "delay_days"] == dated["delay_days"].min() and first["delay_days"].notna().all()
    ax = h.timeline(r)
    assert "未知" not in ax.get_title()
    assert sorted(t.get_text() for t in ax.texts) == sorted(f"{int(d)}天" for d in first["delay_days"])


def test_timeline_title_says_unknown_only_when_no_delay(sample):
    import matplotlib
    matplotlib.use("Agg")
    assert "本地会议日期未知" in h.timeline(sample.relays).get_title()


def test_findings_are_computed_from_the_tables(year, sample):
    for corpus in (year, sample):
        app = corpus.appearances
        ppl = h.people(app)
        text = h.official_findings(app, corpus.mentions, ppl).data
        assert f"{len(app):,} appearances of {app['name'].nunique():,} officials" in text
        top = ppl.iloc[0]
        assert f"{top['name']} ({top['n_articles']})" in text
        n = h.corpus_numbers(corpus)
        assert f"{n['articles']:,} articles" in h.overview_findings(corpus).data
    last = year.appearances["date"].max().strftime("%Y-%m-%d")
    assert f"The latest issue ({last})" in h.official_findings(year.appearances, year.mentions, h.people(year.appearances)).data
    text = h.meeting_findings(year.meetings, year.relays).data
    assert f"{len(year.meetings):,} meetings" in text and "median" in text
    assert "no delay can be computed" in h.meeting_findings(sample.meetings, sample.relays).data


def test_tables_show_issue_and_headline_and_human_values(year, tmp_path, monkeypatch):
    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path))
    t = h.show(year.relays, "relays", year.articles, columns=["occasion", "central_date", "delay_days"])
    page = t._repr_html_()
    assert list(t.df.columns[:3]) == ["issue", "article", "headline"]
    assert "2024-11-06" in page and "000_synthetic_undated" in page and "区委常委会召开会议" in page
    for bad in ("NaT", "&lt;NA&gt;", "<NA>", ">True<", ">False<", "nan"):
        assert bad not in page
    assert 'id="table-relays"' in page and not re.search(r"(src=|from\s+|url\()['\"]?https?://", page)   # offline
    assert '<a href="../data/processed/relays.csv" download>' in page
    csv = (tmp_path / "data" / "processed" / "relays.csv").read_text(encoding="utf-8-sig")
    assert csv.splitlines()[0].startswith("issue,article,headline") and len(csv.splitlines()) == len(year.relays) + 1
    short = h.show(year.meetings.head(3), "m3", year.articles)._repr_html_()
    assert "report-table" in short and "table-m3" not in short


def test_readable_booleans_missing_and_numbers():
    df = pd.DataFrame({"truncated": [True, False], "date": pd.to_datetime(["2024-01-02", None]),
                       "delay_days": pd.array([3, pd.NA], "Int64"), "value": [8.1e5, 0.25], "headline": ["", "甲"]})
    r = h.readable(df)
    assert r.iloc[:, 0].tolist() == ["是", "否"] and r.iloc[:, 1].tolist() == ["2024-01-02", "—"]
    assert [str(v) for v in r.iloc[:, 2]] == ["3", "—"] and list(r.iloc[:, 3]) == [810000, 0.25]
    assert r.iloc[:, 4].tolist() == ["—", "甲"] and "issue date" in r.columns


def test_lexicon_candidates_copy_with_real_tabs(sample, tmp_path, monkeypatch):
    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path))
    cands = h.slogan_candidates(sample.slogans)
    block = h.lexicon_block(cands["lexicon_line"], "cand").data
    assert "\t地方口号" in block and "\\t" not in block
    lines = (tmp_path / "data" / "processed" / "cand.txt").read_text(encoding="utf-8").splitlines()
    assert lines == list(cands["lexicon_line"]) and all(len(x.split("\t")) == 2 for x in lines)


def test_issues_folder_prefers_the_analysts_issues(monkeypatch, tmp_path):
    monkeypatch.delenv("BULLETINS", raising=False)
    assert Path(h.issues_folder()).name in ("bulletins", "sample")
    if not any((h.ROOT / "data" / "bulletins").glob("*.txt")):
        assert Path(h.issues_folder()) == h.ROOT / "data" / "sample"
    monkeypatch.setenv("BULLETINS", str(tmp_path))
    assert h.issues_folder() == str(tmp_path)


NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_notebook_runs_on_a_synthetic_year(nb_path, year_dir, tmp_path, monkeypatch):
    """Each notebook, restarted and run on the generated year: no error, no stderr, no Python values."""
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("BULLETINS", str(year_dir))
    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path))
    monkeypatch.setenv("BULLETIN_CACHE", str(tmp_path / "cache"))
    nb = nbformat.read(nb_path, as_version=4)
    NotebookClient(nb, timeout=600, resources={"metadata": {"path": str(nb_path.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    assert not [o for o in outputs if "image/png" in o.get("data", {})]   # charts come as <img alt=...>
    everything = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    html_out = re.sub(r"<script.*?</script>", "", everything, flags=re.S)
    for bad in (">NaT<", "&lt;NA&gt;", ">True<", ">False<", "Corpus("):
        assert bad not in html_out
    assert "alt=" in html_out and "2025-" in everything


def test_readme_library_example_runs(monkeypatch, tmp_path):
    """The README's first Python example, run as written from the project root."""
    import os

    root = Path(__file__).resolve().parent.parent
    text = (root / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## The library\s+```python\n(.*?)```", text, flags=re.S).group(1)
    monkeypatch.setenv("BULLETIN_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(root)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        env = {}
        exec(compile(block, "README.md", "exec"), env)
    assert len(env["corpus"].articles) == len(env["one"].articles) == 5
    assert os.path.exists(root / "data" / "sample" / "000_1144f10260e1dc7b.txt")


def test_dashboard_has_numbers_questions_thumbnails_and_date(tmp_path, monkeypatch):
    import sys

    import matplotlib
    matplotlib.use("Agg")
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "scripts"))
    import report_index

    monkeypatch.setenv("BULLETINS", str(root / "tests" / "pinned"))
    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path))
    monkeypatch.setenv("BULLETIN_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "reports"
    out.mkdir()
    for nb in sorted((root / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        (out / f"{nb.stem}.html").write_text("<html></html>", encoding="utf-8")
    h.setup()
    h.show_figure(h.bar_chart(pd.Series({"news": 4, "photo": 1})), "01-overview-kinds")
    report_index.main(out)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<b>1</b><span>issues</span>", page) and re.search(r"<b>5</b><span>articles</span>", page)
    assert "Which issues, articles and authors did the parser find" in page
    assert page.count('<div class="card">') == 6 and page.count("data:image/png;base64,") == 1
    assert re.search(r"Run on \d{4}-\d\d-\d\d \d\d:\d\d UTC", page)


def test_make_help_lab_as_root_and_bench_help():
    import shutil
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    assert "--allow-root" in makefile and "benchmarks/bench.py $(N)" in makefile and "xargs -P $(JOBS)" in makefile
    if shutil.which("make"):
        out = subprocess.run(["make", "-s", "help"], cwd=root, capture_output=True, text=True, check=True).stdout
        for target in ("report", "test", "notebooks", "lab", "bench", "year", "check-reports"):
            assert re.search(rf"^  {target}\s+\S", out, flags=re.M), target
    r = subprocess.run([sys.executable, "benchmarks/bench.py", "--help"], cwd=root, capture_output=True, text=True,
                       env={**__import__("os").environ, "PYTHONPATH": str(root)})
    assert r.returncode == 0 and "python benchmarks/bench.py" in r.stdout
