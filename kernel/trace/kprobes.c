/*
 * kernel/trace/kprobes.c - registering kprobes and kretprobes, and what happens when one hits.
 *
 * Registration (process context):
 *   symbol+offset -> address (kallsyms) -> kprobe_check_address: in kernel text, in a known
 *   function, not blacklisted, on an instruction boundary (decoding the function from its start,
 *   with the bytes other probes replaced put back), no exception-table fix-up, not a static-key
 *   site, an instruction kprobes can run -> a site (one per address, shared by every probe on
 *   it): the decoded instruction and its slot (kernel/arch/x86/kprobes.c) -> arm: int3 over the
 *   first byte. Everything that can fail is checked before the one-byte patch, so a refused
 *   probe leaves the text as it was; unregistering the last probe puts the saved byte back.
 *
 * A hit (kprobe_int3_handler, on the #BP IST stack, interrupts off):
 *
 *   int3 at addr -> trap_dispatch -> kprobe_int3_handler(regs, regs->ip = addr + 1)
 *     site = get_kprobe_site(addr)              not ours: let the next handler try
 *     a handler already running?  -> count nmissed, execute the instruction, return
 *     ist_shift: a nested int3 now starts below this frame
 *     pre-handlers of the site's enabled probes, in registration order
 *     arch_kprobe_execute: emulated / boosted (slot + jmp back) / single-step (TF)
 *     post-handlers (for a single-step: in kprobe_debug_handler, after the debug trap)
 *     ist_unshift, iretq
 *
 * kretprobes put a kprobe on the function's entry whose pre-handler takes a preallocated
 * instance, saves the return address and swaps it for kretprobe_trampoline. The trampoline
 * (kernel/arch/x86/kretprobe_trampoline.S) builds a pt_regs and calls
 * kretprobe_trampoline_handler, which finds the instance by the stack address the return
 * address lived at, runs the handler and returns to the real caller. Instances are found by
 * stack address rather than by task: each task has its own kernel stack, and a slot reused by a
 * new call means the old call is gone (its task exited), so that instance is taken back.
 *
 * One CPU and no preemption in kernel mode: nothing else runs in the middle of a registration
 * except interrupts, which are turned off around the few stores the int3 path reads. A context
 * that was executing a slot when an interrupt came resumes it before anything can unregister
 * its probe, so a slot freed at unregistration is never in use (Linux waits for an RCU grace
 * period for the same guarantee).
 *
 * Every function here is NOKPROBE_SYMBOL: a probe inside the machinery that handles probes
 * would at best be missed, at worst (before kprobe_int3_handler knows it is nested) recurse.
 *
 * Read next: kernel/arch/x86/kprobes.c, then kernel/trace/trace_kprobe.c.
 */
#include "kernel/trace/kprobes.h"
#include "kernel/trace/static_key.h"
#include "kernel/arch/x86/trap.h"
#include "kernel/arch/x86/gdt.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/kallsyms.h"
#include "kernel/printk.h"
#include "kernel/mm/mm.h"
#include "kernel/lib/string.h"

#define KPROBE_TABLE_SIZE 256
#define KPROBE_IST_SHIFT (IST_STACK_SIZE / 2) /* the outer handler's share of an IST stack */
#define KRETPROBE_MAXACTIVE_DEFAULT 16
#define KRETPROBE_MAXACTIVE_MAX 4096

enum kprobe_status {
	KPROBE_IDLE = 0,
	KPROBE_HIT_ACTIVE, /* handlers running, or the instruction being emulated */
	KPROBE_HIT_SS,	   /* the instruction is being single-stepped; post-handlers follow */
	KPROBE_REENTER,	   /* a nested hit, while an outer one is KPROBE_HIT_ACTIVE */
};

/* What the int3, debug and trampoline handlers share (Linux's per-CPU kprobe_ctlblk). */
struct kprobe_state {
	int status;
	struct kprobe_site *site;      /* the site being handled or stepped */
	struct kprobe *cur;	       /* the probe whose handler runs ("current kprobe") */
	struct pt_regs *regs;	       /* the registers it sees */
	struct kretprobe_instance *ri; /* the instance whose handler runs */
	u64 saved_flags;	       /* TF and IF before a single-step */
};

