"""Agreement between coders: units aligned from overlapping claims; kappa and alpha as the libraries compute them."""
from __future__ import annotations

import json
import math

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from desktop.cli import main
from desktop.services import Library, UserError
from desktop.services.agreement import OVERALL
from tests.helpers import add_article

S1 = "The ferry to Osterlund will run twice a day from May."
S2 = "Tickets will cost a third more than last year."
S3 = "Fuel prices on the islands rose by a fifth in winter."
S4 = "The harbour board blamed the new port levy."
BODY = " ".join((S1, S2, S3, S4))


def span(text: str, inner: str | None = None) -> tuple[int, int]:
    start = BODY.index(text) + (text.index(inner) if inner else 0)
    return start, start + len(inner or text)


@pytest.fixture
def coded(tmp_path):
    """Mara and Tomas code one article; Lena codes another that they did not."""
    path = tmp_path / "team.sqlite"
    with Library.open(path, annotator="Mara Veld") as mara:
        aid = add_article(mara, BODY, title="Ferry fares")
        ferries, prices = mara.tags.create("Ferries").id, mara.tags.create("Prices").id
        mara.claims.create(aid, *span(S1), [ferries])
        mara.claims.create(aid, *span(S2), [ferries])
        mara.claims.create(aid, *span(S3), [prices])
    with Library.open(path, annotator="Tomas Irle") as tomas:
        tomas.claims.create(aid, *span(S1, "The ferry to Osterlund"), [ferries])  # overlaps Mara's: one unit
        tomas.claims.create(aid, *span(S2, "a third more"), [prices])
        tomas.claims.create(aid, *span(S3), [prices])
        tomas.claims.create(aid, *span(S4), [prices])  # Mara marked nothing here: her value is "nothing"
    with Library.open(path, annotator="Lena Strom") as lena:
        other = add_article(lena, "The island council met on Tuesday to discuss the ferry timetable.")
        lena.claims.create(other, 0, 20, [ferries])
    return path


def test_two_coders_match_hand_computed_kappa_and_alpha(coded):
    with Library.open(coded) as lib:
        report = lib.agreement.compute(["Mara Veld", "Tomas Irle"])
    rows = {r.tag: r for r in report.rows}
    assert len(report.units) == 4 and report.articles == 1
    # Ferries: Mara 1,1,0,0 and Tomas 1,0,0,0: po 3/4, pe 1/2, kappa 1/2; alpha 1 - (2/8)/(30/56) = 8/15
    assert rows["Ferries"].kappa == pytest.approx(0.5)
    assert rows["Ferries"].alpha == pytest.approx(8 / 15)
    # Prices: Mara 0,0,1,0 and Tomas 0,1,1,1: po 1/2, pe 3/8, kappa 1/5
    assert rows["Prices"].kappa == pytest.approx(0.2)
    # Overall, the set of tags per unit: {F},{F},{P},{} against {F},{P},{P},{P}: po 1/2, pe 5/16, kappa 3/11
    assert rows[OVERALL].kappa == pytest.approx(3 / 11)
    assert [r.units for r in report.rows] == [4, 4, 4]
    assert len(report.disagreements()) == 2


def test_figures_equal_the_libraries_own_functions_on_the_same_units(coded):
    with Library.open(coded) as lib:
        report = lib.agreement.compute(["Mara Veld", "Tomas Irle"])
    labels = {c: [",".join(sorted(u.values[c])) or "-" for u in report.units] for c in report.coders}
    overall = next(r for r in report.rows if r.tag == OVERALL)
    assert overall.kappa == pytest.approx(cohen_kappa_score(labels["Mara Veld"], labels["Tomas Irle"]))
    codes = {v: i for i, v in enumerate(sorted({*labels["Mara Veld"], *labels["Tomas Irle"]}))}
    matrix = np.array([[codes[v] for v in labels[c]] for c in report.coders], dtype=float)
    assert overall.alpha == pytest.approx(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))


def test_alpha_with_three_coders_and_missing_data(coded):
    with Library.open(coded) as lib:
        report = lib.agreement.compute()
    assert report.coders == ("Lena Strom", "Mara Veld", "Tomas Irle")
    assert len(report.units) == 5  # Lena's article adds a unit that only she coded: missing for the others
    ferries = next(r for r in report.rows if r.tag == "Ferries")
    matrix = np.array([[float("Ferries" in u.values[c]) if c in u.values else np.nan for u in report.units]
                       for c in report.coders])
    assert np.isnan(matrix).sum() == 2 + 4  # Lena missing on the four shared units, the others on hers
    assert ferries.alpha == pytest.approx(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))
    assert ferries.kappa is None and ferries.units == 4  # kappa is for two coders; her unit pairs with nobody


def test_the_command_prints_kappa_alpha_and_units(coded, capsys):
    assert main(["agreement", "--db", str(coded), "--coders", "Mara Veld,Tomas Irle", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["units"], data["articles"], data["disagreements"]) == (4, 1, 2)
    ferries = next(r for r in data["rows"] if r["tag"] == "Ferries")
    assert math.isclose(ferries["kappa"], 0.5) and math.isclose(ferries["alpha"], 8 / 15)
    assert main(["agreement", "--db", str(coded), "--coders", "Mara Veld,Tomas Irle", "--tag", "Prices"]) == 0
    out = capsys.readouterr().out
    assert "4 units in 1 article" in out and "Prices" in out and "0.200" in out and "Ferries" not in out


def test_bad_requests_are_one_line(coded, capsys):
    assert main(["agreement", "--db", str(coded), "--coders", "Mara Veld,Nobody"]) == 1
    assert capsys.readouterr().err.strip().startswith("claimdesk: no claims by Nobody; coders here:")
    assert main(["agreement", "--db", str(coded), "--coders", "Mara Veld"]) == 1
    assert "at least two coders" in capsys.readouterr().err
    assert main(["agreement", "--db", str(coded), "--coders", "Mara Veld,Lena Strom"]) == 1
    assert "no article in common" in capsys.readouterr().err


def test_one_category_only_is_reported_as_undefined(tmp_path):
    with Library.open(tmp_path / "l.sqlite", annotator="Mara Veld") as mara:
        aid = add_article(mara, BODY)
        tag = mara.tags.create("Ferries").id
        mara.claims.create(aid, *span(S1), [tag])
    with Library.open(tmp_path / "l.sqlite", annotator="Tomas Irle") as tomas:
        tomas.claims.create(aid, *span(S1), [tag])
        report = tomas.agreement.compute()
    assert report.disagreements() == []
    assert all(r.kappa is None and r.alpha is None for r in report.rows)  # every value the same: undefined
    with pytest.raises(UserError):
        tomas.agreement.compute(tag="No such tag")
