#!/usr/bin/env bash
# build-kernel.sh — build (or reuse) the arm64 kernel Image for the rig, and the
# device trees of the boards QEMU does not generate one for; with --arch arm, the 32-bit ARM
# kernel (zImage) of the virt32 board (rig/kernel-arm.config).
#
# Usage: rig/build-kernel.sh [--arch arm64|arm] [--dtb BOARD]
#   --dtb raspi3b   print the path of bcm2837-rpi-3-b.dtb instead of the Image's
#   --arch arm --dtb raspi2b|mcimx6ul-evk   bcm2836-rpi-2-b.dtb or imx6ul-14x14-evk.dtb
#
# Configuration: allnoconfig + rig/kernel.config + olddefconfig, then every
# option of the fragment is checked against the final .config.
# Device trees: built by the kernel's own recipe in the same configured tree
# (`make broadcom/bcm2837-rpi-3-b.dtb`: cpp + dtc from the same source), never
# hand-written. The virt board needs none: QEMU generates its tree.
# Cache: ${PDRIVERS_CACHE:-$HOME/.cache/pdrivers}/kernel-<key>/{Image,*.dtb}, where
# <key> hashes kernel.config, the DTB list, the linux-source-6.12 package version
# and the cross gcc version. The unpacked source is cached once per package version.
# Progress goes to stderr every ~30 s; the make log is kept in the cache dir.
# stdout: one line, the absolute path of the Image (or of the DTB asked for).
set -euo pipefail

RIG_DIR=$(cd "$(dirname "$0")" && pwd)
TARBALL=/usr/src/linux-source-6.12.tar.xz
CACHE=${PDRIVERS_CACHE:-$HOME/.cache/pdrivers}
KARCH=arm64
for ((i = 1; i <= $#; i++)); do [[ ${!i} == --arch ]] && { j=$((i + 1)); KARCH=${!j}; }; done
case $KARCH in
    arm64) FRAGMENT=$RIG_DIR/kernel.config; CROSS=aarch64-linux-gnu-; IMAGE=Image; IMAGE_NAME=Image
           # Board name -> the kernel's DTB target (arch/arm64/boot/dts/<target>).
           BOARD_DTBS=(raspi3b=broadcom/bcm2837-rpi-3-b.dtb) ;;
    arm) FRAGMENT=$RIG_DIR/kernel-arm.config; CROSS=arm-linux-gnueabihf-; IMAGE=zImage; IMAGE_NAME=zImage
         BOARD_DTBS=(raspi2b=broadcom/bcm2836-rpi-2-b.dtb mcimx6ul-evk=nxp/imx/imx6ul-14x14-evk.dtb) ;;
    *) echo "build-kernel: unknown --arch $KARCH (arm64 or arm)" >&2; exit 2 ;;
esac
KMAKE=(make ARCH=$KARCH CROSS_COMPILE=$CROSS)

log() { echo "build-kernel: $*" >&2; }
usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

want_dtb=
while (($#)); do
    case $1 in
        --dtb) want_dtb=${2:?}; shift 2 ;;
        --arch) shift 2 ;;
        -h|--help) usage ;;
        *) echo "build-kernel: unknown argument: $1" >&2; usage ;;
    esac
done
dtb_targets=()
result=$IMAGE_NAME
for pair in ${BOARD_DTBS[@]+"${BOARD_DTBS[@]}"}; do
    dtb_targets+=("${pair#*=}")
    if [[ ${pair%%=*} == "$want_dtb" ]]; then result=$(basename "${pair#*=}"); fi
done
if [[ -n $want_dtb && $result == "$IMAGE_NAME" ]]; then
    echo "build-kernel: no device tree for board '$want_dtb' (boards with one: ${BOARD_DTBS[*]%%=*}; virt needs none, QEMU generates it)" >&2
    exit 2
fi

pkg_version=$(dpkg-query -W -f='${Version}' linux-source-6.12)
gcc_version=$(${CROSS}gcc --version | head -n1)
key=$({ cat "$FRAGMENT"; echo "${dtb_targets[*]}"; echo "$pkg_version"; echo "$gcc_version"; } |
      sha256sum | cut -c1-16)
[[ $KARCH == arm64 ]] || key=$KARCH-$key
OUT=$CACHE/kernel-$key
if [[ -f $OUT/$IMAGE_NAME ]]; then
    echo "$OUT/$result"
    exit 0
fi
mkdir -p "$CACHE"
# One build per key at a time; a waiter reuses the winner's Image.
exec 9>"$CACHE/kernel-$key.lock"
flock 9
if [[ -f $OUT/$IMAGE_NAME ]]; then
    echo "$OUT/$result"
    exit 0
fi

