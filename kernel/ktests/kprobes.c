/*
 * kernel/ktests/kprobes.c - kprobes and kretprobes, checked from inside the kernel.
 *
 * The probed code is assembly written here, so each probed instruction is known byte for byte:
 * kpt_func has a push, a mov, a mov with a RIP-relative operand, a RIP-relative add (boosted),
 * a cmp (boosted) followed by a jcc, a call, a jmp, a lea, a register add, a pop and a ret,
 * each at a label whose address is in kpt_sites[]. The tests probe every one of them, at the
 * entry and at inner offsets, and check that the function still computes what it computed
 * unprobed, that handlers saw what Linux's would, and that unregistering gives back exactly the
 * bytes that were there. Then: several probes on one address, probes hit from a handler
 * (nmissed), kretprobes (return values, maxactive, backtraces through the trampoline),
 * refused addresses, kprobe events (the parser, the record, a BPF program with the pt_regs as
 * context), and a stress run with a probe on every function available_filter_functions lists.
 */
#include "kernel/ktest.h"
#include "kernel/trace/kprobes.h"
#include "kernel/trace/trace_kprobe.h"
#include "kernel/trace/trace_event.h"
#include "kernel/trace/trace_buffer.h"
#include "kernel/trace/events/irq.h"
#include "kernel/arch/x86/trap.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/fs/vfs.h"
#include "kernel/kallsyms.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/mm/mm.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "bpf/prog.h"

/*
 * u64 kpt_func(u64 x): kpt_data + kpt_data2 + (x < 100 ? 8 * x : 3 * x)
 * u64 kpt_helper(u64 x): 7 * x
 * u64 kpt_recurse(u64 n): n ? kpt_recurse(n - 1) + 1 : 0
 * u64 kpt_outer(u64 x): kpt_inner(x) + 1, with kpt_inner(x) = x
 * u64 kpt_add2(u64 a, u64 b): a + b
 * kpt_refused: never called; a cli and an sti, which kprobes refuses.
 */
asm(".pushsection .data\n"
    ".p2align 3\n"
    ".globl kpt_data, kpt_data2\n"
    "kpt_data:  .quad 1000\n"
    "kpt_data2: .quad 20000\n"
    ".popsection\n"
    ".pushsection .text\n"
    ".p2align 4\n"
    ".globl kpt_func\n"
    ".type kpt_func, @function\n"
    "kpt_func:\n"
    ".Lkpt_push:   push %rbp\n"
    ".Lkpt_mov:    mov %rsp, %rbp\n"
    ".Lkpt_movrip: mov kpt_data(%rip), %rax\n"
    ".Lkpt_addrip: add kpt_data2(%rip), %rax\n"
    ".Lkpt_cmp:    cmp $100, %rdi\n"
    ".Lkpt_jcc:    jae 1f\n"
    "              sub $16, %rsp\n"
    "              mov %rax, (%rsp)\n"
    ".Lkpt_call:   call kpt_helper\n"
    "              add (%rsp), %rax\n"
    "              add $16, %rsp\n"
    ".Lkpt_jmp:    jmp 2f\n"
    "1:\n"
    ".Lkpt_lea:    lea (%rax,%rdi,2), %rax\n"
    "2:\n"
    ".Lkpt_add:    add %rdi, %rax\n"
    ".Lkpt_pop:    pop %rbp\n"
    ".Lkpt_ret:    ret\n"
    ".size kpt_func, . - kpt_func\n"
    ".p2align 4\n"
    ".globl kpt_helper\n"
    ".type kpt_helper, @function\n"
    "kpt_helper:\n"
    "    push %rbp\n"
    "    mov %rsp, %rbp\n"
    "    imul $7, %rdi, %rax\n"
    "    pop %rbp\n"
    "    ret\n"
    ".size kpt_helper, . - kpt_helper\n"
    ".p2align 4\n"
    ".globl kpt_recurse\n"
    ".type kpt_recurse, @function\n"
    "kpt_recurse:\n"
    "    push %rbp\n"
    "    mov %rsp, %rbp\n"
    "    xor %eax, %eax\n"
    "    test %rdi, %rdi\n"
    "    jz 1f\n"
    "    dec %rdi\n"
    "    call kpt_recurse\n"
    "    inc %rax\n"
    "1:  pop %rbp\n"
    "    ret\n"
    ".size kpt_recurse, . - kpt_recurse\n"
    ".p2align 4\n"
    ".globl kpt_outer\n"
    ".type kpt_outer, @function\n"
    "kpt_outer:\n"
    "    push %rbp\n"
    "    mov %rsp, %rbp\n"
    "    call kpt_inner\n"
    "    inc %rax\n"
    "    pop %rbp\n"
    "    ret\n"
    ".size kpt_outer, . - kpt_outer\n"
    ".p2align 4\n"
    ".globl kpt_inner\n"
    ".type kpt_inner, @function\n"
    "kpt_inner:\n"
    "    push %rbp\n"
    "    mov %rsp, %rbp\n"
    "    mov %rdi, %rax\n"
    "    pop %rbp\n"
    "    ret\n"
    ".size kpt_inner, . - kpt_inner\n"
    ".p2align 4\n"
    ".globl kpt_add2\n"
    ".type kpt_add2, @function\n"
    "kpt_add2:\n"
    "    push %rbp\n"
    "    mov %rsp, %rbp\n"
    "    lea (%rdi,%rsi), %rax\n"
    "    pop %rbp\n"
    "    ret\n"
    ".size kpt_add2, . - kpt_add2\n"
    ".p2align 4\n"
    ".globl kpt_refused\n"
    ".type kpt_refused, @function\n"
    "kpt_refused:\n"
    "    cli\n"
    ".Lkpt_sti: sti\n"
    "    ret\n"
    ".size kpt_refused, . - kpt_refused\n"
    ".popsection\n"
    ".pushsection .rodata\n"
    ".p2align 3\n"
    ".globl kpt_sites\n"
    "kpt_sites:\n"
    "    .quad .Lkpt_push, .Lkpt_mov, .Lkpt_movrip, .Lkpt_addrip, .Lkpt_cmp, .Lkpt_jcc\n"
    "    .quad .Lkpt_call, .Lkpt_jmp, .Lkpt_lea, .Lkpt_add, .Lkpt_pop, .Lkpt_ret, .Lkpt_sti\n"
    ".popsection\n");

