#!/usr/bin/env bash
# Cross-build coregroup for Windows, run the command line under wine on the fictional example
# case, and compare what it writes with the Linux build's, byte for byte. Also checks that the
# Windows build made every file and folder of the case owner-only, read back through Windows'
# own calls.
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
# The tests and benchmarks too: code built for one platform only leaves nothing unused.
cargo clippy --target "$triple" --all-targets -- -D warnings 2>"$work/clippy-windows.log" || {
    cat "$work/clippy-windows.log" >&2
    echo "FAIL: clippy finds warnings in the Windows build of the tests" >&2
    exit 1
}
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

# The same commands on each side, from inside the side's folder, with relative paths; each
# must succeed.
run_side() {
    local side=$1
    cd "$work/$side"
    : >"$work/$side.out"
    local cmd
    for cmd in \
        "new --example --today $today case" \
        "status --today $today case" \
        "check case" \
        "export case" \
        "circulate --date $today case" \
        "caseload --format yaml --today $today ."; do
        # shellcheck disable=SC2086
        if ! "$side" $cmd >>"$work/$side.out" 2>"$work/$side.err"; then
            echo "FAIL: \`coregroup $cmd\` failed on $side:" >&2
            cat "$work/$side.err" >&2
            exit 1
        fi
    done
    cd "$work"
}

echo "== running the smoke commands on Linux and under wine"
run_side linux
run_side windows

status=0
echo "== comparing the case folders (less .coregroup/, which holds the lock and caches)"
# A Word file is a zip whose headers name the system that made it, and each email carries its
# Word files: those are compared by what the zip holds; every other file byte for byte.
if diff -r --exclude=.coregroup --exclude='*.docx' --exclude='*.eml' \
    "$work/linux/case" "$work/windows/case" >"$work/case.diff"; then
    echo "same: $(find "$work/linux/case" -path '*/.coregroup' -prune -o -type f ! -name '*.docx' ! -name '*.eml' -print | wc -l) files, byte for byte"
else
    echo "FAIL: the documents differ:" >&2
    head -50 "$work/case.diff" >&2
    status=1
fi
if python3 - "$work/linux/case" "$work/windows/case" <<'PY'; then
import pathlib, sys, zipfile
a, b = map(pathlib.Path, sys.argv[1:])
words = sorted(p.relative_to(a) for p in a.rglob("*.docx"))
bad = []
for rel in words:
    za, zb = zipfile.ZipFile(a / rel), zipfile.ZipFile(b / rel)
    if za.namelist() != zb.namelist() or any(za.read(n) != zb.read(n) for n in za.namelist()):
        bad.append(str(rel))
print(f"same: {len(words)} Word files, every part byte for byte" if not bad else "differ: " + ", ".join(bad))
sys.exit(1 if bad else 0)
PY
    :
else
    status=1
fi

echo "== comparing what the commands printed (path separators aside)"
sed 's#\\#/#g; s/\r$//' "$work/windows.out" >"$work/windows.out.unix"
if diff "$work/linux.out" "$work/windows.out.unix" >"$work/out.diff"; then
    echo "same: $(wc -l <"$work/linux.out") lines"
else
    echo "differs in $(grep -c '^[<>]' "$work/out.diff") lines (not failed: paths are printed the platform's way; see $work/out.diff)"
fi

echo "== owner-only files and folders of the Windows build"
# Read back through Windows' own calls: one entry in each access list, allowing the user.
x86_64-w64-mingw32-gcc -municode -O2 -o "$work/owner-only.exe" \
    "$root/scripts/wine-shim/owner-only.c" -ladvapi32
cd "$work/windows/case"
mapfile -t made < <(find . -mindepth 1 | sed 's#^\./##')
wine "$work/owner-only.exe" . "${made[@]}" >"$work/owner-only.out" || true
cd "$work"
# Wine 8 does not keep an access list's "protected from inheritance" flag, so that finding is
# counted, not failed; real Windows keeps it.
if grep -v "it inherits its folder's access list" "$work/owner-only.out" | grep -q .; then
    echo "FAIL: not owner-only:" >&2
    grep -v "it inherits its folder's access list" "$work/owner-only.out" >&2
    status=1
else
    echo "every file and folder has one entry, the user's: $((${#made[@]} + 1)) checked"
    echo "(wine reports $(grep -c "inherits" "$work/owner-only.out") as not protected from inheritance: it does not keep that flag)"
fi

fail() {
    echo "FAIL: $1" >&2
    [ -n "${2:-}" ] && cat "$2" >&2
    status=1
}

