"""The demo data set (演示数据): realistic, deterministic, made through the services.

Two agency trees (福建省 under the Fujian profile, 马鞍山市 under the
Ma'anshan profile), the office's users, inspection plans in every state,
visits with evidence, complaints from every channel — among them 林晓梅, whose
identity anyone can look for in the data folder and not find — decisions, an
appeal, rectifications and ratings. Everything goes through the same services
the UI uses, so the demo also exercises the rules, the vault and the audit
trail. Every demo user's password is :data:`DEMO_PASSWORD`.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from desktop.crypto import ComplainantIdentity, generate_keypair
from desktop.domain.common import Role
from desktop.resources import load_profile
from desktop.services import (
    auth,
    complaints,
    decisions,
    documents,
    plans,
    rectifications,
    visits,
)
from desktop.services.base import Context
from desktop.store.models import Agency, Official, Setting

DEMO_PASSWORD = "xiaoneng2026"
DEMO_COMPLAINANT = ComplainantIdentity(
    name="林晓梅",
    id_number="350102199003076721",
    phone="13905912345",
    address="福州市鼓楼区五四路 88 号",
    notes="来电称窗口多次要求补交材料",
)
# (username, display name, roles)
DEMO_USERS = (
    ("admin", "系统管理员", (Role.ADMINISTRATOR,)),
    ("wangjg", "王建国", (Role.INSPECTOR,)),
    ("chenj", "陈静", (Role.INSPECTOR,)),
    ("liuy", "刘洋", (Role.INSPECTOR,)),
    ("linzq", "林志强", (Role.SUPERVISOR,)),
    ("huangh", "黄海", (Role.OFFICE_HEAD,)),
    ("zhengl", "郑丽", (Role.COMPLAINT_HANDLER,)),
    ("wum", "吴敏", (Role.COMPLAINT_HANDLER,)),
)
DEMO_HANDLER = "zhengl"
DEMO_INSPECTOR = "wangjg"


class DemoClock:
    """The clock the demo is made under: China time, set step by step."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 9, 1, 1, 0, tzinfo=dt.UTC)
        self.sessions: list[auth.UserSession] = []

    def __call__(self) -> dt.datetime:
        return self.now

    def on(self, day: dt.date, hour: int = 10) -> None:
        """Move to ``day`` at ``hour`` o'clock China time; the demo users stay
        signed in (they would otherwise lock after the idle time)."""
        self.now = dt.datetime(day.year, day.month, day.day, hour - 8, 0, tzinfo=dt.UTC)
        for session in self.sessions:
            session.last_activity = self.now


@dataclass
class Demo:
    """Ids of the demo records, for the self-test and the screenshots."""

    agencies: dict[str, str] = field(default_factory=dict)
    officials: dict[str, str] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)
    plans: dict[str, str] = field(default_factory=dict)
    complaints: dict[str, str] = field(default_factory=dict)
    decisions: dict[str, str] = field(default_factory=dict)


def has_demo(ctx: Context) -> bool:
    with ctx.transaction() as db:
        return db.get(Setting, "demo") is not None


def ensure_demo(ctx: Context) -> None:
    """Fill the store with the demo set unless it already has it."""
    if not has_demo(ctx):
        build_demo(ctx)


def _agency(db_ctx: Context, demo: Demo, key: str, **fields: object) -> None:
    with db_ctx.transaction() as db:
        agency = Agency(**fields)
        db.add(agency)
        db.flush()
        demo.agencies[key] = agency.id


def build_demo(ctx: Context) -> Demo:
    """Make the demo set. Content is the same every time; keys and ciphertext differ."""
    clock = DemoClock()
    fj = Context(ctx.store, ctx.device_id, load_profile("fujian-2024"), clock=clock)
    mas = Context(ctx.store, ctx.device_id, load_profile("maanshan-2005"), clock=clock)
    demo = Demo()
    _directory(fj, demo)
    _people(fj, demo)
    session = {name: auth.sign_in(fj, name, DEMO_PASSWORD) for name, _, _ in DEMO_USERS}
    clock.sessions = list(session.values())
    _plans(fj, mas, clock, demo, session)
    _complaints(fj, mas, clock, demo, session)
    _decisions(fj, mas, clock, demo, session)
    with ctx.transaction() as db:
        db.merge(Setting(key="demo", value="2026-11"))
    return demo


