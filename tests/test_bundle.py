"""The one-folder program (``build.spec``): PyInstaller builds it into a temp
folder, then the program runs with a scrubbed environment (no PYTHONPATH, no
virtualenv, the working folder outside the checkout) offscreen:
``--demo --self-test`` (which renders a decision to PDF and, frozen, checks
that every module came from the bundle), ``--verify-audit``, and its window,
whose loaded libraries are read from ``/proc/<pid>/maps``."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PyInstaller.archive.readers import ZlibArchiveReader  # type: ignore[import-untyped, unused-ignore]

from desktop.demo import DEMO_COMPLAINANT
from desktop.documents.fonts import ALL_FONTS
from desktop.selftest import plaintext_hits
from desktop.ui.main_window import PAGES

ROOT = Path(__file__).resolve().parent.parent
NAME = "xiaoneng"
SECRETS = [DEMO_COMPLAINANT.name, DEMO_COMPLAINANT.id_number, DEMO_COMPLAINANT.phone]
BUILD_TIMEOUT = 1200
LEFT_OUT = ("server", "fastapi", "starlette", "uvicorn", "psycopg", "pytest", "tests", "hypothesis")


@dataclass(frozen=True)
class Bundle:
    folder: Path  # dist/xiaoneng
    work: Path  # PyInstaller's work folder (the module archive is in it)

    @property
    def program(self) -> Path:
        return self.folder / NAME

    @property
    def internal(self) -> Path:
        return self.folder / "_internal"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    out = tmp_path_factory.mktemp("bundle")
    dist, work = out / "dist", out / "work"
    command = [sys.executable, "-m", "PyInstaller", "build.spec", "--noconfirm"]
    command += ["--distpath", str(dist), "--workpath", str(work)]
    try:
        result = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as exc:
        log = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        pytest.fail(
            f"pyinstaller build.spec took over {BUILD_TIMEOUT} s:\n{_tail(log)}", pytrace=False
        )
    built = Bundle(dist / NAME, work)
    if result.returncode != 0 or not built.program.is_file():
        pytest.fail(
            f"pyinstaller build.spec failed (exit {result.returncode}); "
            f"the end of its log:\n{_tail(result.stdout + result.stderr)}",
            pytrace=False,
        )
    return built


def _tail(log: str, lines: int = 60) -> str:
    return "\n".join(log.splitlines()[-lines:])


def scrubbed_env(home: Path) -> dict[str, str]:
    """Only what ``env -i PATH=/usr/bin:/bin HOME=$tmp QT_QPA_PLATFORM=offscreen`` leaves."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def run(bundle: Bundle, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle.program), *args],
        cwd=home,
        env=scrubbed_env(home),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def relative_files(folder: Path, pattern: str) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob(pattern)}


def test_the_bundle_carries_resources_forms_migrations_and_qt(bundle: Bundle) -> None:
    inside = bundle.internal
    assert (inside / "resources" / "i18n" / "xiaoneng_en.qm").stat().st_size > 0
    for font in ALL_FONTS:
        assert (inside / "resources" / "fonts" / f"{font}.ttf").is_file(), font
    for folder, pattern in [
        ("forms", "*.toml"),
        ("resources/profiles", "*.toml"),
        ("desktop/store/migrations", "*.py"),
    ]:
        shipped = relative_files(ROOT / folder, pattern)
        assert shipped, folder
        assert relative_files(inside / folder, pattern) == shipped, folder
    holidays = "resources/holidays"  # extra holiday tables, none shipped yet
    assert relative_files(inside / holidays, "*.toml") == relative_files(ROOT / holidays, "*.toml")
    plugins = inside / "PySide6" / "Qt" / "plugins"
    for plugin in ("platforms/libqoffscreen.so", "platforms/libqxcb.so"):
        assert (plugins / plugin).is_file(), plugin
    assert list((plugins / "imageformats").glob("*.so"))
    assert list((plugins / "printsupport").glob("*.so"))
    for module in ("QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtCharts"):
        assert (inside / "PySide6" / f"{module}.abi3.so").is_file(), module
    qt_libraries = {p.name.split(".")[0] for p in inside.rglob("libQt6*")}
    assert not qt_libraries & {"libQt6Quick", "libQt6Qml", "libQt6WebEngineCore", "libQt63DCore"}

    modules = set(ZlibArchiveReader(str(bundle.work / "build" / "PYZ-00.pyz")).toc)
    assert {page.module for page in PAGES} <= modules
    leaked = sorted(m for m in modules if m.split(".")[0] in LEFT_OUT)
    assert not leaked, f"server or test code in the program: {leaked[:10]}"


