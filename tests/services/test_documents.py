"""Official documents: the templates in forms/, filling them from records,
document numbers at sign-off, and the complainant's confidentiality.

The demo data set (built once for the module, plus a few Ma'anshan records
the demo does not have) gives every kind of document in both profiles; the
numbering tests use the small per-test store of the conftest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import desktop.services.documents as documents_service
from desktop.demo import DEMO_COMPLAINANT, DEMO_PASSWORD, Demo, build_demo
from desktop.documents import forms, numbers, records
from desktop.documents.forms import FieldError, FormError, fill, load_forms, parse_template
from desktop.documents.model import Document, Heading, Paragraph, SignatureLines, Table
from desktop.domain.common import RuleViolation
from desktop.resources import load_profile
from desktop.services import auth, complaints, decisions, plans, rectifications, visits
from desktop.services.auth import UserSession
from desktop.services.base import Context, Forbidden, InvalidInput
from desktop.services.documents import (
    DocumentWorkflowError,
    build_document,
    sign_off_document,
)
from desktop.store.db import DB_FILE, open_store
from desktop.store.models import (
    AuditEntry,
    Decision,
    DocumentCounter,
    IssuedDocument,
    Official,
    OutboxOp,
)

from .conftest import DEVICE, NOW, Clock, Office

Login = Callable[[str], UserSession]
D = dt.date
ROOT = Path(__file__).resolve().parents[2]
FJ = load_profile("fujian-2024")
MAS = load_profile("maanshan-2005")
#: Names of every demo complainant: never in a document made without a handler.
COMPLAINANTS = ("林晓梅", "陈志明", "黄丽华", "刘建平", "赵海燕")
KINDS = {
    "fujian-2024": {
        "accountability_decision",
        "appeal_decision",
        "complaint_reply",
        "complaint_supervision",
        "complaint_transfer",
        "inspection_record",
        "plan_approval",
        "rectification_notice",
        "supervision_suggestion",
        "unannounced_visit_record",
    },
}
KINDS["maanshan-2005"] = KINDS["fujian-2024"] | {"efficiency_warning_decision"}


def text_of(doc: Document) -> str:
    """Every piece of text a document prints."""
    parts = [doc.title, doc.issuer_mark or "", doc.number or "", doc.addressee or ""]
    for block in doc.blocks:
        if isinstance(block, Table):
            parts.extend(cell for row in block.rows for cell in row)
        elif isinstance(block, SignatureLines):
            parts.extend(block.labels)
        else:
            parts.append(block.text)
    parts.extend([*doc.attachments, doc.signature or "", *doc.copy_to, doc.printer or ""])
    parts.append(doc.confidential or "")
    return "\n".join(parts)


def table_rows(doc: Document) -> dict[str, str]:
    """The label → value rows of a form's first table."""
    table = doc.blocks[0]
    assert isinstance(table, Table)
    return {row[0]: row[1] for row in table.rows if len(row) == 2}


# --------------------------------------------------------------------------
# The demo, with the Ma'anshan records it lacks


