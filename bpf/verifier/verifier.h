/*
 * bpf/verifier/verifier.h - the verifier's internal structures, shared by the files of
 * bpf/verifier/ (the only public entry is bpf_check, declared in bpf/prog_aux.h).
 *
 * The verifier is an abstract interpreter. Instead of numbers, each register and each stack
 * slot holds a description of every value it may have on the path being explored: its type
 * (not initialized, scalar, pointer to the context, to the stack, to a map value, ...) and,
 * for scalars and pointer offsets, what is known of its bits (a tnum) and its signed and
 * unsigned 64- and 32-bit ranges. do_check (verifier.c) walks one path at a time from the
 * first instruction; at a conditional jump it keeps one direction and pushes the other on a
 * stack of pending states; at an exit it pops the next one. A state seen before at the same
 * instruction, or one covered by it, is not explored again (states.c): that is what makes the
 * walk finish, and what lets loops be explored iteration by iteration until they end.
 *
 * The names are Linux's (kernel/bpf/verifier.c, include/linux/bpf_verifier.h), so that what
 * a reader learns here maps onto Linux; the files split Linux's one large file by concern:
 *
 *   verifier.c  bpf_check and do_check: the main loop, one instruction at a time
 *   cfg.c       structure: subprograms, reachability, loops, prune points
 *   regs.c      register states: marking, reading and writing registers, liveness
 *   bounds.c    scalar ranges: ALU on scalars, keeping tnum and ranges consistent
 *   alu.c       ALU instructions, pointer arithmetic
 *   jmp.c       conditional jumps: which way they can go, what each way teaches
 *   mem.c       loads, stores, atomics: stack, context, map values, memory
 *   calls.c     helper calls and BPF-to-BPF calls, references (ring buffer records)
 *   states.c    pending states, pruning, state equivalence, liveness propagation
 *   precise.c   precision: which scalars' exact ranges matter, found by backtracking
 *   log.c       the log buffer; print.c: states as text; explain.c: plain-words reasons
 */
#ifndef BPF_VERIFIER_VERIFIER_H
#define BPF_VERIFIER_VERIFIER_H

#include "bpf/env.h"
#include "bpf/helpers.h"
#include "bpf/insn.h"
#include "bpf/map.h"
#include "bpf/prog_aux.h"
#include "bpf/verifier/tnum.h"

/* ---- limits of the integer types ---- */
#define U64_MAX (~0ull)
#define S64_MAX ((s64)(U64_MAX >> 1))
#define S64_MIN (-S64_MAX - 1)
#define U32_MAX 0xffffffffu
#define S32_MAX 0x7fffffff
#define S32_MIN (-S32_MAX - 1)

/* ---- limits (Linux's values) ---- */
#define BPF_COMPLEXITY_LIMIT_INSNS 1000000 /* instructions processed over all paths */
#define BPF_COMPLEXITY_LIMIT_JMP_SEQ 8192  /* pending states */
#define BPF_COMPLEXITY_LIMIT_STATES 64     /* states remembered per instruction */
#define BPF_REG_SIZE 8
#define MAX_CALL_FRAMES BPF_MAX_CALL_DEPTH
#define BPF_MAX_SUBPROGS 256
#define BPF_MAX_VAR_OFF (1 << 29) /* largest variable offset added to a pointer */
#define BPF_MAX_VAR_SIZ (1 << 29) /* largest variable size given to a helper */
#define BPF_MAIN_FUNC (-1)
#define MAX_STACK_SLOTS (MAX_BPF_STACK / BPF_REG_SIZE)

/* log_level bits (Linux's BPF_LOG_*). */
#define BPF_LOG_LEVEL1 1
#define BPF_LOG_LEVEL2 2
#define BPF_LOG_LEVEL (BPF_LOG_LEVEL1 | BPF_LOG_LEVEL2)
#define BPF_LOG_STATS 4
#define BPF_LOG_FIXED 8

/* ---- values ---- */

