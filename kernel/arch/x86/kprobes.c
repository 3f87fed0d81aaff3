/*
 * kernel/arch/x86/kprobes.c - the x86-64 half of kprobes: decoding the probed instruction,
 * executable slots, arming, and executing the displaced instruction when the probe hits.
 *
 * insn_classify (insn.c) decides how the instruction runs once the int3 handler is done:
 *   - emulated (push, pop, mov, lea, nop, jmp, call, jcc, ret): the handler does what the
 *     instruction would do to pt_regs and memory, and iretq resumes after it. One trap.
 *   - boosted (everything else that is safe): a slot holds a copy followed by `jmp` back to the
 *     next instruction; the handler points regs->ip at the slot. One trap, and the copy runs at
 *     full speed. A RIP-relative operand is re-aimed for the slot's address.
 *   - single-stepped, only when asked (a post-handler must run after a boostable instruction,
 *     or KPROBE_FLAG_SINGLESTEP): regs->ip = the slot with TF set and IF clear; the CPU runs
 *     the copy and raises a debug trap, where ip is moved back to the original code. Two traps,
 *     which in a virtual machine is the expensive way: Linux keeps it off its common path too.
 *
 * Slots are 32 bytes; 128 share a page of the vmap area. A page is filled with int3 while it is
 * writable, then sealed read-only and executable, and never becomes writable again: a slot is
 * written through a temporary writable alias of its page, the way text_poke writes kernel text
 * (and the way Linux fills its instruction slots). So no mapping is ever writable and
 * executable, and a slot page stays executable while other slots in it are in use.
 *
 * The emulation reads and writes memory with exception-table fix-ups: if an access faults, the
 * instruction runs from its slot instead and faults there, as the original would have.
 *
 * Read next: kernel/arch/x86/kretprobe_trampoline.S.
 */
#include "kernel/trace/kprobes.h"
#include "kernel/arch/x86/kprobes.h"
#include "kernel/arch/x86/text_poke.h"
#include "kernel/arch/x86/trap.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/arch/x86/asm.h"
#include "kernel/mm/mm.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"

/* What the hit path calls outside this file, and text_poke, which arms and disarms. Every
 * function of this file is NOKPROBE_SYMBOL too. */
NOKPROBE_SYMBOL(insn_effective_addr);
NOKPROBE_SYMBOL(insn_cond_true);
NOKPROBE_SYMBOL(text_poke);

/* ---- slots ---- */

#define SLOTS_PER_PAGE (PAGE_SIZE / KPROBE_SLOT_SIZE)

struct slot_page {
	u8 *page;
	u64 used[SLOTS_PER_PAGE / 64];
	int nr_used;
	struct slot_page *next;
};

static struct slot_page *slot_pages;

static struct slot_page *new_slot_page(void)
{
	struct slot_page *sp = kzalloc(sizeof(*sp));

	if (!sp)
		return NULL;
	sp->page = vmap_alloc(1, PROT_KERNEL_RW);
	if (!sp->page) {
		kfree(sp);
		return NULL;
	}
	memset(sp->page, INT3_INSN_OPCODE, PAGE_SIZE);
	if (vmap_protect(sp->page, 1, PROT_KERNEL_RX)) {
		vmap_free(sp->page, 1);
		kfree(sp);
		return NULL;
	}
	sp->next = slot_pages;
	slot_pages = sp;
	return sp;
}
NOKPROBE_SYMBOL(new_slot_page);

static u8 *alloc_slot(void)
{
	struct slot_page *sp;

	for (sp = slot_pages; sp; sp = sp->next)
		if (sp->nr_used < (int)SLOTS_PER_PAGE)
			break;
	if (!sp && !(sp = new_slot_page()))
		return NULL;
	for (u64 i = 0; i < SLOTS_PER_PAGE; i++) {
		if (!(sp->used[i / 64] & (1ull << (i % 64)))) {
			sp->used[i / 64] |= 1ull << (i % 64);
			sp->nr_used++;
			return sp->page + i * KPROBE_SLOT_SIZE;
		}
	}
	return NULL;
}
NOKPROBE_SYMBOL(alloc_slot);

