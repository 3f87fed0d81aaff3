/*
 * tests/host/lib/uapi_linux.c - the reference side of test_uapi.c: the names of uapi_list.h
 * evaluated against the system's <linux/bpf.h> (linux-libc-dev), exported as plain tables.
 * This file never includes glass's bpf/uapi headers, and test_uapi.c never includes Linux's:
 * both define the same names, so they can only meet through these tables.
 */
#include <linux/bpf.h>
#include <string.h>

#include "tests/host/lib/uapi_list.h"

#define VALUE(name) {#name, (unsigned long long)(name)},
const struct uapi_value uapi_linux_values[] = {UAPI_VALUES(VALUE)};
const size_t uapi_linux_nr_values = sizeof(uapi_linux_values) / sizeof(uapi_linux_values[0]);

#define FIELD(type, member) {#type, #member, offsetof(type, member), sizeof(((type *)0)->member)},
const struct uapi_field uapi_linux_fields[] = {UAPI_FIELDS(FIELD)};
const size_t uapi_linux_nr_fields = sizeof(uapi_linux_fields) / sizeof(uapi_linux_fields[0]);

#define SIZE(type) {#type, sizeof(type)},
const struct uapi_size uapi_linux_sizes[] = {UAPI_SIZES(SIZE)};
const size_t uapi_linux_nr_sizes = sizeof(uapi_linux_sizes) / sizeof(uapi_linux_sizes[0]);

#define HELPER(name)                                                                               \
	{                                                                                          \
#name, BPF_FUNC_##name                                                             \
	}
const struct uapi_value uapi_linux_helpers[] = {__BPF_FUNC_MAPPER(HELPER)};
const size_t uapi_linux_nr_helpers = sizeof(uapi_linux_helpers) / sizeof(uapi_linux_helpers[0]);
const unsigned long long uapi_linux_func_max_id = __BPF_FUNC_MAX_ID;

void uapi_linux_gpl_compatible_image(unsigned char *out, size_t size)
{
	struct bpf_prog_info info;

	memset(&info, 0, sizeof(info));
	info.gpl_compatible = 1;
	memset(out, 0, size);
	memcpy(out, &info, size < sizeof(info) ? size : sizeof(info));
}