/* What a register or spilled stack slot holds: a base type, possibly with flags. */
enum bpf_reg_type {
	NOT_INIT = 0,      /* never written: may not be read */
	SCALAR_VALUE,      /* a number */
	PTR_TO_CTX,        /* the program's context (struct pt_regs for a kprobe) */
	CONST_PTR_TO_MAP,  /* a map, from a 64-bit load of a map fd */
	PTR_TO_MAP_VALUE,  /* inside a map value: map_ptr says which map, so how large */
	PTR_TO_STACK,      /* into the stack of frame frameno */
	PTR_TO_MEM,        /* inside memory of mem_size bytes (a ring buffer record) */
	PTR_TO_FUNC,       /* a subprogram, from a 64-bit load of BPF_PSEUDO_FUNC */
	__BPF_REG_TYPE_MAX,

	BPF_BASE_TYPE_MASK = 0xff,
	PTR_MAYBE_NULL = 1 << 8, /* may be NULL: must be compared with 0 before use */
	MEM_RDONLY = 1 << 9,     /* points to memory the program may not write */
	MEM_RINGBUF = 1 << 10,   /* a ring buffer record: must be submitted or discarded */
};

static inline u32 base_type(u32 type)
{
	return type & BPF_BASE_TYPE_MASK;
}

/* Liveness marks (regs.c): was the value in this state read by a later instruction? */
enum bpf_reg_liveness {
	REG_LIVE_NONE = 0,
	REG_LIVE_READ = 1,    /* a descendant state depends on this value */
	REG_LIVE_WRITTEN = 2, /* written in this state: reads do not reach the parent */
	REG_LIVE_DONE = 4,    /* the state is fully explored; its unread values were cleared */
};

struct bpf_reg_state {
	/* The value. Pointers keep their offset in two parts: off, known exactly, and a
	 * variable part described by var_off and the ranges, as scalars are. */
	u32 type;
	s32 off;
	union {
		const struct bpf_map *map_ptr; /* CONST_PTR_TO_MAP, PTR_TO_MAP_VALUE */
		u32 mem_size;                  /* PTR_TO_MEM */
		u32 subprogno;                 /* PTR_TO_FUNC */
	};
	struct tnum var_off;
	s64 smin_value, smax_value;
	u64 umin_value, umax_value;
	s32 s32_min_value, s32_max_value;
	u32 u32_min_value, u32_max_value;
	/*
	 * Registers with the same non-zero id hold the same value: copies of one pointer that
	 * may be NULL (a NULL check on one settles all), or copies of one scalar (a comparison
	 * on one narrows all).
	 */
	u32 id;
	u32 ref_obj_id; /* the reference (ring buffer record) this pointer belongs to */
	u32 frameno;    /* PTR_TO_STACK: whose stack */

	/* Bookkeeping, not part of the value: ignored when two states are compared. */
	bool precise;                  /* this scalar's exact range matters (precise.c) */
	u8 live;                       /* enum bpf_reg_liveness */
	struct bpf_reg_state *parent;  /* the same register in the parent state */
	u32 origin;                    /* instruction that made the value, for explain.c */
};

/* What each byte of a stack slot holds. */
enum bpf_stack_slot_type {
	STACK_INVALID = 0, /* never written */
	STACK_SPILL,       /* part of a register saved whole: spilled_ptr */
	STACK_MISC,        /* some number */
	STACK_ZERO,        /* zero */
};

/* One 8-byte slot of the stack; slot_type[k] is the byte at the slot's lowest address + k. */
struct bpf_stack_state {
	struct bpf_reg_state spilled_ptr; /* the register saved here; its live marks the slot */
	u8 slot_type[BPF_REG_SIZE];
};

/* The registers and stack of one call frame. */
struct bpf_func_state {
	struct bpf_reg_state regs[MAX_BPF_REG];
	int callsite;          /* the call instruction in the caller; BPF_MAIN_FUNC for frame 0 */
	u32 frameno;
	u32 subprogno;
	u32 allocated_stack;   /* bytes described by stack[], a multiple of 8 */
	struct bpf_stack_state *stack; /* stack[i] is the slot at fp-8*(i+1) */
	bool in_callback_fn;   /* a bpf_loop callback: r0 at its exit must be 0 or 1 */
	u32 callback_entry;    /* in_callback_fn: env->cb_entries[callback_entry - 1] */
};

