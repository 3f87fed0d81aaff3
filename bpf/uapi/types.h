/*
 * bpf/uapi/types.h - the fixed-width types of the user-visible ABI, spelled as Linux spells
 * them (<linux/types.h>), so that a file may include this and a system header side by side.
 */
#ifndef BPF_UAPI_TYPES_H
#define BPF_UAPI_TYPES_H

typedef unsigned char __u8;
typedef signed char __s8;
typedef unsigned short __u16;
typedef signed short __s16;
typedef unsigned int __u32;
typedef signed int __s32;
typedef unsigned long long __u64;
typedef signed long long __s64;

#define __aligned_u64 __u64 __attribute__((aligned(8)))

#endif /* BPF_UAPI_TYPES_H */
