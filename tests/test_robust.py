"""Bad inputs and faults (issue 17): nothing garbled, nothing aborts the corpus, nothing injected.
One test per case; every input is synthetic and made here."""
import os
import pathlib
import pickle
import signal
import subprocess
import sys
import textwrap
import time
import warnings

import pandas as pd
import pytest

import helpers as h
from bulletins.pipeline import cache, corpus as corpus_mod, workers
from bulletins.text import strip_invisible
from conftest import FIXTURES, ROOT


def issue(i: int, trad: bool = False) -> str:
    """A small synthetic issue, different for each i: two articles, one a meeting."""
    text = (f"区委召开第{i}次常委会议\n\n本报讯(记者 甲乙) 昨天,区委书记丙丁主持召开区委常委会议,研究部署第{i}项工作。\n\n"
            f"会议强调,要抓好各项工作落实。\n\n乡村道路完成改造\n\n本报讯(通讯员 戊己) 近日,全区第{i}批乡村道路改造工程完工。\n")
    if trad:
        import opencc
        text = opencc.OpenCC("s2t").convert(text)
    return text


def quietly(f, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return f(*args, **kw)


def load(folder, **kw):
    """load_corpus -> (corpus, the warnings it gave)."""
    kw.setdefault("use_cache", False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c = h.load_corpus(folder, **kw)
    return c, [str(w.message) for w in caught]


def parsed(path, **kw):
    """parse_issue -> (corpus, warnings)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c = h.parse_issue(path, **kw)
    return c, [str(w.message) for w in caught]


def assert_accounted(raw_text: str, c) -> None:
    missing, added = h.accounting(raw_text, c)
    assert not missing and not added, (missing, added)


# 1. Silent garbage: every decoding proves itself

def test_big5_issue_is_read_as_big5(tmp_path):
    text = issue(1, trad=True)
    (tmp_path / "b5.txt").write_bytes(text.encode("big5"))
    c, said = parsed(tmp_path / "b5.txt")
    assert c.issues["encoding"].iloc[0] == "big5"
    assert c.articles["headline"].iloc[0] == "區委召開第1次常委會議"
    assert not any("plausibility" in w for w in said)
    assert_accounted(text, c)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text_not_binary(tmp_path, codec):
    text = issue(2)
    (tmp_path / "u16.txt").write_bytes(text.encode(codec))
    c, _ = parsed(tmp_path / "u16.txt")
    assert c.issues["encoding"].iloc[0] == codec
    assert c.articles["headline"].tolist() == ["区委召开第2次常委会议", "乡村道路完成改造"]
    assert_accounted(text, c)


def test_utf8_cut_in_a_character_is_utf8_with_a_warning(tmp_path):
    data = issue(3).encode("utf-8")
    data = data[:data.index("改造工程".encode()) + 4]   # cut after the first byte of 造
    (tmp_path / "cut.txt").write_bytes(data)
    c, said = parsed(tmp_path / "cut.txt")
    assert c.issues["encoding"].iloc[0] == "utf-8"
    assert c.articles["headline"].iloc[0] == "区委召开第3次常委会议"
    assert c.articles["body"].iloc[-1].endswith("改\ufffd")
    assert any(f"at byte {len(data) - 1}" in w and "middle of a character" in w for w in said)


def test_one_bad_byte_in_utf8_is_marked_at_its_offset(tmp_path):
    data = issue(4).encode("utf-8")
    at = data.index("研究".encode())
    data = data[:at] + b"\xff" + data[at:]
    (tmp_path / "bad.txt").write_bytes(data)
    c, said = parsed(tmp_path / "bad.txt")
    assert c.issues["encoding"].iloc[0] == "utf-8" and len(c.articles) == 2
    assert "\ufffd研究部署第4项工作" in c.articles["body"].iloc[0]
    assert any(f"bad.txt: 1 undecodable byte sequence(s) in utf-8, marked U+FFFD: at byte {at} (0xff)" in w for w in said)
    assert_accounted(data.decode("utf-8", "replace"), c)


def test_bytes_no_candidate_reads_are_an_error_not_garbage(tmp_path):
    (tmp_path / "noise.txt").write_bytes(bytes(range(128, 256)) * 8)
    with pytest.raises(h.BulletinError, match=r"noise\.txt: (not text|binary|.*control)"):
        h.parse_issue(tmp_path / "noise.txt")


# 2. Invisible characters are removed before parsing and counted

def test_invisible_characters_change_nothing_and_are_counted(tmp_path, sample_path, sample):
    text = h.read_issue_text(sample_path)[0]
    dirty = (text.replace("本报讯", "\u200b本报讯", 2).replace("本报讯", "\x1b[1m本报讯", 1)
             .replace("。", "。\u202e", 1).replace("。\n", "。\ufeff\n", 1))
    added = len(dirty) - len(text)
    (tmp_path / "dirty.txt").write_text(dirty, encoding="utf-8")
    c, said = parsed(tmp_path / "dirty.txt", extract=True)
    pd.testing.assert_frame_equal(c.articles.drop(columns="issue_id"), sample.articles.drop(columns="issue_id"))
    assert len(c.meetings) == len(sample.meetings) > 0
    assert any(f"removed {added} invisible or control characters" in w and "ANSI escape" in w for w in said)
    assert_accounted(dirty, c)


def test_strip_invisible_counts_by_kind():
    cleaned, removed = strip_invisible("甲\u200b乙\x1b[0;31m丙\u200f丁\x07戊\u00ad")
    assert cleaned == "甲乙丙丁戊"
    assert dict(removed) == {"zero-width": 1, "ANSI escape": 7, "bidi mark": 1, "control": 1, "soft hyphen": 1}


# 3. One bad file or folder stops nothing

def test_unreadable_issue_is_a_skipped_row(tmp_path, monkeypatch):
    for i in range(3):
        (tmp_path / f"i{i}.txt").write_text(issue(i), encoding="utf-8")
    real = pathlib.Path.read_bytes

    def denied(self):
        if self.name == "i1.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", denied)
    c, said = load(tmp_path)
    assert sorted(c.issues["source_file"]) == ["i0.txt", "i2.txt"]
    assert c.skipped.to_dict("records") == [{"source_file": "i1.txt", "reason": "i1.txt: cannot read (Permission denied)"}]
    assert "i1.txt: cannot read (Permission denied)" in said
    rows = h.process_file(tmp_path / "i1.txt", use_cache=False)   # a file that fails later, in a worker
    assert rows["skipped"]["reason"] == ["i1.txt: cannot read (Permission denied)"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_issue_by_its_mode(tmp_path):
    (tmp_path / "a.txt").write_text(issue(1), encoding="utf-8")
    (tmp_path / "b.txt").write_text(issue(2), encoding="utf-8")
    (tmp_path / "b.txt").chmod(0)
    c, _ = load(tmp_path)
    assert c.skipped["source_file"].tolist() == ["b.txt"] and len(c.issues) == 1


def test_a_parse_error_is_a_skipped_row(tmp_path, monkeypatch):
    for i in range(2):
        (tmp_path / f"i{i}.txt").write_text(issue(i), encoding="utf-8")
    real = cache.process_text

    def broken(text, enc, name, *a):
        if name == "i0.txt":
            raise RuntimeError("unexpected layout")
        return real(text, enc, name, *a)

    monkeypatch.setattr(cache, "process_text", broken)
    c, said = load(tmp_path)
    assert c.issues["source_file"].tolist() == ["i1.txt"]
    assert c.skipped["reason"].tolist() == ["i0.txt: could not be parsed (RuntimeError: unexpected layout)"]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n"])
def test_empty_manifest_is_a_warning(tmp_path, content):
    (tmp_path / "a.txt").write_text(issue(1), encoding="utf-8")
    (tmp_path / "manifest.csv").write_bytes(content)
    c, said = load(tmp_path)
    assert len(c.issues) == 1
    assert any(w.startswith("manifest.csv: the file is empty") for w in said)


@pytest.mark.parametrize("codec", ["gbk", "utf-16", "utf-16-le", "utf-8-sig"])
def test_manifest_in_other_encodings(tmp_path, codec):
    (tmp_path / "a.txt").write_text(issue(1), encoding="utf-8")
    (tmp_path / "manifest.csv").write_bytes("file,date,paper\na.txt,2024-12-01,武进日报\n".encode(codec))
    c, said = load(tmp_path)
    assert c.issues["date"].iloc[0] == pd.Timestamp("2024-12-01")
    assert not any("manifest" in w for w in said)


def test_undecodable_manifest_names_file_and_line(tmp_path):
    (tmp_path / "manifest.csv").write_bytes(b"file,date\na.txt,2024-12-01\n\x81\xff\xfe,2024\n")
    with pytest.raises(h.BulletinError, match=r"manifest\.csv line 3: undecodable bytes at byte 27"):
        h.load_corpus(tmp_path, use_cache=False)


@pytest.mark.parametrize("where", ["file", "unwritable"])
def test_a_cache_that_cannot_be_used_warns_once(tmp_path, monkeypatch, where):
    folder = tmp_path / "issues"
    folder.mkdir()
    for i in range(2):
        (folder / f"i{i}.txt").write_text(issue(i), encoding="utf-8")
    if where == "file":
        (tmp_path / "cachefile").write_text("x")
        monkeypatch.setenv("BULLETIN_CACHE", str(tmp_path / "cachefile"))
    else:
        monkeypatch.setenv("BULLETIN_CACHE", str(tmp_path / "cache"))
        monkeypatch.setattr(pathlib.Path, "write_bytes", lambda self, d: (_ for _ in ()).throw(OSError(30, "Read-only file system")))
    c, said = load(folder, use_cache=True)
    assert len(c.issues) == 2
    assert sum("cache turned off for this run" in w for w in said) == 1
    pd.testing.assert_frame_equal(c.articles, load(folder)[0].articles)


# 4. Dates only from explicit YYYY-MM-DD (and the page header and file name)

def test_manifest_dates_are_never_guessed(tmp_path):
    values = {"a.txt": "today", "b.txt": "now", "c.txt": "2024", "d.txt": "03/04/2024", "e.txt": "NaT",
              "f.txt": "2024-02-30", "g.txt": " 2024-12-01 "}
    for i, f in enumerate(values):
        (tmp_path / f).write_text(issue(i), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,date\n" + "".join(f"{f},{d}\n" for f, d in values.items()), encoding="utf-8")
    c, said = load(tmp_path)
    dates = dict(zip(c.issues["source_file"], c.issues["date"]))
    assert dates.pop("g.txt") == pd.Timestamp("2024-12-01")
    assert all(pd.isna(d) for d in dates.values())
    for f, d in values.items():
        if f != "g.txt":
            assert f"{f}: manifest.csv date {d!r} is not a date in the form YYYY-MM-DD; ignored" in said


def test_manifest_ragged_and_duplicate_rows_are_reported(tmp_path):
    for i, f in enumerate(["a.txt", "b.txt", "c.txt"]):
        (tmp_path / f).write_text(issue(i), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,date,paper\na.txt,2024-12-01,武进日报\na.txt,2024-12-01,武进日报\nb.txt,2024-12-02\n"
        "c.txt,2024-12-03,武进日报,1,x\nc.txt,2024-12-04,武进日报\n,2024-12-05,x\n", encoding="utf-8")
    c, said = load(tmp_path)
    dates = dict(zip(c.issues["source_file"], c.issues["date"]))
    assert dates["a.txt"] == pd.Timestamp("2024-12-01") and dates["b.txt"] == pd.Timestamp("2024-12-02")
    assert pd.isna(dates["c.txt"])   # two dates for one file: neither is used
    assert "manifest.csv line 3: a.txt again (first on line 2); repeated row ignored" in said
    assert "manifest.csv line 4: 2 fields, the header has 3; missing fields left empty" in said
    assert "manifest.csv line 5: 5 fields, the header has 3; extra fields ignored" in said
    assert any(w.startswith("manifest.csv line 6: c.txt again (first on line 5) with another date") for w in said)
    assert "manifest.csv line 7: no file name; row ignored" in said


# 5. Every entry of the folder is read or listed as skipped; the same content counts once

def test_every_folder_entry_is_read_or_skipped_with_a_reason(tmp_path):
    (tmp_path / "upper.TXT").write_text(issue(1), encoding="utf-8")
    (tmp_path / "noext").write_text(issue(2), encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text(issue(3), encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "page.html").write_text(f"<html><body><p>{issue(4)}</p></body></html>", encoding="utf-8")
    (tmp_path / "zsame.txt").write_text(issue(1), encoding="utf-8")
    c, said = load(tmp_path)
    read = set(c.issues["source_file"])
    skipped = dict(zip(c.skipped["source_file"], c.skipped["reason"]))
    assert "upper.TXT" in read
    assert set(os.listdir(tmp_path)) == read | set(skipped)
    assert "broken link" in skipped["gone.txt"] and "folder" in skipped["sub"] and "extension" in skipped["noext"]
    assert "not an issue file (.md)" in skipped["notes.md"]
    assert "page.html" in read or "HTML" in skipped["page.html"]
    assert skipped["zsame.txt"] == "zsame.txt: same content as upper.TXT; counted once"
    assert all(r in said for r in skipped.values())


# 6. CSV cells a spreadsheet would run are neutralised on write

def test_csv_formula_cells_are_neutralised(tmp_path, monkeypatch):
    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path))
    heads = ['=HYPERLINK("http://example.invalid","点击")', "+区委会议", "-大会召开", "@SUM(A1)", "\t=1+1", "区委会议", "-3.5", "+12%"]
    df = pd.DataFrame({"headline": heads, "n": range(len(heads))})
    before = df.copy()
    h.save_table(df, "inj")
    back = pd.read_csv(tmp_path / "data" / "processed" / "inj.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert back["headline"].tolist()[:5] == ["'" + x for x in heads[:5]]
    assert back["headline"].tolist()[5:] == ["区委会议", "-3.5", "+12%"]
    pd.testing.assert_frame_equal(df, before)


# 7. Text in charts is never mathtext

def test_dollar_signs_in_chart_text(tmp_path, monkeypatch):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path))
    s = pd.Series([3, 2, 1], index=["$\\frac{1", "收入$5$亿元", "a$b"])
    ax = h.bar_chart(s, title="$\\unbalanced{ 标题")
    h.save_figure(ax, "dollars")
    assert (tmp_path / "figures" / "dollars.png").stat().st_size > 0
    assert "$\\frac{1" in [t.get_text() for t in ax.get_yticklabels()]
    plt.close("all")


# 8. The cache: signed, checked, keyed by the worker's lexicons, cleaned, and workers end with their parent

@pytest.fixture
def cached_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("BULLETIN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("BULLETIN_CACHE_KEY", str(tmp_path / "key" / "cache.key"))
    folder = tmp_path / "issues"
    folder.mkdir()
    for i in range(2):
        (folder / f"i{i}.txt").write_text(issue(i), encoding="utf-8")
    return folder


def entries(root, kind="issues"):
    return sorted((root / kind).rglob("*.pkl"))


def test_wrong_shape_and_broken_entries_are_recomputed(cached_folder, tmp_path):
    ref = quietly(h.load_corpus, cached_folder)
    root = tmp_path / "cache"
    for p in entries(root, "corpus"):
        p.unlink()
    first, second = entries(root)
    cache.write_signed(first, [{"issues": [1, 2, 3]}])   # validly signed, wrong shape
    second.write_bytes(second.read_bytes()[:40])           # cut short
    again = quietly(h.load_corpus, cached_folder)
    pd.testing.assert_frame_equal(again.articles, ref.articles)
    corrupt = entries(root, "corpus")[0]
    cache.write_signed(corrupt, [pd.DataFrame({"x": [1]})] * len(corpus_mod._FIELDS))
    pd.testing.assert_frame_equal(quietly(h.load_corpus, cached_folder).meetings, ref.meetings)


class _Boom:
    def __reduce__(self):
        return (pathlib.Path.touch, (pathlib.Path(os.environ["BOOM"]),))


def test_unsigned_pickles_in_the_cache_never_run(cached_folder, tmp_path, monkeypatch):
    ref = quietly(h.load_corpus, cached_folder)
    monkeypatch.setenv("BOOM", str(tmp_path / "ran"))
    for i, p in enumerate(entries(tmp_path / "cache") + entries(tmp_path / "cache", "corpus")):
        p.write_bytes(pickle.dumps(_Boom()) if i % 2 else cache._MAGIC + pickle.dumps(_Boom()) + b"\0" * 32)
    again = quietly(h.load_corpus, cached_folder)
    assert not (tmp_path / "ran").exists()
    pd.testing.assert_frame_equal(again.articles, ref.articles)
    assert not cache.key_file().resolve().is_relative_to((tmp_path / "cache").resolve())


def test_entries_keyed_by_the_workers_lexicon_version(cached_folder, tmp_path, monkeypatch):
    assert cache.cache_key(b"x", "a.txt", "", True, "v1") != cache.cache_key(b"x", "a.txt", "", True, "v2")
    monkeypatch.setattr(corpus_mod, "worker_versions", lambda parts: {"an-older-version"})
    c, said = load(cached_folder, use_cache=True)
    assert any("worker processes read lexicon version an-older-version" in w for w in said)
    assert entries(tmp_path / "cache", "corpus") == []   # nothing stored under this process's key
    part = workers.process_batch([(cached_folder / "i0.txt", "", True, False)])
    assert workers.worker_versions([part]) == {h.lexicon_version()}


def test_orphan_temporary_files_are_removed(cached_folder, tmp_path):
    quietly(h.load_corpus, cached_folder)
    sub = entries(tmp_path / "cache")[0].parent
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    orphan = sub / f"{'0' * 40}.pkl.{int(dead.stdout)}.tmp"
    old = sub / f"{'1' * 40}.pkl.{os.getpid()}.tmp"
    live = sub / f"{'2' * 40}.pkl.{os.getpid()}.tmp"
    for p in (orphan, old, live):
        p.write_bytes(b"half")
    os.utime(old, (time.time() - 2 * 86400,) * 2)
    quietly(h.load_corpus, cached_folder)
    assert not orphan.exists() and not old.exists() and live.exists()


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in "ZX"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_with_their_parent(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent(f"""
        import os, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from bulletins.pipeline.workers import make_pool

        def pid(_):
            time.sleep(0.3)
            return os.getpid()

        if __name__ == "__main__":
            pool = make_pool(2)
            print(*set(pool.map(pid, range(8))), flush=True)
            time.sleep(120)
    """))
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        kids = [int(x) for x in parent.stdout.readline().split()]
        assert kids and all(_running(k) for k in kids)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.time() + 10
        while any(_running(k) for k in kids) and time.time() < deadline:
            time.sleep(0.1)
        assert not any(_running(k) for k in kids)
    finally:
        parent.kill()


# 9. The accounting test over every readable bad input

def test_accounting_over_every_bad_input(tmp_path):
    text = issue(9)
    cases = {"big5": issue(9, trad=True).encode("big5"), "u16le": text.encode("utf-16-le"),
             "u16be": text.encode("utf-16-be"), "u16bom": text.encode("utf-16"), "bom": text.encode("utf-8-sig"),
             "gb": text.encode("gb18030"), "cut": text.encode()[:-5], "badbyte": text.encode()[:30] + b"\xfe" + text.encode()[30:],
             "zw": text.replace("本报讯", "\u200b\u2060本报讯").encode(), "ansi": text.replace("本报讯", "\x1b[31m本报讯\x1b[0m").encode(),
             "bidi": text.replace("区委", "\u202b区委\u202c").encode(), "cr": text.replace("\n", "\r\n").encode(),
             "controls": text.replace("。", "。\x07\x0c").encode()}
    for name, data in cases.items():
        (tmp_path / f"{name}.txt").write_bytes(data)
        c, _ = parsed(tmp_path / f"{name}.txt")
        raw = quietly(h.decode_bytes, data)[0]
        assert len(c.articles) == 2, name
        assert_accounted(raw.replace("\r", ""), c)
