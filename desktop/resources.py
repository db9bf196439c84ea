"""Where the app's data files live, and loading them.

``resources/`` sits beside the packages in a source checkout and inside the
bundle in a PyInstaller build; ``XIAONENG_RESOURCES`` overrides both.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: the sign-in window needs only paths
    from desktop.domain.calendar import HolidayTable
    from desktop.domain.profile import RuleProfile


def resources_dir() -> Path:
    """The folder holding fonts, holiday tables, profiles and translations."""
    override = os.environ.get("XIAONENG_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def profile_ids() -> list[str]:
    """The ids of the rule profiles shipped in ``resources/profiles``."""
    return sorted(p.stem for p in (resources_dir() / "profiles").glob("*.toml"))


def load_profile_file(path: Path) -> RuleProfile:
    """Read and check one profile file (errors name the file and the key)."""
    from desktop.domain.profile import parse_profile

    return parse_profile(path.read_text(encoding="utf-8"), source=str(path))


@cache
def load_profile(profile_id: str) -> RuleProfile:
    """The shipped profile ``profile_id`` (e.g. ``fujian-2024``)."""
    return load_profile_file(resources_dir() / "profiles" / f"{profile_id}.toml")


def load_holiday_tables(*extra_dirs: Path) -> list[HolidayTable]:
    """The holiday tables in ``resources/holidays`` and then in ``extra_dirs``.

    Files are read in name order within each folder; a later table for the
    same year replaces an earlier one. A broken file raises
    :class:`HolidayTableError` naming the file and the entry.
    """
    from desktop.domain.calendar import parse_holiday_table

    tables = []
    for folder in (resources_dir() / "holidays", *extra_dirs):
        for path in sorted(folder.glob("*.toml")):
            tables.append(parse_holiday_table(path.read_text(encoding="utf-8"), str(path)))
    return tables