static struct kprobe_state kcb;
static struct kprobe_state kcb_outer; /* the outer hit, while a nested one is handled */
static struct kprobe_site *kprobe_table[KPROBE_TABLE_SIZE];
static struct kretprobe_instance *live_instances; /* watched calls not yet returned */
static int nr_sites;

struct addr_range {
	u64 start, end;
};
static struct addr_range *blacklist;
static int nr_blacklist;

extern const void *const __nokprobe_start[], *const __nokprobe_end[];
extern const struct jump_entry __jump_table_start[], __jump_table_end[];

/*
 * Assembly has no NOKPROBE_SYMBOL: the entry code is listed here by name (a trailing '*'
 * matches a prefix). It runs on the wrong stack or with the user's GS base, or is the return
 * path of the trap that would handle the probe.
 */
static const char *const asm_blacklist[] = {
	"trap_stub_*",	  "trap_common",    "trap_return",	    "syscall_entry",
	"switch_to",	  "ret_from_fork",  "kernel_setjmp",	    "kernel_longjmp",
	"kretprobe_trampoline",
};

static u32 hash_addr(u64 addr)
{
	return (u32)((addr ^ (addr >> 8) ^ (addr >> 16)) % KPROBE_TABLE_SIZE);
}
NOKPROBE_SYMBOL(hash_addr);

static struct kprobe_site *get_kprobe_site(u64 addr)
{
	for (struct kprobe_site *s = kprobe_table[hash_addr(addr)]; s; s = s->hnext)
		if (s->addr == addr)
			return s;
	return NULL;
}
NOKPROBE_SYMBOL(get_kprobe_site);

static bool kprobe_enabled(const struct kprobe *p)
{
	return !(p->flags & KPROBE_FLAG_DISABLED);
}
NOKPROBE_SYMBOL(kprobe_enabled);

int kprobe_nr_sites(void)
{
	return nr_sites;
}
NOKPROBE_SYMBOL(kprobe_nr_sites);

void kprobe_read_original(u64 addr, u8 *buf, size_t len)
{
	memcpy(buf, (const void *)addr, len);
	for (size_t i = 0; i < len; i++) {
		struct kprobe_site *s;

		if (buf[i] == INT3_INSN_OPCODE && (s = get_kprobe_site(addr + i)) && s->armed)
			buf[i] = s->ainsn.opcode;
	}
}
NOKPROBE_SYMBOL(kprobe_read_original);

/* ---- the blacklist ---- */

static void blacklist_add(u64 addr)
{
	u64 size = 0, offset = 0;

	if (!kallsyms_lookup(addr, &size, &offset) || !size) {
		offset = 0;
		size = 1;
	}
	blacklist[nr_blacklist].start = addr - offset;
	blacklist[nr_blacklist].end = addr - offset + size;
	nr_blacklist++;
}
NOKPROBE_SYMBOL(blacklist_add);

static bool asm_blacklisted(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(asm_blacklist); i++) {
		const char *b = asm_blacklist[i];
		size_t n = strlen(b);

		if (b[n - 1] == '*' ? !strncmp(b, name, n - 1) : !strcmp(b, name))
			return true;
	}
	return false;
}
NOKPROBE_SYMBOL(asm_blacklisted);

static void read_blacklist(void)
{
	u64 n = __nokprobe_end - __nokprobe_start, nsyms = kallsyms_count();

	for (u64 i = 0; i < nsyms; i++) {
		const char *name;
		u64 addr, size;
		char type;

		kallsyms_get(i, &name, &addr, &size, &type);
		if ((type == 't' || type == 'T') && asm_blacklisted(name))
			n++;
	}
	blacklist = kmalloc((n ? n : 1) * sizeof(*blacklist));
	if (!blacklist)
		panic("kprobes: no memory for the blacklist");
	for (const void *const *e = __nokprobe_start; e < __nokprobe_end; e++)
		blacklist_add((u64)*e);
	for (u64 i = 0; i < nsyms; i++) {
		const char *name;
		u64 addr, size;
		char type;

		kallsyms_get(i, &name, &addr, &size, &type);
		if ((type == 't' || type == 'T') && asm_blacklisted(name))
			blacklist_add(addr);
	}
}
NOKPROBE_SYMBOL(read_blacklist);

