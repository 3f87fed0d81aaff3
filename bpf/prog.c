/*
 * bpf/prog.c - programs as objects: BPF_PROG_LOAD (bpf_prog_load), reference counts, ids,
 * the tag, run statistics, callbacks, and BPF_OBJ_GET_INFO_BY_FD for programs.
 *
 * bpf_prog_load follows Linux's order:
 *   1. check the attributes (flags, size, type, log buffer)
 *   2. copy the instructions and the license in; name the program
 *   3. build the helper table from the program type (bpf_prog_fill_helpers)
 *   4. each helper call allowed to this program (check_helper_calls: type, GPL license), then
 *      the structural check (bpf_insn_check): opcodes, registers, jumps, 64-bit loads
 *   5. the tag, over the instructions as user space gave them
 *   6. resolve 64-bit loads: a map fd becomes the map's address (BPF_PSEUDO_MAP_FD), a map fd
 *      and offset the value's address (BPF_PSEUDO_MAP_VALUE), a subprogram a callback
 *      (BPF_PSEUDO_FUNC); src_reg keeps saying which, and each map is held in used_maps
 *   7. bpf_check, the verifier (bpf/verifier/), which may refuse with a log
 *   8. bpf_prog_select_runtime: JIT or interpreter
 *   9. id, kallsyms-style name bpf_prog_<tag>_<name>, fd
 * Each step that can fail unwinds through bpf_prog_put, which releases what was taken so far.
 *
 * Read next: bpf/test_run.c, bpf/syscall.c.
 */
#include "bpf/disasm.h"
#include "bpf/ids.h"
#include "bpf/insn.h"
#include "bpf/prog_aux.h"
#include "bpf/sha1.h"
#include "bpf/syscall.h"

#define BPF_COMPLEXITY_LIMIT_INSNS 1000000
#define MAX_USED_MAPS		   64
#define BPF_LOG_MIN_SIZE	   128
#define BPF_LOG_LEVEL_MASK	   0xf /* BPF_LOG_LEVEL1, _LEVEL2, _STATS, _FIXED */
#define BPF_PROG_LOAD_FLAGS                                                                        \
	(BPF_F_STRICT_ALIGNMENT | BPF_F_ANY_ALIGNMENT | BPF_F_TEST_STATE_FREQ | BPF_F_SLEEPABLE |  \
	 BPF_F_TEST_RND_HI32 | BPF_F_XDP_HAS_FRAGS)

int bpf_stats_enabled;
static struct bpf_idr prog_idr;

/* ---- references and ids ---- */

void bpf_prog_inc(struct bpf_prog *prog)
{
	prog->aux->refcnt++;
}

static void prog_free_aux(struct bpf_prog *prog)
{
	struct bpf_prog_aux *aux = prog->aux;

	for (u32 i = 0; i < aux->used_map_cnt; i++)
		bpf_map_put(aux->used_maps[i]);
	bpf_env_free(aux->used_maps);
	for (u32 i = 0; i < aux->nr_callbacks; i++)
		bpf_env_free(aux->callbacks[i]);
	bpf_env_free(aux->callbacks);
	bpf_env_free(aux->helper_table);
	bpf_env_free(aux);
	prog->aux = NULL;
}

void bpf_prog_put(struct bpf_prog *prog)
{
	if (--prog->aux->refcnt)
		return;
	if (prog->aux->id) {
		unsigned long flags = bpf_env_irq_save();

		bpf_idr_remove(&prog_idr, prog->aux->id);
		bpf_env_irq_restore(flags);
	}
	prog_free_aux(prog);
	bpf_prog_free(prog);
}

int bpf_prog_get(int ufd, struct bpf_prog **prog)
{
	void *object;
	int err = bpf_env_fd_lookup(ufd, BPF_FD_PROG, &object, NULL);

	if (err)
		return err;
	*prog = object;
	bpf_prog_inc(*prog);
	return 0;
}

struct bpf_prog *bpf_prog_find_by_id(u32 id)
{
	return bpf_idr_find(&prog_idr, id);
}

struct bpf_prog *bpf_prog_get_next_by_id(u32 *id)
{
	return bpf_idr_get_next(&prog_idr, id);
}

const struct bpf_prog *bpf_prog_ksym_find(u64 addr)
{
	const struct bpf_prog *prog;
	u32 id = 0;

	while ((prog = bpf_prog_get_next_by_id(&id)))
		if (prog->jited && addr - (u64)(uintptr_t)prog->jit_image < prog->jited_len)
			return prog;
	return NULL;
}

