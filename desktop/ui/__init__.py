"""The PySide6 user interface: thin, calls services, never SQL or rules itself."""