bool within_kprobe_blacklist(u64 addr)
{
	for (int i = 0; i < nr_blacklist; i++)
		if (addr >= blacklist[i].start && addr < blacklist[i].end)
			return true;
	return false;
}
NOKPROBE_SYMBOL(within_kprobe_blacklist);

/* ---- where a probe may go ---- */

static bool in_kernel_text(u64 addr)
{
	return addr >= (u64)_text && addr < (u64)_etext;
}
NOKPROBE_SYMBOL(in_kernel_text);

/* Does [addr, addr + len) overlap the 5 bytes of a static-key site? Those bytes belong to
 * static_key.c, which rewrites them without knowing about an int3. */
static bool jump_label_reserved(u64 addr, u64 len)
{
	for (const struct jump_entry *e = __jump_table_start; e < __jump_table_end; e++)
		if (addr < e->code + 5 && e->code < addr + len)
			return true;
	return false;
}
NOKPROBE_SYMBOL(jump_label_reserved);

int kprobe_check_address(u64 addr, const char **why)
{
	const char *dummy, *name;
	u64 size, offset;
	struct insn insn;
	u8 code[INSN_MAX_LEN];
	u8 *func;
	int err;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (!in_kernel_text(addr)) {
		*why = "not in kernel text";
		return -EINVAL;
	}
	name = kallsyms_lookup(addr, &size, &offset);
	if (!name) {
		*why = "not in a known function";
		return -EINVAL;
	}
	if (within_kprobe_blacklist(addr)) {
		*why = "the function is on the kprobe blacklist (entry code, kprobes, "
		       "NOKPROBE_SYMBOL)";
		return -EINVAL;
	}
	if (offset) { /* decode from the function's start, as it is without any int3 of ours */
		func = kmalloc(size);
		if (!func)
			return -ENOMEM;
		kprobe_read_original(addr - offset, func, size);
		err = insn_check_boundary(func, size, offset, why, NULL);
		kfree(func);
		if (err)
			return -EILSEQ;
	}
	if (search_exception_tables(addr)) {
		*why = "the instruction has an exception-table fix-up";
		return -EINVAL;
	}
	kprobe_read_original(addr, code, MIN((u64)sizeof(code), size - offset));
	if (insn_decode(&insn, code, MIN((u64)sizeof(code), size - offset))) {
		*why = insn.error;
		return -EILSEQ;
	}
	if (insn_classify(&insn, why) == INSN_CLASS_UNPROBEABLE)
		return -EINVAL;
	if (jump_label_reserved(addr, insn.length)) {
		*why = "the instruction is part of a static-key site";
		return -EBUSY;
	}
	return 0;
}
NOKPROBE_SYMBOL(kprobe_check_address);

bool kprobe_function_listed(u64 addr, u64 size, char type)
{
	return (type == 't' || type == 'T') && size && in_kernel_text(addr) &&
	       kprobe_check_address(addr, NULL) == 0;
}
NOKPROBE_SYMBOL(kprobe_function_listed);

/* ---- registration ---- */

static int resolve_address(struct kprobe *p, u64 *addr)
{
	u64 sym;

	if (p->symbol_name && p->addr)
		return -EINVAL; /* one or the other */
	if (!p->symbol_name) {
		if (!p->addr)
			return -EINVAL;
		*addr = (u64)p->addr;
		return 0;
	}
	sym = kallsyms_lookup_name(p->symbol_name);
	if (!sym) {
		printk(KERN_WARNING "kprobe: unknown symbol '%s'\n", p->symbol_name);
		return -ENOENT;
	}
	*addr = sym + p->offset;
	return 0;
}
NOKPROBE_SYMBOL(resolve_address);

static void warn_refused(const struct kprobe *p, u64 addr, int err, const char *why)
{
	char where[96];

	kallsyms_format(addr, where, sizeof(where));
	printk(KERN_WARNING "kprobe: cannot probe %s (%#llx): %s (error %d)\n", where, addr,
	       why ? why : "refused", err);
}
NOKPROBE_SYMBOL(warn_refused);