u64 kpt_func(u64 x);
u64 kpt_helper(u64 x);
u64 kpt_recurse(u64 n);
u64 kpt_outer(u64 x);
u64 kpt_inner(u64 x);
u64 kpt_add2(u64 a, u64 b);
extern const u8 kpt_refused[];
extern const u64 kpt_sites[];
extern u64 kpt_data, kpt_data2;

enum { S_PUSH, S_MOV, S_MOVRIP, S_ADDRIP, S_CMP, S_JCC, S_CALL, S_JMP, S_LEA, S_ADD, S_POP, S_RET,
       NR_SITES, S_STI = NR_SITES };

static const struct {
	const char *what;
	u8 bytes[4]; /* the instruction starts with these (len of them) */
	u8 len;
	enum insn_class class;
	u8 hits_low, hits_high; /* hits for one call with x < 100, and one with x >= 100 */
	s8 next; /* the site that runs after it in kpt_func(99) (or 500 for the lea), or -1 */
} sites[NR_SITES] = {
	[S_PUSH] = { "push %rbp", { 0x55 }, 1, INSN_CLASS_EMULATE_PUSH, 1, 1, S_MOV },
	[S_MOV] = { "mov %rsp,%rbp", { 0x48, 0x89, 0xe5 }, 3, INSN_CLASS_EMULATE_MOV, 1, 1,
		    S_MOVRIP },
	[S_MOVRIP] = { "mov kpt_data(%rip),%rax", { 0x48, 0x8b, 0x05 }, 3, INSN_CLASS_EMULATE_MOV,
		       1, 1, S_ADDRIP },
	[S_ADDRIP] = { "add kpt_data2(%rip),%rax", { 0x48, 0x03, 0x05 }, 3, INSN_CLASS_BOOSTABLE,
		       1, 1, S_CMP },
	[S_CMP] = { "cmp $100,%rdi", { 0x48, 0x83, 0xff, 0x64 }, 4, INSN_CLASS_BOOSTABLE, 1, 1,
		    S_JCC },
	[S_JCC] = { "jae", { 0x73 }, 1, INSN_CLASS_EMULATE_JCC, 1, 1, -1 },
	[S_CALL] = { "call kpt_helper", { 0xe8 }, 1, INSN_CLASS_EMULATE_CALL, 1, 0, -1 },
	[S_JMP] = { "jmp", { 0xeb }, 1, INSN_CLASS_EMULATE_JMP, 1, 0, S_ADD },
	[S_LEA] = { "lea (%rax,%rdi,2),%rax", { 0x48, 0x8d, 0x04, 0x78 }, 4,
		    INSN_CLASS_EMULATE_LEA, 0, 1, S_ADD },
	[S_ADD] = { "add %rdi,%rax", { 0x48, 0x01, 0xf8 }, 3, INSN_CLASS_BOOSTABLE, 1, 1, S_POP },
	[S_POP] = { "pop %rbp", { 0x5d }, 1, INSN_CLASS_EMULATE_POP, 1, 1, S_RET },
	[S_RET] = { "ret", { 0xc3 }, 1, INSN_CLASS_EMULATE_RET, 1, 1, -1 },
};

static u64 expected_kpt_func(u64 x)
{
	return kpt_data + kpt_data2 + (x < 100 ? 8 * x : 3 * x);
}

/* A kprobe with what its handlers saw. */
struct probe_rec {
	struct kprobe kp;
	int pre_hits, post_hits;
	u64 pre_ip, pre_di, post_ip;
	int id;
};

static int order[8], nr_order;

static int record_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct probe_rec *r = container_of(p, struct probe_rec, kp);

	r->pre_hits++;
	r->pre_ip = regs->ip;
	r->pre_di = regs->di;
	if (nr_order < (int)ARRAY_SIZE(order))
		order[nr_order++] = r->id;
	return 0;
}
NOKPROBE_SYMBOL(record_pre);

static void record_post(struct kprobe *p, struct pt_regs *regs, unsigned long flags)
{
	struct probe_rec *r = container_of(p, struct probe_rec, kp);

	r->post_hits++;
	r->post_ip = regs->ip;
}
NOKPROBE_SYMBOL(record_post);

static u64 func_size(const void *fn)
{
	u64 size = 0;

	kallsyms_lookup((u64)fn, &size, NULL);
	return size;
}

KTEST(kprobe_test_code_is_as_written)
{
	const u8 *code = (const u8 *)kpt_func;

	KT_ASSERT(func_size(kpt_func) > 40, "kpt_func has no size in kallsyms");
	for (int i = 0; i < NR_SITES; i++) {
		const u8 *at = (const u8 *)kpt_sites[i];

		KT_ASSERT(at >= code && at < code + func_size(kpt_func), "site %d outside", i);
		KT_ASSERT(!memcmp(at, sites[i].bytes, sites[i].len), "%s: bytes %02x %02x %02x",
			  sites[i].what, at[0], at[1], at[2]);
	}
	KT_ASSERT_EQ(kpt_func(5), expected_kpt_func(5));
	KT_ASSERT_EQ(kpt_func(500), expected_kpt_func(500));
}

