"""``python -m desktop``: start the app."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from desktop.resources import load_profile, profile_ids


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m desktop", description="效能督查")
    parser.add_argument(
        "--demo", action="store_true", help="use the demo data set (the embedded default store)"
    )
    parser.add_argument(
        "--profile",
        choices=profile_ids(),
        default="fujian-2024",
        help="rule profile (default: fujian-2024)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from PySide6.QtWidgets import QApplication

    from desktop.ui.preview import PreviewWindow

    app = QApplication(sys.argv[:1])
    window = PreviewWindow(load_profile(args.profile), dt.date.today())
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