static int update_arming(struct kprobe_site *site)
{
	bool want = site->nr_enabled > 0;
	u64 flags;
	int err;

	if (want == site->armed)
		return 0;
	flags = irq_save();
	if (want) {
		/* armed first: text_poke itself may run the site once the int3 is in */
		site->armed = true;
		err = arch_arm_kprobe(site);
		if (err)
			site->armed = false;
	} else {
		err = arch_disarm_kprobe(site);
		if (!err)
			site->armed = false;
	}
	irq_restore(flags);
	return err;
}
NOKPROBE_SYMBOL(update_arming);

/* Step when a probe wants its post-handler after the real instruction, or asks to. */
static void update_single_step(struct kprobe_site *site)
{
	bool step = false;

	for (struct kprobe *p = site->probes; p; p = p->next) {
		if (p->flags & KPROBE_FLAG_SINGLESTEP)
			step = true;
		if (p->post_handler && site->ainsn.class == INSN_CLASS_BOOSTABLE)
			step = true;
	}
	site->single_step = step;
}
NOKPROBE_SYMBOL(update_single_step);

static struct kprobe_site *new_site(u64 addr, int *err, const char **why)
{
	struct kprobe_site *site = kzalloc(sizeof(*site));
	u64 size = 0, offset = 0, flags;
	u8 code[INSN_MAX_LEN];

	*err = -ENOMEM;
	if (!site)
		return NULL;
	site->addr = addr;
	kallsyms_lookup(addr, &size, &offset);
	kprobe_read_original(addr, code, MIN((u64)sizeof(code), size - offset));
	*err = arch_prepare_kprobe(site, code, MIN((u64)sizeof(code), size - offset), why);
	if (*err) {
		kfree(site);
		return NULL;
	}
	flags = irq_save();
	site->hnext = kprobe_table[hash_addr(addr)];
	kprobe_table[hash_addr(addr)] = site;
	nr_sites++;
	irq_restore(flags);
	return site;
}
NOKPROBE_SYMBOL(new_site);

static void remove_site(struct kprobe_site *site)
{
	u64 flags = irq_save();

	for (struct kprobe_site **l = &kprobe_table[hash_addr(site->addr)]; *l; l = &(*l)->hnext) {
		if (*l == site) {
			*l = site->hnext;
			break;
		}
	}
	nr_sites--;
	irq_restore(flags);
	arch_remove_kprobe(site);
	kfree(site);
}
NOKPROBE_SYMBOL(remove_site);

int register_kprobe(struct kprobe *p)
{
	struct kprobe_site *site;
	const char *why = NULL;
	struct kprobe **tail;
	u64 addr, flags;
	int err;

	if (p->site)
		return -EEXIST;
	err = resolve_address(p, &addr);
	if (err)
		return err;
	site = get_kprobe_site(addr);
	if (!site) {
		err = kprobe_check_address(addr, &why);
		if (!err)
			site = new_site(addr, &err, &why);
		if (err) {
			warn_refused(p, addr, err, why);
			return err;
		}
	}
	p->addr = (u8 *)addr;
	p->site = site;
	p->next = NULL;
	flags = irq_save();
	for (tail = &site->probes; *tail; tail = &(*tail)->next)
		;
	*tail = p;
	if (kprobe_enabled(p))
		site->nr_enabled++;
	update_single_step(site);
	irq_restore(flags);
	err = update_arming(site);
	if (err) {
		warn_refused(p, addr, err, "cannot patch the text");
		unregister_kprobe(p);
	}
	return err;
}
NOKPROBE_SYMBOL(register_kprobe);