# 1. Unpacked source, shared by all configs of this package version.
SRC=$CACHE/linux-src-$pkg_version
if [[ ! -d $SRC ]]; then
    log "unpacking $TARBALL"
    unpack=$(mktemp -d "$CACHE/unpack.XXXXXX")
    tar -xJf "$TARBALL" -C "$unpack"
    mv -T "$unpack/linux-source-6.12" "$SRC"   # atomic: SRC is complete or absent
    rmdir "$unpack"
fi

# 2. Out-of-tree build in a temporary dir, removed whatever happens.
BUILD=$(mktemp -d "$CACHE/kernel-$key.build.XXXXXX")
LOG=$CACHE/kernel-$key.log
make_pid=
cleanup() {
    if [[ -n $make_pid ]] && kill -0 "$make_pid" 2>/dev/null; then
        kill -- "-$make_pid" 2>/dev/null || kill "$make_pid" 2>/dev/null || true
        wait "$make_pid" 2>/dev/null || true
    fi
    rm -rf "$BUILD"
}
trap cleanup EXIT
: >"$LOG"

log "configuring (log: $LOG)"
"${KMAKE[@]}" -C "$SRC" O="$BUILD" allnoconfig >>"$LOG" 2>&1
want_on=() want_off=()
while IFS= read -r line; do
    if [[ $line =~ ^CONFIG_([A-Za-z0-9_]+)=y$ ]]; then
        want_on+=("${BASH_REMATCH[1]}")
    elif [[ $line =~ ^#\ CONFIG_([A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
        want_off+=("${BASH_REMATCH[1]}")
    fi
done <"$FRAGMENT"
for opt in "${want_on[@]}"; do
    "$SRC/scripts/config" --file "$BUILD/.config" -e "$opt"
done
for opt in "${want_off[@]}"; do
    "$SRC/scripts/config" --file "$BUILD/.config" -d "$opt"
done
"${KMAKE[@]}" -C "$SRC" O="$BUILD" olddefconfig >>"$LOG" 2>&1

# 3. Dependencies silently drop options: check every one of them.
missing=()
for opt in "${want_on[@]}"; do
    grep -qx "CONFIG_$opt=y" "$BUILD/.config" || missing+=("CONFIG_$opt (wanted y)")
done
for opt in "${want_off[@]}"; do
    if grep -q "^CONFIG_$opt=" "$BUILD/.config"; then
        missing+=("CONFIG_$opt (wanted off)")
    fi
done
if ((${#missing[@]})); then
    log "these options did not stick after olddefconfig:"
    printf '  %s\n' "${missing[@]}" >&2
    exit 1
fi

# 4. Compile, reporting progress instead of make's output.
log "building $IMAGE with -j$(nproc)"
start=$SECONDS
set -m   # own process group, so cleanup can stop make and its children
"${KMAKE[@]}" -C "$SRC" O="$BUILD" -j"$(nproc)" "$IMAGE" >>"$LOG" 2>&1 &
make_pid=$!
set +m
next=30
while kill -0 "$make_pid" 2>/dev/null; do
    sleep 1
    if ((SECONDS - start >= next)); then
        objs=$(find "$BUILD" -name '*.o' 2>/dev/null | wc -l)
        log "$((SECONDS - start)) s elapsed, $objs object files built"
        next=$((next + 30))
    fi
done
status=0
wait "$make_pid" || status=$?
make_pid=
if ((status != 0)); then
    log "make failed (status $status); last lines of $LOG:"
    tail -n 40 "$LOG" >&2
    exit 1
fi
log "built in $((SECONDS - start)) s"
((${#dtb_targets[@]} == 0)) || log "building ${dtb_targets[*]}"
if ((${#dtb_targets[@]})) && ! "${KMAKE[@]}" -C "$SRC" O="$BUILD" "${dtb_targets[@]}" >>"$LOG" 2>&1; then
    log "device tree build failed; last lines of $LOG:"
    tail -n 20 "$LOG" >&2
    exit 1
fi

# 5. Publish atomically: OUT appears complete or not at all.
stage=$(mktemp -d "$CACHE/kernel-$key.stage.XXXXXX")
chmod 0755 "$stage"
cp "$BUILD/arch/$KARCH/boot/$IMAGE" "$stage/$IMAGE_NAME"
for target in ${dtb_targets[@]+"${dtb_targets[@]}"}; do
    cp "$BUILD/arch/$KARCH/boot/dts/$target" "$stage/"
done
cp "$BUILD/.config" "$stage/config"
cp "$LOG" "$stage/build.log"
if ! mv -T "$stage" "$OUT" 2>/dev/null; then
    rm -rf "$stage"   # another build got there first; theirs is as good
fi
rm -f "$LOG"
echo "$OUT/$result"
