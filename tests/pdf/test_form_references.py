"""Every kind of form, filled from the demo data, looks like its reviewed reference.

The demo set (:func:`desktop.demo.build_demo`, made under its fixed
``DemoClock``) is built once for the module, plus the Ma'anshan records the
demo does not make (a 效能责任追究决定书, a 监察建议书, a 复核决定书), made
through the services under the same kind of clock. One record per form is
filled (:func:`desktop.documents.records.build_documents`), rendered, and the
first page (``pdftoppm -r 50 -gray -png -f 1 -l 1``) compared with
``reference/forms/<profile>-<kind>.png``, an image someone looked at.

A form from ``forms/common/`` has one reference, filled from a Fujian record;
a profile's own template has its own. The demo's content is the same on every
build, its ids, keys and timestamps are not: no id may reach the page
(:func:`steady` checks and leaves the record id out of the metadata), so the
pages are the same on every build.

To refresh after an intended change (a template's wording, the renderer)::

    UPDATE_REFERENCES=1 pytest tests/pdf/test_form_references.py

rewrites the references; look at each changed image before committing it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from desktop.demo import DEMO_PASSWORD, Demo, DemoClock, build_demo
from desktop.documents import records
from desktop.documents.forms import FormError, load_forms, parse_template
from desktop.documents.model import Document, Heading, Paragraph, SignatureLines, Table
from desktop.documents.render import render_pdf
from desktop.resources import load_profile
from desktop.services import auth, decisions, documents, rectifications
from desktop.services.base import Context
from desktop.store.db import Store, open_store
from desktop.store.models import Appeal, Rectification, Visit

from .imagecompare import ink, mean_difference, read_gray_png, write_gray_png

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(__file__).resolve().parent / "reference" / "forms"
UPDATE = os.environ.get("UPDATE_REFERENCES") == "1"
REGENERATE = "UPDATE_REFERENCES=1 pytest tests/pdf/test_form_references.py"
#: How far (mean absolute grey difference, of 255) a page may be from its
#: reference. Measured on these pages: the same poppler gives 0; one changed
#: hanzi in the body 0.02, one in the title 0.07; a line more or less, or a
#: header part gone, 4–10; another rasteriser (pdftocairo, no anti-aliasing)
#: 4–10. So a changed word or anything moved fails; a single changed digit
#: (0.01) is left to the text tests.
TOLERANCE = 0.05
POPPLER = shutil.which("pdftoppm") is not None
# The demo set is finished on 2026-11-26: drafts are filled as of that day.
TODAY = dt.date(2026, 11, 26)
DEVICE = "0190a000-0000-7000-8000-0000000000cc"
FJ, MAS = "fujian-2024", "maanshan-2005"
COMMON_PROFILE = FJ  # a common template's reference is filled from a Fujian record

#: reference name → (document kind, record type, which record: a key of
#: :func:`pick`'s answer)
FORMS: dict[str, tuple[str, str, str]] = {
    f"{FJ}-accountability_decision": ("accountability_decision", "decision", "fj_decision"),
    f"{FJ}-supervision_suggestion": ("supervision_suggestion", "rectification", "fj_suggestion"),
    f"{FJ}-appeal_decision": ("appeal_decision", "appeal", "fj_appeal"),
    f"{FJ}-rectification_notice": ("rectification_notice", "rectification", "fj_requirement"),
    f"{FJ}-complaint_transfer": ("complaint_transfer", "complaint", "fj_transferred"),
    f"{FJ}-complaint_supervision": ("complaint_supervision", "complaint", "fj_supervised"),
    f"{FJ}-complaint_reply": ("complaint_reply", "complaint", "fj_closed"),
    f"{FJ}-plan_approval": ("plan_approval", "plan", "fj_plan"),
    f"{FJ}-inspection_record": ("inspection_record", "visit", "fj_visit"),
    f"{FJ}-unannounced_visit_record": ("unannounced_visit_record", "visit", "fj_secret_visit"),
    f"{MAS}-efficiency_warning_decision": (
        "efficiency_warning_decision",
        "decision",
        "mas_warning",
    ),
    f"{MAS}-accountability_decision": ("accountability_decision", "decision", "mas_decision"),
    f"{MAS}-supervision_suggestion": ("supervision_suggestion", "rectification", "mas_suggestion"),
    f"{MAS}-appeal_decision": ("appeal_decision", "appeal", "mas_appeal"),
}

needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="poppler-utils (pdftoppm) missing; scripts/setup.sh installs it"
)


# --------------------------------------------------------------------- the records


def add_maanshan_records(store: Store, demo: Demo) -> dict[str, str]:
    """What the demo leaves out for Ma'anshan: a decision without 效能告诫
    (效能责任追究决定书), its appeal decided (复核决定书, MAS 24: to the same
    body) and the 监察建议 that goes with the demo's 效能告诫 (MAS 22 第三款),
    both documents signed off so they carry their numbers."""
    clock = DemoClock()
    mas = Context(store, DEVICE, load_profile(MAS), clock=clock)
    d = dt.date
    clock.on(d(2026, 11, 20))
    supervisor = auth.sign_in(mas, "linzq", DEMO_PASSWORD)
    head = auth.sign_in(mas, "huangh", DEMO_PASSWORD)
    clock.sessions = [supervisor, head]
    a, o = demo.agencies, demo.officials
    decision = decisions.draft_decision(
        mas,
        supervisor,
        decider_id=a["mas_office"],
        subject_kind="official",
        subject_agency_id=a["hs_service"],
        subject_official_id=o["xuhui"],
        ground_ids=["mas18_conduct"],
        measure_ids=["written_self_criticism"],
        facts="在窗口接待群众时推诿扯皮，经调查属实。",
    )
    suggestion = rectifications.issue_rectification(
        mas,
        supervisor,
        kind="suggestion",
        agency_id=a["mas_land"],
        decision_id=demo.decisions["zhoujie"],
        content="全面清理窗口收件材料清单，不得要求群众提供法律法规未规定的证明材料。",
        issued_on=d(2026, 11, 20),
    )
    clock.on(d(2026, 11, 23))
    decisions.sign_decision(mas, head, decision, decided_on=d(2026, 11, 23))
    decisions.record_receipt(mas, supervisor, decision, d(2026, 11, 23))
    clock.on(d(2026, 11, 24))
    appeal = decisions.register_appeal(
        mas,
        supervisor,
        decision,
        received_on=d(2026, 11, 24),
        body_id=a["mas_office"],
        written=True,
        grounds=["facts_disputed"],
        statement="申请人称当日系按规定要求补正材料，并非推诿。",
    )
    clock.on(d(2026, 11, 26), 9)
    decisions.decide_appeal(
        mas,
        head,
        appeal,
        decided_on=d(2026, 11, 26),
        outcome="upheld",
        reasons="推诿扯皮事实清楚，证据确凿，维持原决定。",
    )
    clock.on(d(2026, 11, 26), 11)
    documents.sign_off_document(mas, supervisor, "supervision_suggestion", suggestion)
    documents.sign_off_document(mas, head, "appeal_decision", appeal)
    return {"mas_decision": decision, "mas_suggestion": suggestion, "mas_appeal": appeal}


def pick(db: Session, demo: Demo, extra: dict[str, str]) -> dict[str, str]:
    """The record each reference is filled from, by the demo's keys (never by
    position: ids are time-ordered, and time is not the demo's clock)."""
    c, p = demo.complaints, demo.plans

    def one(statement: Select[tuple[str]]) -> str:
        (found,) = db.scalars(statement).all()
        return found

    fj_decision = demo.decisions["wangfang"]  # signed, from a complaint, appealed
    return {
        "fj_decision": fj_decision,
        "fj_suggestion": one(
            select(Rectification.id).where(Rectification.decision_id == fj_decision)
        ),
        "fj_appeal": one(select(Appeal.id).where(Appeal.decision_id == fj_decision)),
        "fj_requirement": one(
            select(Rectification.id).where(Rectification.plan_id == p["reported"])
        ),
        "fj_transferred": c["lin_hotline"],
        "fj_supervised": c["anonymous"],
        "fj_closed": c["assigned"],  # closed and its reply signed off
        "fj_plan": p["first_approved"],  # a major plan: both approval steps on the form
        "fj_visit": one(select(Visit.id).where(Visit.plan_id == p["reported"])),
        "fj_secret_visit": one(select(Visit.id).where(Visit.plan_id == p["unannounced"])),
        "mas_warning": demo.decisions["zhoujie"],
        **extra,
    }