@dataclasses.dataclass
class DemoStore:
    ctx: Context
    mas: Context
    demo: Demo
    clock: Clock
    extra: dict[str, str]
    session: Callable[[str], UserSession]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory, fast_hashing: None) -> Iterator[DemoStore]:
    folder = tmp_path_factory.mktemp("demo")
    store = open_store(folder)
    demo = build_demo(Context(store, DEVICE, FJ))
    clock = Clock(dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC))  # 10:00 in China
    fj = Context(store, DEVICE, FJ, clock=clock)
    mas = Context(store, DEVICE, MAS, clock=clock)

    def session(username: str) -> UserSession:
        return auth.sign_in(fj, username, DEMO_PASSWORD)

    a, o, c = demo.agencies, demo.officials, demo.complaints
    sup, head, handler = session("linzq"), session("huangh"), session("zhengl")

    def on(month: int, day: int) -> None:  # 10:00 in China; the users stay signed in
        clock.now = dt.datetime(2026, month, day, 2, 0, tzinfo=dt.UTC)
        for user in (sup, head, handler):
            user.last_activity = clock.now

    extra: dict[str, str] = {}
    # A Ma'anshan decision without 效能告诫: 效能责任追究决定书 (MAS 18).
    extra["mas_decision"] = decisions.draft_decision(
        mas,
        sup,
        decider_id=a["mas_office"],
        subject_kind="official",
        subject_agency_id=a["hs_service"],
        subject_official_id=o["xuhui"],
        ground_ids=["mas18_conduct"],
        measure_ids=["circulated_criticism"],
        facts="窗口工作时间擅自离岗，群众等候四十分钟。",
    )
    decisions.sign_decision(mas, head, extra["mas_decision"], decided_on=D(2026, 11, 26))
    # 监察建议 with the 效能告诫 (MAS 22 第三款) and a 整改通知.
    extra["mas_suggestion"] = rectifications.issue_rectification(
        mas,
        sup,
        kind="suggestion",
        agency_id=a["mas_land"],
        decision_id=demo.decisions["zhoujie"],
        content="建立不动产登记申请材料清单公示制度，杜绝要求群众提供法定以外的证明材料",
        issued_on=D(2026, 11, 27),
    )
    extra["mas_notice"] = rectifications.issue_rectification(
        mas,
        sup,
        kind="requirement",
        agency_id=a["mas_land"],
        complaint_id=c["mas_hotline"],
        content="对窗口要求提供的证明材料逐项清理，取消无法定依据的证明。",
        issued_on=D(2026, 11, 27),
    )
    # A Ma'anshan complaint transferred, then closed (MAS 15, 16).
    on(11, 12)
    complaints.route_complaint(
        mas,
        handler,
        c["mas_hotline"],
        mode="transfer",
        handler_agency_id=a["mas_land"],
        time_limit=D(2026, 11, 20),
        requirements="核实窗口是否要求提供无法定依据的证明材料。",
    )
    on(11, 24)
    complaints.close_complaint(
        mas,
        handler,
        c["mas_hotline"],
        result="founded",
        explanation="",
        reply_channel="hotline_12345",
        reply="经核实，窗口确有要求提供无法定依据证明材料的情况，已责令改正。",
        follow_up=["accountability", "rectification"],
    )
    # A Ma'anshan complaint under supervision (督办).
    on(11, 25)
    extra["mas_supervised"] = complaints.register_complaint(
        mas,
        handler,
        channel="letter",
        received_on=D(2026, 11, 25),
        subject_agency_id=a["hs_service"],
        matter="政务服务中心窗口午间无人值守。",
        identity=None,
    )
    complaints.route_complaint(
        mas,
        handler,
        extra["mas_supervised"],
        mode="supervise",
        handler_agency_id=a["hs_service"],
        time_limit=D(2026, 12, 2),
        requirements="督促限期整改并书面报告。",
    )
    # Ma'anshan visits, announced and unannounced (MAS 14, 15).
    inspector = session("wangjg")
    both = [("wangjg", DEMO_PASSWORD), ("chenj", DEMO_PASSWORD)]
    team = [demo.users["wangjg"], demo.users["chenj"]]
    for key, kind, announced in (
        ("mas_check", "complaint_investigation", True),
        ("mas_secret", "unannounced", False),
    ):
        inspector.last_activity = sup.last_activity = clock.now
        plan_id = plans.create_plan(
            mas,
            inspector,
            title="花山区政务服务中心窗口作风" + ("检查" if announced else "暗访"),
            kind=kind,
            subject_agency_id=a["hs_service"],
            scope="窗口值守、一次性告知",
            method="现场察看、询问办事群众",
            starts_on=D(2026, 11, 25),
            ends_on=D(2026, 11, 28),
            team_ids=team,
        )
        plans.submit_plan(mas, inspector, plan_id)
        plans.approve_plan(mas, sup, plan_id)
        extra[key] = visits.open_visit(
            mas,
            inspector,
            plan_id,
            visited_on=D(2026, 11, 25),
            place="花山区政务服务中心二楼",
            announced=announced,
            identity_shown=announced,
            confirmations=both,
        )
        visits.update_visit(
            mas, inspector, extra[key], observations="12:10 至 12:40 两个窗口无人。"
        )
    on(11, 27)
    # 复核 of the 效能告诫 by the body that decided (MAS 24).
    appeal = decisions.register_appeal(
        mas,
        sup,
        demo.decisions["zhoujie"],
        received_on=D(2026, 11, 27),
        body_id=a["mas_office"],
        written=True,
        grounds=["facts_disputed"],
        statement="所要求的材料系上级业务部门的规定。",
    )
    decisions.decide_appeal(
        mas,
        head,
        appeal,
        decided_on=D(2026, 11, 27),
        outcome="upheld",
        reasons="上级业务部门的规定不能作为增设证明材料的依据，原决定认定事实清楚。",
    )
    extra["mas_appeal"] = appeal
    yield DemoStore(fj, mas, demo, clock, extra, session)
    store.close()


def all_documents(ds: DemoStore) -> list[Document]:
    out = []
    with ds.ctx.transaction() as db:
        for record_type in forms.RECORD_TYPES:
            for record_id in records.record_ids(db, record_type):
                out.extend(
                    records.build_documents(db, record_type, record_id, today=D(2026, 11, 27))
                )
    return out


# --------------------------------------------------------------------------
# Templates


def test_every_template_of_both_profiles_loads() -> None:
    for profile in (FJ, MAS):
        forms_ = load_forms(profile)
        assert set(forms_.templates) == KINDS[profile.id]
        for template in forms_.templates.values():
            if template.numbered:
                assert template.number_prefix in profile.documents.number_prefixes
    assert load_forms(FJ).template("accountability_decision").title.text == "效能问责决定书"
    assert load_forms(MAS).template("accountability_decision").title.text == "效能责任追究决定书"
    assert load_forms(MAS).template("supervision_suggestion").title.text == "监察建议书"


