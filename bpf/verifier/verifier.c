/*
 * bpf/verifier/verifier.c - the entry of the verifier, bpf_check, called by bpf_prog_load
 * (bpf/prog.c) after the structural check and the resolution of map loads, before the
 * runtime is chosen.
 *
 * Until the verifier lands, every program that passed the structural check is accepted: this
 * stub only marks where the verifier runs. What bpf_check receives: prog->insnsi with each
 * map load already holding the map's (or value's) address and still naming its kind in
 * src_reg (bpf_prog_insn_map finds the map back), prog->aux->used_maps, the helper table
 * and prototypes of the program type (prog->aux->ops->get_func_proto), and attr's log_level,
 * log_buf and log_size, already checked for sanity.
 */
#include "bpf/prog_aux.h"

int bpf_check(struct bpf_prog *prog, const union bpf_attr *attr, union bpf_attr *uattr)
{
	(void)prog;
	(void)attr;
	(void)uattr;
	return 0;
}