def _directory(fj: Context, demo: Demo) -> None:
    """Agency trees: 福建省 (FJ 5: 省、设区的市、县、乡) and 马鞍山市."""
    a = demo.agencies
    for key, name, kind, level, parent, office, profile, staff in (
        (
            "fj_office",
            "福建省机关效能建设领导小组办公室",
            "office",
            1,
            None,
            None,
            "fujian-2024",
            30,
        ),
        (
            "fz_office",
            "福州市机关效能建设领导小组办公室",
            "office",
            2,
            "fj_office",
            None,
            "fujian-2024",
            18,
        ),
        (
            "gl_office",
            "鼓楼区机关效能建设领导小组办公室",
            "office",
            3,
            "fz_office",
            None,
            "fujian-2024",
            8,
        ),
        ("fj_amr", "福建省市场监督管理局", "agency", 1, None, "fj_office", "fujian-2024", 320),
        ("fz_amr", "福州市市场监督管理局", "agency", 2, "fj_amr", "fz_office", "fujian-2024", 180),
        ("gl_service", "鼓楼区行政服务中心", "agency", 3, "fz_amr", "gl_office", "fujian-2024", 20),
        ("gd_street", "鼓东街道办事处", "agency", 4, "gl_service", None, "fujian-2024", 45),
        (
            "fz_housing",
            "福州市住房和城乡建设局",
            "agency",
            2,
            None,
            "fz_office",
            "fujian-2024",
            150,
        ),
        (
            "mas_office",
            "马鞍山市机关效能建设工作领导小组办公室",
            "office",
            2,
            None,
            None,
            "maanshan-2005",
            12,
        ),
        ("hs_office", "花山区效能办", "office", 3, "mas_office", None, "maanshan-2005", 5),
        ("mas_gov", "马鞍山市人民政府", "agency", 2, None, "mas_office", "maanshan-2005", 60),
        (
            "mas_land",
            "马鞍山市自然资源和规划局",
            "agency",
            2,
            "mas_gov",
            "mas_office",
            "maanshan-2005",
            210,
        ),
        (
            "hs_service",
            "花山区政务服务中心",
            "agency",
            3,
            "mas_gov",
            "hs_office",
            "maanshan-2005",
            20,
        ),
    ):
        _agency(
            fj,
            demo,
            key,
            name=name,
            kind=kind,
            level=level,
            parent_id=a[parent] if parent else None,
            office_id=a[office] if office else None,
            profile_id=profile,
            staff_count=staff,
        )
    officials = (
        ("zhangwei", "张伟", "gl_service", "综合窗口科员", False),
        ("lina", "李娜", "gl_service", "主任", True),
        ("wangfang", "王芳", "fz_amr", "登记注册处科员", False),
        ("zhaolei", "赵磊", "fz_amr", "局长", True),
        ("sunli", "孙丽", "fz_housing", "审批科科长", False),
        ("zhoujie", "周杰", "mas_land", "不动产登记窗口科员", False),
        ("wuqiang", "吴强", "mas_land", "局长", True),
        ("xuhui", "徐慧", "hs_service", "窗口科员", False),
    )
    with fj.transaction() as db:
        for key, name, agency, position, head in officials:
            official = Official(name=name, agency_id=a[agency], position=position, is_head=head)
            db.add(official)
            db.flush()
            demo.officials[key] = official.id


def _people(fj: Context, demo: Demo) -> None:
    """The office's users, then the office keys (recovery key kept offline)."""
    with fj.transaction() as db:
        for username, display, roles in DEMO_USERS:
            user = auth.create_user(
                fj,
                db,
                None,
                username=username,
                display_name=display,
                password=DEMO_PASSWORD,
                roles=roles,
                office_id=demo.agencies["fz_office"],
            )
            demo.users[username] = user.id
        _, recovery_public = generate_keypair()  # demo: the private half is not kept
        auth.setup_office_keys(fj, db, recovery_public)


