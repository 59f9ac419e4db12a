"""Shared fixtures: the sample issue, its answer key, the synthetic fixture corpus."""
import json
import warnings
from pathlib import Path

import pytest

import helpers as h

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEED = ROOT.parent / "shared" / "seed"
SAMPLE_NAME = "000_1144f10260e1dc7b"
FIXTURES = TESTS / "fixtures" / "corpus"


def _seed_file(suffix: str) -> Path:
    """The seed file from ../shared/seed/, or the copy in tests/ where shared/ is absent
    (the answer key in tests/key/, the issue in tests/pinned/)."""
    shared = SEED / f"{SAMPLE_NAME}{suffix}"
    copy = TESTS / ("pinned" if suffix == ".txt" else "key") / f"{SAMPLE_NAME}{suffix}"
    return shared if shared.exists() else copy


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(_seed_file(".gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return _seed_file(".txt")


@pytest.fixture(scope="session")
def sample(sample_path) -> h.Corpus:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return h.parse_issue(sample_path, extract=True)


@pytest.fixture(scope="session")
def fixture_corpus() -> h.Corpus:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return h.load_corpus(FIXTURES, use_cache=False)


def article(corpus: h.Corpus, issue_part: str, n: int):
    """One article row of a corpus by a part of its issue id and its number."""
    a = corpus.articles
    return a[a.issue_id.str.contains(issue_part) & (a.article == n)].iloc[0]


def articles_of(text: str, date=None, kind: str = "news"):
    """A one-article DataFrame from a synthetic body, for extractor unit tests."""
    import pandas as pd

    return pd.DataFrame([{"issue_id": "synthetic", "date": pd.Timestamp(date) if date else pd.NaT, "article": 0,
                          "kind": kind, "headline": "", "byline": "", "dateline": h.dateline(text), "body": text,
                          "n_paragraphs": 1, "n_chars": len(text), "truncated": False}])
