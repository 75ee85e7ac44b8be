"""Who is working, as every edit records it: a name given for the run beats CLAIMDESK_USER, which beats
the name saved in the app, which beats the system's full name; any name is one line of plain words at
most 200 characters long; a damaged saved file counts as none; and the command line's edits carry the
name so resolved."""
from __future__ import annotations

import json
import sqlite3
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.cli import main
from desktop.services import identity
from tests.cli.test_cli import ARTICLE


@pytest.fixture
def no_override(monkeypatch):
    monkeypatch.delenv(identity.ENV_VAR, raising=False)


def test_the_order_of_the_names(no_override, monkeypatch):
    monkeypatch.setattr(identity, "system_name", lambda: "System Person")
    assert identity.display_name() == "System Person"
    identity.save_name("Mara Veld")
    assert identity.display_name() == "Mara Veld"
    monkeypatch.setenv(identity.ENV_VAR, "Tomas Irle")
    assert identity.display_name() == "Tomas Irle"
    assert identity.display_name("Ilsa Brandt") == "Ilsa Brandt"
    assert identity.override_name() == "Tomas Irle"
    monkeypatch.setenv(identity.ENV_VAR, " \t ")
    assert identity.display_name() == "Mara Veld"  # blank counts as not given


def test_a_saved_name_survives_and_a_damaged_file_counts_as_none(no_override, monkeypatch):
    monkeypatch.setattr(identity, "system_name", lambda: "System Person")
    assert identity.save_name("  Zoë   Brenn-Ålund ") == "Zoë Brenn-Ålund"
    assert json.loads(identity.identity_file().read_text(encoding="utf-8")) == {"name": "Zoë Brenn-Ålund"}
    identity.identity_file().write_text("{not json", encoding="utf-8")
    assert identity.saved_name() is None and identity.display_name() == "System Person"
    identity.identity_file().write_text(json.dumps({"name": 42}), encoding="utf-8")
    assert identity.saved_name() is None
    with pytest.raises(ValueError, match="a name is needed"):
        identity.save_name("\x07 \n")


@given(name=st.text(max_size=400))
def test_a_cleaned_name_is_one_line_of_plain_words_within_the_column(name):
    cleaned = identity.clean(name)
    if cleaned is None:
        assert all(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cs") for ch in name)
        return
    assert len(cleaned) <= identity.MAX_LENGTH
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert not any(ch in cleaned for ch in "\n\r\t\x1b\x00")


def test_the_system_name_is_the_full_name_or_the_login(no_override):
    name = identity.system_name()
    assert name is None or (name == identity.clean(name) and name)


def test_the_command_lines_edits_carry_the_resolved_name(no_override, tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "lib.sqlite")
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    identity.save_name("Mara Veld")
    assert main(["import", str(tmp_path / "one.txt"), "--db", db, "--no-analysis"]) == 0
    assert main(["claim", "add", "--article", "1", "--text", "grain exports rose 14%", "--db", db]) == 0
    monkeypatch.setenv(identity.ENV_VAR, "Tomas Irle")
    assert main(["claim", "add", "--article", "1", "--text", "port fees", "--db", db]) == 0
    assert main(["claim", "add", "--article", "1", "--text", "harbour authority", "--user", "Ilsa Brandt",
                 "--db", db]) == 0
    capsys.readouterr()
    with sqlite3.connect(db) as raw:
        coders = raw.execute("SELECT a.name FROM claims c JOIN annotators a ON a.id = c.annotator_id "
                             "ORDER BY c.id").fetchall()
        audit = {r[0] for r in raw.execute("SELECT annotator FROM audit_log WHERE action = 'claim.create'")}
    assert [c[0] for c in coders] == ["Mara Veld", "Tomas Irle", "Ilsa Brandt"]
    assert audit == {"Mara Veld", "Tomas Irle", "Ilsa Brandt"}
