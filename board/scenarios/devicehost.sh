# The driver host: one devicehost process drives the PL011 echo, the PL031 ticks and the PL061
# edge interrupt (QEMU's power button, pin 3) at once, from one event loop; the test checks each,
# then presses the power button, and this script sends SIGTERM: every instance is removed and every
# device given back to the driver and driver_override it had. The same script runs on the vfio boot
# and on the UIO boot (rig/make-uio-dtb.sh with all three nodes as platform devices).
step() { echo "STEP: $1"; }
state() {
    for name in 9000000.pl011 9010000.pl031 9030000.pl061; do
        for dir in /sys/bus/amba/devices/$name /sys/bus/platform/devices/$name; do
            [ -e "$dir" ] || continue
            d=$(readlink "$dir/driver" 2>/dev/null)
            echo "STATE: $name bus=$(basename "$(dirname "$(dirname "$dir")")") driver=${d##*/} override=$(cat "$dir/driver_override")"
        done
    done
}

step "before"
state

step "devicehost"
(devicehost --count 0 --ticks 0 --edges 0 --timeout 0 --allow-noiommu 2>&1; echo "HOST-EXIT: $?") | tee /tmp/host.log &
tries=0
while ! grep -q "GPIO: rising edge\|HOST-EXIT" /tmp/host.log 2>/dev/null && [ "$tries" -lt 1200 ]; do
    sleep 0.1; tries=$((tries + 1))
done
kill -TERM "$(pidof devicehost)"
tries=0
while ! grep -q "HOST-EXIT" /tmp/host.log 2>/dev/null && [ "$tries" -lt 100 ]; do
    sleep 0.1; tries=$((tries + 1))
done

step "after"
state
