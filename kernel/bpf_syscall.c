/*
 * kernel/bpf_syscall.c - the bpf(2) system call: straight into the portable command layer
 * (bpf/syscall.c), which copies the attributes in through copy_from_user and checks them.
 * Loading tracing programs needs uid 0, as Linux without CAP_BPF and CAP_PERFMON.
 * perf_event_open(2) is in kernel/trace/perf_event.c.
 *
 * Also the kernel side of mmap(2) on a map's fd (bpf_map_mmap): the pages a ring buffer or a
 * BPF_F_MMAPABLE array lends to user space, found through the map's map_mmap_page.
 */
#include "kernel/syscall.h"
#include "kernel/proc/task.h"
#include "kernel/proc/uvm.h"
#include "kernel/mm/mm.h"
#include "bpf/map.h"
#include "bpf/syscall.h"

SYSCALL_DEFINE(bpf)
{
	if (current->uid != 0)
		return -EPERM;
	return __sys_bpf((int)a0, (void *)a1, (u32)a2);
}

static void map_get(void *map) { bpf_map_inc(map); }
static void map_put(void *map) { bpf_map_put(map); }

/* A writable range also counts in writecnt, which keeps the map from being frozen. */
static void map_get_writable(void *map)
{
	((struct bpf_map *)map)->writecnt++;
	bpf_map_inc(map);
}

static void map_put_writable(void *map)
{
	((struct bpf_map *)map)->writecnt--;
	bpf_map_put(map);
}

long bpf_map_mmap(u64 va, u64 npages, u64 prot, int fd, u64 off)
{
	struct bpf_map *map;
	u64 *pas;
	long err;

	if (off % PAGE_SIZE || npages > (1u << 16))
		return -EINVAL;
	err = bpf_map_get(fd, &map);
	if (err)
		return err == -EINVAL ? -ENODEV : err; /* an fd, but not a map's */
	pas = kmalloc(npages * sizeof(*pas));
	err = pas ? 0 : -ENOMEM;
	if (!err && !map->ops->map_mmap_page)
		err = -ENODEV;
	for (u64 i = 0; !err && i < npages; i++) {
		void *page;

		err = map->ops->map_mmap_page(map, off + i * PAGE_SIZE, prot & PTE_W, &page);
		if (!err)
			pas[i] = vmm_virt_to_phys(kernel_pml4, (u64)page);
		if (!err && !pas[i])
			err = -EFAULT;
	}
	if (!err)
		err = uvm_map_object(current, va, npages, pas, prot, map,
				     (prot & PTE_W) ? map_get_writable : map_get,
				     (prot & PTE_W) ? map_put_writable : map_put);
	if (!err && (prot & PTE_W))
		map->writecnt++; /* the range's reference, taken by the caller */
	kfree(pas);
	if (err)
		bpf_map_put(map);
	return err;
}
