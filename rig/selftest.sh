#!/usr/bin/env bash
# selftest.sh — prove the real-board rig end to end, without any Swift.
#
# Usage: rig/selftest.sh
#
# Builds (or reuses) the kernel and the arm64 packages, then boots four
# initramfs images on QEMU's virt board:
#  1. --kernel-pl011: a PL011 round trip through the kernel's tty driver
#     (guest -> host via PREFIX.out, host -> guest via PREFIX.in);
#  2. default boot: binds 9000000.pl011 to vfio-amba and 9020000.fw-cfg to
#     vfio-platform through sysfs and checks their /dev/vfio/noiommu-N nodes
#     (a separate boot: the built-in PL011 driver cannot be unbound);
#  3. a scenario that exits 3: run-board.sh must exit 3;
#  4. a scenario that hangs: run-board.sh must time out with 124.
# Every boot runs with stdin </dev/null, as in CI. Exit 0 when all pass.
set -euo pipefail

RIG=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
helper_pid=
cleanup() {
    if [[ -n $helper_pid ]]; then kill "$helper_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
say() { echo "selftest: $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }

image=$("$RIG/build-kernel.sh" | tail -n1)
root=$("$RIG/arm64-packages.sh" | tail -n1)
export RIG_BUSYBOX=$root/bin/busybox
say "kernel $image ($(stat -c %s "$image") bytes)"

# --- 1. PL011 through the kernel's tty driver (--kernel-pl011) -------------
cat >"$work/tty.sh" <<'SCENARIO'
fail() { echo "SCENARIO FAIL: $*"; exit 1; }
tty=/dev/ttyAMA0
[ -c $tty ] || fail "$tty missing"
stty -F $tty raw -echo 115200
exec 3<>$tty
echo "hello from guest ttyAMA0" >&3
read -t 15 reply <&3 || fail "no reply from the host on $tty"
echo "guest read from $tty: $reply"
[ "$reply" = "ping from host" ] || fail "unexpected reply: $reply"
SCENARIO
"$RIG/make-initramfs.sh" --out "$work/tty.cpio.gz" --scenario "$work/tty.sh" >/dev/null

# Host side of the PL011: log what the guest sends; answer its hello.
serial=$work/pl011
mkfifo "$serial.in" "$serial.out"
(
    exec 3<"$serial.out"
    while IFS= read -r line <&3; do
        echo "$line" >>"$work/serial.log"
        if [[ $line == hello* ]]; then echo "ping from host" >"$serial.in"; fi
    done
) &
helper_pid=$!
status=0
"$RIG/run-board.sh" --kernel "$image" --initrd "$work/tty.cpio.gz" --kernel-pl011 \
    --serial "$serial" --timeout 60 </dev/null || status=$?
((status == 0)) || fail "tty scenario: run-board.sh exited $status"
grep -q "hello from guest ttyAMA0" "$work/serial.log" ||
    fail "host did not read the guest's hello from $serial.out"
say "tty scenario passed; host read from $serial.out: $(head -n1 "$work/serial.log")"

# --- 2. Bind the PL011 and fw-cfg to VFIO (kernel PL011 driver kept off) ---
cat >"$work/vfio.sh" <<'SCENARIO'
fail() { echo "SCENARIO FAIL: $*"; exit 1; }

# bind BUS DEVICE DRIVER: hand a device to a VFIO driver through sysfs.
bind() {
    dev=/sys/bus/$1/devices/$2
    [ -e $dev ] || fail "$dev missing"
    echo $3 > $dev/driver_override
    if [ -e $dev/driver ]; then
        echo "$2" > $dev/driver/unbind || fail "cannot unbind $2"
    fi
    echo "$2" > /sys/bus/$1/drivers_probe
    bound=$(basename "$(readlink $dev/driver)")
    [ "$bound" = $3 ] || fail "$2 bound to '$bound', not $3"
    group=$(basename "$(readlink $dev/iommu_group)")
    [ -c /dev/vfio/noiommu-$group ] || fail "/dev/vfio/noiommu-$group missing"
    echo "bound $2 to $3, group /dev/vfio/noiommu-$group"
}
bind amba 9000000.pl011 vfio-amba
[ -c /dev/vfio/noiommu-0 ] || fail "/dev/vfio/noiommu-0 missing"
bind platform 9020000.fw-cfg vfio-platform
[ -c /dev/vfio/vfio ] || fail "/dev/vfio/vfio missing"
ls -l /dev/vfio
echo "scenario done at $(cut -d' ' -f1 /proc/uptime) s uptime"
SCENARIO
"$RIG/make-initramfs.sh" --out "$work/vfio.cpio.gz" --scenario "$work/vfio.sh" >/dev/null
start=$(date +%s.%N)
status=0
"$RIG/run-board.sh" --kernel "$image" --initrd "$work/vfio.cpio.gz" \
    --timeout 60 </dev/null | tee "$work/console.log" || status=$?
end=$(date +%s.%N)
((status == 0)) || fail "vfio scenario: run-board.sh exited $status"
booted=$(tr -d '\r' <"$work/console.log" | sed -n 's/^RIG: booted //p')
say "vfio scenario passed: init ran at $booted s guest uptime;" \
    "host wall time $(echo "$end - $start" | bc) s"

# --- 3. A failing scenario fails the run -----------------------------------
echo 'echo "about to fail"; exit 3' >"$work/fail.sh"
"$RIG/make-initramfs.sh" --out "$work/fail.cpio.gz" --scenario "$work/fail.sh" >/dev/null
status=0
"$RIG/run-board.sh" --kernel "$image" --initrd "$work/fail.cpio.gz" \
    --timeout 60 </dev/null >/dev/null || status=$?
((status == 3)) || fail "failing scenario: expected status 3, got $status"
say "failing scenario: run-board.sh exited 3 as expected"

# --- 4. A hanging scenario times out ---------------------------------------
echo 'sleep 1000' >"$work/hang.sh"
"$RIG/make-initramfs.sh" --out "$work/hang.cpio.gz" --scenario "$work/hang.sh" >/dev/null
status=0
"$RIG/run-board.sh" --kernel "$image" --initrd "$work/hang.cpio.gz" \
    --timeout 10 </dev/null >"$work/hang.log" || status=$?
((status == 124)) || fail "hanging scenario: expected status 124, got $status"
grep -q "RIG: timeout after 10 s" "$work/hang.log" || fail "no timeout message"
say "hanging scenario: run-board.sh timed out with 124 as expected"

say "PASS"
