#!/usr/bin/env bash
# Sets up a fresh machine for Xiaoneng Inspector: the system libraries Qt needs
# (Debian/Ubuntu, installed only when missing), a virtualenv in .venv and the
# project in it. `--dev` adds what the tests need (test tools, PDF tools, Xvfb).
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[[ "${1:-}" == "--dev" ]] && dev=1

# Qt 6 (PySide6) on Linux: EGL/GL, xkbcommon, fontconfig, D-Bus, the xcb plugin's
# libraries, and a CJK font for the UI.
debs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
      libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 fonts-droid-fallback)
if (( dev )); then
  # PDF read-back (pdffonts, pdftotext, pdftoppm), a virtual screen, and
  # PostgreSQL's binaries (the server tests start their own throw-away cluster).
  debs+=(poppler-utils xvfb postgresql)
fi

if command -v dpkg-query >/dev/null && command -v apt-get >/dev/null; then
  missing=()
  for pkg in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  if (( ${#missing[@]} )); then
    echo "setup: installing Debian packages: ${missing[*]}"
    sudo=""
    (( EUID == 0 )) || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
else
  echo "setup: not a Debian system; make sure Qt's system libraries are installed" >&2
fi

python=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if (( dev )); then
  .venv/bin/python -m pip install -q -e ".[dev]"
else
  .venv/bin/python -m pip install -q -e .
fi
echo "setup: ready (.venv)"
