"""The organisations table: enterprises, projects, parks and institutions an article names."""
import warnings
from pathlib import Path

import helpers as h

HERE = Path(__file__).resolve().parent / "fixtures" / "organisations"


def expected(name: str) -> list[list]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [[f[0], f[1], int(f[2])] for f in (ln.split("\t") for ln in lines if ln and not ln.startswith("#"))]


def test_fixture_rows():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = h.parse_issue(HERE / "synthetic_orgs.txt", extract=True)
    got = c.organisations.sort_values("pos")[["name", "kind", "count"]].values.tolist()
    assert got == expected("synthetic_orgs.expected.tsv")


def test_categories_and_counted_items_are_no_organisations():
    assert h.organisations_in("全区重大项目60个,新开工项目12个,该公司订单饱满。") == []
    assert [n for _, n, _ in h.organisations_in("调研组走进某某精密机械有限公司。")] == ["某某精密机械有限公司"]


def test_sample_firms_and_projects_are_named_and_link_the_figures(sample, gold):
    names = set(sample.organisations["name"])
    firms = [o for o in gold["organisations"] if h.organisation_kind(o)]
    assert firms and all(o in names for o in firms)
    subjects = set(sample.figures["subject"]) - {""}
    assert subjects and subjects <= names   # every figure's subject is an organisation of the table


def test_registry_entry_and_types(sample):
    t = h.table("organisations")
    assert tuple(sample.organisations.columns) == t.columns
    assert str(sample.organisations["pos"].dtype) == "int64"