/* ---- running ---- */

u64 bpf_prog_run_stats(const struct bpf_prog *prog, const void *ctx)
{
	u64 start = bpf_env_time_ns();
	u64 ret = prog->bpf_func((u64)(uintptr_t)ctx, 0, prog);

	prog->aux->run_time_ns += bpf_env_time_ns() - start;
	prog->aux->run_cnt++;
	return ret;
}

u64 bpf_callback_call(const struct bpf_callback *cb, u64 r1, u64 r2)
{
	struct bpf_prog sub;

	if (cb->jit_func)
		return cb->jit_func(r1, r2, cb->owner);
	/* The subprogram as a program of its own: same helpers, first instruction its own. */
	sub = *cb->owner;
	sub.insnsi += cb->insn_off;
	sub.len -= cb->insn_off;
	sub.bpf_func = ___bpf_prog_run;
	sub.jited = false;
	return ___bpf_prog_run(r1, r2, &sub);
}

/* ---- the tag ---- */

static bool is_map_load(const struct bpf_insn *insn)
{
	return bpf_insn_is_ld_imm64(insn) &&
	       (insn->src_reg == BPF_PSEUDO_MAP_FD || insn->src_reg == BPF_PSEUDO_MAP_VALUE);
}

void bpf_prog_calc_tag(struct bpf_prog *prog)
{
	struct bpf_insn *copy = bpf_env_alloc(prog->len * sizeof(*copy));
	u8 digest[SHA1_DIGEST_SIZE];

	if (!copy) {
		memset(prog->tag, 0, sizeof(prog->tag));
		return;
	}
	memcpy(copy, prog->insnsi, prog->len * sizeof(*copy));
	/* Map fds differ from one load to the next; the tag must not. */
	for (u32 i = 0; i + 1 < prog->len; i++) {
		if (is_map_load(&copy[i])) {
			copy[i].imm = 0;
			copy[i + 1].imm = 0;
			i++;
		}
	}
	bpf_sha1(copy, prog->len * sizeof(*copy), digest);
	memcpy(prog->tag, digest, sizeof(prog->tag));
	bpf_env_free(copy);
}

/* ---- the load path ---- */

/* Write a message to the user's log buffer, when there is one; the errno stays the caller's. */
static void load_log(const union bpf_attr *attr, const char *msg)
{
	char buf[256];
	u32 len;

	if (!attr->log_level || !attr->log_buf || !attr->log_size)
		return;
	len = (u32)snprintf(buf, sizeof(buf), "%s\n", msg);
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	if (len >= attr->log_size)
		len = attr->log_size - 1;
	buf[len] = '\0';
	bpf_env_copy_to_user((void *)(uintptr_t)attr->log_buf, buf, len + 1);
}

static bool license_is_gpl_compatible(const char *license)
{
	static const char *const gpl[] = {
	    "GPL",	    "GPL v2",	    "GPL and additional rights",
	    "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL",
	};

	for (u32 i = 0; i < ARRAY_SIZE(gpl); i++)
		if (!strcmp(license, gpl[i]))
			return true;
	return false;
}

/* The helper table: every helper the program type allows. */
static int bpf_prog_fill_helpers(struct bpf_prog *prog)
{
	const struct bpf_prog_type_ops *ops = prog->aux->ops;
	bpf_helper_fn *table = bpf_env_alloc(__BPF_FUNC_MAX_ID * sizeof(*table));

	if (!table)
		return -ENOMEM;
	for (u32 id = 0; id < __BPF_FUNC_MAX_ID; id++) {
		const struct bpf_func_proto *proto = ops->get_func_proto(id, prog);

		if (proto)
			table[id] = proto->func;
	}
	prog->aux->helper_table = table;
	prog->helpers = table;
	prog->nr_helpers = __BPF_FUNC_MAX_ID;
	return 0;
}

/*
 * Every helper call names a helper of the program type, and a gpl_only one only from a
 * GPL-compatible program. The messages are the verifier's, so a program refused here reads
 * the same as on Linux.
 */