/* Copy len bytes into a slot through a writable alias of its page (the page stays RX). */
static int write_slot(u8 *slot, const u8 *bytes, size_t len)
{
	u64 page = ALIGN_DOWN((u64)slot, PAGE_SIZE);
	u64 pa = vmm_virt_to_phys(kernel_pml4, page);
	u8 *alias = pa ? vmap_pages(&pa, 1, PROT_KERNEL_RW) : NULL;

	if (!alias)
		return -ENOMEM;
	memcpy(alias + ((u64)slot - page), bytes, len);
	vunmap(alias, 1);
	return 0;
}
NOKPROBE_SYMBOL(write_slot);

static void free_slot(u8 *slot)
{
	static const u8 int3s[KPROBE_SLOT_SIZE] = { [0 ... KPROBE_SLOT_SIZE - 1] = 0xcc };
	u64 page = ALIGN_DOWN((u64)slot, PAGE_SIZE), i = ((u64)slot - page) / KPROBE_SLOT_SIZE;

	for (struct slot_page **l = &slot_pages; *l; l = &(*l)->next) {
		struct slot_page *sp = *l;

		if ((u64)sp->page != page)
			continue;
		write_slot(slot, int3s, sizeof(int3s)); /* a stray jump here traps */
		sp->used[i / 64] &= ~(1ull << (i % 64));
		if (--sp->nr_used == 0) {
			*l = sp->next;
			vmap_free(sp->page, 1);
			kfree(sp);
		}
		return;
	}
	panic("kprobe: freeing slot %p that is in no slot page", slot);
}
NOKPROBE_SYMBOL(free_slot);

/* ---- preparing, arming ---- */

static bool is_relative_branch_class(enum insn_class c)
{
	return c == INSN_CLASS_EMULATE_JMP || c == INSN_CLASS_EMULATE_CALL ||
	       c == INSN_CLASS_EMULATE_CALL_INDIRECT || c == INSN_CLASS_EMULATE_JCC ||
	       c == INSN_CLASS_EMULATE_RET;
}
NOKPROBE_SYMBOL(is_relative_branch_class);

/* The copy of the instruction, re-aimed for the slot, then jmp back to the next one. */
static int fill_slot(struct kprobe_site *site, const u8 *orig, const char **why)
{
	struct arch_specific_insn *a = &site->ainsn;
	u8 buf[KPROBE_SLOT_SIZE];
	u8 len = a->insn.length;
	s64 rel;
	s32 rel32;

	memset(buf, INT3_INSN_OPCODE, sizeof(buf));
	memcpy(buf, orig, len);
	if (insn_is_rip_relative(&a->insn) &&
	    insn_fixup_rip_relative(&a->insn, buf, (u64)a->slot)) {
		*why = "its RIP-relative operand is out of reach of the slot";
		return -EINVAL;
	}
	rel = (s64)(site->addr + len) - (s64)((u64)a->slot + len + 5);
	if (rel != (s32)rel) {
		*why = "the slot is out of jump range of the kernel text";
		return -EINVAL;
	}
	rel32 = (s32)rel;
	buf[len] = 0xe9; /* jmp rel32: back to addr + len */
	memcpy(&buf[len + 1], &rel32, 4);
	return write_slot(a->slot, buf, sizeof(buf));
}
NOKPROBE_SYMBOL(fill_slot);

int arch_prepare_kprobe(struct kprobe_site *site, const u8 *orig, size_t avail, const char **why)
{
	struct arch_specific_insn *a = &site->ainsn;
	int err;

	if (insn_decode(&a->insn, orig, MIN(avail, (size_t)INSN_MAX_LEN))) {
		*why = a->insn.error;
		return -EILSEQ;
	}
	a->insn.kaddr = (const u8 *)site->addr; /* branch targets and RIP-relative from here */
	a->class = insn_classify(&a->insn, why);
	if (a->class == INSN_CLASS_UNPROBEABLE)
		return -EINVAL;
	a->opcode = orig[0];
	a->slot = NULL;
	if (is_relative_branch_class(a->class))
		return 0; /* always emulated: a copy would branch relative to the slot */
	a->slot = alloc_slot();
	if (!a->slot)
		return -ENOMEM;
	err = fill_slot(site, orig, why);
	if (err) {
		free_slot(a->slot);
		a->slot = NULL;
	}
	return err;
}
NOKPROBE_SYMBOL(arch_prepare_kprobe);

