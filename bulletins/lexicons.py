"""Every lexicon loader (data/lexicons/): entries, TAB fields, the version hash the cache keys on."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from pathlib import Path

from .config import LEXICONS, PACKAGE, PARSER_VERSION


class LexiconError(ValueError):
    """A lexicon line that cannot be used; the message names file:line and the problem."""


@dataclasses.dataclass(frozen=True)
class Format:
    """The shape of a TAB-separated lexicon: field names ('name?' is optional, trailing only;
    'name*' may be empty),
    what some fields must be ('regex', 'number', or a set of allowed values), and how many
    leading fields form the key that must not repeat (0: repeats allowed)."""
    fields: tuple[str, ...] = ("entry",)
    kinds: tuple[tuple[str, object], ...] = ()
    key: int = 1


_FIGURE_KINDS = frozenset({"money", "count", "people", "percent", "area", "energy", "length", "power", "ratio",
                           "volume", "weight", "capacity", "growth", "time"})
_LEVELS = frozenset({"中央", "省", "市", "区", "县", "镇街", "村"})

# Lexicons with more than one field, or with fields that must be of a kind. Every other lexicon is
# one entry a line (extra fields allowed), checked for empty and repeated entries.
FORMATS: dict[str, Format] = {
    "byline_labels": Format(("label", "role?")),
    "figure_contexts": Format(("keyword", "kind"), (("kind", _FIGURE_KINDS),)),
    "header_patterns": Format(("pattern",), (("pattern", "regex"),)),
    "levels": Format(("prefix", "level"), (("level", _LEVELS),)),
    "meeting_bodies": Format(("body", "alias?"), key=0),
    "role_verbs": Format(("verb", "kind?", "role?"), (("kind", frozenset({"weak", "attend", "strong", "generic"})),)),
    "keyword_exclusions": Format(("kind", "ending"), (("kind", frozenset({"place", "media"})),), key=2),
    "slogans": Format(("phrase", "category")),
    "topics": Format(("topic", "word", "weight?"), (("weight", "number"),), key=2),
    "units": Format(("unit", "base", "factor", "kind"), (("factor", "number"), ("kind", _FIGURE_KINDS))),
    "userdict": Format(("line",)),
    "approx_markers": Format(("word", "place"), (("place", frozenset({"before", "after", "suffix", "vague"})),), key=2),
    "magnitudes": Format(("word", "factor", "vague?"), (("factor", "number"), ("vague", frozenset({"vague"})))),
    "direction_cues": Format(("word", "direction", "adjacent?"),
                             (("direction", frozenset({"up", "down", "none"})), ("adjacent", frozenset({"adjacent"})))),
    "status_cues": Format(("word", "status"), (("status", frozenset({"planned", "achieved", "none"})),)),
    "place_wide": Format(("word", "subject")),
    "subject_breakers": Format(("word", "role"), (("role", frozenset({"lead", "prefix", "inside", "before", "after"})),),
                               key=2),
    "listing_endings": Format(("word", "kind"), (("kind", frozenset({"body", "place", "title"})),), key=2),
    "relative_days": Format(("word", "days"), (("days", "number"),)),
    "meeting_words": Format(("role", "word"), key=2),
    "relay_frames": Format(("opener", "closer"), key=2),
    "relay_item_kinds": Format(("word", "kind")),
    "relay_title_kinds": Format(("ending", "kind"), (("kind", frozenset({"law", "document", "book"})),)),
    "chart_colors": Format(("group", "category*", "colour"), (("group", frozenset({"topic", "level", "kind"})),
                                                            ("colour", "colour")), key=2),
    "relay_levels": Format(("start", "level", "list?"), (("level", _LEVELS), ("list", frozenset({"list"})))),
}


def _line_problems(fields: list[str], fmt: Format) -> list[str]:
    """What is wrong with one line's fields under a format ([] when nothing).

    >>> _line_problems(['产业', 'x'], Format(('word', 'weight?'), (('weight', 'number'),)))
    ["weight 'x' is not a number"]
    """
    need = sum(not f.endswith("?") for f in fmt.fields)
    if len(fields) < need:
        return [f"{len(fields)} field(s), needs {need} ({', '.join(f.rstrip('?*') for f in fmt.fields)}) separated by TABs"]
    problems = [f"field {i + 1} is empty" for i, f in enumerate(fields[:need]) if not f and not fmt.fields[i].endswith("*")]
    kinds = dict(fmt.kinds)
    for name, value in zip((f.rstrip("?*") for f in fmt.fields), fields):
        kind = kinds.get(name)
        if not value or kind is None:
            continue
        if kind == "regex":
            try:
                re.compile(value)
            except re.error as e:
                problems.append(f"{name} is not a regular expression ({e})")
        elif kind == "colour":
            if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
                problems.append(f"{name} {value!r} is not a colour like #1f77b4")
        elif kind == "number":
            try:
                float(value)
            except ValueError:
                problems.append(f"{name} {value!r} is not a number")
        elif value not in kind:
            problems.append(f"{name} {value!r} is not one of {', '.join(sorted(kind))}")
    return problems


def _read_checked(name: str) -> tuple[tuple[int, str], ...]:
    """(line number, line) of the entries of data/lexicons/NAME.txt; LexiconError naming file:line."""
    path = LEXICONS / f"{name}.txt"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such lexicon")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise LexiconError(f"{path.name}: not UTF-8 (byte {e.start}); save it as UTF-8") from None
    fmt = FORMATS.get(name, Format(key=1 if name != "userdict" else 0))
    out, problems, seen = [], [], {}
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")] if len(fmt.fields) > 1 or name not in FORMATS else [line.strip()]
        problems += [f"{path.name}:{no}: {p}" for p in _line_problems(fields, fmt)]
        key = tuple(fields[:fmt.key])
        if fmt.key and key in seen:
            problems.append(f"{path.name}:{no}: repeats line {seen[key]} ({' '.join(key)})")
        seen.setdefault(key, no)
        out.append((no, line.rstrip("\r\n")))
    if problems:
        raise LexiconError("\n".join(problems))
    return tuple(out)


@functools.lru_cache(maxsize=None)
def lexicon(name: str) -> tuple[str, ...]:
    """Entries of data/lexicons/NAME.txt, one a line, comments and blanks dropped; checked on load
    (LexiconError naming file:line and the problem).

    >>> '区委' in lexicon('offices')
    True
    """
    return tuple(line for _, line in _read_checked(name))


@functools.lru_cache(maxsize=None)
def lexicon_fields(name: str) -> tuple[tuple[str, ...], ...]:
    """Entries of a TAB-separated lexicon, split into fields.

    >>> lexicon_fields('levels')[0]
    ('中共中央', '中央')
    """
    return tuple(tuple(f.strip() for f in line.split("\t")) for line in lexicon(name))


def check_lexicons(folder: Path | None = None) -> list[str]:
    """Every problem of every lexicon in the folder, as 'file:line: problem' (empty when all is well).

    Checks field counts and TABs, regexes that compile, numbers, allowed values, repeated
    entries, and that the CSV lexicons have their columns.

    >>> check_lexicons()
    []
    """
    global LEXICONS
    saved = LEXICONS
    if folder is not None:
        LEXICONS = Path(folder)
    try:
        problems = []
        for path in sorted(LEXICONS.glob("*.txt")):
            if path.name == "README.txt":
                continue
            try:
                _read_checked(path.stem)
            except LexiconError as e:
                problems += str(e).splitlines()
        for path in sorted(LEXICONS.glob("*.csv")):
            head = path.read_text(encoding="utf-8-sig").split("\n", 1)[0]
            if path.name == "central_occasions.csv" and head.split(",")[:2] != ["occasion", "date"]:
                problems.append(f"{path.name}:1: needs the columns occasion,date[,source] (has {head})")
        return problems
    finally:
        LEXICONS = saved


def reload() -> None:
    """Re-read every lexicon in a running kernel: clears every cache of the package (the lexicons,
    the patterns and segmenters built from them, the cache version). Then rerun load_corpus.
    """
    import sys

    for mod_name, mod in sorted(sys.modules.items()):
        if mod_name == "bulletins" or mod_name.startswith("bulletins."):
            for obj in list(vars(mod).values()):
                if callable(getattr(obj, "cache_clear", None)):
                    obj.cache_clear()
    problems = check_lexicons()
    if problems:
        raise LexiconError("\n".join(problems))


@functools.lru_cache(maxsize=1)
def lexicon_version() -> str:
    """A hash of the code that makes tables (reading, parsing, extractors, segmentation, schema)
    and of every lexicon file: part of every cache key. Charts, summaries and notebooks are not
    in it, so changing a colour re-parses nothing. Read once per process (see reload()).

    >>> len(lexicon_version())
    16
    """
    h = hashlib.sha1(PARSER_VERSION.encode())
    for p in table_code_files() + sorted(LEXICONS.glob("*")):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


# The modules whose code decides what the tables hold (the cache key covers these and the lexicons).
TABLE_CODE = ("config.py", "lexicons.py", "patterns.py", "text.py", "reading.py", "webpages.py", "bylines.py",
              "lines.py", "parsing.py", "schema.py", "segment.py", "extract", "pipeline/process.py", "pipeline/codec.py")


def table_code_files() -> list[Path]:
    """The source files of TABLE_CODE, sorted (folders expanded).

    >>> any(p.name == 'parsing.py' for p in table_code_files()), any(p.name == 'charts.py' for p in table_code_files())
    (True, False)
    """
    out = []
    for rel in TABLE_CODE:
        p = PACKAGE / rel
        out += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    return out
