"""One place that finds the bundled resources (fonts, translations, the hospital profile).

Three layouts are supported:
- a source checkout or editable install: ``<repo>/resources``;
- a wheel install: ``privdesk/_resources`` (hatchling force-includes ``resources/`` there);
- a PyInstaller build: ``<sys._MEIPASS>/resources`` (see build.spec).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PKG_DIR = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    candidates: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    candidates.append(_PKG_DIR / "_resources")
    candidates.append(_PKG_DIR.parent / "resources")
    for candidate in candidates:
        if (candidate / "profile" / "default.toml").is_file():
            return candidate
    raise FileNotFoundError(
        "privdesk resources not found; looked in: " + ", ".join(str(c) for c in candidates)
    )


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("fonts", "NanumGothic.ttf")``."""
    return resources_dir().joinpath(*parts)


def font_path(bold: bool = False) -> Path:
    return resource_path("fonts", "NanumGothicBold.ttf" if bold else "NanumGothic.ttf")


def default_profile_path() -> Path:
    return resource_path("profile", "default.toml")


def translations_dir() -> Path:
    return resource_path("i18n")


def readme_path() -> Path:
    """The README (its 사용 설명서 section is the in-app user guide): bundled as
    ``resources/README.md`` in a wheel (pyproject force-include) and a frozen build (build.spec),
    the repository's own in a checkout."""
    bundled = resources_dir() / "README.md"
    if bundled.is_file():
        return bundled
    return _PKG_DIR.parent / "README.md"
