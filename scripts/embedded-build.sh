#!/usr/bin/env bash
# embedded-build.sh — builds the runtime modules, the generated register accessors, the example
# drivers and vfioctl in Embedded Swift for aarch64-none-none-elf, from the same sources as the
# host build, and links each program as a static aarch64 Linux binary against Debian's arm64
# glibc and libfdt.a.
#
# Usage: scripts/embedded-build.sh [OUT_DIR]      (default .build-embedded)
# Needs: gcc-aarch64-linux-gnu, libc6-dev-arm64-cross, the arm64 libfdt from rig/arm64-packages.sh,
#        and a host-built dtbind (swift build --product dtbind) for the generated accessors.
# Output: OUT_DIR/bin/<program> for each program; OUT_DIR/obj holds modules and objects.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mkdir -p "${1:-$ROOT/.build-embedded}" && cd "${1:-$ROOT/.build-embedded}" && pwd)
OBJ=$OUT/obj
BIN=$OUT/bin
GEN=$OUT/generated
mkdir -p "$OBJ" "$BIN" "$GEN"

SWIFT_BIN=$(dirname "$(readlink -f "$(command -v swiftc)")")
TOOLCHAIN=$(dirname "$SWIFT_BIN")
ARM64_ROOT=$("$ROOT/rig/arm64-packages.sh")
DTBIND=${DTBIND:-$(cd "$ROOT" && swift build --product dtbind --show-bin-path)/dtbind}

# -O, not -Osize: Swift 6.3.1 miscompiles string comparisons in a loop at -Osize for
# aarch64-none-none-elf (a crash reproduced in a 15-line program; -O and -Onone are correct).
SWIFTC_FLAGS=(
    -target aarch64-none-none-elf -enable-experimental-feature Embedded
    -wmo -parse-as-library -O -I "$OBJ"
    -I "$ROOT/Sources/CFdt" -I "$ROOT/Sources/CLinux" -I "$ROOT/Sources/CMMIO"
    -Xcc -isystem -Xcc /usr/aarch64-linux-gnu/include
    -Xcc -isystem -Xcc "$ARM64_ROOT/usr/include"
    -Xcc -D__linux__ -Xcc -D__gnu_linux__ -Xcc -D__unix__
    -Xfrontend -function-sections
)

COMPILED=()
# compile_module NAME SOURCE_DIR...: one library module -> obj/NAME.o + obj/NAME.swiftmodule
compile_module() {
    local name=$1; shift
    local sources=()
    for dir in "$@"; do sources+=("$dir"/*.swift); done
    # Up to date when the object is newer than its sources and than every module built before it.
    local inputs=("${sources[@]}")
    for done_module in "${COMPILED[@]}"; do inputs+=("$OBJ/$done_module.swiftmodule"); done
    COMPILED+=("$name")
    if [[ -f $OBJ/$name.o && -z $(find "${inputs[@]}" -newer "$OBJ/$name.o" 2>/dev/null | head -1) ]]; then
        echo "embedded: module $name up to date"; return
    fi
    echo "embedded: module $name (${#sources[@]} files)"
    swiftc "${SWIFTC_FLAGS[@]}" -module-name "$name" -emit-module -emit-module-path "$OBJ/$name.swiftmodule" \
        -c "${sources[@]}" -o "$OBJ/$name.o"
}

# link_program NAME SOURCE_DIR: an @main program -> bin/NAME, linked with every module object
link_program() {
    local name=$1 dir=$2
    if [[ -f $BIN/$name && -z $(find "$dir"/*.swift "${MODULE_OBJECTS[@]}" -newer "$BIN/$name" 2>/dev/null | head -1) ]]; then
        echo "embedded: program $name up to date"; return
    fi
    echo "embedded: program $name"
    swiftc "${SWIFTC_FLAGS[@]}" -module-name "$(echo "$name" | tr '-' '_')" -c "$dir"/*.swift -o "$OBJ/main-$name.o"
    aarch64-linux-gnu-gcc -static -B"$SWIFT_BIN" -fuse-ld=lld -Wl,--gc-sections -o "$BIN/$name" \
        "$OBJ/main-$name.o" "${MODULE_OBJECTS[@]}" \
        "$ARM64_ROOT/usr/lib/aarch64-linux-gnu/libfdt.a" \
        "$TOOLCHAIN/lib/swift/embedded/aarch64-none-none-elf/libswiftUnicodeDataTables.a"
    aarch64-linux-gnu-strip "$BIN/$name"
}

# Generate into a scratch folder and copy only what changed, so unchanged files keep their times.
rm -rf "$GEN.new" && mkdir -p "$GEN.new"
"$DTBIND" generate "$ROOT"/bindings/*.yaml --output "$GEN.new"
for file in "$GEN.new"/*.swift; do cmp -s "$file" "$GEN/$(basename "$file")" || cp "$file" "$GEN/"; done
for file in "$GEN"/*.swift; do [[ -f $GEN.new/$(basename "$file") ]] || rm -f "$file"; done
rm -rf "$GEN.new"

# Linked into the programs: the runtime. The simulation kit (PlatformSimulation, DeviceModels) is
# compiled too, to keep it Embedded-clean, but no board binary carries it.
MODULES=(DeviceTree Registers DeviceConfig VFIOPlatform ProgramSupport)
compile_module DeviceTree "$ROOT/Sources/DeviceTree"
compile_module Registers "$ROOT/Sources/Registers"
compile_module DeviceConfig "$ROOT/Sources/DeviceConfig"
compile_module VFIOPlatform "$ROOT/Sources/VFIOPlatform"
compile_module PlatformSimulation "$ROOT/Sources/PlatformSimulation"
compile_module DeviceModels "$ROOT/Sources/DeviceModels"
compile_module ProgramSupport "$ROOT/Sources/ProgramSupport"
compile_module Peripherals "$GEN"; MODULES+=(Peripherals)
compile_module Drivers "$ROOT/Sources/examples/Drivers"; MODULES+=(Drivers)
MODULE_OBJECTS=()
for module in "${MODULES[@]}"; do MODULE_OBJECTS+=("$OBJ/$module.o"); done

for program in ${EMBEDDED_PROGRAMS:-vfioctl uart timer gpio fwcfg irqbench}; do
    case $program in
        vfioctl) link_program vfioctl "$ROOT/Sources/vfioctl" ;;
        /*) link_program "$(basename "$program")" "$program" ;;
        *) link_program "$program" "$ROOT/Sources/examples/$program" ;;
    esac
done
ls -l "$BIN" | awk 'NR>1 {printf "embedded: %-12s %8d bytes\n", $9, $5}'