void unregister_kprobe(struct kprobe *p)
{
	struct kprobe_site *site = p->site;
	u64 flags;

	if (!site)
		return;
	flags = irq_save();
	for (struct kprobe **l = &site->probes; *l; l = &(*l)->next) {
		if (*l == p) {
			*l = p->next;
			break;
		}
	}
	if (kprobe_enabled(p))
		site->nr_enabled--;
	update_single_step(site);
	irq_restore(flags);
	if (update_arming(site))
		panic("kprobe: cannot restore the byte at %pS", (void *)site->addr);
	if (!site->probes)
		remove_site(site);
	p->site = NULL;
	p->next = NULL;
	if (p->symbol_name)
		p->addr = NULL; /* so the same struct can be registered again */
}
NOKPROBE_SYMBOL(unregister_kprobe);

int enable_kprobe(struct kprobe *p)
{
	int err;

	if (!p->site)
		return -EINVAL;
	if (kprobe_enabled(p))
		return 0;
	p->flags &= ~KPROBE_FLAG_DISABLED;
	p->site->nr_enabled++;
	err = update_arming(p->site);
	if (err) {
		p->flags |= KPROBE_FLAG_DISABLED;
		p->site->nr_enabled--;
	}
	return err;
}
NOKPROBE_SYMBOL(enable_kprobe);

int disable_kprobe(struct kprobe *p)
{
	if (!p->site)
		return -EINVAL;
	if (!kprobe_enabled(p))
		return 0;
	p->flags |= KPROBE_FLAG_DISABLED;
	p->site->nr_enabled--;
	return update_arming(p->site);
}
NOKPROBE_SYMBOL(disable_kprobe);

/* ---- hits ---- */

/* Linux's aggregated pre-handler: every enabled probe in order; a non-zero return stops. */
static int run_pre_handlers(struct kprobe_site *site, struct pt_regs *regs)
{
	for (struct kprobe *p = site->probes; p; p = p->next) {
		if (!kprobe_enabled(p) || !p->pre_handler)
			continue;
		kcb.cur = p;
		if (p->pre_handler(p, regs))
			return 1;
	}
	return 0;
}
NOKPROBE_SYMBOL(run_pre_handlers);

static void run_post_handlers(struct kprobe_site *site, struct pt_regs *regs)
{
	for (struct kprobe *p = site->probes; p; p = p->next) {
		if (!kprobe_enabled(p) || !p->post_handler)
			continue;
		kcb.cur = p;
		p->post_handler(p, regs, 0);
	}
}
NOKPROBE_SYMBOL(run_post_handlers);

/* A hit while a handler runs: no handler, count it, execute the instruction. */
static bool reenter_kprobe(struct kprobe_site *site, struct pt_regs *regs)
{
	enum kprobe_exec how;

	if (kcb.status != KPROBE_HIT_ACTIVE)
		panic("kprobe: hit at %pS while the probe at %pS is single-stepped (state %d)",
		      (void *)site->addr, kcb.site ? (void *)kcb.site->addr : NULL, kcb.status);
	for (struct kprobe *p = site->probes; p; p = p->next)
		if (kprobe_enabled(p))
			p->nmissed++;
	kcb_outer = kcb;
	kcb.status = KPROBE_REENTER;
	kcb.site = site;
	how = arch_kprobe_execute(site, regs, false, &kcb.saved_flags);
	if (how != KPROBE_EXEC_SINGLESTEP)
		kcb = kcb_outer; /* a single-step finishes in kprobe_debug_handler */
	return true;
}
NOKPROBE_SYMBOL(reenter_kprobe);

static void reset_state(void)
{
	kcb.status = KPROBE_IDLE;
	kcb.site = NULL;
	kcb.cur = NULL;
	kcb.regs = NULL;
	kcb.ri = NULL;
}
NOKPROBE_SYMBOL(reset_state);

