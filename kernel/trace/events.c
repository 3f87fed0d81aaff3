/*
 * kernel/trace/events.c - where the events of kernel/trace/events/<group>.h are made.
 *
 * The event headers are read three times, each time with another TRACE_EVENT:
 *   1. (tracepoint.h) the declarations every call site sees;
 *   2. the record: struct trace_event_raw_<name> { struct trace_entry ent; fields };
 *   3. the fields table (for the format file), the print function, __trace_<name>() (fill
 *      the record, hand it to trace_event_commit) and struct trace_event event_<name>, listed
 *      in the .trace_events section for trace_events_init to number.
 * Read kernel/trace/tracepoint.h first.
 */
#include "kernel/trace/trace_event.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

/* Pass 1: declarations. */
#include "kernel/trace/events/sched.h"
#include "kernel/trace/events/irq.h"
#include "kernel/trace/events/syscalls.h"

/* Pass 2: the record structs. */
#undef TRACE_EVENT
#define TRACE_HEADER_MULTI_READ
#define TP_STRUCT__entry(...) __VA_ARGS__
#define TP_fast_assign(...) __VA_ARGS__
#define TP_printk(...) __VA_ARGS__
#define __field(type, name) type name;
#define __array(type, name, len) type name[len];
#define TRACE_EVENT(_group, _name, _proto, _args, _tstruct, _assign, _print)                      \
	struct trace_event_raw_##_name {                                                    \
		struct trace_entry ent;                                                    \
		_tstruct                                                                    \
	};
#include "kernel/trace/events/sched.h"
#include "kernel/trace/events/irq.h"
#include "kernel/trace/events/syscalls.h"

/* Pass 3: fields, printing, the out-of-line tracepoint and the event itself. */
#undef TRACE_EVENT
#undef __field
#undef __array
#define __is_signed(type) (((type)-1) < (type)1)
#define __field(type, name)                                                                \
	{ #type, #name, offsetof(__raw, name), sizeof(type), __is_signed(type) },
#define __array(type, name, len)                                                           \
	{ #type, #name "[" #len "]", offsetof(__raw, name), sizeof(type) * (len),           \
	  __is_signed(type) },

/* Turn each argument into a u64 for raw tracepoint programs (up to six). */
#define __TP_U64(x) ((u64)(uintptr_t)(x))
#define __TP_MAP1(m, a) m(a)
#define __TP_MAP2(m, a, ...) m(a), __TP_MAP1(m, __VA_ARGS__)
#define __TP_MAP3(m, a, ...) m(a), __TP_MAP2(m, __VA_ARGS__)
#define __TP_MAP4(m, a, ...) m(a), __TP_MAP3(m, __VA_ARGS__)
#define __TP_MAP5(m, a, ...) m(a), __TP_MAP4(m, __VA_ARGS__)
#define __TP_MAP6(m, a, ...) m(a), __TP_MAP5(m, __VA_ARGS__)
#define __TP_NARGS(...) __TP_NARGS_(__VA_ARGS__, 6, 5, 4, 3, 2, 1)
#define __TP_NARGS_(a1, a2, a3, a4, a5, a6, n, ...) n
#define __TP_CAT(a, b) __TP_CAT_(a, b)
#define __TP_CAT_(a, b) a##b
#define __TP_MAP(m, ...) __TP_CAT(__TP_MAP, __TP_NARGS(__VA_ARGS__))(m, __VA_ARGS__)
#define __TP_ARGS_U64(...) __TP_MAP(__TP_U64, __VA_ARGS__)

#define TRACE_EVENT(_group, _name, _proto, _args, _tstruct, _assign, _print)                      \
	static const struct trace_field *fields_##_name(struct trace_event *ev, int *nr)                             \
	{                                                                                  \
		typedef struct trace_event_raw_##_name __raw;                               \
		static const struct trace_field fields[] = { _tstruct };                    \
		*nr = ARRAY_SIZE(fields);                                                  \
		return fields;                                                             \
	}                                                                                  \
	static void print_##_name(struct seq_buf *s, const void *record)                    \
	{                                                                                  \
		const struct trace_event_raw_##_name *__entry = record;                     \
		seq_printf(s, _print);                                                      \
	}                                                                                  \
	struct trace_event event_##_name = {                                                \
		.group = #_group,                                                           \
		.name = #_name,                                                             \
		.fields = fields_##_name,                                                   \
		.size = sizeof(struct trace_event_raw_##_name),                             \
		.nr_args = __TP_NARGS(_args),                                               \
		.print = print_##_name,                                                     \
		.print_fmt = #_print,                                                       \
	};                                                                                 \
	static struct trace_event *const __event_ptr_##_name __section(".trace_events")     \
		__used __aligned(8) = &event_##_name;                                       \
	void __trace_##_name(_proto)                                                         \
	{                                                                                  \
		struct trace_event_raw_##_name __record, *__entry = &__record;              \
		u64 __args[] = { __TP_ARGS_U64(_args) };                                    \
                                                                                           \
		trace_event_fill_entry(&event_##_name, &__entry->ent);                      \
		{ _assign }                                                                 \
		trace_event_commit(&event_##_name, __entry, sizeof(*__entry), __args);      \
	}
#include "kernel/trace/events/sched.h"
#include "kernel/trace/events/irq.h"
#include "kernel/trace/events/syscalls.h"