/* An instruction of the path reached other than by falling through, or a stack access. */
struct bpf_jmp_history_entry {
	u32 idx;      /* the instruction */
	u32 prev_idx; /* the one executed just before it */
	u32 flags;    /* INSN_F_* */
	u32 linked;   /* conditional jumps: registers a comparison also narrowed (by id) */
};
/* flags: a fixed-offset stack access, which frame and slot. */
#define INSN_F_STACK_ACCESS (1u << 31)
#define INSN_F_FRAMENO(f) ((u32)(f) << 8)
#define INSN_F_SPI(s) ((u32)(s))
#define INSN_F_GET_FRAMENO(fl) (((fl) >> 8) & 0xff)
#define INSN_F_GET_SPI(fl) ((fl) & 0xff)

/* A reference the program holds (a reserved ring buffer record) and where it was taken. */
struct bpf_reference_state {
	u32 id;
	u32 insn_idx;
};

/* Everything known at one point of one path. */
struct bpf_verifier_state {
	struct bpf_func_state *frame[MAX_CALL_FRAMES];
	struct bpf_verifier_state *parent; /* the last remembered state on this path */
	/*
	 * Paths from this state still being explored (this one included). A remembered state
	 * with branches > 0 is an ancestor of the current path: it may only be used to detect
	 * infinite loops, not for pruning, because its liveness and precision marks are not
	 * complete yet.
	 */
	u32 branches;
	u32 insn_idx;
	u32 curframe;
	u32 first_insn_idx; /* where this state's segment of the path starts */
	u32 last_insn_idx;  /* and ends */
	struct bpf_jmp_history_entry *jmp_history; /* the segment's jumps and stack accesses */
	u32 jmp_history_cnt;
	u32 jmp_history_cap;
	struct bpf_reference_state *refs;
	u32 acquired_refs;
	/*
	 * Registers of frame chain_frame whose values' whole chains are already marked precise
	 * in the ancestors (precise.c): walking for them again would find nothing new. Only
	 * the path being explored keeps them; a copy starts with none.
	 */
	u32 chain_marked;
	u32 chain_frame;
};

/* A remembered state (an explored state) in the list of its instruction. */
struct bpf_verifier_state_list {
	struct bpf_verifier_state state;
	struct bpf_verifier_state_list *next;
	u32 miss_cnt, hit_cnt;
};

/* A pending state: a direction not taken yet, to explore later. */
struct bpf_verifier_stack_elem {
	struct bpf_verifier_state st;
	u32 insn_idx;
	u32 prev_insn_idx;
	u64 log_pos; /* log_level 1 rewinds the log here: only the failing path stays */
	struct bpf_verifier_stack_elem *next;
};

/* What the verifier learns per instruction. */
struct bpf_insn_aux_data {
	const struct bpf_map *map_ptr; /* 64-bit map loads: the map */
	u32 map_off;                   /* BPF_PSEUDO_MAP_VALUE: offset in the value */
	u32 subprogno;                 /* the subprogram it belongs to */
	u32 callback_subprog;          /* BPF_PSEUDO_FUNC loads: the subprogram loaded */
	u32 visits;                    /* times processed, for the too-complex explanation */
	bool seen;                     /* some path reached it */
	bool prune_point;              /* states are compared here */
	bool jmp_point;                /* reached other than by falling through */
	bool force_checkpoint;         /* always remember a state here (loop heads) */
	bool loop_head;                /* target of a back-edge */
};

struct bpf_subprog_info {
	u32 start;        /* first instruction */
	u32 stack_depth;  /* bytes of stack it uses */
	bool is_cb;       /* called by a helper (bpf_loop), not by a call instruction */
	bool has_tail_call;
};

/* The log (log.c). */
struct bpf_verifier_log {
	u32 level;
	u64 ubuf;       /* user buffer, 0 for none */
	u32 len_total;  /* its size */
	char *buf;      /* our copy: a ring of cap bytes holding the end of the log */
	u32 cap;
	u32 cap_max;
	u64 start_pos;  /* the log is [start_pos, end_pos) of everything written */
	u64 end_pos;
	u64 len_max;    /* the largest end_pos ever: the size a complete log needs */
	u64 reason_pos; /* where the reason for refusing starts (U64_MAX: none) */
	bool nomem;
};

/* Old id -> current id, while two states are compared (states.c). */
#define BPF_ID_MAP_SIZE (MAX_BPF_REG + MAX_STACK_SLOTS) * MAX_CALL_FRAMES
struct bpf_idmap {
	u32 cnt;
	struct {
		u32 old, cur;
	} map[BPF_ID_MAP_SIZE];
};