bool kprobe_int3_handler(int vector, struct pt_regs *regs)
{
	struct kprobe_site *site;
	enum kprobe_exec how;

	if (user_mode(regs))
		return false;
	site = get_kprobe_site(regs->ip - INT3_INSN_SIZE);
	if (!site || !site->armed)
		return false; /* an int3 kprobes did not write */
	if (kcb.status != KPROBE_IDLE)
		return reenter_kprobe(site, regs);
	ist_shift(IST_BREAKPOINT, KPROBE_IST_SHIFT);
	kcb.status = KPROBE_HIT_ACTIVE;
	kcb.site = site;
	kcb.regs = regs;
	if (!run_pre_handlers(site, regs)) {
		how = arch_kprobe_execute(site, regs, site->single_step, &kcb.saved_flags);
		if (how == KPROBE_EXEC_SINGLESTEP) {
			kcb.status = KPROBE_HIT_SS;
			kcb.cur = NULL;
			kcb.regs = NULL;
			ist_unshift(IST_BREAKPOINT, KPROBE_IST_SHIFT);
			return true;
		}
		if (how == KPROBE_EXEC_DONE)
			run_post_handlers(site, regs);
	}
	reset_state();
	ist_unshift(IST_BREAKPOINT, KPROBE_IST_SHIFT);
	return true;
}
NOKPROBE_SYMBOL(kprobe_int3_handler);

bool kprobe_debug_handler(int vector, struct pt_regs *regs)
{
	if (user_mode(regs) || (kcb.status != KPROBE_HIT_SS && kcb.status != KPROBE_REENTER))
		return false;
	if (!arch_kprobe_singlestep_done(kcb.site, regs, kcb.saved_flags))
		return false;
	if (kcb.status == KPROBE_REENTER) {
		kcb = kcb_outer;
		return true;
	}
	ist_shift(IST_DEBUG, KPROBE_IST_SHIFT);
	kcb.status = KPROBE_HIT_ACTIVE;
	kcb.regs = regs;
	run_post_handlers(kcb.site, regs);
	reset_state();
	ist_unshift(IST_DEBUG, KPROBE_IST_SHIFT);
	return true;
}
NOKPROBE_SYMBOL(kprobe_debug_handler);

u64 kprobe_func_ip(const void *ctx)
{
	if (kcb.status != KPROBE_HIT_ACTIVE || !kcb.cur || ctx != kcb.regs)
		return 0;
	return (u64)kcb.cur->addr;
}
NOKPROBE_SYMBOL(kprobe_func_ip);

/* ---- kretprobes ---- */

/* Give an instance back to its kretprobe, or free it if the kretprobe is gone. */
static void recycle_instance(struct kretprobe_instance *ri)
{
	struct kretprobe *rp = ri->rp;

	if (!rp) {
		kfree(ri);
		return;
	}
	ri->next = rp->free_instances;
	rp->free_instances = ri;
}
NOKPROBE_SYMBOL(recycle_instance);

/* Unlink and return the live instance whose return address lived at slot, or NULL. */
static struct kretprobe_instance *take_instance(u64 slot)
{
	for (struct kretprobe_instance **l = &live_instances; *l; l = &(*l)->next) {
		struct kretprobe_instance *ri = *l;

		if (ri->stack_slot == slot) {
			*l = ri->next;
			return ri;
		}
	}
	return NULL;
}
NOKPROBE_SYMBOL(take_instance);

static int pre_handler_kretprobe(struct kprobe *p, struct pt_regs *regs)
{
	struct kretprobe *rp = container_of(p, struct kretprobe, kp);
	struct kretprobe_instance *ri = take_instance(regs->sp);

	if (ri)
		recycle_instance(ri); /* that call never came back: its task is gone */
	ri = rp->free_instances;
	if (!ri) {
		rp->nmissed++;
		return 0;
	}
	rp->free_instances = ri->next;
	ri->rp = rp;
	ri->stack_slot = regs->sp;
	ri->func = (u64)p->addr;
	ri->ret_addr = *(u64 *)regs->sp; /* for the entry handler; the trampoline is not in yet */
	if (rp->entry_handler) {
		kcb.ri = ri;
		if (rp->entry_handler(ri, regs)) {
			kcb.ri = NULL;
			recycle_instance(ri);
			return 0;
		}
		kcb.ri = NULL;
	}
	arch_prepare_kretprobe(regs, &ri->ret_addr);
	ri->next = live_instances;
	live_instances = ri;
	return 0;
}
NOKPROBE_SYMBOL(pre_handler_kretprobe);