echo "== whether wine's console can show the screens"
# The screens are drawn with escape sequences, as Windows 10's console interprets them. The probe
# asks wine's console for that mode, writes a cursor move and reads the console's cells back.
x86_64-w64-mingw32-gcc -O2 -o "$work/vt-probe.exe" "$root/scripts/wine-shim/vt-probe.c"
probe=0
rm -f "$work/vt-probe.txt"
script -qec "wine $work/vt-probe.exe vt-probe.txt" /dev/null </dev/null >/dev/null 2>&1 || probe=$?
found=$(cat "$work/vt-probe.txt" 2>/dev/null || true)
case $probe in
0) echo "wine's console interprets them: the screens can be looked at under this wine ($found)" ;;
1) echo "wine's console keeps them as text, so it draws any full-screen program garbled; not a failure of coregroup's ($found)" ;;
*) echo "could not tell ($found)" ;;
esac

echo "== the terminal loop's own tests, built for Windows and run under wine"
# A closed console window is told to the program by a handler Windows calls; wine cannot close
# a console window, so the test calls the handler as Windows does.
mkdir -p "$target_dir/$triple/debug/deps"
cp "$work/windows/bcryptprimitives.dll" "$target_dir/$triple/debug/deps/"
cd "$root"
if CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine \
    cargo test --target "$triple" --lib tui::terminal >"$work/windows-tests.out" 2>&1; then
    echo "ok: $(grep -a 'test result' "$work/windows-tests.out" | tail -1)"
else
    fail "the terminal loop's tests fail on Windows" "$work/windows-tests.out"
fi
cd "$work"

echo "== the lock and the journal of the Windows build"
# The meeting screen runs in a terminal that \`script\` gives it, its keys written to a pipe: the
# screen itself is looked at by hand (README, "Building for Windows"); here only what it leaves.
mkdir -p "$work/lock"
cd "$work/lock"
windows new --example --today $today case >/dev/null
# Without a terminal the meeting says so and starts nothing.
if windows meeting case </dev/null >"$work/lock/no-terminal.out" 2>&1; then
    fail "\`meeting\` without a terminal succeeded" "$work/lock/no-terminal.out"
elif ! grep -q "needs a terminal, and this is not one: nothing was started" "$work/lock/no-terminal.out" ||
    [ -e case/.coregroup/journal.jsonl ]; then
    fail "\`meeting\` without a terminal did not refuse cleanly" "$work/lock/no-terminal.out"
else
    echo "ok: \`meeting\` without a terminal starts nothing and says so"
fi
# A meeting on a terminal: three steps on (F8), a contribution typed, then the process killed.
rm -f "$work/lock/keys"
mkfifo "$work/lock/keys"
sleep 600 >"$work/lock/keys" &
held_open=$!
script -qfec "wine $work/windows/coregroup.exe meeting case" /dev/null \
    <"$work/lock/keys" >"$work/lock/screen.out" 2>&1 &
screen=$!
typed="Kayla was on time every day this wee"
journal=case/.coregroup/journal.jsonl
for _ in $(seq 60); do [ -s "$journal" ] && break; sleep 0.5; done
for key in $'\e[19~' $'\e[19~' $'\e[19~' $'\r'; do
    printf '%s' "$key" >"$work/lock/keys"
    sleep 1.5
done
printf '%s' "$typed" >"$work/lock/keys"
for _ in $(seq 30); do grep -q "$typed" "$journal" 2>/dev/null && break; sleep 0.5; done
# A second meeting on the case is refused and told who has it.
if windows meeting case </dev/null >"$work/lock/second.out" 2>&1; then
    fail "a second \`meeting\` was not refused while the first ran" "$work/lock/second.out"
elif grep -q "this case is open in another coregroup (process [0-9]* on " "$work/lock/second.out"; then
    echo "ok: a second \`meeting\` is refused: $(head -c 120 "$work/lock/second.out")"
else
    fail "a second \`meeting\` was refused without naming the holder" "$work/lock/second.out"
fi
# The process killed mid-sentence: the journal holds what was typed, and the case opens again
# without asking anyone to take the lock over.
kill -9 "$(pgrep -P "$screen" | head -1)" 2>/dev/null || true
wait "$screen" 2>/dev/null || true
kill "$held_open" 2>/dev/null || true
if grep -q "\"text\":\"$typed\"" "$journal"; then
    echo "ok: the journal of the killed meeting holds what was typed, mid-sentence"
else
    fail "the journal of the killed meeting lacks what was typed" "$journal"
fi
if ! windows check case >"$work/lock/check.out" 2>&1; then
    fail "\`check\` fails on a case whose meeting was killed" "$work/lock/check.out"
fi
windows meeting case </dev/null >"$work/lock/after.out" 2>&1 || true
if grep -q "An unfinished meeting was found" "$work/lock/after.out" &&
    grep -q "Resuming it." "$work/lock/after.out" &&
    ! grep -q "open in another coregroup" "$work/lock/after.out"; then
    echo "ok: after the kill the lock is free and the unfinished meeting is found and resumed"
else
    fail "after the kill the meeting did not resume" "$work/lock/after.out"
fi
cd "$work"

echo "== work folder: $work"
exit $status