/* Why the program was refused, for explain.c. */
enum bpf_fail_kind {
	FAIL_NONE = 0,
	FAIL_MAYBE_NULL,     /* reg: a pointer that may be NULL, used */
	FAIL_UNINIT_REG,     /* reg: never written on this path */
	FAIL_UNINIT_STACK,   /* off/size: stack bytes read before written */
	FAIL_MEM_BOUNDS,     /* reg/off/size: outside a map value or memory */
	FAIL_INFINITE_LOOP,  /* loop_head */
	FAIL_TOO_COMPLEX,    /* the budget ran out */
	FAIL_LEAKED_REF,     /* ref_insn: a ring buffer record not submitted or discarded */
	FAIL_EXIT_R0,        /* r0 at exit not a scalar in the expected range */
	FAIL_HELPER_ARG,     /* reg: an argument of the wrong kind */
	FAIL_BAD_PTR,        /* reg: memory accessed through something that is no pointer to it */
};

struct bpf_verifier_failure {
	enum bpf_fail_kind kind;
	u32 insn_idx;
	u32 regno;
	u32 origin;          /* where the value came from */
	s32 off, size;       /* the access */
	u32 loop_head;
	struct bpf_reg_state reg; /* the offending register, as it was */
	char what[64];       /* e.g. the helper name */
};

/* Registers a precision backtrack still looks for, per frame (precise.c). */
struct backtrack_state {
	u32 frame;
	u32 reg_masks[MAX_CALL_FRAMES];
	u64 stack_masks[MAX_CALL_FRAMES];
};

struct bpf_verifier_env {
	struct bpf_prog *prog;
	const struct bpf_insn *insns;
	u32 len;
	const struct bpf_prog_type_ops *ops;
	struct bpf_insn_aux_data *insn_aux;
	struct bpf_subprog_info subprog_info[BPF_MAX_SUBPROGS + 1]; /* +1: end sentinel */
	u32 subprog_cnt;

	struct bpf_verifier_state *cur_state;
	struct bpf_verifier_state_list **explored_states; /* per instruction */
	struct bpf_verifier_state_list *free_list;        /* evicted but maybe still parents */
	struct bpf_verifier_stack_elem *head;             /* pending states */
	u32 stack_size;
	u32 insn_idx, prev_insn_idx;
	int cur_hist_ent;     /* the history entry of the current instruction, or -1 */
	u64 insn_log_pos;     /* where the current instruction's line starts in the log */
	u32 id_gen;
	bool allow_ptr_leaks; /* tracing programs are privileged: pointers may be stored */

	struct bpf_verifier_log log;
	u32 scratched_regs;          /* registers and slots the current instruction touched */
	u64 scratched_stack_slots;
	u64 prev_log_pos, prev_insn_print_pos;

	/* statistics */
	u32 insn_processed, prev_insn_processed;
	u32 jmps_processed, prev_jmps_processed;
	u32 total_states, peak_states, max_states_per_insn, longest_mark_read_walk;
	u64 verification_time;

	struct bpf_verifier_state **cb_entries; /* callers' states a callback must leave as found */
	u32 nr_cb_entries;

	struct bpf_idmap idmap_scratch;
	struct backtrack_state bt;
	u32 chain_walked; /* registers the current instruction walked for (precise.c) */
	struct bpf_verifier_failure fail;
};

/* Operand kinds of check_reg_arg. */
enum reg_arg_type {
	SRC_OP,          /* read */
	DST_OP,          /* written: the old value is gone */
	DST_OP_NO_MARK,  /* written, but the caller sets the new value itself */
};

static inline struct bpf_func_state *cur_func(struct bpf_verifier_env *env)
{
	return env->cur_state->frame[env->cur_state->curframe];
}

static inline struct bpf_reg_state *cur_regs(struct bpf_verifier_env *env)
{
	return cur_func(env)->regs;
}

static inline bool reg_is_ptr(const struct bpf_reg_state *reg)
{
	return reg->type != SCALAR_VALUE && reg->type != NOT_INIT;
}

