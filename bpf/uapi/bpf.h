/*
 * bpf/uapi/bpf.h - the user-visible eBPF ABI, with Linux's numbering and layout
 * (<linux/bpf.h>): instruction encoding, bpf() commands and their attributes, map, program,
 * attach and link types, helper ids. Shared by the kernel, the host tools and user space;
 * tests/host/test_uapi.c checks every value and offset against the system's <linux/bpf.h>.
 */
#ifndef BPF_UAPI_BPF_H
#define BPF_UAPI_BPF_H

#include "bpf/uapi/types.h"
#include "bpf/uapi/bpf_common.h"

/* Extended instruction set on top of the classic fields. */
#define BPF_JMP32 0x06 /* class: jumps that compare 32-bit operands */
#define BPF_ALU64 0x07 /* class: 64-bit arithmetic */

#define BPF_DW 0x18     /* size: 64 bits */
#define BPF_MEMSX 0x80  /* mode: sign-extending load */
#define BPF_ATOMIC 0xc0 /* mode: atomic read-modify-write */
#define BPF_XADD 0xc0   /* old name of BPF_ATOMIC */

#define BPF_MOV 0xb0  /* op: move */
#define BPF_ARSH 0xc0 /* op: arithmetic shift right */
#define BPF_END 0xd0  /* op: byte swap / endian conversion */
#define BPF_TO_LE 0x00 /* with BPF_END in class ALU: to little endian */
#define BPF_TO_BE 0x08 /* with BPF_END in class ALU: to big endian */
#define BPF_FROM_LE BPF_TO_LE
#define BPF_FROM_BE BPF_TO_BE

#define BPF_JNE 0x50
#define BPF_JLT 0xa0
#define BPF_JLE 0xb0
#define BPF_JSGT 0x60
#define BPF_JSGE 0x70
#define BPF_JSLT 0xc0
#define BPF_JSLE 0xd0
#define BPF_JCOND 0xe0
#define BPF_CALL 0x80
#define BPF_EXIT 0x90

/* Atomic operations, in imm of a BPF_STX | BPF_ATOMIC instruction. */
#define BPF_FETCH 0x01
#define BPF_XCHG (0xe0 | BPF_FETCH)
#define BPF_CMPXCHG (0xf0 | BPF_FETCH)

#define MAX_BPF_REG 11
#define MAX_BPF_STACK 512

enum {
	BPF_REG_0 = 0,
	BPF_REG_1,
	BPF_REG_2,
	BPF_REG_3,
	BPF_REG_4,
	BPF_REG_5,
	BPF_REG_6,
	BPF_REG_7,
	BPF_REG_8,
	BPF_REG_9,
	BPF_REG_10,
	__MAX_BPF_REG,
};

struct bpf_insn {
	__u8 code;      /* opcode */
	__u8 dst_reg:4; /* destination register */
	__u8 src_reg:4; /* source register */
	__s16 off;      /* signed offset */
	__s32 imm;      /* signed immediate constant */
};

/* src_reg of a BPF_LD | BPF_DW | BPF_IMM (the two-slot 64-bit immediate load). */
#define BPF_PSEUDO_MAP_FD 1
#define BPF_PSEUDO_MAP_IDX 5
#define BPF_PSEUDO_MAP_VALUE 2
#define BPF_PSEUDO_MAP_IDX_VALUE 6
#define BPF_PSEUDO_BTF_ID 3
#define BPF_PSEUDO_FUNC 4

/* src_reg of a BPF_JMP | BPF_CALL. */
#define BPF_PSEUDO_CALL 1
#define BPF_PSEUDO_KFUNC_CALL 2

/* Flags of BPF_MAP_UPDATE_ELEM. */
#define BPF_ANY 0
#define BPF_NOEXIST 1
#define BPF_EXIST 2
#define BPF_F_LOCK 4

#endif /* BPF_UAPI_BPF_H */
