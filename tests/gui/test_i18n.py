"""Languages: the English translation is complete and compiled, the window,
sign-in dialog and settings page show it, and 设置 saves the choice."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication, QGroupBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.domain.common import Refusal
from desktop.domain.messages import msg
from desktop.services.base import Context
from desktop.services.errors import Forbidden
from desktop.ui.fields import FieldForm
from desktop.ui.i18n import (
    core_messages_source,
    data_names_source,
    i18n_dir,
    install_translators,
    tr_message,
    tr_refusal,
)
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.settings import Page as SettingsPage
from desktop.ui.signin import SignInDialog
from desktop.ui.worker import error_text

Make = Callable[[str], MainWindow]

TS = i18n_dir() / "xiaoneng_en.ts"
QM = i18n_dir() / "xiaoneng_en.qm"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d+")
NAVIGATION = {
    "dashboard": "Dashboard",
    "plans": "Inspection plans",
    "visits": "Site inspections",
    "complaints": "Complaints",
    "decisions": "Accountability & appeals",
    "documents": "Documents",
    "sync": "Sync",
    "settings": "Settings",
}


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The English translators, removed again so later tests see Chinese."""
    locale = QLocale()
    installed = install_translators(qapp, "en")
    try:
        assert any(Path(t.filePath()) == QM for t in installed), "xiaoneng_en.qm not loaded"
        yield
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)


def form_label(form: FieldForm, name: str) -> str:
    box = form.fields[name].parentWidget()
    label = form.layout_.labelForField(box)
    assert label is not None
    return label.text()


def messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(c.findtext("name") or "", m) for c in root.iter("context") for m in c.iter("message")]


# ------------------------------------------------------------------ the files


def test_every_message_has_an_english_translation() -> None:
    found = messages()
    assert len(found) > 500
    for context, message in found:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None, (context, source)
        assert translation.get("type") is None, (context, source, translation.get("type"))
        text = translation.text or ""
        assert text.strip(), (context, source)
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
            context,
            source,
            text,
        )


def test_the_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    assert QM.exists()
    if QM.stat().st_mtime >= TS.stat().st_mtime:
        return
    # A checkout does not keep the files' times: compile again and compare.
    fresh = tmp_path / "fresh.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == QM.read_bytes(), "xiaoneng_en.qm is older than the .ts"


def test_the_domain_and_profile_names_are_listed_for_the_translators() -> None:
    listed = Path(__file__).resolve().parents[2] / "desktop" / "ui" / "datanames.py"
    assert listed.read_text(encoding="utf-8") == data_names_source(), (
        "run `.venv/bin/python -m desktop.ui.i18n` after changing a profile's names"
    )


def test_the_cores_message_templates_are_listed_for_the_translators() -> None:
    listed = Path(__file__).resolve().parents[2] / "desktop" / "ui" / "coremessages.py"
    assert listed.read_text(encoding="utf-8") == core_messages_source(), (
        "run `.venv/bin/python -m desktop.ui.i18n` after changing the core's msg() texts"
    )


@pytest.mark.usefixtures("english")
def test_the_cores_texts_show_in_english() -> None:
    # values: a nested message, a domain name (through tr_data) and a person's name
    refused = msg("当前用户无权{action}", action=msg("公开问责决定"))
    assert refused == "当前用户无权公开问责决定"
    assert tr_message(refused) == "You are not allowed to publish the accountability decision"
    # a phrase made to go inside other texts starts with a capital when shown alone
    assert tr_message(msg("公开问责决定")) == "Publish the accountability decision"
    state = msg("方案当前状态为“{state}”，只有草稿或已退回的方案可以修改", state="待审批")
    assert (
        tr_message(state)
        == 'The plan is "Awaiting approval"; only draft or returned plans can be edited'
    )
    count = msg(
        "督查、检查或调查不得少于{minimum}人：督查组只有{count}名不同的督查人员", minimum=2, count=1
    )
    assert tr_message(count) == (
        "An inspection needs at least 2 people: the team has only 1 distinct inspector(s)"
    )
    assert tr_message(Forbidden(refused).message) == error_text(Forbidden(refused))
    assert tr_refusal(Refusal("team.too_small", count, "MAS 15")) == (
        "An inspection needs at least 2 people: the team has only 1 distinct inspector(s) (MAS 15)"
    )
    # a text with no translation, and plain strings, are shown as they are
    assert tr_message(msg("尚未翻译的{n}项", n=3)) == "尚未翻译的3项"
    # a translation starting with a value leaves the value as it is
    assert tr_message(msg("{username}：用户名或密码错误", username="huangh")).startswith("huangh")
    assert tr_message("张三") == "张三"


