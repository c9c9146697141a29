# The two commands a newcomer needs: `make demo` and `make test`. Everything else is a step of them.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
.DEFAULT_GOAL := help
export PDRIVERS_CACHE ?= $(HOME)/.cache/pdrivers
OUT := out
EMBEDDED := .build-embedded
DTS := $(wildcard dts/*.dts)
DTBS := $(patsubst dts/%.dts,$(OUT)/dtb/%.dtb,$(DTS))

.PHONY: help deps host dtbs kernel embedded embedded-armv7 armv7-check initramfs test unit-test board-test demo bench fuzz clean run-on-board toolset template-test stock-kernel-test
# The board architecture `make toolset` prints the toolset of: aarch64, or armv7 (32-bit, hard float).
ARCH ?= aarch64

help:
	@echo "make demo   boot the arm64 virt board and run the UART and timer drivers through vfio"
	@echo "make test   unit tests, the Embedded aarch64 build, and the real-kernel QEMU tier"
	@echo "make bench  benchmarks (prints a table)"
	@echo "make fuzz   a short run of the device-tree and binding fuzzers (FUZZ_RUNS=N for more), then"
	@echo "           dtbind's time and memory on hostile inputs (scripts/hostile-limits.sh)"
	@echo "make run-on-board BIN=\"prog...\" [RUN=\"prog --flag\"] [SCRIPT=f.sh] [DTB=f.dtb] [BOARD=raspi3b|virt32|raspi2b|mcimx6ul-evk]"
	@echo "           [SERIAL=prefix] [TIMEOUT=secs] [APPEND=\"kernel words\"] [WITH_TOOLS=1] [DEBIAN_KERNEL=1]"
	@echo "           boot the virt board (or BOARD=raspi3b; or with armv7 binaries BOARD=virt32, raspi2b or mcimx6ul-evk) with your own binaries (scripts/run-on-board.sh)"

deps:
	@scripts/install-deps.sh

host: deps
	swift build

$(OUT)/dtb/%.dtb: dts/%.dts
	@mkdir -p $(OUT)/dtb
	dtc -@ -q -I dts -O dtb -o $@ $<

dtbs: deps $(DTBS)

kernel: deps
	@mkdir -p $(OUT)
	@rig/build-kernel.sh | tee $(OUT)/kernel-path

# The SwiftPM toolsets for the boards (Embedded Swift, static glibc): writes both, the aarch64 one
# (--triple aarch64-none-none-elf) and the armv7 one (--triple armv7-none-none-eabi), and prints
# the path of ARCH's (make -s toolset ARCH=armv7).
toolset: deps
	@scripts/toolset.sh $(if $(filter armv7,$(ARCH)),aarch64,armv7) >/dev/null
	@scripts/toolset.sh $(ARCH)

embedded: deps
	scripts/embedded-build.sh $(EMBEDDED)

# The board programs as 32-bit ARM binaries (.build-embedded-armv7/bin).
embedded-armv7: deps
	BOARD_ARCH=armv7 scripts/embedded-build.sh

# The board programs for armv7: built, hard-float checked, run under qemu-arm-static, then booted
# on virt32 (vfio and UIO), raspi2b and mcimx6ul-evk (scripts/arm32-boards.sh).
armv7-check: host dtbs
	scripts/armv7-check.sh $$(swift build --show-bin-path)/vfioctl

initramfs: embedded
	scripts/board-initramfs.sh $(EMBEDDED) $(OUT)/initramfs.cpio.gz

# PDRIVERS_REQUIRE_TOOLS=1: a test whose tool (dtc, qemu, dtbind) is missing fails instead of skipping.
unit-test: host dtbs
	PDRIVERS_REQUIRE_TOOLS=1 swift test --skip BoardTests

board-test: kernel initramfs
	BOARD_KERNEL=$$(tail -1 $(OUT)/kernel-path) BOARD_INITRD=$(CURDIR)/$(OUT)/initramfs.cpio.gz BOARD_REQUIRED=1 \
	  BOARD_EMBEDDED_BIN=$(CURDIR)/$(EMBEDDED)/bin swift test --filter BoardTests

test: deps
	@mkdir -p $(OUT)
	$(MAKE) dtbs kernel initramfs
	BOARD_KERNEL=$$(tail -1 $(OUT)/kernel-path) BOARD_INITRD=$(CURDIR)/$(OUT)/initramfs.cpio.gz BOARD_REQUIRED=1 \
	  PDRIVERS_REQUIRE_TOOLS=1 BOARD_EMBEDDED_BIN=$(CURDIR)/$(EMBEDDED)/bin swift test
	scripts/template-test.sh $$(tail -1 $(OUT)/kernel-path)
	scripts/armv7-check.sh $$(swift build --show-bin-path)/vfioctl
	scripts/stock-kernel-test.sh $(EMBEDDED)/bin
	FUZZ_RUNS=500 scripts/fuzz.sh

# Debian 12's own arm64 kernel in the rig: its console, and what doctor says of it.
stock-kernel-test: embedded
	scripts/stock-kernel-test.sh $(EMBEDDED)/bin

# The template driver package, as its user builds and runs it (host tests, aarch64, the board).
template-test: kernel
	scripts/template-test.sh $$(tail -1 $(OUT)/kernel-path)

demo: deps
	@mkdir -p $(OUT)
	@scripts/demo-build.sh $(OUT)/demo-build.log
	@scripts/demo.sh $$(tail -1 $(OUT)/kernel-path) $(OUT)/initramfs.cpio.gz $(EMBEDDED)/bin

bench: host dtbs
	scripts/bench.sh

# FUZZ_RUNS=N (default 20000 per target) or FUZZ_TIME=seconds for a longer run.
fuzz: host
	scripts/fuzz.sh
	scripts/hostile-limits.sh

# Your binaries on the board: BIN (files or folders), RUN (commands) or SCRIPT, DTB, BOARD
# (virt, raspi3b; 32-bit: virt32, raspi2b, mcimx6ul-evk); see scripts/run-on-board.sh for every option.
run-on-board: deps
	@scripts/run-on-board.sh $(if $(BOARD),--board $(BOARD)) $(if $(RUN),--run "$(RUN)") $(if $(SCRIPT),--script $(SCRIPT)) $(if $(DTB),--dtb $(DTB)) \
	  $(if $(SERIAL),--serial $(SERIAL)) $(if $(TIMEOUT),--timeout $(TIMEOUT)) $(if $(APPEND),--append "$(APPEND)") $(if $(WITH_TOOLS),--with-tools) $(if $(DEBIAN_KERNEL),--debian-kernel) $(BIN)

clean:
	rm -rf $(OUT) $(EMBEDDED) .build
