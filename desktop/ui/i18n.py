"""Languages (语言): Simplified Chinese by default, English through Qt's translations.

The UI's source strings are Chinese, wrapped in ``tr()``. English comes from
``resources/i18n/xiaoneng_en.qm`` (compiled from ``xiaoneng_en.ts`` with
pyside6-lrelease; ``python -m desktop.ui.i18n`` refreshes both). Qt's own
strings (standard buttons, dialogs) come from Qt's ``qtbase_<lang>.qm``. The
choice is a setting (``ui/language``), applied at the next start.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.resources import resources_dir


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``; translate it where it is shown."""
    return text


LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def saved_language() -> str:
    value = QSettings().value("ui/language", DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(language)
    QSettings().setValue("ui/language", language)


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load Qt's and our translations for ``language`` into ``app``."""
    installed = []
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    if language != DEFAULT_LANGUAGE:
        ours = QTranslator(app)
        if ours.load(f"xiaoneng_{language}", str(i18n_dir())):
            app.installTranslator(ours)
            installed.append(ours)
    QLocale.setDefault(QLocale(language))
    return installed


def update_translations() -> int:
    """Re-extract the UI strings into the .ts file and compile the .qm."""
    import subprocess  # a developer's command; kept out of the app's start

    root = Path(__file__).resolve().parents[2]
    sources = sorted(str(p) for p in (root / "desktop" / "ui").rglob("*.py"))
    ts = i18n_dir() / "xiaoneng_en.ts"
    ts.parent.mkdir(parents=True, exist_ok=True)
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [
            str(bin_dir / "pyside6-lupdate"),
            *sources,
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-no-obsolete",
            "-ts",
            str(ts),
        ],
        check=True,
    )
    subprocess.run(
        [str(bin_dir / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
    )
    return 0


if __name__ == "__main__":
    sys.exit(update_translations())
