"""The central server (中心服务器): accounts, authorisation and synchronisation.

Run it with ``python -m server`` (uvicorn), configured by environment
variables (``server.config``): ``XIAONENG_SERVER_DB`` (a PostgreSQL URL, or a
SQLite file for trying it out; default ``xiaoneng-server.db`` here),
``XIAONENG_SERVER_HOST`` / ``_PORT`` / ``_WORKERS``. The OpenAPI document is
at ``/openapi.json``. Create the first users with
``python -m server.admin create-user --username ... --roles ...``.

Several processes: a server process keeps nothing that matters in memory
(sessions, sync state and the push lock live in the database), so any number
of them, on one machine (``XIAONENG_SERVER_WORKERS``) or several, can run
against one PostgreSQL behind a reverse proxy (nginx, Caddy) that spreads
requests over them; no sticky sessions are needed. Each process migrates the
schema at start under a PostgreSQL advisory lock (or run
``python -m server.admin migrate`` once and set ``XIAONENG_SERVER_MIGRATE=0``).
SQLite is for one machine only.

Modules: ``api`` (routes), ``accounts`` (users, devices, sessions, keys),
``sync`` (push, pull, the op rules), ``models`` + ``migrations`` (schema),
``db``, ``config``, ``errors``, ``security``, ``admin`` (CLI). The server
imports the laptop's pure rules (``desktop.domain``) and never Qt.
"""