static inline bool type_may_be_null(u32 type)
{
	return type & PTR_MAYBE_NULL;
}

/* ---- log.c ---- */
int bpf_vlog_init(struct bpf_verifier_log *log, u32 level, u64 ubuf, u32 size);
void bpf_vlog_free(struct bpf_verifier_log *log);
void verbose(struct bpf_verifier_env *env, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bpf_vlog_reset(struct bpf_verifier_log *log, u64 new_pos);
void bpf_vlog_mark_reason(struct bpf_verifier_log *log);
void bpf_vlog_end_line(struct bpf_verifier_log *log);
int bpf_vlog_finalize(struct bpf_verifier_log *log);
static inline bool bpf_verifier_log_needed(const struct bpf_verifier_log *log)
{
	return log->level != 0;
}

/* ---- print.c ---- */
/* The name of a register type ("map_value_or_null") in buf of REG_TYPE_STR_LEN bytes. */
#define REG_TYPE_STR_LEN 40
const char *reg_type_name(u32 type, char *buf);
#define reg_type_str(type) reg_type_name((type), (char[REG_TYPE_STR_LEN]){ 0 })
void print_verifier_state(struct bpf_verifier_env *env, const struct bpf_verifier_state *st,
			  u32 frameno, bool print_all);
void print_insn_state(struct bpf_verifier_env *env, const struct bpf_verifier_state *st,
		      u32 frameno);
void verbose_insn(struct bpf_verifier_env *env, u32 idx);
void print_reg_brief(char *buf, size_t size, const struct bpf_reg_state *reg);
void mark_reg_scratched(struct bpf_verifier_env *env, u32 regno);
void mark_stack_slot_scratched(struct bpf_verifier_env *env, u32 spi);
void mark_verifier_state_clean(struct bpf_verifier_env *env);
void mark_verifier_state_scratched(struct bpf_verifier_env *env);

/* ---- explain.c ---- */
void explain_failure(struct bpf_verifier_env *env);
void fail_note(struct bpf_verifier_env *env, enum bpf_fail_kind kind, u32 regno,
	       const struct bpf_reg_state *reg);

/* ---- regs.c ---- */
void mark_reg_not_init(struct bpf_reg_state *reg);
void mark_reg_unknown(struct bpf_verifier_env *env, struct bpf_reg_state *reg);
void mark_reg_known(struct bpf_reg_state *reg, u64 imm);
void mark_reg_known_zero(struct bpf_reg_state *reg);
void mark_ptr_reg(struct bpf_reg_state *reg, u32 type);
void copy_register_state(struct bpf_reg_state *dst, const struct bpf_reg_state *src);
void init_func_state(struct bpf_verifier_env *env, struct bpf_func_state *state, int callsite,
		     u32 frameno, u32 subprogno);
int check_reg_arg(struct bpf_verifier_env *env, u32 regno, enum reg_arg_type t);
int mark_reg_read(struct bpf_verifier_env *env, const struct bpf_reg_state *state,
		  struct bpf_reg_state *parent);
bool is_reg_const(const struct bpf_reg_state *reg, bool subreg32);
u64 reg_const_value(const struct bpf_reg_state *reg, bool subreg32);
u32 new_id(struct bpf_verifier_env *env);

/* ---- bounds.c ---- */
void mark_reg_unbounded(struct bpf_reg_state *reg);
void mark_reg32_unbounded(struct bpf_reg_state *reg);
void reg_bounds_sync(struct bpf_reg_state *reg);
bool reg_bounds_valid(const struct bpf_reg_state *reg);
void reg_bounds_from_var_off(struct bpf_reg_state *reg);
void zext_32_to_64(struct bpf_reg_state *reg);
void coerce_reg_to_size(struct bpf_reg_state *reg, int size);
void coerce_reg_to_size_sx(struct bpf_reg_state *reg, int size);
void coerce_subreg_to_size_sx(struct bpf_reg_state *reg, int size);
void scalar_alu(struct bpf_reg_state *dst, const struct bpf_reg_state *src, u8 opcode,
		bool alu32);
void scalar_neg(struct bpf_reg_state *dst, bool alu32);
void scalar_bswap(struct bpf_reg_state *dst, u32 bits, bool to_be, bool alu64);

/* ---- alu.c ---- */
int check_alu_op(struct bpf_verifier_env *env, const struct bpf_insn *insn);

/* ---- jmp.c ---- */
int check_cond_jmp_op(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 *insn_idx);
u32 linked_mask(const struct bpf_func_state *frame, u32 regno);
int is_branch_taken(const struct bpf_reg_state *r1, const struct bpf_reg_state *r2, u8 opcode,
		    bool is_jmp32);
int reg_set_min_max(struct bpf_reg_state *true_reg1, struct bpf_reg_state *true_reg2,
		    struct bpf_reg_state *false_reg1, struct bpf_reg_state *false_reg2,
		    u8 opcode, bool is_jmp32);

/* ---- mem.c ---- */
enum bpf_access_src { ACCESS_DIRECT = 1, ACCESS_HELPER = 2 };
int check_mem_access(struct bpf_verifier_env *env, u32 insn_idx, u32 regno, s32 off,
		     int bpf_size, enum bpf_access_type t, int value_regno,
		     const struct bpf_reg_state *value, bool sx);
int check_load_store(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 insn_idx);
int check_atomic(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 insn_idx);
int check_helper_mem_access(struct bpf_verifier_env *env, u32 regno, u32 access_size,
			    bool zero_size_allowed, bool write, bool *raw_stack);
int check_mem_region_access(struct bpf_verifier_env *env, u32 regno, s32 off, int size,
			    u32 mem_size, bool zero_size_allowed);
int grow_stack_state(struct bpf_func_state *state, u32 size);
void mark_stack_range_written(struct bpf_verifier_env *env, const struct bpf_reg_state *reg,
			      u32 size_min, u32 size_max);
int get_spi(s32 off);
bool is_spilled_reg(const struct bpf_stack_state *stack);

/* ---- calls.c ---- */
int check_helper_call(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 *insn_idx);
int check_func_call(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 *insn_idx);
int prepare_func_exit(struct bpf_verifier_env *env, u32 *insn_idx);
int check_reference_leak(struct bpf_verifier_env *env, bool exception_exit);
int check_max_stack_depth(struct bpf_verifier_env *env);
int acquire_reference(struct bpf_verifier_env *env, u32 insn_idx);

/* ---- cfg.c ---- */
int check_structure(struct bpf_verifier_env *env);
int resolve_ld_imm64(struct bpf_verifier_env *env);
int check_subprogs(struct bpf_verifier_env *env);
int check_cfg(struct bpf_verifier_env *env);
int find_subprog(struct bpf_verifier_env *env, u32 off);

/* ---- states.c ---- */
int copy_verifier_state(struct bpf_verifier_state *dst, const struct bpf_verifier_state *src);
void free_verifier_state(struct bpf_verifier_state *state, bool free_self);
void free_func_state(struct bpf_func_state *state);
int copy_func_state(struct bpf_func_state *dst, const struct bpf_func_state *src);
int push_stack(struct bpf_verifier_env *env, u32 insn_idx, u32 prev_insn_idx,
	       struct bpf_verifier_state **branch);
int pop_stack(struct bpf_verifier_env *env, u32 *prev_insn_idx, u32 *insn_idx, bool pop_log);
void update_branch_counts(struct bpf_verifier_env *env, struct bpf_verifier_state *st);
int is_state_visited(struct bpf_verifier_env *env, u32 insn_idx);
int push_jmp_history(struct bpf_verifier_env *env, struct bpf_verifier_state *cur, u32 flags,
		     u32 linked);
struct bpf_jmp_history_entry *get_jmp_hist_entry(struct bpf_verifier_state *st, u32 hist_end,
						 u32 insn_idx);
void free_explored_states(struct bpf_verifier_env *env);

/* ---- precise.c ---- */
int mark_chain_precision(struct bpf_verifier_env *env, int regno);
int mark_chain_precision_stack(struct bpf_verifier_env *env, u32 frameno, u32 spi);
void mark_all_scalars_precise(struct bpf_verifier_env *env, struct bpf_verifier_state *st);
int propagate_precision(struct bpf_verifier_env *env, const struct bpf_verifier_state *old);
u32 chain_marks_before(struct bpf_verifier_env *env);
void chain_marks_after(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 frame,
		       u32 marked);

#endif /* BPF_VERIFIER_VERIFIER_H */