# --------------------------------------------------------------------- the documents


def visible_texts(doc: Document) -> list[str]:
    """Every text the renderer puts on a page."""
    texts = [doc.title, *doc.attachments, *doc.copy_to]
    texts += [t for t in (doc.issuer_mark, doc.number, doc.addressee, doc.signature) if t]
    texts += [t for t in (doc.printer, doc.confidential) if t]
    for block in doc.blocks:
        if isinstance(block, (Paragraph, Heading)):
            texts.append(block.text)
        elif isinstance(block, Table):
            texts += [cell for row in block.rows for cell in row]
        elif isinstance(block, SignatureLines):
            texts += list(block.labels)
    return texts


def steady(doc: Document, record_id: str) -> Document:
    """The document as every build of the demo gives it: the record's id (new
    on every build) is only in the metadata, which is set to a fixed value;
    were an id ever printed on the page, this says so rather than letting the
    image differ from build to build."""
    for text in visible_texts(doc):
        for part in (record_id, records.short_id(record_id)):
            assert part not in text, f"{doc.kind}: the record id ({part}) is printed: {text!r}"
    metadata = (
        {**doc.metadata, "record_id": "demo"} if "record_id" in doc.metadata else doc.metadata
    )
    return dataclasses.replace(doc, metadata=metadata)


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Document]]:
    """Reference name → the document, from one build of the demo."""
    folder = tmp_path_factory.mktemp("demo-data")
    saved = auth._hasher
    auth._hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    store = open_store(folder)
    try:
        demo = build_demo(Context(store, DEVICE, load_profile(FJ)))
        extra = add_maanshan_records(store, demo)
        out: dict[str, Document] = {}
        with store.sessions.begin() as db:
            chosen = pick(db, demo, extra)
            for name, (kind, record_type, key) in FORMS.items():
                built = records.build_documents(
                    db, record_type, chosen[key], today=TODAY, kind=kind
                )
                assert len(built) == 1, f"{name}: {len(built)} documents of kind {kind}"
                out[name] = steady(built[0], chosen[key])
    finally:
        store.close()
        auth._hasher = saved
    yield out


