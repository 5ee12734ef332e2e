"""The desk's settings dialog."""
