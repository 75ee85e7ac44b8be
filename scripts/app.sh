#!/usr/bin/env bash
# Set up ClaimDesk (first run only) and open it on your library; extra arguments go to `claimdesk`.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh" ""
exec "$VENV/bin/claimdesk" "$@"
