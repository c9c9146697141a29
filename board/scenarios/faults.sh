# Faults on the real kernel: a driver killed while its level interrupt is pending and masked,
# an interrupt storm from a cause never cleared, and a thousand open/close cycles.
step() { echo "STEP: $1"; }

step "killed-with-interrupt-pending"
uart hold --pending --allow-noiommu > /tmp/hold.log 2>&1 &
holder=$!
while ! grep -q "interrupt pending" /tmp/hold.log 2>/dev/null; do
    kill -0 $holder 2>/dev/null || break
    sleep 0.1
done
cat /tmp/hold.log
kill -9 $holder; wait $holder 2>/dev/null
vfioctl release 9000000.pl011; echo "EXIT: $?"
uart echo --count 3 --allow-noiommu; echo "EXIT: $?"

step "interrupt-storm"
uart storm --count 500 --allow-noiommu; echo "EXIT: $?"
echo "ALIVE: $(cat /proc/uptime)"

step "soak"
vfioctl soak 9010000.pl031 1000 --allow-noiommu; echo "EXIT: $?"
