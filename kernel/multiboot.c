/*
 * kernel/multiboot.c - parse the multiboot2 boot information.
 *
 * The information is a list of 8-byte-aligned tags after an 8-byte header (total size,
 * reserved). Each tag is (u32 type, u32 size, payload). Tags used here: 1 command line,
 * 2 boot loader name, 3 module, 6 memory map. Everything is copied into boot_info, so the
 * original memory can be reused later.
 */
#include "kernel/multiboot.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/mm/mm.h"

struct multiboot_info boot_info;

#define TAG_END 0
#define TAG_CMDLINE 1
#define TAG_BOOTLOADER 2
#define TAG_MODULE 3
#define TAG_MMAP 6

struct mb_tag {
	u32 type;
	u32 size;
};

static char cmdline_copy[512];
static char bootloader_copy[64];
static char module_cmdlines[MB_MAX_MODULES][64];

static void parse_mmap(const struct mb_tag *tag)
{
	const u8 *p = (const u8 *)tag;
	u32 entry_size = *(const u32 *)(p + 8);
	u32 off;

	if (entry_size < 24) /* base, len, type, reserved */
		panic("multiboot: memory map entries of %u bytes are too small", entry_size);
	for (off = 16; off + entry_size <= tag->size && boot_info.nr_mmap < MB_MAX_MMAP;
	     off += entry_size) {
		struct mb_mmap_entry *e = &boot_info.mmap[boot_info.nr_mmap++];

		e->base = *(const u64 *)(p + off);
		e->len = *(const u64 *)(p + off + 8);
		e->type = *(const u32 *)(p + off + 16);
	}
}

static void parse_module(const struct mb_tag *tag)
{
	const u32 *w = (const u32 *)(tag + 1);
	int i = boot_info.nr_modules;

	if (i >= MB_MAX_MODULES) {
		pr_warn("multiboot: more than %d modules, ignoring the rest\n", MB_MAX_MODULES);
		return;
	}
	boot_info.modules[i].start = w[0];
	boot_info.modules[i].end = w[1];
	strlcpy(module_cmdlines[i], (const char *)(w + 2), sizeof(module_cmdlines[i]));
	boot_info.modules[i].cmdline = module_cmdlines[i];
	boot_info.nr_modules++;
}

void multiboot_parse(u32 magic, u64 info)
{
	const u8 *p, *end;

	if (magic != MB2_BOOTLOADER_MAGIC)
		panic("multiboot: bad magic %#x: glass must be started by a multiboot2 loader", magic);
	p = phys_to_virt(info);
	boot_info.info_phys = info;
	boot_info.info_size = *(const u32 *)p;
	boot_info.cmdline = "";
	boot_info.bootloader = "";
	end = p + boot_info.info_size;
	for (p += 8; p + sizeof(struct mb_tag) <= end;) {
		const struct mb_tag *tag = (const struct mb_tag *)p;

		if (tag->type == TAG_END || tag->size < sizeof(*tag))
			break;
		switch (tag->type) {
		case TAG_CMDLINE:
			strlcpy(cmdline_copy, (const char *)(tag + 1), sizeof(cmdline_copy));
			boot_info.cmdline = cmdline_copy;
			break;
		case TAG_BOOTLOADER:
			strlcpy(bootloader_copy, (const char *)(tag + 1), sizeof(bootloader_copy));
			boot_info.bootloader = bootloader_copy;
			break;
		case TAG_MODULE:
			parse_module(tag);
			break;
		case TAG_MMAP:
			parse_mmap(tag);
			break;
		}
		p += ALIGN_UP(tag->size, 8u);
	}
	if (boot_info.nr_mmap == 0)
		panic("multiboot: the boot loader gave no memory map; cannot find usable RAM");
}

const char *mb_mem_type_name(u32 type)
{
	switch (type) {
	case MB_MEM_AVAILABLE:
		return "usable";
	case MB_MEM_ACPI:
		return "ACPI data";
	case MB_MEM_NVS:
		return "ACPI NVS";
	case MB_MEM_BAD:
		return "bad";
	default:
		return "reserved";
	}
}