static int check_helper_calls(struct bpf_prog *prog, const union bpf_attr *attr)
{
	char msg[128];

	for (u32 i = 0; i < prog->len; i++) {
		const struct bpf_insn *insn = &prog->insnsi[i];
		const struct bpf_func_proto *proto = NULL;
		const char *name;

		if (bpf_insn_is_ld_imm64(insn)) {
			i++;
			continue;
		}
		if (insn->code != (BPF_JMP | BPF_CALL) || insn->src_reg)
			continue;
		if (insn->imm >= 0 && insn->imm < __BPF_FUNC_MAX_ID)
			proto = prog->aux->ops->get_func_proto((u32)insn->imm, prog);
		if (!proto) {
			name = bpf_helper_name(insn->imm);
			snprintf(msg, sizeof(msg), "%u: unknown func %s#%d", i, name ? name : "",
				 insn->imm);
			load_log(attr, msg);
			return -EINVAL;
		}
		if (proto->gpl_only && !prog->gpl_compatible) {
			snprintf(msg, sizeof(msg),
				 "%u: cannot call GPL-restricted function from "
				 "non-GPL compatible program",
				 i);
			load_log(attr, msg);
			return -EINVAL;
		}
	}
	return 0;
}

static int add_used_map(struct bpf_prog *prog, struct bpf_map *map)
{
	struct bpf_prog_aux *aux = prog->aux;
	struct bpf_map **maps;

	for (u32 i = 0; i < aux->used_map_cnt; i++) {
		if (aux->used_maps[i] == map) {
			bpf_map_put(map); /* already held once */
			return 0;
		}
	}
	if (aux->used_map_cnt >= MAX_USED_MAPS) {
		bpf_map_put(map);
		return -E2BIG;
	}
	maps = bpf_env_alloc((aux->used_map_cnt + 1) * sizeof(*maps));
	if (!maps) {
		bpf_map_put(map);
		return -ENOMEM;
	}
	if (aux->used_map_cnt)
		memcpy(maps, aux->used_maps, aux->used_map_cnt * sizeof(*maps));
	maps[aux->used_map_cnt++] = map;
	bpf_env_free(aux->used_maps);
	aux->used_maps = maps;
	return 0;
}

static int add_callback(struct bpf_prog *prog, u32 target, struct bpf_callback **cbp)
{
	struct bpf_prog_aux *aux = prog->aux;
	struct bpf_callback **cbs, *cb = bpf_env_alloc(sizeof(*cb));

	if (!cb)
		return -ENOMEM;
	cbs = bpf_env_alloc((aux->nr_callbacks + 1) * sizeof(*cbs));
	if (!cbs) {
		bpf_env_free(cb);
		return -ENOMEM;
	}
	if (aux->nr_callbacks)
		memcpy(cbs, aux->callbacks, aux->nr_callbacks * sizeof(*cbs));
	cb->owner = prog;
	cb->insn_off = target;
	cbs[aux->nr_callbacks++] = cb;
	bpf_env_free(aux->callbacks);
	aux->callbacks = cbs;
	*cbp = cb;
	return 0;
}

static void set_imm64(struct bpf_insn *insn, u64 value)
{
	insn[0].imm = (s32)(u32)value;
	insn[1].imm = (s32)(u32)(value >> 32);
}

/* Is idx the second slot of a 64-bit load? */
static bool is_second_slot(const struct bpf_prog *prog, u32 idx)
{
	for (u32 i = 0; i < prog->len; i++) {
		if (i == idx)
			return false;
		if (bpf_insn_is_ld_imm64(&prog->insnsi[i]) && ++i == idx)
			return true;
	}
	return false;
}

