"""Sync with the central server (同步).

* :mod:`.client` — the HTTP client (httpx): sign-in, handlers' keys, push, pull;
* :mod:`.protocol` — the server's answers as typed values;
* :mod:`.errors` — the errors a sync run ends with, in Chinese;
* :mod:`.records` — the synced records in the server's form (column names, JSON values);
* :mod:`.engine` — one run: push the outbox, pull since the cursor, apply;
* :mod:`.state` — the state hash that shows two stores hold the same records.

Nothing here imports Qt; the 同步 page runs :func:`desktop.sync.engine.sync_once`
in a worker through :mod:`desktop.services.sync`.
"""
