#!/usr/bin/env bash
# demo-build.sh LOG — what `make demo` needs before it boots, one step at a time, each step named
# as it starts and its progress lines shown as they come (the sample DTBs, the arm64 kernel:
# minutes the first time, then cached; the Embedded Swift programs: a few minutes the first time;
# the initramfs). Everything the steps print goes to LOG; a failing step shows its last lines.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOG=${1:?usage: demo-build.sh LOG}
: >"$LOG"

# step TITLE TARGET: runs `make TARGET`, showing the lines of the build scripts that say where
# they are (build-kernel:, embedded:, initramfs:) and timing the step.
step() {
    local title=$1 target=$2 started=$SECONDS status=0
    echo "== $title"
    { make -C "$ROOT" --no-print-directory "$target" 2>&1 || echo "demo-build: make $target failed with status $?"; } |
        tee -a "$LOG" | grep --line-buffered -E '^(build-kernel|embedded|initramfs|demo-build):' | sed -u 's/^/   /' || true
    if grep -q "^demo-build: make $target failed" "$LOG"; then
        echo "== $title failed; the last lines of $LOG:"
        tail -n 30 "$LOG" | sed 's/^/   | /'
        exit 1
    fi
    echo "   ($((SECONDS - started)) s)"
}

step "sample device trees (dts/)" dtbs
step "the arm64 Linux 6.12 kernel (about 5 minutes on 2 cores the first time, then cached)" kernel
step "the Embedded Swift programs for aarch64 (SwiftPM, a few minutes the first time)" embedded
step "the initramfs with the programs and the demo scenario" initramfs
