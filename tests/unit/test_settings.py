"""Settings: precedence, validation, and every setting documented in the README."""
from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from cityties.settings import SETTINGS, Settings, load_settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_flags_beat_environment_beat_defaults():
    s = load_settings({"port": 9001}, environ={"CITYTIES_PORT": "9002", "CITYTIES_TOKEN": "t"})
    assert s.port == 9001 and s.token == "t" and s.host == "127.0.0.1"


def test_bad_value_names_the_setting():
    with pytest.raises(ValueError, match="port"):
        load_settings(environ={"CITYTIES_PORT": "eighty"})


def test_store_defaults_to_a_per_user_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert load_settings(environ={}).store == str(tmp_path / "cityties" / "store")


def test_every_setting_has_help_and_a_readme_row():
    names = [f.name for f in fields(Settings)]
    assert names == [n for n, _ in SETTINGS]
    readme = README.read_text(encoding="utf-8")
    for name in names:
        assert f"| {name} | `CITYTIES_{name.upper()}` |" in readme, f"README lacks the setting {name}"
