"""The central server (中心服务器): accounts, authorisation and synchronisation."""
