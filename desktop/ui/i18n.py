"""Languages (语言): Simplified Chinese by default, English through Qt's translations.

The UI's source strings are Chinese, wrapped in ``tr()``. English comes from
``resources/i18n/xiaoneng_en.qm`` (compiled from ``xiaoneng_en.ts`` with
pyside6-lrelease; ``python -m desktop.ui.i18n`` refreshes both). Qt's own
strings (standard buttons, dialogs) come from Qt's ``qtbase_<lang>.qm``. The
choice is a setting (``ui/language``), applied at the next start.

Names that come from the domain and the rule profiles (a plan's state, a plan
kind, a complaint channel, a measure...) are Chinese data, not UI source; the
UI shows them through :func:`tr_data` (context ``Data``). The refresh command
lists them in ``desktop/ui/datanames.py`` so that lupdate sees them; a test
checks that list is current.

Texts the Qt-free core makes for its users (refusals, errors, tasks, progress)
are :class:`~desktop.domain.messages.Message` s; the UI shows them through
:func:`tr_message` (context ``Messages``), and shows errors through
:func:`desktop.ui.worker.error_text`. The refresh command lists their templates
in ``desktop/ui/coremessages.py``, found in the core's source.
"""

from __future__ import annotations

import ast
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.domain.common import Refusal
from desktop.domain.messages import CONTEXT as MESSAGE_CONTEXT, Message
from desktop.resources import resources_dir

LOG = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``; translate it where it is shown."""
    return text


DATA_CONTEXT = "Data"


def tr_data(text: str) -> str:
    """A name from the domain or a rule profile, in the UI's language."""
    return QCoreApplication.translate(DATA_CONTEXT, text)


def tr_message(text: str) -> str:
    """A text from the core in the UI's language: a :class:`Message`'s template
    translated and its values filled in (a value that is itself a message, or a
    domain name, translated too); any other text as it is.

    A translation starting with a small letter is shown with a capital: a
    phrase translated to go inside other texts ("publish the accountability
    decision") is also shown alone. One starting with a value ("{username}:
    ...") keeps the value as it is.
    """
    if not isinstance(text, Message):
        return text
    template = QCoreApplication.translate(MESSAGE_CONTEXT, text.template)
    shown = _filled(text, template)
    return shown[:1].upper() + shown[1:] if template[:1].islower() else shown


def _filled(text: Message, template: str) -> str:
    """``text``'s translated ``template`` with its values translated and filled in."""
    if not text.values:
        return template
    values = {name: _translated(value) for name, value in text.values.items()}
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError):  # a translation naming other fields
        LOG.warning("translation of %r does not fit its values", text.template)
        return str(text)


def _translated(value: object) -> object:
    if isinstance(value, Message):
        return _filled(value, QCoreApplication.translate(MESSAGE_CONTEXT, value.template))
    return tr_data(value) if isinstance(value, str) else value


def tr_cited(text: str, article: str) -> str:
    """A text from the core in the UI's language, with the article it rests on."""
    if not article:
        return tr_message(text)
    return QCoreApplication.translate("Refusal", "{message}（{article}）").format(
        message=tr_message(text), article=article
    )


def tr_refusal(refusal: Refusal) -> str:
    """A rule's refusal in the UI's language, with the article it rests on."""
    return tr_cited(refusal.message, refusal.article)


def join_sentences(parts: list[str]) -> str:
    """Translated sentences as one text: run together in Chinese, spaced otherwise."""
    chinese = QLocale().language() == QLocale.Language.Chinese
    return ("" if chinese else " ").join(parts)


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


def _names(value: object) -> list[str]:
    """Every ``name`` in a parsed profile file, at any depth."""
    if isinstance(value, dict):
        found = [value["name"]] if isinstance(value.get("name"), str) else []
        return found + [n for v in value.values() for n in _names(v)]
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def data_messages() -> list[str]:
    """The domain's and the profiles' names the UI shows, sorted, once each."""
    import tomllib

    from desktop.documents.forms import forms_dir
    from desktop.domain.plans import ACTION_NAMES, STATE_NAMES

    found = {*STATE_NAMES.values(), *ACTION_NAMES.values()}
    for path in (resources_dir() / "profiles").glob("*.toml"):
        profile = tomllib.loads(path.read_text(encoding="utf-8"))
        found.update(_names(profile))
        criteria = profile.get("complaints", {}).get("urgent_criteria", [])
        found.update(c["text"] for c in criteria)
    # the documents' names (the documents themselves are printed in Chinese)
    for path in forms_dir().glob("*/[!_]*.toml"):
        title = tomllib.loads(path.read_text(encoding="utf-8")).get("form", {}).get("title")
        if isinstance(title, str):
            found.add(title)
    return sorted(found)


def data_names_source() -> str:
    """The text of ``desktop/ui/datanames.py`` for :func:`data_messages`."""
    lines = [
        '"""The domain\'s and the rule profiles\' names, listed for the translators',
        '(generated by ``python -m desktop.ui.i18n``; shown through ``tr_data``)."""',
        "",
        "from desktop.ui.i18n import QT_TRANSLATE_NOOP",
        "",
        "NAMES = (",
        *(f'    QT_TRANSLATE_NOOP("{DATA_CONTEXT}", "{name}"),' for name in data_messages()),
        ")",
        "",
    ]
    return "\n".join(lines)


CORE_SOURCES = ("desktop", "server")
"""Where the core's message templates are looked for (the UI's own texts are
``tr()`` calls, found by lupdate)."""
CORE_EXCLUDED = ("desktop/ui",)


def _core_files() -> Iterator[Path]:
    for folder in CORE_SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if not relative.startswith(CORE_EXCLUDED):
                yield path


def core_messages() -> list[str]:
    """Every template the core passes to ``msg()``, sorted, once each.

    Raises ``ValueError`` naming the place of a ``msg()`` call whose template is
    not a literal string (the translators could not see it).
    """
    found: set[str] = set()
    for path in _core_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in msg_calls(tree):
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                raise ValueError(f"{where}: msg() needs a literal template")
            found.add(first.value)
    return sorted(found)


def msg_calls(tree: ast.AST) -> Iterator[ast.Call]:
    """The calls to ``msg()`` (or ``<module>.msg()``) in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name == "msg":
                yield node


def core_messages_source() -> str:
    """The text of ``desktop/ui/coremessages.py`` for :func:`core_messages`."""
    lines = [
        '"""The core\'s message templates (``desktop.domain.messages``), listed for the',
        "translators (generated by ``python -m desktop.ui.i18n``; shown through",
        '``tr_message``)."""',
        "",
        "# ruff: noqa: E501  (a template is one line, however long)",
        "from desktop.ui.i18n import QT_TRANSLATE_NOOP",
        "",
        "# fmt: off",
        "TEMPLATES = (",
        *(
            f'    QT_TRANSLATE_NOOP("{MESSAGE_CONTEXT}", {json.dumps(t, ensure_ascii=False)}),'
            for t in core_messages()
        ),
        ")",
        "# fmt: on",
        "",
    ]
    return "\n".join(lines)


def update_translations() -> int:
    """Re-extract the UI strings into the .ts file and compile the .qm."""
    import subprocess  # a developer's command; kept out of the app's start

    (ROOT / "desktop" / "ui" / "datanames.py").write_text(data_names_source(), encoding="utf-8")
    (ROOT / "desktop" / "ui" / "coremessages.py").write_text(
        core_messages_source(), encoding="utf-8"
    )
    sources = sorted(str(p) for p in (ROOT / "desktop" / "ui").rglob("*.py"))
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
