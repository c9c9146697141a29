# Least privilege on one backend (`backend=uio` or `backend=vfio` on the kernel command line): a
# device granted by root to the account pdriver is driven by that account (uart echo, started by
# `vfioctl run`, with CAP_SYS_RAWIO alone for vfio); the account is refused, with the fix named,
# for binding, for a device not granted and (vfio) without CAP_SYS_RAWIO; release leaves nothing
# granted or bound; a driver started as root with --user drops to pdriver after opening, keeps
# working, and the device stays bound until `vfioctl release`.
step() { echo "STEP: $1"; }
backend=$(sed -n 's/.*backend=\([a-z]*\).*/\1/p' /proc/cmdline)
keep=""
[ "$backend" = vfio ] && keep="--keep-rawio"
driver() { d=$(readlink "/sys/bus/$1/devices/$2/driver" 2>/dev/null); echo "${d##*/}"; }
bus() { [ -e "/sys/bus/amba/devices/$1" ] && echo amba || echo platform; }
state() {
    for device in 9000000.pl011 9010000.pl031; do
        b=$(bus "$device")
        echo "STATE: $device driver=$(driver "$b" "$device") override=$(cat "/sys/bus/$b/devices/$device/driver_override")"
    done
    echo "STATE: fdt $(stat -c '%u:%g %a' /sys/firmware/fdt) records=$(ls /run/vfioctl 2>/dev/null | tr '\n' ' ')"
}
node() {
    if [ "$backend" = uio ]; then
        echo "/dev/$(ls "/sys/bus/platform/devices/$1/uio" 2>/dev/null)"
    else
        group=$(readlink "/sys/bus/$(bus "$1")/devices/$1/iommu_group"); echo "/dev/vfio/noiommu-${group##*/}"
    fi
}
mkdir -p /etc
echo "root:x:0:0:root:/root:/bin/sh" > /etc/passwd
echo "pdriver:x:1000:1000:Platform driver:/tmp:/bin/sh" >> /etc/passwd
printf 'root:x:0:\npdriver:x:1000:\n' > /etc/group
echo "BACKEND: $backend"
state

step "grant"
vfioctl grant 9000000.pl011 --user pdriver --backend "$backend" --udev-rule /tmp/70-pl011.rules; echo "EXIT: $?"
cat /tmp/70-pl011.rules
echo "NODE: $(node 9000000.pl011) $(stat -c '%u:%g %a' "$(node 9000000.pl011)")"
state

step "granted-echo"
vfioctl run --user pdriver $keep uart echo --count 64 --no-bind --backend "$backend" --allow-noiommu; echo "EXIT: $?"

if [ "$backend" = vfio ]; then
    step "without-rawio"
    vfioctl run --user pdriver uart echo --count 1 --no-bind --backend vfio --allow-noiommu; echo "EXIT: $?"
fi

step "binding-refused"
vfioctl run --user pdriver $keep timer periodic --ticks 1 --backend "$backend" --allow-noiommu; echo "EXIT: $?"
vfioctl run --user pdriver vfioctl release 9000000.pl011; echo "EXIT: $?"

step "not-granted"
vfioctl bind 9010000.pl031 --backend "$backend" >/dev/null; echo "BOUND: $(driver "$(bus 9010000.pl031)" 9010000.pl031)"
vfioctl run --user pdriver $keep timer periodic --ticks 1 --no-bind --backend "$backend" --allow-noiommu; echo "EXIT: $?"
vfioctl release 9010000.pl031 >/dev/null; echo "EXIT: $?"

step "release"
vfioctl release 9000000.pl011; echo "EXIT: $?"
state

step "dropped"
(uart echo --count 64 --user pdriver --backend "$backend" --allow-noiommu 2>&1; echo "EXIT: $?") | tee /tmp/dropped.log &
tries=0
while ! grep -q "privileges dropped\|EXIT:" /tmp/dropped.log 2>/dev/null && [ "$tries" -lt 600 ]; do sleep 0.1; tries=$((tries + 1)); done
pid=$(pidof uart)
echo "DROPPED: $(grep -E '^(Uid|Gid|CapPrm|CapEff|CapInh|CapAmb|NoNewPrivs):' "/proc/$pid/status" | tr -s '\t ' ' ' | tr '\n' ' ')"
echo "DROPPED-FDS: $(ls -l "/proc/$pid/fd" | sed -n 's/.*-> //p' | tr '\n' ' ')"
wait
state
vfioctl release 9000000.pl011; echo "EXIT: $?"
state
