"""One case: its view, its checklist editor and its timeline."""
