# glass - top-level Makefile.
#
#   make         the kernel and the bootable ISO: build/glass.iso, build/kernel.elf,
#                build/kernel.asm (disassembly) and build/kernel.sym (symbols)
#   make run     boot the ISO in QEMU, serial console on this terminal (KVM when it works)
#   make debug   the same, stopped, with QEMU's gdb stub on localhost:1234
#   make test    host unit tests, in-kernel ktests and QEMU scenarios; last line "N passed, N failed"
#   make bench   benchmarks (never part of make test)
#   make fuzz    the fuzz targets, each for a bounded time

.DEFAULT_GOAL := all
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules

include tests/host/host.mk

.PHONY: all test bench fuzz clean deps
all: host

test: host
	@bash tests/run_tests.sh

clean:
	rm -rf build
