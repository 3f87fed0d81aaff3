/*
 * tests/host/test_x86_insn.c - the x86-64 instruction decoder of kprobes (kernel/arch/x86/insn.c).
 *
 *   golden      hand-written encodings with their length, opcode, ModRM, SIB, displacement,
 *               immediate, RIP-relative flag and kprobes class; the same bytes are assembled
 *               under one label each and objdump must agree on every length
 *   bad input   invalid encodings and truncated buffers give -EINVAL and a reason, and nothing is
 *               read past max_len (each buffer is a heap block of exactly that size, under ASan)
 *   random      random byte strings: whatever decodes, decodes the same from a buffer of exactly
 *               its length and fails from one byte less
 *   helpers     effective addresses, RIP-relative fix-ups, condition codes against the CPU's own
 *               setcc, the boundary check that register_kprobe uses
 *   objdump     a differential test over several hundred thousand instructions: libc, /bin/ls,
 *               C compiled here with kernel, generic, AVX2 and AVX-512 flags, a block of system
 *               and rare instructions, and insn.c itself; every length, RIP-relative target and
 *               branch target must match what objdump prints.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "kernel/arch/x86/insn.h"

#define NONE (-1)

struct golden {
	const char *hex;
	const char *what;
	u8 len, map, op;
	short modrm, sib; /* NONE: absent */
	u8 disp_size;
	s32 disp;
	u8 imm_size;
	s64 imm;
	bool rip;
	enum insn_class class;
};

#define G(hex, what, len, map, op, modrm, sib, dsz, disp, isz, imm, rip, class)                    \
	{                                                                                          \
		hex, what, len, map, op, modrm, sib, dsz, disp, isz, imm, rip, INSN_CLASS_##class  \
	}

