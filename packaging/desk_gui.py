"""The bundle's `mscc-desk-gui` (on Windows `mscc-desk-gui.exe`, a windowed program, the
one the Start-menu shortcut opens): the desk with no console window behind it.

A windowed program on Windows has no standard streams (`sys.stdout` is None), so they
go to the null device: a library that writes to them must not stop the desk. Anything
worth keeping goes to the log and the crash reports (logs.py), not to a console.
`mscc-desk-gui [--db TARGET] [--smoke]` takes the options of `mscc-desk gui`.
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from mscc_desk.cli import main  # noqa: E402

sys.argv[1:1] = ["gui"]
raise SystemExit(main())