/* Probe one site of kpt_func by symbol+offset, with or without single-stepping. */
static void probe_one_site(struct ktest_ctx *kt, int i, u32 flags, bool post)
{
	u64 size = func_size(kpt_func), off = kpt_sites[i] - (u64)kpt_func;
	u8 before[256], after[256];
	struct probe_rec r = { .kp = { .symbol_name = "kpt_func", .offset = (unsigned int)off,
				       .pre_handler = record_pre, .flags = flags } };
	int err, expect_post;

	if (post)
		r.kp.post_handler = record_post;
	KT_ASSERT(size <= sizeof(before), "kpt_func too big");
	memcpy(before, kpt_func, size);
	err = register_kprobe(&r.kp);
	KT_ASSERT(err == 0, "%s (+%#llx): register_kprobe %d", sites[i].what, off, err);
	KT_ASSERT((u64)r.kp.addr == kpt_sites[i], "%s: addr %p", sites[i].what, r.kp.addr);
	KT_ASSERT(r.kp.site->ainsn.class == sites[i].class, "%s: class %s", sites[i].what,
		  insn_class_name(r.kp.site->ainsn.class));
	KT_ASSERT_EQ(*(const u8 *)kpt_sites[i], INT3_INSN_OPCODE);

	KT_ASSERT_EQ(kpt_func(5), expected_kpt_func(5));
	KT_ASSERT_EQ(kpt_func(500), expected_kpt_func(500));
	KT_ASSERT_EQ(kpt_func(99), expected_kpt_func(99));
	KT_ASSERT(r.pre_hits == 2 * sites[i].hits_low + sites[i].hits_high,
		  "%s: %d hits", sites[i].what, r.pre_hits);
	if (r.pre_hits) /* as after int3 on Linux: one past the probed byte */
		KT_ASSERT_EQ(r.pre_ip, kpt_sites[i] + INT3_INSN_SIZE);
	if (i == S_PUSH)
		KT_ASSERT_EQ(r.pre_di, 99);
	expect_post = post ? r.pre_hits : 0;
	KT_ASSERT(r.post_hits == expect_post, "%s: %d post hits, %d expected", sites[i].what,
		  r.post_hits, expect_post);
	/* the post-handler sees where execution goes on, after the last hit */
	if (post && sites[i].next >= 0)
		KT_ASSERT(r.post_ip == kpt_sites[sites[i].next], "%s: post-handler ip %#llx",
			  sites[i].what, r.post_ip);
	if (post && i == S_JCC)
		KT_ASSERT_EQ(r.post_ip, kpt_sites[S_JCC] + 2); /* 99 < 100: not taken */
	if (post && i == S_CALL)
		KT_ASSERT_EQ(r.post_ip, (u64)kpt_helper);
	unregister_kprobe(&r.kp);
	memcpy(after, kpt_func, size);
	KT_ASSERT(!memcmp(before, after, size), "%s: bytes not restored", sites[i].what);
	KT_ASSERT_EQ(kpt_func(7), expected_kpt_func(7));
	KT_ASSERT_EQ(r.pre_hits, 2 * sites[i].hits_low + sites[i].hits_high);
}

KTEST(kprobe_every_instruction_class)
{
	int sites_before = kprobe_nr_sites();

	for (int i = 0; i < NR_SITES && !kt->failed; i++)
		probe_one_site(kt, i, 0, false);
	KT_ASSERT_EQ(kprobe_nr_sites(), sites_before);
}

KTEST(kprobe_single_step_and_post_handlers)
{
	/* post-handlers: boostable sites are single-stepped, emulated ones are not */
	for (int i = 0; i < NR_SITES && !kt->failed; i++)
		probe_one_site(kt, i, 0, true);
	/* forced single-step wherever there is a slot (all but the relative branches) */
	for (int i = 0; i < NR_SITES && !kt->failed; i++)
		probe_one_site(kt, i, KPROBE_FLAG_SINGLESTEP, true);
}

KTEST(kprobe_post_handler_ip)
{
	struct probe_rec add = { .kp = { .addr = (u8 *)kpt_sites[S_ADDRIP],
					 .pre_handler = record_pre,
					 .post_handler = record_post } };
	struct probe_rec jcc = { .kp = { .addr = (u8 *)kpt_sites[S_JCC],
					 .pre_handler = record_pre,
					 .post_handler = record_post } };

	KT_ASSERT(register_kprobe(&add.kp) == 0 && register_kprobe(&jcc.kp) == 0, "register");
	KT_ASSERT(add.kp.site->single_step, "a post-handler on a boostable site single-steps");
	kpt_func(1);
	KT_ASSERT_EQ(add.post_ip, kpt_sites[S_CMP]); /* stepped: back in kpt_func after it */
	KT_ASSERT_EQ(jcc.post_ip, kpt_sites[S_JCC] + 2); /* not taken */
	kpt_func(100);
	KT_ASSERT_EQ(jcc.post_ip, kpt_sites[S_LEA]); /* taken */
	unregister_kprobe(&add.kp);
	unregister_kprobe(&jcc.kp);
	KT_ASSERT_EQ(*(const u8 *)kpt_sites[S_ADDRIP], 0x48);
	KT_ASSERT_EQ(*(const u8 *)kpt_sites[S_JCC], 0x73);
}

