"""Xiaoneng Inspector (效能督查): the desktop app for efficiency-supervision offices."""
