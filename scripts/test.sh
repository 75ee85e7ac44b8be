#!/usr/bin/env bash
# Set up everything the tests need and run them (the default run: no slow tests, no benchmarks).
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -m slow` or `-m benchmark -s`.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh" "[test,team,cluster]"
# The report tests convert a .docx to PDF with LibreOffice and read it back with pdftotext.
if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            libreoffice-writer-nogui poppler-utils >/dev/null
    else
        echo "note: LibreOffice/poppler missing and cannot be installed here; their tests will be skipped" >&2
    fi
fi
# The team tests start a throwaway PostgreSQL server (as a non-root user) from its server programs.
if ! command -v pg_ctl >/dev/null && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            postgresql >/dev/null
    else
        echo "note: PostgreSQL server programs missing and cannot be installed here; the team tests will be skipped" >&2
    fi
fi
# The keyboard tests also run once under a real X server (Xvfb), where Linux's own key bindings apply.
if ! command -v xvfb-run >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    source "$(dirname "${BASH_SOURCE[0]}")/_qt_libs.sh"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        xvfb xauth $(qt_missing_packages) >/dev/null
fi
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
"$VENV/bin/ruff" check desktop db tests
# Types: the files, strictness and exceptions are in pyproject.toml's [tool.mypy].
"$VENV/bin/mypy"
set +e
"$VENV/bin/python" -m pytest "$@"
status=$?
# pytest exits 5 when a marker selects nothing; that is not a failure of the code.
[ $status -eq 5 ] && status=0
exit $status