void arch_remove_kprobe(struct kprobe_site *site)
{
	if (site->ainsn.slot)
		free_slot(site->ainsn.slot);
	site->ainsn.slot = NULL;
}
NOKPROBE_SYMBOL(arch_remove_kprobe);

int arch_arm_kprobe(struct kprobe_site *site)
{
	static const u8 int3 = INT3_INSN_OPCODE;

	return text_poke((void *)site->addr, &int3, 1);
}
NOKPROBE_SYMBOL(arch_arm_kprobe);

int arch_disarm_kprobe(struct kprobe_site *site)
{
	return text_poke((void *)site->addr, &site->ainsn.opcode, 1);
}
NOKPROBE_SYMBOL(arch_disarm_kprobe);

/* ---- emulation ---- */

/* pt_regs fields in the encoding order of the 16 general registers. */
static const u8 reg_offsets[16] = {
	offsetof(struct pt_regs, ax),  offsetof(struct pt_regs, cx),  offsetof(struct pt_regs, dx),
	offsetof(struct pt_regs, bx),  offsetof(struct pt_regs, sp),  offsetof(struct pt_regs, bp),
	offsetof(struct pt_regs, si),  offsetof(struct pt_regs, di),  offsetof(struct pt_regs, r8),
	offsetof(struct pt_regs, r9),  offsetof(struct pt_regs, r10), offsetof(struct pt_regs, r11),
	offsetof(struct pt_regs, r12), offsetof(struct pt_regs, r13), offsetof(struct pt_regs, r14),
	offsetof(struct pt_regs, r15),
};

static u64 get_reg(const struct pt_regs *regs, int n)
{
	return *(const u64 *)((const u8 *)regs + reg_offsets[n]);
}
NOKPROBE_SYMBOL(get_reg);

/* A 4-byte write clears the upper half, as the CPU does. */
static void set_reg(struct pt_regs *regs, int n, u64 v, int bytes)
{
	*(u64 *)((u8 *)regs + reg_offsets[n]) = bytes == 4 ? (u32)v : v;
}
NOKPROBE_SYMBOL(set_reg);

/* Memory accesses that return -EFAULT instead of oopsing (an exception-table fix-up each). */
static int read_mem(u64 addr, u64 *val, int bytes)
{
	int err = 0;
	u64 v = 0;

	if (bytes == 8)
		asm volatile("1: movq (%2), %1\n"
			     "2:\n"
			     ".pushsection .text.fixup, \"ax\"\n"
			     "3: movl %3, %0\n"
			     "   jmp 2b\n"
			     ".popsection\n" _ASM_EXTABLE(1b, 3b)
			     : "+r"(err), "+r"(v)
			     : "r"(addr), "i"(-EFAULT));
	else
		asm volatile("1: movl (%2), %k1\n"
			     "2:\n"
			     ".pushsection .text.fixup, \"ax\"\n"
			     "3: movl %3, %0\n"
			     "   jmp 2b\n"
			     ".popsection\n" _ASM_EXTABLE(1b, 3b)
			     : "+r"(err), "+r"(v)
			     : "r"(addr), "i"(-EFAULT));
	*val = v;
	return err;
}
NOKPROBE_SYMBOL(read_mem);

static int write_mem(u64 addr, u64 val, int bytes)
{
	int err = 0;

	if (bytes == 8)
		asm volatile("1: movq %2, (%1)\n"
			     "2:\n"
			     ".pushsection .text.fixup, \"ax\"\n"
			     "3: movl %3, %0\n"
			     "   jmp 2b\n"
			     ".popsection\n" _ASM_EXTABLE(1b, 3b)
			     : "+r"(err)
			     : "r"(addr), "r"(val), "i"(-EFAULT)
			     : "memory");
	else
		asm volatile("1: movl %k2, (%1)\n"
			     "2:\n"
			     ".pushsection .text.fixup, \"ax\"\n"
			     "3: movl %3, %0\n"
			     "   jmp 2b\n"
			     ".popsection\n" _ASM_EXTABLE(1b, 3b)
			     : "+r"(err)
			     : "r"(addr), "r"(val), "i"(-EFAULT)
			     : "memory");
	return err;
}
NOKPROBE_SYMBOL(write_mem);