/* Step 6: turn map fds and subprogram offsets of 64-bit loads into addresses. */
static int resolve_pseudo_ldimm64(struct bpf_prog *prog, const union bpf_attr *attr)
{
	char msg[128];

	for (u32 i = 0; i + 1 < prog->len; i++) {
		struct bpf_insn *insn = &prog->insnsi[i];
		struct bpf_map *map;
		u64 addr;
		int err;

		if (!bpf_insn_is_ld_imm64(insn))
			continue;
		switch (insn->src_reg) {
		case 0:
			break;
		case BPF_PSEUDO_MAP_FD:
		case BPF_PSEUDO_MAP_VALUE:
			if (insn->src_reg == BPF_PSEUDO_MAP_FD && insn[1].imm) {
				snprintf(msg, sizeof(msg), "%u: unrecognized bpf_ld_imm64 insn", i);
				load_log(attr, msg);
				return -EINVAL;
			}
			err = bpf_map_get(insn->imm, &map);
			if (err) {
				snprintf(msg, sizeof(msg),
					 "%u: fd %d is not pointing to valid bpf_map", i,
					 insn->imm);
				load_log(attr, msg);
				return err;
			}
			addr = (u64)(uintptr_t)map;
			if (insn->src_reg == BPF_PSEUDO_MAP_VALUE) {
				u32 off = (u32)insn[1].imm;

				err = map->ops->map_direct_value_addr
					  ? map->ops->map_direct_value_addr(map, &addr, off)
					  : -EINVAL;
				if (err) {
					snprintf(msg, sizeof(msg),
						 "%u: invalid access to map value "
						 "pointer, value_size=%u off=%u",
						 i, map->value_size, off);
					load_log(attr, msg);
					bpf_map_put(map);
					return err == -ENOTSUPP ? -EINVAL : err;
				}
				addr += off;
			}
			err = add_used_map(prog, map);
			if (err)
				return err;
			set_imm64(insn, addr);
			break;
		case BPF_PSEUDO_FUNC: {
			s64 target = (s64)i + 1 + insn->imm;
			struct bpf_callback *cb;

			if (insn[1].imm || target < 0 || target >= prog->len ||
			    is_second_slot(prog, (u32)target)) {
				snprintf(msg, sizeof(msg), "%u: invalid subprogram target %lld", i,
					 (long long)target);
				load_log(attr, msg);
				return -EINVAL;
			}
			err = add_callback(prog, (u32)target, &cb);
			if (err)
				return err;
			set_imm64(insn, (u64)(uintptr_t)cb);
			break;
		}
		default:
			snprintf(msg, sizeof(msg), "%u: unsupported bpf_ld_imm64 source %u", i,
				 insn->src_reg);
			load_log(attr, msg);
			return -EINVAL;
		}
		i++;
	}
	return 0;
}

struct bpf_map *bpf_prog_insn_map(const struct bpf_prog *prog, const struct bpf_insn *insn,
				  u32 *off)
{
	u64 imm = (u64)(u32)insn[0].imm | (u64)(u32)insn[1].imm << 32;
	struct bpf_prog_aux *aux = prog->aux;

	for (u32 i = 0; i < aux->used_map_cnt; i++) {
		struct bpf_map *map = aux->used_maps[i];

		if (insn->src_reg == BPF_PSEUDO_MAP_FD && imm == (u64)(uintptr_t)map) {
			*off = 0;
			return map;
		}
		if (insn->src_reg == BPF_PSEUDO_MAP_VALUE && map->ops->map_direct_value_meta &&
		    !map->ops->map_direct_value_meta(map, imm, off))
			return map;
	}
	return NULL;
}

/* A program that tail-calls through a PROG_ARRAY must match the programs in it. */
static int check_tail_call_maps(struct bpf_prog *prog)
{
	for (u32 i = 0; i < prog->aux->used_map_cnt; i++) {
		struct bpf_map *map = prog->aux->used_maps[i];

		if (map->map_type == BPF_MAP_TYPE_PROG_ARRAY &&
		    !bpf_prog_array_compatible(map, prog))
			return -EINVAL;
	}
	return 0;
}

static void make_ksym_name(struct bpf_prog *prog)
{
	static const char hex[] = "0123456789abcdef";
	char *p = prog->aux->ksym_name;

	memcpy(p, "bpf_prog_", 9);
	p += 9;
	for (u32 i = 0; i < BPF_TAG_SIZE; i++) {
		*p++ = hex[prog->tag[i] >> 4];
		*p++ = hex[prog->tag[i] & 15];
	}
	if (prog->aux->name[0]) {
		*p++ = '_';
		memcpy(p, prog->aux->name, strlen(prog->aux->name) + 1);
	} else {
		*p = '\0';
	}
}

/* Step 1: the attributes, before anything is allocated. */
static int check_load_attr(const union bpf_attr *attr)
{
	if (attr->prog_flags & ~BPF_PROG_LOAD_FLAGS)
		return -EINVAL;
	if (!attr->insn_cnt || attr->insn_cnt > BPF_COMPLEXITY_LIMIT_INSNS)
		return -E2BIG;
	if (!bpf_prog_type_ops(attr->prog_type))
		return -EINVAL;
	if (attr->log_level || attr->log_buf || attr->log_size) {
		if (attr->log_size < BPF_LOG_MIN_SIZE || attr->log_size > 0xffffffffu >> 2 ||
		    !attr->log_level || !attr->log_buf || attr->log_level & ~BPF_LOG_LEVEL_MASK)
			return -EINVAL;
	}
	return 0;
}