def _plans(
    fj: Context, mas: Context, clock: DemoClock, demo: Demo, s: dict[str, auth.UserSession]
) -> None:
    """Plans in every state (FJ 26), a major one with the second approval, a
    暗访 plan with its visit, and a Ma'anshan special inspection (MAS 13(2), 15)."""
    a, u = demo.agencies, demo.users
    team = [u["wangjg"], u["chenj"]]
    d = dt.date

    def plan(
        key: str,
        title: str,
        kind: str,
        agency: str,
        start: dt.date,
        days: int,
        ctx: Context = fj,
        team_ids: list[str] | None = None,
        **extra: object,
    ) -> str:
        clock.on(start - dt.timedelta(days=14))
        plan_id = plans.create_plan(
            ctx,
            s["wangjg"],
            title=title,
            kind=kind,
            subject_agency_id=a[agency],
            scope=f"{title}：检查办事流程、办结时限和群众评价。",
            method="查阅台账、现场察看、个别访谈",
            starts_on=start,
            ends_on=start + dt.timedelta(days=days),
            team_ids=team_ids or team,
            **extra,  # type: ignore[arg-type]
        )
        demo.plans[key] = plan_id
        return plan_id

    def approved(plan_id: str, ctx: Context = fj) -> None:
        plans.submit_plan(ctx, s["wangjg"], plan_id)
        plans.approve_plan(ctx, s["linzq"], plan_id)

    both = [("wangjg", DEMO_PASSWORD), ("chenj", DEMO_PASSWORD)]

    plan("draft", "全市政务服务窗口“好差评”落实情况督查", "focus", "fz_amr", d(2026, 12, 7), 10)
    submitted = plan(
        "submitted", "营业执照办理时限专项督查", "special", "fz_amr", d(2026, 12, 1), 5
    )
    plans.submit_plan(fj, s["wangjg"], submitted)
    returned = plan(
        "returned", "工程建设项目审批提速专项督查", "special", "fz_housing", d(2026, 12, 14), 5
    )
    plans.submit_plan(fj, s["wangjg"], returned)
    plans.return_plan(fj, s["linzq"], returned, "督查范围过宽，请明确被督查科室和抽查案卷数量")
    major = plan(
        "first_approved",
        "重点项目落地服务保障重点督查",
        "focus",
        "fj_amr",
        d(2026, 12, 3),
        15,
        major=True,
        team_ids=[u["wangjg"], u["chenj"], u["liuy"]],
    )
    approved(major)
    ready = plan(
        "approved", "“一趟不用跑”事项清单落实情况督查", "focus", "gl_service", d(2026, 11, 30), 3
    )
    approved(ready)

    # An unannounced visit (暗访, MAS 14(7)): confidential until reported.
    secret = plan(
        "unannounced",
        "鼓楼区行政服务中心窗口作风暗访",
        "unannounced",
        "gl_service",
        d(2026, 11, 10),
        2,
    )
    approved(secret)
    clock.on(d(2026, 11, 10), 9)
    visit = visits.open_visit(
        fj,
        s["wangjg"],
        secret,
        visited_on=d(2026, 11, 10),
        place="鼓楼区行政服务中心一楼综合窗口",
        announced=False,
        identity_shown=False,
        confirmations=both,
    )
    visits.update_visit(
        fj,
        s["wangjg"],
        visit,
        observations="9:05 至 9:40，3 号窗口无人值守，叫号屏显示暂停服务。",
        interviews="办事群众两人反映等候超过 40 分钟。",
    )

    # An announced visit, finalised, with evidence; the plan reported, then closed.
    for key, final_state in (("reported", "reported"), ("closed", "closed")):
        plan_id = plan(
            key,
            f"不动产登记“一窗受理”督查（{'一' if key == 'reported' else '二'}）",
            "focus",
            "fz_amr",
            d(2026, 10, 19 if key == "reported" else 12),
            2,
        )
        approved(plan_id)
        clock.on(d(2026, 10, 19 if key == "reported" else 12), 9)
        visit = visits.open_visit(
            fj,
            s["wangjg"],
            plan_id,
            visited_on=clock.now.date(),
            place="福州市民服务中心 B 区",
            announced=True,
            identity_shown=True,
            confirmations=both,
        )
        visits.update_visit(
            fj,
            s["wangjg"],
            visit,
            observations="抽查 20 件登记案卷，2 件超过承诺时限。",
            documents_requested="2026 年第三季度办件台账",
            documents_copied="超期案卷 2 件",
            explanations_demanded="请登记注册处就超期原因作出书面说明。",
        )
        with tempfile.TemporaryDirectory() as tmp:
            photo = Path(tmp) / "window.txt"
            photo.write_text(f"现场记录 {key}：窗口照片说明", encoding="utf-8")
            visits.add_evidence(fj, s["wangjg"], visit, photo, "photo")
        visits.finalise_visit(fj, s["wangjg"], visit, both)
        plans.report_plan(fj, s["wangjg"], plan_id, "发现 2 件登记超期，已提出整改要求。")
        if final_state == "closed":
            plans.close_plan(fj, s["linzq"], plan_id)

    # Ma'anshan: a special inspection of central work needs government approval.
    special = plan(
        "mas_special",
        "市重点工程项目审批服务专项监察",
        "special",
        "mas_land",
        d(2026, 12, 8),
        10,
        ctx=mas,
        special_item=1,
        government_approval_ref="马政办〔2026〕41号",
    )
    plans.submit_plan(mas, s["wangjg"], special)