KTEST(kprobe_several_on_one_address_run_in_order)
{
	struct probe_rec r[3];
	int sites_before = kprobe_nr_sites();

	memset(r, 0, sizeof(r));
	for (int i = 0; i < 3; i++) {
		r[i].id = i + 1;
		r[i].kp.symbol_name = "kpt_helper";
		r[i].kp.pre_handler = record_pre;
		KT_ASSERT(register_kprobe(&r[i].kp) == 0, "register %d", i);
	}
	KT_ASSERT_EQ(kprobe_nr_sites(), sites_before + 1);
	KT_ASSERT(r[0].kp.site == r[2].kp.site, "one site for one address");
	nr_order = 0;
	KT_ASSERT_EQ(kpt_helper(3), 21);
	KT_ASSERT(nr_order == 3 && order[0] == 1 && order[1] == 2 && order[2] == 3,
		  "order %d: %d %d %d", nr_order, order[0], order[1], order[2]);
	unregister_kprobe(&r[1].kp);
	KT_ASSERT_EQ(*(const u8 *)kpt_helper, INT3_INSN_OPCODE);
	nr_order = 0;
	KT_ASSERT_EQ(kpt_helper(4), 28);
	KT_ASSERT(nr_order == 2 && order[0] == 1 && order[1] == 3, "after removing the middle");
	KT_ASSERT(disable_kprobe(&r[0].kp) == 0, "disable");
	nr_order = 0;
	kpt_helper(1);
	KT_ASSERT(nr_order == 1 && order[0] == 3, "a disabled probe ran");
	KT_ASSERT(disable_kprobe(&r[2].kp) == 0, "disable");
	KT_ASSERT_EQ(*(const u8 *)kpt_helper, 0x55); /* nobody enabled: disarmed */
	KT_ASSERT(enable_kprobe(&r[2].kp) == 0, "enable");
	KT_ASSERT_EQ(*(const u8 *)kpt_helper, INT3_INSN_OPCODE);
	unregister_kprobe(&r[0].kp);
	unregister_kprobe(&r[2].kp);
	KT_ASSERT_EQ(*(const u8 *)kpt_helper, 0x55);
	KT_ASSERT_EQ(kprobe_nr_sites(), sites_before);
}

/* ---- nested hits ---- */

static struct probe_rec inner_probe;
static u64 nested_result;

static int calls_probed_functions(struct kprobe *p, struct pt_regs *regs)
{
	record_pre(p, regs);
	nested_result = kpt_helper(6) + kpt_func(200); /* both probed: skipped, counted */
	return 0;
}
NOKPROBE_SYMBOL(calls_probed_functions);

KTEST(kprobe_hit_from_a_handler_is_missed)
{
	struct probe_rec outer = { .kp = { .symbol_name = "kpt_func",
					   .pre_handler = calls_probed_functions } };

	memset(&inner_probe, 0, sizeof(inner_probe));
	inner_probe.kp.symbol_name = "kpt_helper";
	inner_probe.kp.pre_handler = record_pre;
	KT_ASSERT(register_kprobe(&outer.kp) == 0, "register outer");
	KT_ASSERT(register_kprobe(&inner_probe.kp) == 0, "register inner");
	KT_ASSERT_EQ(kpt_func(300), expected_kpt_func(300)); /* x >= 100: no call to kpt_helper */
	KT_ASSERT_EQ(nested_result, 42 + expected_kpt_func(200));
	KT_ASSERT_EQ(outer.pre_hits, 1);
	KT_ASSERT_EQ(outer.kp.nmissed, 1); /* kpt_func(200) from its own handler */
	KT_ASSERT_EQ(inner_probe.pre_hits, 0);
	KT_ASSERT_EQ(inner_probe.kp.nmissed, 1);
	KT_ASSERT_EQ(kpt_helper(2), 14); /* not from a handler: runs */
	KT_ASSERT_EQ(inner_probe.pre_hits, 1);
	unregister_kprobe(&outer.kp);
	unregister_kprobe(&inner_probe.kp);
}

/* ---- kretprobes ---- */

static u64 ret_values[8], ret_func, ret_ip;
static int nr_ret;

static int record_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	if (nr_ret < (int)ARRAY_SIZE(ret_values))
		ret_values[nr_ret++] = regs->ax;
	ret_func = ri->func;
	ret_ip = regs->ip;
	return 0;
}
NOKPROBE_SYMBOL(record_return);

static __attribute__((noinline)) u64 call_kpt_func(u64 x)
{
	u64 v = kpt_func(x);

	asm volatile("" : "+r"(v)); /* not a tail call: the return lands here */
	return v;
}

KTEST(kretprobe_sees_return_values)
{
	struct kretprobe rp = { .kp = { .symbol_name = "kpt_func" }, .handler = record_return };
	u8 first = *(const u8 *)kpt_func;

	nr_ret = 0;
	KT_ASSERT(register_kretprobe(&rp) == 0, "register_kretprobe");
	KT_ASSERT_EQ(call_kpt_func(9), expected_kpt_func(9));
	KT_ASSERT_EQ(call_kpt_func(900), expected_kpt_func(900));
	KT_ASSERT_EQ(nr_ret, 2);
	KT_ASSERT_EQ(ret_values[0], expected_kpt_func(9));
	KT_ASSERT_EQ(ret_values[1], expected_kpt_func(900));
	KT_ASSERT_EQ(ret_func, (u64)kpt_func);
	KT_ASSERT(ret_ip > (u64)call_kpt_func && ret_ip < (u64)call_kpt_func + 64,
		  "regs->ip %pS is not the caller", (void *)ret_ip);
	KT_ASSERT_EQ(rp.nmissed, 0);
	unregister_kretprobe(&rp);
	KT_ASSERT_EQ(*(const u8 *)kpt_func, first);
	KT_ASSERT_EQ(call_kpt_func(9), expected_kpt_func(9));
	KT_ASSERT_EQ(nr_ret, 2);
}

