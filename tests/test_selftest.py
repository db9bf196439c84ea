"""The installer's check: ``python -m desktop --data-dir DIR --demo --self-test``
in a fresh process; afterwards no file under DIR or in the temp folder holds
the demo complainant's identity in UTF-8, UTF-16 or GBK."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.demo import DEMO_COMPLAINANT
from desktop.selftest import ENCODINGS, plaintext_hits

ROOT = Path(__file__).resolve().parent.parent
SECRETS = [DEMO_COMPLAINANT.name, DEMO_COMPLAINANT.id_number, DEMO_COMPLAINANT.phone]


def run(data: Path, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TMPDIR=str(tmp), TEMP=str(tmp), TMP=str(tmp))
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_self_test_passes_and_leaves_no_plaintext(tmp_path: Path) -> None:
    data, tmp = tmp_path / "data", tmp_path / "tmp"
    tmp.mkdir()
    result = run(data, tmp, "--demo", "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    for check in ("store", "rules", "audit", "vault", "no plaintext"):
        assert f"OK    {check}" in result.stdout

    files = [p for p in data.rglob("*") if p.is_file()]
    assert any(p.name == "xiaoneng.db" for p in files)
    assert any(p.parent.name == "logs" for p in files)
    assert plaintext_hits(data, SECRETS) == []
    assert plaintext_hits(tmp, SECRETS) == []

    # A second run opens the same store (no second demo) and still passes.
    again = run(data, tmp, "--demo", "--self-test")
    assert again.returncode == 0, again.stdout + again.stderr


def test_the_scan_would_find_a_plaintext_identity(tmp_path: Path) -> None:
    for i, encoding in enumerate(ENCODINGS):
        (tmp_path / f"leak{i}.bin").write_bytes(b"\0" + DEMO_COMPLAINANT.name.encode(encoding))
    assert len(plaintext_hits(tmp_path, SECRETS)) == len(ENCODINGS)


def test_verify_audit_command(tmp_path: Path) -> None:
    result = run(tmp_path / "data", tmp_path, "--verify-audit")
    assert result.returncode == 0, result.stderr
    assert "0 problems" in result.stdout