def _complaints(
    fj: Context, mas: Context, clock: DemoClock, demo: Demo, s: dict[str, auth.UserSession]
) -> None:
    """Complaints from every channel (FJ 30, MAS 13(1)): 林晓梅 twice (a repeat
    complainant), an anonymous one, an urgent one (FJ 32), a transfer (FJ 33),
    an extension and closed ones (FJ 33, MAS 16)."""
    a, o = demo.agencies, demo.officials
    h = s[DEMO_HANDLER]
    d = dt.date
    rows = (
        (
            "lin_hotline",
            fj,
            "hotline_12345",
            d(2026, 11, 16),
            "gl_service",
            "zhangwei",
            "办理营业执照变更时，窗口三次要求补交不同材料，未一次性告知。",
            DEMO_COMPLAINANT,
            (),
        ),
        (
            "lin_letter",
            fj,
            "letter",
            d(2026, 11, 23),
            "gl_service",
            None,
            "再次来信：补交材料后仍未办结，要求说明理由。",
            DEMO_COMPLAINANT,
            (),
        ),
        (
            "anonymous",
            fj,
            "online",
            d(2026, 11, 18),
            "fz_housing",
            "sunli",
            "施工许可审批超过承诺时限 10 个工作日，无人答复。",
            None,
            (),
        ),
        (
            "urgent",
            fj,
            "visit",
            d(2026, 11, 24),
            "fz_amr",
            None,
            "企业开办“一网通办”系统故障三天，影响 20 余家企业登记。",
            ComplainantIdentity(name="陈志明", phone="13705918899", address="福州市台江区"),
            ("business_environment",),
        ),
        (
            "media",
            fj,
            "media",
            d(2026, 11, 9),
            "gd_street",
            None,
            "媒体报道：街道便民服务站午休时间不办理业务。",
            None,
            (),
        ),
        (
            "referral",
            fj,
            "department_referral",
            d(2026, 10, 26),
            "fz_amr",
            "wangfang",
            "市纪委监委移送：登记窗口工作人员态度生硬。",
            ComplainantIdentity(name="黄丽华", id_number="350103198507213429", phone="15959112233"),
            (),
        ),
        (
            "assigned",
            fj,
            "superior_assignment",
            d(2026, 10, 12),
            "fz_housing",
            None,
            "省效能办交办：保障性住房申请材料审核超期。",
            ComplainantIdentity(name="刘建平", phone="18650123456"),
            (),
        ),
        (
            "mas_hotline",
            mas,
            "hotline_12345",
            d(2026, 11, 11),
            "mas_land",
            "zhoujie",
            "不动产登记窗口要求提供法律法规未规定的证明材料。",
            ComplainantIdentity(name="赵海燕", id_number="340503198812150022", phone="13956561234"),
            (),
        ),
    )
    for key, ctx, channel, received, agency, official, matter, identity, urgent in rows:
        clock.on(received)
        demo.complaints[key] = complaints.register_complaint(
            ctx,
            h,
            channel=channel,
            received_on=received,
            subject_agency_id=a[agency],
            subject_official_id=o[official] if official else None,
            matter=matter,
            identity=identity,
            urgent_criteria=urgent,
        )
    c = demo.complaints
    clock.on(d(2026, 11, 17))
    complaints.route_complaint(
        fj,
        h,
        c["lin_hotline"],
        mode="transfer",
        handler_agency_id=a["gl_service"],
        time_limit=d(2026, 11, 30),
        requirements="核实是否一次性告知，书面反馈办理结果。",
    )
    clock.on(d(2026, 11, 19))
    complaints.route_complaint(
        fj,
        h,
        c["anonymous"],
        mode="supervise",
        handler_agency_id=a["fz_housing"],
        time_limit=d(2026, 12, 4),
        requirements="督促限期办结并说明超期原因。",
    )
    clock.on(d(2026, 10, 27))
    complaints.route_complaint(fj, h, c["referral"], mode="self")
    clock.on(d(2026, 11, 13))
    complaints.extend_complaint(
        fj,
        h,
        c["referral"],
        approver_username="huangh",
        approver_password=DEMO_PASSWORD,
        reason="涉及多个窗口，需调取监控核实。",
    )
    clock.on(d(2026, 11, 20))
    complaints.close_complaint(
        fj,
        h,
        c["referral"],
        result="founded",
        explanation="",
        reply_channel="department_referral",
        reply="经核实属实，已责令当事人改正并赔礼道歉。",
        follow_up=["accountability", "rectification"],
    )
    clock.on(d(2026, 10, 13))
    complaints.route_complaint(fj, h, c["assigned"], mode="self")
    clock.on(d(2026, 10, 30))
    complaints.close_complaint(
        fj,
        h,
        c["assigned"],
        result="unfounded",
        explanation="经调阅台账，审核在法定时限内完成，系申请人补件后重新计时。",
        reply_channel="superior_assignment",
        reply="经调阅审核台账，您的申请材料于补正后 5 个工作日内审核完毕，未超过法定时限。",
        follow_up=[],
    )


