#!/bin/sh
# fetch-source.sh KERNEL_RELEASE [SOURCE_TARBALL]: puts drivers/uio/uio_pdrv_genirq.c of the
# kernel series KERNEL_RELEASE belongs to (6.1.0-57-arm64: 6.1) into the current directory, from
# /usr/src/linux-source-SERIES.tar.xz (Debian's linux-source-SERIES package) or SOURCE_TARBALL.
# DKMS runs it before each build (dkms.conf's PRE_BUILD); the rig runs it for its cross build.
set -eu
release=${1:?usage: fetch-source.sh KERNEL_RELEASE [SOURCE_TARBALL]}
series=$(echo "$release" | sed -n 's/^\([0-9]*\.[0-9]*\).*/\1/p')
[ -n "$series" ] || { echo "fetch-source: cannot read a kernel series from '$release'" >&2; exit 2; }
tarball=${2:-/usr/src/linux-source-$series.tar.xz}
if [ ! -f "$tarball" ]; then
    echo "fetch-source: no $tarball: install the kernel source of this series (apt-get install linux-source-$series)" >&2
    exit 1
fi
tar -xJf "$tarball" -O "linux-source-$series/drivers/uio/uio_pdrv_genirq.c" >uio_pdrv_genirq.c
echo "fetch-source: uio_pdrv_genirq.c from $tarball" >&2
