#!/bin/sh
# Before `make run` opens the window: the system libraries Qt's X11 plugin needs.
#
# A fresh Debian or Ubuntu desktop lacks some of them (libxcb-cursor0 and friends), and
# without them Qt aborts with a message about "platform plugins" that helps nobody. The
# desk's own check (mscc_desk/gui/app.py: missing_system_libraries, debian_packages)
# names what is missing; here they are installed with apt-get when this user may
# (root, or sudo without a password), and otherwise the one command to run is printed
# and `make run` stops. Nothing is done off Linux, under Wayland, without a display or
# with a Qt platform named in QT_QPA_PLATFORM, as in the desk's own check.
#
# Usage: packaging/qt-system-libs.sh PYTHON   (the project venv's python)
set -eu
python=${1:?usage: qt-system-libs.sh PYTHON}

packages=$("$python" -c '
from mscc_desk.gui.app import debian_packages, missing_system_libraries
print(" ".join(debian_packages(missing_system_libraries())))
')
[ -n "$packages" ] || exit 0

echo "mscc-desk: the window needs system libraries that are missing: $packages"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "mscc-desk: this is not Debian or Ubuntu: install the libraries above with your" \
         "system's package manager (the names are Debian's), then run make run again." >&2
    exit 1
fi
if [ "$(id -u)" = 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
else
    echo "mscc-desk: installing them needs an administrator. Run this once, then make run again:" >&2
    echo "    sudo apt-get install -y $packages" >&2
    exit 1
fi
echo "mscc-desk: installing them with apt-get"
# shellcheck disable=SC2086 # one word per package
$as_root apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq $packages