def _decisions(
    fj: Context, mas: Context, clock: DemoClock, demo: Demo, s: dict[str, auth.UserSession]
) -> None:
    """Decisions (FJ 37, MAS 18–19), one appealed and varied (FJ 41), a draft,
    rectifications (FJ 28) and ratings (FJ 18)."""
    a, o, c, p = demo.agencies, demo.officials, demo.complaints, demo.plans
    d = dt.date
    sup, head = s["linzq"], s["huangh"]

    def decide(
        key: str, ctx: Context, on: dt.date, received: dt.date | None, **fields: object
    ) -> str:
        clock.on(on - dt.timedelta(days=3))
        decision_id = decisions.draft_decision(ctx, sup, **fields)  # type: ignore[arg-type]
        demo.decisions[key] = decision_id
        if received is None:
            return decision_id
        clock.on(on)
        decisions.sign_decision(ctx, head, decision_id, decided_on=on)
        clock.on(received)
        decisions.record_receipt(ctx, sup, decision_id, received)
        if ctx.profile.accountability.publish_required:
            decisions.publish_decision(ctx, sup, decision_id)
        return decision_id

    appealed = decide(
        "wangfang",
        fj,
        d(2026, 11, 20),
        d(2026, 11, 21),
        decider_id=a["fz_office"],
        subject_kind="official",
        subject_agency_id=a["fz_amr"],
        subject_official_id=o["wangfang"],
        ground_ids=["fj36_1_3"],
        measure_ids=["circulated_criticism"],
        complaint_id=c["referral"],
        facts="在登记窗口接待群众时态度生硬、推诿，经调查属实。",
    )
    decide(
        "zhangwei",
        fj,
        d(2026, 10, 28),
        d(2026, 10, 29),
        decider_id=a["gl_office"],
        subject_kind="official",
        subject_agency_id=a["gl_service"],
        subject_official_id=o["zhangwei"],
        ground_ids=["fj36_1_2"],
        measure_ids=["efficiency_warning"],
        facts="未一次性告知申请材料，致群众三次往返。",
    )
    decide(
        "gd_street",
        fj,
        d(2026, 11, 12),
        d(2026, 11, 13),
        decider_id=a["gl_office"],
        subject_kind="agency",
        subject_agency_id=a["gd_street"],
        ground_ids=["fj36_1_4"],
        measure_ids=["circulated_criticism"],
        facts="便民服务站午休时间不办理业务，群众意见大。",
    )
    decide(
        "draft",
        fj,
        d(2026, 11, 25),
        None,
        decider_id=a["fz_office"],
        subject_kind="official",
        subject_agency_id=a["fz_housing"],
        subject_official_id=o["sunli"],
        ground_ids=["fj36_1_2"],
        measure_ids=["admonition"],
        complaint_id=c["anonymous"],
        facts="施工许可审批超期，尚在核实。",
    )
    decide(
        "zhoujie",
        mas,
        d(2026, 11, 18),
        d(2026, 11, 19),
        decider_id=a["mas_office"],
        subject_kind="official",
        subject_agency_id=a["mas_land"],
        subject_official_id=o["zhoujie"],
        ground_ids=["mas19_5"],
        measure_ids=["efficiency_warning"],
        complaint_id=c["mas_hotline"],
        facts="要求群众提供法律法规未规定的证明材料。",
    )

    # The appeal (FJ 41): to the office one level up, varied to a lighter measure.
    clock.on(d(2026, 11, 24))
    appeal = decisions.register_appeal(
        fj,
        sup,
        appealed,
        received_on=d(2026, 11, 24),
        body_id=a["fj_office"],
        written=True,
        grounds=["facts_disputed"],
        statement="申诉人称当日系按规定要求补正材料，并非推诿。",
    )
    clock.on(d(2026, 11, 26), 9)
    decisions.decide_appeal(
        fj,
        head,
        appeal,
        decided_on=d(2026, 11, 26),
        outcome="varied",
        outcome_measure_ids=["admonition"],
        reasons="态度生硬属实，推诿情节证据不足，改为诫勉教育。",
    )

    clock.on(d(2026, 10, 21))
    requirement = rectifications.issue_rectification(
        fj,
        sup,
        kind="requirement",
        agency_id=a["fz_amr"],
        plan_id=p["reported"],
        content="对超期办理的 2 件登记案卷逐件说明原因，建立办件时限预警。",
        issued_on=d(2026, 10, 21),
    )
    clock.on(d(2026, 11, 20))
    suggestion = rectifications.issue_rectification(
        fj,
        sup,
        kind="suggestion",
        agency_id=a["fz_amr"],
        decision_id=appealed,
        content="加强窗口人员服务规范培训，推行首问负责制。",
        issued_on=d(2026, 11, 20),
    )
    # Sign-offs give the documents their numbers (发文字号), in order.
    clock.on(d(2026, 11, 26), 11)
    for kind, record_id, signer in (
        ("rectification_notice", requirement, sup),
        ("supervision_suggestion", suggestion, sup),
        ("complaint_transfer", c["lin_hotline"], sup),
        ("complaint_supervision", c["anonymous"], sup),
        ("complaint_reply", c["assigned"], sup),
        ("appeal_decision", appeal, head),
    ):
        documents.sign_off_document(fj, signer, kind, record_id)
    for agency, rating in (
        ("fz_amr", "良好"),
        ("gl_service", "一般"),
        ("gd_street", "差"),
        ("fz_housing", "优秀"),
    ):
        decisions.set_rating(fj, sup, a[agency], 2025, rating)