@pytest.mark.usefixtures("english")
def test_a_rule_refusal_shows_in_english_beside_the_team(window: Make) -> None:
    main = window("wangjg")
    plans = main.show_page("plans")
    plans.new_button.click()
    # only the signed-in inspector on the team: the domain's live hint, in English
    assert plans.team_hint.text().startswith("An inspection needs at least 2 people")
    dashboard = main.show_page("dashboard")
    actions = {
        dashboard.task_model.data(dashboard.task_model.index(r, 2))
        for r in range(dashboard.task_model.rowCount())
    }
    assert actions and not any(CJK.search(text) for text in actions), actions


@pytest.mark.usefixtures("english")
def test_plan_states_kinds_and_actions_show_in_english(window: Make) -> None:
    main = window("wangjg")
    plans = main.show_page("plans")
    states = [plans.state_filter.itemText(i) for i in range(plans.state_filter.count())]
    assert {"Draft", "Awaiting approval", "Approved", "Returned"} <= set(states)
    kinds = [plans.kind.itemText(i) for i in range(plans.kind.count())]
    assert "Unannounced visit" in kinds and "Special inspection" in kinds
    shown = {plans.model.data(plans.model.index(r, 3)) for r in range(plans.model.rowCount())}
    assert shown and not any(re.search(r"[\u4e00-\u9fff]", text) for text in shown), shown
    assert plans.action_buttons[next(iter(plans.action_buttons))].text().isascii()


# ------------------------------------------------------------------ the window


@pytest.mark.usefixtures("english")
def test_main_window_in_english(window: Make) -> None:
    for username in ("wangjg", "zhengl", "admin"):
        main = window(username)
        labels = [main.nav.item(i).text() for i in range(main.nav.count())]
        assert labels == [NAVIGATION[key] for key in main.page_keys()]
        assert main.windowTitle().startswith("Efficiency Supervision — ")
        # Every title is shown whole: wide enough, or wrapped.
        assert main.nav.horizontalScrollBar().maximum() == 0
    dashboard = main.show_page("dashboard")
    assert dashboard.greeting.text().startswith("Good morning, ")


@pytest.mark.usefixtures("english")
def test_sign_in_dialog_in_english(qtbot: QtBot, ctx: Context) -> None:
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Efficiency Supervision — Sign in"
    assert dialog.ok.text() == "Sign in"
    assert form_label(dialog.form, "username") == "Username"
    assert form_label(dialog.form, "password") == "Password"
    texts = [b.text() for b in dialog.findChildren(QPushButton)]
    assert "Cancel" in texts
    assert not any(CJK.search(t) for t in texts)


@pytest.mark.usefixtures("english")
def test_settings_page_in_english_saves_the_language(window: Make) -> None:
    main = window("admin")
    page = main.show_page("settings")
    assert isinstance(page, SettingsPage)
    titles = [box.title() for box in page.findChildren(QGroupBox)]
    assert titles == ["Interface", "This computer", "Backup and restore"]
    assert form_label(page.ui_form, "language") == "Language"
    assert form_label(page.form, "idle_lock_minutes") == "Lock when idle for"
    assert page.idle.suffix() == " min"
    assert page.calendar.text().startswith("Public holidays are entered for ")
    assert page.data.text().startswith("Data folder: ")
    buttons = {b.text() for b in page.findChildren(QPushButton)}
    assert {"Save interface settings", "Save settings for this computer"} <= buttons

    assert QSettings().value("ui/language") is None
    page.language.setCurrentIndex(page.language.findData("en"))
    save = next(b for b in page.findChildren(QPushButton) if b.text() == "Save interface settings")
    save.click()
    assert QSettings().value("ui/language") == "en"
    assert page.ui_note.text() == "The language takes effect at the next start."


def test_chinese_again_after_the_english_tests(window: Make) -> None:
    main = window("wangjg")
    assert main.nav.item(0).text() == "工作台"
    assert CJK.search(main.windowTitle())
