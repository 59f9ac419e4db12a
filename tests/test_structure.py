"""The house rules of the code: a short front module, rooms of readable size, immutable caches,
and a registry every table goes through."""
import ast
from pathlib import Path

import pytest

import helpers as h

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "bulletins").rglob("*.py"))


def _functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def test_front_module_is_short_and_exports_what_it_imports():
    lines = (ROOT / "helpers.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 80
    assert all(hasattr(h, n) for n in h.__all__)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_files_and_functions_are_of_readable_size(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name
    long = [f"{f.name} ({f.end_lineno - f.lineno + 1} lines)" for f in _functions(path) if f.end_lineno - f.lineno + 1 > 60]
    assert not long, long


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_cached_functions_return_immutable_values(path):
    """A cached function hands every caller the same object: it must not be a list, dict or set."""
    bad = []
    for f in _functions(path):
        cached = any("lru_cache" in ast.unparse(d) or "cache" == ast.unparse(d).split(".")[-1] for d in f.decorator_list)
        ret = ast.unparse(f.returns) if f.returns else ""
        if cached and ret.split("[")[0] in ("list", "dict", "set", "pd.DataFrame", "DataFrame"):
            bad.append(f"{f.name} -> {ret}")
    assert not bad, bad


def test_every_table_of_a_corpus_is_in_the_registry(sample):
    assert [n for n in vars(sample) if not n.startswith("_")] == list(h.TABLES)
    for name, t in h.TABLES.items():
        assert tuple(getattr(sample, name).columns) == t.columns, name


def test_registry_is_consistent():
    from bulletins.schema import check_registry

    check_registry()
    assert h.EXTRACTED and all(h.TABLES[n].row_function() for n in h.EXTRACTED)
