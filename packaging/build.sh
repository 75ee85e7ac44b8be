#!/usr/bin/env bash
# Build the one-folder bundle into dist/ClaimDesk/ and report its size and build time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/scripts/_venv.sh" "[packaging]"
cd "$ROOT"
rm -rf build/pyinstaller dist/ClaimDesk
start=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --workpath build/pyinstaller --distpath dist packaging/claimdesk.spec
end=$(date +%s)
echo "built dist/ClaimDesk in $((end - start)) s; size $(du -sh dist/ClaimDesk | cut -f1)"
