"""Where the app's data files live, and loading them.

``resources/`` sits beside the packages in a source checkout and inside the
bundle in a PyInstaller build; ``XIAONENG_RESOURCES`` overrides both.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from desktop.domain.profile import RuleProfile, parse_profile


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
    return parse_profile(path.read_text(encoding="utf-8"), source=str(path))


@cache
def load_profile(profile_id: str) -> RuleProfile:
    """The shipped profile ``profile_id`` (e.g. ``fujian-2024``)."""
    return load_profile_file(resources_dir() / "profiles" / f"{profile_id}.toml")
