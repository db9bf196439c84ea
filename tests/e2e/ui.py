"""The visit on laptop A through the app's own windows (Qt, offscreen), for
the laptop driver (:mod:`tests.e2e.laptop`): the inspector's main window,
the 现场检查 page and the presence dialog (在场确认) where each inspector
types their own password. Imported only when a command asks for it, so a
laptop driven through the services alone never loads Qt.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from desktop.services.auth import UserSession
from desktop.services.base import Context


def _visits_page(ctx: Context, session: UserSession) -> Any:
    """A main window signed in as ``session``, on its 现场检查 page."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.ui.app import make_application
    from desktop.ui.main_window import MainWindow

    make_application()
    window = MainWindow(ctx, session)
    window.show()
    return window, window.show_page("visits")


def _confirm(dialog: Any, confirmations: Sequence[Sequence[str]]) -> dict[str, Any]:
    """Type the (username, password) rows and press OK; what the dialog shows."""
    for index, (username, password) in enumerate(confirmations):
        row = dialog.rows[index] if index < len(dialog.rows) else dialog.add_row()
        if not row.username.isReadOnly():
            row.username.setText(username)
        row.password.setText(password)
    dialog.submit()
    errors = {f"password_{i}": dialog.error_for(f"password_{i}") for i in range(len(dialog.rows))}
    return {"open": dialog.isVisible(), "errors": {k: v for k, v in errors.items() if v}}


def open_visit(
    ctx: Context,
    session: UserSession,
    plan_id: str,
    place: str,
    attempts: Sequence[Sequence[Sequence[str]]],
    texts: dict[str, str],
) -> dict[str, Any]:
    """开始检查 on the plan: the presence dialog (an 暗访 plan starts as 暗访,
    identity not shown) filled with each of ``attempts`` in turn until it
    closes; then the record's ``texts`` typed and saved (保存记录). Returns
    what each attempt showed and the visit's id."""
    window, page = _visits_page(ctx, session)
    try:
        page.focus_record(plan_id)
        page.start_visit()
        dialog = page.presence
        shown: dict[str, Any] = {
            "unannounced": dialog.unannounced.isChecked(),
            "identity_shown_enabled": dialog.identity_shown.isEnabled(),
            "signed_in_first": dialog.rows[0].username.text(),
            "attempts": [],
        }
        dialog.place.setText(place)
        for confirmations in attempts:
            shown["attempts"].append(_confirm(dialog, confirmations))
            if not dialog.isVisible():
                break
        visit = page.visit
        shown["visit"] = visit.id if visit is not None else None
        for name, text in texts.items():
            page.texts[name].setPlainText(text)
        page.save_button.click()
        return shown
    finally:
        window.close()


def finalise_visit(
    ctx: Context, session: UserSession, visit_id: str, confirmations: Sequence[Sequence[str]]
) -> dict[str, Any]:
    """完成检查: the visit opened from the page, both confirm again; what shows."""
    window, page = _visits_page(ctx, session)
    try:
        page.focus_record(visit_id)
        page.finalise_button.click()
        shown = _confirm(page.presence, confirmations)
        shown["details"] = page.details.text()
        shown["read_only"] = page.texts["observations"].isReadOnly()
        return shown
    finally:
        window.close()
