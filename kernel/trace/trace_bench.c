/*
 * kernel/trace/trace_bench.c - /proc/tracebench: what tracing costs, measured in the kernel.
 *
 * Reading the file runs the measurement loops and prints the figures (tests/bench/qemu_bench.py
 * reads it for `make bench`; nothing asserts them). Each case calls a small noinline function
 * many times with interrupts off, timing the batch with the TSC; the best of several batches
 * counts, and a case's cost is its time per call minus that of the same function unprobed:
 *
 *   a tracepoint site while disabled (its 5-byte NOP), then enabled with an empty JIT-compiled
 *   program attached as a raw tracepoint (context: the arguments) and as a tracepoint (context:
 *   the record); a kprobe event with an empty JIT program on a push (emulated), an imul
 *   (boosted: runs from its slot) and a jcc (emulated); the same imul single-stepped with TF;
 *   a kretprobe event with an empty program.
 *
 * The tracepoint is timer:tick's, which the timer interrupt also fires: with interrupts off
 * during the loops, only the loops do.
 */
#include "kernel/trace/kprobes.h"
#include "kernel/trace/trace_kprobe.h"
#include "kernel/trace/trace_event.h"
#include "kernel/trace/events/irq.h"
#include "kernel/arch/x86/cpu.h"
#include "kernel/fs/vfs.h"
#include "kernel/time.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"
#include "bpf/prog.h"

#define BATCHES 41 /* many short batches: the best one is the least disturbed */

/*
 * u64 bench_fn(u64 x): x < 1000 ? 3 * x : x, with a push, an imul and a jcc to probe.
 */
asm(".pushsection .text\n"
    ".p2align 4\n"
    ".globl bench_fn\n"
    ".type bench_fn, @function\n"
    "bench_fn:\n"
    ".Lbench_push:  push %rbp\n"
    "               mov %rsp, %rbp\n"
    ".Lbench_imul:  imul $3, %rdi, %rax\n"
    "               cmp $1000, %rdi\n"
    ".Lbench_jcc:   jb 1f\n"
    "               mov %rdi, %rax\n"
    "1:             pop %rbp\n"
    "               ret\n"
    ".size bench_fn, . - bench_fn\n"
    ".p2align 4\n"
    "bench_frame:\n" /* the frame bench_traced has, without its site */
    "    push %rbp\n"
    "    mov %rsp, %rbp\n"
    "    lea 1(%rdi), %rax\n"
    "    pop %rbp\n"
    "    ret\n"
    ".p2align 4\n"
    "bench_frame_nop5:\n" /* the same with a site's 5-byte NOP */
    "    push %rbp\n"
    "    mov %rsp, %rbp\n"
    "    nopl 0x0(%rax,%rax,1)\n"
    "    lea 1(%rdi), %rax\n"
    "    pop %rbp\n"
    "    ret\n"
    ".popsection\n"
    ".pushsection .rodata\n"
    ".p2align 3\n"
    "bench_sites: .quad .Lbench_push, .Lbench_imul, .Lbench_jcc\n"
    ".popsection\n");

u64 bench_fn(u64 x);
u64 bench_frame(u64 x);
u64 bench_frame_nop5(u64 x);
extern const u64 bench_sites[3];

static __attribute__((noinline)) u64 bench_plain(u64 x)
{
	asm volatile("" : "+r"(x));
	return x + 1;
}

static __attribute__((noinline)) u64 bench_traced(u64 x)
{
	trace_tick(x);
	asm volatile("" : "+r"(x));
	return x + 1;
}

/* Cycles per call of fn, the best of BATCHES batches of n calls, interrupts off. */
static u64 cycles_per_call(u64 (*fn)(u64), u64 n)
{
	u64 best = ~0ull;

	for (int b = 0; b < BATCHES; b++) {
		u64 flags = irq_save(), t0 = rdtsc(), t1;

		for (u64 i = 0; i < n; i++)
			fn(i & 1023);
		t1 = rdtsc();
		irq_restore(flags);
		best = MIN(best, (t1 - t0) / n);
	}
	return best;
}

static u64 to_ps(s64 cycles)
{
	return tsc_khz ? (u64)(cycles < 0 ? 0 : cycles) * 1000000000ull / tsc_khz : 0;
}

/* "+12.3 ns (30 cycles)", or "-0.4 ns" when below the baseline's noise */
static void show_cost(struct seq_buf *s, const char *what, s64 cycles)
{
	u64 ps = to_ps(cycles < 0 ? -cycles : cycles);

	seq_printf(s, "tracebench: %-58s %c%llu.%01llu ns (%lld cycles)\n", what,
		   cycles < 0 ? '-' : '+', ps / 1000, (ps % 1000) / 100, (long long)cycles);
}

static const struct bpf_insn empty_prog[] = {
	{ BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0 }, /* r0 = 0 */
	{ BPF_JMP | BPF_EXIT, 0, 0, 0, 0 },
};

static struct bpf_prog *bench_prog;

static int run_prog(struct kprobe *p, struct pt_regs *regs)
{
	bpf_prog_run(bench_prog, regs);
	return 0;
}

