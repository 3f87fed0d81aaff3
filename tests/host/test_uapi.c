/*
 * tests/host/test_uapi.c - glass's bpf/uapi/bpf.h against the system's <linux/bpf.h>.
 *
 * The two headers define the same names, so they never meet in one translation unit: this file
 * sees glass's, tests/host/lib/uapi_linux.c sees Linux's, and both evaluate the same lists of
 * names (tests/host/lib/uapi_list.h). Every enum value, constant, helper id, field offset and
 * field size must match. A mismatch is printed by name before the test fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "bpf/uapi/bpf.h"
#include "tests/host/lib/uapi_list.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define VALUE(name) {#name, (unsigned long long)(name)},
static const struct uapi_value glass_values[] = {UAPI_VALUES(VALUE)};

#define FIELD(type, member) {#type, #member, offsetof(type, member), sizeof(((type *)0)->member)},
static const struct uapi_field glass_fields[] = {UAPI_FIELDS(FIELD)};

#define SIZE(type) {#type, sizeof(type)},
static const struct uapi_size glass_sizes[] = {UAPI_SIZES(SIZE)};

/* glass's helpers with the id written next to each name in ___BPF_FUNC_MAPPER. */
struct glass_helper {
	const char *name;
	unsigned long long listed_id; /* the number in FN(name, id) */
	unsigned long long enum_id;   /* the value of BPF_FUNC_<name> */
};
#define HELPER(name, id) {#name, id, BPF_FUNC_##name},
static const struct glass_helper glass_helpers[] = {___BPF_FUNC_MAPPER(HELPER)};

static void test_values(void **state)
{
	size_t i, bad = 0;

	assert_int_equal(ARRAY_LEN(glass_values), uapi_linux_nr_values);
	for (i = 0; i < uapi_linux_nr_values; i++) {
		assert_string_equal(glass_values[i].name, uapi_linux_values[i].name);
		if (glass_values[i].value != uapi_linux_values[i].value) {
			printf("%s: glass %#llx, Linux %#llx\n", glass_values[i].name,
			       glass_values[i].value, uapi_linux_values[i].value);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void test_field_offsets_and_sizes(void **state)
{
	size_t i, bad = 0;

	assert_int_equal(ARRAY_LEN(glass_fields), uapi_linux_nr_fields);
	for (i = 0; i < uapi_linux_nr_fields; i++) {
		const struct uapi_field *g = &glass_fields[i], *l = &uapi_linux_fields[i];

		assert_string_equal(g->member, l->member);
		if (g->offset != l->offset || g->size != l->size) {
			printf("%s.%s: glass offset %zu size %zu, Linux offset %zu size %zu\n",
			       g->type, g->member, g->offset, g->size, l->offset, l->size);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void test_struct_sizes(void **state)
{
	size_t i, bad = 0;

	assert_int_equal(ARRAY_LEN(glass_sizes), uapi_linux_nr_sizes);
	for (i = 0; i < uapi_linux_nr_sizes; i++) {
		if (glass_sizes[i].size != uapi_linux_sizes[i].size) {
			printf("sizeof(%s): glass %zu, Linux %zu\n", glass_sizes[i].type,
			       glass_sizes[i].size, uapi_linux_sizes[i].size);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* struct bpf_prog_info.gpl_compatible is a bit field: offsetof cannot reach it, bytes can. */
static void test_gpl_compatible_bit(void **state)
{
	unsigned char linux_image[sizeof(struct bpf_prog_info)];
	struct bpf_prog_info info;

	memset(&info, 0, sizeof(info));
	info.gpl_compatible = 1;
	uapi_linux_gpl_compatible_image(linux_image, sizeof(linux_image));
	assert_memory_equal(&info, linux_image, sizeof(info));
}

/* Every helper Linux names has the same id here; glass's list is dense and in id order. */
static void test_helper_ids(void **state)
{
	size_t i, j, bad = 0;

	for (i = 0; i < ARRAY_LEN(glass_helpers); i++) {
		if (glass_helpers[i].listed_id != i || glass_helpers[i].enum_id != i) {
			printf("helper %s at position %zu: listed as %llu, enum value %llu\n",
			       glass_helpers[i].name, i, glass_helpers[i].listed_id,
			       glass_helpers[i].enum_id);
			bad++;
		}
	}
	for (i = 0; i < uapi_linux_nr_helpers; i++) {
		for (j = 0; j < ARRAY_LEN(glass_helpers); j++)
			if (!strcmp(glass_helpers[j].name, uapi_linux_helpers[i].name))
				break;
		if (j == ARRAY_LEN(glass_helpers)) {
			printf("helper %s (Linux id %llu) missing\n", uapi_linux_helpers[i].name,
			       uapi_linux_helpers[i].value);
			bad++;
		} else if (glass_helpers[j].enum_id != uapi_linux_helpers[i].value) {
			printf("helper %s: glass id %llu, Linux id %llu\n",
			       uapi_linux_helpers[i].name, glass_helpers[j].enum_id,
			       uapi_linux_helpers[i].value);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	assert_int_equal(__BPF_FUNC_MAX_ID, ARRAY_LEN(glass_helpers));
	assert_true(__BPF_FUNC_MAX_ID >= uapi_linux_func_max_id);
}

/* The old one-argument form of the mapper yields the same names in the same order. */
static void test_helper_mapper_old_form(void **state)
{
#define NAME(name) #name
	static const char *const names[] = {__BPF_FUNC_MAPPER(NAME)};
	size_t i;

	assert_int_equal(ARRAY_LEN(names), ARRAY_LEN(glass_helpers));
	for (i = 0; i < ARRAY_LEN(names); i++)
		assert_string_equal(names[i], glass_helpers[i].name);
	assert_string_equal(names[BPF_FUNC_map_lookup_elem], "map_lookup_elem");
	assert_string_equal(names[BPF_FUNC_ringbuf_output], "ringbuf_output");
#undef NAME
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_values),	 cmocka_unit_test(test_field_offsets_and_sizes),
	    cmocka_unit_test(test_struct_sizes), cmocka_unit_test(test_gpl_compatible_bit),
	    cmocka_unit_test(test_helper_ids),	 cmocka_unit_test(test_helper_mapper_old_form),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
