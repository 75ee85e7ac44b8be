#!/usr/bin/env bash
# Set up ClaimDesk (first run only) and open it on your library; extra arguments go to `claimdesk`.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh" ""
source "$(dirname "${BASH_SOURCE[0]}")/_qt_libs.sh"
ensure_qt_libs
exec "$VENV/bin/claimdesk" "$@"