/* Every entry: bytes, what objdump calls it, then the fields insn_decode must find. */
static const struct golden goldens[] = {
    /* nops, pushes and pops */
    G("90", "nop", 1, 0, 0x90, NONE, NONE, 0, 0, 0, 0, 0, EMULATE_NOP),
    G("66 90", "xchg %ax,%ax", 2, 0, 0x90, NONE, NONE, 0, 0, 0, 0, 0, EMULATE_NOP),
    G("f3 90", "pause", 2, 0, 0x90, NONE, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("41 90", "xchg %eax,%r8d", 2, 0, 0x90, NONE, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("0f 1f 00", "nopl (%rax)", 3, 1, 0x1f, 0x00, NONE, 0, 0, 0, 0, 0, EMULATE_NOP),
    G("0f 1f 44 00 00", "nopl 0x0(%rax,%rax,1)", 5, 1, 0x1f, 0x44, 0x00, 1, 0, 0, 0, 0,
      EMULATE_NOP),
    G("66 0f 1f 84 00 00 00 00 00", "nopw 0x0(%rax,%rax,1)", 9, 1, 0x1f, 0x84, 0x00, 4, 0, 0, 0, 0,
      EMULATE_NOP),
    G("66 66 2e 0f 1f 84 00 00 00 00 00", "data16 cs nopw 0x0(%rax,%rax,1)", 11, 1, 0x1f, 0x84,
      0x00, 4, 0, 0, 0, 0, EMULATE_NOP),
    G("66 66 66 66 66 66 2e 0f 1f 84 00 00 00 00 00", "data16 x5 cs nopw 0x0(%rax,%rax,1)", 15, 1,
      0x1f, 0x84, 0x00, 4, 0, 0, 0, 0, EMULATE_NOP),
    G("f3 0f 1e fa", "endbr64", 4, 1, 0x1e, 0xfa, NONE, 0, 0, 0, 0, 0, EMULATE_NOP),
    G("55", "push %rbp", 1, 0, 0x55, NONE, NONE, 0, 0, 0, 0, 0, EMULATE_PUSH),
    G("41 57", "push %r15", 2, 0, 0x57, NONE, NONE, 0, 0, 0, 0, 0, EMULATE_PUSH),
    G("5d", "pop %rbp", 1, 0, 0x5d, NONE, NONE, 0, 0, 0, 0, 0, EMULATE_POP),
    G("66 50", "push %ax", 2, 0, 0x50, NONE, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("6a 01", "push $0x1", 2, 0, 0x6a, NONE, NONE, 0, 0, 1, 1, 0, BOOSTABLE),
    G("68 78 56 34 12", "push $0x12345678", 5, 0, 0x68, NONE, NONE, 0, 0, 4, 0x12345678, 0,
      BOOSTABLE),
    G("66 68 34 12", "pushw $0x1234", 4, 0, 0x68, NONE, NONE, 0, 0, 2, 0x1234, 0, BOOSTABLE),
    G("8f 04 24", "pop (%rsp)", 3, 0, 0x8f, 0x04, 0x24, 0, 0, 0, 0, 0, BOOSTABLE),
    G("9c", "pushf", 1, 0, 0x9c, NONE, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("9d", "popf", 1, 0, 0x9d, NONE, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("c9", "leave", 1, 0, 0xc9, NONE, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("c8 10 00 01", "enter $0x10,$0x1", 4, 0, 0xc8, NONE, NONE, 0, 0, 2, 0x10, 0, BOOSTABLE),

    /* mov and lea: ModRM, SIB, displacements, RIP-relative */
    G("48 89 e5", "mov %rsp,%rbp", 3, 0, 0x89, 0xe5, NONE, 0, 0, 0, 0, 0, EMULATE_MOV),
    G("48 8b 05 78 56 34 12", "mov 0x12345678(%rip),%rax", 7, 0, 0x8b, 0x05, NONE, 4, 0x12345678, 0,
      0, 1, EMULATE_MOV),
    G("48 8b 44 24 08", "mov 0x8(%rsp),%rax", 5, 0, 0x8b, 0x44, 0x24, 1, 8, 0, 0, 0, EMULATE_MOV),
    G("48 8b 84 24 00 01 00 00", "mov 0x100(%rsp),%rax", 8, 0, 0x8b, 0x84, 0x24, 4, 0x100, 0, 0, 0,
      EMULATE_MOV),
    G("8b 04 25 78 56 34 12", "mov 0x12345678,%eax", 7, 0, 0x8b, 0x04, 0x25, 4, 0x12345678, 0, 0, 0,
      EMULATE_MOV),
    G("41 8b 45 00", "mov 0x0(%r13),%eax", 4, 0, 0x8b, 0x45, NONE, 1, 0, 0, 0, 0, EMULATE_MOV),
    G("4a 8b 04 e5 10 00 00 00", "mov 0x10(,%r12,8),%rax", 8, 0, 0x8b, 0x04, 0xe5, 4, 0x10, 0, 0, 0,
      EMULATE_MOV),
    G("4c 8b 64 24 f8", "mov -0x8(%rsp),%r12", 5, 0, 0x8b, 0x64, 0x24, 1, -8, 0, 0, 0, EMULATE_MOV),
    G("66 89 07", "mov %ax,(%rdi)", 3, 0, 0x89, 0x07, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("88 07", "mov %al,(%rdi)", 2, 0, 0x88, 0x07, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("40 88 c6", "mov %al,%sil", 3, 0, 0x88, 0xc6, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("64 48 8b 04 25 28 00 00 00", "mov %fs:0x28,%rax", 9, 0, 0x8b, 0x04, 0x25, 4, 0x28, 0, 0, 0,
      BOOSTABLE),
    G("67 48 8b 05 10 00 00 00", "mov 0x10(%eip),%rax", 8, 0, 0x8b, 0x05, NONE, 4, 0x10, 0, 0, 1,
      UNPROBEABLE),
    G("48 8d 3d f0 ff ff ff", "lea -0x10(%rip),%rdi", 7, 0, 0x8d, 0x3d, NONE, 4, -16, 0, 0, 1,
      EMULATE_LEA),
    G("8d 04 80", "lea (%rax,%rax,4),%eax", 3, 0, 0x8d, 0x04, 0x80, 0, 0, 0, 0, 0, EMULATE_LEA),
    G("42 8d 04 2b", "lea (%rbx,%r13,1),%eax", 4, 0, 0x8d, 0x04, 0x2b, 0, 0, 0, 0, 0, EMULATE_LEA),
    G("48 63 c7", "movslq %edi,%rax", 3, 0, 0x63, 0xc7, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("0f b6 07", "movzbl (%rdi),%eax", 3, 1, 0xb6, 0x07, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("48 87 07", "xchg %rax,(%rdi)", 3, 0, 0x87, 0x07, NONE, 0, 0, 0, 0, 0, BOOSTABLE),

    /* immediates of every size */
    G("48 b8 88 77 66 55 44 33 22 11", "movabs $0x1122334455667788,%rax", 10, 0, 0xb8, NONE, NONE,
      0, 0, 8, 0x1122334455667788, 0, EMULATE_MOV),
    G("b8 78 56 34 12", "mov $0x12345678,%eax", 5, 0, 0xb8, NONE, NONE, 0, 0, 4, 0x12345678, 0,
      EMULATE_MOV),
    G("66 b8 34 12", "mov $0x1234,%ax", 4, 0, 0xb8, NONE, NONE, 0, 0, 2, 0x1234, 0, BOOSTABLE),
    G("48 c7 c0 ff ff ff ff", "mov $0xffffffffffffffff,%rax", 7, 0, 0xc7, 0xc0, NONE, 0, 0, 4, -1,
      0, EMULATE_MOV),
    G("66 c7 07 34 12", "movw $0x1234,(%rdi)", 5, 0, 0xc7, 0x07, NONE, 0, 0, 2, 0x1234, 0,
      BOOSTABLE),
    G("c7 44 24 08 01 00 00 00", "movl $0x1,0x8(%rsp)", 8, 0, 0xc7, 0x44, 0x24, 1, 8, 4, 1, 0,
      EMULATE_MOV),
    G("48 c7 05 f0 ff ff ff 01 00 00 00", "movq $0x1,-0x10(%rip)", 11, 0, 0xc7, 0x05, NONE, 4, -16,
      4, 1, 1, EMULATE_MOV),
    G("a0 88 77 66 55 44 33 22 11", "movabs 0x1122334455667788,%al", 9, 0, 0xa0, NONE, NONE, 0, 0,
      8, 0x1122334455667788, 0, BOOSTABLE),
    G("48 a3 88 77 66 55 44 33 22 11", "movabs %rax,0x1122334455667788", 10, 0, 0xa3, NONE, NONE, 0,
      0, 8, 0x1122334455667788, 0, BOOSTABLE),
    G("67 a1 f8 ff ff ff", "addr32 mov 0xfffffff8,%eax", 6, 0, 0xa1, NONE, NONE, 0, 0, 4,
      0xfffffff8, 0, BOOSTABLE),
    G("f6 c1 01", "test $0x1,%cl", 3, 0, 0xf6, 0xc1, NONE, 0, 0, 1, 1, 0, BOOSTABLE),
    G("f6 d1", "not %cl", 2, 0, 0xf6, 0xd1, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("f7 c1 00 00 01 00", "test $0x10000,%ecx", 6, 0, 0xf7, 0xc1, NONE, 0, 0, 4, 0x10000, 0,
      BOOSTABLE),
    G("66 f7 c1 34 12", "test $0x1234,%cx", 5, 0, 0xf7, 0xc1, NONE, 0, 0, 2, 0x1234, 0, BOOSTABLE),
    G("48 f7 d8", "neg %rax", 3, 0, 0xf7, 0xd8, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("48 f7 34 24", "divq (%rsp)", 4, 0, 0xf7, 0x34, 0x24, 0, 0, 0, 0, 0, BOOSTABLE),
    G("f7 05 10 00 00 00 ff 00 00 00", "testl $0xff,0x10(%rip)", 10, 0, 0xf7, 0x05, NONE, 4, 0x10,
      4, 0xff, 1, BOOSTABLE),
    G("69 c0 10 27 00 00", "imul $0x2710,%eax,%eax", 6, 0, 0x69, 0xc0, NONE, 0, 0, 4, 10000, 0,
      BOOSTABLE),
    G("6b c0 0a", "imul $0xa,%eax,%eax", 3, 0, 0x6b, 0xc0, NONE, 0, 0, 1, 10, 0, BOOSTABLE),
    G("c1 e0 04", "shl $0x4,%eax", 3, 0, 0xc1, 0xe0, NONE, 0, 0, 1, 4, 0, BOOSTABLE),
    G("48 83 ec 08", "sub $0x8,%rsp", 4, 0, 0x83, 0xec, NONE, 0, 0, 1, 8, 0, BOOSTABLE),
    G("48 81 ec 00 01 00 00", "sub $0x100,%rsp", 7, 0, 0x81, 0xec, NONE, 0, 0, 4, 0x100, 0,
      BOOSTABLE),
    G("66 81 c1 34 12", "add $0x1234,%cx", 5, 0, 0x81, 0xc1, NONE, 0, 0, 2, 0x1234, 0, BOOSTABLE),
    G("e4 80", "in $0x80,%al", 2, 0, 0xe4, NONE, NONE, 0, 0, 1, -128, 0, BOOSTABLE),
    G("ee", "out %al,(%dx)", 1, 0, 0xee, NONE, NONE, 0, 0, 0, 0, 0, BOOSTABLE),

    /* branches, calls, returns */
    G("e8 00 00 00 00", "call .+5", 5, 0, 0xe8, NONE, NONE, 0, 0, 4, 0, 0, EMULATE_CALL),
    G("e9 fb ff ff ff", "jmp .", 5, 0, 0xe9, NONE, NONE, 0, 0, 4, -5, 0, EMULATE_JMP),
    G("eb fe", "jmp .", 2, 0, 0xeb, NONE, NONE, 0, 0, 1, -2, 0, EMULATE_JMP),
    G("f2 e9 00 00 00 00", "bnd jmp .+6", 6, 0, 0xe9, NONE, NONE, 0, 0, 4, 0, 0, EMULATE_JMP),
    G("74 05", "je .+7", 2, 0, 0x74, NONE, NONE, 0, 0, 1, 5, 0, EMULATE_JCC),
    G("2e 74 05", "je,pn .+8", 3, 0, 0x74, NONE, NONE, 0, 0, 1, 5, 0, EMULATE_JCC),
    G("0f 84 10 00 00 00", "je .+0x16", 6, 1, 0x84, NONE, NONE, 0, 0, 4, 0x10, 0, EMULATE_JCC),
    G("c3", "ret", 1, 0, 0xc3, NONE, NONE, 0, 0, 0, 0, 0, EMULATE_RET),
    G("c2 08 00", "ret $0x8", 3, 0, 0xc2, NONE, NONE, 0, 0, 2, 8, 0, EMULATE_RET),
    G("f3 c3", "repz ret", 2, 0, 0xc3, NONE, NONE, 0, 0, 0, 0, 0, EMULATE_RET),
    G("66 c3", "retw", 2, 0, 0xc3, NONE, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("ff d0", "call *%rax", 2, 0, 0xff, 0xd0, NONE, 0, 0, 0, 0, 0, EMULATE_CALL_INDIRECT),
    G("41 ff 14 24", "call *(%r12)", 4, 0, 0xff, 0x14, 0x24, 0, 0, 0, 0, 0, EMULATE_CALL_INDIRECT),
    G("ff 15 10 00 00 00", "call *0x10(%rip)", 6, 0, 0xff, 0x15, NONE, 4, 0x10, 0, 0, 1,
      EMULATE_CALL_INDIRECT),
    G("ff e0", "jmp *%rax", 2, 0, 0xff, 0xe0, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("3e ff e0", "notrack jmp *%rax", 3, 0, 0xff, 0xe0, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("ff 1c 24", "lcall *(%rsp)", 3, 0, 0xff, 0x1c, 0x24, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("ca 08 00", "lret $0x8", 3, 0, 0xca, NONE, NONE, 0, 0, 2, 8, 0, UNPROBEABLE),
    G("e2 fe", "loop .", 2, 0, 0xe2, NONE, NONE, 0, 0, 1, -2, 0, UNPROBEABLE),
    G("e3 00", "jrcxz .+2", 2, 0, 0xe3, NONE, NONE, 0, 0, 1, 0, 0, UNPROBEABLE),
    G("c7 f8 10 00 00 00", "xbegin .+0x16", 6, 0, 0xc7, 0xf8, NONE, 0, 0, 4, 0x10, 0, UNPROBEABLE),
    G("c6 f8 01", "xabort $0x1", 3, 0, 0xc6, 0xf8, NONE, 0, 0, 1, 1, 0, BOOSTABLE),

    /* traps, privilege changes, system instructions */
    G("cc", "int3", 1, 0, 0xcc, NONE, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("cd 80", "int $0x80", 2, 0, 0xcd, NONE, NONE, 0, 0, 1, -128, 0, UNPROBEABLE),
    G("f1", "int1", 1, 0, 0xf1, NONE, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("cf", "iret", 1, 0, 0xcf, NONE, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("48 cf", "iretq", 2, 0, 0xcf, NONE, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("0f 05", "syscall", 2, 1, 0x05, NONE, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("48 0f 07", "sysretq", 3, 1, 0x07, NONE, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("0f 01 f8", "swapgs", 3, 1, 0x01, 0xf8, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("0f 01 ca", "clac", 3, 1, 0x01, 0xca, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("0f 01 38", "invlpg (%rax)", 3, 1, 0x01, 0x38, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("0f 01 15 10 00 00 00", "lgdt 0x10(%rip)", 7, 1, 0x01, 0x15, NONE, 4, 0x10, 0, 0, 1,
      UNPROBEABLE),
    G("0f 00 d8", "ltr %ax", 3, 1, 0x00, 0xd8, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("0f 0b", "ud2", 2, 1, 0x0b, NONE, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("0f b9 00", "ud1 (%rax),%eax", 3, 1, 0xb9, 0x00, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("0f ff 00", "ud0 (%rax),%eax", 3, 1, 0xff, 0x00, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("0f 22 d8", "mov %rax,%cr3", 3, 1, 0x22, 0xd8, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("0f 20 44", "mov %cr0,%rsp (mod is ignored)", 3, 1, 0x20, 0x44, NONE, 0, 0, 0, 0, 0,
      BOOSTABLE),
    G("0f 21 05", "mov %db0,%rbp (not RIP-relative)", 3, 1, 0x21, 0x05, NONE, 0, 0, 0, 0, 0,
      BOOSTABLE),
    G("44 0f 20 c0", "mov %cr8,%rax", 4, 1, 0x20, 0xc0, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("0f 30", "wrmsr", 2, 1, 0x30, NONE, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("0f 32", "rdmsr", 2, 1, 0x32, NONE, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("0f a2", "cpuid", 2, 1, 0xa2, NONE, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("fb", "sti", 1, 0, 0xfb, NONE, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("fa", "cli", 1, 0, 0xfa, NONE, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("f4", "hlt", 1, 0, 0xf4, NONE, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("8e d0", "mov %eax,%ss", 2, 0, 0x8e, 0xd0, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("48 0f b2 20", "lss (%rax),%rsp", 4, 1, 0xb2, 0x20, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("f3 48 0f ae d0", "wrfsbase %rax", 5, 1, 0xae, 0xd0, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("0f ae f0", "mfence", 3, 1, 0xae, 0xf0, NONE, 0, 0, 0, 0, 0, BOOSTABLE),

    /* lock, rep */
    G("f0 48 0f b1 0f", "lock cmpxchg %rcx,(%rdi)", 5, 1, 0xb1, 0x0f, NONE, 0, 0, 0, 0, 0,
      BOOSTABLE),
    G("f0 0f c1 07", "lock xadd %eax,(%rdi)", 4, 1, 0xc1, 0x07, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("f0 ff 07", "lock incl (%rdi)", 3, 0, 0xff, 0x07, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("f0 48 01 c8", "lock add %rcx,%rax (#UD)", 4, 0, 0x01, 0xc8, NONE, 0, 0, 0, 0, 0,
      UNPROBEABLE),
    G("f0 83 3f 01", "lock cmpl $0x1,(%rdi) (#UD)", 4, 0, 0x83, 0x3f, NONE, 0, 0, 1, 1, 0,
      UNPROBEABLE),
    G("f3 48 a5", "rep movsq", 3, 0, 0xa5, NONE, NONE, 0, 0, 0, 0, 0, BOOSTABLE),

    /* the rest of the 0F map, 0F 38 and 0F 3A */
    G("0f ba e0 05", "bt $0x5,%eax", 4, 1, 0xba, 0xe0, NONE, 0, 0, 1, 5, 0, BOOSTABLE),
    G("48 0f c7 0f", "cmpxchg16b (%rdi)", 4, 1, 0xc7, 0x0f, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("49 0f c8", "bswap %r8", 3, 1, 0xc8, NONE, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("0f 0d 08", "prefetchw (%rax)", 3, 1, 0x0d, 0x08, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("0f 18 08", "prefetcht0 (%rax)", 3, 1, 0x18, 0x08, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("66 0f 6f 05 10 00 00 00", "movdqa 0x10(%rip),%xmm0", 8, 1, 0x6f, 0x05, NONE, 4, 0x10, 0, 0,
      1, BOOSTABLE),
    G("f3 0f b8 c1", "popcnt %ecx,%eax", 4, 1, 0xb8, 0xc1, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("0f 0f c1 9e", "pfadd %mm1,%mm0", 4, 1, 0x0f, 0xc1, NONE, 0, 0, 1, -98, 0, BOOSTABLE),
    G("66 0f 78 c1 04 08", "extrq $0x8,$0x4,%xmm1", 6, 1, 0x78, 0xc1, NONE, 0, 0, 1, 4, 0,
      BOOSTABLE),
    G("f2 0f 78 c1 04 08", "insertq $0x8,$0x4,%xmm1,%xmm0", 6, 1, 0x78, 0xc1, NONE, 0, 0, 1, 4, 0,
      BOOSTABLE),
    G("0f 78 c8", "vmread %rcx,%rax", 3, 1, 0x78, 0xc8, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("d9 c9", "fxch %st(1)", 2, 0, 0xd9, 0xc9, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("dd 05 10 00 00 00", "fldl 0x10(%rip)", 6, 0, 0xdd, 0x05, NONE, 4, 0x10, 0, 0, 1, BOOSTABLE),
    G("0f 38 f1 07", "movbe %eax,(%rdi)", 4, 2, 0xf1, 0x07, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("f2 48 0f 38 f1 c1", "crc32q %rcx,%rax", 6, 2, 0xf1, 0xc1, NONE, 0, 0, 0, 0, 0, BOOSTABLE),
    G("66 0f 3a 0f c1 08", "palignr $0x8,%xmm1,%xmm0", 6, 3, 0x0f, 0xc1, NONE, 0, 0, 1, 8, 0,
      BOOSTABLE),
    G("66 0f 3a 16 05 10 00 00 00 01", "pextrd $0x1,%xmm0,0x10(%rip)", 10, 3, 0x16, 0x05, NONE, 4,
      0x10, 1, 1, 1, BOOSTABLE),

    /* VEX, EVEX, XOP */
    G("c5 f8 77", "vzeroupper", 3, 1, 0x77, NONE, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("c5 fd 6f 05 10 00 00 00", "vmovdqa 0x10(%rip),%ymm0", 8, 1, 0x6f, 0x05, NONE, 4, 0x10, 0, 0,
      1, UNPROBEABLE),
    G("c5 f9 70 c1 1b", "vpshufd $0x1b,%xmm1,%xmm0", 5, 1, 0x70, 0xc1, NONE, 0, 0, 1, 0x1b, 0,
      UNPROBEABLE),
    G("c4 e2 7d 18 07", "vbroadcastss (%rdi),%ymm0", 5, 2, 0x18, 0x07, NONE, 0, 0, 0, 0, 0,
      UNPROBEABLE),
    G("c4 e3 7d 18 c1 01", "vinsertf128 $0x1,%xmm1,%ymm0,%ymm0", 6, 3, 0x18, 0xc1, NONE, 0, 0, 1, 1,
      0, UNPROBEABLE),
    G("c4 e1 f9 7e c0", "vmovq %xmm0,%rax", 5, 1, 0x7e, 0xc0, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("62 f1 7c 48 58 c1", "vaddps %zmm1,%zmm0,%zmm0", 6, 1, 0x58, 0xc1, NONE, 0, 0, 0, 0, 0,
      UNPROBEABLE),
    G("62 f1 7c 48 10 44 24 01", "vmovups 0x40(%rsp),%zmm0", 8, 1, 0x10, 0x44, 0x24, 1, 1, 0, 0, 0,
      UNPROBEABLE),
    G("62 f1 fd 48 6f 05 01 00 00 00", "vmovdqa64 0x1(%rip),%zmm0", 10, 1, 0x6f, 0x05, NONE, 4, 1,
      0, 0, 1, UNPROBEABLE),
    G("62 f3 7d 48 1b c1 01", "vextractf32x8 $0x1,%zmm0,%ymm1", 7, 3, 0x1b, 0xc1, NONE, 0, 0, 1, 1,
      0, UNPROBEABLE),
    G("8f e8 78 c0 c1 01", "vprotb $0x1,%xmm1,%xmm0", 6, 8, 0xc0, 0xc1, NONE, 0, 0, 1, 1, 0,
      UNPROBEABLE),
    G("8f e9 78 81 c1", "vfrczpd %xmm1,%xmm0", 5, 9, 0x81, 0xc1, NONE, 0, 0, 0, 0, 0, UNPROBEABLE),
    G("8f ea 78 10 c0 04 04 00 00", "bextr $0x404,%eax,%eax", 9, 10, 0x10, 0xc0, NONE, 0, 0, 4,
      0x404, 0, UNPROBEABLE),
};

/* Parse "48 8b 05" into bytes; returns the count. */
static int parse_hex(const char *s, u8 *out, int max)
{
	int n = 0;

	while (*s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		assert_true(n < max);
		out[n++] = (u8)strtoul(s, NULL, 16);
		s += 2;
	}
	return n;
}

/* A heap copy of exactly n bytes, so ASan flags any read past the end (n may be 0). */
static u8 *exact_copy(const u8 *bytes, size_t n)
{
	u8 *p = malloc(n ? n : 1);

	assert_non_null(p);
	memcpy(p, bytes, n);
	return n ? p : p + 1; /* for 0 bytes, point just past the block */
}

static void free_copy(u8 *p, size_t n)
{
	free(n ? p : p - 1);
}

static void check_golden(const struct golden *g)
{
	u8 bytes[INSN_MAX_LEN + 1];
	int n = parse_hex(g->hex, bytes, sizeof(bytes));
	u8 *copy = exact_copy(bytes, n);
	const char *why;
	enum insn_class class;
	struct insn insn;

	if (insn_decode(&insn, copy, n))
		fail_msg("%s (%s): does not decode: %s", g->hex, g->what, insn.error);
	if (insn.length != g->len || insn.map != g->map || insn.op != g->op)
		fail_msg("%s (%s): length %u map %u op %02x, want %u %u %02x", g->hex, g->what,
			 insn.length, insn.map, insn.op, g->len, g->map, g->op);
	if (insn.has_modrm != (g->modrm != NONE) || (insn.has_modrm && insn.modrm != g->modrm))
		fail_msg("%s (%s): modrm %d %02x, want %d", g->hex, g->what, insn.has_modrm,
			 insn.modrm, g->modrm);
	if (insn.has_sib != (g->sib != NONE) || (insn.has_sib && insn.sib != g->sib))
		fail_msg("%s (%s): sib %d %02x, want %d", g->hex, g->what, insn.has_sib, insn.sib,
			 g->sib);
	if (insn.disp_size != g->disp_size || insn.disp != g->disp)
		fail_msg("%s (%s): disp %u:%d, want %u:%d", g->hex, g->what, insn.disp_size,
			 insn.disp, g->disp_size, g->disp);
	if (insn.imm_size != g->imm_size || insn.imm != g->imm)
		fail_msg("%s (%s): imm %u:%lld, want %u:%lld", g->hex, g->what, insn.imm_size,
			 (long long)insn.imm, g->imm_size, (long long)g->imm);
	if (insn.rip_relative != g->rip || insn_is_rip_relative(&insn) != g->rip)
		fail_msg("%s (%s): rip_relative %d", g->hex, g->what, insn.rip_relative);
	/* the displacement and immediate sit where the decoder says */
	if (insn.disp_size == 4 && memcmp(&bytes[insn.disp_offset], &insn.disp, 4))
		fail_msg("%s (%s): disp_offset %u", g->hex, g->what, insn.disp_offset);
	if (insn.imm_size && bytes[insn.imm_offset] != (u8)insn.imm)
		fail_msg("%s (%s): imm_offset %u", g->hex, g->what, insn.imm_offset);
	class = insn_classify(&insn, &why);
	if (class != g->class)
		fail_msg("%s (%s): class %s (%s), want %s", g->hex, g->what, insn_class_name(class),
			 why ? why : "-", insn_class_name(g->class));
	if ((class == INSN_CLASS_UNPROBEABLE) != (why != NULL))
		fail_msg("%s (%s): a reason exactly for refusals", g->hex, g->what);
	free_copy(copy, n);
}

static void test_golden(void **state)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(goldens); i++)
		check_golden(&goldens[i]);
}

/* The fields the table has no column for. */
static void test_fields(void **state)
{
	static const u8 enter[] = {0xc8, 0x10, 0x00, 0x01};
	static const u8 push_r15[] = {0x41, 0x57};
	static const u8 mov_r9_r12[] = {0x4d, 0x89, 0xcc}; /* mov %r9,%r12 */
	static const u8 prefixes[] = {0x2e, 0x66, 0xf3, 0x67, 0x48, 0x90};
	static const u8 push_ax[] = {0x66, 0x50};
	static const u8 jcc[] = {0x0f, 0x8f, 0, 0, 0, 0};	  /* jg */
	static const u8 vex_r[] = {0xc4, 0x41, 0x7c, 0x28, 0xc1}; /* vmovaps %ymm9,%ymm8 */
	static const u8 extrq[] = {0x66, 0x0f, 0x78, 0xc1, 0x04, 0x08};
	static const u8 call16[] = {0x66, 0xe8, 0x00, 0x00, 0x00, 0x00};
	static const u8 rex_rex[] = {0x48, 0x41, 0x90};
	static const u8 rex_66[] = {0x48, 0x66, 0x90};
	static const u8 prefixes15[] = {0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
					0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x90};
	struct insn insn;

	assert_int_equal(insn_decode(&insn, enter, sizeof(enter)), 0);
	assert_int_equal(insn.imm, 0x10);
	assert_int_equal(insn.imm2_size, 1);
	assert_int_equal(insn.imm2, 1);

	assert_int_equal(insn_decode(&insn, push_r15, sizeof(push_r15)), 0);
	assert_int_equal(insn_opcode_reg(&insn), 15);
	assert_int_equal(insn.opnd_bytes, 8);
	assert_true(insn.rex);

	assert_int_equal(insn_decode(&insn, mov_r9_r12, sizeof(mov_r9_r12)), 0);
	assert_int_equal(insn_modrm_mod(&insn), 3);
	assert_int_equal(insn_modrm_reg(&insn), 9);
	assert_int_equal(insn_modrm_rm(&insn), 12);
	assert_int_equal(insn.opnd_bytes, 8);

	assert_int_equal(insn_decode(&insn, prefixes, sizeof(prefixes)), 0);
	assert_int_equal(insn.nr_prefixes, 4);
	assert_memory_equal(insn.prefixes, prefixes, 4);
	assert_int_equal(insn.seg, 0x2e);
	assert_int_equal(insn.rep, 0xf3);
	assert_true(insn.opsize_16 && insn.addrsize_32 && insn.rex && !insn.lock);
	assert_int_equal(insn.rex_byte, 0x48);
	assert_int_equal(insn.opnd_bytes, 8); /* REX.W wins over 66 */
	assert_int_equal(insn.addr_bytes, 4);

	assert_int_equal(insn_decode(&insn, push_ax, sizeof(push_ax)), 0);
	assert_int_equal(insn.opnd_bytes, 2);

	assert_int_equal(insn_decode(&insn, jcc, sizeof(jcc)), 0);
	assert_int_equal(insn.opcode_len, 2);
	assert_int_equal(insn.opcode[0], 0x0f);
	assert_int_equal(insn.opcode[1], 0x8f);
	assert_true(insn_is_rel_branch(&insn));
	assert_int_equal(insn_rel_target(&insn), (u64)(uintptr_t)jcc + 6);

	assert_int_equal(insn_decode(&insn, vex_r, sizeof(vex_r)), 0);
	assert_int_equal(insn.encoding, INSN_ENC_VEX);
	assert_int_equal(insn_modrm_reg(&insn), 8);
	assert_int_equal(insn_modrm_rm(&insn), 9);
	assert_false(insn.rex);

	assert_int_equal(insn_decode(&insn, extrq, sizeof(extrq)), 0);
	assert_int_equal(insn.imm, 4);
	assert_int_equal(insn.imm2, 8);

	/* a REX that is not last counts as an ignored prefix of the same instruction (objdump
	 * prints it as an instruction of its own, so these are not in the golden table) */
	assert_int_equal(insn_decode(&insn, rex_rex, sizeof(rex_rex)), 0);
	assert_int_equal(insn.length, 3);
	assert_int_equal(insn.rex_byte, 0x41);
	assert_int_equal(insn_classify(&insn, NULL), INSN_CLASS_BOOSTABLE); /* xchg %eax,%r8d */
	assert_int_equal(insn_decode(&insn, rex_66, sizeof(rex_66)), 0);
	assert_int_equal(insn.length, 3);
	assert_false(insn.rex);
	assert_int_equal(insn.rex_byte, 0);
	assert_int_equal(insn.opnd_bytes, 2);
	assert_int_equal(insn_classify(&insn, NULL), INSN_CLASS_EMULATE_NOP);

	/* 66 on a near branch: ignored in 64-bit mode on Intel, whose reading the decoder
	 * follows (AMD and objdump's default read a rel16); refused for probing either way */
	assert_int_equal(insn_decode(&insn, call16, sizeof(call16)), 0);
	assert_int_equal(insn.length, 6);
	assert_int_equal(insn_classify(&insn, NULL), INSN_CLASS_UNPROBEABLE);

	/* 14 prefixes and an opcode: 15 bytes, the most the CPU takes (objdump gives up on
	 * prefixes after 13, so this one is not in the golden table) */
	assert_int_equal(insn_decode(&insn, prefixes15, sizeof(prefixes15)), 0);
	assert_int_equal(insn.length, 15);
	assert_int_equal(insn.nr_prefixes, 14);
	assert_int_equal(insn_classify(&insn, NULL), INSN_CLASS_EMULATE_NOP);
}

struct bad {
	const char *hex;
	const char *error; /* a substring of insn->error */
};

static const struct bad bads[] = {
    {"06", "invalid in 64-bit mode"},	 /* push es */
    {"27", "invalid in 64-bit mode"},	 /* daa */
    {"ce", "invalid in 64-bit mode"},	 /* into */
    {"d4 0a", "invalid in 64-bit mode"}, /* aam */
    {"9a 00 00 00 00 00 00", "invalid"}, /* call far ptr16:32 */
    {"ea 00 00 00 00 00 00", "invalid"}, /* jmp far ptr16:32 */
    {"82 c0 01", "invalid"},		 /* group 1 alias */
    {"0f 04", "invalid"},
    {"0f 24 c0", "invalid"}, /* mov to a test register */
    {"0f a6", "invalid"},
    {"48 8d c0", "lea with a register operand"},
    {"ff f8", "group 5"},
    {"ff 38", "group 5"},
    {"fe d0", "group 4"},
    {"8f 20", "group 1A"}, /* 8F /4: neither pop nor XOP */
    {"c7 c8 00 00 00 00", "group 11"},
    {"c6 f9 01", "group 11"}, /* /7 other than xabort */
    {"c4 e0 7d 18 07", "VEX with an undefined opcode map"},
    {"c4 e4 7d 18 07", "VEX with an undefined opcode map"},
    {"62 f4 7c 48 58 c1", "EVEX with an undefined opcode map"},
    {"62 f0 7c 48 58 c1", "EVEX with an undefined opcode map"},
    {"8f eb 78 c0 c1 01", "XOP with an undefined opcode map"},
    {"66 c5 f8 77", "after a REX, 66"},
    {"48 c5 f8 77", "after a REX, 66"},
    {"f3 62 f1 7c 48 58 c1", "after a REX, 66"},
    {"66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 90", "longer than 15 bytes"},
    {"f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0", "longer than 15 bytes"},
    {"48 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48", "longer than 15 bytes"},
    {"66 66 66 66 66 66 66 66 66 66 66 48 c7 c0 01 00 00 00", "longer than 15 bytes"},
    {"", "truncated"},
    {"66", "truncated"},
    {"0f", "truncated"},
    {"0f 3a 0f c1", "truncated"}, /* palignr without its imm8 */
    {"c5", "truncated"},
    {"62 f1 7c", "truncated"},
    {"48 8b 04", "truncated"},		/* SIB missing */
    {"48 8b 05 00 00 00", "truncated"}, /* disp32 short by one */
};

static void test_bad_input(void **state)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bads); i++) {
		u8 bytes[32];
		int n = parse_hex(bads[i].hex, bytes, sizeof(bytes));
		u8 *copy = exact_copy(bytes, n);
		struct insn insn;
		int ret = insn_decode(&insn, copy, n);

		if (ret != -EINVAL)
			fail_msg("'%s': decodes (%d, length %u), want -EINVAL", bads[i].hex, ret,
				 insn.length);
		if (!insn.error || !strstr(insn.error, bads[i].error))
			fail_msg("'%s': error '%s', want '%s'", bads[i].hex,
				 insn.error ? insn.error : "(none)", bads[i].error);
		assert_int_equal(insn_classify(&insn, NULL), INSN_CLASS_UNPROBEABLE);
		free_copy(copy, n);
	}
}

/* Every golden instruction, cut short at every length, fails as truncated without reading
 * past the cut; and a buffer of exactly its length is enough. */
static void test_truncated(void **state)
{
	size_t i;
	int cut;

	for (i = 0; i < ARRAY_SIZE(goldens); i++) {
		u8 bytes[INSN_MAX_LEN + 1];
		int n = parse_hex(goldens[i].hex, bytes, sizeof(bytes));

		for (cut = 0; cut < n; cut++) {
			u8 *copy = exact_copy(bytes, cut);
			struct insn insn;

			if (insn_decode(&insn, copy, cut) != -EINVAL)
				fail_msg("%s cut to %d bytes: decodes", goldens[i].hex, cut);
			if (!strstr(insn.error, "truncated"))
				fail_msg("%s cut to %d bytes: '%s'", goldens[i].hex, cut,
					 insn.error);
			free_copy(copy, cut);
		}
	}
}

/* xorshift64*, so the random test is the same on every run. */
static u64 rng_state = 0x9e3779b97f4a7c15ull;

static u64 rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

/* Random bytes with a bias toward prefixes, escapes and the vector prefixes. */
static u8 random_byte(void)
{
	static const u8 interesting[] = {0x66, 0x67, 0xf0, 0xf2, 0xf3, 0x2e, 0x64, 0x48, 0x41,
					 0x0f, 0x38, 0x3a, 0xc4, 0xc5, 0x62, 0x8f, 0xf6, 0xf7,
					 0x05, 0x04, 0x25, 0x44, 0x84, 0xa0, 0xc8, 0xb8};
	u64 r = rng();

	if (r % 4 == 0)
		return interesting[(r >> 8) % ARRAY_SIZE(interesting)];
	return (u8)(r >> 16);
}

static void test_random(void **state)
{
	long decoded = 0, refused = 0, i;

	for (i = 0; i < 300000; i++) {
		u8 bytes[INSN_MAX_LEN + 2];
		size_t n = 1 + rng() % sizeof(bytes), j;
		struct insn insn, again;
		u8 *copy;
		int ret;

		for (j = 0; j < n; j++)
			bytes[j] = random_byte();
		copy = exact_copy(bytes, n);
		ret = insn_decode(&insn, copy, n);
		free_copy(copy, n);
		if (ret) {
			assert_int_equal(ret, -EINVAL);
			assert_non_null(insn.error);
			refused++;
			continue;
		}
		decoded++;
		assert_true(insn.length >= 1 && insn.length <= INSN_MAX_LEN && insn.length <= n);
		insn_classify(&insn, NULL);

		copy = exact_copy(bytes, insn.length);
		ret = insn_decode(&again, copy, insn.length);
		if (ret || again.length != insn.length || again.imm != insn.imm ||
		    again.disp != insn.disp || again.modrm != insn.modrm)
			fail_msg("decodes differently from exactly %u bytes", insn.length);
		free_copy(copy, insn.length);

		copy = exact_copy(bytes, insn.length - 1);
		if (insn_decode(&again, copy, insn.length - 1) != -EINVAL)
			fail_msg("decodes from %u bytes, one short", insn.length - 1);
		free_copy(copy, insn.length - 1);
	}
	print_message("random: %ld decoded, %ld refused\n", decoded, refused);
	assert_true(decoded > 100000);
}

/* Memory operands: the address that regs and the displacement give. */
static void test_effective_addr(void **state)
{
	u64 r[16];
	size_t i;

	for (i = 0; i < 16; i++)
		r[i] = 0xffff800000000000ull + 0x1111 * (i + 1) * (i + 3);
	{
		/* want_ip: want is relative to the next instruction */
		const struct {
			const char *hex;
			int ret;
			u64 want;
			bool want_ip;
		} cases[] = {
		    {"48 8b 04 24", 0, r[4], false},	 /* mov (%rsp),%rax */
		    {"48 8b 45 f8", 0, r[5] - 8, false}, /* mov -0x8(%rbp),%rax */
		    {"4a 8b 04 e5 10 00 00 00", 0, r[12] * 8 + 0x10, false}, /* mov 0x10(,%r12,8) */
		    {"48 8b 04 25 78 56 34 12", 0, 0x12345678, false}, /* mov 0x12345678,%rax */
		    {"48 8b 04 25 f8 ff ff ff", 0, -8ull, false},      /* mov 0xfff..f8,%rax */
		    {"41 8b 45 00", 0, r[13], false},		       /* mov 0x0(%r13),%eax */
		    {"42 8d 04 2b", 0, r[3] + r[13], false},	       /* lea (%rbx,%r13,1) */
		    {"4c 8b 64 24 08", 0, r[4] + 8, false},	       /* mov 0x8(%rsp),%r12 */
		    {"49 8b 04 24", 0, r[12], false},		       /* mov (%r12),%rax */
		    {"4b 8d 44 ac 80", 0, r[12] + r[13] * 4 - 128,
		     false}, /* lea -0x80(%r12,%r13,4) */
		    {"8b 84 8a 00 10 00 00", 0, r[2] + r[1] * 4 + 0x1000,
		     false},					      /* 0x1000(%rdx,%rcx,4) */
		    {"4b 8b 04 2c", 0, r[12] + r[13], false},	      /* mov (%r12,%r13,1) */
		    {"42 8b 04 65 00 00 00 00", 0, r[12] * 2, false}, /* mov 0x0(,%r12,2),%eax */
		    {"41 8b 04 65 00 00 00 00", 0, 0, false},	      /* REX.B: still no base */
		    {"67 8b 04 24", 0, (u32)r[4], false},	      /* mov (%esp),%eax */
		    {"67 8b 44 24 ff", 0, (u32)(r[4] - 1), false},    /* mov -0x1(%esp),%eax */
		    {"48 8b 05 10 00 00 00", 0, 0x10, true},	      /* mov 0x10(%rip),%rax */
		    {"48 8d 05 f0 ff ff ff", 0, -0x10ull, true},      /* lea -0x10(%rip),%rax */
		    {"ff 15 00 01 00 00", 0, 0x100, true},	      /* call *0x100(%rip) */
		    {"41 ff 14 24", 0, r[12], false},		      /* call *(%r12) */
		    {"64 48 8b 04 25 28 00 00 00", -EOPNOTSUPP, 0, false}, /* mov %fs:0x28,%rax */
		    {"48 89 c8", -EINVAL, 0, false},			   /* mov %rcx,%rax */
		    {"c3", -EINVAL, 0, false},				   /* ret: no ModRM */
		};

		for (i = 0; i < ARRAY_SIZE(cases); i++) {
			u8 bytes[16];
			int n = parse_hex(cases[i].hex, bytes, sizeof(bytes));
			struct insn insn;
			u64 addr = 0, want = cases[i].want;
			int ret;

			assert_int_equal(insn_decode(&insn, bytes, n), 0);
			assert_int_equal(insn.length, n);
			if (cases[i].want_ip)
				want += insn_next_ip(&insn);
			ret = insn_effective_addr(&insn, r, &addr);
			if (ret != cases[i].ret)
				fail_msg("%s: %d, want %d", cases[i].hex, ret, cases[i].ret);
			if (!ret && addr != want)
				fail_msg("%s: %llx, want %llx", cases[i].hex,
					 (unsigned long long)addr, (unsigned long long)want);
		}
	}
}

static s32 read_s32(const u8 *p)
{
	return (s32)((u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24);
}

/* Re-aiming RIP-relative operands for a copy in a slot at another address. */
static void test_fixup(void **state)
{
	static const u8 mov[] = {0x48, 0x8b, 0x05, 0x10, 0x00, 0x00, 0x00}; /* mov 0x10(%rip) */
	static const u8 movq_imm[] = {
	    0x48, 0xc7, 0x05, 0xf0, 0xff, 0xff,
	    0xff, 0x01, 0x00, 0x00, 0x00}; /* movq $0x1,-0x10(%rip): disp then imm */
	static const u8 eip[] = {0x67, 0x8b, 0x05, 0x10, 0x00, 0x00, 0x00};
	static const u8 not_rip[] = {0x48, 0x8b, 0x45, 0xf8};
	struct insn insn;
	u8 copy[16];
	u64 ip, target;

	assert_int_equal(insn_decode(&insn, mov, sizeof(mov)), 0);
	ip = insn_next_ip(&insn) - insn.length;
	target = ip + 7 + 0x10;
	memcpy(copy, mov, sizeof(mov));
	assert_int_equal(insn_fixup_rip_relative(&insn, copy, ip + 0x1000), 0);
	assert_int_equal(read_s32(copy + 3), 0x10 - 0x1000);
	assert_memory_equal(copy, mov, 3); /* prefix, opcode, ModRM untouched */
	assert_int_equal(ip + 0x1000 + 7 + read_s32(copy + 3), target);
	/* the edges of a signed 32-bit displacement */
	assert_int_equal(insn_fixup_rip_relative(&insn, copy, ip - 0x7fffffefull), 0);
	assert_int_equal(read_s32(copy + 3), 0x7fffffff);
	assert_int_equal(insn_fixup_rip_relative(&insn, copy, ip + 0x80000010ull), 0);
	assert_int_equal(read_s32(copy + 3), (s32)0x80000000);
	memcpy(copy, mov, sizeof(mov));
	assert_int_equal(insn_fixup_rip_relative(&insn, copy, ip - 0x7ffffff0ull), -ERANGE);
	assert_int_equal(insn_fixup_rip_relative(&insn, copy, ip + 0x80000011ull), -ERANGE);
	assert_memory_equal(copy, mov, sizeof(mov)); /* refused: nothing written */

	assert_int_equal(insn_decode(&insn, movq_imm, sizeof(movq_imm)), 0);
	ip = insn_next_ip(&insn) - insn.length;
	memcpy(copy, movq_imm, sizeof(movq_imm));
	assert_int_equal(insn_fixup_rip_relative(&insn, copy, ip - 0x100), 0);
	assert_int_equal(read_s32(copy + 3), -0x10 + 0x100);
	assert_memory_equal(copy + 7, movq_imm + 7, 4); /* the immediate is left alone */

	assert_int_equal(insn_decode(&insn, eip, sizeof(eip)), 0);
	assert_int_equal(insn_fixup_rip_relative(&insn, copy, 0x1000), -EINVAL);
	assert_int_equal(insn_decode(&insn, not_rip, sizeof(not_rip)), 0);
	assert_int_equal(insn_fixup_rip_relative(&insn, copy, 0x1000), -EINVAL);
}

/* setcc on the real CPU with the given arithmetic flags; the stack pointer moves past the red
 * zone before pushing them. */
#define CPU_SETCC(cc)                                                                              \
	static bool cpu_##cc(u64 flags)                                                            \
	{                                                                                          \
		u8 r;                                                                              \
		asm volatile("sub $128, %%rsp\n\tpush %1\n\tpopfq\n\tset" #cc " %0\n\t"            \
			     "add $128, %%rsp"                                                     \
			     : "=q"(r)                                                             \
			     : "r"(flags)                                                          \
			     : "cc", "memory");                                                    \
		return r;                                                                          \
	}
CPU_SETCC(o)
CPU_SETCC(no)
CPU_SETCC(b)
CPU_SETCC(ae)
CPU_SETCC(e)
CPU_SETCC(ne)
CPU_SETCC(be)
CPU_SETCC(a)
CPU_SETCC(s)
CPU_SETCC(ns)
CPU_SETCC(p)
CPU_SETCC(np)
CPU_SETCC(l)
CPU_SETCC(ge)
CPU_SETCC(le)
CPU_SETCC(g)

static void test_cond(void **state)
{
	static bool (*const cpu[16])(u64) = {cpu_o,  cpu_no, cpu_b,  cpu_ae, cpu_e, cpu_ne,
					     cpu_be, cpu_a,  cpu_s,  cpu_ns, cpu_p, cpu_np,
					     cpu_l,  cpu_ge, cpu_le, cpu_g};
	static const u64 bits[5] = {1 << 0, 1 << 2, 1 << 6, 1 << 7, 1 << 11}; /* CF PF ZF SF OF */
	unsigned int cond, combo, b;

	for (cond = 0; cond < 16; cond++) {
		for (combo = 0; combo < 32; combo++) {
			u64 flags = 2; /* bit 1 always reads as 1 */

			for (b = 0; b < 5; b++)
				if (combo & (1 << b))
					flags |= bits[b];
			if (insn_cond_true(cond, flags) != cpu[cond](flags))
				fail_msg("condition %x with flags %llx: %d, the CPU says %d", cond,
					 (unsigned long long)flags, insn_cond_true(cond, flags),
					 cpu[cond](flags));
		}
	}
}

/* register_kprobe's question: is this offset the start of an instruction? */
static void test_boundary(void **state)
{
	/* push %rbp; mov %rsp,%rbp; sub $0x10,%rsp; call .+5; leave; ret */
	static const u8 func[] = {0x55, 0x48, 0x89, 0xe5, 0x48, 0x83, 0xec, 0x10,
				  0xe8, 0x00, 0x00, 0x00, 0x00, 0xc9, 0xc3};
	static const size_t starts[] = {0, 1, 4, 8, 13, 14};
	/* push %rbp; (bad 06); ret */
	static const u8 broken[] = {0x55, 0x06, 0xc3};
	const char *why;
	size_t off, at, i;

	for (off = 0; off < sizeof(func); off++) {
		bool start = false;
		int ret;

		for (i = 0; i < ARRAY_SIZE(starts); i++)
			start |= starts[i] == off;
		ret = insn_check_boundary(func, sizeof(func), off, &why, &at);
		if (start) {
			assert_int_equal(ret, 0);
			assert_null(why);
			assert_int_equal(at, off);
		} else {
			assert_int_equal(ret, -EINVAL);
			assert_string_equal(why, "offset is inside an instruction");
			assert_true(at < off);
		}
	}
	assert_int_equal(insn_check_boundary(func, sizeof(func), 9, &why, &at), -EINVAL);
	assert_int_equal(at, 8); /* inside the call */
	assert_int_equal(insn_check_boundary(func, sizeof(func), sizeof(func), &why, NULL),
			 -EINVAL);
	assert_string_equal(why, "offset is past the end of the function");
	assert_int_equal(insn_check_boundary(broken, sizeof(broken), 2, &why, &at), -EINVAL);
	assert_non_null(strstr(why, "invalid in 64-bit mode"));
	assert_int_equal(at, 1);
	assert_int_equal(insn_check_boundary(broken, sizeof(broken), 1, NULL, NULL), 0);
	/* the function ends inside an instruction: the decode is truncated, not run past */
	assert_int_equal(insn_check_boundary(func, 10, 9, &why, &at), -EINVAL);
	assert_int_equal(insn_check_boundary(func, 11, 10, &why, &at), -EINVAL);
	assert_non_null(strstr(why, "truncated"));
}

/*
 * The differential test against objdump.
 *
 * objdump -d -w prints one instruction a line, "addr:<tab>bytes<tab>text", with all bytes on the
 * line. Instructions at consecutive addresses within one symbol form a run; each instruction is
 * decoded from its place in the run with the rest of the run as max_len, so a decoder that wanted
 * more bytes than objdump would be caught as a mismatch, not cut short. For each one: the length
 * must match; the RIP-relative flag must match "(%rip)" in the text and the target must match
 * objdump's "# addr" comment; a relative branch's target must match the address objdump prints;
 * a copy cut one byte short must fail as truncated and an exact-size copy must decode the same;
 * a RIP-relative operand re-aimed by insn_fixup_rip_relative must still reach the same address.
 */

/* C compiled here with several sets of flags; floating point only where SSE is allowed. */
static const char corpus_c[] =
    "typedef unsigned long u64; typedef unsigned int u32; typedef unsigned short u16;\n"
    "typedef unsigned char u8;\n"
    "struct node { struct node *next; u64 key; u32 flags; u16 small; u8 tiny; char name[24]; };\n"
    "u64 table[256]; struct node nodes[64]; static volatile u32 counter;\n"
    "extern void ext(int); extern int ext2(int, long, char);\n"
    "u64 hash(const u8 *p, u64 n) { u64 h = 1469598103934665603ull;\n"
    "  while (n--) { h ^= *p++; h *= 1099511628211ull; } return h; }\n"
    "int pick(int x) { switch (x) { case 0: return 10; case 1: return 13; case 2: return 27;\n"
    "  case 3: return 31; case 4: return 45; case 5: return 52; case 6: return 68;\n"
    "  case 7: return 70; case 9: return ext2(x, 3, 4); default: return -1; } }\n"
    "struct node *find(struct node *n, u64 key) { for (; n; n = n->next)\n"
    "  if (n->key == key) return n; return 0; }\n"
    "u64 mix(u64 a, u64 b, u32 c, u16 d, u8 e) { return (a << (c & 63)) ^ (b >> (d & 63))\n"
    "  ^ ((u64)e * 0x9e3779b97f4a7c15ull) ^ (a / (b | 1)) ^ (a % 1000003); }\n"
    "short sdiv(short a, short b) { return b ? a / b : 0; }\n"
    "u16 add16(u16 *p, u16 v) { *p += v; return *p ^ 0x1234; }\n"
    "u8 add8(u8 *p, u8 v) { *p += v; return (u8)(*p * 3); }\n"
    "long long sdiv64(long long a, long long b) { return b ? a / b : 0; }\n"
    "void copy(struct node *d, const struct node *s) { *d = *s; }\n"
    "void clear(struct node *d) { __builtin_memset(d, 0, sizeof(*d) * 4); }\n"
    "int popc(u64 x) { return __builtin_popcountll(x) + __builtin_ctzll(x | 1)\n"
    "  + __builtin_clzll(x | 1); }\n"
    "u64 bswap(u64 x) { return __builtin_bswap64(x) ^ __builtin_bswap32((u32)x)\n"
    "  ^ __builtin_bswap16((u16)x); }\n"
    "int cas(int *p, int o, int n) { return __sync_bool_compare_and_swap(p, o, n); }\n"
    "long xadd(long *p, long v) { return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }\n"
    "void inc(u32 *p) { __atomic_fetch_add(p, 1, __ATOMIC_RELAXED); counter++; }\n"
    "u8 tas(u8 *p) { return __atomic_exchange_n(p, 1, __ATOMIC_ACQUIRE); }\n"
    "int cmpjmp(long a, long b) { if (a < b) return 1; if ((unsigned long)a > (unsigned long)b)\n"
    "  return 2; if (a == b) return 3; return 4; }\n"
    "int ptrcall(int (*f)(int), int x) { return f(x) + f(x + 1); }\n"
    "int rec(int n) { return n < 2 ? n : rec(n - 1) + rec(n - 2); }\n"
    "u64 bigconst(void) { return 0x123456789abcdef0ull + table[3]; }\n"
    "int loopsum(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++)\n"
    "  s += a[i] * (i & 7); return s; }\n"
    "void fill(u64 *a, int n) { for (int i = 0; i < n; i++) a[i] = (u64)i * 0x10001; }\n"
    "int cond(int a, int b) { return a > b ? a - b : b - a; }\n"
    "u64 rot(u64 x, int s) { return (x >> s) | (x << (64 - s)) | ((x & (1ull << s)) ? 7 : 0); }\n"
    "void calls(int n) { for (int i = 0; i < n; i++) ext(i); }\n"
    "int cmpstr(const char *a, const char *b) { while (*a && *a == *b) a++, b++;\n"
    "  return (u8)*a - (u8)*b; }\n"
    "u16 narrow(u16 *a, int n) { u16 m = 0; for (int i = 0; i < n; i++) if (a[i] > m) m = a[i];\n"
    "  return m; }\n"
    "void bytes(u8 *d, const u8 *s, int n) { for (int i = 0; i < n; i++) d[i] = s[i] ^ 0x5a; }\n"
    "u64 gs_read(void) { u64 v; __asm__ volatile(\"mov %%gs:0x10, %0\" : \"=r\"(v)); return v; }\n"
    "int big_frame(int x) { volatile char buf[5000]; buf[x] = 1; return buf[x / 2]; }\n"
    "struct node *walk(struct node *n, int k) { while (k-- && n) n = n->next; return n; }\n"
    "void set_flags(struct node *n) { n->flags |= 0x80000000u; n->small ^= 0x8000;\n"
    "  n->tiny &= 0x7f; n->key -= 0x100000000ull; }\n";

static const char corpus_fp_c[] =
    "double dot(const double *a, const double *b, int n) { double s = 0;\n"
    "  for (int i = 0; i < n; i++) s += a[i] * b[i]; return s; }\n"
    "float avg(const float *a, int n) { float s = 0; for (int i = 0; i < n; i++) s += a[i];\n"
    "  return n ? s / n : 0.5f; }\n"
    "void saxpy(float *y, const float *x, float a, int n) {\n"
    "  for (int i = 0; i < n; i++) y[i] += a * x[i]; }\n"
    "long conv(double d) { return (long)d + (long)(float)d; }\n"
    "double poly(double x) { return ((x * 3.5 + 2.25) * x - 1.125) * x + 0.0625; }\n"
    "void scale(int *a, int n, int k) { for (int i = 0; i < n; i++) a[i] = a[i] * k + (a[i] >> 3); "
    "}\n";

/* System and rare instructions that compilers do not emit: assembled, never run. */
static const char corpus_asm[] =
    "\t.text\n"
    "\t.globl sysblob\n"
    "sysblob:\n"
    "\tswapgs; sysretq; sysretl; iretq; iretl; syscall; sysenter; sysexitl\n"
    "\twrmsr; rdmsr; rdtsc; rdtscp; rdpmc; cpuid; cli; sti; hlt; int3; int $0x80; ud2\n"
    "\tpause; lfence; mfence; sfence; clac; stac; invlpg (%rax)\n"
    "\tmov %cr3,%rax; mov %rax,%cr3; mov %cr8,%rax; mov %db7,%rax; mov %rax,%db7\n"
    "\tlgdt (%rax); lidt (%rax); sgdt (%rax); sidt (%rax); ltr %ax; str %ax; lldt %ax; sldt %ax; "
    "verw (%rax); lmsw %ax; smsw %eax\n"
    "\tpushfq; popfq; xchg %rax,(%rbx); lock cmpxchg %rcx,(%rdx); lock xaddq %rax,(%rdx); lock "
    "incl (%rdi); lock btsq $3,(%rdi); cmpxchg16b (%rdi); lock cmpxchg8b (%rdi)\n"
    "\trep movsb; rep stosq; repne scasb; movsw; cmpsq; lodsl\n"
    "\tin $0x80,%al; out %al,$0x80; inw %dx,%ax; outl %eax,%dx; insb; outsw\n"
    "\tenter $16,$1; leave; enter $0x1234,$0\n"
    "\tendbr64; endbr32\n"
    "\txsave (%rdi); xrstor (%rdi); fxsave (%rdi); fxrstor64 (%rdi); xsaveopt (%rdi); xgetbv; "
    "xsetbv; xsaves (%rdi); xrstors64 (%rdi)\n"
    "\twrfsbase %rax; rdgsbase %rax; wrgsbase %rbx; rdfsbase %ecx\n"
    "\tmovabs 0x1122334455667788,%al; movabs %eax,0x1122334455667788; movabs "
    "%rax,0x1122334455667788; movabs $0x1122334455667788,%rcx; movabs 0x1122334455667788,%ax\n"
    "\tlretl; lretl $8; ljmp *(%rax); lcall *(%rax); lretq\n"
    "\tlss (%rax),%esp; lfs (%rax),%ecx; lgs (%rax),%edx; mov %ax,%ss; mov %ss,%ax; mov %ax,%ds; "
    "push %fs; pop %gs; push %gs; pop %fs\n"
    "\tmonitor; mwait\n"
    "\tprefetchw (%rax); prefetcht0 (%rax); prefetchnta 0x10(%rip); clflush (%rax); clflushopt "
    "(%rax); clwb (%rax)\n"
    "\tmovbe (%rax),%ecx; crc32q %rax,%rcx; crc32b %al,%ecx; popcnt %rax,%rcx; tzcnt %rax,%rcx; "
    "lzcnt %ecx,%edx\n"
    "\tbswap %eax; bswap %r9; rdrand %rax; rdseed %ecx\n"
    "\txbegin 1f\n"
    "1:\txend; xabort $1; xtest\n"
    "\tinvd; wbinvd; clts; rsm; getsec\n"
    "\tcwtl; cltq; cqto; cltd; sahf; lahf; cmc; clc; stc; cld; std; xlat; fwait; nop; int1\n"
    "\tfldl 0x10(%rip); fstp %st(1); fxch %st(1); fildll (%rax); fnstcw (%rax); fsqrt; fld1; "
    "fucomip %st(1),%st\n"
    "\tvmread %rax,%rcx; vmwrite %rcx,%rax; vmcall; vmlaunch; vmresume; vmxoff; vmptrld (%rax); "
    "invept (%rax),%rcx; invvpid (%rax),%rcx; invpcid (%rax),%rcx\n"
    "\tfemms; pfadd %mm1,%mm0; pi2fd %mm1,%mm0; emms\n"
    "\textrq $8,$4,%xmm1; insertq $8,$4,%xmm1,%xmm0; extrq %xmm1,%xmm0; insertq %xmm1,%xmm0\n"
    "\tvzeroupper; vzeroall; vmovdqa 0x10(%rip),%ymm0; vpshufd $0x1b,%xmm1,%xmm0; vinsertf128 "
    "$1,%xmm1,%ymm0,%ymm0; vbroadcastss (%rdi),%ymm0; vpermq $0x4e,%ymm1,%ymm2\n"
    "\tandn %rax,%rbx,%rcx; bextr %rax,%rbx,%rcx; rorx $3,%rax,%rbx; shlx %rax,%rbx,%rcx; pdep "
    "%rax,%rbx,%rcx; vfmadd231ps %ymm1,%ymm2,%ymm3; vgatherdps %ymm1,(%rax,%ymm2,4),%ymm3; kmovw "
    "%k1,%eax; kmovq %k1,%k2\n"
    "\tvaddps %zmm1,%zmm2,%zmm3{%k1}; vmovups 0x40(%rsp),%zmm0; vpternlogd "
    "$0x5,(%rax),%zmm1,%zmm2; vpbroadcastd %eax,%zmm0; vextractf32x8 $1,%zmm0,%ymm1; vaddps "
    "(%rax){1to16},%zmm1,%zmm2; vcmpps $1,%zmm1,%zmm2,%k3; vpcompressd %zmm1,(%rax){%k1}\n"
    "\tvaddph %zmm1,%zmm2,%zmm3; vfmadd132ph %zmm1,%zmm2,%zmm3; vcvtph2psx %ymm1,%zmm2; vfpclassph "
    "$1,%zmm1,%k1; vmovdqu64 0x12345(%rip),%zmm17\n"
    "\tvprotb $1,%xmm1,%xmm0; vfrczps %xmm1,%xmm0; vpcmov %xmm1,%xmm2,%xmm3,%xmm4; bextr "
    "$0x404,%eax,%ecx\n"
    "\taesenc %xmm1,%xmm0; pclmulqdq $1,%xmm1,%xmm0; sha256rnds2 %xmm0,%xmm1,%xmm2; pshufb "
    "%xmm1,%xmm0; pshufb %mm1,%mm0; pextrw $1,%xmm0,%eax; pinsrw $1,%eax,%xmm0; shufps "
    "$1,%xmm1,%xmm0; cmpps $1,%xmm1,%xmm0; movnti %eax,(%rdi); psrlw $3,%mm0; psrldq $3,%xmm0; "
    "pshufw $1,%mm1,%mm0\n"
    "\tshld $3,%rax,%rbx; shrd %cl,%rax,%rbx; bt $5,%eax; btc %rax,(%rdi); bsf %rax,%rcx; bsr "
    "%eax,%ecx; movsbl (%rax),%ecx; movzwl %ax,%ecx; movswq %ax,%rcx; movslq %eax,%rcx; cmovne "
    "%rax,%rcx; sete %al; setg (%rdi)\n"
    "\timul $10000,%eax,%ecx; imul $10,%eax,%ecx; imul %rax,%rcx; mul %rcx; idivq (%rsp); notb "
    "(%rdi); negw %ax; testb $1,(%rdi); testw $0x1234,(%rdi); test $0x12345678,%rax; testl "
    "$0x12345678,0x10(%rip)\n"
    "\trol $3,%eax; shlq %cl,(%rdi); sar %eax; rcrb $2,%al\n"
    "\tmov (%eax),%ecx; mov 0x10(%eip),%eax; lea 0x10(%eip),%eax\n"
    "\tpush $1; push $0x12345678; pushw $0x1234; pushq (%rax); popq (%rax); push %r12; pop %r13; "
    "call *%rax; call *0x10(%rip); jmp *%rax; notrack jmp *%rax; jmp *0x10(%rip); bnd jmp 2f\n"
    "2:\tbnd ret\n"
    "\tloop 2b; loope 2b; loopne 2b; jrcxz 2b; jecxz 2b\n"
    "\tret; ret $8; rep ret\n"
    "\t.byte 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0\n"
    "\t.byte 0x0f, 0x20, 0x44\n"
    "\t.byte 0x0f, 0x21, 0x05\n"
    "\t.byte 0x0f, 0xff, 0x00\n"
    "\t.byte 0x0f, 0xb9, 0x00\n"
    "\tret\n";

/* Flags for the compiled corpus: the kernel's own, and several user-space mixes. */
static const struct {
	const char *name;
	const char *flags;
	bool fp;
} corpus_builds[] = {
    {"kernel flags",
     "-O2 -mcmodel=kernel -mno-red-zone -ffreestanding -fno-pic -mno-sse "
     "-mno-mmx -mno-avx -fno-omit-frame-pointer -fcf-protection=none",
     false},
    {"-O2 -fPIC", "-O2 -fPIC", true},
    {"-Os -mcmodel=large", "-Os -mcmodel=large -fno-pic", true},
    {"-O3 x86-64-v3", "-O3 -march=x86-64-v3 -fcf-protection=full", true},
    {"-O3 x86-64-v4", "-O3 -march=x86-64-v4 -mprefer-vector-width=512", true},
};

struct corpus_insn {
	size_t off; /* in the run */
	u8 len;	    /* objdump's length */
	char *text;
};

/* Instructions at consecutive addresses, one symbol at most. */
struct run {
	u64 addr;
	u8 *bytes;
	size_t len, cap;
	struct corpus_insn *insns;
	size_t n, ncap;
};

struct diff_stats {
	long insns;	  /* lines objdump printed as instructions */
	long mismatches;  /* length differs */
	long refused;	  /* objdump decodes, insn_decode refuses */
	long objdump_bad; /* "(bad)": objdump could not decode either; skipped */
	long rip, branches, fixups;
	long failures; /* target, flag, truncation, fix-up or class disagreements */
	long classes[NR_INSN_CLASSES];
	int reported;
};

static void report(struct diff_stats *st, const struct run *r, const struct corpus_insn *ci,
		   const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	u8 i;

	if (st->reported++ >= 25)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "  %llx:", (unsigned long long)(r->addr + ci->off));
	for (i = 0; i < ci->len; i++)
		fprintf(stderr, " %02x", r->bytes[ci->off + i]);
	fprintf(stderr, "  (%s): %s\n", ci->text, msg);
}

/* The address objdump prints as a branch's operand: the first all-hex token after the
 * mnemonic ("je 1234 <f+0x10>", "bnd jmp 1240"). */
static bool branch_operand(const char *text, u64 *target)
{
	const char *p = text;
	bool first = true;

	while (*p) {
		const char *start;
		size_t n = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		start = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		while (start + n < p && isxdigit((unsigned char)start[n]))
			n++;
		if (!first && n && start + n == p) {
			*target = strtoull(start, NULL, 16);
			return true;
		}
		first = false;
	}
	return false;
}

static void check_one(struct diff_stats *st, const struct run *r, const struct corpus_insn *ci)
{
	const u8 *at = r->bytes + ci->off;
	u64 addr = r->addr + ci->off, base = (u64)(uintptr_t)r->bytes - r->addr;
	const char *why, *hash;
	enum insn_class class;
	struct insn insn, again;
	bool od_rip;
	u8 *copy, slot[INSN_MAX_LEN];
	u64 target;

	if (insn_decode(&insn, at, r->len - ci->off)) {
		st->refused++;
		report(st, r, ci, "refused: %s", insn.error);
		return;
	}
	if (insn.length != ci->len) {
		st->mismatches++;
		report(st, r, ci, "length %u, objdump says %u", insn.length, ci->len);
		return;
	}

	od_rip = strstr(ci->text, "(%rip)") || strstr(ci->text, "(%eip)");
	if (od_rip != insn.rip_relative) {
		st->failures++;
		report(st, r, ci, "rip_relative %d", insn.rip_relative);
	}
	hash = strstr(ci->text, "# ");
	if (insn.rip_relative && !insn.addrsize_32 && hash) {
		st->rip++;
		target = addr + insn.length + (u64)(s64)insn.disp;
		if (strtoull(hash + 2, NULL, 16) != target) {
			st->failures++;
			report(st, r, ci, "RIP-relative target %llx", (unsigned long long)target);
		}
	}
	if (insn.rip_relative && !insn.addrsize_32) {
		/* re-aimed for a slot 1 MiB below, it must reach the same address */
		st->fixups++;
		memcpy(slot, at, insn.length);
		target = insn_next_ip(&insn) + (u64)(s64)insn.disp;
		if (insn_fixup_rip_relative(&insn, slot, (u64)(uintptr_t)at - 0x100000) ||
		    insn_decode(&again, slot, insn.length) ||
		    (u64)(uintptr_t)at - 0x100000 + insn.length + (u64)(s64)again.disp != target) {
			st->failures++;
			report(st, r, ci, "fix-up does not keep the target");
		}
	}
	if (insn_is_rel_branch(&insn) && !insn.opsize_16) {
		st->branches++;
		if (!branch_operand(ci->text, &target) || target != insn_rel_target(&insn) - base) {
			st->failures++;
			report(st, r, ci, "branch target %llx",
			       (unsigned long long)(insn_rel_target(&insn) - base));
		}
	}

	class = insn_classify(&insn, &why);
	st->classes[class]++;
	if ((class == INSN_CLASS_UNPROBEABLE) != (why != NULL)) {
		st->failures++;
		report(st, r, ci, "class %s with reason %s", insn_class_name(class), why);
	}

	/* exactly its own bytes are enough; one fewer is truncated (ASan watches both reads) */
	copy = exact_copy(at, insn.length);
	if (insn_decode(&again, copy, insn.length) || again.length != insn.length) {
		st->failures++;
		report(st, r, ci, "does not decode from exactly its own bytes");
	}
	free_copy(copy, insn.length);
	copy = exact_copy(at, insn.length - 1);
	if (insn_decode(&again, copy, insn.length - 1) != -EINVAL ||
	    !strstr(again.error, "truncated")) {
		st->failures++;
		report(st, r, ci, "decodes from one byte less");
	}
	free_copy(copy, insn.length - 1);
}

static void run_flush(struct diff_stats *st, struct run *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		check_one(st, r, &r->insns[i]);
		free(r->insns[i].text);
	}
	r->len = 0;
	r->n = 0;
}

/* Parse "  addr:\tbytes\ttext"; false for anything else. */
static bool parse_line(char *line, u64 *addr, u8 *bytes, int *n, char **text)
{
	char *p = line, *end;

	while (*p == ' ')
		p++;
	*addr = strtoull(p, &end, 16);
	if (end == p || end[0] != ':' || end[1] != '\t')
		return false;
	p = end + 2;
	*n = 0;
	for (;;) {
		while (*p == ' ')
			p++;
		if (!isxdigit((unsigned char)p[0]) || !isxdigit((unsigned char)p[1]) ||
		    (p[2] != ' ' && p[2] != '\t' && p[2] != '\n' && p[2]))
			break;
		if (*n == 32)
			return false;
		bytes[(*n)++] = (u8)strtoul(p, NULL, 16) & 0xff;
		p += 2;
	}
	*text = p;
	if (*p == '\t')
		(*text)++;
	end = strchr(*text, '\n');
	if (end)
		*end = 0;
	return *n > 0;
}

/* Disassemble path with objdump and check every instruction. */
static void diff_file(const char *path, struct diff_stats *st)
{
	struct run r = {0};
	char cmd[600], *line = NULL;
	size_t cap = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "objdump -d -w --insn-width=16 '%s' 2>/dev/null", path);
	f = popen(cmd, "r");
	assert_non_null(f);
	while (getline(&line, &cap, f) > 0) {
		u8 bytes[32];
		char *text;
		u64 addr;
		int n;

		if (!parse_line(line, &addr, bytes, &n, &text)) {
			/* a symbol, a section header, "...", a blank line: the run ends */
			run_flush(st, &r);
			continue;
		}
		st->insns++;
		if (strstr(text, "(bad)")) {
			st->objdump_bad++;
			run_flush(st, &r);
			continue;
		}
		if (r.n && addr != r.addr + r.len)
			run_flush(st, &r);
		if (!r.n)
			r.addr = addr;
		if (r.len + n > r.cap) {
			r.cap = (r.cap + n) * 2;
			r.bytes = realloc(r.bytes, r.cap);
			assert_non_null(r.bytes);
		}
		if (r.n == r.ncap) {
			r.ncap = r.ncap * 2 + 64;
			r.insns = realloc(r.insns, r.ncap * sizeof(*r.insns));
			assert_non_null(r.insns);
		}
		memcpy(r.bytes + r.len, bytes, n);
		r.insns[r.n].off = r.len;
		r.insns[r.n].len = n;
		r.insns[r.n].text = strdup(text);
		r.n++;
		r.len += n;
	}
	run_flush(st, &r);
	free(line);
	free(r.bytes);
	free(r.insns);
	assert_int_equal(pclose(f), 0);
}

static char tmpdir[64];

static void write_file(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void run_cmd(const char *fmt, ...)
{
	char cmd[1000];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (system(cmd))
		fail_msg("command failed: %s", cmd);
}

static int make_tmpdir(void **state)
{
	strcpy(tmpdir, "/tmp/test_x86_insn.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) ? -1 : 0;
}

static void print_stats(const char *name, const struct diff_stats *st)
{
	print_message("%-22s %7ld insns %3ld mismatched %3ld refused %3ld (bad) %6ld rip %6ld "
		      "branches %3ld failures\n",
		      name, st->insns, st->mismatches, st->refused, st->objdump_bad, st->rip,
		      st->branches, st->failures);
}

static void add_stats(struct diff_stats *total, const struct diff_stats *st)
{
	int i;

	total->insns += st->insns;
	total->mismatches += st->mismatches;
	total->refused += st->refused;
	total->objdump_bad += st->objdump_bad;
	total->rip += st->rip;
	total->branches += st->branches;
	total->fixups += st->fixups;
	total->failures += st->failures;
	for (i = 0; i < NR_INSN_CLASSES; i++)
		total->classes[i] += st->classes[i];
}

/* Each golden encoding under its own label (objdump starts afresh at each symbol): objdump's
 * length must be the table's. This keeps the hand-written table honest. */
static void test_objdump_golden(void **state)
{
	char *text = NULL, *line = NULL, cmd[300];
	size_t size = 0, cap = 0, i;
	long want = -1, checked = 0;
	FILE *f = open_memstream(&text, &size);

	assert_non_null(f);
	fputs("\t.text\n", f);
	for (i = 0; i < ARRAY_SIZE(goldens); i++) {
		u8 bytes[INSN_MAX_LEN + 1];
		int n = parse_hex(goldens[i].hex, bytes, sizeof(bytes)), j;

		fprintf(f, "golden_%zu:\n\t.byte ", i);
		for (j = 0; j < n; j++)
			fprintf(f, "%s0x%02x", j ? ", " : "", bytes[j]);
		fputs("\n", f);
	}
	assert_int_equal(fclose(f), 0);
	write_file("golden.s", text);
	free(text);
	run_cmd("gcc -c %s/golden.s -o %s/golden.o", tmpdir, tmpdir);

	snprintf(cmd, sizeof(cmd), "objdump -d -w --insn-width=16 %s/golden.o", tmpdir);
	f = popen(cmd, "r");
	assert_non_null(f);
	while (getline(&line, &cap, f) > 0) {
		u8 bytes[32];
		char *insn_text, *sym = strstr(line, "<golden_");
		u64 addr;
		int n;

		if (sym && line[0] != ' ') { /* "0000000000000010 <golden_3>:" */
			want = strtol(sym + 8, NULL, 10);
			continue;
		}
		if (want < 0 || !parse_line(line, &addr, bytes, &n, &insn_text))
			continue;
		if (n != goldens[want].len)
			fail_msg("%s (%s): objdump reads %d bytes as '%s'", goldens[want].hex,
				 goldens[want].what, n, insn_text);
		want = -1; /* only the first instruction after each label */
		checked++;
	}
	free(line);
	assert_int_equal(pclose(f), 0);
	assert_int_equal(checked, ARRAY_SIZE(goldens));
}

static void test_objdump_corpus(void **state)
{
	static const char *const binaries[] = {
	    "/lib/x86_64-linux-gnu/libc.so.6",
	    "/usr/lib/x86_64-linux-gnu/libc.so.6",
	    "/bin/ls",
	};
	struct diff_stats total = {0}, kernel = {0};
	char path[200];
	size_t i;
	bool have_libc = false;
	int c;

	write_file("corpus.c", corpus_c);
	write_file("corpus_fp.c", corpus_fp_c);
	write_file("corpus_sys.s", corpus_asm);

	for (i = 0; i < ARRAY_SIZE(binaries); i++) {
		struct diff_stats st = {0};

		if (access(binaries[i], R_OK) || (i == 1 && have_libc))
			continue;
		have_libc |= i < 2;
		diff_file(binaries[i], &st);
		print_stats(binaries[i], &st);
		add_stats(&total, &st);
	}
	for (i = 0; i < ARRAY_SIZE(corpus_builds); i++) {
		struct diff_stats st = {0};

		run_cmd("gcc %s -c %s/corpus.c -o %s/corpus%zu.o", corpus_builds[i].flags, tmpdir,
			tmpdir, i);
		snprintf(path, sizeof(path), "%s/corpus%zu.o", tmpdir, i);
		diff_file(path, &st);
		if (corpus_builds[i].fp) {
			run_cmd("gcc %s -c %s/corpus_fp.c -o %s/corpus_fp%zu.o",
				corpus_builds[i].flags, tmpdir, tmpdir, i);
			snprintf(path, sizeof(path), "%s/corpus_fp%zu.o", tmpdir, i);
			diff_file(path, &st);
		}
		print_stats(corpus_builds[i].name, &st);
		add_stats(&total, &st);
		if (i == 0)
			add_stats(&kernel, &st);
	}
	{
		struct diff_stats st = {0};

		run_cmd("gcc -c %s/corpus_sys.s -o %s/corpus_sys.o 2>/dev/null", tmpdir, tmpdir);
		snprintf(path, sizeof(path), "%s/corpus_sys.o", tmpdir);
		diff_file(path, &st);
		print_stats("system and rare", &st);
		add_stats(&total, &st);
	}
	if (!access("kernel/arch/x86/insn.c", R_OK)) {
		struct diff_stats st = {0};

		/* the decoder itself, built as the kernel builds it */
		run_cmd("gcc %s -std=gnu11 -I. -D__KERNEL__ -c kernel/arch/x86/insn.c -o %s/insn.o",
			corpus_builds[0].flags, tmpdir);
		snprintf(path, sizeof(path), "%s/insn.o", tmpdir);
		diff_file(path, &st);
		print_stats("kernel/arch/x86/insn.c", &st);
		add_stats(&total, &st);
		add_stats(&kernel, &st);
	}
	print_stats("total", &total);
	print_message("classes over all the code built with kernel flags:");
	for (c = 0; c < NR_INSN_CLASSES; c++)
		print_message(" %s %ld", insn_class_name(c), kernel.classes[c]);
	print_message("\n");

	assert_true(have_libc);
	assert_true(total.insns >= 100000);
	assert_int_equal(total.mismatches, 0);
	assert_int_equal(total.failures, 0);
	assert_true(total.refused * 10000 <= total.insns); /* listed above, at most 0.01% */
	assert_true(total.rip > 1000 && total.branches > 10000 && total.fixups > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_golden),	   cmocka_unit_test(test_fields),
	    cmocka_unit_test(test_bad_input),	   cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_random),	   cmocka_unit_test(test_effective_addr),
	    cmocka_unit_test(test_fixup),	   cmocka_unit_test(test_cond),
	    cmocka_unit_test(test_boundary),	   cmocka_unit_test(test_objdump_golden),
	    cmocka_unit_test(test_objdump_corpus),
	};

	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