static int emulate_push(struct pt_regs *regs, u64 v)
{
	if (write_mem(regs->sp - 8, v, 8))
		return -EFAULT;
	regs->sp -= 8;
	return 0;
}
NOKPROBE_SYMBOL(emulate_push);

/* The ModRM operand (register or memory) of a mov: read or write opnd_bytes. */
static int modrm_operand(const struct insn *insn, struct pt_regs *regs, const u64 r[16], u64 *v,
			 bool write)
{
	int bytes = insn->opnd_bytes;
	u64 ea;

	if (insn_modrm_mod(insn) == 3) {
		if (write)
			set_reg(regs, insn_modrm_rm(insn), *v, bytes);
		else
			*v = r[insn_modrm_rm(insn)];
		return 0;
	}
	if (insn_effective_addr(insn, r, &ea))
		return -EFAULT;
	return write ? write_mem(ea, *v, bytes) : read_mem(ea, v, bytes);
}
NOKPROBE_SYMBOL(modrm_operand);

static int emulate_mov(const struct insn *insn, struct pt_regs *regs, const u64 r[16])
{
	u64 v;

	switch (insn->op) {
	case 0x89: /* mov Ev, Gv */
		v = r[insn_modrm_reg(insn)];
		return modrm_operand(insn, regs, r, &v, true);
	case 0x8b: /* mov Gv, Ev */
		if (modrm_operand(insn, regs, r, &v, false))
			return -EFAULT;
		set_reg(regs, insn_modrm_reg(insn), v, insn->opnd_bytes);
		return 0;
	case 0xc7: /* mov Ev, Iz (sign-extended with REX.W) */
		v = (u64)insn->imm;
		return modrm_operand(insn, regs, r, &v, true);
	default: /* b8+r: mov r, Iv */
		set_reg(regs, insn_opcode_reg(insn), (u64)insn->imm, insn->opnd_bytes);
		return 0;
	}
}
NOKPROBE_SYMBOL(emulate_mov);

/*
 * Do what the instruction does: regs->ip ends at the next instruction or the branch target.
 * 0, or -EFAULT when a memory access faulted (regs are then unchanged).
 */
static int emulate(const struct arch_specific_insn *a, struct pt_regs *regs)
{
	const struct insn *insn = &a->insn;
	u64 next = insn_next_ip(insn), r[16], v, ea;
	u64 sp = regs->sp;

	if (a->class == INSN_CLASS_EMULATE_MOV || a->class == INSN_CLASS_EMULATE_LEA ||
	    a->class == INSN_CLASS_EMULATE_CALL_INDIRECT) /* they may address memory */
		for (int i = 0; i < 16; i++)
			r[i] = get_reg(regs, i);
	switch (a->class) {
	case INSN_CLASS_EMULATE_NOP:
		break;
	case INSN_CLASS_EMULATE_PUSH:
		if (emulate_push(regs, get_reg(regs, insn_opcode_reg(insn))))
			return -EFAULT;
		break;
	case INSN_CLASS_EMULATE_POP:
		if (read_mem(regs->sp, &v, 8))
			return -EFAULT;
		regs->sp += 8;
		set_reg(regs, insn_opcode_reg(insn), v, 8); /* pop %rsp: the value read wins */
		break;
	case INSN_CLASS_EMULATE_MOV:
		if (emulate_mov(insn, regs, r))
			return -EFAULT;
		break;
	case INSN_CLASS_EMULATE_LEA:
		if (insn_effective_addr(insn, r, &ea))
			return -EFAULT;
		set_reg(regs, insn_modrm_reg(insn), ea, insn->opnd_bytes);
		break;
	case INSN_CLASS_EMULATE_JMP:
		next = insn_rel_target(insn);
		break;
	case INSN_CLASS_EMULATE_JCC:
		if (insn_cond_true(insn->op & 15, regs->flags))
			next = insn_rel_target(insn);
		break;
	case INSN_CLASS_EMULATE_CALL:
		if (emulate_push(regs, next))
			return -EFAULT;
		next = insn_rel_target(insn);
		break;
	case INSN_CLASS_EMULATE_CALL_INDIRECT:
		if (modrm_operand(insn, regs, r, &v, false) || emulate_push(regs, next)) {
			regs->sp = sp;
			return -EFAULT;
		}
		next = v;
		break;
	case INSN_CLASS_EMULATE_RET:
		if (read_mem(regs->sp, &next, 8))
			return -EFAULT;
		regs->sp += 8 + (insn->op == 0xc2 ? (u16)insn->imm : 0);
		break;
	default:
		return -EINVAL;
	}
	regs->ip = next;
	return 0;
}
NOKPROBE_SYMBOL(emulate);

