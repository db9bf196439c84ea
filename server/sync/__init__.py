"""Sync protocol v1: push operations (``push``), pull them back by cursor
(``pull``); what the server accepts (``spec``) and the rules it applies (``rules``)."""