KTEST(kretprobe_maxactive_and_nmissed)
{
	struct kretprobe rp = { .kp = { .symbol_name = "kpt_recurse" },
				.handler = record_return,
				.maxactive = 2 };

	nr_ret = 0;
	KT_ASSERT(register_kretprobe(&rp) == 0, "register_kretprobe");
	KT_ASSERT_EQ(kpt_recurse(4), 4); /* five calls deep, two instances */
	KT_ASSERT_EQ(nr_ret, 2);
	KT_ASSERT(ret_values[0] == 3 && ret_values[1] == 4, "returns %llu %llu", ret_values[0],
		  ret_values[1]);
	KT_ASSERT_EQ(rp.nmissed, 3);
	nr_ret = 0;
	KT_ASSERT_EQ(kpt_recurse(1), 1); /* the instances came back */
	KT_ASSERT(nr_ret == 2 && ret_values[0] == 0 && ret_values[1] == 1, "second run");
	unregister_kretprobe(&rp);
	rp.maxactive = 0;
	nr_ret = 0;
	KT_ASSERT(register_kretprobe(&rp) == 0, "register again");
	KT_ASSERT_EQ(kpt_recurse(5), 5);
	KT_ASSERT_EQ(nr_ret, 6);
	for (int i = 0; i < 6; i++)
		KT_ASSERT_EQ(ret_values[i], (u64)i);
	unregister_kretprobe(&rp);
}

/* Backtraces from inside kretprobe'd code name the real caller. */
static u64 inner_stack[8];
static int inner_depth;
static char trace_text[2048];

static int take_stack(struct kprobe *p, struct pt_regs *regs)
{
	inner_depth = bpf_env_get_stack(regs, inner_stack, ARRAY_SIZE(inner_stack), 0, false);
	return 0;
}
NOKPROBE_SYMBOL(take_stack);

static int dump_from_handler(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	u64 bp;

	asm volatile("mov %%rbp, %0" : "=r"(bp));
	dump_backtrace(regs->ip, bp);
	return record_return(ri, regs);
}
NOKPROBE_SYMBOL(dump_from_handler);

static __attribute__((noinline)) u64 call_kpt_outer(u64 x)
{
	u64 v = kpt_outer(x);

	asm volatile("" : "+r"(v));
	return v;
}

KTEST(kretprobe_backtraces_show_the_caller)
{
	struct kretprobe rp = { .kp = { .symbol_name = "kpt_outer" },
				.handler = dump_from_handler };
	struct kprobe inner = { .symbol_name = "kpt_inner", .pre_handler = take_stack };
	const char *name, *text;
	size_t n;

	KT_ASSERT(register_kretprobe(&rp) == 0, "register_kretprobe");
	KT_ASSERT(register_kprobe(&inner) == 0, "register_kprobe");
	printk("ktest: the backtrace below is expected\n");
	nr_ret = 0;
	KT_ASSERT_EQ(call_kpt_outer(41), 42);
	unregister_kprobe(&inner);
	unregister_kretprobe(&rp);
	KT_ASSERT_EQ(nr_ret, 1);
	/* bpf_get_stack's unwinder, from kpt_inner's entry: kpt_inner, then kpt_outer's return
	 * address, which was the trampoline while the call ran */
	KT_ASSERT(inner_depth >= 2, "stack depth %d", inner_depth);
	KT_ASSERT_EQ(inner_stack[1], ret_ip);
	name = kallsyms_lookup(inner_stack[1], NULL, NULL);
	KT_ASSERT(name && !strncmp(name, "call_kpt_outer", 14), "frame 1 is %s", name ? name : "?");
	/* dump_backtrace from the kretprobe handler */
	n = printk_log_read(trace_text, sizeof(trace_text) - 1);
	trace_text[n] = '\0';
	text = strstr(trace_text, "the backtrace below is expected");
	KT_ASSERT(text, "no backtrace in the log");
	/* regs->ip (already the caller), then the caller again where the trampoline was */
	KT_ASSERT(strstr(text, "] call_kpt_outer") &&
			  strstr(strstr(text, "] call_kpt_outer") + 1, "] call_kpt_outer"),
		  "the caller is not twice in the backtrace");
	KT_ASSERT(!strstr(text, "kretprobe_trampoline+"), "the trampoline is in the backtrace");
}

/* ---- refusals ---- */

extern const struct {
	u64 insn, fixup;
} __ex_table_start[];

static void expect_refused(struct ktest_ctx *kt, struct kprobe *p, int err, const char *what)
{
	int sites_before = kprobe_nr_sites(), got = register_kprobe(p);

	if (!got)
		unregister_kprobe(p);
	KT_ASSERT(got == err, "%s: %d, expected %d", what, got, err);
	KT_ASSERT(p->site == NULL, "%s: left registered", what);
	KT_ASSERT_EQ(kprobe_nr_sites(), sites_before);
}

