/*
 * kernel/multiboot.h - what GRUB tells the kernel (multiboot2 boot information), parsed once at
 * boot into struct multiboot_info: the command line, the memory map and the modules (the initrd).
 */
#ifndef KERNEL_MULTIBOOT_H
#define KERNEL_MULTIBOOT_H

#include "kernel/types.h"

#define MB2_BOOTLOADER_MAGIC 0x36d76289
#define MB_MAX_MMAP 64
#define MB_MAX_MODULES 8

enum mb_mem_type {
	MB_MEM_AVAILABLE = 1,
	MB_MEM_RESERVED = 2,
	MB_MEM_ACPI = 3,
	MB_MEM_NVS = 4,
	MB_MEM_BAD = 5,
};

struct mb_mmap_entry {
	u64 base;
	u64 len;
	u32 type;
};

struct mb_module {
	u64 start, end; /* physical */
	const char *cmdline;
};

struct multiboot_info {
	u64 info_phys, info_size; /* the boot information itself, to keep its frames reserved */
	const char *cmdline;
	const char *bootloader;
	int nr_mmap;
	struct mb_mmap_entry mmap[MB_MAX_MMAP];
	int nr_modules;
	struct mb_module modules[MB_MAX_MODULES];
};

extern struct multiboot_info boot_info;

/* Parse the boot information at physical address info; panics if it has no usable memory map. */
void multiboot_parse(u32 magic, u64 info);
const char *mb_mem_type_name(u32 type);

#endif
