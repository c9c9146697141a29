# Guest scenario bench-latency: PL011 interrupt latency (DR write -> handler running) through
# our framework on vfio (irqbench: InterruptLine.wait; --take-first: take() before wait), a plain
# C loop on raw VFIO ioctls (cbench vfio: blocking read; --poll: poll()+read() as
# InterruptLine.wait does), and UIO: the C loop (cbench uio) and our framework's UIO path
# (irqbench --backend uio: UIODevice, UIOInterrupt.wait). And the same PL011 loop inside an event
# loop serving three devices (PL011, PL031, PL061): hostbench (the driver host: UARTLatency,
# PL031Ticks, PL061Edges; it binds all three itself and is ended by SIGTERM) against cbench host
# (one C epoll loop over the three devices' eventfds and a signalfd).
# Boots with a DTB whose PL011 lacks "arm,primecell", so 9000000.pl011 is a platform device
# that both vfio-platform and uio_pdrv_genirq accept. Rounds interleave the variants so that
# host load drifts hit them alike. Knobs on the kernel command line: bench_n=N bench_rounds=R,
# bench_host=0 (leave out the event-loop rounds).
dev=9000000.pl011
sys=/sys/bus/platform/devices/$dev
n=$(sed -n 's/.*bench_n=\([0-9]*\).*/\1/p' /proc/cmdline); n=${n:-2000}
rounds=$(sed -n 's/.*bench_rounds=\([0-9]*\).*/\1/p' /proc/cmdline); rounds=${rounds:-3}
[ -d "$sys" ] || { echo "bench: $dev is not a platform device (boot with the edited DTB)"; exit 1; }
echo "bench: $n iterations x $rounds rounds, $(cat /proc/cpuinfo | grep -c ^processor) cpu(s)"

# bind_to BUS DEVICE DRIVER: move DEVICE on BUS to DRIVER (through driver_override).
bind_to() {
    dir=/sys/bus/$1/devices/$2
    current=$(basename "$(readlink "$dir/driver" 2>/dev/null)" 2>/dev/null)
    [ "$current" = "$3" ] && return 0
    echo "$3" > "$dir/driver_override"
    [ -n "$current" ] && echo "$2" > "/sys/bus/$1/drivers/$current/unbind"
    echo "$2" > "/sys/bus/$1/drivers_probe" 2>/dev/null
    current=$(basename "$(readlink "$dir/driver" 2>/dev/null)" 2>/dev/null)
    [ "$current" = "$3" ] || { echo "bench: could not bind $2 to $3 (driver: ${current:-none})"; return 1; }
}
# to_driver DRIVER: move the PL011 (a platform device here) to DRIVER.
to_driver() { bind_to platform "$dev" "$1"; }

# host_round: hostbench until its BENCH line, then SIGTERM; then cbench host on the same devices.
host_round() {
    rm -f /tmp/hostbench.log
    hostbench --count "$n" --period 3600 --ticks 0 --edges 0 --timeout 0 --allow-noiommu >/tmp/hostbench.log 2>&1 &
    pid=$!
    tries=0
    while ! grep -q "BENCH: irq swift-host" /tmp/hostbench.log 2>/dev/null && [ "$tries" -lt 300 ] && kill -0 "$pid" 2>/dev/null; do
        sleep 0.1; tries=$((tries + 1))
    done
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" || { echo "bench: hostbench ended with status $?"; status=1; }
    grep -q "BENCH: irq swift-host" /tmp/hostbench.log || status=1
    cat /tmp/hostbench.log
    to_driver vfio-platform || status=1
    bind_to amba 9010000.pl031 vfio-amba || status=1
    bind_to amba 9030000.pl061 vfio-amba || status=1
    cbench host "$dev" 9010000.pl031 9030000.pl061 --count "$n" || status=1
}

status=0
round=1
while [ "$round" -le "$rounds" ]; do
    echo "bench: round $round"
    # bench_host=0 (the 32-bit run, which has no hostbench): no event-loop rounds.
    grep -q 'bench_host=0' /proc/cmdline || host_round
    irqbench latency --count "$n" --allow-noiommu || status=1   # binds vfio-platform itself
    irqbench latency --count "$n" --take-first --allow-noiommu || status=1
    to_driver vfio-platform || status=1
    cbench vfio "$dev" "$n" || status=1
    cbench vfio "$dev" "$n" --poll || status=1
    if to_driver uio_pdrv_genirq; then
        uio=$(ls "$sys/uio" 2>/dev/null | head -n1)
        if [ -n "$uio" ] && [ -c "/dev/$uio" ]; then
            cbench uio "/dev/$uio" "$n" || status=1
            irqbench latency --count "$n" --backend uio || status=1
        else
            echo "bench: no /dev/uioN for $dev"; status=1
        fi
    else
        status=1
    fi
    round=$((round + 1))
done
exit $status
