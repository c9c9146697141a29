# Guest scenario bench-uart-ours: our userspace PL011 driver (uart send, vfio-amba) transmits
# /bin/bench-stream; the host times the bytes arriving on the serial fifo.
echo "bench: uart send $(wc -c < /bin/bench-stream) bytes"
uart send /bin/bench-stream --allow-noiommu
