"""Dialogs (对话框) opened from the pages."""
