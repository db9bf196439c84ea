"""Types every rule module shares: roles, subjects and the way a rule says no.

A rule never raises on a plain "no": it returns :class:`Refusal` values, each
with a stable ``code`` (for the UI, the server and the translations), a
Chinese ``message`` for the user, and the ``article`` it comes from. Callers
that must not go on turn them into a :class:`RuleViolation` with
:func:`require`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.messages import msg


class Role(StrEnum):
    """A user's role (角色). One user may hold several."""

    INSPECTOR = "inspector"  # 督查人员
    SUPERVISOR = "supervisor"  # 科室负责人 / 机构负责人
    OFFICE_HEAD = "office_head"  # 效能办主要负责人 / 领导机构主要负责人
    COMPLAINT_HANDLER = "complaint_handler"  # 投诉受理人员
    ADMINISTRATOR = "administrator"  # 系统管理员


class SubjectKind(StrEnum):
    """Who an accountability decision is about (问责对象)."""

    AGENCY = "agency"  # 机关/单位
    OFFICIAL = "official"  # 机关工作人员


@dataclass(frozen=True)
class Refusal:
    """Why a rule refuses something (拒绝理由)."""

    code: str
    message: str
    article: str

    def __str__(self) -> str:
        return f"{self.message}（{self.article}）" if self.article else self.message


class RuleViolation(Exception):
    """Raised by :func:`require` when one or more rules refuse."""

    def __init__(self, refusals: Iterable[Refusal]) -> None:
        self.refusals: tuple[Refusal, ...] = tuple(refusals)
        super().__init__("；".join(str(r) for r in self.refusals))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.refusals)


def require(refusals: Iterable[Refusal]) -> None:
    """Raise :class:`RuleViolation` if there is any refusal."""
    found = tuple(refusals)
    if found:
        raise RuleViolation(found)


def enumeration(items: Sequence[str], *, alternatives: bool = False) -> str:
    """``items`` as one text (列举): 甲、乙、丙, or 甲或乙 for ``alternatives``.

    Each item keeps its own translation (a message, or a domain name) where the
    UI shows the text; an empty sequence gives "".
    """
    if not items:
        return ""
    text = items[0]
    for item in items[1:]:
        if alternatives:
            text = msg("{items}或{item}", items=text, item=item)
        else:
            text = msg("{items}、{item}", items=text, item=item)
    return text
