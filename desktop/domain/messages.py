"""Texts the core shows its users (提示文字): Chinese, and translatable by the UI.

The Qt-free core (domain rules, services, sync) speaks Simplified Chinese. A
text a user reads (a refusal, an error, a task's label, a progress line) is
made with :func:`msg` from a template and its values. The result is the
Chinese text itself, a ``str``: it is compared, logged, stored and sent as
before. It also keeps its template and values, so that the UI shows it in the
user's language: ``desktop.ui.i18n.tr_message`` looks the template up in Qt's
translations (context :data:`CONTEXT`) and fills the values in, each of them
translated too where it is itself a message or a domain name.
``python -m desktop.ui.i18n`` lists every template for the translators.

A template is a literal ``str.format`` pattern with named fields:
``msg("方案须有至少{count}名检查人员", count=2)``, never an f-string (the
translators need the pattern, and a test checks the core raises none).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

CONTEXT = "Messages"
"""The Qt translation context of the core's templates."""


class Message(str):
    """A text from :func:`msg`: the Chinese text, with the template and values it was
    made from."""

    template: str
    values: Mapping[str, object]

    def __new__(cls, template: str, values: Mapping[str, object]) -> Message:
        text = super().__new__(cls, template.format_map(values) if values else template)
        text.template = template
        text.values = values
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.template, dict(self.values)))


def msg(template: str, /, **values: object) -> Message:
    """The text ``template`` with ``values`` filled in (``str.format`` fields)."""
    return Message(template, values)
