#!/bin/bash
# tests/qemu/kvm_works.sh - does KVM really run glass here? Exit 0 if so.
#
# /dev/kvm can exist and still fail: nested virtualization may refuse the host CPU model or
# never start the guest. So boot the kernel for real under KVM, with a one-test ktest run, and
# look for its pass status. The answer is cached in build/kvm.status for this boot of the host.
cd "$(dirname "$0")/../.." || exit 1
cache=build/kvm.status
boot_id=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null)
if [ -f "$cache" ] && [ "$(head -1 "$cache")" = "$boot_id" ]; then
	exit "$(tail -1 "$cache")"
fi
status=1
if [ -r /dev/kvm ] && [ -w /dev/kvm ] && [ -f build/kernel.elf ]; then
	bash boot/mkiso.sh build/kernel.elf build/kvm-probe.iso "ktest=timer_ticks_advance" &&
		ACCEL=kvm timeout 20 bash tests/qemu/qemu.sh build/kvm-probe.iso </dev/null \
			>build/kvm-probe.log 2>&1
	[ $? -eq 1 ] && status=0
	rm -f build/kvm-probe.iso
fi
mkdir -p build
printf '%s\n%s\n' "$boot_id" "$status" >"$cache"
exit $status
