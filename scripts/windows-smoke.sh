#!/usr/bin/env bash
# Cross-build coregroup for Windows, run the command line under wine on the fictional example
# case, and compare what it writes with the Linux build's, byte for byte. Also checks that the
# Windows build made every file and folder of the case owner-only (wine shows a file's access
# list as its Unix mode) and that it keeps the case's lock.
#
# Needs Debian's mingw-w64 and wine, and `rustup target add x86_64-pc-windows-gnu`.
# Run by hand; not part of CI. Usage: scripts/windows-smoke.sh [work folder]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
target_dir=${CARGO_TARGET_DIR:-$root/target}
triple=x86_64-pc-windows-gnu
today=2026-12-01
work=${1:-$(mktemp -d -t coregroup-windows-smoke.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)

for tool in x86_64-w64-mingw32-gcc wine; do
    command -v "$tool" >/dev/null || {
        echo "missing $tool: apt-get install -y mingw-w64 wine" >&2
        exit 2
    }
done

echo "== building for Windows (no warnings allowed) and for Linux"
cd "$root"
cargo build --release --target "$triple" 2>"$work/build-windows.log" || {
    cat "$work/build-windows.log" >&2
    exit 1
}
if grep -q '^warning' "$work/build-windows.log"; then
    cat "$work/build-windows.log" >&2
    echo "FAIL: the Windows build has warnings" >&2
    exit 1
fi
cargo build --release 2>/dev/null
linux_exe=$target_dir/release/coregroup
windows_exe=$target_dir/$triple/release/coregroup.exe

rm -rf "$work/linux" "$work/windows"
mkdir -p "$work/linux" "$work/windows"
cp "$windows_exe" "$work/windows/coregroup.exe"
# Rust's standard library needs bcryptprimitives.dll, which wine 8 lacks: a stand-in beside
# the program, where Windows looks first.
x86_64-w64-mingw32-gcc -O2 -shared -o "$work/windows/bcryptprimitives.dll" \
    "$root/scripts/wine-shim/bcryptprimitives.c" -ladvapi32

export WINEPREFIX=$work/wineprefix WINEDEBUG=-all
# No config of the user's: the built-in agendas and holidays only, the same on both sides.
mkdir -p "$work/config"
export COREGROUP_CONFIG_DIR=$work/config COREGROUP_DATA_DIR=$work/data
wineboot --init >/dev/null 2>&1 || true

linux() { "$linux_exe" "$@"; }
windows() { wine "$work/windows/coregroup.exe" "$@"; }

# The same commands on each side, from inside the side's folder, with relative paths.
run_side() {
    local side=$1
    cd "$work/$side"
    {
        "$side" new --example --today "$today" case
        "$side" status --today "$today" case
        "$side" check case
        "$side" export case
        "$side" circulate --date "$today" case
        "$side" caseload --format yaml --today "$today" .
    } >"$work/$side.out" 2>"$work/$side.err" || {
        echo "FAIL: a command failed on $side:" >&2
        cat "$work/$side.err" >&2
        exit 1
    }
    cd "$work"
}

echo "== running the smoke commands on Linux and under wine"
run_side linux
run_side windows

status=0
echo "== comparing the case folders (less .coregroup/, which holds the lock and caches)"
if diff -r --exclude=.coregroup "$work/linux/case" "$work/windows/case" >"$work/case.diff"; then
    echo "same: $(find "$work/linux/case" -path '*/.coregroup' -prune -o -type f -print | wc -l) files, byte for byte"
else
    echo "FAIL: the documents differ:" >&2
    head -50 "$work/case.diff" >&2
    status=1
fi

echo "== comparing what the commands printed (path separators aside)"
sed 's#\\#/#g; s/\r$//' "$work/windows.out" >"$work/windows.out.unix"
if diff "$work/linux.out" "$work/windows.out.unix" >"$work/out.diff"; then
    echo "same: $(wc -l <"$work/linux.out") lines"
else
    echo "differs (shown, not failed: paths are printed the platform's way):"
    head -20 "$work/out.diff"
fi

echo "== owner-only files and folders of the Windows build"
open_to_others=$(find "$work/windows/case" -perm /077 -printf '%m %P\n')
if [ -z "$open_to_others" ]; then
    echo "every file and folder is owner-only: $(find "$work/windows/case" | wc -l) checked"
else
    echo "FAIL: readable by others:" >&2
    echo "$open_to_others" >&2
    status=1
fi

echo "== the case's lock under wine"
# Another process holds the case (as a meeting would); the Windows build must be refused. Wine
# turns Windows file locks into POSIX record locks, so the holder takes one of those.
lock_holder() {
    exec python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "r+")
fcntl.lockf(f, fcntl.LOCK_EX)
time.sleep(30)' "$work/windows/case/.coregroup/lock"
}
lock_holder &
holder=$!
sleep 1
if windows status --today "$today" case >"$work/locked.out" 2>&1; then
    echo "FAIL: status ran while another process held the case's lock" >&2
    status=1
else
    echo "refused while locked: $(grep -m1 -v '^$' "$work/locked.out")"
fi
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true

echo "== work folder: $work"
exit $status