# --------------------------------------------------------------------- the checks


def test_every_template_has_a_reference() -> None:
    """A new kind, or a profile's own version of a common one, needs a reviewed
    image; and no reference is left over."""
    wanted = set()
    for profile_id in (FJ, MAS):
        for kind, template in load_forms(load_profile(profile_id)).templates.items():
            common = Path(template.source).parent.name == "common"
            wanted.add(f"{COMMON_PROFILE if common else profile_id}-{kind}")
    assert set(FORMS) == wanted
    assert all(name.endswith(kind) for name, (kind, _, _) in FORMS.items())
    if not UPDATE:
        stored = {path.stem for path in REFERENCE.glob("*.png")}
        assert stored == wanted, (
            f"forms without a reference: {sorted(wanted - stored)} (make them with "
            f"`{REGENERATE}`); references without a form: {sorted(stored - wanted)}"
        )


def test_the_forms_are_issued_documents(forms: dict[str, Document]) -> None:
    """The references show the real thing: numbered where numbered, no draft."""
    for name, doc in forms.items():
        assert doc.metadata["draft"] == "false", name
        assert "草稿" not in doc.title, name
        if doc.number is not None:
            assert doc.number.endswith("〔2026〕1号"), (name, doc.number)
    assert forms[f"{MAS}-accountability_decision"].title == "效能责任追究决定书"
    assert forms[f"{MAS}-appeal_decision"].title == "复核决定书"
    assert forms[f"{FJ}-unannounced_visit_record"].confidential == "内部"
    # GB/T 9704 版头: letters in 信函格式, slips as forms, the rest 通用格式
    layouts = {name.split("-", 2)[-1]: doc.layout for name, doc in forms.items() if doc.issuer_mark}
    assert layouts.pop("complaint_reply") == "letter"
    assert layouts.pop("complaint_transfer") == layouts.pop("complaint_supervision") == "form"
    assert set(layouts.values()) == {"standard"}, layouts


def test_an_unknown_layout_is_a_form_error() -> None:
    text = '[form]\nkind = "t"\nrecord = "decision"\ntitle = "t"\nlayout = "memo"\n'
    with pytest.raises(FormError, match="layout") as err:
        parse_template(text + '[[blocks]]\nparagraph = "x"\n', "t.toml")
    assert "letter" in str(err.value)


def first_page(doc: Document, folder: Path) -> tuple[int, int, bytes]:
    pdf = folder / "form.pdf"
    pdf.write_bytes(render_pdf(doc))
    prefix = folder / "page"
    command = ["pdftoppm", "-r", "50", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*command, str(pdf), str(prefix)], check=True, capture_output=True)
    return read_gray_png(prefix.with_suffix(".png").read_bytes())


@needs_poppler
@pytest.mark.parametrize("name", sorted(FORMS))
def test_first_page_looks_like_the_reviewed_reference(
    name: str, forms: dict[str, Document], tmp_path: Path
) -> None:
    width, height, pixels = first_page(forms[name], tmp_path)
    assert ink(pixels) > 2, f"{name}: the first page is (nearly) blank"
    reference = REFERENCE / f"{name}.png"
    if UPDATE:
        REFERENCE.mkdir(parents=True, exist_ok=True)
        reference.write_bytes(write_gray_png(width, height, pixels))
    assert reference.is_file(), (
        f"{name}: no reference image {reference.relative_to(ROOT)}; "
        f"make it with `{REGENERATE}` and look at it"
    )
    ref_width, ref_height, expected = read_gray_png(reference.read_bytes())
    assert (width, height) == (ref_width, ref_height), (
        f"{name}: the page is {width}×{height} px, the reference {ref_width}×{ref_height}; "
        f"if that is intended, run `{REGENERATE}` and look at the new image"
    )
    difference = mean_difference(pixels, expected)
    if difference >= TOLERANCE:
        fresh = tmp_path / f"{name}.png"
        fresh.write_bytes(write_gray_png(width, height, pixels))
        changed = sum(abs(a - b) > 64 for a, b in zip(pixels, expected, strict=True))
        pytest.fail(
            f"{name}: the first page differs from {reference.relative_to(ROOT)} by "
            f"{difference:.3f} of 255 on average (allowed {TOLERANCE}; {changed} pixels "
            f"changed clearly); the new page is {fresh}. If the change is intended, run "
            f"`{REGENERATE}` and look at the new image before committing it."
        )
