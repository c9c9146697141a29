# A driver as a service, on one backend (`backend=uio` or `backend=vfio`): what a systemd unit
# with Restart=always does (docs/real-boards.md), done by this loop. Set up once as root
# (ExecStartPre=+vfioctl grant), the driver runs as pdriver (User=, and for vfio
# AmbientCapabilities=CAP_SYS_RAWIO: `vfioctl run` here), is killed with SIGKILL 20 times in the
# middle of a transfer the host keeps sending, so its receive interrupt is pending when the next
# one starts, and each time the next one takes the device over. After each kill: no descriptor
# of the device left open anywhere, the binding and the records as before. Then a last run ends
# with SIGTERM, and release leaves the device as it was at boot.
step() { echo "STEP: $1"; }
backend=$(sed -n 's/.*backend=\([a-z]*\).*/\1/p' /proc/cmdline)
rounds=$(sed -n 's/.*rounds=\([0-9]*\).*/\1/p' /proc/cmdline)
keep=""
[ "$backend" = vfio ] && keep="--keep-rawio"
bus=platform
[ -e /sys/bus/amba/devices/9000000.pl011 ] && bus=amba
sysdir=/sys/bus/$bus/devices/9000000.pl011
state() {
    d=$(readlink "$sysdir/driver" 2>/dev/null)
    echo "driver=${d##*/} override=$(cat "$sysdir/driver_override") records=$(ls /run/vfioctl 2>/dev/null | tr '\n' ' ')"
}
mkdir -p /etc
echo "root:x:0:0:root:/root:/bin/sh" > /etc/passwd
echo "pdriver:x:1000:1000:Platform driver:/tmp:/bin/sh" >> /etc/passwd
printf 'root:x:0:\npdriver:x:1000:\n' > /etc/group
echo "AT-BOOT: $(state)"

step "setup"
vfioctl grant 9000000.pl011 --user pdriver --backend "$backend"; echo "EXIT: $?"
granted=$(state)
echo "GRANTED: $granted"

step "restarts"
round=1
while [ "$round" -le "${rounds:-20}" ]; do
    # ExecStartPre=+: the grant again, as each start of the unit does (it changes nothing now).
    vfioctl grant 9000000.pl011 --user pdriver --backend "$backend" >/tmp/grant.log 2>&1 || cat /tmp/grant.log
    # The log is removed first: the background shell truncates it only once it runs.
    rm -f /tmp/run.log
    vfioctl run --user pdriver $keep uart echo --count 0 --no-bind --backend "$backend" --allow-noiommu >/tmp/run.log 2>&1 &
    tries=0
    while ! grep -q "UART: ready" /tmp/run.log 2>/dev/null && [ "$tries" -lt 300 ]; do sleep 0.05; tries=$((tries + 1)); done
    if grep -q "UART: ready" /tmp/run.log; then
        echo "ROUND $round: $(grep 'UART: ready' /tmp/run.log)"
    else
        pid=$(pidof uart)
        echo "ROUND $round: not ready after $tries polls: log [$(cat /tmp/run.log)] pid [$pid] wchan [$(cat /proc/$pid/wchan 2>/dev/null)] state [$(grep State /proc/$pid/status 2>/dev/null)]"
        cat /proc/$pid/stack 2>/dev/null
    fi
    sleep 1.5
    kill -9 "$(pidof uart)"
    wait
    echo "KILLED $round"
    # Every descriptor of every process: none may still point at the device after the kill.
    open=$(ls -l /proc/[0-9]*/fd 2>/dev/null | grep -c -e "/dev/uio" -e "/dev/vfio/" -e "vfio-device")
    now=$(state)
    same=yes
    [ "$now" = "$granted" ] || same="no: $now"
    echo "LEAKS $round: descriptors=$open binding-and-records-unchanged=$same"
    round=$((round + 1))
done

step "last"
rm -f /tmp/run.log
vfioctl run --user pdriver $keep uart echo --count 0 --no-bind --backend "$backend" --allow-noiommu >/tmp/run.log 2>&1 &
tries=0
while ! grep -q "UART: ready" /tmp/run.log 2>/dev/null && [ "$tries" -lt 300 ]; do sleep 0.05; tries=$((tries + 1)); done
echo "LAST: $(grep 'UART: ready' /tmp/run.log)"
sleep 4
kill -TERM "$(pidof uart)"
wait $!; echo "EXIT: $?"
cat /tmp/run.log

step "release"
vfioctl release 9000000.pl011; echo "EXIT: $?"
echo "AFTER: $(state)"