GOOD = """
[form]
kind = "example"
record = "decision"
title = "示例"
number_prefix = "accountability_decision"
copy_to = ["甲", { text = "{extra}", when = "extra" }, { for_each = "names", text = "{n}.{item}" }]

[[blocks]]
paragraph = "给予{subject}{measures|join}，共{count|cn}项；{{字面括号}}"

[[blocks]]
paragraph = "（{cn}）{item.text}"
for_each = "grounds"
when = "item.text"

[[blocks]]
heading = "附加"
when = "!extra"

[[blocks]]
widths = [0.3, 0.7]
table = [["对象", "{subject}"], { cells = ["额外", "{extra}"], when = "extra" }, ["跨列"]]
"""


def good_context(**kw: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "subject": "张三同志",
        "measures": ["诫勉教育", "通报批评"],
        "count": 2,
        "grounds": [{"text": "第一条"}, {"text": None}, {"text": "第二条"}],
        "extra": None,
        "names": ["乙", "丙"],
        "number": None,
    }
    context.update(kw)
    return context


def test_fill_resolves_placeholders_when_and_for_each() -> None:
    template = parse_template(GOOD, "example.toml")
    doc = fill(template, good_context())
    assert doc.blocks[0] == Paragraph("给予张三同志诫勉教育、通报批评，共二项；{字面括号}")
    assert doc.blocks[1:3] == (Paragraph("（一）第一条"), Paragraph("（三）第二条"))
    assert doc.blocks[3] == Heading("附加")
    assert doc.blocks[4] == Table((("对象", "张三同志"), ("跨列",)), (0.3, 0.7))
    assert doc.copy_to == ("甲", "1.乙", "2.丙")
    # No number: a draft, marked in the title.
    assert (doc.number, doc.title, doc.metadata["draft"]) == (None, "示例（草稿）", "true")
    signed = fill(template, good_context(number="闽效问〔2026〕3号", extra="补充"))
    assert (signed.number, signed.title) == ("闽效问〔2026〕3号", "示例")
    assert signed.copy_to == ("甲", "补充", "1.乙", "2.丙")
    assert len(signed.blocks) == 4  # the heading's "!extra" is false now


@pytest.mark.parametrize(
    ("change", "field", "key"),
    [
        ({"subject": None}, "subject", "blocks[0].paragraph"),  # present, but no value
        ({"subject": "  "}, "subject", "blocks[0].paragraph"),  # empty text: never a blank
        ({"measures": []}, "measures", "blocks[0].paragraph"),
        ({"grounds": "第一条"}, "grounds", "blocks[1]"),  # for_each needs a list
    ],
)
def test_a_missing_or_empty_field_names_the_template_and_the_field(
    change: dict[str, Any], field: str, key: str
) -> None:
    template = parse_template(GOOD, "forms/x/example.toml")
    with pytest.raises(FieldError) as err:
        fill(template, good_context(**change))
    assert err.value.source == "forms/x/example.toml" and err.value.field == field
    assert err.value.key == key and "example.toml" in str(err.value)
    context = good_context()
    del context["count"]
    with pytest.raises(FieldError, match=r"'count'.*missing"):
        fill(template, context)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (GOOD.replace('title = "示例"', 'title = "示例"\ncolour = "红"'), "form.colour"),
        (GOOD.replace("{subject}{measures|join}", "{subject"), "blocks[0].paragraph"),
        (GOOD.replace("{measures|join}", "{measures|upper}"), "blocks[0].paragraph"),
        (GOOD.replace("[0.3, 0.7]", "[0.3, 0.6]"), "blocks[3].widths"),
        (GOOD.replace('["跨列"]', '["a", "b", "c"]'), "blocks[3].table[2]"),
        (GOOD.replace('record = "decision"', 'record = "memo"'), "form.record"),
        (GOOD.replace('heading = "附加"', 'heading = "附加"\nlevel = 3'), "blocks[2].level"),
        (GOOD.replace('when = "item.text"', "when = 3"), "blocks[1].when"),
    ],
)
def test_a_bad_template_names_the_file_and_the_key(text: str, key: str) -> None:
    with pytest.raises(FormError) as err:
        parse_template(text, "forms/x/example.toml")
    assert err.value.source == "forms/x/example.toml"
    assert err.value.key == key, str(err.value)


def test_a_profile_set_checks_file_names_and_prefixes(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "forms", tmp_path / "forms")
    folder = tmp_path / "forms" / "fujian-2024"
    path = folder / "accountability_decision.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'number_prefix = "accountability_decision"', 'number_prefix = "memo"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(FormError) as err:
        load_forms(FJ, tmp_path / "forms")
    assert (
        err.value.key == "form.number_prefix" and "accountability_decision.toml" in err.value.source
    )
    path.rename(folder / "decision.toml")
    with pytest.raises(FormError) as err:
        load_forms(FJ, tmp_path / "forms")
    assert err.value.key == "form.kind" and "decision.toml" in err.value.source
    (folder / "decision.toml").unlink()
    (folder / forms.REGULATION_FILE).unlink()
    with pytest.raises(FormError) as err:
        load_forms(FJ, tmp_path / "forms")
    assert forms.REGULATION_FILE in err.value.source


