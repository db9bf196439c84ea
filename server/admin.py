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
``list-offices``
    the efficiency offices (效能办) the laptops have synced: id and name.
``set-office --username U --office-id ID``
    set the efficiency office (效能办) a user belongs to: the id of the office
    record an administrator's laptop made and synced (设置 → 机构).
``init-keys --out FILE [--office NAME]``
    make the office recovery key pair: the public key is published, the
    private key is written to FILE (a new file, for offline keeping: a USB
    stick in the safe) sealed with a passphrase from the environment variable
    named by ``--passphrase-env`` (default ``XIAONENG_RECOVERY_PASSPHRASE``)
    or asked for twice. The server keeps only the public key. The office
    blind-index key is made later by the first complaint handler's laptop,
    sealed for that handler and the recovery key (the server never holds it
    unsealed); handlers added later are granted it by a handler's laptop at
    its next sync.
``prune-evidence-parts [--days 7]``
    remove the parts of large evidence uploads that no laptop finished and
    none touched for that many days (a laptop still sending simply sends
    them again).
"""

from __future__ import annotations

import argparse
import base64
import binascii
import datetime as dt
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from server import accounts
from server.accounts import AccountError
from server.config import ConfigError, Settings, database_url
from server.db import make_engine, migrate, session_factory
from server.models import Record, User

DEFAULT_PASSWORD_ENV = "XIAONENG_ADMIN_PASSWORD"
DEFAULT_PASSPHRASE_ENV = "XIAONENG_RECOVERY_PASSPHRASE"


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
    commands.add_parser("list-offices", help="the efficiency offices the laptops have synced")
    office = commands.add_parser("set-office", help="set a user's efficiency office")
    office.add_argument("--username", required=True)
    office.add_argument("--office-id", required=True, help="the office record's id")
    prune = commands.add_parser(
        "prune-evidence-parts",
        help="remove the parts of large evidence uploads nobody finished "
        "(the folder: XIAONENG_SERVER_EVIDENCE_DIR)",
    )
    prune.add_argument("--days", type=float, default=7.0, help="untouched for this long")
    init = commands.add_parser("init-keys", help="make the office recovery key pair")
    init.add_argument("--out", required=True, help="new file for the sealed private key")
    init.add_argument("--office", default="", help="the office's name, written in the file")
    init.add_argument(
        "--passphrase-env",
        default=DEFAULT_PASSPHRASE_ENV,
        help=f"environment variable holding the passphrase (default {DEFAULT_PASSPHRASE_ENV}); "
        "asked for when unset",
    )
    return parser


def _password(env_name: str, what: str = "password") -> str:
    value = os.environ.get(env_name)
    if value:
        return value
    if not sys.stdin.isatty():
        raise AccountError(f"no {what}: set {env_name} or run in a terminal")
    first = getpass.getpass(f"{what.capitalize()}: ")
    if getpass.getpass(f"Repeat {what}: ") != first:
        raise AccountError(f"the {what}s differ")
    return first


def init_keys(db: Session, out: Path, office: str, passphrase: str) -> str:
    """Make the recovery key pair: the sealed private key to ``out`` (a new
    file), the public key published. Returns the key's fingerprint."""
    from desktop.crypto import fingerprint, generate_keypair, public_key_to_bytes
    from desktop.services.setup import MIN_PASSPHRASE_LENGTH, armour_recovery_key, write_new_file

    if accounts.office_key(db, accounts.RECOVERY_KEY_KIND) is not None:
        raise AccountError("the office recovery key is already set: it cannot be replaced")
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise AccountError(f"passphrase: at least {MIN_PASSPHRASE_LENGTH} characters")
    private, public = generate_keypair()
    try:
        write_new_file(out, armour_recovery_key(private, passphrase, office))
    except OSError as exc:
        reason = exc.strerror or exc
        raise AccountError(f"--out: cannot write a new file there ({reason})") from None
    try:
        accounts.set_office_key(db, accounts.RECOVERY_KEY_KIND, public_key_to_bytes(public))
        db.flush()
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return fingerprint(public)


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
        if args.command == "prune-evidence-parts":
            from server.evidence import prune_parts  # the web app's modules: only here

            evidence_dir = Settings.from_env().evidence_dir
            folder = Settings(database_url=url, evidence_dir=evidence_dir).evidence_folder
            age = dt.timedelta(days=args.days)
            removed = prune_parts(folder, age, dt.datetime.now(dt.UTC))
            print(f"removed {removed} unfinished upload(s) from {folder}")
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
            elif args.command == "list-offices":
                for record in db.scalars(
                    select(Record).where(Record.entity == "agencies").order_by(Record.id)
                ):
                    if record.data.get("kind") == "office":
                        print(f"{record.id}\t{record.data.get('name', '')}")
            elif args.command == "set-office":
                user = accounts.set_office(db, args.username, args.office_id)
                print(f"{user.username}: office {user.office_id}")
            elif args.command == "init-keys":
                out = Path(args.out).expanduser().absolute()
                passphrase = _password(args.passphrase_env, "passphrase")
                printed = init_keys(db, out, args.office, passphrase)
                print(f"recovery key {printed} published; the sealed private key is in {out}")
                print("keep that file offline, and the passphrase apart from it")
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(run())