KTEST(kprobe_refuses_bad_addresses)
{
	u8 before[256];
	u64 size = func_size(kpt_func), tick_site;
	struct kprobe p;
	struct kretprobe rp;

	memcpy(before, kpt_func, size);
	p = (struct kprobe){ .symbol_name = "kpt_func",
			     .offset = (unsigned int)(kpt_sites[S_MOV] - (u64)kpt_func + 1) };
	expect_refused(kt, &p, -EILSEQ, "inside mov %rsp,%rbp");
	p = (struct kprobe){ .symbol_name = "kpt_func",
			     .offset = (unsigned int)(kpt_sites[S_MOVRIP] - (u64)kpt_func + 3) };
	expect_refused(kt, &p, -EILSEQ, "inside the RIP-relative mov");
	p = (struct kprobe){ .symbol_name = "no_such_function_anywhere" };
	expect_refused(kt, &p, -ENOENT, "unknown symbol");
	p = (struct kprobe){ .symbol_name = "trap_dispatch" };
	expect_refused(kt, &p, -EINVAL, "trap_dispatch (blacklisted)");
	p = (struct kprobe){ .symbol_name = "kprobe_int3_handler" };
	expect_refused(kt, &p, -EINVAL, "kprobe_int3_handler (blacklisted)");
	p = (struct kprobe){ .symbol_name = "trap_common" };
	expect_refused(kt, &p, -EINVAL, "trap_common (entry code)");
	p = (struct kprobe){ .symbol_name = "text_poke" };
	expect_refused(kt, &p, -EINVAL, "text_poke");
	p = (struct kprobe){ .symbol_name = "kretprobe_trampoline" };
	expect_refused(kt, &p, -EINVAL, "the trampoline");
	p = (struct kprobe){ .addr = (u8 *)&kpt_data };
	expect_refused(kt, &p, -EINVAL, "data");
	p = (struct kprobe){ .addr = (u8 *)kpt_sites[S_STI] };
	expect_refused(kt, &p, -EINVAL, "sti");
	p = (struct kprobe){ .addr = (u8 *)__ex_table_start[0].insn };
	expect_refused(kt, &p, -EINVAL, "an instruction with a fix-up");
	KT_ASSERT(static_key_sites(&event_tick.key, &tick_site, 1) == 1, "no tick site");
	p = (struct kprobe){ .addr = (u8 *)tick_site };
	expect_refused(kt, &p, -EBUSY, "a static-key site");
	p = (struct kprobe){ .symbol_name = "kpt_func", .addr = (u8 *)kpt_func };
	expect_refused(kt, &p, -EINVAL, "both a symbol and an address");
	p = (struct kprobe){ 0 };
	expect_refused(kt, &p, -EINVAL, "neither a symbol nor an address");

	p = (struct kprobe){ .symbol_name = "kpt_func" };
	KT_ASSERT(register_kprobe(&p) == 0, "a good probe");
	KT_ASSERT(register_kprobe(&p) == -EEXIST, "the same probe twice");
	unregister_kprobe(&p);
	unregister_kprobe(&p); /* twice: harmless */

	rp = (struct kretprobe){ .kp = { .symbol_name = "kpt_func", .offset = 1 },
				 .handler = record_return };
	KT_ASSERT(register_kretprobe(&rp) == -EINVAL, "a kretprobe at an offset");
	rp = (struct kretprobe){ .kp = { .addr = (u8 *)kpt_sites[S_MOV] },
				 .handler = record_return };
	KT_ASSERT(register_kretprobe(&rp) == -EINVAL, "a kretprobe inside a function");
	rp = (struct kretprobe){ .kp = { .symbol_name = "nope_nope" }, .handler = record_return };
	KT_ASSERT(register_kretprobe(&rp) == -ENOENT, "a kretprobe on an unknown symbol");
	KT_ASSERT(!memcmp(before, kpt_func, size), "kpt_func changed");
	KT_ASSERT(kprobe_check_address((u64)kpt_refused, NULL) == 0, "cli is probeable");
}

/* ---- kprobe events ---- */

static long read_file(const char *path, char *buf, size_t size)
{
	struct file *f;
	long n, total = 0;
	int err = vfs_open(NULL, path, O_RDONLY, 0, &f);

	if (err)
		return err;
	while (total < (long)size - 1 && (n = file_read(f, buf + total, size - 1 - total)) > 0)
		total += n;
	buf[total] = '\0';
	file_put(f);
	return total;
}

static char page[8192];

