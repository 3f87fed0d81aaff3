/*
 * kernel/kallsyms_empty.S - an empty symbol table, for the first link (see Makefile): the second
 * link replaces it with the table generated from the first.
 */
	.section .kallsyms, "a"
	.balign 8
	.globl kallsyms_num, kallsyms_addresses, kallsyms_sizes, kallsyms_types
	.globl kallsyms_name_offsets, kallsyms_names
kallsyms_num:
	.quad 0
kallsyms_addresses:
kallsyms_sizes:
kallsyms_name_offsets:
kallsyms_types:
kallsyms_names:
	.byte 0
