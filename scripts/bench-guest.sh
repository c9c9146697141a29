#!/usr/bin/env bash
# bench-guest.sh — the in-guest benchmarks (board/bench/): PL011 interrupt latency through our
# framework (vfio and UIO) vs plain C VFIO and UIO loops, and PL011 transmit throughput of our
# userspace driver vs the kernel's pl011 tty driver. Boots QEMU 1 + 2 x BENCH_UART_RUNS times,
# each boot with a time limit:
#   1. bench-latency      edited DTB (PL011 without "arm,primecell" = a platform device, so
#                         vfio-platform and uio_pdrv_genirq both take it), serial to null;
#                         every variant runs in each round, interleaved.
#   2. bench-uart-ours    stock DTB, `uart send` through vfio-amba, serial to fifos;
#   3. bench-uart-kernel  stock DTB, --kernel-pl011, `cat > /dev/ttyAMA0` in raw mode;
#   2 and 3 alternate, BENCH_UART_RUNS times each. The host reads the fifo, times the stream
#   from its first byte to its last and checks it byte for byte; the median run counts.
#   4. bench-latency on virt32 (BENCH_VIRT32=0 leaves it out): 1 again on the 32-bit virt board,
#                         the armv7 irqbench against cbench for armhf (no event-loop rounds).
#
# Usage: scripts/bench-guest.sh
# Env: BOARD_KERNEL (default: rig/build-kernel.sh), EMBEDDED (default .build-embedded; irqbench
#      and uart are built with scripts/embedded-build.sh when missing, or with BENCH_REBUILD=1),
#      BENCH_IRQ_N (1000), BENCH_ROUNDS (9), BENCH_UART_RUNS (5), BENCH_STREAM_BYTES (262144),
#      BENCH_TIMEOUT (300, per boot).
# Output: out/bench-guest.txt, markdown table rows `| benchmark | ours | reference | ratio | goal |`
#         (also printed); logs and artifacts in out/bench/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/out/bench
EMBEDDED=${EMBEDDED:-$ROOT/.build-embedded}
N=${BENCH_IRQ_N:-1000}
ROUNDS=${BENCH_ROUNDS:-9}
RUNS=${BENCH_UART_RUNS:-5}
STREAM_BYTES=${BENCH_STREAM_BYTES:-262144}
TIMEOUT=${BENCH_TIMEOUT:-300}
RESULT=$ROOT/out/bench-guest.txt
STAGE=$OUT/initramfs-bin
mkdir -p "$OUT" "$STAGE"

say() { echo "bench-guest: $*" >&2; }

# ---- build what the guest needs
KERNEL=${BOARD_KERNEL:-$("$ROOT/rig/build-kernel.sh" | tail -n1)}
[[ -f $KERNEL ]] || { say "no kernel image ($KERNEL)"; exit 1; }
# The Swift programs: built when missing (or with BENCH_REBUILD=1); `make embedded` refreshes them.
missing=
for program in irqbench uart hostbench; do [[ -x $EMBEDDED/bin/$program ]] || missing+=" $program"; done
if [[ -n $missing || -n ${BENCH_REBUILD:-} ]]; then
    say "building irqbench, uart and hostbench (Embedded Swift)"
    EMBEDDED_PROGRAMS="irqbench uart hostbench" "$ROOT/scripts/embedded-build.sh" "$EMBEDDED" >"$OUT/embedded-build.log" 2>&1 ||
        { tail -n 30 "$OUT/embedded-build.log" >&2; exit 1; }
