"""The shift view: open cases by urgency, notes for the next shift, hand over, print."""