def test_self_test_and_audit_from_the_bundle(bundle: Bundle, tmp_path: Path) -> None:
    home, data = tmp_path / "home", tmp_path / "data"
    home.mkdir()
    result = run(bundle, home, "--data-dir", str(data), "--demo", "--self-test")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "self-test passed" in result.stdout, output
    for check in ("store", "rules", "audit", "documents", "vault", "no plaintext", "bundle"):
        assert f"OK    {check}:" in result.stdout, output
    # the decision was rendered with the bundle's forms and fonts embedded
    documents = next(line for line in result.stdout.splitlines() if "OK    documents:" in line)
    assert f"forms {bundle.internal / 'forms'}" in documents, documents
    assert "fonts embedded" in documents and "bytes" in documents
    # the frozen-only check: every module file, sys.path and Qt's plugins in the bundle
    frozen = next(line for line in result.stdout.splitlines() if "OK    bundle:" in line)
    assert f"under {bundle.internal.resolve()}" in frozen, frozen
    assert int(frozen.split()[2]) > 300, frozen  # PySide6, SQLAlchemy, reportlab... were counted
    assert plaintext_hits(data, SECRETS) == []
    assert plaintext_hits(home, SECRETS) == []

    audit = run(bundle, home, "--data-dir", str(data), "--verify-audit")
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert "0 problems" in audit.stdout


def mapped_files(pid: int) -> set[str]:
    """The files a running process has mapped: its executable and shared
    libraries (none once it has exited)."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text(encoding="utf-8")
    except (FileNotFoundError, ProcessLookupError):
        return set()
    files = set()
    for line in maps.splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) == 6 and fields[5].startswith("/"):
            files.add(fields[5])
    return files


@pytest.fixture
def window(bundle: Bundle, tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    home = tmp_path / "home"
    home.mkdir()
    process = subprocess.Popen(
        [str(bundle.program), "--data-dir", str(tmp_path / "data")],
        cwd=home,
        env=scrubbed_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield process
    finally:
        process.kill()
        process.wait(timeout=60)
        if process.stdout is not None:
            process.stdout.close()


def test_the_window_runs_on_the_bundles_qt_only(
    bundle: Bundle, window: subprocess.Popen[str]
) -> None:
    deadline = time.monotonic() + 120
    loaded: set[str] = set()
    while not any(p.endswith("/libqoffscreen.so") for p in loaded):
        if window.poll() is not None or time.monotonic() > deadline:
            output = window.communicate(timeout=60)[0]
            pytest.fail(f"the window did not come up (exit {window.returncode}):\n{_tail(output)}")
        time.sleep(0.5)
        loaded = mapped_files(window.pid)
    time.sleep(2)  # past QApplication: the sign-in window is built and shown
    assert window.poll() is None, window.communicate(timeout=60)[0]
    loaded = mapped_files(window.pid)

    folder = str(bundle.folder.resolve())
    python_parts = ("libpython", "libQt6", "libpyside6", "libshiboken6", ".abi3.so", "cpython-")
    ours = [p for p in loaded if any(part in Path(p).name for part in python_parts)]
    assert len(ours) > 10, ours
    assert [p for p in ours if not p.startswith(folder)] == []
    checkout_and_python = [
        str(ROOT),
        *{sysconfig.get_path(key) for key in ("stdlib", "platstdlib", "purelib", "platlib")},
    ]
    foreign = [p for p in loaded if p.startswith(tuple(checkout_and_python)) or "-packages/" in p]
    assert foreign == [], "the program used files from the checkout or a Python installation"
