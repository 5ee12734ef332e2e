"""Synthetic demo data: `mscc-desk demo --cases N [--open M] [--seed S]`.

Every case is invented, but built the way the app builds a real one (`story`): the
triage facts go through the real `triage()` of the pathway file, so the category, the
clocks and the checklist of each case are exactly what the pathway gives. People are
invented too (`people`). `rows` turns each drafted case into the rows the app would have
written, and `make` writes them a slice of history at a time, with the audit trail chained.

Determinism: one `random.Random(seed)` and the injected clock are the only sources of
randomness and time, so the same seed, clock and starting database give the same rows.

Layers: the demo sits on top of the store (it writes through the store's models, audit
chain and witness); only the command line imports it.
"""

from .make import make_demo, open_count

__all__ = ["make_demo", "open_count"]