KTEST(kprobe_events_parser)
{
	static const struct {
		const char *line;
		int err;
	} bad[] = {
		{ "x:kt_bad kpt_func", -EINVAL },		 /* unknown command */
		{ "p:kt_bad", -EINVAL },			 /* no probe point */
		{ "p:kt_bad kpt_func+2", -EINVAL },		 /* inside an instruction */
		{ "p:kt_bad no_such_symbol_here", -EINVAL },	 /* unknown symbol */
		{ "p:kt_bad trap_dispatch", -EINVAL },		 /* blacklisted */
		{ "p:kt_bad kpt_func %nosuch", -EINVAL },	 /* unknown register */
		{ "p:kt_bad kpt_func $retval", -EINVAL },	 /* $retval on an entry */
		{ "r:kt_bad kpt_func $arg1", -EINVAL },		 /* $argN on a return */
		{ "r:kt_bad kpt_func+4", -EINVAL },		 /* return probe inside */
		{ "p:kt_bad kpt_func x=%di:u128", -EINVAL },	 /* unknown type */
		{ "p:kt_bad kpt_func x=%di y=%si x=%dx", -EINVAL }, /* duplicate name */
		{ "p:kt_bad kpt_func +8(%di", -EINVAL },	 /* unbalanced */
		{ "p:9bad kpt_func", -EINVAL },			 /* bad event name */
		{ "p:a/b/c kpt_func", -EINVAL },		 /* bad group/event */
		{ "p5:kt_bad kpt_func", -EINVAL },		 /* MAXACTIVE on p */
		{ "r0:kt_bad kpt_func", -EINVAL },		 /* MAXACTIVE 0 */
		{ "p:kt_bad kpt_func +1(+2(+3(+4(+5(%di))))):u8", -EINVAL }, /* too deep */
		{ "-:no_such_event", -ENOENT },
		{ "-:kt_bad extra", -EINVAL },
		{ "p:sched/sched_switch kpt_func", -EEXIST }, /* a tracepoint's name */
	};
	int sites_before = kprobe_nr_sites();
	struct trace_event *ev;
	struct seq_buf s = { page, sizeof(page), 0 };
	char line[128];

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		int err = trace_kprobe_run_command(bad[i].line);

		KT_ASSERT(err == bad[i].err, "'%s': %d, expected %d", bad[i].line, err, bad[i].err);
		KT_ASSERT(!trace_event_by_name("kprobes", "kt_bad"), "'%s' made an event",
			  bad[i].line);
	}
	KT_ASSERT_EQ(kprobe_nr_sites(), sites_before);
	KT_ASSERT(trace_kprobe_run_command("# a comment") == 0, "comment");
	KT_ASSERT(trace_kprobe_run_command("p:kt_ev kpt_func x=$arg1:u64 @kpt_data:s32 "
					   "m=+0(%sp):x64 c=$comm n=\\42:u8") == 0,
		  "a good definition");
	KT_ASSERT(trace_kprobe_run_command("p:kt_ev kpt_helper") == -EEXIST, "same name twice");
	KT_ASSERT(trace_kprobe_run_command("r8:mygroup/kt_ret kpt_func v=$retval:s64") == 0,
		  "a return probe");
	ev = trace_event_by_name("kprobes", "kt_ev");
	KT_ASSERT(ev && ev->is_kprobe, "kprobes/kt_ev is not an event");
	KT_ASSERT_EQ(*(const u8 *)kpt_func, 0x55); /* defined, not armed */
	trace_event_show_format(&s, ev);
	KT_ASSERT(strstr(page, "field:unsigned long __probe_ip;\toffset:8;\tsize:8;\tsigned:0;"),
		  "format: %s", page);
	KT_ASSERT(strstr(page, "field:u64 x;\toffset:16;\tsize:8;\tsigned:0;"), "x field");
	KT_ASSERT(strstr(page, "field:s32 arg2;\toffset:24;\tsize:4;\tsigned:1;"), "arg2 field");
	KT_ASSERT(strstr(page, "field:__data_loc char[] c;\toffset:40;\tsize:4;\tsigned:1;"),
		  "c field");
	KT_ASSERT(strstr(page, "print fmt: \"(%lx) x=%Lu arg2=%d m=0x%Lx c=\\\"%s\\\" n=%u\", "
			       "REC->__probe_ip, REC->x, REC->arg2, REC->m, __get_str(c), REC->n"),
		  "print fmt: %s", strstr(page, "print fmt"));
	KT_ASSERT(read_file("/sys/kernel/tracing/kprobe_events", page, sizeof(page)) > 0, "read");
	KT_ASSERT(strstr(page, "p:kprobes/kt_ev kpt_func x=$arg1:u64 arg2=@kpt_data:s32 "
			       "m=+0(%sp):x64 c=$comm n=\\42:u8\n"),
		  "kprobe_events: %s", page);
	KT_ASSERT(strstr(page, "r8:mygroup/kt_ret kpt_func v=$retval:s64\n"), "kprobe_events r");
	KT_ASSERT(read_file("/sys/kernel/tracing/events/mygroup/kt_ret/id", page, 16) > 0, "id");

	trace_buffer_reset();
	trace_event_set_enabled(ev, true);
	trace_event_set_enabled(trace_event_by_name("mygroup", "kt_ret"), true);
	KT_ASSERT_EQ(*(const u8 *)kpt_func, INT3_INSN_OPCODE);
	KT_ASSERT_EQ(call_kpt_func(77), expected_kpt_func(77));
	KT_ASSERT(trace_kprobe_run_command("-:kt_ev") == -EBUSY, "removed while enabled");
	KT_ASSERT(trace_kprobe_release_all() == -EBUSY, "released while enabled");
	trace_event_set_enabled(ev, false);
	trace_event_set_enabled(trace_event_by_name("mygroup", "kt_ret"), false);
	KT_ASSERT_EQ(*(const u8 *)kpt_func, 0x55);
	KT_ASSERT(read_file("/sys/kernel/tracing/trace", page, sizeof(page)) > 0, "read trace");
	KT_ASSERT(strstr(page, "kt_ev: (kpt_func+0x0/0x") &&
			  strstr(page, ") x=77 arg2=1000 m=0x") && strstr(page, " n=42\n"),
		  "trace: %s", page);
	KT_ASSERT(strstr(page, "kt_ret: (call_kpt_func+0x") &&
			  strstr(page, " <- kpt_func) v=21616"),
		  "trace: %s", page);
	KT_ASSERT(read_file("/sys/kernel/tracing/kprobe_profile", page, sizeof(page)) > 0, "prof");
	snprintf(line, sizeof(line), "  %-44s %15d %15d\n", "kt_ev", 1, 0);
	KT_ASSERT(strstr(page, line), "kprobe_profile: %s", page);
	KT_ASSERT(trace_kprobe_run_command("-:kt_ev") == 0, "remove kt_ev");
	KT_ASSERT(!trace_event_by_name("kprobes", "kt_ev"), "kt_ev still there");
	KT_ASSERT(trace_kprobe_run_command("-:mygroup/kt_ret") == 0, "remove kt_ret");
	KT_ASSERT(read_file("/sys/kernel/tracing/events/mygroup/kt_ret/id", page, 16) < 0,
		  "tracefs files left");
	KT_ASSERT_EQ(kprobe_nr_sites(), sites_before);
	trace_buffer_reset();
}

/* ctx->si = ctx->di + 1: run at kpt_add2's entry, kpt_add2(a, b) returns 2a + 1 */
static const struct bpf_insn set_si_prog[] = {
	{ BPF_LDX | BPF_MEM | BPF_DW, 2, 1, offsetof(struct pt_regs, di), 0 },
	{ BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, 1 },
	{ BPF_STX | BPF_MEM | BPF_DW, 1, 2, offsetof(struct pt_regs, si), 0 },
	{ BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0 },
	{ BPF_JMP | BPF_EXIT, 0, 0, 0, 0 },
};

