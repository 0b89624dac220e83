"""Settings: defaults, environment, overrides, clear errors."""

from __future__ import annotations

import pickle

import pytest

from ois.settings import TABLE, Settings, parse_overrides


def test_defaults_env_and_overrides_layer_in_order():
    env = {"OIS_MATCH_WINDOW_DAYS": "3", "OIS_DB_PATH": "env.db"}
    s = Settings({"db_path": "cli.db"}, env=env)
    assert s.match_window_days == 3 and isinstance(s.match_window_days, int)
    assert s["db_path"] == "cli.db"
    assert len(s) == len(TABLE)


def test_unknown_setting_and_bad_value_say_what_to_do():
    with pytest.raises(KeyError, match="known settings"):
        Settings({"match_window": "3"}, env={})
    with pytest.raises(ValueError, match="needs a int"):
        Settings({"match_window_days": "soon"}, env={})
    with pytest.raises(ValueError, match="name=value"):
        parse_overrides(["match_window_days"])


def test_settings_pickle_for_workers():
    s = Settings({"screen_threshold": "2.5"}, env={})
    assert pickle.loads(pickle.dumps(s)).screen_threshold == 2.5
    assert s.replace(screen_threshold=1.5).screen_threshold == 1.5


def test_every_setting_has_help_and_unique_name():
    names = [row.name for row in TABLE]
    assert len(names) == len(set(names))
    assert all(row.help for row in TABLE)


def test_settings_read_as_attributes_are_the_values_and_shadow_nothing():
    settings = Settings({"screen_threshold": "2.5"}, env={})
    assert all(getattr(settings, name) == settings[name] for name in settings)
    assert settings.screen_threshold == 2.5
    assert not [name for name in settings if hasattr(Settings, name)]  # no setting hides a method