def test_citations_are_written_out() -> None:
    assert records.citation("FJ 36 第一款第（三）项") == "第三十六条第一款第（三）项"
    assert records.citation("MAS 19（五）") == "第十九条第（五）项"
    assert records.citation("FJ 31、FJ 33") == "第三十一条、第三十三条"
    assert records.citation("MAS 12、MAS 15 第三款") == "第十二条、第十五条第三款"
    assert records.citation("FJ 35–40") == "第三十五条至第四十条"
    assert records.citation("FJ 21（察访核验）") == "第二十一条"
    assert records.citation("MAS 15；本产品对所有督查一律适用", "FJ") == ""
    assert forms.cn_numeral(44) == "四十四" and forms.cn_numeral(110) == "一百一十"


# --------------------------------------------------------------------------
# Every kind from the demo


def test_every_kind_of_both_profiles_fills_from_the_demo(demo_store: DemoStore) -> None:
    made: dict[str, set[str]] = {"fujian-2024": set(), "maanshan-2005": set()}
    for doc in all_documents(demo_store):
        made[doc.metadata["profile_id"]].add(doc.kind)
        text = text_of(doc)
        assert "{" not in text and "}" not in text, text  # every placeholder resolved
        assert "None" not in text and "  " not in doc.title
        for name in COMPLAINANTS:
            assert name not in text, (doc.kind, name)
    assert made == KINDS


def docs_of(ds: DemoStore, record_type: str, record_id: str) -> dict[str, Document]:
    with ds.ctx.transaction() as db:
        built = records.build_documents(db, record_type, record_id, today=D(2026, 11, 27))
    return {d.kind: d for d in built}


def test_fj_decision_carries_names_articles_measures_dates_and_number(
    demo_store: DemoStore,
) -> None:
    doc = docs_of(demo_store, "decision", demo_store.demo.decisions["zhangwei"])[
        "accountability_decision"
    ]
    assert doc.number is not None and doc.number.startswith("闽效问〔2026〕")
    assert doc.issuer_mark == "鼓楼区机关效能建设领导小组办公室" == doc.signature
    assert (doc.date, doc.addressee, doc.title) == (D(2026, 10, 28), "张伟同志", "效能问责决定书")
    text = text_of(doc)
    for fact in (
        "张伟，鼓楼区行政服务中心综合窗口科员",
        "未一次性告知申请材料",
        "第三十六条第一款第（二）项",
        "未能依法正确履行岗位职责、完成工作目标的",
        "决定给予张伟同志效能告诫",
        "五个月内不得参与和本职工作有关的先进评选（至2027年3月28日）",  # FJ 40
        "本决定予以公开",  # FJ 38
        "自收到本决定之日起三十日内，向福州市机关效能建设领导小组办公室提出书面申诉",  # FJ 41
        "申诉期间不停止本决定的执行",
        "不因提出申诉而加重问责",
    ):
        assert fact in text, fact
    assert doc.copy_to == ("鼓楼区行政服务中心", "组织人事部门")
    agency = docs_of(demo_store, "decision", demo_store.demo.decisions["gd_street"])
    agency_text = text_of(agency["accountability_decision"])
    assert (
        "被问责单位：鼓东街道办事处" in agency_text
        and "决定给予鼓东街道办事处通报批评" in agency_text
    )


def test_mas_decisions_order_apology_copy_to_four_bodies_and_offer_review(
    demo_store: DemoStore,
) -> None:
    warning = docs_of(demo_store, "decision", demo_store.demo.decisions["zhoujie"])
    assert set(warning) == {"efficiency_warning_decision"}  # not also 效能责任追究决定书
    doc = warning["efficiency_warning_decision"]
    assert doc.title == "效能告诫决定书" and doc.number == "马效告〔2026〕1号"
    assert doc.copy_to == ("组织人事部门", "目标办", "财政部门", "马鞍山市自然资源和规划局")
    text = text_of(doc)
    for fact in (
        "被告诫人：周杰，马鞍山市自然资源和规划局不动产登记窗口科员",
        "第十九条第（五）项",
        "决定给予周杰同志效能告诫",
        "责令责任人改正，并向投诉人赔礼道歉",  # MAS 18 第三款
        "扣发年度目标管理考核奖金的50%",  # MAS 20
        "函告组织人事部门、目标办、财政部门",  # MAS 22
        "监察建议",
        "按照行政处分的救济程序",  # MAS 24
        "申请复核",
    ):
        assert fact in text, fact
    other = docs_of(demo_store, "decision", demo_store.extra["mas_decision"])
    assert set(other) == {"accountability_decision"}
    doc = other["accountability_decision"]
    assert (doc.title, doc.number) == ("效能责任追究决定书", "马效追〔2026〕1号")
    text = text_of(doc)
    assert "决定给予徐慧同志通报批评" in text
    # MAS 18 第三款: no complaint behind this decision, so nobody to apologise to
    assert "第十八条第三款的规定，责令责任人改正。" in text and "赔礼道歉" not in text
    assert "取消当年评先评优资格" in text  # MAS 20, once in a year


