"""设置 → 备份与恢复 through the page: the administrator backs up, changes
something, restores (reading what the backup holds first, confirming), and
the app closes on the restored data; errors appear beside their field; other
users are not offered the buttons."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.demo import DEMO_PASSWORD
from desktop.resources import load_profile
from desktop.services import auth, backup, settings
from desktop.services.base import Context
from desktop.store.db import open_store
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.settings import BackupDialog, Page, RestoreDialog
from tests.accounts import FAST_ARGON2

PASSPHRASE = "office safe 2026"
WAIT = 60_000  # argon2id over 256 MiB on a loaded two-core machine


Make = Callable[[str], MainWindow]


class Quiet:
    """A progress sink for a backup made outside the page."""

    def update(self, done: int, total: int, text: str = "") -> None:
        return None

    def check(self) -> None:
        return None


def open_settings(window: Make, username: str) -> tuple[MainWindow, Page]:
    main = window(username)
    page = main.show_page("settings")
    assert isinstance(page, Page)
    return main, page


def click(qtbot: QtBot, dialog: QDialog) -> None:
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_backup(qtbot: QtBot, page: Page) -> BackupDialog:
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    dialog = page.backup_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def open_restore(qtbot: QtBot, page: Page) -> RestoreDialog:
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    dialog = page.restore_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def answer_when_shown(name: str, button: QMessageBox.StandardButton) -> None:
    """Click ``button`` on the message box ``name`` as soon as it is shown."""

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == name:
            box.button(button).click()
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(0, poll)


def test_backup_then_restore_through_the_page(
    qtbot: QtBot, window: Make, ctx: Context, tmp_path: Path
) -> None:
    main, page = open_settings(window, "admin")
    assert page.backup_button.isEnabled() and page.restore_button.isEnabled()
    dialog = open_backup(qtbot, page)
    assert dialog.target.path.text().endswith(".xnbak")
    target = tmp_path / "office.xnbak"
    dialog.target.path.setText(str(target))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.confirm.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):  # then the dialog is deleted
        click(qtbot, dialog)
    assert target.is_file()
    assert str(target) in page.backup_note.text() and "2 个证据文件" in page.backup_note.text()

    settings.set_profile(ctx, main.session, "maanshan-2005")  # after the backup

    restore = open_restore(qtbot, page)
    assert not restore.restore_ok.isEnabled()  # only once the backup has been read
    restore.source.path.setText(str(target))
    restore.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(restore.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(restore.restore_ok.isEnabled, timeout=WAIT)
    summary = restore.summary.text()
    assert "由 系统管理员 制作" in summary and "证据文件 2 个" in summary

    answer_when_shown("confirm_restore", QMessageBox.StandardButton.No)  # not yet
    click(qtbot, restore)
    assert restore.isVisible() and restore.result_ is None

    answer_when_shown("confirm_restore", QMessageBox.StandardButton.Yes)
    answer_when_shown("restore_done", QMessageBox.StandardButton.Ok)
    click(qtbot, restore)
    qtbot.waitUntil(lambda: not main.isVisible(), timeout=WAIT)  # the app closes
    result = restore.result_
    assert result is not None and result.previous is not None and result.previous.is_dir()

    fresh = Context(open_store(ctx.store.data_dir), ctx.device_id, load_profile("fujian-2024"))
    try:
        admin = auth.sign_in(fresh, "admin", DEMO_PASSWORD)
        assert settings.get_settings(fresh, admin).profile_id == "fujian-2024"
    finally:
        fresh.store.close()


def test_backup_errors_appear_beside_their_fields(
    qtbot: QtBot, window: Make, tmp_path: Path
) -> None:
    _, page = open_settings(window, "admin")
    dialog = open_backup(qtbot, page)
    dialog.target.path.clear()
    click(qtbot, dialog)
    assert "保存位置" in dialog.form.error_for("target")

    dialog.target.path.setText(str(tmp_path / "b.xnbak"))
    dialog.passphrase.setText("short")
    click(qtbot, dialog)
    assert "至少需要 10 个字符" in dialog.form.error_for("passphrase")

    dialog.passphrase.setText(PASSPHRASE)
    dialog.confirm.setText(PASSPHRASE + "!")
    click(qtbot, dialog)
    assert "不一致" in dialog.form.error_for("passphrase_confirm")
    assert dialog.form.error_for("passphrase") == ""

    dialog.target.path.setText(str(tmp_path / "no such folder" / "b.xnbak"))
    dialog.confirm.setText(PASSPHRASE)
    click(qtbot, dialog)  # refused by the service, in the background
    qtbot.waitUntil(lambda: dialog.form.error_for("target") != "", timeout=WAIT)
    assert "文件夹不存在" in dialog.form.error_for("target")
    assert dialog.isVisible() and [p.name for p in tmp_path.iterdir()] == ["data"]


def test_restore_errors_appear_beside_their_fields(
    qtbot: QtBot, window: Make, ctx: Context, tmp_path: Path
) -> None:
    main, page = open_settings(window, "admin")
    restore = open_restore(qtbot, page)
    qtbot.mouseClick(restore.read_button, Qt.MouseButton.LeftButton)
    assert "请选择备份文件" in restore.form.error_for("source")

    other = tmp_path / "notes.xnbak"
    other.write_bytes(b"not a backup at all, just some notes")
    restore.source.path.setText(str(other))
    restore.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(restore.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: restore.form.error_for("source") != "", timeout=WAIT)
    assert "不是效能督查的备份文件" in restore.form.error_for("source")

    made = backup.make_backup(
        ctx, main.session, tmp_path / "b.xnbak", PASSPHRASE, Quiet(), params=FAST_ARGON2
    )
    restore.source.path.setText(str(made.path))
    restore.passphrase.setText("wrong passphrase")
    qtbot.mouseClick(restore.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: restore.form.error_for("passphrase") != "", timeout=WAIT)
    assert "口令不正确" in restore.form.error_for("passphrase")
    assert not restore.restore_ok.isEnabled() and restore.summary.text() == ""


def test_other_users_are_not_offered_backup_or_restore(window: Make) -> None:
    _, page = open_settings(window, "wangjg")
    assert not page.backup_button.isEnabled() and not page.restore_button.isEnabled()
    assert "只有管理员" in page.backup_note.text()
