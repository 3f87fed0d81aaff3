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

# Benchmarks print figures; they assert nothing.
bench: $(BENCHES)
	@for b in $(BENCHES); do echo "== $$b"; $$b || exit 1; done

# Each fuzz target runs for FUZZ_TIME seconds (default 60).
FUZZ_TIME ?= 60
fuzz: $(FUZZERS)
	@mkdir -p build/fuzz-corpus
	@for f in $(FUZZERS); do echo "== $$f"; mkdir -p build/fuzz-corpus/$$(basename $$f); \
		$$f -max_total_time=$(FUZZ_TIME) -print_final_stats=1 build/fuzz-corpus/$$(basename $$f) \
		|| exit 1; done

clean:
	rm -rf build
