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
-include user/user.mk
INITRD := $(if $(wildcard user/user.mk),build/initrd.cpio)

# ---- the kernel ----------------------------------------------------------------------------
CC := gcc
LD := ld
KCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter -I. -D__KERNEL__ \
	-ffreestanding -fno-stack-protector -fno-pic -fno-pie -mno-red-zone -mcmodel=kernel \
	-mno-mmx -mno-sse -mno-sse2 -mno-avx -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-asynchronous-unwind-tables -fcf-protection=none -fno-strict-aliasing
KASFLAGS := -g -I. -D__KERNEL__ -D__ASSEMBLER__
KLDFLAGS := -n -T linker.ld -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments
.SECONDARY:

KERNEL_C := $(sort $(wildcard kernel/*.c kernel/*/*.c kernel/*/*/*.c drivers/*.c))
# bpf/ goes in as an archive: the linker takes the objects the kernel reaches.
KERNEL_BPF_C := $(sort $(wildcard bpf/*.c bpf/*/*.c))
KERNEL_BPF_OBJS := $(patsubst %.c,build/kernel/%.o,$(KERNEL_BPF_C))
KERNEL_S := $(sort $(filter-out kernel/kallsyms_empty.S,\
	$(wildcard boot/*.S kernel/*.S kernel/*/*.S kernel/*/*/*.S)))
KERNEL_OBJS := $(patsubst %.c,build/kernel/%.o,$(KERNEL_C)) \
	$(patsubst %.S,build/kernel/%.o,$(KERNEL_S))

build/kernel/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@
build/kernel/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(KASFLAGS) -MMD -MP -c $< -o $@
-include $(KERNEL_OBJS:.o=.d) $(KERNEL_BPF_OBJS:.o=.d)

build/kernel/libbpf.a: $(KERNEL_BPF_OBJS)
	@rm -f $@
	@ar rcs $@ $^
KERNEL_LIBS := build/kernel/libbpf.a

# kallsyms: link with an empty table, generate the table from that image, link again, and once
# more so the table describes its own image; .kallsyms is last, so nothing before it moves.
build/kernel/kallsyms0.o: kernel/kallsyms_empty.S
	@mkdir -p $(dir $@)
	$(CC) $(KASFLAGS) -c $< -o $@
build/kernel.pass1.elf: $(KERNEL_OBJS) $(KERNEL_LIBS) build/kernel/kallsyms0.o linker.ld
	@echo "  LD      $@"
	@$(LD) $(KLDFLAGS) -o $@ $(KERNEL_OBJS) $(KERNEL_LIBS) build/kernel/kallsyms0.o
build/kernel/kallsyms%.S: build/kernel.pass%.elf kernel/kallsyms.sh
	sh kernel/kallsyms.sh $< >$@
build/kernel/kallsyms%.o: build/kernel/kallsyms%.S
	$(CC) $(KASFLAGS) -c $< -o $@
build/kernel.pass2.elf: $(KERNEL_OBJS) $(KERNEL_LIBS) build/kernel/kallsyms1.o linker.ld
	@echo "  LD      $@"
	@$(LD) $(KLDFLAGS) -o $@ $(KERNEL_OBJS) $(KERNEL_LIBS) build/kernel/kallsyms1.o
build/kernel.elf: $(KERNEL_OBJS) $(KERNEL_LIBS) build/kernel/kallsyms2.o linker.ld
	@echo "  LD      $@"
	@$(LD) $(KLDFLAGS) -o $@ $(KERNEL_OBJS) $(KERNEL_LIBS) build/kernel/kallsyms2.o
	@sh kernel/kallsyms.sh $@ | cmp -s - build/kernel/kallsyms2.S || \
		{ echo "kallsyms: the symbol table did not converge"; rm -f $@; exit 1; }
	@objdump -d -M att --no-show-raw-insn -l $@ >build/kernel.asm 2>/dev/null || true
	@nm -n $@ >build/kernel.sym

CMDLINE ?=
build/glass.iso: build/kernel.elf boot/grub.cfg boot/mkiso.sh $(INITRD)
	bash boot/mkiso.sh build/kernel.elf $@ "$(CMDLINE)" $(INITRD)

# ---- running ---------------------------------------------------------------------------------
.PHONY: all test bench fuzz clean deps run debug kernel
all: build/glass.iso

kernel: build/kernel.elf

run: deps-run build/glass.iso
	ACCEL=auto bash tests/qemu/qemu.sh build/glass.iso

debug: deps-run build/glass.iso
	@echo "QEMU waits for gdb on localhost:1234. In another terminal:"
	@echo "  gdb build/kernel.elf -ex 'target remote localhost:1234' -ex 'break kmain' -ex continue"
	ACCEL=tcg bash tests/qemu/qemu.sh build/glass.iso -s -S

.PHONY: deps-run deps-test
deps-run:
	@bash tests/deps.sh run
deps-test:
	@bash tests/deps.sh test

test: deps-test
	$(MAKE) all host
	@bash tests/run_tests.sh

# Benchmarks print figures; they assert nothing.
bench: $(BENCHES) build/glass.iso
	@for b in $(BENCHES); do echo "== $$b"; $$b || exit 1; done
	@echo "== the running system (tests/bench/qemu_bench.py)"
	@python3 tests/bench/qemu_bench.py build/glass.iso

# Each fuzz target runs for FUZZ_TIME seconds (default 60).
FUZZ_TIME ?= 60
fuzz: $(FUZZERS)
	@mkdir -p build/fuzz-corpus build/fuzz-artifacts
	@for f in $(FUZZERS); do echo "== $$f"; mkdir -p build/fuzz-corpus/$$(basename $$f); \
		$$f -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		-artifact_prefix=build/fuzz-artifacts/ build/fuzz-corpus/$$(basename $$f) \
		|| exit 1; done

clean:
	rm -rf build
