"""The desk's main window: the board of open cases, the alert panel, the header's dialogs."""
