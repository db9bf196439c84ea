"""The administrator's command line: ``python -m server.admin <command>``.

The database is ``XIAONENG_SERVER_DB`` (or ``--db``). Commands:

``migrate``
    bring the schema up to date (the server also does this at start-up).
``create-user --username U --roles inspector,supervisor [--display-name N]
[--office-id ID] [--id UUID]``
    add a user. The password comes from the environment variable named by
    ``--password-env`` (default ``XIAONENG_ADMIN_PASSWORD``) or is asked for
    twice. ``--id`` keeps the id the laptops already use for that person.
``list-users``
    username, id, roles, office, active.
``deactivate-user --username U`` / ``activate-user --username U``
    switch a user off (their sessions are revoked at once) or on again.
``revoke-sessions --username U``
    end every session of a user (e.g. a lost laptop).
``set-recovery-key --public-key BASE64``
    publish the office recovery public key laptops also seal identities for.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import getpass
import os
import sys
from collections.abc import Sequence

from sqlalchemy import select

from server import accounts
from server.accounts import AccountError
from server.config import ConfigError, Settings, database_url
from server.db import make_engine, migrate, session_factory
from server.models import User

DEFAULT_PASSWORD_ENV = "XIAONENG_ADMIN_PASSWORD"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m server.admin", description="Xiaoneng server administration"
    )
    parser.add_argument("--db", help="database URL or SQLite path (default: XIAONENG_SERVER_DB)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="bring the schema up to date")
    create = commands.add_parser("create-user", help="add a user")
    create.add_argument("--username", required=True)
    create.add_argument("--display-name", default="")
    create.add_argument(
        "--roles",
        required=True,
        action="append",
        help="comma-separated: inspector, supervisor, office_head, complaint_handler, "
        "administrator (may be repeated)",
    )
    create.add_argument("--office-id", default=None)
    create.add_argument("--id", dest="user_id", default=None, help="the user's id (UUID)")
    create.add_argument(
        "--password-env",
        default=DEFAULT_PASSWORD_ENV,
        help=f"environment variable holding the password (default {DEFAULT_PASSWORD_ENV}); "
        "asked for when unset",
    )
    commands.add_parser("list-users", help="list the users")
    for name in ("deactivate-user", "activate-user", "revoke-sessions"):
        sub = commands.add_parser(name)
        sub.add_argument("--username", required=True)
    key = commands.add_parser("set-recovery-key", help="publish the office recovery public key")
    key.add_argument("--public-key", required=True, help="32-byte X25519 public key, base64")
    return parser


def _password(env_name: str) -> str:
    value = os.environ.get(env_name)
    if value:
        return value
    if not sys.stdin.isatty():
        raise AccountError(f"no password: set {env_name} or run in a terminal")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise AccountError("the passwords differ")
    return first


def run(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        url = database_url(args.db) if args.db else Settings.from_env().database_url
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    engine = make_engine(url)
    try:
        migrate(engine)
        if args.command == "migrate":
            print("schema is up to date")
            return 0
        factory = session_factory(engine)
        with factory.begin() as db:
            if args.command == "create-user":
                user = accounts.create_user(
                    db,
                    username=args.username,
                    display_name=args.display_name,
                    password=_password(args.password_env),
                    roles=accounts.parse_roles(args.roles),
                    office_id=args.office_id,
                    user_id=args.user_id,
                )
                print(f"created {user.username} ({user.id}): {', '.join(sorted(user.role_names))}")
            elif args.command == "list-users":
                for user in db.scalars(select(User).order_by(User.username)):
                    state = "active" if user.active else "inactive"
                    roles = ",".join(sorted(user.role_names))
                    print(f"{user.username}\t{user.id}\t{roles}\t{user.office_id or '-'}\t{state}")
            elif args.command in ("deactivate-user", "activate-user"):
                user = accounts.set_active(db, args.username, args.command == "activate-user")
                print(f"{user.username}: {'active' if user.active else 'inactive'}")
            elif args.command == "revoke-sessions":
                user_id = db.scalar(select(User.id).where(User.username == args.username))
                if user_id is None:
                    raise AccountError(f"no user {args.username!r}")
                print(f"revoked {accounts.revoke_user_sessions(db, user_id)} session(s)")
            elif args.command == "set-recovery-key":
                try:
                    raw = base64.b64decode(args.public_key, validate=True)
                except (binascii.Error, ValueError):
                    raise AccountError("--public-key: not base64") from None
                accounts.set_office_key(db, accounts.RECOVERY_KEY_KIND, raw)
                print("recovery key published")
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(run())
