"""MSCC Desk: the MSCC coordinator's workstation (NICE NG234)."""

__version__ = "0.1.0"