KTEST(kprobe_event_runs_programs_on_pt_regs)
{
	struct bpf_prog *prog = bpf_prog_alloc(set_si_prog, ARRAY_SIZE(set_si_prog));
	struct trace_event *ev;
	int saved = bpf_jit_enable;

	KT_ASSERT(prog, "bpf_prog_alloc");
	bpf_jit_enable = 1;
	KT_ASSERT(bpf_prog_select_runtime(prog) == 0 && prog->jited, "JIT");
	bpf_jit_enable = saved;
	KT_ASSERT(trace_kprobe_run_command("p:kt_bpf kpt_add2") == 0, "define");
	ev = trace_event_by_name("kprobes", "kt_bpf");
	KT_ASSERT(ev, "no event");
	KT_ASSERT_EQ(kpt_add2(10, 0), 10);
	KT_ASSERT(trace_event_attach_prog(ev, prog, false, 0) == 0, "attach");
	KT_ASSERT_EQ(*(const u8 *)kpt_add2, INT3_INSN_OPCODE);
	KT_ASSERT_EQ(kpt_add2(10, 0), 21);
	KT_ASSERT_EQ(kpt_add2(3, 1000), 7);
	KT_ASSERT(trace_event_detach_prog(ev, prog) == 0, "detach");
	KT_ASSERT_EQ(*(const u8 *)kpt_add2, 0x55); /* the last program left: disarmed */
	KT_ASSERT_EQ(kpt_add2(10, 0), 10);
	KT_ASSERT(trace_kprobe_run_command("-:kt_bpf") == 0, "remove");
	bpf_prog_free(prog);
}

/* ---- every function at once ---- */

struct stress_probe {
	struct kprobe kp;
	u64 hits;
	u8 first;
};

static u64 stress_total;

static int stress_pre(struct kprobe *p, struct pt_regs *regs)
{
	container_of(p, struct stress_probe, kp)->hits++;
	stress_total++;
	return 0;
}
NOKPROBE_SYMBOL(stress_pre);

static void stress_workload(void)
{
	char buf[256];
	u64 t0;

	for (int i = 0; i < 200; i++)
		kpt_func(i);
	for (int i = 0; i < 20; i++)
		kfree(kmalloc(64 + i * 100));
	read_file("/proc/meminfo", page, sizeof(page));
	read_file("/sys/kernel/tracing/available_events", page, sizeof(page));
	snprintf(buf, sizeof(buf), "%d %s %llx", 42, "workload", 0xabcull);
	kallsyms_format((u64)kpt_func + 3, buf, sizeof(buf));
	printk("ktest: kprobes stress: a line printed with every function probed\n");
	t0 = ktime_get_ns();
	while (ktime_get_ns() - t0 < 20000000ull) /* 20 ticks: the interrupt path, probed */
		hlt();
}

KTEST(kprobes_stress_every_function)
{
	u64 n = kallsyms_count(), nr = 0, armed = 0, missed = 0, sum = 0, kpt_hits = 0;
	int sites_before = kprobe_nr_sites();
	struct stress_probe *probes;

	for (u64 i = 0; i < n; i++) {
		const char *name;
		u64 addr, size;
		char type;

		kallsyms_get(i, &name, &addr, &size, &type);
		nr += kprobe_function_listed(addr, size, type);
	}
	KT_ASSERT(nr > 300, "only %llu functions listed", nr);
	probes = kzalloc(nr * sizeof(*probes));
	KT_ASSERT(probes, "no memory");
	nr = 0;
	for (u64 i = 0; i < n; i++) {
		const char *name;
		u64 addr, size;
		char type;

		kallsyms_get(i, &name, &addr, &size, &type);
		if (!kprobe_function_listed(addr, size, type))
			continue;
		probes[nr].kp.addr = (u8 *)addr;
		probes[nr].first = *(const u8 *)addr;
		probes[nr].kp.pre_handler = stress_pre;
		nr++;
	}
	stress_total = 0;
	for (u64 i = 0; i < nr; i++) {
		int err = register_kprobe(&probes[i].kp);

		if (err)
			printk("ktest: kprobes stress: %pS refused (%d)\n", probes[i].kp.addr, err);
		armed += err == 0;
	}
	stress_workload();
	for (u64 i = 0; i < nr; i++) /* unregistering runs probed code: count afterwards */
		unregister_kprobe(&probes[i].kp);
	for (u64 i = 0; i < nr; i++) {
		if (probes[i].kp.addr == (u8 *)kpt_func)
			kpt_hits = probes[i].hits;
		sum += probes[i].hits;
		missed += probes[i].kp.nmissed;
	}
	printk("ktest: kprobes stress: %llu probes armed, %llu hits, %llu missed\n", armed,
	       stress_total, missed);
	for (u64 i = 0; i < nr; i++) {
		if (*(const u8 *)probes[i].kp.addr != probes[i].first) {
			u8 *at = probes[i].kp.addr;

			kfree(probes);
			KT_ASSERT(0, "%pS: first byte %#x not restored", at, *at);
		}
	}
	kfree(probes);
	KT_ASSERT(armed == nr, "%llu of %llu listed functions refused", nr - armed, nr);
	KT_ASSERT_EQ(kprobe_nr_sites(), sites_before);
	KT_ASSERT_EQ(sum, stress_total);
	KT_ASSERT_EQ(kpt_hits, 200);
	KT_ASSERT_EQ(missed, 0); /* the handler calls nothing: no hit can nest */
	KT_ASSERT(stress_total > 1000, "only %llu hits", stress_total);
	KT_ASSERT_EQ(kpt_func(3), expected_kpt_func(3));
}
