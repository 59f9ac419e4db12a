"""Per-issue work: the same tables serially, in worker processes and under a local Dask scheduler;
a messy folder (empty, binary, GB18030, 5 MB) completes and lists what it skipped."""
import shutil
import warnings

import pandas as pd
import pytest

import helpers as h
from bulletins.pipeline import codec, workers
from conftest import FIXTURES

TABLES = ("issues", "articles", "paragraphs", "authors", "repairs") + h.EXTRACTED


def assert_same(a: h.Corpus, b: h.Corpus) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


@pytest.fixture(scope="module")
def folder(tmp_path_factory, sample_path):
    d = tmp_path_factory.mktemp("issues")
    for p in FIXTURES.glob("*.txt"):
        shutil.copy(p, d)
    shutil.copy(sample_path, d)
    return d


def distinct_copy(src, dst, i: int) -> None:
    """A copy of an issue that is not the same file (i more line ends): the same content twice counts once."""
    dst.write_bytes(src.read_bytes() + b"\n" * i)


def quietly(f, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return f(*args, **kw)


def test_dask_gives_the_serial_tables(folder):
    serial = quietly(h.load_corpus, folder, use_cache=False)
    dasked = quietly(h.load_corpus_dask, folder, use_cache=False, scheduler="processes", npartitions=3)
    assert len(serial.issues) == 6
    assert_same(serial, dasked)


def test_worker_processes_give_the_serial_tables(tmp_path, folder):
    for i in range(25):   # enough files for the pool to start
        distinct_copy(FIXTURES / "synthetic_2024-11-30_officials.txt", tmp_path / f"copy_{i:02d}.txt", i)
    serial = quietly(h.load_corpus, tmp_path, use_cache=False)
    pooled = quietly(h.load_corpus, tmp_path, use_cache=False, workers=2)
    assert_same(serial, pooled)


def test_messy_folder_completes_and_lists_skips(tmp_path, sample_path):
    text = sample_path.read_text(encoding="utf-8")
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "c_gb18030.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "d_big.txt").write_text(text * (5_000_000 // len(text.encode("utf-8")) + 1), encoding="utf-8")
    shutil.copy(sample_path, tmp_path / "e_sample.txt")
    c = quietly(h.load_corpus, tmp_path, use_cache=False)
    assert sorted(c.skipped["source_file"]) == ["a_empty.txt", "b_binary.txt"]
    assert c.skipped.set_index("source_file").loc["b_binary.txt", "reason"].startswith("b_binary.txt: binary")
    assert sorted(c.issues["source_file"]) == ["c_gb18030.txt", "d_big.txt", "e_sample.txt"]
    iss = c.issues.set_index("source_file")
    assert iss.loc["c_gb18030.txt", "encoding"] == "gb18030"
    assert (tmp_path / "d_big.txt").stat().st_size >= 5_000_000
    per_issue = c.articles.groupby("issue_id").size()
    assert per_issue["e_sample"] == per_issue["c_gb18030"] == 5
    assert per_issue["d_big"] == 5 * (5_000_000 // len(text.encode("utf-8")) + 1)



def test_worker_processes_with_bad_files_and_a_traditional_issue(tmp_path, sample_path):
    """Skipped files, a GB18030 file and a traditional-character issue inside worker batches: the serial tables."""
    import opencc

    text = sample_path.read_text(encoding="utf-8")
    for i in range(22):
        distinct_copy(sample_path, tmp_path / f"s{i:02d}.txt", i)
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "c_gb18030.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "t_traditional.txt").write_text(opencc.OpenCC("s2t").convert(text), encoding="utf-8")
    serial = quietly(h.load_corpus, tmp_path, use_cache=False)
    pooled = quietly(h.load_corpus, tmp_path, use_cache=False, workers=2)
    assert_same(serial, pooled)
    pd.testing.assert_frame_equal(serial.skipped, pooled.skipped)
    assert len(pooled.issues) == 24 and sorted(pooled.skipped["source_file"]) == ["a_empty.txt", "b_binary.txt"]


def test_encoded_columns_round_trip(sample_path):
    """What a worker sends back (numbers as arrays, dates as runs, repeated text as codes,
    other text joined) decodes to the same values and builds the same tables."""
    def same(values, kind):
        plain, trip = codec.typed_column([values], kind), codec.typed_column([codec.encode(values, kind)], kind)
        return pd.Series(plain).equals(pd.Series(trip)) and len(plain) == len(values)

    part = h.process_file(sample_path, use_cache=False)
    for name, cols in part.items():
        for c, values in cols.items():
            assert same(values, h.table(name).kind(c)), (name, c)
    day = pd.Timestamp("2024-11-27")
    odd = {"str": [["x", "", "y"], [""], [], ["甲"], ["a"] * 8 + ["b"], ["a", "b\x00c"]],
           "int": [[1, 2, 3], []], "bool": [[True, False]], "float": [[1.5, None]],
           "date": [[day, day, None, day], [None], []], "Int64": [[1, None]]}
    for kind, cases in odd.items():
        for values in cases:
            assert same(values, kind), (kind, values)
    assert codec.encode(["a"] * 8 + ["b"], "str")[0] == "codes" and codec.encode(["a", "b\x00c"], "str")[0] == "list"
    whole = h.combine([h.process_file(sample_path, use_cache=False)])
    batch = h.combine([workers.process_batch([(sample_path, "", True, False)])])
    assert_same(whole, batch)


def test_tables_sorted_when_names_and_ids_disagree(tmp_path):
    """Files are read in name order ('a-b.txt' before 'a.txt') but tables are sorted by issue id ('a' before 'a-b')."""
    for i, name in enumerate(("a-b.txt", "a.txt", "b.txt")):
        distinct_copy(FIXTURES / "synthetic_2024-11-30_officials.txt", tmp_path / name, i)
    c = quietly(h.load_corpus, tmp_path, use_cache=False)
    assert c.issues["issue_id"].tolist() == ["a", "a-b", "b"]
    for name in TABLES:
        df = getattr(c, name)
        keys = list(h.table(name).sort)
        pd.testing.assert_frame_equal(df, df.sort_values(keys, kind="stable").reset_index(drop=True), obj=name)
    for i in range(25):
        distinct_copy(FIXTURES / "synthetic_2024-11-30_officials.txt", tmp_path / f"c{i:02d}.txt", i + 3)
    assert_same(quietly(h.load_corpus, tmp_path, use_cache=False), quietly(h.load_corpus, tmp_path, use_cache=False, workers=2))


def test_column_types():
    """Every table has its declared types, also when empty (positions are integers, dates are dates)."""
    c = h.combine([])
    for name, t in h.TABLES.items():
        df = getattr(c, name)
        for col in df.columns:
            kind = t.kind(col)
            want = {"str": "str", "int": "int64", "bool": "bool", "float": "float64", "date": "datetime64[us]", "Int64": "Int64"}[kind]
            assert str(df[col].dtype) == want, (name, col, df[col].dtype)


def test_dask_in_this_process_leaves_the_garbage_collector_on(folder):
    """A batch run in the calling process (Dask's sync or threads scheduler) switches the cycle collector back on."""
    import gc

    assert gc.isenabled()
    quietly(h.load_corpus_dask, folder, use_cache=False, scheduler="sync", npartitions=2)
    assert gc.isenabled()
