# Sourced by app.sh: the system libraries Qt needs to open a window on Linux (X11 or XWayland).
# Desktop installs usually have them; minimal and fresh ones often lack libxcb-cursor0 and friends,
# and then Qt aborts with "could not load the Qt platform plugin xcb". Debian/Ubuntu names.
QT_LIBS="libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 libxcb-keysyms.so.1:libxcb-keysyms1
libxkbcommon-x11.so.0:libxkbcommon-x11-0 libxcb-shape.so.0:libxcb-shape0 libxcb-randr.so.0:libxcb-randr0
libxcb-render-util.so.0:libxcb-render-util0 libxcb-image.so.0:libxcb-image0 libxcb-xkb.so.1:libxcb-xkb1
libEGL.so.1:libegl1 libGL.so.1:libgl1 libfontconfig.so.1:libfontconfig1 libdbus-1.so.3:libdbus-1-3"

qt_missing_packages() {
    local pair lib pkg known
    known="$(ldconfig -p 2>/dev/null)"
    for pair in $QT_LIBS; do
        lib="${pair%%:*}"; pkg="${pair##*:}"
        grep -q "$lib" <<<"$known" || printf '%s ' "$pkg"
    done
}

ensure_qt_libs() {
    [ "$(uname)" = Linux ] || return 0
    [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || return 0      # no screen: nothing will be shown
    case "${QT_QPA_PLATFORM:-}" in offscreen|minimal|vnc) return 0 ;; esac
    command -v ldconfig >/dev/null && command -v apt-get >/dev/null || return 0
    local missing
    missing="$(qt_missing_packages)"
    [ -n "$missing" ] || return 0
    if [ "$(id -u)" = 0 ]; then
        echo "installing the libraries Qt needs for a window: $missing" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
        echo "ClaimDesk needs these system libraries to open its window; install them once with:" >&2
        echo "    sudo apt-get install $missing" >&2
        exit 1
    fi
}
