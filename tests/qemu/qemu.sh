#!/bin/bash
# tests/qemu/qemu.sh ISO [extra qemu args] - boot an ISO headless with the serial console on
# stdio and the isa-debug-exit device. ACCEL=tcg (the default for tests), kvm, or auto (KVM when
# it really works here: tests/qemu/kvm_works.sh). QEMU's exit status: 1 = pass, 3 = fail,
# 5 = kernel panic (drivers/qemu_exit.h).
iso=$1
shift
accel=${ACCEL:-tcg}
if [ "$accel" = auto ]; then
	accel=tcg
	if bash "$(dirname "$0")/kvm_works.sh"; then
		accel=kvm
	fi
fi
if [ "$accel" = kvm ]; then
	cpu=(-enable-kvm -cpu host)
else
	cpu=(-accel tcg -cpu max)
fi
exec qemu-system-x86_64 "${cpu[@]}" -m 512M -no-reboot -display none \
	-serial stdio -monitor none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-cdrom "$iso" -boot d "$@"
