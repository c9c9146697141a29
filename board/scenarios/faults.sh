# Faults on the real kernel: a driver killed while its level interrupt is pending and masked,
# an interrupt storm from a cause never cleared, and a thousand open/close cycles.
step() { echo "STEP: $1"; }

step "killed-with-interrupt-pending"
# The holder's output goes to the console as it comes (the host answers its prompt) and to a log.
(uart hold --pending --allow-noiommu 2>&1; echo "HOLDER-EXITED") | tee /tmp/hold.log &
tries=0
while ! grep -q "interrupt pending\|HOLDER-EXITED" /tmp/hold.log 2>/dev/null && [ "$tries" -lt 600 ]; do
    sleep 0.1; tries=$((tries + 1))
done
kill -9 "$(pidof uart)"
sleep 0.5
vfioctl release 9000000.pl011; echo "EXIT: $?"
uart echo --count 3 --allow-noiommu; echo "EXIT: $?"

step "interrupt-storm"
irqbench storm --count 500 --allow-noiommu; echo "EXIT: $?"
echo "ALIVE: $(cat /proc/uptime)"

step "soak"
vfioctl soak 9010000.pl031 1000 --allow-noiommu; echo "EXIT: $?"
