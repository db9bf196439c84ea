"""``python -m desktop``: start the app, or run a check without a window.

python -m desktop [--data-dir DIR] [--demo] [--profile ID]
python -m desktop --data-dir DIR --demo --self-test   # check every layer, exit 0/1
python -m desktop --data-dir DIR --verify-audit       # check the audit chain
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.resources import profile_ids


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m desktop", description="效能督查")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="data folder (default: the user's data folder)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="fill an empty store with the demo data set"
    )
    parser.add_argument(
        "--profile",
        choices=profile_ids(),
        default=None,
        help="rule profile (default: the saved one, else fujian-2024)",
    )
    parser.add_argument(
        "--self-test", action="store_true", help="check every layer without a window and exit"
    )
    parser.add_argument(
        "--verify-audit", action="store_true", help="verify the audit trail's hash chain and exit"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not (args.self_test or args.verify_audit):
        from desktop.ui.app import run_app

        return run_app(args.data_dir, args.profile, args.demo)
    from desktop.bootstrap import open_context

    ctx = open_context(args.data_dir, args.profile)
    if args.demo:
        from desktop.demo import ensure_demo

        ensure_demo(ctx)
    if args.verify_audit:
        from desktop.selftest import verify_audit_command

        return verify_audit_command(ctx)
    from desktop.selftest import run_self_test

    return run_self_test(ctx, demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
