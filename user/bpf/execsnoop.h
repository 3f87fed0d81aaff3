/*
 * user/bpf/execsnoop.h - the record execsnoop's BPF program puts in its ring buffer, shared by
 * both sides (user/bpf/execsnoop.bpf.c and user/bin/execsnoop.c).
 */
#ifndef USER_BPF_EXECSNOOP_H
#define USER_BPF_EXECSNOOP_H

struct exec_event {
	__u32 pid;
	char comm[16];     /* the new program's name */
	char filename[64]; /* the path it was run by */
};

#endif
