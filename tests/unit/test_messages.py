"""The core's user-facing texts (desktop.domain.messages): a Message is its Chinese text
wherever a str goes, keeps its template and values, and the core and the server make
every text a user reads through msg() (checked in the source)."""

from __future__ import annotations

import ast
import copy
import json
import pickle
import re
import sqlite3
from pathlib import Path

import orjson

from desktop.domain.messages import Message, msg
from desktop.ui.i18n import CORE_SOURCES, msg_calls

ROOT = Path(__file__).resolve().parents[2]
HANZI = re.compile(r"[\u4e00-\u9fff]")


def test_a_message_is_its_chinese_text() -> None:
    text = msg("方案须有至少{count}名检查人员，现有{names}", count=2, names="王建国")
    assert text == "方案须有至少2名检查人员，现有王建国"
    assert isinstance(text, str) and text.template == "方案须有至少{count}名检查人员，现有{names}"
    assert text.values == {"count": 2, "names": "王建国"}
    assert hash(text) == hash("方案须有至少2名检查人员，现有王建国")
    assert f"{text}" == str(text) == text
    # no values: the template is the text, braces and all
    assert msg("字段{名}") == "字段{名}"


def test_a_message_travels_as_its_text() -> None:
    text = msg("{name}的密码不正确", name="王建国")
    assert json.dumps(text, ensure_ascii=False) == '"王建国的密码不正确"'
    assert orjson.loads(orjson.dumps({"reason": text})) == {"reason": "王建国的密码不正确"}
    with sqlite3.connect(":memory:") as db:
        assert db.execute("select ?", (text,)).fetchone() == ("王建国的密码不正确",)
    for again in (pickle.loads(pickle.dumps(text)), copy.deepcopy(text), copy.copy(text)):
        assert again == text and isinstance(again, Message)
        assert again.template == text.template and again.values == text.values


# ------------------------------------------------------------------ the core's source

# user-facing texts are made in the core's modules; these are not the UI's texts
NOT_UI_TEXT = {
    "desktop/ui": "the UI: its texts are tr() calls, found by lupdate",
    "desktop/documents": "official documents are printed in Chinese whatever the UI's language",
    "desktop/demo.py": "demo data (names, agencies, facts a user would type)",
    "desktop/store/migrations": "database migrations",
    "desktop/domain/profile.py": "diagnostics for those who write a rule profile (bilingual)",
    "desktop/domain/calendar.py": "diagnostics of the holiday table file, for its maintainer",
    "desktop/store/audit.py": "printed by the --verify-audit command, not the UI",
    "desktop/__main__.py": "the command line's description",
    "desktop/crypto/": "errors for a caller's mistake (ValueError), never shown to a user",
    "server/app.py": "the API's description in /openapi.json, for developers",
}
# single literals that stay Chinese, and why
LEFT_AS_DATA = (
    {
        ("desktop/domain/plans.py", name): "a plan state or action name, shown through tr_data"
        for name in (
            *("草稿", "待审批", "已退回", "待主要负责人审批", "已批准", "实施中"),
            *("已形成报告", "已办结", "提交审批", "审批", "作主要负责人审批", "退回"),
            *("开始实施", "提交督查报告", "办结"),
        )
    }
    | {
        ("desktop/services/directory.py", name): "an agency kind or level name (the UI has its own)"
        for name in ("机关/单位", "效能办", "省级", "设区市级", "县（市、区）级", "乡（镇）、街道")
    }
    | {
        ("desktop/services/documents.py", "号"): "part of a document number (发文字号)",
        (
            "desktop/services/visits.py",
            "Kinds of evidence (照片 / 扫描件 / 录音 / 其他).",
        ): "a docstring",
        ("desktop/services/sync.py", "已放弃本机更改（"): "kept in the outbox's reason column",
        ("desktop/services/sync.py", "已重新提交为新操作 "): "kept in the outbox's reason column",
        ("desktop/sync/engine.py", "账户与密钥由中心服务器管理，此操作只在本机生效，不发送"): (
            "kept in the outbox's reason column"
        ),
        ("desktop/sync/engine.py", "服务器拒绝了该操作"): (
            "kept in the outbox's reason column, as the server's own reasons are"
        ),
        ("server/numbers.py", "0号"): "part of a document number (发文字号)",
        ("server/numbers.py", "([1-9][0-9]*)号"): "part of a document number (发文字号)",
        ("server/numbers.py", "机关代字, e.g. 闽效问"): "a field's description in /openapi.json",
    }
    | {
        ("server/sync/push.py", why): "why a snapshot op was logged: the server's log only"
        for why in (
            "暗访方案已形成报告或办结，向所有用户公开",
            "暗访方案督查组新增成员",
            "问责决定已签发",
        )
    }
)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _templates(tree: ast.AST) -> set[int]:
    return {id(call.args[0]) for call in msg_calls(tree) if call.args}


def chinese_literals() -> list[str]:
    """``path:line: text`` of every string literal with hanzi in the core that is
    neither a docstring nor a msg() template."""
    found = []
    for folder in CORE_SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(tuple(NOT_UI_TEXT)):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            skip = _docstrings(tree) | _templates(tree)
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and HANZI.search(node.value)
                    and id(node) not in skip
                    and (relative, node.value) not in LEFT_AS_DATA
                ):
                    found.append(f"{relative}:{node.lineno}: {node.value}")
    return found


def test_the_core_makes_every_text_a_user_reads_with_msg() -> None:
    """A Chinese literal in the core is a msg() template, a docstring, or listed here
    with the reason it stays as it is: the English UI would show it in Chinese."""
    assert chinese_literals() == []