/* Step 2: a program holding a copy of the user's instructions, with its aux. */
static int copy_prog_in(const union bpf_attr *attr, struct bpf_prog **progp)
{
	size_t size = (size_t)attr->insn_cnt * sizeof(struct bpf_insn);
	struct bpf_insn *insns = bpf_env_alloc(size);
	struct bpf_prog *prog;
	int err;

	if (!insns)
		return -ENOMEM;
	err = bpf_env_copy_from_user(insns, (const void *)(uintptr_t)attr->insns, size);
	if (err) {
		bpf_env_free(insns);
		return -EFAULT;
	}
	prog = bpf_prog_alloc(insns, attr->insn_cnt);
	bpf_env_free(insns);
	if (!prog)
		return -ENOMEM;
	prog->aux = bpf_env_alloc(sizeof(*prog->aux));
	if (!prog->aux) {
		bpf_prog_free(prog);
		return -ENOMEM;
	}
	prog->aux->refcnt = 1;
	*progp = prog;
	return 0;
}

int bpf_prog_load(const union bpf_attr *attr, union bpf_attr *uattr)
{
	struct bpf_env_task task;
	struct bpf_prog *prog;
	char license[128], msg[192];
	int err, fd;

	err = check_load_attr(attr);
	if (err)
		return err;
	err = copy_prog_in(attr, &prog);
	if (err)
		return err;

	prog->type = attr->prog_type;
	prog->expected_attach_type = attr->expected_attach_type;
	prog->aux->ops = bpf_prog_type_ops(attr->prog_type);
	prog->aux->load_time = bpf_env_time_ns();
	if (!bpf_env_current_task(&task))
		prog->aux->created_by_uid = task.uid;
	memset(license, 0, sizeof(license));
	if (bpf_env_strncpy_from_user(license, (const char *)(uintptr_t)attr->license,
				      sizeof(license) - 1) < 0) {
		err = -EFAULT;
		goto fail;
	}
	prog->gpl_compatible = license_is_gpl_compatible(license);
	err = bpf_obj_name_cpy(prog->aux->name, attr->prog_name, sizeof(attr->prog_name));
	if (err < 0)
		goto fail;

	err = bpf_prog_fill_helpers(prog);
	if (err)
		goto fail;
	err = check_helper_calls(prog, attr);
	if (err)
		goto fail;
	err = bpf_insn_check(prog, BPF_INSN_ALLOW_PSEUDO_LD, msg, sizeof(msg));
	if (err) {
		load_log(attr, msg);
		goto fail;
	}
	bpf_prog_calc_tag(prog);
	err = resolve_pseudo_ldimm64(prog, attr);
	if (err)
		goto fail;
	err = bpf_check(prog, attr, uattr);
	if (err)
		goto fail;
	err = bpf_prog_select_runtime(prog);
	if (err)
		goto fail;
	err = check_tail_call_maps(prog);
	if (err)
		goto fail;
	make_ksym_name(prog);

	{
		unsigned long flags = bpf_env_irq_save();

		err = bpf_idr_alloc(&prog_idr, prog, &prog->aux->id);
		bpf_env_irq_restore(flags);
	}
	if (err)
		goto fail;
	fd = bpf_env_fd_install(BPF_FD_PROG, prog, BPF_FD_READ | BPF_FD_WRITE);
	if (fd < 0) {
		err = fd;
		goto fail;
	}
	return fd;

fail:
	bpf_prog_put(prog);
	return err;
}

/* ---- BPF_OBJ_GET_INFO_BY_FD ---- */

/* The instructions as user space may see them: map addresses back to ids, callbacks back to
 * offsets (Linux's bpf_insn_prepare_dump). */
static struct bpf_insn *prepare_dump(const struct bpf_prog *prog)
{
	struct bpf_insn *insns = bpf_env_alloc(prog->len * sizeof(*insns));

