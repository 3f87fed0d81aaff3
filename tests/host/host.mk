# tests/host/host.mk - host builds of the portable code in bpf/ (included by the top Makefile).
#
# Three variants of the same sources, each in its own object directory:
#   asan  build/host/asan/   -O1, AddressSanitizer + UBSan: the cmocka tests (tests/host/test_*.c)
#   opt   build/host/opt/    -O2, no sanitizer: the bpfvm runner and the benchmarks
#   fuzz  build/host/fuzz/   clang, libFuzzer + ASan: the fuzz targets (tests/fuzz/*.c)
# bpf/interp.c is compiled twice per variant: plain, and with BPF_INTERP_CHECKED (the
# bounds-checking interpreter that bpfvm uses for programs no verifier has seen).

BPF_SRCS := $(sort $(wildcard bpf/*.c bpf/*/*.c))
HOST_LIB_SRCS := $(sort $(wildcard tests/host/lib/*.c))
# Portable kernel code that the host tests also exercise.
HOST_KERNEL_SRCS := kernel/arch/x86/insn.c
HOST_SRCS := $(BPF_SRCS) $(HOST_LIB_SRCS) $(HOST_KERNEL_SRCS)
HOST_WARN := -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -I. -g -fno-omit-frame-pointer

HOST_CC_asan := gcc
HOST_CFLAGS_asan := $(HOST_WARN) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_CC_opt := gcc
HOST_CFLAGS_opt := $(HOST_WARN) -O2
HOST_CC_fuzz := clang
HOST_CFLAGS_fuzz := $(HOST_WARN) -O1 -fsanitize=fuzzer-no-link,address,undefined

host_objs = $(patsubst %.c,build/host/$(1)/%.o,$(HOST_SRCS)) build/host/$(1)/bpf/interp_checked.o

define host_variant
build/host/$(1)/%.o: %.c
	@mkdir -p $$(dir $$@)
	@echo "  CC $(1)  $$<"
	@$$(HOST_CC_$(1)) $$(HOST_CFLAGS_$(1)) -MMD -MP -c $$< -o $$@
build/host/$(1)/bpf/interp_checked.o: bpf/interp.c
	@mkdir -p $$(dir $$@)
	$$(HOST_CC_$(1)) $$(HOST_CFLAGS_$(1)) -DBPF_INTERP_CHECKED -MMD -MP -c $$< -o $$@
build/host/$(1)/libglass.a: $$(call host_objs,$(1))
	@rm -f $$@
	ar rcs $$@ $$^
-include $$(patsubst %.o,%.d,$$(call host_objs,$(1)))
endef
$(foreach v,asan opt fuzz,$(eval $(call host_variant,$(v))))

# cmocka unit tests: one binary per tests/host/test_*.c.
HOST_TESTS := $(patsubst tests/host/%.c,build/host/%,$(sort $(wildcard tests/host/test_*.c)))
build/host/test_%: build/host/asan/tests/host/test_%.o build/host/asan/libglass.a
	$(HOST_CC_asan) $(HOST_CFLAGS_asan) $^ -lcmocka -o $@

# The runner, for people and for external conformance suites.
build/host/bpfvm: build/host/opt/tests/host/bpfvm.o build/host/opt/libglass.a
	$(HOST_CC_opt) $(HOST_CFLAGS_opt) $^ -o $@

# Benchmarks: one binary per tests/bench/*.c, optimized, no sanitizer.
BENCHES := $(patsubst tests/bench/%.c,build/host/bench_%,$(sort $(wildcard tests/bench/*.c)))
build/host/bench_%: build/host/opt/tests/bench/%.o build/host/opt/libglass.a
	$(HOST_CC_opt) $(HOST_CFLAGS_opt) $^ -lm -o $@

# Fuzz targets: one binary per tests/fuzz/*.c.
FUZZERS := $(patsubst tests/fuzz/%.c,build/host/fuzz_%,$(sort $(wildcard tests/fuzz/*.c)))
build/host/fuzz_%: build/host/fuzz/tests/fuzz/%.o build/host/fuzz/libglass.a
	$(HOST_CC_fuzz) $(HOST_CFLAGS_fuzz) -fsanitize=fuzzer $^ -o $@

.PHONY: host
host: $(HOST_TESTS) build/host/bpfvm