/* ---- the hit ---- */

enum kprobe_exec arch_kprobe_execute(struct kprobe_site *site, struct pt_regs *regs,
				     bool single_step, u64 *saved_flags)
{
	struct arch_specific_insn *a = &site->ainsn;

	if (!a->slot || (!single_step && a->class != INSN_CLASS_BOOSTABLE)) {
		if (emulate(a, regs) == 0)
			return KPROBE_EXEC_DONE;
		if (!a->slot)
			panic("kprobe: %s at %pS faulted and cannot run elsewhere",
			      insn_class_name(a->class), (void *)site->addr);
		/* the copy faults the way the original would have */
	}
	regs->ip = (u64)a->slot;
	if (!single_step)
		return KPROBE_EXEC_BOOSTED;
	*saved_flags = regs->flags;
	regs->flags = (regs->flags | X86_EFLAGS_TF) & ~X86_EFLAGS_IF;
	return KPROBE_EXEC_SINGLESTEP;
}
NOKPROBE_SYMBOL(arch_kprobe_execute);

#define DR6_BS (1ull << 14) /* the debug trap is a single-step */

bool arch_kprobe_singlestep_done(struct kprobe_site *site, struct pt_regs *regs, u64 saved_flags)
{
	const struct arch_specific_insn *a = &site->ainsn;
	u64 keep = X86_EFLAGS_TF | X86_EFLAGS_IF, dr6, slot = (u64)a->slot;
	bool onebyte = a->insn.map == INSN_MAP_ONEBYTE;

	asm volatile("mov %%db6, %0" : "=r"(dr6));
	if (!(dr6 & DR6_BS) || !slot)
		return false;
	asm volatile("mov %0, %%db6" : : "r"(0ull));
	/* fell through: back to the original code; an absolute jmp (ff /4) went where it went */
	if (regs->ip >= slot && regs->ip <= slot + a->insn.length)
		regs->ip = site->addr + (regs->ip - slot);
	if (onebyte && (a->insn.op == 0x9c)) { /* pushf pushed our TF and IF: give it theirs */
		u64 *tos = (u64 *)regs->sp;

		*tos = (*tos & ~keep) | (saved_flags & keep);
	}
	if (onebyte && (a->insn.op == 0xfa || a->insn.op == 0x9d))
		keep = X86_EFLAGS_TF; /* cli and popf set IF themselves */
	regs->flags = (regs->flags & ~keep) | (saved_flags & keep);
	return true;
}
NOKPROBE_SYMBOL(arch_kprobe_singlestep_done);

void arch_prepare_kretprobe(struct pt_regs *regs, u64 *ret_addr)
{
	u64 *slot = (u64 *)regs->sp;

	*ret_addr = *slot;
	*slot = (u64)kretprobe_trampoline;
}
NOKPROBE_SYMBOL(arch_prepare_kretprobe);

void arch_kprobes_init(void)
{
	if (trap_register_handler(X86_TRAP_BP, kprobe_int3_handler) ||
	    trap_register_handler(X86_TRAP_DB, kprobe_debug_handler))
		panic("kprobes: cannot claim #BP and #DB");
}
NOKPROBE_SYMBOL(arch_kprobes_init);