def test_draft_decision_prints_as_a_draft_without_a_number(demo_store: DemoStore) -> None:
    doc = docs_of(demo_store, "decision", demo_store.demo.decisions["draft"])[
        "accountability_decision"
    ]
    assert (doc.number, doc.date, doc.title) == (None, None, "效能问责决定书（草稿）")
    assert doc.metadata["draft"] == "true"


def test_rectification_documents(demo_store: DemoStore) -> None:
    ds = demo_store
    with ds.ctx.transaction() as db:
        fj_id = records.record_ids(db, "rectification")[0]  # the demo's first: a requirement
    notice = docs_of(ds, "rectification", fj_id)["rectification_notice"]
    text = text_of(notice)
    assert notice.addressee == "福州市市场监督管理局" and "于2026年11月18日前整改到位" in text
    assert "《福建省机关效能建设工作条例》第二十八条" in text  # FJ 28
    assert "不动产登记“一窗受理”督查（一）" in text  # the plan it came from
    mas_notice = docs_of(ds, "rectification", ds.extra["mas_notice"])["rectification_notice"]
    text = text_of(mas_notice)
    assert "第十四条第（六）项" in text and "经效能投诉电话受理" in text  # MAS 14（六）
    suggestion = docs_of(ds, "rectification", ds.extra["mas_suggestion"])["supervision_suggestion"]
    text = text_of(suggestion)
    assert suggestion.title == "监察建议书（草稿）"
    assert "第二十二条第三款" in text and "本建议与马效告〔2026〕1号决定一并送交" in text


def test_complaint_slips_give_limit_and_requirements_and_hide_the_complainant(
    demo_store: DemoStore,
) -> None:
    c = demo_store.demo.complaints
    transfer = docs_of(demo_store, "complaint", c["lin_hotline"])
    assert set(transfer) == {"complaint_transfer"}  # not closed: no reply yet
    rows = table_rows(transfer["complaint_transfer"])
    assert rows["承办单位"] == "鼓楼区行政服务中心"
    assert rows["办理时限"] == "请于2026年11月30日前办结并书面反馈办理结果"
    assert rows["办理要求"] == "核实是否一次性告知，书面反馈办理结果。"
    assert rows["投诉人"] == "依照《条例》第三十四条的规定予以保密"
    assert "第三十一条、第三十三条" in rows["转办意见"]
    supervision = docs_of(demo_store, "complaint", c["anonymous"])["complaint_supervision"]
    rows = table_rows(supervision)
    assert rows["办结时限"].startswith("请于2026年12月4日前办结")


def test_reply_addresses_the_complainant_without_a_name(demo_store: DemoStore) -> None:
    c = demo_store.demo.complaints
    doc = docs_of(demo_store, "complaint", c["referral"])["complaint_reply"]
    text = text_of(doc)
    assert doc.addressee == records.COMPLAINANT == "投诉人"
    assert "2026年10月26日，我办经部门移送收到您反映" in text  # date and channel
    assert "您反映的问题属实" in text and "原渠道（部门移送）" in text
    assert "黄丽华" not in text
    mas = docs_of(demo_store, "complaint", c["mas_hotline"])
    assert set(mas) == {"complaint_transfer", "complaint_reply"}
    assert "《规定》第十五条第三款、第二十三条第二款" in text_of(mas["complaint_reply"])


def audit_actions(ctx: Context, complaint_id: str) -> list[str]:
    with ctx.transaction() as db:
        return list(
            db.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.entity_id == complaint_id)
                .order_by(AuditEntry.seq)
            )
        )


def test_only_a_handler_may_put_the_name_in_the_reply_and_it_is_audited(
    demo_store: DemoStore,
) -> None:
    ds = demo_store
    complaint_id = ds.demo.complaints["lin_hotline"]
    before = audit_actions(ds.ctx, complaint_id)
    plain = records.complaint_reply(ds.ctx, complaint_id)
    assert plain["complainant"] == "投诉人" and audit_actions(ds.ctx, complaint_id) == before
    assert DEMO_COMPLAINANT.name not in repr(plain)
    handler = ds.session("zhengl")
    named = records.complaint_reply(ds.ctx, complaint_id, reveal_as=handler)
    assert named["complainant"] == DEMO_COMPLAINANT.name and named["complainant_revealed"]
    assert audit_actions(ds.ctx, complaint_id) == [*before, "complaint.reveal_identity"]
    with pytest.raises(Forbidden):
        records.complaint_reply(ds.ctx, complaint_id, reveal_as=ds.session("wangjg"))
    assert audit_actions(ds.ctx, complaint_id)[-1] == "complaint.reveal_refused"
    # Through the service: the handler's reply letter to a closed complaint.
    referral = ds.demo.complaints["referral"]
    doc = build_document(ds.ctx, handler, "complaint_reply", referral, reveal_identity=True)
    assert doc.addressee == "黄丽华"
    assert audit_actions(ds.ctx, referral)[-1] == "complaint.reveal_identity"
    plain_doc = build_document(ds.ctx, handler, "complaint_reply", referral)
    assert plain_doc.addressee == "投诉人"


