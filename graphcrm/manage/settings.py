"""Pool and "my day" settings, read from the assignment configuration's ``[pool]`` and ``[my_day]``."""

from __future__ import annotations

from dataclasses import dataclass

from graphcrm.manage.config import ConfigError, number, parse_toml, stored_text
from graphcrm.store import Store


@dataclass(frozen=True)
class Settings:
    """How long before a lead counts as neglected, the cool-down, and what "my day" lists."""

    neglect_days: float = 30
    cooldown_days: float = 7
    hot_untouched_days: float = 7
    new_assignment_days: float = 2


def parse_settings(text: str) -> Settings:
    """Settings from TOML (absent keys keep their defaults); ConfigError when a value is wrong."""
    data = parse_toml(text)
    pool, day = data.get("pool", {}), data.get("my_day", {})
    base = Settings()
    settings = Settings(
        neglect_days=number(pool, "neglect_days", base.neglect_days, where="pool"),
        cooldown_days=number(pool, "cooldown_days", base.cooldown_days, where="pool"),
        hot_untouched_days=number(day, "hot_untouched_days", base.hot_untouched_days, where="my_day"),
        new_assignment_days=number(day, "new_assignment_days", base.new_assignment_days, where="my_day"),
    )
    if min(settings.neglect_days, settings.cooldown_days, settings.hot_untouched_days,
           settings.new_assignment_days) < 0:
        raise ConfigError("pool/my_day: days cannot be negative")
    return settings


def load_settings(store: Store) -> Settings:
    """The settings in force."""
    return parse_settings(stored_text(store, "assignment"))