/* A kprobe event (kprobe_events line def) with the empty program: cycles per bench_fn call. */
static s64 event_cycles(const char *def, const char *name, u64 n, u64 base)
{
	struct trace_event *ev;
	char del[80];
	s64 c = -1;

	if (trace_kprobe_run_command(def))
		return -1;
	ev = trace_event_by_name("kprobes", name);
	if (ev && !trace_event_attach_prog(ev, bench_prog, false, 0)) {
		c = (s64)cycles_per_call(bench_fn, n) - (s64)base;
		trace_event_detach_prog(ev, bench_prog);
	}
	snprintf(del, sizeof(del), "-:%s", name);
	trace_kprobe_run_command(del);
	return c;
}

static void show_tracebench(struct seq_buf *s)
{
	u64 n_fast = 20000, n_probe = 2000, plain, traced, base, kprobe_push;
	int saved = bpf_jit_enable;
	char def[96];
	s64 c;

	bench_prog = bpf_prog_alloc(empty_prog, ARRAY_SIZE(empty_prog));
	bpf_jit_enable = 1;
	if (!bench_prog || bpf_prog_select_runtime(bench_prog) || !bench_prog->jited) {
		bpf_jit_enable = saved;
		seq_printf(s, "tracebench: cannot JIT the empty program\n");
		if (bench_prog)
			bpf_prog_free(bench_prog);
		return;
	}
	bpf_jit_enable = saved;
	seq_printf(s, "tracebench: TSC %llu.%03llu MHz; best of %d batches; %llu or %llu calls"
		      " each\n",
		   tsc_khz / 1000, tsc_khz % 1000, BATCHES, n_fast, n_probe);

	plain = cycles_per_call(bench_plain, n_fast);
	traced = cycles_per_call(bench_traced, n_fast);
	seq_printf(s, "tracebench: %-58s  %llu.%01llu ns (%llu cycles)\n",
		   "a noinline function call", to_ps(plain) / 1000, (to_ps(plain) % 1000) / 100,
		   plain);
	show_cost(s, "disabled tracepoint, over the same function without it",
		  (s64)traced - (s64)plain);
	show_cost(s, "  of which the 5-byte NOP itself",
		  (s64)cycles_per_call(bench_frame_nop5, n_fast) -
			  (s64)cycles_per_call(bench_frame, n_fast));
	if (!trace_event_attach_prog(&event_tick, bench_prog, true, 0)) {
		show_cost(s, "tracepoint enabled, empty JIT program (raw_tracepoint)",
			  (s64)cycles_per_call(bench_traced, n_fast) - (s64)plain);
		trace_event_detach_prog(&event_tick, bench_prog);
	}
	if (!trace_event_attach_prog(&event_tick, bench_prog, false, 0)) {
		show_cost(s, "tracepoint enabled, empty JIT program (tracepoint record)",
			  (s64)cycles_per_call(bench_traced, n_fast) - (s64)plain);
		trace_event_detach_prog(&event_tick, bench_prog);
	}

	base = cycles_per_call(bench_fn, n_fast);
	{
		struct kprobe kp = { .addr = (u8 *)bench_sites[0] };

		if (!register_kprobe(&kp)) {
			c = (s64)cycles_per_call(bench_fn, n_probe) - (s64)base;
			unregister_kprobe(&kp);
			show_cost(s, "kprobe hit, no handler (int3 and iretq): push", c);
		}
	}
	snprintf(def, sizeof(def), "p:bench_push bench_fn");
	kprobe_push = event_cycles(def, "bench_push", n_probe, base);
	show_cost(s, "kprobe hit, empty JIT program: push (emulated)", (s64)kprobe_push);
	snprintf(def, sizeof(def), "p:bench_imul bench_fn+%llu", bench_sites[1] - (u64)bench_fn);
	show_cost(s, "kprobe hit, empty JIT program: imul (boosted)",
		  event_cycles(def, "bench_imul", n_probe, base));
	snprintf(def, sizeof(def), "p:bench_jcc bench_fn+%llu", bench_sites[2] - (u64)bench_fn);
	show_cost(s, "kprobe hit, empty JIT program: jcc (emulated)",
		  event_cycles(def, "bench_jcc", n_probe, base));
	{
		struct kprobe kp = { .addr = (u8 *)bench_sites[1],
				     .pre_handler = run_prog,
				     .flags = KPROBE_FLAG_SINGLESTEP };

		if (!register_kprobe(&kp)) {
			c = (s64)cycles_per_call(bench_fn, n_probe / 4) - (s64)base;
			unregister_kprobe(&kp);
			show_cost(s, "kprobe hit, empty JIT program: imul single-stepped (TF)", c);
		}
	}
	c = event_cycles("r:bench_ret bench_fn", "bench_ret", n_probe, base);
	show_cost(s, "kretprobe hit, empty JIT program", c);
	if (kprobe_push > 0)
		seq_printf(s, "tracebench: %-58s  %llu.%02llu\n", "kretprobe / kprobe (push)",
			   (u64)c / kprobe_push, (u64)c * 100 / kprobe_push % 100);
	bpf_prog_free(bench_prog);
	bench_prog = NULL;
}

void trace_bench_init(void)
{
	procfs_add("/proc/tracebench", show_tracebench);
}
