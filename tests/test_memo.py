"""The memo of heavy notebook results (bulletins/memo.py): equal results, new inputs recomputed, corrupt
or foreign entries recomputed."""
import pandas as pd
import pytest

import helpers as h
from bulletins import memo


@pytest.fixture()
def counted(tmp_path, monkeypatch):
    """A memoised function counting its real calls, with a cache and key of its own."""
    monkeypatch.setenv("BULLETIN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("BULLETIN_CACHE_KEY", str(tmp_path / "key"))
    monkeypatch.delenv("BULLETIN_MEMO", raising=False)
    calls = []

    def totals(df: pd.DataFrame, col: str = "n") -> pd.DataFrame:
        calls.append(len(df))
        return df.groupby("w")[col].sum().reset_index()

    return memo.memoised(totals), calls, tmp_path / "cache" / "derived"


def frame():
    return pd.DataFrame({"w": ["甲", "乙", "甲"], "n": [1, 2, 3]})


def test_memoised_call_returns_an_equal_result(counted):
    f, calls, _ = counted
    first, again = f(frame()), f(frame(), "n")
    pd.testing.assert_frame_equal(first, again)
    pd.testing.assert_frame_equal(again, frame().groupby("w")["n"].sum().reset_index())
    assert calls == [3]                      # the second call (same content, default spelt out) was read back


def test_changed_input_gets_a_new_result(counted):
    f, calls, _ = counted
    f(frame())
    edited = frame()
    edited.loc[0, "n"] = 10
    assert f(edited).set_index("w")["n"]["甲"] == 13
    assert f(frame().head(2)).set_index("w")["n"]["甲"] == 1
    assert f(frame().iloc[::-1]).set_index("w")["n"]["甲"] == 4
    assert len(calls) == 4


def test_corrupt_or_foreign_entry_is_recomputed(counted):
    f, calls, derived = counted
    f(frame())
    f(frame().head(2))
    a, b = sorted(derived.glob("*/*.pkl"), key=lambda p: p.stat().st_mtime)
    data = bytearray(a.read_bytes())
    data[-40] ^= 1                           # altered: the signature no longer matches
    a.write_bytes(bytes(data))
    pd.testing.assert_frame_equal(f(frame()), frame().groupby("w")["n"].sum().reset_index())
    assert len(calls) == 3
    b.replace(a)                             # another call's (signed) entry under this key: not taken
    pd.testing.assert_frame_equal(f(frame()), frame().groupby("w")["n"].sum().reset_index())
    assert len(calls) == 4


def test_unhashable_argument_or_memo_off_computes(counted, monkeypatch):
    f, calls, _ = counted
    with pytest.raises(KeyError):            # no content hash: computed (and fails as the function would)
        f(frame(), col=object())
    assert len(calls) == 1
    monkeypatch.setenv("BULLETIN_MEMO", "0")
    f(frame())
    f(frame())
    assert len(calls) == 3


def test_helpers_names_are_memoised():
    assert all(hasattr(getattr(h, n), "__wrapped_memo__") for n in memo.MEMOISED)
    assert not hasattr(h.people, "__wrapped_memo__")


def test_only_the_most_recently_used_entries_are_kept(counted, monkeypatch):
    f, calls, derived = counted
    monkeypatch.setattr(memo, "KEEP", 2)
    f(frame())                               # entry A
    f(frame().head(2))                       # entry B
    f(frame())                               # A read back: now the most recently used
    f(frame().head(1))                       # entry C: B, the least recently used, goes
    assert len(list(derived.glob("*/*.pkl"))) == 2
    f(frame())
    assert len(calls) == 3                   # A was kept
    f(frame().head(2))
    assert len(calls) == 4                   # B was pruned and is computed again
