"""Lexicons explain their own errors (file:line and the problem) and can be re-read in a running kernel."""
import shutil

import pytest

import helpers as h
from bulletins import lexicons


def test_shipped_lexicons_are_clean():
    assert h.check_lexicons() == []


@pytest.mark.parametrize("name, line, problem", [
    ("units", "亿元\t元\t一亿\tmoney", "units.txt:{n}: factor '一亿' is not a number"),
    ("units", "亿元\t元", "units.txt:{n}: 2 field(s), needs 4"),
    ("levels", "乡\t乡镇", "levels.txt:{n}: level '乡镇' is not one of"),
    ("header_patterns", "^(unclosed", "header_patterns.txt:{n}: pattern is not a regular expression"),
    ("offices", "区委", "offices.txt:{n}: repeats line"),
    ("topics", "民生\t教育\theavy", "topics.txt:{n}: weight 'heavy' is not a number"),
])
def test_a_bad_line_is_named_by_file_and_line(tmp_path, name, line, problem):
    folder = tmp_path / "lexicons"
    shutil.copytree(h.LEXICONS, folder)
    path = folder / f"{name}.txt"
    n = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    problems = h.check_lexicons(folder)
    assert any(p.startswith(problem.format(n=n)) for p in problems), problems
    assert h.check_lexicons() == []   # the shipped folder is untouched


def test_loading_a_bad_lexicon_raises_with_file_and_line(tmp_path, monkeypatch):
    folder = tmp_path / "lexicons"
    shutil.copytree(h.LEXICONS, folder)
    (folder / "units.txt").write_text("亿元\t元\n", encoding="utf-8")
    monkeypatch.setattr(lexicons, "LEXICONS", folder)
    lexicons.lexicon.cache_clear()
    try:
        with pytest.raises(lexicons.LexiconError, match=r"units\.txt:1: 2 field\(s\)"):
            h.lexicon("units")
    finally:
        monkeypatch.undo()
        lexicons.lexicon.cache_clear()


def test_reload_reads_an_edited_lexicon(tmp_path, monkeypatch):
    folder = tmp_path / "lexicons"
    shutil.copytree(h.LEXICONS, folder)
    monkeypatch.setattr(lexicons, "LEXICONS", folder)
    h.reload()
    assert "某某委" not in h.lexicon("offices")
    with (folder / "offices.txt").open("a", encoding="utf-8") as f:
        f.write("某某委\n")
    assert "某某委" not in h.lexicon("offices")   # read once per process...
    h.reload()
    assert "某某委" in h.lexicon("offices")       # ...until reload()
    monkeypatch.undo()
    h.reload()
    assert "某某委" not in h.lexicon("offices")