def test_appeal_decisions(demo_store: DemoStore) -> None:
    ds = demo_store
    with ds.ctx.transaction() as db:
        fj_appeal = next(i for i in records.record_ids(db, "appeal") if i != ds.extra["mas_appeal"])
    doc = docs_of(ds, "appeal", fj_appeal)["appeal_decision"]
    text = text_of(doc)
    # The demo's office head signed it off: numbered, no draft mark.
    assert doc.title == "申诉处理决定书" and doc.number == "闽效申〔2026〕1号"
    assert doc.addressee == "王芳同志"
    assert doc.signature == "福建省机关效能建设领导小组办公室" and doc.date == D(2026, 11, 26)
    assert doc.copy_to == ("福州市机关效能建设领导小组办公室",)  # FJ 41: the deciding body
    assert "闽效问〔2026〕" in text and "将原效能问责决定的通报批评变更为诫勉教育" in text
    assert "不因提出申诉而被加重问责" in text and "以同一理由继续申诉的，不予受理" in text
    mas = docs_of(ds, "appeal", ds.extra["mas_appeal"])["appeal_decision"]
    assert mas.title == "复核决定书（草稿）" and "复核决定：维持原决定" in text_of(mas)
    # MAS 24: reviewed by the body that decided, which issues this one: not copied to itself
    assert mas.signature == "马鞍山市机关效能建设工作领导小组办公室"
    assert mas.copy_to == ("马鞍山市自然资源和规划局",)


def test_plan_and_visit_records(demo_store: DemoStore) -> None:
    ds = demo_store
    p = ds.demo.plans
    major = docs_of(ds, "plan", p["first_approved"])["plan_approval"]
    rows = table_rows(major)
    assert rows["督查组成员"] == "王建国、陈静、刘洋（共3人）"
    assert (
        rows["科室负责人审批意见"].startswith("同意。") and "林志强" in rows["科室负责人审批意见"]
    )
    assert rows["主要负责人审批意见"] == "（待审批）"  # FJ 26: the second approval
    assert "第二十六条" in rows["重大督查事项"]
    assert major.confidential is None and major.number is None and "草稿" not in major.title
    secret = docs_of(ds, "plan", p["unannounced"])["plan_approval"]
    assert secret.confidential == "内部"
    mas = docs_of(ds, "plan", p["mas_special"])["plan_approval"]
    rows = table_rows(mas)
    assert rows["政府立项"].startswith("马政办〔2026〕41号") and "主要负责人审批意见" not in rows
    with ds.ctx.transaction() as db:
        visit_ids = records.record_ids(db, "visit")
    made = [d for i in visit_ids for d in docs_of(ds, "visit", i).values()]
    unannounced = [d for d in made if d.kind == "unannounced_visit_record"]
    announced = [d for d in made if d.kind == "inspection_record"]
    assert len(unannounced) == 2 and len(announced) == 3  # the demo's, then Ma'anshan's
    assert unannounced[0].confidential == "内部" and "暗访，未表明身份" in text_of(unannounced[0])
    signatures = announced[0].blocks[-1]
    assert isinstance(signatures, SignatureLines)
    assert signatures.labels[:2] == ("检查人员王建国（签名）", "检查人员陈静（签名）")
    assert "检查人员已事先出示证件、表明身份" in text_of(announced[0])


def test_signing_off_numbers_the_document_and_drops_the_draft_mark(
    demo_store: DemoStore,
) -> None:
    ds = demo_store
    head = ds.session("huangh")
    sup = ds.session("linzq")
    c = ds.demo.complaints
    with pytest.raises(DocumentWorkflowError):  # a reply only to a closed complaint
        sign_off_document(ds.ctx, sup, "complaint_reply", c["lin_hotline"])
    # The demo signed the transfer slip off on 11-26: signing again gives the same number.
    number = sign_off_document(ds.ctx, sup, "complaint_transfer", c["lin_hotline"])
    assert number == "闽效转〔2026〕1号"
    doc = docs_of(ds, "complaint", c["lin_hotline"])["complaint_transfer"]
    assert (doc.number, doc.title, doc.date) == (number, "效能投诉转办单", D(2026, 11, 26))
    assert sign_off_document(ds.ctx, sup, "complaint_reply", c["assigned"]) == "闽效复〔2026〕1号"
    assert sign_off_document(ds.ctx, sup, "complaint_reply", c["referral"]) == "闽效复〔2026〕2号"
    referral = docs_of(ds, "complaint", c["referral"])["complaint_reply"]
    assert (referral.number, referral.date) == ("闽效复〔2026〕2号", D(2026, 11, 27))
    with pytest.raises(Forbidden):  # the appeal decision is the office head's
        sign_off_document(ds.ctx, sup, "appeal_decision", ds.extra["mas_appeal"])
    assert sign_off_document(ds.ctx, head, "appeal_decision", ds.extra["mas_appeal"]) == (
        "马效复核〔2026〕1号"
    )
    mas = docs_of(ds, "appeal", ds.extra["mas_appeal"])["appeal_decision"]
    assert mas.number == "马效复核〔2026〕1号" and mas.title == "复核决定书"
    with pytest.raises(InvalidInput):  # tables and records carry no number
        sign_off_document(ds.ctx, sup, "plan_approval", ds.demo.plans["approved"])
    with pytest.raises(DocumentWorkflowError):  # a draft decision is numbered by signing it
        sign_off_document(ds.ctx, head, "accountability_decision", ds.demo.decisions["draft"])


