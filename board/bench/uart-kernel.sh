# Guest scenario bench-uart-kernel (boot with --kernel-pl011): the kernel's pl011 tty driver
# transmits /bin/bench-stream through /dev/ttyAMA0 in raw mode; the host times the bytes.
[ -c /dev/ttyAMA0 ] || { echo "bench: no /dev/ttyAMA0 (boot with --kernel-pl011)"; exit 1; }
echo "bench: cat $(wc -c < /bin/bench-stream) bytes > /dev/ttyAMA0"
exec 3<>/dev/ttyAMA0
stty raw -echo <&3 || exit 1
cat /bin/bench-stream >&3 || exit 1
exec 3>&-   # the last close waits for the driver to drain its buffer
echo "bench: kernel tty done"