fi
stale=
for source in "$ROOT"/board/bench/*.c "$ROOT"/board/bench/*.h; do [[ $source -nt $STAGE/cbench ]] && stale=1; done
if [[ ! -x $STAGE/cbench || -n $stale ]]; then
    say "building cbench (board/bench/build-cbench.sh)"
    "$ROOT/board/bench/build-cbench.sh" "$STAGE/cbench"
fi
# The byte stream: printable (base64 without line breaks), so no tty setting can alter it.
if [[ ! -f $STAGE/bench-stream || $(wc -c <"$STAGE/bench-stream") -ne $STREAM_BYTES ]]; then
    head -c $((STREAM_BYTES * 3 / 4 + 3)) /dev/urandom | base64 -w0 | head -c "$STREAM_BYTES" >"$STAGE/bench-stream"
fi
for file in "$ROOT"/board/bench/*.sh; do
    [[ $(basename "$file") == build-cbench.sh ]] && continue   # a host script, not a scenario
    cp "$file" "$STAGE/scenario-bench-$(basename "$file" .sh)"
done
# Only the programs the benchmarks run (a stale binary of another engineer's is not our concern).
programs=$OUT/programs
rm -rf "$programs" && mkdir -p "$programs"
cp "$EMBEDDED/bin/irqbench" "$EMBEDDED/bin/uart" "$EMBEDDED/bin/hostbench" "$programs/"
INITRD=$("$ROOT/rig/make-initramfs.sh" --out "$OUT/initramfs.cpio.gz" --scenario "$ROOT/board/dispatch.sh" \
    --bin "$programs" --bin "$STAGE" | tail -n1)

# The stock virt DTB, and a copy whose PL011 is only "arm,pl011" (a platform device).
"$ROOT/rig/dump-virt-dtb.sh" --out "$OUT/virt.dtb" >/dev/null 2>&1
"$ROOT/rig/make-uio-dtb.sh" --from "$OUT/virt.dtb" --node /pl011@9000000 --out "$OUT/virt-pl011-platform.dtb" >/dev/null 2>&1

# ---- 1. interrupt latency
say "interrupt latency boot ($N iterations x $ROUNDS rounds)"
status=0
"$ROOT/rig/run-board.sh" --kernel "$KERNEL" --initrd "$INITRD" --timeout "$TIMEOUT" \
    --dtb "$OUT/virt-pl011-platform.dtb" \
    --append "scenario=bench-latency bench_n=$N bench_rounds=$ROUNDS" >"$OUT/latency.log" 2>&1 || status=$?
tr -d '\r' <"$OUT/latency.log" | grep -a -E '^(bench|BENCH|irqbench|cbench|DEVICE)' | sed 's/^/   [guest] /' >&2 || true
((status == 0)) || { say "latency boot ended with status $status (log: $OUT/latency.log); its last lines:"; tr -d '\r' <"$OUT/latency.log" | tail -n 25 | sed 's/^/   | /' >&2; }

# ---- 1b. start-up: exec to the UART programmed, uart (driver host) vs C making the same calls
say "start-up boot ($ROUNDS rounds)"
status=0
"$ROOT/rig/run-board.sh" --kernel "$KERNEL" --initrd "$INITRD" --timeout "$TIMEOUT" \
    --dtb "$OUT/virt.dtb" --append "scenario=bench-startup bench_rounds=$ROUNDS" >"$OUT/startup.log" 2>&1 || status=$?
tr -d '\r' <"$OUT/startup.log" | grep -a -E '^(BENCH: startup|host:|cbench)' | sed 's/^/   [guest] /' >&2 || true
((status == 0)) || { say "start-up boot ended with status $status (log: $OUT/startup.log); its last lines:"; tr -d '\r' <"$OUT/startup.log" | tail -n 25 | sed 's/^/   | /' >&2; }

# ---- 2 and 3. transmit throughput, timed by the host on the serial fifo
# timed_boot NAME RUN [run-board args]: boots scenario bench-NAME with the PL011 on fifos;
# writes "<seconds> <bytes> <ok|mismatch|short>" to $OUT/NAME.RUN.result.
timed_boot() {
    local name=$1 run=$2; shift 2
    local work
    work=$(mktemp -d /tmp/pdrivers-bench.XXXXXX)
    mkfifo "$work/serial.in" "$work/serial.out"
    (
        exec 4<>"$work/serial.out"
        if timeout "$TIMEOUT" head -c 1 <&4 >"$work/got"; then
            start=$EPOCHREALTIME
            timeout "$TIMEOUT" head -c $((STREAM_BYTES - 1)) <&4 >>"$work/got" || true
            end=$EPOCHREALTIME
            echo "$start $end" >"$work/times"
        fi
        exec cat <&4 >/dev/null   # keep draining so QEMU never blocks on a full fifo
    ) &
    local reader=$! boot_status=0
    "$ROOT/rig/run-board.sh" --kernel "$KERNEL" --initrd "$INITRD" --timeout "$TIMEOUT" \
        --serial "$work/serial" "$@" --append "scenario=bench-$name" >"$OUT/$name.$run.log" 2>&1 || boot_status=$?
    sleep 0.5
    pkill -TERM -P "$reader" 2>/dev/null || true
    kill "$reader" 2>/dev/null || true
    wait "$reader" 2>/dev/null || true
    tr -d '\r' <"$OUT/$name.$run.log" | grep -a -E '^(bench|BENCH|UART|uart|DEVICE)' | sed 's/^/   [guest] /' >&2 || true
    ((boot_status == 0)) || { say "$name boot ended with status $boot_status (log: $OUT/$name.$run.log); its last lines:"; tr -d '\r' <"$OUT/$name.$run.log" | tail -n 25 | sed 's/^/   | /' >&2; }
    local got=0 verdict=short seconds=0
    [[ -f $work/got ]] && got=$(wc -c <"$work/got")
    if ((got == STREAM_BYTES)); then
        cmp -s "$work/got" "$STAGE/bench-stream" && verdict=ok || verdict=mismatch
    fi
    if [[ -f $work/times ]]; then
        seconds=$(awk '{ printf "%.6f", $2 - $1 }' "$work/times")
    fi
    echo "$seconds $got $verdict" >"$OUT/$name.$run.result"
    say "$name run $run: $got of $STREAM_BYTES bytes ($verdict) in $seconds s after the first byte"
    rm -rf "$work"
}
rm -f "$OUT"/uart-*.result "$OUT"/uart-*.log
for ((run = 1; run <= RUNS; run++)); do
    say "PL011 transmit run $run/$RUNS: our userspace driver (vfio-amba)"
    timed_boot uart-ours "$run" --dtb "$OUT/virt.dtb"
    say "PL011 transmit run $run/$RUNS: the kernel's pl011 tty driver"
    timed_boot uart-kernel "$run" --dtb "$OUT/virt.dtb" --kernel-pl011
done

# ---- 4. the same latency loop on the 32-bit virt board (BENCH_VIRT32=0 leaves it out): the armv7
# irqbench against cbench built for armhf, through vfio and UIO, on our 32-bit kernel.
if [[ ${BENCH_VIRT32:-1} == 1 ]]; then
    say "32-bit virt latency boot (armv7 irqbench, armhf cbench; $N iterations x $ROUNDS rounds)"
    ARM32=$OUT/virt32
    rm -rf "$ARM32/bin" && mkdir -p "$ARM32/bin"
    status=0
    BOARD_ARCH=armv7 EMBEDDED_PROGRAMS=irqbench "$ROOT/scripts/embedded-build.sh" >"$ARM32/build.log" 2>&1 &&
        BOARD_ARCH=armv7 "$ROOT/board/bench/build-cbench.sh" "$ARM32/bin/cbench" >>"$ARM32/build.log" 2>&1 || status=$?
    if ((status == 0)); then
        cp "$ROOT/.build-embedded-armv7/bin/irqbench" "$ARM32/bin/"
        cp "$STAGE/scenario-bench-latency" "$ARM32/bin/"
        zimage=$("$ROOT/rig/build-kernel.sh" --arch arm | tail -n1)
        initrd32=$(RIG_BUSYBOX=$("$ROOT/rig/arm64-packages.sh" armhf | tail -n1)/bin/busybox \
            "$ROOT/rig/make-initramfs.sh" --out "$ARM32/initramfs.cpio.gz" --scenario "$ROOT/board/dispatch.sh" --bin "$ARM32/bin" | tail -n1)
        qemu-system-arm -M virt,highmem=off,dumpdtb="$ARM32/virt32.dtb" -cpu cortex-a15 -m 256 -nic none -nographic >/dev/null 2>&1
        "$ROOT/rig/make-uio-dtb.sh" --from "$ARM32/virt32.dtb" --node /pl011@9000000 --out "$ARM32/virt32-pl011-platform.dtb" >/dev/null 2>&1
        "$ROOT/rig/run-board.sh" --board virt32 --kernel "$zimage" --initrd "$initrd32" --timeout "$TIMEOUT" \
            --dtb "$ARM32/virt32-pl011-platform.dtb" \
            --append "scenario=bench-latency bench_n=$N bench_rounds=$ROUNDS bench_host=0" >"$OUT/latency-virt32.log" 2>&1 || status=$?
        tr -d '\r' <"$OUT/latency-virt32.log" | grep -a -E '^(bench|BENCH|irqbench|cbench)' | sed 's/^/   [virt32] /' >&2 || true
    fi
    ((status == 0)) || { say "the 32-bit latency run ended with status $status (logs: $ARM32/build.log, $OUT/latency-virt32.log)"; }
fi

# ---- results
# Per variant, the median over rounds of each round's median and p99 (nanoseconds), from
# LATENCY_LOG (the arm64 boot's, or the 32-bit one's).
LATENCY_LOG=$OUT/latency.log
latency() {  # latency VARIANT FIELD -> ns, or empty
    tr -d '\r' <"$LATENCY_LOG" | awk -v variant="$1" -v field="$2" '
        $1 == "BENCH:" && $2 == "irq" && $3 == variant {
            for (i = 4; i <= NF; i++) { split($i, kv, "="); if (kv[1] == field) values[n++] = kv[2] + 0 }
        }
        END {
            if (n == 0) exit
            for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (values[j] < values[i]) { t = values[i]; values[i] = values[j]; values[j] = t }
            print (n % 2) ? values[int(n / 2)] : (values[n / 2 - 1] + values[n / 2]) / 2
        }'
}
# spread A B FIELD -> "lo–hi": the range of A/B over the rounds (the k-th line of each is round k).
spread() {
    tr -d '\r' <"$LATENCY_LOG" | awk -v a="$1" -v b="$2" -v field="$3" '
        $1 == "BENCH:" && $2 == "irq" && ($3 == a || $3 == b) {
            for (i = 4; i <= NF; i++) { split($i, kv, "="); if (kv[1] == field) value = kv[2] + 0 }
            if ($3 == a) va[na++] = value; else vb[nb++] = value
        }
        END {
            n = na < nb ? na : nb
            for (k = 0; k < n; k++) if (vb[k] > 0) { r = va[k] / vb[k]; if (!m || r < lo) lo = r; if (!m || r > hi) hi = r; m++ }
            if (m) printf "rounds %.2f–%.2f", lo, hi
        }'
}
us() { [[ -n $1 ]] && awk -v v="$1" 'BEGIN { printf "%.1f µs", v / 1000 }' || echo "n/a"; }
ratio() { [[ -n $1 && -n $2 ]] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }' || echo "n/a"; }
verdict() {  # verdict RATIO_TEXT le|ge LIMIT
    [[ $1 == n/a ]] && { echo "not measured"; return; }
    awk -v r="${1%x}" -v op="$2" -v limit="$3" 'BEGIN { ok = (op == "le") ? r <= limit : r >= limit; print ok ? "met" : "missed" }'
}

# latency_row SWIFT C FIELD TITLE SWIFT_TEXT C_TEXT: a row comparing variant SWIFT's FIELD with
# variant C's (from LATENCY_LOG), with the rounds' spread and the 1.1x goal.
latency_row() {
    local swift_ns c_ns r
    swift_ns=$(latency "$1" "$3_ns")
    c_ns=$(latency "$2" "$3_ns")
    r=$(ratio "$swift_ns" "$c_ns")
    rows+=("| $4 | $(us "$swift_ns") $5 | $(us "$c_ns") $6 | $r ($(spread "$1" "$2" "$3_ns")) | <= 1.1x ($(verdict "$r" le 1.1)) |")
}

rows=()
for field in median p99; do
    latency_row swift-framework c-vfio "$field" "IRQ latency $field, PL011 DR write → wait returns (N=$N x $ROUNDS rounds)" \
        "Swift framework (VFIODevice + InterruptLine)" "C, raw VFIO ioctls, blocking read"
done
for field in median p99; do
    latency_row swift-framework-uio c-uio "$field" "IRQ latency $field through UIO, PL011 DR write → wait returns (N=$N x $ROUNDS rounds)" \
        "Swift framework (UIODevice + UIOInterrupt, irqbench --backend uio)" "C, UIO read()/write(1), blocking read"
done
for field in median p99; do
    uio_ns=$(latency c-uio "${field}_ns")
    c_ns=$(latency c-vfio "${field}_ns")
    rows+=("| IRQ latency $field, UIO vs VFIO (both C) | $(us "$uio_ns") C, UIO uio_pdrv_genirq | $(us "$c_ns") C, raw VFIO ioctls | $(ratio "$uio_ns" "$c_ns") ($(spread c-uio c-vfio "${field}_ns")) | info: UIO/C |")
done
for field in median p99; do
    swift_ns=$(latency swift-host "${field}_ns")
    c_ns=$(latency c-host "${field}_ns")
    r=$(ratio "$swift_ns" "$c_ns")
    rows+=("| IRQ latency $field through the driver host's event loop, three devices open (PL011 measured; PL031, PL061 watched; N=$N x $ROUNDS rounds) | $(us "$swift_ns") Swift driver host (hostbench: DriverHost, EventLoop, UARTLatency) | $(us "$c_ns") C, one epoll loop over the three eventfds and a signalfd (cbench host) | $r ($(spread swift-host c-host "${field}_ns")) | <= 1.1x ($(verdict "$r" le 1.1)) |")
done
take_ns=$(latency swift-framework-take-first median_ns)
c_ns=$(latency c-vfio median_ns)
rows+=("| IRQ latency median, Swift take() before wait() (one syscall when the interrupt already fired) | $(us "$take_ns") Swift framework, take-first | $(us "$c_ns") C, raw VFIO ioctls, blocking read | $(ratio "$take_ns" "$c_ns") ($(spread swift-framework-take-first c-vfio median_ns)) | info: <= 1.1x ($(verdict "$(ratio "$take_ns" "$c_ns")" le 1.1)) |")
poll_ns=$(latency c-vfio-poll median_ns)
c_ns=$(latency c-vfio median_ns)
rows+=("| IRQ latency median, C poll()+read() vs C read() (the wait InterruptLine does) | $(us "$poll_ns") C, poll + read | $(us "$c_ns") C, blocking read | $(ratio "$poll_ns" "$c_ns") ($(spread c-vfio-poll c-vfio median_ns)) | info: cost of the extra poll |")

startup() {  # startup NAME -> the median exec_to_ready_ns of NAME's rounds, or empty
    tr -d '\r' <"$OUT/startup.log" | awk -v name="$1" '
        $1 == "BENCH:" && $2 == "startup" && $3 == name {
            for (i = 4; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "exec_to_ready_ns") values[n++] = kv[2] + 0 }
        }
        END {
            if (n == 0) exit
            for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (values[j] < values[i]) { t = values[i]; values[i] = values[j]; values[j] = t }
            print (n % 2) ? values[int(n / 2)] : (values[n / 2 - 1] + values[n / 2]) / 2
        }'
}
ms() { [[ -n $1 ]] && awk -v v="$1" 'BEGIN { printf "%.1f ms", v / 1e6 }' || echo "n/a"; }
swift_ns=$(startup swift)
c_ns=$(startup c)
r=$(ratio "$swift_ns" "$c_ns")
rows+=("| start-up, exec to the UART programmed (median of $ROUNDS rounds, each binding, opening and giving back 9000000.pl011) | $(ms "$swift_ns") Swift uart on the driver host | $(ms "$c_ns") C, the same calls (cbench start: libfdt, sysfs, VFIO) | $r | <= 1.2x ($(verdict "$r" le 1.2)) |")

rates() {  # rates NAME -> bytes/s of each intact run, ascending
    local file seconds got verdict
    for file in "$OUT/$1".*.result; do
        [[ -f $file ]] || continue
        read -r seconds got verdict <"$file"
        if [[ $verdict == ok ]]; then awk -v s="$seconds" -v b="$got" 'BEGIN { if (s > 0) printf "%.0f\n", (b - 1) / s }'; fi
    done | sort -n
}
median_of() { awk '{ v[n++] = $1 } END { if (n) print (n % 2) ? v[int(n / 2)] : (v[n / 2 - 1] + v[n / 2]) / 2 }'; }
kib() {  # kib BYTES_PER_S NAME -> "M KiB/s (runs lo–hi)"
    [[ -n $1 ]] || { echo "n/a"; return; }
    rates "$2" | awk -v v="$1" '{ r[n++] = $1 } END { printf "%.0f KiB/s (runs %.0f–%.0f)", v / 1024, r[0] / 1024, r[n - 1] / 1024 }'
}
LATENCY_LOG=$OUT/latency-virt32.log
[[ -f $LATENCY_LOG ]] || : >"$LATENCY_LOG"
for field in median p99; do
    latency_row swift-framework c-vfio "$field" "32-bit virt (armv7, Cortex-A15): IRQ latency $field, PL011 DR write → wait returns (N=$N x $ROUNDS rounds)" \
        "Swift framework, armv7" "C, raw VFIO ioctls, armhf"
done
latency_row swift-framework-uio c-uio median "32-bit virt: IRQ latency median through UIO (N=$N x $ROUNDS rounds)" \
    "Swift framework, armv7" "C, UIO read()/write(1), armhf"
LATENCY_LOG=$OUT/latency.log

ours_bps=$(rates uart-ours | median_of)
kernel_bps=$(rates uart-kernel | median_of)
r=$(ratio "$ours_bps" "$kernel_bps")
rows+=("| PL011 transmit, $((STREAM_BYTES / 1024)) KiB timed on the host fifo, median of $RUNS boots each (QEMU chardev bound) | $(kib "$ours_bps" uart-ours) Swift driver (uart send, vfio-amba) | $(kib "$kernel_bps" uart-kernel) kernel pl011 tty (cat > /dev/ttyAMA0, raw) | $r | >= 1.0x ($(verdict "$r" ge 1.0)) |")

printf '%s\n' "${rows[@]}" >"$RESULT"
cat "$RESULT"
