"""The bundle's `mscc-desk` (on Windows `mscc-desk.exe`, a console program): the whole
command line, and with no sub-command the desk, as from a pip install."""

from mscc_desk.cli import main

raise SystemExit(main())