u64 kretprobe_trampoline_handler(struct pt_regs *regs)
{
	u64 slot = regs->sp - 8;
	struct kretprobe_instance *ri = take_instance(slot);
	struct kretprobe *rp;
	u64 ret;

	if (!ri)
		panic("kretprobe: a return through the trampoline (stack %#llx) that no call made",
		      slot);
	ret = ri->ret_addr;
	regs->ip = ret;
	*(u64 *)slot = ret; /* where the trampoline's final ret takes it from */
	rp = ri->rp;
	if (rp && rp->handler && kprobe_enabled(&rp->kp)) {
		if (kcb.status == KPROBE_IDLE) {
			kcb.status = KPROBE_HIT_ACTIVE;
			kcb.cur = &rp->kp;
			kcb.regs = regs;
			kcb.ri = ri;
			rp->handler(ri, regs);
			reset_state();
		} else {
			rp->nmissed++;
		}
	}
	recycle_instance(ri);
	return ret;
}
NOKPROBE_SYMBOL(kretprobe_trampoline_handler);

u64 kretprobe_fixup_return(u64 ret, u64 slot)
{
	if (ret == (u64)kretprobe_trampoline) {
		for (struct kretprobe_instance *ri = live_instances; ri; ri = ri->next)
			if (ri->stack_slot == slot)
				return ri->ret_addr;
	} else if (ret > (u64)kretprobe_trampoline && ret < (u64)kretprobe_trampoline_end &&
		   kcb.ri) {
		return kcb.ri->ret_addr; /* a frame of the handler the trampoline called */
	}
	return ret;
}
NOKPROBE_SYMBOL(kretprobe_fixup_return);

static void free_instances(struct kretprobe *rp)
{
	while (rp->free_instances) {
		struct kretprobe_instance *ri = rp->free_instances;

		rp->free_instances = ri->next;
		kfree(ri);
	}
	rp->nr_instances = 0;
}
NOKPROBE_SYMBOL(free_instances);

int register_kretprobe(struct kretprobe *rp)
{
	u64 addr = 0, offset = 1;
	int err;

	if (rp->kp.offset) {
		printk(KERN_WARNING "kretprobe: %s+%#x: a return probe goes on a function's "
				    "entry\n",
		       rp->kp.symbol_name ? rp->kp.symbol_name : "?", rp->kp.offset);
		return -EINVAL;
	}
	err = resolve_address(&rp->kp, &addr);
	if (err)
		return err;
	if (!kallsyms_lookup(addr, NULL, &offset) || offset) {
		printk(KERN_WARNING "kretprobe: %#llx is not the entry of a function\n", addr);
		return -EINVAL;
	}
	if (rp->maxactive <= 0)
		rp->maxactive = KRETPROBE_MAXACTIVE_DEFAULT;
	if (rp->maxactive > KRETPROBE_MAXACTIVE_MAX)
		return -E2BIG;
	rp->free_instances = NULL;
	for (rp->nr_instances = 0; rp->nr_instances < rp->maxactive; rp->nr_instances++) {
		struct kretprobe_instance *ri = kzalloc(sizeof(*ri) + rp->data_size);

		if (!ri) {
			free_instances(rp);
			return -ENOMEM;
		}
		ri->next = rp->free_instances;
		rp->free_instances = ri;
	}
	rp->nmissed = 0;
	rp->kp.pre_handler = pre_handler_kretprobe;
	rp->kp.post_handler = NULL;
	err = register_kprobe(&rp->kp);
	if (err)
		free_instances(rp);
	return err;
}
NOKPROBE_SYMBOL(register_kretprobe);

void unregister_kretprobe(struct kretprobe *rp)
{
	u64 flags;

	unregister_kprobe(&rp->kp);
	/* calls still under way keep their instance; it is freed when they return */
	flags = irq_save();
	for (struct kretprobe_instance *ri = live_instances; ri; ri = ri->next)
		if (ri->rp == rp)
			ri->rp = NULL;
	irq_restore(flags);
	free_instances(rp);
}
NOKPROBE_SYMBOL(unregister_kretprobe);

void kprobes_init(void)
{
	read_blacklist();
	arch_kprobes_init();
	printk(KERN_INFO "kprobes: %d blacklisted functions\n", nr_blacklist);
}
NOKPROBE_SYMBOL(kprobes_init);
