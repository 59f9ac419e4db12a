"""Dates printed in articles, resolved against the issue date."""
from __future__ import annotations

import calendar
import functools
import datetime
import re
from types import MappingProxyType
import pandas as pd

from ..lexicons import lexicon, lexicon_fields
from ..patterns import _alternation, _first_chars
from ..pipeline.codec import finish
from ..schema import records
from ..text import normalize


@functools.lru_cache(maxsize=1)
def _relative_days() -> MappingProxyType:
    """Relative-day words and their offset from the issue date (relative_days.txt)."""
    return MappingProxyType({f[0]: int(f[1]) for f in lexicon_fields("relative_days")})


@functools.lru_cache(maxsize=1)
def _date_re() -> re.Pattern:
    """The date pattern; relative-day words and day parts come from their word lists, and the
    opening look-ahead from the digits and the first characters of the relative-day words."""
    rel = _relative_days()
    return re.compile(
        rf"{_first_chars(list(rel) + list('0123456789'))}"
        r"(?:(?P<ymd>(?P<y>\d{4})年(?:(?P<m>\d{1,2})(?:[-至到](?P<m2>\d{1,2}))?月(?:(?P<d>\d{1,2})日)?"
        rf"|(?P<half>{_alternation(lexicon('year_parts'))}))?)"
        r"|(?P<mr>(?P<ma>\d{1,2})(?:至|到|-|—)(?P<mb>\d{1,2})月)"
        r"|(?P<md>(?P<m3>\d{1,2})月(?:(?P<d3>\d{1,2})日)?)"
        rf"|(?P<rel>{_alternation(rel)})(?:{_alternation(lexicon('day_parts'))})?)")


def resolve_date(raw: str, issue_date: pd.Timestamp | None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """A printed date -> (start, end) days; relative and yearless dates need the issue date.

    >>> resolve_date('2025年6月', None)
    (Timestamp('2025-06-01 00:00:00'), Timestamp('2025-06-30 00:00:00'))
    >>> resolve_date('昨天晚上', pd.Timestamp('2024-11-21'))[0]
    Timestamp('2024-11-20 00:00:00')
    """
    day = None if issue_date is None or pd.isna(issue_date) else datetime.datetime(issue_date.year, issue_date.month, issue_date.day)
    return tuple(None if d is None else pd.Timestamp(d) for d in _resolve_days(raw, day))


def _month_end(y: int, mo: int) -> datetime.datetime:
    return datetime.datetime(y, mo, calendar.monthrange(y, mo)[1])


def _resolve_days(raw: str, issue_day: datetime.datetime | None) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """resolve_date with plain datetimes (the extractor's inner loop)."""
    m = _date_re().fullmatch(normalize(raw))
    if not m:
        return None, None
    try:
        if m.group("rel"):
            if issue_day is None:
                return None, None
            d = issue_day + datetime.timedelta(days=_relative_days()[m.group("rel")])
            return d, d
        if m.group("y"):
            y = int(m.group("y"))
            if m.group("m"):
                mo, mo2 = int(m.group("m")), int(m.group("m2") or m.group("m"))
                if m.group("d"):
                    d = datetime.datetime(y, mo, int(m.group("d")))
                    return d, d
                return datetime.datetime(y, mo, 1), _month_end(y, mo2)
            return datetime.datetime(y, 1, 1), datetime.datetime(y, 12, 31)
        if issue_day is None:
            return None, None
        y = issue_day.year
        if m.group("mr"):
            return datetime.datetime(y, int(m.group("ma")), 1), _month_end(y, int(m.group("mb")))
        mo = int(m.group("m3"))
        if mo > issue_day.month:
            y -= 1
        if m.group("d3"):
            d = datetime.datetime(y, mo, int(m.group("d3")))
            return d, d
        return datetime.datetime(y, mo, 1), _month_end(y, mo)
    except ValueError:
        return None, None


def dates(articles: pd.DataFrame) -> pd.DataFrame:
    """Dates printed in articles: issue_id, date, article, raw, start, end (resolved where the issue date allows)."""
    return finish(date_rows(records(articles), {}), "dates")


def date_rows(recs: list, done: dict) -> list[dict]:
    """Rows of the dates table (registry row function)."""
    rows = []
    for r in recs:
        text = normalize(r.body)
        day = None if r.date is None or pd.isna(r.date) else datetime.datetime(r.date.year, r.date.month, r.date.day)
        for m in _date_re().finditer(text):
            if not m.group(0) or (m.start() > 0 and text[m.start() - 1].isdigit()):
                continue
            start, end = _resolve_days(m.group(0), day)
            rows.append({"issue_id": r.issue_id, "date": r.date, "article": r.article, "raw": r.body[m.start():m.end()],
                         "start": start, "end": end, "pos": m.start()})
    return rows