# --------------------------------------------------------------------------
# Numbers (small store per test)


def notice(ctx: Context, sup: UserSession, office: Office, kind: str = "requirement") -> str:
    return rectifications.issue_rectification(
        ctx,
        sup,
        kind=kind,
        agency_id=office.city_agency,
        content="窗口服务须一次性告知办事材料",
        issued_on=D(2026, 9, 21),
    )


def counts(ctx: Context) -> tuple[int, int, int]:
    with ctx.transaction() as db:
        return (
            db.scalar(select(func.count()).select_from(IssuedDocument)) or 0,
            db.scalar(select(func.count()).select_from(AuditEntry)) or 0,
            db.scalar(select(func.count()).select_from(OutboxOp)) or 0,
        )


def test_numbers_run_1_2_3_per_prefix_and_year_and_restart_in_a_new_year(
    ctx: Context, login: Login, office: Office, clock: Clock
) -> None:
    sup = login("sup")
    notices = [notice(ctx, sup, office) for _ in range(4)]
    suggestions = [notice(ctx, sup, office, "suggestion") for _ in range(2)]
    got = [sign_off_document(ctx, sup, "rectification_notice", i) for i in notices[:3]]
    assert got == ["闽效改〔2026〕1号", "闽效改〔2026〕2号", "闽效改〔2026〕3号"]
    assert [sign_off_document(ctx, sup, "supervision_suggestion", i) for i in suggestions] == [
        "闽效建〔2026〕1号",  # another prefix, its own series
        "闽效建〔2026〕2号",
    ]
    # 2026-12-31 16:30 UTC is 2027-01-01 00:30 in China: the new year's series.
    clock.now = dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.UTC)
    sup = login("sup")
    assert sign_off_document(ctx, sup, "rectification_notice", notices[3]) == "闽效改〔2027〕1号"
    with ctx.transaction() as db:
        rows = {(c.prefix, c.year): c.last for c in db.scalars(select(DocumentCounter))}
    assert rows == {("闽效改", 2026): 3, ("闽效建", 2026): 2, ("闽效改", 2027): 1}


def test_signing_off_again_keeps_the_number_and_writes_nothing(
    ctx: Context, login: Login, office: Office
) -> None:
    sup, head = login("sup"), login("head")
    record = notice(ctx, sup, office)
    first = sign_off_document(ctx, sup, "rectification_notice", record)
    before = counts(ctx)
    assert sign_off_document(ctx, head, "rectification_notice", record) == first
    assert counts(ctx) == before
    with ctx.transaction() as db:
        row = numbers.issued(db, "rectification_notice", record)
        assert row is not None and row.signed_by == sup.user_id
        op = db.scalars(select(OutboxOp).where(OutboxOp.entity == "issued_documents")).one()
        assert op.action == "document.sign_off" and op.changes["number"] == first
        entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "document.sign_off")).one()
        assert entry.entity_id == row.id


