# Guest scenario bench-startup: start-up of a driver program, exec to the line it prints once the
# UART is programmed, measured alike for both by `cbench launch`: our `uart` on the driver host
# (reads the device tree, decodes the PL011 config, binds 9000000.pl011 to vfio-amba, opens it,
# programs it) against `cbench start`, C making the same calls. Each then gets SIGTERM and gives the
# device back, so every round starts from an unbound device. Rounds interleave the two.
# Knob on the kernel command line: bench_rounds=R.
rounds=$(sed -n 's/.*bench_rounds=\([0-9]*\).*/\1/p' /proc/cmdline); rounds=${rounds:-9}
status=0
round=1
while [ "$round" -le "$rounds" ]; do
    cbench launch swift "UART: ready" uart echo --count 0 --allow-noiommu || status=1
    cbench launch c "BENCH: start c" cbench start || status=1
    round=$((round + 1))
done
exit $status
