"""``python -m server``: run the server with uvicorn, configured by the
environment (``server.config``). With ``XIAONENG_SERVER_WORKERS`` > 1 uvicorn
starts that many processes, each with its own connection pool.
"""

from __future__ import annotations

import sys

import uvicorn

from server.config import ConfigError, Settings
from server.db import make_engine, migrate

#: How long an idle keep-alive connection stays open. Longer than the laptops
#: keep theirs (``desktop.sync.client.KEEPALIVE_EXPIRY``), so a laptop never
#: sends on a connection the server is closing (uvicorn's default is 5 s, the
#: same as httpx's: a push after 5 s idle could meet a closed connection).
KEEP_ALIVE_SECONDS = 30


def main() -> int:
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"xiaoneng server: {exc}", file=sys.stderr)
        return 2
    if settings.migrate:  # once, before any worker starts
        engine = make_engine(settings.database_url)
        migrate(engine)
        engine.dispose()
    uvicorn.run(
        "server.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
        proxy_headers=True,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