	if (!insns)
		return NULL;
	memcpy(insns, prog->insnsi, prog->len * sizeof(*insns));
	for (u32 i = 0; i + 1 < prog->len; i++) {
		struct bpf_insn *insn = &insns[i];
		struct bpf_map *map;
		u32 off = 0;

		if (!bpf_insn_is_ld_imm64(insn))
			continue;
		if (is_map_load(insn)) {
			map = bpf_prog_insn_map(prog, &prog->insnsi[i], &off);
			insn[0].imm = map ? (s32)map->id : 0;
			insn[1].imm = (s32)off;
		} else if (insn->src_reg == BPF_PSEUDO_FUNC) {
			u64 addr = (u64)(u32)insn[0].imm | (u64)(u32)insn[1].imm << 32;
			const struct bpf_callback *cb = (const void *)(uintptr_t)addr;

			insn[0].imm = (s32)cb->insn_off - (s32)i - 1;
			insn[1].imm = 0;
		}
		i++;
	}
	return insns;
}

/* Copy min(have, room) bytes to a user buffer given in the info; 0 or -EFAULT. */
static int copy_array_out(u64 ubuf, const void *src, u32 have, u32 room)
{
	u32 n = have < room ? have : room;

	if (!n)
		return 0;
	return bpf_env_copy_to_user((void *)(uintptr_t)ubuf, src, n) ? -EFAULT : 0;
}

int bpf_prog_get_info_by_fd(struct bpf_prog *prog, const union bpf_attr *attr,
			    union bpf_attr *uattr)
{
	struct bpf_prog_aux *aux = prog->aux;
	struct bpf_prog_info info;
	u32 info_len = attr->info.info_len, ulen;
	void *uinfo = (void *)(uintptr_t)attr->info.info;
	int err;

	err = bpf_check_uarg_tail_zero(uinfo, sizeof(info), info_len);
	if (err)
		return err;
	if (info_len > sizeof(info))
		info_len = sizeof(info);
	memset(&info, 0, sizeof(info));
	if (bpf_env_copy_from_user(&info, uinfo, info_len))
		return -EFAULT;

	info.type = prog->type;
	info.id = aux->id;
	info.load_time = aux->load_time;
	info.created_by_uid = aux->created_by_uid;
	info.gpl_compatible = prog->gpl_compatible;
	memcpy(info.tag, prog->tag, sizeof(info.tag));
	memcpy(info.name, aux->name, sizeof(info.name));
	info.run_time_ns = aux->run_time_ns;
	info.run_cnt = aux->run_cnt;
	info.verified_insns = aux->verified_insns;

	ulen = info.nr_map_ids;
	info.nr_map_ids = aux->used_map_cnt;
	if (ulen && info.nr_map_ids) {
		u32 ids[MAX_USED_MAPS];

		for (u32 i = 0; i < aux->used_map_cnt; i++)
			ids[i] = aux->used_maps[i]->id;
		err = copy_array_out(info.map_ids, ids, info.nr_map_ids * 4, ulen * 4);
		if (err)
			return err;
	}

	ulen = info.xlated_prog_len;
	info.xlated_prog_len = prog->len * sizeof(struct bpf_insn);
	if (ulen && info.xlated_prog_insns) {
		struct bpf_insn *dump = prepare_dump(prog);

		if (!dump)
			return -ENOMEM;
		err = copy_array_out(info.xlated_prog_insns, dump, info.xlated_prog_len, ulen);
		bpf_env_free(dump);
		if (err)
			return err;
	}

	ulen = info.jited_prog_len;
	info.jited_prog_len = prog->jited ? prog->jited_len : 0;
	if (ulen && info.jited_prog_insns && prog->jited) {
		err = copy_array_out(info.jited_prog_insns, prog->jit_image, info.jited_prog_len,
				     ulen);
		if (err)
			return err;
	}

	/* One function per program: its image address and length. */
	ulen = info.nr_jited_ksyms;
	info.nr_jited_ksyms = prog->jited ? 1 : 0;
	if (ulen && info.nr_jited_ksyms && info.jited_ksyms) {
		u64 addr = (u64)(uintptr_t)prog->bpf_func;

		if (copy_array_out(info.jited_ksyms, &addr, sizeof(addr), ulen * 8))
			return -EFAULT;
	}
	ulen = info.nr_jited_func_lens;
	info.nr_jited_func_lens = prog->jited ? 1 : 0;
	if (ulen && info.nr_jited_func_lens && info.jited_func_lens) {
		u32 len = prog->jited_len;

		if (copy_array_out(info.jited_func_lens, &len, sizeof(len), ulen * 4))
			return -EFAULT;
	}

	if (bpf_env_copy_to_user(uinfo, &info, info_len) ||
	    bpf_env_copy_to_user(&uattr->info.info_len, &info_len, sizeof(info_len)))
		return -EFAULT;
	return 0;
}
