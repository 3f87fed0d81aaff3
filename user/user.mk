# user/user.mk - the user programs and the initrd (included by the top Makefile).
#
#   build/user/lib/crt0.o, libc.a    the C library (user/lib/*.c), crt0 (user/lib/crt0.S)
#   build/user/lib/libbpf.a          the bpf loader (user/lib/bpf/*.c), when there is one
#   build/user/bin/<name>            one static ELF64 executable per user/bin/<name>.c
#   build/user/bpf/<name>.bpf.o      one BPF object per user/bpf/<name>.bpf.c (clang)
#   build/initrd.cpio                cpio newc: /bin/* (stripped), /bpf/*.bpf.o and everything in
#                                    user/rootfs/
#
# The programs are freestanding: no host headers (-nostdinc; user/lib/include/ and GCC's own
# stddef.h, stdarg.h, stdint.h), no host libraries (-nostdlib; only libgcc), linked at 0x400000.
# -mgeneral-regs-only keeps them off SSE and x87, so the kernel never has to save FPU state.
# They run unchanged on Linux, which is how build/host/test_user tests them.
# More files for the initrd: INITRD_FILES += <path in the initrd>:<file>, and make <file> a
# prerequisite (build/initrd.cpio: <file>) in the makefile that builds it.

USER_CC := gcc
USER_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-ffreestanding -nostdinc -isystem user/lib/include \
	-isystem $(shell $(USER_CC) -print-file-name=include) -I. \
	-fno-pie -fno-stack-protector -fno-tree-loop-distribute-patterns -mgeneral-regs-only \
	-fno-asynchronous-unwind-tables -fcf-protection=none
USER_LDFLAGS := -nostdlib -static -no-pie -Wl,-Ttext-segment=0x400000 \
	-Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack -Wl,--build-id=none

USER_LIB_OBJS := $(patsubst user/%.c,build/user/obj/%.o,$(sort $(wildcard user/lib/*.c)))
USER_BPF_OBJS := $(patsubst user/%.c,build/user/obj/%.o,$(sort $(wildcard user/lib/bpf/*.c)))
USER_PROGS := $(patsubst user/bin/%.c,%,$(sort $(wildcard user/bin/*.c)))
USER_BINS := $(addprefix build/user/bin/,$(USER_PROGS))
USER_LIBS := $(if $(USER_BPF_OBJS),build/user/lib/libbpf.a) build/user/lib/libc.a
USER_ROOTFS := $(shell find user/rootfs -type f 2>/dev/null)

build/user/obj/%.o: user/%.c
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@
build/user/lib/crt0.o: user/lib/crt0.S
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -c $< -o $@
build/user/lib/libc.a: $(USER_LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^
build/user/lib/libbpf.a: $(USER_BPF_OBJS)
	@rm -f $@
	ar rcs $@ $^
-include $(USER_LIB_OBJS:.o=.d) $(USER_BPF_OBJS:.o=.d) \
	$(patsubst %,build/user/obj/bin/%.d,$(USER_PROGS))

build/user/bin/%: build/user/obj/bin/%.o build/user/lib/crt0.o $(USER_LIBS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_LDFLAGS) -o $@ build/user/lib/crt0.o $< $(USER_LIBS) -lgcc

# BPF programs in C (user/bpf/*.bpf.c): clang -target bpf, with the system's BPF headers
# (<linux/bpf.h>, <bpf/bpf_helpers.h>); each object goes into the initrd at /bpf/.
BPF_CC := clang
BPF_CFLAGS := -target bpf -O2 -g -Wall -Werror -D__TARGET_ARCH_x86 \
	-I/usr/include/$(shell gcc -print-multiarch 2>/dev/null)
USER_BPF_PROGS := $(patsubst user/bpf/%.c,build/user/bpf/%.o,$(sort $(wildcard user/bpf/*.bpf.c)))
build/user/bpf/%.bpf.o: user/bpf/%.bpf.c
	@mkdir -p $(dir $@)
	$(BPF_CC) $(BPF_CFLAGS) -MMD -MP -c $< -o $@
-include $(USER_BPF_PROGS:.o=.d)

INITRD_FILES ?=
INITRD_FILES += $(foreach o,$(USER_BPF_PROGS),bpf/$(notdir $(o)):$(o))
build/initrd.cpio: $(USER_BINS) $(USER_ROOTFS) $(USER_BPF_PROGS) user/user.mk
	rm -rf build/user/root
	mkdir -p build/user/root/bin
	if [ -d user/rootfs ]; then cp -R user/rootfs/. build/user/root/; fi
	for p in $(USER_PROGS); do strip -o build/user/root/bin/$$p build/user/bin/$$p || exit 1; done
	for f in $(INITRD_FILES); do d=build/user/root/$${f%%:*}; mkdir -p $$(dirname $$d) && \
		cp $${f#*:} $$d || exit 1; done
	cd build/user/root && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort | \
		cpio -o -H newc -R 0:0 --quiet >../../initrd.cpio

.PHONY: user
user: $(USER_BINS) build/initrd.cpio
host: $(USER_BINS) $(USER_BPF_PROGS)