def test_a_rolled_back_sign_off_leaves_no_gap(
    ctx: Context, login: Login, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    sup = login("sup")
    a, b = notice(ctx, sup, office), notice(ctx, sup, office)
    assert sign_off_document(ctx, sup, "rectification_notice", a) == "闽效改〔2026〕1号"

    def failing_change(*args: Any, **kw: Any) -> Any:
        raise RuntimeError("disk full")

    monkeypatch.setattr(documents_service, "change", failing_change)
    before = counts(ctx)
    with pytest.raises(RuntimeError):
        sign_off_document(ctx, sup, "rectification_notice", b)
    assert counts(ctx) == before
    monkeypatch.undo()
    assert sign_off_document(ctx, sup, "rectification_notice", b) == "闽效改〔2026〕2号"


def test_only_supervisors_and_the_office_head_sign_off(
    ctx: Context, login: Login, office: Office
) -> None:
    record = notice(ctx, login("sup"), office)
    for username in ("insp_a", "handler", "admin"):
        with pytest.raises(Forbidden):
            sign_off_document(ctx, login(username), "rectification_notice", record)
    with pytest.raises(InvalidInput):  # a kind the record does not make
        sign_off_document(ctx, login("sup"), "complaint_reply", record)
    with pytest.raises(DocumentWorkflowError):  # a requirement is not a suggestion
        sign_off_document(ctx, login("sup"), "supervision_suggestion", record)
    assert counts(ctx)[0] == 0


def test_signing_a_decision_gives_its_number_in_the_same_transaction(
    ctx: Context, login: Login, office: Office
) -> None:
    sup, head = login("sup"), login("head")

    def draft(**kw: Any) -> str:
        args: dict[str, Any] = {
            "decider_id": office.city_office,
            "subject_kind": "official",
            "subject_agency_id": office.city_agency,
            "subject_official_id": office.official,
            "ground_ids": ["fj36_1_3"],
            "measure_ids": ["efficiency_warning"],
        }
        return decisions.draft_decision(ctx, sup, **{**args, **kw})

    first, second = draft(), draft()
    refused = draft(ground_ids=["fj36_2_3"], subject_official_id=office.head_official)
    with ctx.transaction() as db:  # no longer the head when it comes to signing
        official = db.get(Official, office.head_official)
        assert official is not None
        official.is_head = False
    view = decisions.sign_decision(ctx, head, first, decided_on=D(2026, 9, 18))
    assert view.document_number == "闽效问〔2026〕1号"
    with pytest.raises(RuleViolation):  # FJ 36 第二款 is for heads only: nothing numbered
        decisions.sign_decision(ctx, head, refused, decided_on=D(2026, 9, 18))
    view = decisions.sign_decision(ctx, head, second, decided_on=D(2026, 9, 21))
    assert view.document_number == "闽效问〔2026〕2号"
    with ctx.transaction() as db:
        decision = db.get(Decision, second)
        assert decision is not None and decision.document_number == "闽效问〔2026〕2号"
        row = numbers.issued(db, "accountability_decision", second)
        assert row is not None and (row.serial, row.signed_by) == (2, head.user_id)
        op = db.scalars(
            select(OutboxOp).where(OutboxOp.entity_id == second).order_by(OutboxOp.seq.desc())
        ).first()
        assert op is not None and op.changes["document_number"] == "闽效问〔2026〕2号"
    doc = build_document(ctx, head, "accountability_decision", second)
    assert doc.number == "闽效问〔2026〕2号" and "决定给予张三同志效能告诫" in text_of(doc)


def many_notices(ctx: Context, login: Login, office: Office, n: int) -> list[str]:
    sup = login("sup")
    return [notice(ctx, sup, office) for _ in range(n)]


def check_series(ctx: Context, ids: list[str], results: list[dict[str, str]]) -> None:
    """Every record one number, serials 1..n without a gap, every worker agrees."""
    with ctx.transaction() as db:
        rows = list(db.scalars(select(IssuedDocument)))
    assert sorted(r.serial for r in rows) == list(range(1, len(ids) + 1))
    assert {r.record_id for r in rows} == set(ids)
    by_record = {r.record_id: r.number for r in rows}
    for result in results:
        assert result == by_record


def test_concurrent_sign_offs_from_two_threads_give_no_duplicates(
    ctx: Context, login: Login, office: Office, clock: Clock
) -> None:
    ids = many_notices(ctx, login, office, 12)
    sup = login("sup")
    results: list[dict[str, str]] = [{}, {}]
    errors: list[BaseException] = []

    def work(index: int) -> None:
        own = Context(ctx.store, ctx.device_id, ctx.profile, clock=clock)
        user = dataclasses.replace(sup, last_activity=clock.now)
        order = list(ids)
        random.Random(index).shuffle(order)
        try:
            for record_id in order:
                results[index][record_id] = sign_off_document(
                    own, user, "rectification_notice", record_id
                )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    check_series(ctx, ids, results)


WORKER = textwrap.dedent(
    """
    import datetime as dt, json, random, sys
    from pathlib import Path
    from desktop.domain.common import Role, RuleViolation
    from desktop.resources import load_profile
    from desktop.services.auth import UserSession
    from desktop.services.base import Context
    from desktop.services.documents import sign_off_document
    from desktop.store.db import open_store

    folder, user_id, seed, ids = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    now = dt.datetime(2026, 9, 21, 1, 0, tzinfo=dt.UTC)
    ctx = Context(open_store(Path(folder)), "worker-" + str(seed), load_profile("fujian-2024"),
                  clock=lambda: now)
    user = UserSession(user_id, "sup", "sup", frozenset({Role.SUPERVISOR}), None, now)
    random.Random(seed).shuffle(ids)
    print(json.dumps({i: sign_off_document(ctx, user, "rectification_notice", i) for i in ids}))
    """
)


def test_concurrent_sign_offs_from_two_processes_give_no_duplicates(
    ctx: Context, login: Login, office: Office
) -> None:
    import json

    ids = many_notices(ctx, login, office, 10)
    folder = ctx.store.data_dir
    assert (folder / DB_FILE).is_file() and ctx.now() == NOW
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(folder), office.users["sup"], str(seed), *ids],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in (1, 2)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(json.loads(out))
    check_series(ctx, ids, results)


def test_a_reader_needs_a_role_for_the_record(ctx: Context, login: Login, office: Office) -> None:
    record = notice(ctx, login("sup"), office)
    doc = build_document(ctx, login("insp_a"), "rectification_notice", record)
    assert doc.title == "整改通知书（草稿）" and doc.metadata["record_id"] == record
    with pytest.raises(Forbidden):
        build_document(ctx, login("handler"), "rectification_notice", record)
